using System.Collections.Generic;
using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>Closes sessions and removes them from this runspace's list.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "UnrealCv", SupportsShouldProcess = true, DefaultParameterSetName = SessionSet)]
    [OutputType(typeof(UnrealCvSession))]
    public sealed class DisconnectUnrealCvCommand : UnrealCvCmdlet
    {
        private const string SessionSet = "Session";

        /// <summary>Sessions to close; defaults to the current session.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ParameterSetName = SessionSet)]
        [ValidateNotNullOrEmpty]
        public UnrealCvSession[]? Session { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "Id")]
        public int[] Id { get; set; } = System.Array.Empty<int>();

        [Parameter(Mandatory = true, ParameterSetName = "Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.SessionNameCompleter))]
        public string[] Name { get; set; } = System.Array.Empty<string>();

        /// <summary>Every session of this runspace.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        /// <summary>Writes each closed session.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (UnrealCvSession session in Select()) Close(session);
        }

        protected override void EndProcessing() => SayWhichSessionIsCurrent();

        private IEnumerable<UnrealCvSession> Select() => ParameterSetName switch
        {
            "All" => ModuleState.Sessions.All,
            "Id" => SelectById(Id),
            "Name" => SelectByName(Name),
            _ => Session ?? new[] { ResolveSession(null) },
        };

        private void Close(UnrealCvSession session)
        {
            if (!ShouldProcess(session.ToString(), "Disconnect")) return;
            RememberCurrentSession();
            ModuleState.Sessions.Close(session);
            WriteVerbose($"Disconnected session {session.Id} '{session.Name}' ({session.Endpoint}).");
            if (PassThru) WriteObject(session);
        }
    }
}
