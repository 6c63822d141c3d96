using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Reads objects of the game world: names matched (wildcards, case-insensitive) against <c>vget /objects</c>,
    /// then location, rotation, scale and colour of every match, all pipelined. Piped sessions are each read.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvObject")]
    [OutputType(typeof(UnrealCvObject))]
    public sealed class GetUnrealCvObjectCommand : UnrealCvCmdlet
    {
        private SceneReader? _reader;
        private SessionLists? _lists;

        /// <summary>Object names; wildcards allowed, case-insensitive. Default: every object.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[] Name { get; set; } = { "*" };

        /// <summary>The sessions to read; defaults to the current session of this runspace.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public UnrealCvSession[]? Session { get; set; }

        protected override void BeginProcessing()
        {
            _reader = new SceneReader(new CmdletHost(this));
            _lists = new SessionLists(_reader, "vget /objects");
        }

        protected override void ProcessRecord()
        {
            foreach (UnrealCvSession session in Session ?? Array.Empty<UnrealCvSession>()) _lists!.Add(session);
        }

        protected override void EndProcessing()
        {
            if (_lists!.Count == 0) _lists.Add(ResolveSession(null));
            _reader!.Flush();
            foreach (KeyValuePair<UnrealCvSession, string[]> list in _lists.Answered)
                foreach (string name in Select(list.Key, list.Value))
                    _reader.ReadObject(list.Key, name, WriteObject);
            _reader.Flush();
        }

        /// <summary>The listed names matching -Name, in list order per pattern, each once; a plain name that matches nothing is an error.</summary>
        private IEnumerable<string> Select(UnrealCvSession session, string[] listed) =>
            MatchNames(listed, name => name, Name, pattern => NewError(
                $"There is no object named '{pattern}' on {session.Name}. Get-UnrealCvObject without -Name lists them all; names are those of 'vget /objects'.",
                "UnrealCvObjectNotFound", ErrorCategory.ObjectNotFound, pattern));

        protected override void Dispose(bool disposing)
        {
            _reader?.LetGo();
            base.Dispose(disposing);
        }
    }
}
