using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using UnrealCv.Simulator.Server;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// Replies the game thread holds back to write them together: they keep their order against every other write,
    /// reach the client they were computed for, and are never held while a handler that may take time runs.
    /// </summary>
    public sealed class HeldReplyTests
    {
        /// <summary>A connected loopback pair: the server end wrapped in a link, the client end read as frames.</summary>
        private sealed class LinkPair : System.IDisposable
        {
            private readonly Socket _client;
            private readonly FrameReader _reader;

            public LinkPair()
            {
                using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                listener.Listen(1);
                _client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _client.Connect(listener.LocalEndPoint!);
                _client.ReceiveTimeout = RawClient.DefaultTimeoutMs;
                Link = new ClientLink(listener.Accept(), isUnixSocket: false);
                _reader = new FrameReader(new NetworkStream(_client, false), 1 << 20);
            }

            public ClientLink Link { get; }

            public string? Read()
            {
                int length = _reader.ReadHeader();
                if (length < 0) return null;
                var payload = new byte[length];
                _reader.ReadExactly(payload, 0, length);
                return Encoding.UTF8.GetString(payload);
            }

            public void Dispose()
            {
                Link.Close();
                _client.Dispose();
            }
        }

        [Fact]
        public void Held_replies_go_out_before_a_message_a_large_reply_and_the_close_in_the_order_computed()
        {
            using var pair = new LinkPair();
            string large = new string('L', ClientLink.LargeBody + 1);
            pair.Link.SendReply(1, Reply.OfText("a"));
            pair.Link.SendReply(2, Reply.OfText("b"));
            pair.Link.SendMessage("message");
            pair.Link.SendReply(3, Reply.OfBytes(new byte[] { (byte)'c' }));
            pair.Link.SendReply(4, Reply.OfText(large));
            pair.Link.SendReply(5, Reply.OfText("é"));
            pair.Link.Close();

            Assert.Equal(new[] { "1:a", "2:b", "message", "3:c", "4:" + large, "5:é" }, new[] { pair.Read(), pair.Read(), pair.Read(), pair.Read(), pair.Read(), pair.Read() });
            Assert.Null(pair.Read());
        }

        [Fact]
        public void A_full_hold_is_written_and_nothing_is_lost_or_reordered()
        {
            using var pair = new LinkPair();
            int count = 3 * ClientLink.HeldCapacity / 16;
            for (int i = 0; i < count; i++) pair.Link.SendReply(i, Reply.OfText("r" + i));
            pair.Link.Flush();
            for (int i = 0; i < count; i++) Assert.Equal($"{i}:r{i}", pair.Read());
        }

        [Fact]
        public void A_held_reply_is_sent_before_a_handler_that_may_take_time_runs()
        {
            using var harness = new SimulatorHarness();
            using var entered = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            harness.Simulator.Router.RegisterUnlisted("vget /test/hold", _ =>
            {
                entered.Set();
                // Longer than the client waits below, so a reply that waits for the hold cannot pass.
                release.Wait(4 * RawClient.DefaultTimeoutMs);
                return Reply.OfText("released");
            });
            using var client = harness.Connect();
            // Warm: a first reply that is slow to make (compiling) would be written by the 100 µs bound alone.
            for (int i = 0; i < 3; i++) Assert.Equal("warm", client.Request("vget /unrealcv/echo warm"));

            // One write: the echo and the hold run in one tick, the hold queued behind the echo when its reply is made.
            int[] ids = client.SendBurst("vget /unrealcv/echo first", "vget /test/hold");
            Assert.True(entered.Wait(RawClient.DefaultTimeoutMs), "the hold request never ran");
            try
            {
                Assert.True(client.Readable(RawClient.DefaultTimeoutMs), "the echo's reply waited for the hold");
                Assert.Equal("first", client.ReadText(ids[0]));
            }
            finally
            {
                release.Set();
            }
            Assert.Equal("released", client.ReadText(ids[1]));
        }

        [Fact]
        public void A_pipelined_burst_with_large_replies_among_small_ones_arrives_complete_and_in_order()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            string large = new string('x', ClientLink.LargeBody + 10);
            string[] commands = Enumerable.Range(0, 3000)
                .Select(i => i % 500 == 7 ? "vget /unrealcv/echo " + large : i % 700 == 3 ? "vget /camera/0/lit bmp" : $"vget /unrealcv/echo r{i}")
                .ToArray();
            int[] ids = client.SendBurst(commands);
            for (int i = 0; i < commands.Length; i++)
            {
                byte[] body = client.ReadReply(ids[i]);
                if (i % 500 == 7) Assert.Equal(large, Encoding.ASCII.GetString(body));
                else if (i % 700 == 3) Assert.True(body.Length > 640 * 480 * 3, $"a BMP of {body.Length} bytes");
                else Assert.Equal($"r{i}", Encoding.ASCII.GetString(body));
            }
        }
    }
}
