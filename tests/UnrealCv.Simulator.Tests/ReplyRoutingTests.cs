using System.IO;
using System.Net.Sockets;
using System.Text;
using UnrealCv.Sockets;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// Where replies go: to whichever client is connected when the game thread runs the request, as the plugin's
    /// SendData writes to its current socket. And how the request line is cut, and what a stopped binary leaves behind.
    /// </summary>
    public sealed class ReplyRoutingTests
    {
        [Fact]
        public void A_reply_queued_by_a_client_that_left_goes_to_the_next_tcp_client_with_the_old_id_on_windows()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Windows);
            harness.Simulator.Suspend();
            using (var first = harness.Connect())
                first.SendPayload("41:vget /unrealcv/echo for_the_first");

            using var second = harness.Connect(); // its welcome proves the first has left
            harness.Simulator.Resume();
            Assert.Equal("41:for_the_first", Encoding.ASCII.GetString(second.ReadFrame()!));
            Assert.Equal("mine", second.Request("vget /unrealcv/echo mine"));
        }

        [Fact]
        public void A_reply_queued_over_tcp_goes_down_the_unix_socket_after_the_linux_switch()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            harness.Simulator.Suspend();
            using (var tcp = harness.Connect())
                tcp.SendPayload("7:vget /unrealcv/echo asked_over_tcp");

            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(harness.Simulator.SocketPath!)));
            using var unix = RawClient.Unix(harness.Simulator.SocketPath!);
            unix.ExpectWelcome("SimProject");
            harness.Simulator.Resume();
            Assert.Equal("7:asked_over_tcp", Encoding.ASCII.GetString(unix.ReadFrame()!));
            Assert.Equal("1.0.1", unix.Request("vget /unrealcv/version"));
        }

        [Fact]
        public void A_reply_computed_while_nobody_is_connected_is_lost()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            harness.Simulator.Suspend();
            using (var tcp = harness.Connect())
                tcp.SendPayload("5:vget /unrealcv/echo lost");
            // The socket file shows the listener has seen the TCP client leave; nobody is on the Unix socket yet.
            Assert.True(SimulatorHarness.WaitFor(() => File.Exists(harness.Simulator.SocketPath!)));
            harness.Simulator.Resume();
            Assert.True(SimulatorHarness.WaitFor(() => harness.Simulator.BusyTicks == 1));
            // BusyTicks counts the tick before its first reply is made; a frame begun after it means that tick is over.
            harness.WaitForNextFrame();

            using var unix = RawClient.Unix(harness.Simulator.SocketPath!);
            unix.ExpectWelcome("SimProject");
            Assert.False(unix.Readable(300));
            Assert.Equal("0:mine", Encoding.ASCII.GetString(SendAndRead(unix, "0:vget /unrealcv/echo mine")));
        }

        [Theory]
        [InlineData("\r")]
        [InlineData("\n")]
        [InlineData("\v")]
        [InlineData("\f")]
        [InlineData("\r\n")]
        public void A_line_terminator_ends_the_command_and_the_rest_of_the_payload_is_dropped(string terminator)
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("3:hi", Encoding.ASCII.GetString(SendAndRead(client, "3:vget /unrealcv/echo hi" + terminator)));
            Assert.Equal("4:hi", Encoding.ASCII.GetString(SendAndRead(client, "4:vget /unrealcv/echo hi" + terminator + "vget /objects")));
            // A tab is no line terminator: it stays in the command ([str] is "anything but a space").
            Assert.Equal("5:hi\tx", Encoding.ASCII.GetString(SendAndRead(client, "5:vget /unrealcv/echo hi\tx")));
        }

        [Fact]
        public void A_stopped_linux_binary_leaves_its_socket_file_behind_and_it_refuses_connections()
        {
            var harness = new SimulatorHarness(SimulatorProfile.Linux);
            try
            {
                string path = harness.Simulator.SocketPath!;
                harness.Connect().Dispose();
                Assert.True(SimulatorHarness.WaitFor(() => File.Exists(path)));
                harness.Simulator.Stop();

                Assert.True(File.Exists(path));
                using Socket socket = UnixSocket.CreateSocket();
                var refused = Assert.Throws<SocketException>(() => socket.Connect(UnixSocket.CreateEndPoint(path)));
                Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            }
            finally
            {
                harness.Dispose();
            }
        }

        private static byte[] SendAndRead(RawClient client, string payload)
        {
            client.SendPayload(payload);
            return client.ReadFrame()!;
        }
    }
}
