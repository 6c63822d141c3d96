using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Threading;
using UnrealCv.Simulator.Server;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>One client at a time (the silent queue) and the once-per-frame execution of requests.</summary>
    public sealed class QueueAndTickTests
    {
        [Fact]
        public void Second_client_hears_nothing_until_the_first_leaves_then_gets_its_welcome_on_Windows()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Windows);
            using var first = harness.Connect();
            using var second = RawClient.Tcp(harness.Simulator.Port); // connect() succeeds: kernel backlog
            // The first is served across game frames that began after the second connected; the second hears nothing.
            Assert.Equal("still_here", first.Request("vget /unrealcv/echo still_here"));
            harness.WaitForNextFrame();
            Assert.False(second.Readable(0));

            first.Dispose();
            Assert.True(second.Readable(RawClient.DefaultTimeoutMs));
            second.ExpectWelcome("SimProject");
            Assert.Equal("1.0.1", second.Request("vget /unrealcv/version"));
        }

        [Fact]
        public void Queued_TCP_client_is_never_served_after_the_Linux_switch()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            using var first = harness.Connect();
            using var second = RawClient.Tcp(harness.Simulator.Port);
            Assert.Equal("still_here", first.Request("vget /unrealcv/echo still_here"));
            Assert.False(second.Readable(0));
            first.Dispose();
            Assert.True(SimulatorHarness.WaitFor(() => harness.Simulator.State == SimulatorState.ServingUnixSocket));

            // The listener has moved on to the Unix socket and serves it; the queued TCP client stays unheard.
            using (var unix = RawClient.Unix(harness.Simulator.SocketPath!))
            {
                unix.ExpectWelcome("SimProject");
                Assert.Equal("over_unix", unix.Request("vget /unrealcv/echo over_unix"));
            }
            harness.WaitForNextFrame();
            Assert.False(second.Readable(0));
        }

        [Fact]
        public void Pipelined_requests_are_all_answered_in_one_frame_in_order()
        {
            using var harness = new SimulatorHarness();
            using var entered = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            string FrameNow() => harness.Simulator.Frames.ToString(CultureInfo.InvariantCulture);
            // Test-only commands: one holds the game thread inside its frame, one reports the frame it ran in.
            harness.Simulator.Router.RegisterUnlisted("vget /test/hold", _ =>
            {
                entered.Set();
                release.Wait(RawClient.DefaultTimeoutMs);
                return Reply.OfText(FrameNow());
            });
            harness.Simulator.Router.RegisterUnlisted("vget /test/frame", _ => Reply.OfText(FrameNow()));
            using var client = harness.Connect();

            int hold = client.Send("vget /test/hold");
            Assert.True(entered.Wait(RawClient.DefaultTimeoutMs), "the hold request never ran");
            long busyTicks = harness.Simulator.BusyTicks;
            string[] burst = Enumerable.Range(1, 50).Select(i => $"vget /unrealcv/echo r{i}").Append("vget /test/frame").ToArray();
            int[] ids = client.SendBurst(burst);
            // The listener reads every pipelined request without waiting for a reply to any of them.
            Assert.True(SimulatorHarness.WaitFor(() => harness.Simulator.QueuedRequests == burst.Length), $"{harness.Simulator.QueuedRequests} of {burst.Length} requests queued");
            release.Set();

            string frame = client.ReadText(hold);
            for (int i = 0; i < 50; i++) Assert.Equal($"r{i + 1}", client.ReadText(ids[i]));
            Assert.Equal(frame, client.ReadText(ids[50]));
            Assert.Equal(busyTicks, harness.Simulator.BusyTicks);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(150)]
        public void A_request_queued_after_a_frame_ran_its_requests_runs_in_the_next_frame(int frameTimeMs)
        {
            var hooks = new CountingFrames();
            var delivered = new ConcurrentQueue<(int Id, string? Text)>();
            using var game = new GameLoop(frameTimeMs, command => Reply.OfText($"{command} in frame {hooks.Begun}"), (id, reply) => delivered.Enqueue((id, reply.Text)));
            game.Hooks = hooks;
            int queuedInFrame = 0;
            hooks.AtEndOfFrame = frame =>
            {
                if (Interlocked.CompareExchange(ref queuedInFrame, frame, 0) == 0) game.Enqueue(7, "late");
            };
            game.Start();

            Assert.True(SimulatorHarness.WaitFor(() => !delivered.IsEmpty), "the request was never run");
            Assert.Equal(new[] { (7, (string?)$"late in frame {queuedInFrame + 1}") }, delivered.ToArray());
        }

        /// <summary>Counts the frames a game loop begins and lets a test act at the end of each.</summary>
        private sealed class CountingFrames : IFrameHooks
        {
            private int _begun;

            public int Begun => Volatile.Read(ref _begun);

            public System.Action<int>? AtEndOfFrame { get; set; }

            public bool BeginFrame()
            {
                Interlocked.Increment(ref _begun);
                return true;
            }

            public bool EngineAlive => true;

            public void EndFrame() => AtEndOfFrame?.Invoke(Begun);
        }
    }
}
