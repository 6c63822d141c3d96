using System;
using System.Diagnostics;
using UnrealCv.Session;

namespace UnrealCv.Launch
{
    /// <summary>A game binary started by Start-UnrealCvBinary: its process, its port and, with -Connect, its session.</summary>
    public sealed class UnrealCvBinary
    {
        private readonly PortReservation _port;

        internal UnrealCvBinary(string name, string path, Process process, PortReservation port, OutputTail output)
        {
            Name = name;
            Path = path;
            Process = process;
            _port = port;
            Output = output;
            StartTime = DateTime.Now;
        }

        public string Name { get; }
        public string Path { get; }
        public Process Process { get; }
        public int ProcessId => Process.Id;
        public int Port => _port.Port;

        /// <summary>For Connect-UnrealCv by property name: the binary runs on this machine.</summary>
        public string ComputerName => "localhost";

        /// <summary>The Unix socket a Linux binary serves once its first TCP client has left.</summary>
        public string SocketPath => TransportSwitcher.DefaultSocketPath(Port);

        public DateTime StartTime { get; }

        /// <summary>Seconds from the start until the binary answered with its welcome.</summary>
        public double StartupSeconds { get; internal set; }

        /// <summary>The session opened with -Connect; null otherwise.</summary>
        public UnrealCvSession? Session { get; internal set; }

        public bool HasExited
        {
            get
            {
                try { return Process.HasExited; }
                catch (InvalidOperationException) { return true; }
            }
        }

        /// <summary>The last lines the binary wrote (stdout and stderr).</summary>
        public string[] LastOutput => Output.Lines;

        internal OutputTail Output { get; }

        /// <summary>Lets other starts have the port again (after the process has ended).</summary>
        internal void ReleasePort() => _port.Dispose();

        public override string ToString() => $"{Name} (pid {ProcessId}, port {Port})";
    }
}
