using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Base of the cmdlets that act on the game of each target session (pause, resume, step, time, keys, levels, spawning):
    /// sessions come piped or with -Session (also by property name, from Get-UnrealCvGame), else the current session.
    /// </summary>
    public abstract class UnrealCvGameCmdlet : UnrealCvSceneCmdlet
    {
        private bool _gotSessions;

        /// <summary>The sessions to act on, piped or given; defaults to the current session of this runspace.</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public override UnrealCvSession[]? Session { get; set; }

        /// <summary>Acts on one session (asking ShouldProcess first where it changes the game).</summary>
        private protected abstract void Act(UnrealCvSession session);

        /// <summary>What every game change describes itself as for -WhatIf: "game on &lt;session&gt;".</summary>
        private protected const string GameTarget = "game";

        protected override void ProcessRecord()
        {
            if (Session == null) return;
            _gotSessions = true;
            foreach (UnrealCvSession session in Session) Act(session);
        }

        protected override void EndProcessing()
        {
            if (!_gotSessions && !MyInvocation.ExpectingInput) Act(ResolveSession(null));
            base.EndProcessing();
        }

        /// <summary>One command to one session, confirmed first; with -PassThru the game is read back once it answered ok.</summary>
        private protected void Change(UnrealCvSession session, string action, IReadOnlyList<string> commands, bool passThru) =>
            Reader.Act(session, GameTarget, action, commands, passThru ? () => Reader.ReadGame(session, WriteObject) : (System.Action?)null);
    }
}
