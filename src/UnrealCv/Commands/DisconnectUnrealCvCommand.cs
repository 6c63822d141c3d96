using System.Management.Automation;
using UnrealCv.Session;

namespace UnrealCv.Commands
{
    /// <summary>Closes sessions and removes them from this runspace's list.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "UnrealCv", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvSession))]
    public sealed class DisconnectUnrealCvCommand : UnrealCvCmdlet
    {
        /// <summary>Sessions to close; defaults to the current session.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public UnrealCvSession[]? Session { get; set; }

        /// <summary>Writes each closed session.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            UnrealCvSession[] sessions = Session ?? new[] { ResolveSession(null) };
            foreach (UnrealCvSession session in sessions)
            {
                if (!ShouldProcess(session.ToString(), "Disconnect")) continue;
                session.Close();
                Registry.Remove(session);
                WriteVerbose($"Disconnected session {session.Id} '{session.Name}' ({session.Endpoint}).");
                if (PassThru) WriteObject(session);
            }
        }
    }
}
