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
            var timeout = TimeSpan.FromSeconds(TimeoutSec);
            string endpoint = $"{ComputerName}:{Port}";
            try
            {
                int id = UnrealCvSession.AllocateId();
                string name = Name ?? UnrealCvSession.DefaultName(id);
                Socket socket = SocketConnector.ConnectTcp(ComputerName, Port, timeout, Cancellation);
                var options = new ConnectionOptions($"session '{name}' ({endpoint})", id);
                UnrealCvConnection connection = UnrealCvConnection.Open(socket, options, timeout, Cancellation);
                var session = new UnrealCvSession(id, name, ComputerName, Port, null, TransportKind.Tcp, connection, TimeSpan.FromSeconds(RequestTimeoutSec));
                Registry.Add(session);
                WriteVerbose($"Connected to {session.ProjectName} at {endpoint} as session {session.Id} '{session.Name}'.");
                WriteObject(session);
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

        private UnrealCvSession? FindByName(string name)
        {
            foreach (UnrealCvSession s in Registry.Sessions)
                if (string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)) return s;
            return null;
        }
    }
}
