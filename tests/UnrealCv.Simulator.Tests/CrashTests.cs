using System;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// Requests for which the plugin dereferences a null pointer (CameraHandler.cpp, ObjectHandler.cpp via
    /// ActorController.cpp): a binary crashes, the request is never answered and every connection drops.
    /// </summary>
    public sealed class CrashTests
    {
        [Theory]
        [InlineData("vset /camera/7/ortho_width 100")]
        [InlineData("vset /camera/7/projection_type perspective")]
        [InlineData("vget /object/WorldSettings/mobility")] // AInfo: no root component in a cooked game
        [InlineData("vget /object/GameModeBase_0/mobility")]
        public void Null_dereference_crashes_without_a_reply(string command)
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            client.Send(command);
            Assert.True(client.ClosedByServer(5000));
            Assert.True(harness.Simulator.WaitForStop(TimeSpan.FromSeconds(5)));
            Assert.True(harness.Simulator.Crashed);
        }

        [Fact]
        public void Moveto_without_a_pawn_crashes()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal("ok", client.Request("vset /object/DefaultPawn_0/destroy"));
            Assert.Equal("error Argument Invalid", client.Request("vset /camera/0/location 1 2 3")); // checked there
            client.Send("vset /camera/0/moveto 1 2 3");
            Assert.True(client.ClosedByServer(5000));
            Assert.True(harness.Simulator.Crashed);
        }

        [Theory]
        [InlineData("vset /camera/7/projection_type fisheye", "error Can not support camera mode fisheye, available options are perspective and orthographic")]
        [InlineData("vget /object/DirectionalLight_0/mobility", "Stationary")]
        [InlineData("vget /object/PlayerController_0/mobility", "Movable")]
        public void The_same_commands_where_they_do_not_dereference_null_answer(string command, string expected)
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            Assert.Equal(expected, client.Request(command));
            Assert.False(harness.Simulator.Crashed);
        }
    }
}
