using System;
using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Base of the cmdlets that send one argument-less command to an object (<c>vset /object/&lt;name&gt;/hide</c>, <c>show</c>,
    /// <c>destroy</c>), pipelined for every piped object, after -WhatIf / -Confirm.
    /// </summary>
    public abstract class UnrealCvObjectActionCmdlet : UnrealCvSceneCmdlet
    {
        /// <summary>The object's name (case-insensitive, no wildcards), e.g. piped from Get-UnrealCvObject.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ObjectNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>The last segment of the command: hide, show or destroy.</summary>
        private protected abstract string Action { get; }

        /// <summary>How -WhatIf names what is done: Hide, Show, Destroy.</summary>
        private protected abstract string Description { get; }

        /// <summary>With -PassThru: read the object back once the command answered ok.</summary>
        private protected virtual bool ReadBack => false;

        protected override void ProcessRecord()
        {
            string name = Name;
            string command = "vset /object/" + name + "/" + Action;
            foreach (UnrealCvSession session in TargetSessions())
                Reader.Act(session, $"object '{name}'", $"{Description} ({command})", new[] { command },
                    ReadBack ? () => Reader.ReadObject(session, name, WriteObject) : (Action?)null);
        }
    }
}
