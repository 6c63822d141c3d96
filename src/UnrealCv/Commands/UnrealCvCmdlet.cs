using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Requests;
using UnrealCv.Session;
using UnrealCv.State;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Base of every cmdlet: Ctrl+C (StopProcessing, called on another thread) only cancels a token that
    /// every wait honours; errors get stable ids. All output stays on the pipeline thread.
    /// </summary>
    public abstract class UnrealCvCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private UnrealCvSession? _currentBefore;
        private bool _closedSessions;

        /// <summary>Cancelled by Ctrl+C; every wait of this command, and of helpers waiting on its behalf, honours it.</summary>
        internal CancellationToken CancellationToken => _cancel.Token;

        /// <summary>True when -Verbose or $VerbosePreference asks for verbose output (checked once, to keep tracing free otherwise).</summary>
        internal bool IsVerbose =>
            MyInvocation.BoundParameters.TryGetValue("Verbose", out object? v) ? ((SwitchParameter)v).IsPresent
            : SessionState.PSVariable.GetValue("VerbosePreference") is ActionPreference p && p != ActionPreference.SilentlyContinue && p != ActionPreference.Ignore;

        /// <summary>The sessions, simulators and binaries of this runspace.</summary>
        internal ModuleState ModuleState => ModuleState.Current;

        protected override void StopProcessing() => _cancel.Cancel();

        internal static ErrorRecord ToErrorRecord(ClientException e, object? target) => ErrorRecords.From(e, target);

        internal static ErrorRecord NewError(string message, string id, ErrorCategory category, object? target, Exception? inner = null) =>
            ErrorRecords.New(message, id, category, target, inner);

        /// <summary>The current session of this runspace, or a terminating UnrealCvNoSession error.</summary>
        internal UnrealCvSession ResolveSession(UnrealCvSession? given)
        {
            UnrealCvSession? session = given ?? ModuleState.Sessions.Current;
            if (session == null)
                ThrowTerminatingError(NewError("There is no current UnrealCV session in this runspace. Connect first with Connect-UnrealCv (or pass -Session).",
                    "UnrealCvNoSession", ErrorCategory.InvalidOperation, null));
            return session!;
        }

        /// <summary>This runspace's sessions with these ids; a missing id is a non-terminating UnrealCvSessionNotFound.</summary>
        internal IEnumerable<UnrealCvSession> SelectById(int[] ids)
        {
            IReadOnlyList<UnrealCvSession> sessions = ModuleState.Sessions.All;
            var found = new List<UnrealCvSession>();
            foreach (int id in ids)
            {
                UnrealCvSession? match = sessions.FirstOrDefault(s => s.Id == id);
                if (match != null) found.Add(match);
                else WriteError(SessionNotFound($"No session with Id {id} in this runspace.", id));
            }
            return found;
        }

        /// <summary>This runspace's sessions matching these names (wildcards allowed, case-insensitive); a plain name that matches nothing is an error.</summary>
        internal IEnumerable<UnrealCvSession> SelectByName(string[] names) =>
            MatchNames(ModuleState.Sessions.All, s => s.Name, names, name => SessionNotFound($"No session named '{name}' in this runspace.", name));

        /// <summary>
        /// The items whose name matches any pattern (wildcards, case-insensitive), in order, each once. A plain name
        /// that matches nothing writes the error <paramref name="notFound"/> makes (PSSession semantics).
        /// </summary>
        internal List<T> MatchNames<T>(IEnumerable<T> items, Func<T, string> nameOf, string[] patterns, Func<string, ErrorRecord> notFound)
        {
            var found = new List<T>();
            foreach (string name in patterns)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                var matches = items.Where(item => pattern.IsMatch(nameOf(item))).ToList();
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name)) WriteError(notFound(name));
                found.AddRange(matches.Where(m => !found.Contains(m)));
            }
            return found;
        }

        /// <summary>
        /// Writes a file this command saved as Get-Item would: through the FileSystem provider, whose note properties
        /// (PSPath, PSParentPath, and on Unix UnixStat, which the Mode/User/Group/Size columns read) a bare FileInfo lacks.
        /// </summary>
        internal void WriteFileItem(string path)
        {
            try
            {
                WriteObject(SessionState.InvokeProvider.Item.Get(new[] { path }, false, true), enumerateCollection: true);
            }
            catch (Exception e) when (e is ProviderNotFoundException || e is ItemNotFoundException || e is NotSupportedException || e is DriveNotFoundException)
            {
                WriteObject(new System.IO.FileInfo(path)); // a path no provider reaches (no FileSystem drive): the plain object
            }
        }

        /// <summary>Call before this command closes a session: remembers which session was current before its first close.</summary>
        internal void RememberCurrentSession()
        {
            if (_closedSessions) return;
            _currentBefore = ModuleState.Sessions.Current;
            _closedSessions = true;
        }

        /// <summary>
        /// Once this command has closed sessions: when the current one was among them and another took its place (the
        /// most recently connected), says which with a warning, since commands without -Session now go to another binary.
        /// </summary>
        internal void SayWhichSessionIsCurrent()
        {
            UnrealCvSession? before = _currentBefore;
            UnrealCvSession? now = ModuleState.Sessions.Current;
            if (!_closedSessions || before == null || ReferenceEquals(before, now)) return;
            if (now == null)
                WriteVerbose($"Session {before.Id} '{before.Name}' was the current session; no session is current now.");
            else
                WriteWarning($"Session {before.Id} '{before.Name}' was the current session and is closed; session {now.Id} '{now.Name}' ({now.Endpoint}, {now.ProjectName}) " +
                    "is current now, so commands without -Session go to it. Use-UnrealCvSession makes another one current.");
        }

        internal static ErrorRecord SessionNotFound(string message, object target) =>
            NewError(message + " Get-UnrealCvSession lists them.", "UnrealCvSessionNotFound", ErrorCategory.ObjectNotFound, target);

        /// <summary>Called by PowerShell when the command ends, however it ends (also after Ctrl+C or a terminating error).</summary>
        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _cancel.Dispose();
        }
    }
}
