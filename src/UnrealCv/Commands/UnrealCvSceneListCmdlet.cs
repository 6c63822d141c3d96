using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Base of the cmdlets that list something per session (<c>vget /objects</c>, <c>vget /cameras</c>) and then read
    /// what the list names: every piped session is listed once, all lists are pipelined, then all reads.
    /// </summary>
    public abstract class UnrealCvSceneListCmdlet : UnrealCvSceneCmdlet
    {
        private SessionLists? _lists;

        /// <summary>The sessions to read, piped or given; defaults to the current session of this runspace.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public override UnrealCvSession[]? Session { get; set; }

        /// <summary>The command that lists the names, e.g. "vget /objects".</summary>
        private protected abstract string ListCommand { get; }

        /// <summary>Sends the reads of one session's listed <paramref name="names"/>.</summary>
        private protected abstract void ReadListed(UnrealCvSession session, string[] names);

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _lists = new SessionLists(Reader, ListCommand);
        }

        protected override void ProcessRecord()
        {
            foreach (UnrealCvSession session in Session ?? System.Array.Empty<UnrealCvSession>()) _lists!.Add(session);
        }

        protected override void EndProcessing()
        {
            if (_lists!.Count == 0) _lists.Add(ResolveSession(null));
            Reader.Flush();
            foreach (KeyValuePair<UnrealCvSession, string[]> list in _lists.Answered) ReadListed(list.Key, list.Value);
            base.EndProcessing();
        }
    }
}
