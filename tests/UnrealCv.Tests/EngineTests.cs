using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Replies;
using UnrealCv.Transport;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Tests
{
    public class EngineTests
    {
        internal static readonly TimeSpan Short = TimeSpan.FromSeconds(5);

        /// <summary>A link whose ids start at 0 (or continue <paramref name="ids"/>), so scripts can name them.</summary>
        internal static UnrealCvConnection Open(ScriptedServer server, long maxFrameBytes = 512L << 20, RequestIds? ids = null)
        {
            Socket socket = SocketConnector.ConnectTcp("127.0.0.1", server.Port, Short, CancellationToken.None);
            var options = new ConnectionOptions("session 'Test' (scripted)", 1) { MaxFrameBytes = maxFrameBytes, Ids = ids ?? RequestIds.StartingAt(0) };
            return UnrealCvConnection.Open(socket, options, Short, CancellationToken.None);
        }

        private static string Request(UnrealCvConnection connection, string command, TimeSpan? timeout = null)
        {
            return connection.Send(command).Wait(timeout ?? Short, CancellationToken.None).Text!;
        }

        [Fact]
        public void Matches_replies_by_id_and_reads_the_welcome()
        {
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var (id, command) = s.Receive();
                s.Send($"{id}:{command.ToUpperInvariant()}");
            });
            using UnrealCvConnection connection = Open(server);
            Assert.Equal("connected to ScriptedProject", connection.Welcome);
            Assert.Equal("VGET /X", Request(connection, "vget /x"));
        }

        [Fact]
        public void Works_against_a_server_that_only_echoes_each_payload()
        {
            using var server = new ScriptedServer(s =>
            {
                s.Send("connected to EchoServer");
                for (int i = 0; i < 3; i++)
                {
                    var (id, command) = s.Receive();
                    s.Send($"{id}:{command}");
                }
            });
            using UnrealCvConnection connection = Open(server);
            Assert.Equal(new[] { "vget /x", "vget /y", "vget /z" }, new[] { "vget /x", "vget /y", "vget /z" }.Select(c => Request(connection, c)).ToArray());
        }

        [Fact]
        public void A_timed_out_request_leaves_its_late_reply_to_be_dropped_not_given_to_the_next_caller()
        {
            var release = new ManualResetEventSlim();
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var slow = s.Receive();
                release.Wait(Short);
                s.Send($"{slow.Id}:late reply to {slow.Command}");
                var next = s.Receive();
                s.Send($"{next.Id}:reply to {next.Command}");
            });
            using UnrealCvConnection connection = Open(server);
            var timeout = Assert.Throws<ClientException>(() => Request(connection, "vget /slow", TimeSpan.FromMilliseconds(200)));
            Assert.Equal(ClientFault.Timeout, timeout.Fault);
            Assert.Contains("'vget /slow' (request 0)", timeout.Message);
            release.Set();
            Assert.Equal("reply to vget /next", Request(connection, "vget /next"));
            Assert.Equal(ConnectionState.Open, connection.State);
        }

        [Fact]
        public void Frames_without_an_id_are_server_messages_never_replies()
        {
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var (id, _) = s.Receive();
                s.Send("hello from a Blueprint");
                s.Send("12345678901:eleven digits is no id");
                s.Send($"{id}:the reply");
            });
            using UnrealCvConnection connection = Open(server);
            Assert.Equal("the reply", Request(connection, "vget /x"));
            Assert.True(connection.TryTakeMessage(out ServerMessage? first));
            Assert.Equal("hello from a Blueprint", first!.Text);
            Assert.True(connection.TryTakeMessage(out ServerMessage? second));
            Assert.Equal("12345678901:eleven digits is no id", second!.Text);
            Assert.False(connection.TryTakeMessage(out _));
        }

        [Fact]
        public void Binary_replies_are_decided_by_the_command_and_kept_as_bytes()
        {
            byte[] png = { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0xFF };
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var (id, _) = s.Receive();
                s.SendRaw(Frame.Encode(Encoding.ASCII.GetBytes(id + ":").Concat(png).ToArray()));
                var text = s.Receive();
                s.Send($"{text.Id}:error Invalid filename type, filename png");
            });
            using UnrealCvConnection connection = Open(server);
            Reply image = connection.Send("vget /camera/0/lit png").Wait(Short, CancellationToken.None);
            Assert.Equal(png, image.Bytes);
            Assert.Null(image.Text);

            // depth has no png: a binary-shaped request whose refusal comes back as text.
            Reply refused = connection.Send("vget /camera/0/depth png").Wait(Short, CancellationToken.None);
            Assert.True(refused.Shape.IsBinary);
            Assert.Equal("error Invalid filename type, filename png", refused.Text);
            Assert.Null(refused.Bytes);
        }

        [Fact]
        public void Pipelined_requests_are_all_sent_before_any_reply_and_each_gets_its_own()
        {
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var received = Enumerable.Range(0, 50).Select(_ => s.Receive()).ToList();
                // Answer in reverse: matching is by id, not by order.
                foreach (var (id, command) in Enumerable.Reverse(received)) s.Send($"{id}:{command}");
            });
            using UnrealCvConnection connection = Open(server);
            var requests = Enumerable.Range(0, 50).Select(i => connection.Send($"vget /unrealcv/echo {i}")).ToList();
            var replies = requests.Select(r => r.Wait(Short, CancellationToken.None)).ToList();
            Assert.Equal(Enumerable.Range(0, 50).Select(i => $"vget /unrealcv/echo {i}"), replies.Select(r => r.Text));
            Assert.Equal(Enumerable.Range(0, 50), replies.Select(r => r.Id));
            Assert.Equal(Enumerable.Range(0, 50), requests.Select(r => r.Id));
        }

        [Fact]
        public void Many_threads_share_one_connection_and_each_gets_its_own_reply()
        {
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                for (int i = 0; i < 8 * 100; i++)
                {
                    var (id, command) = s.Receive();
                    s.Send($"{id}:{command.Substring("vget /unrealcv/echo ".Length)}");
                }
            });
            using UnrealCvConnection connection = Open(server);
            var mismatches = 0;
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, worker =>
            {
                for (int i = 0; i < 100; i++)
                {
                    string expected = $"{worker}-{i}";
                    if (Request(connection, "vget /unrealcv/echo " + expected) != expected) Interlocked.Increment(ref mismatches);
                }
            });
            Assert.Equal(0, mismatches);
        }

        [Fact]
        public void A_reply_with_an_id_no_request_carries_is_dropped_and_counted_and_the_link_stays_healthy()
        {
            // A binary answers whoever is connected: an earlier link's or another client's late reply lands here.
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var a = s.Receive();
                var b = s.Receive();
                s.Send("99:a late reply to somebody else");
                s.Send($"{a.Id}:reply to {a.Command}");
                s.Send("100:" + new string('x', 5000));
                s.Send($"{b.Id}:reply to {b.Command}");
                var c = s.Receive();
                s.Send($"{c.Id}:reply to {c.Command}");
            });
            using UnrealCvConnection connection = Open(server);
            RequestHandle a = connection.Send("vget /a");
            RequestHandle b = connection.Send("vget /b");
            Assert.Equal("reply to vget /a", a.Wait(Short, CancellationToken.None).Text);
            Assert.Equal("reply to vget /b", b.Wait(Short, CancellationToken.None).Text);
            Assert.Equal("reply to vget /c", Request(connection, "vget /c"));
            Assert.Equal(ConnectionState.Open, connection.State);
            Assert.Equal(2, connection.Ids.StrayReplies);
            Assert.True(connection.Ids.TryTakeStrayNote(out string? note));
            Assert.Contains("session 'Test'", note);
            Assert.Contains("id 99 (29 bytes)", note);
            Assert.True(connection.Ids.TryTakeStrayNote(out note));
            Assert.Contains("id 100 (5000 bytes)", note);
            Assert.False(connection.Ids.TryTakeStrayNote(out _));
        }

        [Fact]
        public void Ids_start_at_a_random_point_per_session_and_continue_across_its_links()
        {
            var firsts = Enumerable.Range(0, 8).Select(_ => RequestIds.StartingAtRandom().Next()).ToList();
            Assert.Equal(8, firsts.Distinct().Count());
            Assert.All(firsts, id => Assert.InRange(id, 0, 1 << 30));

            var ids = RequestIds.StartingAtRandom();
            int seen = -1;
            for (int link = 0; link < 2; link++)
            {
                using var server = new ScriptedServer(s =>
                {
                    s.Welcome();
                    for (int i = 0; i < 3; i++)
                    {
                        var (id, command) = s.Receive();
                        s.Send($"{id}:{command}");
                    }
                });
                using UnrealCvConnection connection = Open(server, ids: ids);
                for (int i = 0; i < 3; i++)
                {
                    RequestHandle r = connection.Send("vget /x");
                    if (seen >= 0) Assert.Equal(seen + 1, r.Id);
                    seen = r.Id;
                    Assert.Equal(seen, r.Wait(Short, CancellationToken.None).Id);
                }
            }
            Assert.Equal(0, ids.StrayReplies);
        }

        [Fact]
        public void Letting_go_of_a_request_as_its_reply_arrives_never_loses_track_of_it()
        {
            // -NoWait, a timeout or Ctrl+C landing just as the reply is read: taking the request off the table and
            // recording it as let go must be one step for the reader, or the reply counts as a stranger's and the
            // request stays "in flight" for good. Three links at once on two cores, so that threads are also
            // preempted inside that step now and then.
            // Two links report the errors of what they let go (-NoWait), one drops them (a stopped command).
            Parallel.For(0, 3, new ParallelOptions { MaxDegreeOfParallelism = 3 },
                link => LetGoWhileRepliesArrive(30000, seed: link, link < 2 ? LateReplies.ReportErrors : LateReplies.Drop));
        }

        private static void LetGoWhileRepliesArrive(int rounds, int seed, LateReplies lateReplies)
        {
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                for (int i = 0; i < rounds; i++)
                {
                    var (id, _) = s.Receive();
                    s.Send($"{id}:{(i % 2 == 0 ? "ok" : "error no")}");
                }
            });
            using UnrealCvConnection connection = Open(server);
            int errorsExpected = 0, completedBeforeLettingGo = 0;
            var batch = new RequestHandle[10];
            var jitter = new Random(seed);
            for (int i = 0; i < rounds; i += batch.Length)
            {
                // As Invoke-UnrealCvRequest -NoWait does: send a batch, then let go of it while its replies stream in.
                // The pauses spread the letting go over the time the replies take to come back.
                for (int j = 0; j < batch.Length; j++) batch[j] = connection.Send("vget /x", ReplyShape.Text, Short, CancellationToken.None, lateReplies);
                for (int j = 0; j < batch.Length; j++)
                {
                    Thread.SpinWait(jitter.Next(0, 4000));
                    if (batch[j].IsCompleted) completedBeforeLettingGo++;
                    // Whether the reply came before or after the letting go, an error reply is reported once, if at all.
                    batch[j].LetGo();
                    if ((i + j) % 2 == 1 && lateReplies == LateReplies.ReportErrors) errorsExpected++;
                }
            }
            server.Join();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (connection.InFlightCount > 0 && DateTime.UtcNow < deadline) Thread.Sleep(5);
            Assert.Equal(0, connection.InFlightCount);
            Assert.Equal(0, connection.Ids.StrayReplies);
            Assert.Equal(ConnectionState.Open, connection.State);
            int errorsReported = 0;
            while (connection.TryTakeUnobservedError(out _)) errorsReported++;
            Assert.Equal(Math.Min(errorsExpected, 1000), errorsReported); // only the newest 1000 are kept
            Assert.True(completedBeforeLettingGo > 0 && completedBeforeLettingGo < rounds, "the letting go never overlapped the replies; the race was not exercised");
        }

        [Fact]
        public void A_handle_used_after_its_request_ended_throws_instead_of_reading_a_recycled_request()
        {
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                for (int i = 0; i < 3; i++)
                {
                    var (id, command) = s.Receive();
                    s.Send($"{id}:reply to {command}");
                }
            });
            using UnrealCvConnection connection = Open(server);
            RequestHandle first = connection.Send("vget /first");
            Assert.Equal("reply to vget /first", first.Wait(Short, CancellationToken.None).Text);
            // The pool hands the object that carried the first request to the second one.
            RequestHandle second = connection.Send("vget /second");
            var stale = Assert.Throws<InvalidOperationException>(() => first.Wait(Short, CancellationToken.None));
            Assert.Equal("Request 0 ('vget /first') has already ended (its reply was taken, or it was let go); a request handle is good for one Wait or LetGo.", stale.Message);
            Assert.Throws<InvalidOperationException>(() => first.LetGo());
            Assert.Throws<InvalidOperationException>(() => first.IsCompleted);
            Reply reply = second.Wait(Short, CancellationToken.None);
            Assert.Equal((1, "vget /second", "reply to vget /second"), (reply.Id, reply.Command, reply.Text));

            RequestHandle third = connection.Send("vget /third");
            RequestHandle copy = third;
            third.LetGo();
            Assert.Contains("Request 2 ('vget /third') has already ended", Assert.Throws<InvalidOperationException>(() => copy.Wait(Short, CancellationToken.None)).Message);
            Assert.Throws<InvalidOperationException>(() => default(RequestHandle).Wait(Short, CancellationToken.None));
            server.Join();
            Assert.Equal(0, connection.InFlightCount);
            Assert.Equal(0, connection.Ids.StrayReplies);
        }

        [Fact]
        public async Task A_send_into_a_peer_that_stops_reading_ends_at_the_deadline_and_the_session_stays_usable()
        {
            using var release = new ManualResetEventSlim();
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                release.Wait(TimeSpan.FromSeconds(60)); // accepts, never reads: the buffers fill up
            });
            using UnrealCvConnection connection = Open(server);
            string command = "vget /unrealcv/echo " + new string('x', 1000);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ClientException? stuck = null;
            // Bounded by the clock, not by a count: a send that ignores its deadline fails the test instead of hanging it.
            Task filling = Task.Run(() =>
            {
                while (stuck == null && clock.Elapsed < TimeSpan.FromSeconds(30))
                {
                    try { connection.Send(command, ReplyShape.Text, TimeSpan.FromMilliseconds(300), CancellationToken.None); }
                    catch (ClientException e) { stuck = e; }
                }
            });
            await filling.WaitAsync(TimeSpan.FromSeconds(40)); // TimeoutException: a send blocked past its deadline
            Assert.NotNull(stuck);
            Assert.Equal(ClientFault.Timeout, stuck!.Fault);
            Assert.Contains("could not be sent", stuck.Message);
            Assert.Contains("still usable", stuck.Message);
            Assert.Equal(ConnectionState.Open, connection.State);

            // Another caller waits for the send lock no longer than its own deadline, and Ctrl+C ends a stuck send at once.
            using var cancel = new CancellationTokenSource(200);
            var stopClock = System.Diagnostics.Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => connection.Send("vget /x", ReplyShape.Text, TimeSpan.FromSeconds(60), cancel.Token));
            Assert.InRange(stopClock.ElapsedMilliseconds, 150, 5000);
            release.Set();
        }

        [Fact]
        public void Small_requests_to_a_peer_that_reads_poll_the_socket_only_when_their_credit_is_spent()
        {
            const int count = 1000;
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                for (int i = 0; i < count; i++)
                {
                    var (id, _) = s.Receive();
                    s.Send(id + ":ok");
                }
            });
            using UnrealCvConnection connection = Open(server);
            for (int i = 0; i < count; i++)
                Assert.Equal("ok", connection.Send("vget /unrealcv/status").Wait(Short, CancellationToken.None).Text);
            // Off Linux every send polls first; on Linux a writable poll guarantees room for many small requests.
            if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux))
                Assert.InRange(connection.SendPolls, 1, count / 20);
            else
                Assert.Equal(count, connection.SendPolls);
        }

        [Fact]
        public async Task A_frame_stuck_halfway_breaks_the_session_with_the_reason_and_fails_its_request()
        {
            using var release = new ManualResetEventSlim();
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                release.Wait(TimeSpan.FromSeconds(60));
            });
            using UnrealCvConnection connection = Open(server);
            string command = "vget /unrealcv/echo " + new string('x', 16 * 1024 * 1024);
            Task<RequestHandle> send = Task.Run(() => connection.Send(command, ReplyShape.Text, TimeSpan.FromSeconds(1), CancellationToken.None));
            RequestHandle request = await send.WaitAsync(TimeSpan.FromSeconds(15)); // TimeoutException: blocked past its deadline
            var broken = Assert.Throws<ClientException>(() => request.Wait(Short, CancellationToken.None));
            Assert.Equal(ClientFault.SessionBroken, broken.Fault);
            Assert.Matches(@"was not done within 1 s after \d+ of \d{8} bytes", broken.Message);
            Assert.Contains("out of step", broken.Message);
            Assert.Equal(ConnectionState.Broken, connection.State);
            release.Set();
        }

        [Fact]
        public void A_first_frame_too_long_for_a_welcome_is_refused_without_reading_it()
        {
            using var server = new ScriptedServer(s =>
            {
                s.Send("connected to " + new string('P', 10000));
                Thread.Sleep(300);
            });
            Socket socket = SocketConnector.ConnectTcp("127.0.0.1", server.Port, Short, CancellationToken.None);
            var refused = Assert.Throws<ClientException>(() => UnrealCvConnection.Open(socket, new ConnectionOptions("session 'Test' (scripted)", 1), Short, CancellationToken.None));
            Assert.Equal(ClientFault.ProtocolViolation, refused.Fault);
            Assert.Contains("a frame of 10013 bytes instead of the short UnrealCV welcome", refused.Message);
            Assert.DoesNotContain("Disconnect-UnrealCv", refused.Message); // no session exists to disconnect
        }

        [Fact]
        public void Ids_wrap_to_zero_after_the_largest_int32_the_plugin_can_read()
        {
            var ids = RequestIds.StartingAt(int.MaxValue - 1);
            Assert.Equal(new[] { int.MaxValue - 1, int.MaxValue, 0, 1 }, Enumerable.Range(0, 4).Select(_ => ids.Next()));
        }

        [Theory]
        [InlineData("closed-mid-frame", nameof(ClientFault.SessionBroken), "middle of a frame")]
        [InlineData("bad-magic", nameof(ClientFault.ProtocolViolation), "bad frame magic")]
        [InlineData("reset", nameof(ClientFault.SessionBroken), "failed")]
        [InlineData("closed", nameof(ClientFault.SessionBroken), "closed the connection")]
        [InlineData("oversize", nameof(ClientFault.ProtocolViolation), "more than the limit")]
        public void Stream_faults_end_every_pending_request_at_once(string fault, string expected, string messagePart)
        {
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                s.Receive();
                switch (fault)
                {
                    case "closed-mid-frame": s.SendRaw(Frame.Encode("0:a reply that is cut").Take(14).ToArray()); s.Close(); break;
                    case "bad-magic": s.SendRaw(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 4, 0, 0, 0, 0x30, 0x3A, 0x6F, 0x6B }); break;
                    case "reset": s.Reset(); break;
                    case "closed": s.Close(); break;
                    case "oversize": s.SendRaw(new byte[] { 0xC1, 0x83, 0x2B, 0x9E, 0x01, 0x00, 0x00, 0x40 }); break; // 1 GiB + 1
                }
            });
            using UnrealCvConnection connection = Open(server);
            RequestHandle request = connection.Send("vget /x");
            var started = DateTime.UtcNow;
            var e = Assert.Throws<ClientException>(() => request.Wait(TimeSpan.FromSeconds(30), CancellationToken.None));
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), "the fault should end the wait at once, not at the timeout");
            Assert.Equal(expected, e.Fault.ToString()); // a name: ClientFault is internal, a public test cannot take it
            Assert.Contains(messagePart, e.Message);
            Assert.Equal(ConnectionState.Broken, connection.State);
        }

        [Fact]
        public void Cancellation_ends_a_wait_for_a_server_that_never_replies()
        {
            using var server = new ScriptedServer(s => { s.Welcome(); s.Receive(); Thread.Sleep(3000); });
            using UnrealCvConnection connection = Open(server);
            RequestHandle request = connection.Send("vget /never");
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            Assert.ThrowsAny<OperationCanceledException>(() => request.Wait(TimeSpan.FromSeconds(60), cancel.Token));
            Assert.Equal(0, connection.PendingCount);
        }

        [Fact]
        public void No_welcome_is_reported_as_such_with_the_one_client_hint()
        {
            using var server = new ScriptedServer(s => Thread.Sleep(2000));
            Socket socket = SocketConnector.ConnectTcp("127.0.0.1", server.Port, Short, CancellationToken.None);
            var e = Assert.Throws<ClientException>(() =>
                UnrealCvConnection.Open(socket, new ConnectionOptions("session 'Test' (scripted)", 1), TimeSpan.FromMilliseconds(300), CancellationToken.None));
            Assert.Equal(ClientFault.NoWelcome, e.Fault);
            Assert.Contains("one client at a time", e.Message);
        }

        [Fact]
        public void Nothing_listening_is_reported_as_such()
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; probe.Stop(); }
            var e = Assert.Throws<ClientException>(() => SocketConnector.ConnectTcp("127.0.0.1", port, Short, CancellationToken.None));
            Assert.Equal(ClientFault.ConnectFailed, e.Fault);
            Assert.Contains($"nothing is listening at 127.0.0.1:{port}", e.Message);
        }

        [Theory]
        [InlineData("")]
        [InlineData("vget /a\nvget /b")]
        [InlineData("vget /unrealcv/echo caf\u00e9")]
        public void Commands_the_plugin_would_mangle_are_refused(string command)
        {
            Assert.Equal(ClientFault.InvalidCommand, Assert.Throws<ClientException>(() => UnrealCvConnection.CheckCommand(command)).Fault);
        }
    }
}
