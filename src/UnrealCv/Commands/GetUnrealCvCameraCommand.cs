using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using UnrealCv.Model;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Reads cameras: ids are indexes in <c>vget /cameras</c> (0 is the player pawn's sensor); for each, location,
    /// rotation, field of view and film size, all pipelined. Piped sessions are each read.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "UnrealCvCamera")]
    [OutputType(typeof(UnrealCvCamera))]
    public sealed class GetUnrealCvCameraCommand : UnrealCvCmdlet
    {
        private SceneReader? _reader;
        private SessionLists? _lists;

        /// <summary>Camera ids. Default: every camera.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ValidateRange(0, int.MaxValue)]
        public int[]? Id { get; set; }

        /// <summary>The sessions to read; defaults to the current session of this runspace.</summary>
        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public UnrealCvSession[]? Session { get; set; }

        protected override void BeginProcessing()
        {
            _reader = new SceneReader(new CmdletHost(this));
            _lists = new SessionLists(_reader, "vget /cameras");
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
            {
                UnrealCvSession session = list.Key;
                string[] names = list.Value;
                foreach (int id in Id?.Distinct() ?? Enumerable.Range(0, names.Length))
                {
                    if (id < names.Length) _reader.ReadCamera(session, id, names[id], WriteObject);
                    else WriteError(SceneReader.CameraNotFound(session, id, names));
                }
            }
            _reader.Flush();
        }

        protected override void Dispose(bool disposing)
        {
            _reader?.LetGo();
            base.Dispose(disposing);
        }
    }
}
