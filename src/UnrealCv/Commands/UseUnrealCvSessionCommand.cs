using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>Makes a session of this runspace the current one: the session the other cmdlets use when no -Session is given.</summary>
    [Cmdlet(VerbsOther.Use, "UnrealCvSession", SupportsShouldProcess = true, DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(UnrealCvSession))]
    public sealed class UseUnrealCvSessionCommand : UnrealCvCmdlet
    {
        private const string SessionSet = "Session";
        private const string IdSet = "Id";
        private const string NameSet = "Name";

        /// <summary>The session to make current, e.g. from Connect-UnrealCv or Get-UnrealCvSession.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = SessionSet)]
        [ValidateNotNull]
        public UnrealCvSession? Session { get; set; }

        /// <summary>The id of the session to make current.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet)]
        public int Id { get; set; }

        /// <summary>The name of the session to make current (case-insensitive; a wildcard must match exactly one session).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = NameSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.SessionNameCompleter))]
        public string Name { get; set; } = "";

        /// <summary>Writes the session made current.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            UnrealCvSession? session = ParameterSetName switch
            {
                IdSet => SelectById(new[] { Id }).FirstOrDefault(),
                NameSet => One(SelectByName(new[] { Name }).ToList()),
                _ => Session,
            };
            if (session != null) Use(session);
        }

        /// <summary>The only session a name matched; several are an error (which one would be current is a guess).</summary>
        private UnrealCvSession? One(List<UnrealCvSession> matches)
        {
            if (matches.Count <= 1) return matches.FirstOrDefault();
            WriteError(NewError($"'{Name}' matches {matches.Count} sessions ({string.Join(", ", matches.Select(s => s.Name))}); give a name or -Id that picks one.",
                "UnrealCvSessionAmbiguous", ErrorCategory.InvalidArgument, Name));
            return null;
        }

        private void Use(UnrealCvSession session)
        {
            if (!ShouldProcess(session.ToString(), "Make current")) return;
            if (!ModuleState.Sessions.MakeCurrent(session))
            {
                WriteError(SessionNotFound($"Session {session.Id} '{session.Name}' is not open in this runspace ({session.State}); only the sessions of this runspace can be current.", session));
                return;
            }
            WriteVerbose($"Session {session.Id} '{session.Name}' ({session.Endpoint}) is the current session.");
            if (PassThru) WriteObject(session);
        }
    }
}
