using System;
using System.IO;
using System.Linq;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>Linux (switch to the Unix socket after the first TCP client) and Windows (TCP for good) profiles.</summary>
    public sealed class ProfileTests
    {
        [Fact]
        public void Linux_creates_the_socket_file_when_the_first_TCP_client_leaves_and_serves_it()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            string path = harness.Simulator.SocketPath!;
            Assert.Equal(Path.Combine(harness.Directory, $"unrealcv_{harness.Simulator.Port}.socket"), path);
            using (var tcp = harness.Connect())
            {
                Assert.Equal("1.0.1", tcp.Request("vget /unrealcv/version"));
                Assert.False(File.Exists(path));
                Assert.Equal(SimulatorState.ServingTcp, harness.Simulator.State);
            }
            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(path), 1000));
            Assert.Equal(SimulatorState.ServingUnixSocket, harness.Simulator.State);

            using var unix = RawClient.Unix(path);
            unix.ExpectWelcome("SimProject");
            string status = unix.Request("vget /unrealcv/status");
            // 4.27-stable counts only TCP clients as connected.
            Assert.StartsWith($"Is Listening\nNo Client Connected\n{harness.Simulator.Port}\n", status);
            Assert.Equal("1.0.1", unix.Request("vget /unrealcv/version"));
        }

        [Fact]
        public void Linux_any_TCP_client_leaving_triggers_the_switch_and_TCP_is_no_longer_served()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            // A port probe that connects and closes at once is enough.
            RawClient.Tcp(harness.Simulator.Port).Dispose();
            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(harness.Simulator.SocketPath!)));

            using var late = RawClient.Tcp(harness.Simulator.Port); // the port stays open…
            Assert.False(late.Readable(300));                       // …but nobody answers
        }

        [Fact]
        public void Linux_Unix_clients_are_served_one_after_another_each_with_its_welcome()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            RawClient.Tcp(harness.Simulator.Port).Dispose();
            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(harness.Simulator.SocketPath!)));
            using var first = RawClient.Unix(harness.Simulator.SocketPath!);
            first.ExpectWelcome("SimProject");
            using var second = RawClient.Unix(harness.Simulator.SocketPath!);
            Assert.False(second.Readable(200));
            first.Dispose();
            second.ExpectWelcome("SimProject");
            Assert.Equal("0:x", "0:" + second.Request("vget /unrealcv/echo x"));
        }

        [Fact]
        public void Linux_socket_file_mode_comes_from_the_umask()
        {
            if (!OperatingSystem.IsLinux()) return;
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            RawClient.Tcp(harness.Simulator.Port).Dispose();
            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(harness.Simulator.SocketPath!)));
            int umask = ReadUmask();
            var expected = (UnixFileMode)(0x1FF & ~umask); // bind() creates the file 0777 & ~umask; no chmod
            Assert.Equal(expected, File.GetUnixFileMode(harness.Simulator.SocketPath!));
        }

        [Fact]
        public void Linux_stale_socket_file_is_replaced()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            string path = harness.Simulator.SocketPath!;
            File.WriteAllText(path, "stale");
            RawClient.Tcp(harness.Simulator.Port).Dispose();
            RawClient? unix = null;
            // Connecting to the regular file is refused; once replaced by the socket it works.
            Assert.True(SimulatorHarness.WaitFor(() => (unix = TryConnect(path)) != null));
            using (unix)
                unix!.ExpectWelcome("SimProject");
        }

        [Fact]
        public void Windows_keeps_serving_TCP_and_never_creates_a_socket_file()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Windows);
            Assert.Null(harness.Simulator.SocketPath);
            for (int i = 0; i < 3; i++)
            {
                using var client = harness.Connect();
                Assert.Equal("1.0.1", client.Request("vget /unrealcv/version"));
            }
            Assert.Empty(Directory.GetFiles(harness.Directory, "*.socket"));
            Assert.Equal(SimulatorState.ServingTcp, harness.Simulator.State);
        }

        private static RawClient? TryConnect(string path)
        {
            try { return RawClient.Unix(path); }
            catch (System.Net.Sockets.SocketException) { return null; }
        }

        /// <summary>The process umask, from /proc/self/status (Linux 4.7+).</summary>
        private static int ReadUmask()
        {
            string line = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("Umask:", StringComparison.Ordinal));
            return Convert.ToInt32(line.Substring(6).Trim(), 8);
        }
    }
}
