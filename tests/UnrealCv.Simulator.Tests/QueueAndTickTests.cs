using System.Diagnostics;
using System.Text;
using System.Threading;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>One client at a time (the silent queue) and the once-per-frame execution of requests.</summary>
    public sealed class QueueAndTickTests
    {
        [Fact]
        public void SecondClient_HearsNothingUntilTheFirstLeaves_ThenGetsItsWelcome_OnWindows()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Windows);
            using var first = harness.Connect();
            using var second = RawClient.Tcp(harness.Simulator.Port); // connect() succeeds: kernel backlog
            Assert.False(second.Readable(300));
            Assert.Equal("still_here", first.Request("vget /unrealcv/echo still_here"));

            first.Dispose();
            Assert.True(second.Readable(3000));
            second.ExpectWelcome("SimProject");
            Assert.Equal("1.0.1", second.Request("vget /unrealcv/version"));
        }

        [Fact]
        public void QueuedTcpClient_IsNeverServed_AfterTheLinuxSwitch()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux);
            using var first = harness.Connect();
            using var second = RawClient.Tcp(harness.Simulator.Port);
            Assert.False(second.Readable(200));
            first.Dispose();
            Assert.True(SimulatorHarness.WaitFor(() => System.IO.File.Exists(harness.Simulator.SocketPath!)));
            Assert.False(second.Readable(300));
        }

        [Fact]
        public void PipelinedRequests_AreAllAnsweredInOneFrame_InOrder()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 200);
            using var client = harness.Connect();
            // A reply means a tick is running. Like the plugin's, the tick drains the queue until it is
            // empty, so wait a moment for it to end; the burst then lands well before the next one.
            Assert.Equal("sync", client.Request("vget /unrealcv/echo sync"));
            Thread.Sleep(30);
            long ticksBefore = harness.Simulator.BusyTicks;

            var burst = new System.Collections.Generic.List<byte>();
            for (int i = 1; i <= 50; i++) burst.AddRange(Frame.Encode($"{i}:vget /unrealcv/echo r{i}"));
            var clock = Stopwatch.StartNew();
            client.SendBytes(burst.ToArray());
            for (int i = 1; i <= 50; i++)
                Assert.Equal($"{i}:r{i}", Encoding.ASCII.GetString(client.ReadFrame()!));
            clock.Stop();

            Assert.True(clock.ElapsedMilliseconds < 350, $"50 replies took {clock.ElapsedMilliseconds} ms with 200 ms frames");
            Assert.Equal(ticksBefore + 1, harness.Simulator.BusyTicks);
        }

        [Fact]
        public void Replies_WaitForTheNextFrame()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 150);
            using var client = harness.Connect();
            client.Request("vget /unrealcv/echo sync");
            Thread.Sleep(30); // let the tick that answered end
            var clock = Stopwatch.StartNew();
            Assert.Equal("next", client.Request("vget /unrealcv/echo next"));
            // Right after a tick, the next request waits for the following frame.
            Assert.True(clock.ElapsedMilliseconds >= 70, $"answered after {clock.ElapsedMilliseconds} ms");
        }
    }
}
