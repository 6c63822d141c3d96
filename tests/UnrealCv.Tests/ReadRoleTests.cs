using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Tests
{
    /// <summary>Who reads: a waiting caller reads its own reply; any thread may take over a frame another began.</summary>
    public class ReadRoleTests
    {
        private const string Echo = "vget /unrealcv/echo ";

        [Fact]
        public void A_caller_waiting_alone_reads_its_reply_itself_rather_than_through_the_background_reader()
        {
            const int count = 3000;
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                for (int i = 0; i < count; i++)
                {
                    var (id, command) = s.Receive();
                    s.Send($"{id}:{command.Substring(Echo.Length)}");
                }
            });
            using UnrealCvConnection connection = EngineTests.Open(server);
            for (int i = 0; i < count; i++)
                Assert.Equal("r" + i, connection.Send(Echo + "r" + i).Wait(EngineTests.Short, CancellationToken.None).Text);
            // The background reader may take a reply now and then (one that came after an idle moment: JIT, a busy machine),
            // never most; through the background reader alone (the design before) this count was 0.
            Assert.InRange(connection.RepliesReadByCallers, count * 2 / 3, count);
        }

        [Fact]
        public void Replies_cut_into_pieces_of_any_size_reach_their_own_callers_across_threads_with_messages_between()
        {
            const int threads = 4, perThread = 150;
            var random = new Random(20261203);
            int[] sizes = Enumerable.Range(0, threads * perThread).Select(i => i % 10 == 0 ? random.Next(60_000, 300_000) : random.Next(1, 3000)).ToArray();
            var messages = new List<string>();
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var pieces = new Random(7);
                for (int i = 0; i < threads * perThread; i++)
                {
                    var (id, command) = s.Receive();
                    byte[] frame = Frame.Encode(Encoding.ASCII.GetBytes(id + ":").Concat(ReplyBody(command)).ToArray());
                    if (i % 37 == 0)
                    {
                        string message = "message " + i;
                        lock (messages) messages.Add(message);
                        frame = Frame.Encode(message).Concat(frame).ToArray();
                    }
                    // Headers and id prefixes cut anywhere, bodies in pieces of a byte to many kilobytes, pauses between.
                    for (int at = 0; at < frame.Length;)
                    {
                        int n = Math.Min(frame.Length - at, pieces.Next(3) == 0 ? pieces.Next(1, 12) : pieces.Next(1, 70_000));
                        s.SendRaw(frame.Skip(at).Take(n).ToArray());
                        at += n;
                        if (pieces.Next(20) == 0) Thread.Sleep(1);
                    }
                }
            }, TimeSpan.FromSeconds(60));
            using UnrealCvConnection connection = EngineTests.Open(server, maxFrameBytes: 1 << 20);
            int wrong = 0;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker =>
            {
                for (int i = 0; i < perThread; i++)
                {
                    int size = sizes[worker * perThread + i];
                    bool binary = i % 3 == 0;
                    string command = binary ? $"vget /camera/{size}/lit png" : Echo + Tag(worker, i) + new string('x', size);
                    Reply reply = connection.Send(command).Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
                    bool right = binary ? reply.Bytes != null && reply.Bytes.SequenceEqual(ReplyBody(command)) : reply.Text == command.Substring(Echo.Length);
                    if (!right) Interlocked.Increment(ref wrong);
                }
            });
            server.Join();
            Assert.Equal(0, wrong);
            var received = new List<string>();
            while (connection.TryTakeMessage(out ServerMessage? message)) received.Add(message!.Text);
            Assert.Equal(messages, received);
            Assert.Equal(ConnectionState.Open, connection.State);
        }

        [Fact]
        public void A_reply_whose_frame_stalls_halfway_ends_its_wait_at_the_deadline_and_completes_for_nobody_later()
        {
            using var resume = new ManualResetEventSlim();
            using var server = new ScriptedServer(s =>
            {
                s.Welcome();
                var (id, _) = s.Receive();
                byte[] frame = Frame.Encode(Encoding.ASCII.GetBytes(id + ":").Concat(new byte[200_000]).ToArray());
                s.SendRaw(frame.Take(100_000).ToArray());
                resume.Wait(TimeSpan.FromSeconds(20));
                s.SendRaw(frame.Skip(100_000).ToArray());
                var (next, command) = s.Receive();
                s.Send($"{next}:{command.Substring(Echo.Length)}");
            });
            using UnrealCvConnection connection = EngineTests.Open(server);
            RequestHandle stalled = connection.Send("vget /camera/0/lit bmp");
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => stalled.Wait(TimeSpan.FromSeconds(30), cancel.Token));
            Assert.InRange(clock.Elapsed.TotalSeconds, 0.2, 5); // Ctrl+C honoured mid-frame, not after the frame
            resume.Set();
            // The rest of the stalled frame is read by whoever reads next and dropped; the next request is in step.
            Assert.Equal("after", connection.Send(Echo + "after").Wait(EngineTests.Short, CancellationToken.None).Text);
        }

        private static string Tag(int worker, int i) => $"{worker}-{i}-";

        /// <summary>What the script answers: an echo's text, or for <c>vget /camera/N/lit png</c> N bytes of a pattern.</summary>
        private static byte[] ReplyBody(string command)
        {
            if (command.StartsWith(Echo, StringComparison.Ordinal)) return Encoding.ASCII.GetBytes(command.Substring(Echo.Length));
            int size = int.Parse(command.Split('/')[2]);
            return Enumerable.Range(0, size).Select(b => (byte)(b * 7 + size)).ToArray();
        }
    }
}
