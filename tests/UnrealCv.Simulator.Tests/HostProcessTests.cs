using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>The console program UnrealCvSimulator run as a process, as a launcher would run a game binary.</summary>
    public sealed class HostProcessTests
    {
        [DllImport("libc", SetLastError = true)]
        private static extern int kill(int pid, int signal);

        [DllImport("libc", SetLastError = true)]
        private static extern int link(string existing, string created);

        private const int SigTerm = 15;
        private const string Log = "LogUnrealCV: Warning: ";

        /// <summary>A running UnrealCvSimulator process with its stdout and stderr collected line by line.</summary>
        private sealed class HostProcess : IDisposable
        {
            private readonly StringBuilder _output = new StringBuilder();
            private readonly StringBuilder _errors = new StringBuilder();

            /// <summary>Runs "dotnet UnrealCvSimulator.dll" from the test folder.</summary>
            public HostProcess(params string[] args) : this(null, args) { }

            /// <summary>Runs the program's executable at <paramref name="executable"/>.</summary>
            public static HostProcess At(string executable, params string[] args) => new HostProcess(executable, args);

            private HostProcess(string? executable, string[] args)
            {
                var start = new ProcessStartInfo(executable ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                if (executable == null) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "UnrealCvSimulator.dll"));
                foreach (string arg in args) start.ArgumentList.Add(arg);
                Process = Process.Start(start)!;
                Process.OutputDataReceived += (_, e) => { lock (_output) if (e.Data != null) _output.Append(e.Data).Append('\n'); };
                Process.ErrorDataReceived += (_, e) => { lock (_errors) if (e.Data != null) _errors.Append(e.Data).Append('\n'); };
                Process.BeginOutputReadLine();
                Process.BeginErrorReadLine();
            }

            public Process Process { get; }

            public string Output { get { lock (_output) return _output.ToString(); } }

            public string Errors { get { lock (_errors) return _errors.ToString(); } }

            public bool WaitForOutput(string text, int milliseconds = 15000) => SimulatorHarness.WaitFor(() => Output.Contains(text), milliseconds);

            /// <summary>Waits for the process to end by itself; its exit code, or null if it is still running.</summary>
            public int? ExitCode(int milliseconds = 15000)
            {
                if (!Process.WaitForExit(milliseconds)) return null;
                Process.WaitForExit(); // lets the output readers finish
                return Process.ExitCode;
            }

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

        private static bool Refused(int port)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return false;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
            {
                return true;
            }
        }

        /// <summary>The TCP ports a process listens on, from its socket inodes in /proc.</summary>
        private static IReadOnlyList<int> ListeningPorts(int pid)
        {
            var inodes = new HashSet<string>();
            foreach (string fd in Directory.GetFiles($"/proc/{pid}/fd"))
            {
                string? target = new FileInfo(fd).LinkTarget;
                if (target != null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target.Substring(8, target.Length - 9));
            }
            var ports = new List<int>();
            foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            {
                if (!File.Exists(table)) continue;
                foreach (string line in File.ReadAllLines(table).Skip(1))
                {
                    string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length > 9 && f[3] == "0A" && inodes.Contains(f[9]))
                        ports.Add(int.Parse(f[1].Substring(f[1].LastIndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
            return ports;
        }

        private static string StatusHead(int reportedPort, string iniPath) =>
            $"Is Listening\nNo Client Connected\n{reportedPort}\nConfiguration\nConfig file: {iniPath}\nPort: {reportedPort}\n";

        [Fact]
        public void Host_reads_arguments_and_ini_serves_on_Linux_profile_and_exits_cleanly_on_SIGTERM()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            string dir = temp.Path, ini = Path.Combine(dir, "unrealcv.ini");
            int port = FreePort();
            using var host = new HostProcess("DemoMap", "-cvport", port.ToString(CultureInfo.InvariantCulture), "-RenderOffScreen", "-opengl",
                $"-SimConfigDir={dir}", $"-SimSocketDirectory={dir}", "-SimProfile=Linux", "-SimFrameTimeMs=0", "-SimProjectName=HostProject", "-UnrealCVWidth", "320");
            Assert.True(host.WaitForOutput($"{Log}Start listening on {port}\n"), host.Output + host.Errors);
            Assert.Contains($"{Log}Port: {port}\n{Log}Width: 640\n", host.Output);
            Assert.Contains($"{Log}Overriding width to 320\n", host.Output);
            Assert.Equal("[UnrealCV.Core]\nPort=9000\nWidth=640\nHeight=480\nFOV=90.000000\nEnableInput=True\nEnableRightEye=False\n\n", File.ReadAllText(ini));

            using (var client = RawClient.Tcp(port))
            {
                client.ExpectWelcome("HostProject");
                string status = client.Request("vget /unrealcv/status");
                Assert.StartsWith($"Is Listening\nClient Connected\n{port}\nConfiguration\nConfig file: {ini}\nPort: {port}\nWidth: 320\nHeight: 480\n", status);
                Assert.Equal("320 480", client.Request("vget /camera/0/size"));
            }
            string socket = Path.Combine(dir, $"unrealcv_{port}.socket");
            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(socket)));
            using (var unix = RawClient.Unix(socket))
                unix.ExpectWelcome("HostProject");

            Assert.Equal(0, host.Terminate());
            Assert.True(File.Exists(socket)); // a 4.27-stable binary leaves its socket file behind
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Cvport_with_the_value_next_or_attached_listens_on_that_port_and_reports_it(bool attached)
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            int port = FreePort();
            string number = port.ToString(CultureInfo.InvariantCulture);
            string[] portArgs = attached ? new[] { "-cvport" + number } : new[] { "-cvport", number };
            using var host = new HostProcess(portArgs.Concat(new[] { $"-SimConfigDir={temp.Path}", "-SimProfile=Windows", "-SimFrameTimeMs=0" }).ToArray());
            Assert.True(host.WaitForOutput($"{Log}Start listening on {port}\n"), host.Output + host.Errors);
            Assert.Equal(new[] { port }, ListeningPorts(host.Process.Id));
            using var client = RawClient.Tcp(port);
            client.ExpectWelcome("UnrealCvSimulator");
            Assert.StartsWith(StatusHead(port, Path.Combine(temp.Path, "unrealcv.ini")).Replace("No Client", "Client"), client.Request("vget /unrealcv/status"));
        }

        [Fact]
        public void Cvport_with_equals_is_port_zero_listens_on_another_port_and_reports_zero_everywhere()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            string dir = temp.Path;
            int port = FreePort();
            using var host = new HostProcess($"-cvport={port}", $"-SimConfigDir={dir}", $"-SimSocketDirectory={dir}", "-SimProfile=Linux", "-SimFrameTimeMs=0");
            Assert.True(host.WaitForOutput($"{Log}Start listening on 0\n"), host.Output + host.Errors);
            Assert.Contains($"{Log}Port: 0\n", host.Output);
            Assert.True(Refused(port), $"something listens on {port}, which -cvport={port} must not give");

            int bound = Assert.Single(ListeningPorts(host.Process.Id));
            Assert.NotEqual(port, bound);
            using (var client = RawClient.Tcp(bound))
            {
                client.ExpectWelcome("UnrealCvSimulator");
                Assert.StartsWith(StatusHead(0, Path.Combine(dir, "unrealcv.ini")).Replace("No Client", "Client"), client.Request("vget /unrealcv/status"));
            }
            string socket = Path.Combine(dir, "unrealcv_0.socket");
            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(socket)), "the Unix socket is named after PortNum, 0");
            using (var unix = RawClient.Unix(socket))
            {
                unix.ExpectWelcome("UnrealCvSimulator");
                Assert.Contains("\n0\nConfiguration\n", unix.Request("vget /unrealcv/status"));
            }
            Assert.Equal(0, host.Terminate());
        }

        [Fact]
        public void UnrealCVPort_wins_over_cvport()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            int winner = FreePort(), loser = FreePort();
            using var host = new HostProcess("-UnrealCVPort", winner.ToString(CultureInfo.InvariantCulture), "-cvport", loser.ToString(CultureInfo.InvariantCulture),
                $"-SimConfigDir={temp.Path}", "-SimProfile=Windows", "-SimFrameTimeMs=0");
            Assert.True(host.WaitForOutput($"{Log}Start listening on {winner}\n"), host.Output + host.Errors);
            Assert.Contains($"{Log}Port: {loser}\n{Log}Width: 640\n", host.Output); // what cvport set first
            Assert.Contains($"{Log}Overriding listening port to {winner}\n", host.Output);
            Assert.Equal(new[] { winner }, ListeningPorts(host.Process.Id));
            Assert.True(Refused(loser));
        }

        [Fact]
        public void Port_outside_the_uint16_range_binds_its_low_16_bits_and_is_reported_as_given()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            int port = FreePort(), configured = port + 65536;
            using var host = new HostProcess("-cvport", configured.ToString(CultureInfo.InvariantCulture), $"-SimConfigDir={temp.Path}", "-SimProfile=Windows", "-SimFrameTimeMs=0");
            Assert.True(host.WaitForOutput($"{Log}Start listening on {configured}\n"), host.Output + host.Errors);
            Assert.Equal(new[] { port }, ListeningPorts(host.Process.Id));
            using var client = RawClient.Tcp(port);
            client.ExpectWelcome("UnrealCvSimulator");
            Assert.Contains($"\n{configured}\nConfiguration\n", client.Request("vget /unrealcv/status"));
        }

        [Fact]
        public void Ini_is_written_back_at_every_start_in_the_full_layout_with_the_inis_values()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            string ini = Path.Combine(temp.Path, "unrealcv.ini");
            int port = FreePort();
            File.WriteAllText(ini, $"[UnrealCV.Core]\nPort={port}\nFOV=75.5\n");
            using (var first = new HostProcess("-UnrealCVWidth", "320", "-UnrealCVFOV", "60", $"-SimConfigDir={temp.Path}", "-SimProfile=Linux", "-SimFrameTimeMs=0"))
            {
                Assert.True(first.WaitForOutput($"{Log}Start listening on {port}\n"), first.Output + first.Errors);
                Assert.Equal($"[UnrealCV.Core]\nPort={port}\nFOV=75.500000\nWidth=640\nHeight=480\nEnableInput=True\nEnableRightEye=False\n\n", File.ReadAllText(ini));
                Assert.Equal(0, first.Terminate());
            }
            File.WriteAllText(ini, $"[UnrealCV.Core]\nWidth=100\nPort={port}\nEnableInput=no\n");
            int other = FreePort();
            using (var second = new HostProcess("-cvport", other.ToString(CultureInfo.InvariantCulture), "-UnrealCVHeight", "50", $"-SimConfigDir={temp.Path}", "-SimProfile=Linux", "-SimFrameTimeMs=0"))
            {
                Assert.True(second.WaitForOutput($"{Log}Start listening on {other}\n"), second.Output + second.Errors);
                Assert.Equal($"[UnrealCV.Core]\nWidth=100\nPort={port}\nEnableInput=False\nHeight=480\nFOV=90.000000\nEnableRightEye=False\n\n", File.ReadAllText(ini));
                using var client = RawClient.Tcp(other);
                client.ExpectWelcome("UnrealCvSimulator");
                Assert.Contains("\nWidth: 100\nHeight: 50\nFOV: 90.000000\nEnableInput: false\n", client.Request("vget /unrealcv/status"));
            }
        }

        [Theory]
        [InlineData("--help")]
        [InlineData("-h")]
        [InlineData("-?")]
        public void Help_prints_the_usage_and_exits_without_starting_a_server(string help)
        {
            using var temp = new TempDirectory();
            int port = FreePort();
            using var host = new HostProcess("-cvport", port.ToString(CultureInfo.InvariantCulture), help, $"-SimConfigDir={temp.Path}");
            Assert.Equal(0, host.ExitCode());
            Assert.Contains("Usage: UnrealCvSimulator", host.Output);
            Assert.Contains("-cvport=9000", host.Output);
            Assert.Contains("port 0, because '=' is not a digit", host.Output);
            Assert.Contains("-SimConfigDir=Folder", host.Output);
            Assert.DoesNotContain(Log + "Loading config", host.Output);
            Assert.False(File.Exists(Path.Combine(temp.Path, "unrealcv.ini")), "--help must not run the plugin's start (which writes the ini)");
        }

        [Fact]
        public void Host_port_in_use_logs_like_the_plugin_and_keeps_running()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            var occupier = new TcpListener(IPAddress.Any, 0);
            occupier.Start();
            int port = ((IPEndPoint)occupier.LocalEndpoint).Port;
            try
            {
                using var host = new HostProcess("-cvport", port.ToString(CultureInfo.InvariantCulture), $"-SimConfigDir={temp.Path}", "-SimProfile=Windows");
                Assert.True(host.WaitForOutput($"{Log}Cannot start listening on port {port}, Port might be in use\n{Log}Failed to start network server\n"), host.Output);
                Assert.Null(host.ExitCode(300));
                Assert.Empty(ListeningPorts(host.Process.Id));
                Assert.Equal(0, host.Terminate());
            }
            finally
            {
                occupier.Stop();
            }
        }

        [Fact]
        public void Host_port_in_use_with_ExitOnFailure_exits_as_the_game_does()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            var occupier = new TcpListener(IPAddress.Any, 0);
            occupier.Start();
            int port = ((IPEndPoint)occupier.LocalEndpoint).Port;
            try
            {
                using var host = new HostProcess("-cvport", port.ToString(CultureInfo.InvariantCulture), "-UnrealCVExitOnFailure", "true", $"-SimConfigDir={temp.Path}", "-SimProfile=Windows");
                Assert.Equal(0, host.ExitCode());
                Assert.EndsWith($"{Log}Failed to start network server\n{Log}Requesting exit\n", host.Output);
            }
            finally
            {
                occupier.Stop();
            }
        }

        [Fact]
        public void A_camera_size_no_sensor_takes_stops_the_start_with_exit_code_3()
        {
            using var temp = new TempDirectory();
            using var host = new HostProcess("-UnrealCVWidth", "-5", $"-SimConfigDir={temp.Path}");
            Assert.Equal(3, host.ExitCode());
            Assert.Contains("camera size -5x480", host.Errors);
            Assert.DoesNotContain("Start listening", host.Output);
            Assert.True(File.Exists(Path.Combine(temp.Path, "unrealcv.ini")), "the ini is written before the sensors are made");
        }

        [Fact]
        public void The_ini_is_the_one_beside_the_executable_run_a_hard_link_elsewhere_reads_its_own_folder()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var temp = new TempDirectory();
            foreach (string file in Directory.GetFiles(AppContext.BaseDirectory))
            {
                string name = Path.GetFileName(file);
                if (!(name.StartsWith("UnrealCvSimulator", StringComparison.Ordinal) || name.StartsWith("UnrealCv.Simulator.", StringComparison.Ordinal)
                      || name.StartsWith("UnrealCv.Protocol.", StringComparison.Ordinal) || name.StartsWith("StbImageWriteSharp", StringComparison.Ordinal))) continue;
                string copy = Path.Combine(temp.Path, name);
                if (link(file, copy) != 0) File.Copy(file, copy); // another file system: a copy serves the same purpose
            }
            int port = FreePort();
            File.WriteAllText(Path.Combine(temp.Path, "unrealcv.ini"), $"[UnrealCV.Core]\nPort={port}\n");
            using var host = HostProcess.At(Path.Combine(temp.Path, "UnrealCvSimulator"), "-SimProfile=Windows", "-SimFrameTimeMs=0");
            Assert.True(host.WaitForOutput($"{Log}Start listening on {port}\n"), host.Output + host.Errors);
            using var client = RawClient.Tcp(port);
            client.ExpectWelcome("UnrealCvSimulator");
            Assert.Contains($"\nConfig file: {Path.Combine(temp.Path, "unrealcv.ini")}\n", client.Request("vget /unrealcv/status"));
            Assert.Contains("FOV=90.000000", File.ReadAllText(Path.Combine(temp.Path, "unrealcv.ini")));
        }
    }
}
