using System;
using System.Globalization;
using System.Linq;
using UnrealCv.Simulator.Scene;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// Pause, time and keys (ActionHandler.cpp, vrun slomo): a paused world does not tick, so the player camera does not
    /// follow its controller and held keys move nothing; game time advances by the dilated frame time; a key pressed with
    /// <c>vset /action/keyboard</c> moves the default pawn through its engine-defined bindings until a game-time timer
    /// releases it; hide, show and destroy change what captures and the object list show.
    /// </summary>
    public sealed class GameControlTests
    {
        private static double[] Triple(string text) => text.Split(' ').Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();

        [Fact]
        public void A_paused_world_keeps_the_camera_until_a_frame_runs()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vset /action/game/pause"));
            Assert.Equal("ok", client.Request("vset /camera/0/rotation 0 45 0"));
            harness.WaitForNextFrame();
            harness.WaitForNextFrame();
            Assert.Equal("-10.000 0.000 0.000", client.Request("vget /camera/0/rotation"));
            Assert.Equal("ok", client.Request("vset /action/game/resume"));
            // The resume runs after this frame's world tick; the next frame is the first that runs. (A request sent at
            // once after the reply usually runs in that next frame, but may share the resume's frame, as on a binary,
            // when the game thread is held up right after sending the reply.)
            harness.WaitForNextFrame();
            Assert.Equal("0.000 45.000 0.000", client.Request("vget /camera/0/rotation"));
        }

        [Fact]
        public void A_held_key_moves_the_default_pawn_forward_until_its_timer_releases_it()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 10);
            using var client = harness.Connect();
            double[] start = Triple(client.Request("vget /camera/0/location"));
            Assert.Equal("ok", client.Request("vset /action/keyboard W 0.3"));
            string last = "";
            // Moving, then stopped once the key is up and the deceleration has run out.
            Assert.True(SimulatorHarness.WaitFor(() =>
            {
                string now = client.Request("vget /camera/0/location");
                bool still = now == last && Triple(now)[0] > start[0];
                last = now;
                harness.WaitForNextFrame();
                return still;
            }, 10000));
            double[] end = Triple(last);
            // Forward along the control rotation (pitch -10, yaw 0): +X, a little down, no sideways drift.
            // At most 1200 cm/s for the 0.3 s, one more frame of at most 0.4 s (FixupDeltaSeconds), and 90 cm of braking.
            Assert.InRange(end[0] - start[0], 100, 1200 * 0.3 + 1200 * 0.4 + 90);
            Assert.True(end[2] < start[2]);
            Assert.Equal(start[1], end[1], 3);
        }

        [Fact]
        public void A_paused_world_holds_the_key_and_moves_nothing()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 10);
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vset /action/game/pause"));
            string start = client.Request("vget /camera/0/location");
            Assert.Equal("ok", client.Request("vset /action/keyboard d 0.2"));
            for (int i = 0; i < 20; i++) harness.WaitForNextFrame();
            Assert.Equal(start, client.Request("vget /camera/0/location"));
            Assert.Equal("ok", client.Request("vset /action/game/resume"));
            // Still held after 20 paused frames: D moves to the right of the control rotation (yaw 0), +Y.
            Assert.True(SimulatorHarness.WaitFor(() => Triple(client.Request("vget /camera/0/location"))[1] > Triple(start)[1] + 10, 5000));
        }

        [Theory]
        [InlineData("0")]
        [InlineData("-1")]
        public void A_key_pressed_for_no_time_is_never_released(string seconds)
        {
            // FTimerManager::SetTimer with a rate of 0 or less sets no timer.
            using var harness = new SimulatorHarness(frameTimeMs: 10);
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vset /action/keyboard SpaceBar " + seconds));
            // Up at the max speed, 1200 cm/s, for well over what any timer would have allowed.
            double z0 = Triple(client.Request("vget /camera/0/location"))[2];
            Assert.True(SimulatorHarness.WaitFor(() => Triple(client.Request("vget /camera/0/location"))[2] > z0 + 600, 5000));
            double z1 = Triple(client.Request("vget /camera/0/location"))[2];
            Assert.True(SimulatorHarness.WaitFor(() => Triple(client.Request("vget /camera/0/location"))[2] > z1 + 300, 5000));
        }

        [Fact]
        public void Keyboard_needs_both_arguments_and_a_number()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("error Can not find a handler for URI 'vset /action/keyboard W'", client.Request("vset /action/keyboard W"));
            Assert.Equal("error Can not find a handler for URI 'vset /action/keyboard W 1e-3'", client.Request("vset /action/keyboard W 1e-3"));
            Assert.Equal("ok", client.Request("vset /action/keyboard NoSuchKey 0.1"));
        }

        [Fact]
        public void Input_disabled_by_the_ini_is_enabled_by_either_input_command()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 10, configure: o => o.EnableInput = false);
            using var client = harness.Connect();
            string start = client.Request("vget /camera/0/location");
            Assert.Equal("ok", client.Request("vset /action/keyboard W 0"));
            for (int i = 0; i < 20; i++) harness.WaitForNextFrame();
            Assert.Equal(start, client.Request("vget /camera/0/location"));
            // UpdateInput(Pawn, true) for "disable" too: the held key now moves the pawn.
            Assert.Equal("ok", client.Request("vset /action/input/disable"));
            Assert.True(SimulatorHarness.WaitFor(() => Triple(client.Request("vget /camera/0/location"))[0] > Triple(start)[0] + 10, 5000));
        }

        [Fact]
        public void Game_time_is_the_dilated_frame_time_clamped_by_the_world_settings()
        {
            var world = new World("Map", 8, 8, 90);
            Assert.Equal(0.1, world.GameDelta(0.1), 9);
            world.TimeDilation = 0.5f;
            Assert.Equal(0.05, world.GameDelta(0.1), 9);
            Assert.Equal(0.2, world.GameDelta(5), 9);
            Assert.Equal(0.00025, world.GameDelta(0), 9);
            world.AdvanceFrame(0.1);
            Assert.Equal(0.05, world.TimeSeconds, 9);
            world.Paused = true;
            world.AdvanceFrame(0.1);
            Assert.Equal(0.05, world.TimeSeconds, 9);
        }

        [Fact]
        public void Slomo_slows_the_timer_that_releases_a_key()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 10);
            using var client = harness.Connect();
            double x0 = Triple(client.Request("vget /camera/0/location"))[0];
            Assert.Equal("ok", client.Request("vrun slomo 0.001"));
            Assert.Equal("ok", client.Request("vset /action/keyboard W 0.1"));
            // 30 frames of about 10 ms are 0.3 ms of game time: the pawn has hardly started.
            for (int i = 0; i < 30; i++) harness.WaitForNextFrame();
            Assert.InRange(Triple(client.Request("vget /camera/0/location"))[0] - x0, 0, 0.01);
            // Back at normal speed the key, still held, moves it.
            Assert.Equal("ok", client.Request("vrun slomo 1"));
            Assert.True(SimulatorHarness.WaitFor(() => Triple(client.Request("vget /camera/0/location"))[0] > x0 + 20, 5000));
        }

        [Fact]
        public void Floating_pawn_movement_accelerates_to_its_max_speed_and_brakes()
        {
            var v = Vector3.Zero;
            var forward = new Vector3(1, 0, 0);
            v = PlayerInput.ApplyControlInputToVelocity(v, forward, 0.1);
            Assert.Equal(400, v.X, 6);
            for (int i = 0; i < 10; i++) v = PlayerInput.ApplyControlInputToVelocity(v, forward, 0.1);
            Assert.Equal(1200, v.X, 6);
            // Two keys at once: the input is clamped to length 1.
            var both = PlayerInput.ApplyControlInputToVelocity(Vector3.Zero, new Vector3(1, 1, 0), 0.1);
            Assert.Equal(400, both.Length, 6);
            v = PlayerInput.ApplyControlInputToVelocity(v, Vector3.Zero, 0.1);
            Assert.Equal(400, v.X, 6);
            v = PlayerInput.ApplyControlInputToVelocity(v, Vector3.Zero, 0.1);
            Assert.Equal(0, v.X, 6);
        }

        [Fact]
        public void Hidden_objects_leave_the_mask_but_not_the_list_and_destroyed_ones_leave_both()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            string color = client.Request("vget /object/RedBox/color");
            Assert.Equal("ok", client.Request("vset /object/RedBox/hide"));
            Assert.Contains("RedBox ", client.Request("vget /objects"));
            Assert.Equal("100.000 -150.000 50.000", client.Request("vget /object/RedBox/location"));
            Assert.Equal("ok", client.Request("vset /object/RedBox/show"));
            Assert.Equal(color, client.Request("vget /object/RedBox/color"));
            Assert.Equal("ok", client.Request("vset /object/RedBox/destroy"));
            Assert.DoesNotContain("RedBox ", client.Request("vget /objects"));
            Assert.Equal("error Can not find object", client.Request("vset /object/RedBox/destroy"));
            Assert.Equal("error Can not find object", client.Request("vset /object/RedBox/hide"));
            Assert.Equal("error Can not find object", client.Request("vset /object/RedBox/show"));
        }
    }
}
