using System;
using System.Diagnostics;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// <c>vrun</c> runs a console command through the player controller and answers ok; the ones a game honours
    /// take effect: pause toggles the pause (the same one <c>vset /action/game/pause</c> sets), t.MaxFPS caps the
    /// frame rate, setres changes the window (so screenshots, not sensor captures) from the next frame, exit quits.
    /// </summary>
    public sealed class ConsoleCommandTests
    {
        [Fact]
        public void Pause_toggles_and_agrees_with_the_action_commands()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vrun pause"));
            Assert.Equal("true", client.Request("vget /action/game/is_paused"));
            Assert.Equal("ok", client.Request("vrun PAUSE"));
            Assert.Equal("false", client.Request("vget /action/game/is_paused"));
            Assert.Equal("ok", client.Request("vset /action/game/pause"));
            Assert.Equal("ok", client.Request("vrun pause"));
            Assert.Equal("false", client.Request("vget /action/game/is_paused"));
            Assert.Equal("ok", client.Request("vrun pause"));
            Assert.Equal("ok", client.Request("vset /action/game/resume"));
            Assert.Equal("false", client.Request("vget /action/game/is_paused"));
        }

        [Fact]
        public void Requests_still_run_while_paused()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 10);
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vrun pause"));
            Assert.Equal("1.0.1", client.Request("vget /unrealcv/version"));
            Assert.Equal("ok", client.Request("vset /object/RedBox/location 1 2 3"));
            Assert.Equal("1.000 2.000 3.000", client.Request("vget /object/RedBox/location"));
        }

        [Fact]
        public void MaxFPS_spaces_the_frames_and_zero_lifts_the_limit()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 10);
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vrun t.maxFPS 5"));
            harness.WaitForNextFrame();
            long start = harness.Simulator.Frames;
            var clock = Stopwatch.StartNew();
            Assert.True(SimulatorHarness.WaitFor(() => harness.Simulator.Frames >= start + 2, 5000));
            Assert.True(clock.ElapsedMilliseconds >= 300, $"two frames at 5 fps took {clock.ElapsedMilliseconds} ms");

            Assert.Equal("ok", client.Request("vrun t.maxfps 0"));
            harness.WaitForNextFrame();
            start = harness.Simulator.Frames;
            clock.Restart();
            Assert.True(SimulatorHarness.WaitFor(() => harness.Simulator.Frames >= start + 10, 5000));
            Assert.True(clock.ElapsedMilliseconds < 1000, $"ten 10 ms frames took {clock.ElapsedMilliseconds} ms");
        }

        [Theory]
        [InlineData("vrun setres 320x200w")]
        [InlineData("vrun r.setres 320X200f")]
        public void Setres_resizes_screenshots_from_the_next_frame_not_sensor_captures(string command)
        {
            using var harness = new SimulatorHarness(frameTimeMs: 500);
            using var client = harness.Connect();
            int[] ids = client.SendBurst(command, "vget /screenshot png");
            Assert.Equal("ok", client.ReadText(ids[0]));
            var sameFrame = CaptureReader.Png(client.ReadReply(ids[1]));
            Assert.Equal((640, 480), (sameFrame.Width, sameFrame.Height));
            harness.WaitForNextFrame();
            var shot = CaptureReader.Png(client.RequestBytes("vget /screenshot png"));
            Assert.Equal((320, 200), (shot.Width, shot.Height));
            var lit = CaptureReader.Png(client.RequestBytes("vget /camera/0/lit png"));
            Assert.Equal((640, 480), (lit.Width, lit.Height));
        }

        [Fact]
        public void Exit_answers_the_rest_of_its_frame_then_the_binary_quits()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 200);
            using var client = harness.Connect();
            bool stoppedEvent = false;
            harness.Simulator.Stopped += (_, __) => stoppedEvent = true;
            int[] ids = client.SendBurst("vrun exit", "vget /unrealcv/echo same_frame");
            Assert.Equal("ok", client.ReadText(ids[0]));
            Assert.Equal("same_frame", client.ReadText(ids[1]));
            Assert.True(client.ClosedByServer(5000));
            Assert.True(harness.Simulator.WaitForStop(TimeSpan.FromSeconds(5)));
            Assert.Equal(SimulatorState.Stopped, harness.Simulator.State);
            Assert.True(harness.Simulator.GameEnded);
            Assert.False(harness.Simulator.Crashed);
            Assert.True(stoppedEvent);
        }

        [Fact]
        public void Quit_quits_too()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vrun quit"));
            Assert.True(harness.Simulator.WaitForStop(TimeSpan.FromSeconds(5)));
            Assert.True(client.ClosedByServer(5000));
        }
    }
}
