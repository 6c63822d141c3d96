using System;
using System.Diagnostics;
using UnrealCv.Session;
using UnrealCv.Transport;

namespace UnrealCv.Launch
{
    /// <summary>A game binary started by Start-UnrealCvBinary: its process, its port and, with -Connect, its session.</summary>
    public sealed class UnrealCvBinary
    {
        private readonly PortReservation _port;

        internal UnrealCvBinary(string name, LaunchPlan plan, Process process, PortReservation port, OutputTail output, LifetimeGuard guard, string? guardNote)
        {
            LifetimeGuard = guard;
            LifetimeNote = guardNote;
            Name = name;
            Path = plan.Path;
            Executable = plan.Executable;
            PortDelivery = plan.Delivery;
            Folder = plan.Folder;
            ConfigFile = plan.ConfigFile;
            FallbackReason = plan.FallbackReason;
            Process = process;
            _port = port;
            Output = output;
            StartTime = DateTime.Now;
        }

        public string Name { get; }

        /// <summary>What was given to Start-UnrealCvBinary: the executable or the launch script.</summary>
        public string Path { get; }

        /// <summary>The file that was run: the hard link in <see cref="InstanceFolder"/>, or <see cref="Path"/> itself.</summary>
        public string Executable { get; }

        /// <summary>How the port and image size reached the binary: InstanceFolder or Arguments.</summary>
        public PortDelivery PortDelivery { get; }

        /// <summary>The folder made for this instance (with PortDelivery InstanceFolder); removed by Stop-UnrealCvBinary.</summary>
        public string? InstanceFolder => Folder?.Path;

        /// <summary>The unrealcv.ini the binary reads: its own in the instance folder, or the game's shared one (null when its executable is not known).</summary>
        public string? ConfigFile { get; }

        internal InstanceFolder? Folder { get; }

        /// <summary>Why an instance folder could not be used, when -PortDelivery Auto fell back to the command line.</summary>
        public string? FallbackReason { get; }
        public Process Process { get; }
        public int ProcessId => Process.Id;
        public int Port => _port.Port;

        /// <summary>For Connect-UnrealCv by property name: the binary runs on this machine.</summary>
        public string ComputerName => "localhost";

        /// <summary>The Unix socket a Linux binary serves once its first TCP client has left.</summary>
        public string SocketPath => SocketFile.DefaultPath(Port);

        public DateTime StartTime { get; }

        /// <summary>True when started with -KeepRunning: it may outlive PowerShell, and only Stop-UnrealCvBinary (or its own end) stops it.</summary>
        public bool KeepRunning => LifetimeGuard == LifetimeGuard.None;

        /// <summary>What ends it when PowerShell ends: None (-KeepRunning), ExitHandlers, ParentDeathSignal (Linux) or JobObject (Windows).</summary>
        public LifetimeGuard LifetimeGuard { get; }

        /// <summary>Why the guard is weaker than this OS's best (e.g. setpriv missing); null otherwise.</summary>
        internal string? LifetimeNote { get; }

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
