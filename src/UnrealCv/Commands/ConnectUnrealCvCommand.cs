using System;
using System.Management.Automation;
using System.Net;
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
        private const string UnixSet = "Unix";

        [Parameter(Position = 0, ParameterSetName = TcpSet, ValueFromPipelineByPropertyName = true)]
        [Alias("HostName", "Server")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; } = "localhost";

        [Parameter(ParameterSetName = TcpSet, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = 9000;

        /// <summary>Tcp (default), Unix (switch to the binary's Unix socket after connecting), or Auto (switch where offered).</summary>
        [Parameter(ParameterSetName = TcpSet)]
        public ConnectTransport Transport { get; set; } = ConnectTransport.Tcp;

        /// <summary>A Unix socket to connect to directly, such as /tmp/unrealcv_9000.socket.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UnixSet)]
        [Alias("LiteralPath", "SocketPath")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>A name to find the session by; defaults to UnrealCv&lt;Id&gt;.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Seconds to wait for the connection (refused connects are retried) and the welcome, and for the socket file when switching.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 10;

        /// <summary>
        /// Keep trying for up to this many seconds while the binary starts (nothing listening yet, or no welcome yet),
        /// with progress, each attempt bounded by -TimeoutSec. Replaces the fixed sleeps of launch scripts.
        /// </summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int WaitSec { get; set; }

        /// <summary>Seconds each request on this session may wait for its reply, unless a request says otherwise.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int RequestTimeoutSec { get; set; } = 30;

        /// <summary>
        /// The largest reply accepted, in bytes, at most what one .NET array holds (2147483591); a frame announcing more breaks
        /// the session and is never allocated. Memory is taken as the bytes arrive, not as a frame announces them.
        /// </summary>
        [Parameter]
        [ValidateRange(1024L, UnrealCv.Wire.FrameReader.MaxSupportedPayloadBytes)]
        public long MaxReplyBytes { get; set; } = 512L * 1024 * 1024;

        private bool IsUnixSet => ParameterSetName == UnixSet;

        private string Endpoint => IsUnixSet ? FullPath : $"{ComputerName}:{Port}";

        private string FullPath => SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);

        protected override void ProcessRecord()
        {
            if (Name != null && FindByName(Name) is UnrealCvSession existing)
            {
                WriteError(NewError($"A session named '{Name}' already exists ({existing.Endpoint}). Choose another -Name, or Disconnect-UnrealCv -Name '{Name}' first.",
                    "UnrealCvSessionNameInUse", ErrorCategory.ResourceExists, Name));
                return;
            }
            try
            {
                UnrealCvSession session = ConnectWithRetry();
                if (Transport != ConnectTransport.Tcp)
                {
                    try
                    {
                        MoveToUnixSocket(session);
                    }
                    catch
                    {
                        // A session the user never got must not linger in the list, taking later commands.
                        ModuleState.Sessions.Close(session);
                        throw;
                    }
                }
                WriteObject(session);
            }
            catch (ClientException e)
            {
                WriteError(ToErrorRecord(e, Endpoint));
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Attempts until the deadline: -TimeoutSec retries connects that are refused (the binary has not opened its port
        /// yet); -WaitSec, when longer, also retries a connection that got no welcome (still loading). One session id
        /// is taken for all attempts.
        /// </summary>
        private UnrealCvSession ConnectWithRetry()
        {
            int id = UnrealCvSession.AllocateId();
            string name = Name ?? UnrealCvSession.DefaultName(id);
            int totalSec = Math.Max(TimeoutSec, WaitSec);
            var overall = Deadline.After(TimeSpan.FromSeconds(totalSec));
            var progress = new ProgressRecord(0x55435631, $"Connecting to {Endpoint}", "waiting for the binary to answer");
            int attempt = 0;
            try
            {
                while (true)
                {
                    attempt++;
                    // A -WaitSec attempt gives each try its -TimeoutSec; otherwise one try may use all that is left.
                    long budgetMs = WaitSec > TimeoutSec ? Math.Min(TimeoutSec * 1000L, overall.RemainingMilliseconds) : overall.RemainingMilliseconds;
                    try
                    {
                        return ConnectOnce(id, name, TimeSpan.FromMilliseconds(Math.Max(1, budgetMs)));
                    }
                    // Another try only when it has time to finish: a last attempt cut to a millisecond would report a timeout.
                    catch (ClientException e) when (IsWorthRetrying(e) && overall.RemainingMilliseconds > 2 * RetryPauseMs)
                    {
                        progress.StatusDescription = $"attempt {attempt}: {e.Message}";
                        progress.PercentComplete = Math.Min(99, (int)(100 - 100.0 * overall.RemainingMilliseconds / (totalSec * 1000.0)));
                        progress.SecondsRemaining = (int)(overall.RemainingMilliseconds / 1000);
                        WriteProgress(progress);
                        WriteVerbose($"{Endpoint} not ready (attempt {attempt}): {e.Message}");
                        if (CancellationToken.WaitHandle.WaitOne(RetryPauseMs)) throw new OperationCanceledException(CancellationToken);
                    }
                    catch (ClientException e) when (attempt > 1 && IsWorthRetrying(e))
                    {
                        throw new ClientException(e.Fault, $"{e.Message} Tried {attempt} times over {totalSec} s.", e);
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

        private const int RetryPauseMs = 100;

        /// <summary>Refused means nothing listens yet: worth another try. A name that does not resolve, or a connect that timed out, is not.</summary>
        private bool IsWorthRetrying(ClientException e) =>
            SocketConnector.WasRefused(e) || (e.Fault == ClientFault.NoWelcome && WaitSec > TimeoutSec);

        private UnrealCvSession ConnectOnce(int id, string name, TimeSpan timeout)
        {
            ConnectionOptions options = UnrealCvSession.FirstLinkOptions(id, name, Endpoint);
            options.MaxFrameBytes = MaxReplyBytes;
            UnrealCvSession session = IsUnixSet
                ? new UnrealCvSession(id, name, "localhost", 0, FullPath, TransportKind.Unix,
                    LinkFactory.OpenUnix(FullPath, options, timeout, CancellationToken), TimeSpan.FromSeconds(RequestTimeoutSec))
                : new UnrealCvSession(id, name, ComputerName, Port, null, TransportKind.Tcp,
                    LinkFactory.OpenTcp(ComputerName, Port, options, timeout, CancellationToken), TimeSpan.FromSeconds(RequestTimeoutSec));
            ModuleState.Sessions.Add(session);
            WriteVerbose($"Connected to {session.ProjectName} at {Endpoint} as session {session.Id} '{session.Name}'.");
            return session;
        }

        /// <summary>-Transport Unix or Auto: the UDS recipe right after the TCP welcome.</summary>
        private void MoveToUnixSocket(UnrealCvSession session)
        {
            if (Transport == ConnectTransport.Auto && (!SocketFile.IsSupported || !IsLocal(ComputerName)))
            {
                WriteVerbose($"Staying on TCP: Unix sockets need a binary on this Linux machine ({ComputerName}).");
                return;
            }
            string path = SocketFile.DefaultPath(Port);
            SwitchOutcome outcome = TransportSwitcher.ToUnix(session, path, TimeSpan.FromSeconds(Math.Min(TimeoutSec, 3)), CancellationToken);
            string note = $"{session.Name}: no Unix socket appeared at {path}; the binary keeps serving TCP (a Windows binary or a plugin older than 4.27-stable). Staying on TCP.";
            if (outcome == SwitchOutcome.FellBackToTcp)
            {
                if (Transport == ConnectTransport.Unix) WriteWarning(note);
                else WriteVerbose(note);
            }
        }

        private static bool IsLocal(string host) =>
            string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address));

        private UnrealCvSession? FindByName(string name)
        {
            foreach (UnrealCvSession s in ModuleState.Sessions.All)
                if (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) return s;
            return null;
        }
    }
}
