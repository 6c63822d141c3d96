using System;
using UnrealCv.Simulator.Scene;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// Rotations read back as the engine stores them. An object or camera 1 (a root component) keeps a
    /// quaternion, so a rotator comes back converted from it. Camera 0 is the PawnSensor: <c>vset</c> sets the
    /// controller's rotation at once, the sensor takes it (limited by the camera manager) on the next frame
    /// that is not paused, and meanwhile it turns with the pawn it is attached to.
    /// </summary>
    public sealed class RotationTests
    {
        [Theory]
        [InlineData("100 0 0", "80.000 180.000 180.000")] // past the pole: pitch folds back, yaw and roll turn round
        [InlineData("10 270 -.5", "10.000 -90.000 -0.500")]
        [InlineData("0 180 0", "0.000 -180.000 0.000")] // cos(90°) comes out a hair below zero: yaw -180, as UE prints it
        [InlineData("0 540 0", "0.000 -180.000 0.000")]
        [InlineData("-90 0 0", "-90.000 0.000 0.000")]
        public void Object_and_camera_1_read_back_through_a_quaternion(string set, string expected)
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vset /object/RedBox/rotation " + set));
            Assert.Equal(expected, client.Request("vget /object/RedBox/rotation"));
            Assert.Equal("ok", client.Request("vset /camera/1/rotation " + set));
            Assert.Equal(expected, client.Request("vget /camera/1/rotation"));
            Assert.Equal(expected, client.Request("vget /object/FusionCameraActor_0/rotation"));
        }

        [Fact]
        public void Static_objects_do_not_turn()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vset /object/Floor/rotation 0 45 0"));
            Assert.Equal("0.000 0.000 0.000", client.Request("vget /object/Floor/rotation"));
            Assert.Equal("ok", client.Request("vset /object/Floor/location 1 2 3"));
            Assert.Equal("0.000 0.000 -5.000", client.Request("vget /object/Floor/location"));
        }

        [Theory]
        [InlineData("5 -190 0", "5.000 170.000 0.000")]
        [InlineData("100 0 0", "89.899 0.000 0.000")] // the camera manager limits pitch to 89.9
        [InlineData("-100 0 0", "-89.899 0.000 0.000")]
        [InlineData("0 0 180", "0.000 0.000 89.900")]  // and roll to ±89.9
        [InlineData("20 -30 -40", "20.000 -30.000 -40.000")]
        public void Camera_0_takes_the_limited_controller_rotation_on_the_next_frame(string set, string expected)
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vset /camera/0/rotation " + set));
            harness.WaitForNextFrame();
            Assert.Equal(expected, client.Request("vget /camera/0/rotation"));
            Assert.Equal("0.000 0.000 0.000", client.Request("vget /object/DefaultPawn_0/rotation")); // the pawn does not turn
        }

        [Fact]
        public void Camera_0_read_in_the_same_frame_as_the_set_is_the_previous_pose()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 500);
            using var client = harness.Connect();
            int[] ids = client.SendBurst("vset /camera/0/rotation 30 60 0", "vget /camera/0/rotation", "vget /camera/0/lit png");
            Assert.Equal("ok", client.ReadText(ids[0]));
            Assert.Equal("-10.000 0.000 0.000", client.ReadText(ids[1]));
            byte[] before = client.ReadReply(ids[2]);
            harness.WaitForNextFrame();
            Assert.Equal("30.000 60.000 0.000", client.Request("vget /camera/0/rotation"));
            Assert.NotEqual(before, client.RequestBytes("vget /camera/0/lit png"));
        }

        [Fact]
        public void Camera_0_turns_with_its_pawn_until_the_next_frame()
        {
            using var harness = new SimulatorHarness(frameTimeMs: 500);
            using var client = harness.Connect();
            int[] ids = client.SendBurst("vset /object/DefaultPawn_0/rotation 0 90 0", "vget /camera/0/rotation");
            Assert.Equal("ok", client.ReadText(ids[0]));
            Assert.Equal("-10.000 90.000 0.000", client.ReadText(ids[1]));
            harness.WaitForNextFrame();
            // Back to the controller's rotation, through the pawn's turn and back (float noise can print roll as -0.000).
            Assert.Equal(new[] { -10.0, 0, 0 }, Numbers(client.Request("vget /camera/0/rotation")));
            Assert.Equal("0.000 90.000 0.000", client.Request("vget /object/DefaultPawn_0/rotation"));
        }

        [Fact]
        public void Camera_0_does_not_follow_while_paused_but_moves_with_the_pawn()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            byte[] before = client.RequestBytes("vget /camera/0/lit png");
            Assert.Equal("ok", client.Request("vset /action/game/pause"));
            Assert.Equal("ok", client.Request("vset /camera/0/rotation 30 60 0"));
            harness.WaitForNextFrame();
            harness.WaitForNextFrame();
            Assert.Equal("-10.000 0.000 0.000", client.Request("vget /camera/0/rotation"));
            Assert.Equal(before, client.RequestBytes("vget /camera/0/lit png"));
            Assert.Equal("ok", client.Request("vset /camera/0/location -400 0 170"));
            Assert.Equal("-400.000 0.000 170.000", client.Request("vget /camera/0/location")); // attached: follows at once

            Assert.Equal("ok", client.Request("vset /action/game/resume"));
            harness.WaitForNextFrame();
            Assert.Equal("30.000 60.000 0.000", client.Request("vget /camera/0/rotation"));
        }

        [Theory]
        [InlineData(100f, 0f, 0f, 80f, 180f, 180f)]
        [InlineData(90f, 0f, 0f, 90f, 0f, 0f)]
        [InlineData(0f, 270f, 0f, 0f, -90f, 0f)]
        [InlineData(30f, -120f, 45f, 30f, -120f, 45f)]
        public void Round_trip_follows_FQuat_Rotator(float p, float y, float r, float ep, float ey, float er)
        {
            Rotator back = UeRotationMath.RoundTrip(new Rotator(p, y, r));
            Assert.Equal(ep, back.Pitch, 3);
            Assert.Equal(ey, back.Yaw, 3);
            Assert.Equal(er, back.Roll, 3);
        }

        [Fact]
        public void Round_trip_at_the_pole_keeps_the_rotation_though_yaw_and_roll_trade_places()
        {
            var set = new Rotator(-90, 45, 0);
            Rotator back = UeRotationMath.RoundTrip(set);
            Assert.Equal(-90, back.Pitch);
            set.GetAxes(out Vector3 f1, out Vector3 r1, out Vector3 u1);
            back.GetAxes(out Vector3 f2, out Vector3 r2, out Vector3 u2);
            foreach (var (a, b) in new[] { (f1, f2), (r1, r2), (u1, u2) })
                Assert.True((a - b).Length < 1e-4, $"axis {a} became {b}");
        }

        private static double[] Numbers(string reply) =>
            Array.ConvertAll(reply.Split(' '), t => Math.Round(double.Parse(t, System.Globalization.CultureInfo.InvariantCulture), 3) + 0.0);

        [Theory]
        [InlineData(100f, -89.9f, 89.9f, 89.9f)]
        [InlineData(-100f, -89.9f, 89.9f, -89.9f)]
        [InlineData(350f, -89.9f, 89.9f, -10f)]
        [InlineData(-0.0002f, 0f, 359.999f, 0f)]
        [InlineData(200f, 0f, 359.999f, -160f)]
        public void ClampAngle_keeps_the_arc_from_min_to_max(float angle, float min, float max, float expected) =>
            Assert.Equal(expected, UeRotationMath.ClampAngle(angle, min, max), 4);

        [Theory]
        [InlineData(540f, 180f)]
        [InlineData(-180f, 180f)]
        [InlineData(181f, -179f)]
        [InlineData(-360f, 0f)]
        public void NormalizeAxis_is_in_the_half_open_range(float angle, float expected) =>
            Assert.Equal(expected, UeRotationMath.NormalizeAxis(angle), 4);
    }
}
