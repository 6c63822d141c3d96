using System;
using System.Management.Automation;
using UnrealCv.Common;
using UnrealCv.Session;
using UnrealCv.Transport;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Moves a session between TCP and the binary's Unix socket (Linux binaries, plugin 4.27-stable and later),
    /// keeping its identity. Falls back to TCP with a warning when the binary creates no socket.
    /// </summary>
    [Cmdlet(VerbsCommon.Switch, "UnrealCvTransport", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvSession))]
    public sealed class SwitchUnrealCvTransportCommand : UnrealCvCmdlet
    {
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public UnrealCvSession? Session { get; set; }

        [Parameter(Mandatory = true)]
        public TransportKind Transport { get; set; }

        /// <summary>The socket the binary creates; defaults to /tmp/unrealcv_&lt;port&gt;.socket.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>Seconds for requests in flight to finish and for the socket file to appear.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 5;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            UnrealCvSession session = ResolveSession(Session);
            string target = Transport == TransportKind.Unix
                ? (Path != null ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path) : SocketFile.DefaultPath(session.Port))
                : $"{session.ComputerName}:{session.Port}";
            if (!ShouldProcess(session.ToString(), $"Switch transport to {Transport} ({target})")) return;
            try
            {
                SwitchOutcome outcome = Transport == TransportKind.Unix
                    ? TransportSwitcher.ToUnix(session, target, TimeSpan.FromSeconds(TimeoutSec), CancellationToken)
                    : TransportSwitcher.ToTcp(session, TimeSpan.FromSeconds(TimeoutSec), CancellationToken);
                if (outcome == SwitchOutcome.FellBackToTcp)
                    WriteWarning($"{session.Name}: no Unix socket appeared at {target} within {TimeoutSec} s (a Windows binary, or a plugin older than 4.27-stable); reconnected over TCP.");
                WriteVerbose($"{session.Name}: {outcome}, now {session.Transport} at {session.Endpoint}.");
                if (PassThru) WriteObject(session);
            }
            catch (ClientException e)
            {
                WriteError(ToErrorRecord(e, session));
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }
    }
}
