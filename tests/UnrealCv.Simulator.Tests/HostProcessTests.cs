using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>The console program UnrealCvSimulator run as a process, as a launcher would run a game binary.</summary>
    public sealed class HostProcessTests
    {
        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);

        private const int SigTerm = 15;

        /// <summary>A running UnrealCvSimulator process with its stdout collected line by line.</summary>
        private sealed class HostProcess : IDisposable
        {
            private readonly StringBuilder _output = new StringBuilder();

            public HostProcess(params string[] args)
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UnrealCvSimulator.dll"));
                foreach (string arg in args) start.ArgumentList.Add(arg);
                Process = Process.Start(start)!;
                Process.OutputDataReceived += (_, e) => { lock (_output) if (e.Data != null) _output.Append(e.Data).Append('\n'); };
                Process.BeginOutputReadLine();
            }

            public Process Process { get; }

            public string Output { get { lock (_output) return _output.ToString(); } }

            public bool WaitForOutput(string text, int milliseconds = 15000) => SimulatorHarness.WaitFor(() => Output.Contains(text), milliseconds);

            public int Terminate()
            {
                Assert.Equal(0, kill(Process.Id, SigTerm));
                Assert.True(Process.WaitForExit(10000), "the simulator did not exit on SIGTERM");
                return Process.ExitCode;
            }

            public void Dispose()
            {
                if (!Process.HasExited) Process.Kill();
                Process.Dispose();
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Any, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        [Fact]
        public void Host_ReadsArgumentsAndIni_ServesOnLinuxProfile_AndExitsCleanlyOnSigterm()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            string dir = temp.Path;
            int port = FreePort();
            using var host = new HostProcess("DemoMap", $"-UnrealCVPort={port}", "-cvport=1", "-RenderOffScreen", "-opengl",
                $"-SimConfigDir={dir}", $"-SimSocketDirectory={dir}", "-SimProfile=Linux", "-SimFrameTimeMs=0", "-SimProjectName=HostProject", "-UnrealCVWidth=320");
            Assert.True(host.WaitForOutput($"UnrealCvSimulator listening on port {port}\n"), host.Output);
            Assert.Equal("[UnrealCV.Core]\nPort=9000\nWidth=640\nHeight=480\nFOV=90.000000\nEnableInput=True\nEnableRightEye=False\n\n",
                File.ReadAllText(Path.Combine(dir, "unrealcv.ini")));

            using (var client = RawClient.Tcp(port))
            {
                client.ExpectWelcome("HostProject");
                string status = client.Request("vget /unrealcv/status");
                Assert.Contains($"\nConfig file: {Path.Combine(dir, "unrealcv.ini")}\nPort: {port}\nWidth: 320\nHeight: 480\n", status);
                Assert.Equal("320 480", client.Request("vget /camera/0/size"));
            }
            string socket = Path.Combine(dir, $"unrealcv_{port}.socket");
            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(socket)));
            using (var unix = RawClient.Unix(socket))
                unix.ExpectWelcome("HostProject");

            Assert.Equal(0, host.Terminate());
            Assert.True(File.Exists(socket)); // a 4.27-stable binary leaves its socket file behind
        }

        [Fact]
        public void Host_PortInUse_LogsLikeThePlugin_AndKeepsRunning()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            string dir = temp.Path;
            var occupier = new TcpListener(IPAddress.Any, 0);
            occupier.Start();
            int port = ((IPEndPoint)occupier.LocalEndpoint).Port;
            try
            {
                using var host = new HostProcess($"-cvport={port}", $"-SimConfigDir={dir}", $"-SimSocketDirectory={dir}", "-SimProfile=Windows");
                Assert.True(host.WaitForOutput($"Cannot start listening on port {port}, Port might be in use\n"), host.Output);
                Thread.Sleep(200);
                Assert.False(host.Process.HasExited);
                Assert.Equal(0, host.Terminate());
            }
            finally
            {
                occupier.Stop();
            }
        }
    }
}
