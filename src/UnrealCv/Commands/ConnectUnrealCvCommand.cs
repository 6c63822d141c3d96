using System;
using System.Management.Automation;
using System.Net.Sockets;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Session;
using UnrealCv.Transport;

namespace UnrealCv.Commands
{
    /// <summary>Connects to a binary running the UnrealCV plugin and makes the session current.</summary>
    [Cmdlet(VerbsCommunications.Connect, "UnrealCv", DefaultParameterSetName = TcpSet)]
    [OutputType(typeof(UnrealCvSession))]
    public sealed class ConnectUnrealCvCommand : UnrealCvCmdlet
    {
        private const string TcpSet = "Tcp";

        [Parameter(Position = 0, ParameterSetName = TcpSet, ValueFromPipelineByPropertyName = true)]
        [Alias("HostName", "Server")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; } = "localhost";

        [Parameter(ParameterSetName = TcpSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 9000;

        /// <summary>A name to find the session by; defaults to UnrealCv&lt;Id&gt;.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Seconds to wait for the connection and the welcome.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 10;

        /// <summary>
        /// Keep trying for up to this many seconds while the binary starts (nothing listening yet, or no welcome yet),
        /// with progress. Replaces the fixed sleeps of launch scripts. 0 tries once.
        /// </summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int WaitSec { get; set; }

        /// <summary>Seconds each request on this session may wait for its reply, unless a request says otherwise.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int RequestTimeoutSec { get; set; } = 30;

        protected override void ProcessRecord()
        {
            if (Name != null && FindByName(Name) is UnrealCvSession existing)
            {
                WriteError(NewError($"A session named '{Name}' already exists ({existing.Endpoint}). Choose another -Name, or Disconnect-UnrealCv -Name '{Name}' first.",
                    "UnrealCvSessionNameInUse", ErrorCategory.ResourceExists, Name));
                return;
            }
            string endpoint = $"{ComputerName}:{Port}";
            try
            {
                WriteObject(ConnectWithRetry(endpoint));
            }
            catch (ClientException e)
            {
                WriteError(ToErrorRecord(e, endpoint));
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>One attempt, or attempts until -WaitSec runs out while the binary is not ready yet.</summary>
        private UnrealCvSession ConnectWithRetry(string endpoint)
        {
            var wait = Deadline.After(TimeSpan.FromSeconds(WaitSec));
            var progress = new ProgressRecord(0x55435631, $"Connecting to {endpoint}", "waiting for the binary to answer");
            int attempt = 0;
            try
            {
                while (true)
                {
                    attempt++;
                    try
                    {
                        return ConnectOnce(endpoint, WaitSec == 0 ? TimeSpan.FromSeconds(TimeoutSec)
                            : TimeSpan.FromMilliseconds(Math.Max(1, Math.Min(TimeoutSec * 1000, wait.RemainingMilliseconds))));
                    }
                    catch (ClientException e) when ((e.Fault == ClientFault.ConnectFailed || e.Fault == ClientFault.NoWelcome) && !wait.HasPassed)
                    {
                        progress.StatusDescription = $"attempt {attempt}: {e.Message}";
                        progress.PercentComplete = Math.Min(99, (int)(100 - 100.0 * wait.RemainingMilliseconds / (WaitSec * 1000.0)));
                        progress.SecondsRemaining = wait.RemainingMilliseconds / 1000;
                        WriteProgress(progress);
                        WriteVerbose($"{endpoint} not ready (attempt {attempt}): {e.Message}");
                        if (Cancellation.WaitHandle.WaitOne(Math.Min(250, wait.RemainingMilliseconds))) throw new OperationCanceledException(Cancellation);
                    }
                }
            }
            finally
            {
                if (attempt > 1)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }

        private UnrealCvSession ConnectOnce(string endpoint, TimeSpan timeout)
        {
            int id = UnrealCvSession.AllocateId();
            string name = Name ?? UnrealCvSession.DefaultName(id);
            Socket socket = SocketConnector.ConnectTcp(ComputerName, Port, timeout, Cancellation);
            var options = new ConnectionOptions($"session '{name}' ({endpoint})", id);
            UnrealCvConnection connection = UnrealCvConnection.Open(socket, options, timeout, Cancellation);
            var session = new UnrealCvSession(id, name, ComputerName, Port, null, TransportKind.Tcp, connection, TimeSpan.FromSeconds(RequestTimeoutSec));
            Registry.Add(session);
            WriteVerbose($"Connected to {session.ProjectName} at {endpoint} as session {session.Id} '{session.Name}'.");
            return session;
        }

        private UnrealCvSession? FindByName(string name)
        {
            foreach (UnrealCvSession s in Registry.Sessions)
                if (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) return s;
            return null;
        }
    }
}
