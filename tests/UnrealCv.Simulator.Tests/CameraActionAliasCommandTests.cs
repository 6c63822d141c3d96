using System;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>The camera, action and alias rows of the command table, and their error texts.</summary>
    public sealed class CameraActionAliasCommandTests : IDisposable
    {
        private readonly SimulatorHarness _harness = new SimulatorHarness();
        private readonly RawClient _client;

        public CameraActionAliasCommandTests() => _client = _harness.Connect();

        public void Dispose()
        {
            _client.Dispose();
            _harness.Dispose();
        }

        private string Ask(string command) => _client.Request(command);

        [Theory]
        [InlineData("vget /cameras", "PawnSensor FusionCameraSensor ")]
        [InlineData("vget /camera/0/location", "-500.000 0.000 170.000")]
        [InlineData("vget /camera/0/rotation", "-10.000 0.000 0.000")]
        [InlineData("vget /camera/1/location", "0.000 0.000 800.000")]
        [InlineData("vget /camera/1/rotation", "-90.000 0.000 0.000")]
        [InlineData("vget /camera//location", "-500.000 0.000 170.000")] // an empty [uint] is camera 0
        [InlineData("vget /camera/0/fov", "90.000000")]
        [InlineData("vget /camera/1/size", "640 480")]
        [InlineData("vget /viewmode", "lit")]
        [InlineData("vset /camera/1/projection_type orthographic", "ok")]
        [InlineData("vset /camera/1/projection_type Perspective", "ok")]
        [InlineData("vset /camera/1/ortho_width 1000", "ok")]
        [InlineData("vset /action/game/pause", "ok")]
        [InlineData("vset /action/game/resume", "ok")]
        [InlineData("vget /action/game/is_paused", "false")]
        [InlineData("vset /action/input/enable", "ok")]
        [InlineData("vset /action/input/disable", "ok")]
        [InlineData("vset /action/keyboard W 0.5", "ok")]
        [InlineData("vrun stat", "ok")]
        [InlineData("vrun r.setres 640x480w", "ok")]
        [InlineData("vrun a b c d e f", "ok")]
        [InlineData("vexec BP_Agent_C_1 set_speed 250", "ok")]
        [InlineData("vexec WorldSettings SetActorHiddenInGame true", "ok")]
        [InlineData("vbp BP_Agent_C_1 get_speed", "{\n\t\"Speed\": \"100.000000\"\n}")]
        [InlineData("vbp BP_Agent_C_1 set_speed 5", "{\n}")]
        [InlineData("vget /persistent_level/id", "PersistentLevel")]
        [InlineData("vget /persistent_level/level_script_actor/id", "LevelScriptActor_0")]
        public void Reply_is_exact(string command, string expected) => Assert.Equal(expected, Ask(command));

        [Theory]
        [InlineData("vget /camera/2/location", "error Invalid sensor id")]
        [InlineData("vset /camera/2/location 1 2 3", "error Invalid sensor id")]
        [InlineData("vget /camera/2/rotation", "error Invalid sensor id")]
        [InlineData("vset /camera/2/rotation 1 2 3", "error Invalid sensor id")]
        [InlineData("vget /camera/2/lit png", "error Invalid sensor id")]
        [InlineData("vget /camera/2/depth npy", "error Invalid sensor id")]
        [InlineData("vget /camera/2/normal png", "error Invalid sensor id")]
        [InlineData("vget /camera/2/object_mask png", "error Invalid sensor id")]
        [InlineData("vget /camera/2/seg png", "error Invalid sensor id")]
        [InlineData("vget /camera/2/fov", "error Argument Invalid")]
        [InlineData("vset /camera/2/fov 60", "error Argument Invalid")]
        [InlineData("vget /camera/2/size", "error Argument Invalid")]
        [InlineData("vset /camera/2/size 10 10", "error Argument Invalid")]
        [InlineData("vset /camera/1/moveto 1 2 3", "error MoveTo only supports the player camera with id 0")]
        [InlineData("vset /viewmode Banana", "error Can not set ViewMode to banana")]
        [InlineData("vset /camera/0/projection_type fisheye", "error Can not support camera mode fisheye, available options are perspective and orthographic")]
        [InlineData("vget /camera/0/lit npy", "error Invalid filename type, filename npy")]
        [InlineData("vget /camera/0/lit jpg", "error Invalid filename type, filename jpg")]
        [InlineData("vget /camera/0/lit shot.exr", "error Invalid filename type, filename shot.exr")]
        [InlineData("vget /camera/0/normal npy", "error Invalid filename type, filename npy")]
        [InlineData("vget /camera/0/depth png", "error Invalid filename type, filename png")]
        [InlineData("vget /camera/0/depth bmp", "error Invalid filename type, filename bmp")]
        [InlineData("vget /camera/0/depth d.png", "error Invalid filename type, filename d.png")]
        [InlineData("vget /screenshot npy", "error Invalid filename type, filename npy")]
        [InlineData("vset /action/eyes_distance 6.5", "error Not Implemented")]
        [InlineData("vrun a b c d e f g", "error Can not find a handler for URI 'vrun a b c d e f g'")]
        [InlineData("vexec Nope fly", "error Can not find actor with id 'Nope'")]
        [InlineData("vexec a b c d e f g", "error Can not find actor with id 'a'")]
        [InlineData("vexec a b c d e f g h", "error Can not find a handler for URI 'vexec a b c d e f g h'")]
        [InlineData("vexec BP_Agent_C_1 fly 1 2", "error Fail to execute the function 'fly 1 2' of BP_Agent_C_1")]
        [InlineData("vbp Nope get_speed", "error Can not find actor with id 'Nope'")]
        [InlineData("vbp BP_Agent_C_1 fly", "error Argument Invalid")]
        [InlineData("vbp a b c d e f g h i j k", "error Can not find actor with id 'a'")]
        [InlineData("vbp a b c d e f g h i j k l", "error Can not find a handler for URI 'vbp a b c d e f g h i j k l'")]
        public void Error_is_exact(string command, string expected) => Assert.Equal(expected, Ask(command));

        [Fact]
        public void Camera_pose_set_then_get_camera_0_moves_the_pawn()
        {
            Assert.Equal("ok", Ask("vset /camera/0/location 10 20 30"));
            Assert.Equal("10.000 20.000 30.000", Ask("vget /camera/0/location"));
            Assert.Equal("10.000 20.000 30.000", Ask("vget /object/DefaultPawn_0/location"));
            Assert.Equal("ok", Ask("vset /camera/0/rotation 5 -190 0"));
            _harness.WaitForNextFrame(); // the PawnSensor takes the controller's rotation on the next frame
            Assert.Equal("5.000 170.000 0.000", Ask("vget /camera/0/rotation"));
            Assert.Equal("ok", Ask("vset /camera/1/location 1 2 3"));
            Assert.Equal("1.000 2.000 3.000", Ask("vget /object/FusionCameraActor_0/location"));
        }

        [Fact]
        public void Moveto_is_blocked_by_objects()
        {
            Assert.Equal("ok", Ask("vset /camera/0/moveto -400 0 170"));
            Assert.Equal("-400.000 0.000 170.000", Ask("vget /camera/0/location"));
            Assert.Equal("ok", Ask("vset /camera/0/location -400 -150 50"));
            Assert.Equal("ok", Ask("vset /camera/0/moveto 300 -150 50")); // straight through RedBox (x 50..150)
            string[] xyz = Ask("vget /camera/0/location").Split(' ');
            double x = double.Parse(xyz[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(x, -400, 50);
            Assert.Equal("-150.000", xyz[1]);
        }

        [Fact]
        public void Fov_and_size_set_then_get()
        {
            Assert.Equal("ok", Ask("vset /camera/1/fov 60.5"));
            Assert.Equal("60.500000", Ask("vget /camera/1/fov"));
            Assert.Equal("ok", Ask("vset /camera/1/size 320 240"));
            Assert.Equal("320 240", Ask("vget /camera/1/size"));
            Assert.Equal("640 480", Ask("vget /camera/0/size"));
        }

        [Fact]
        public void Empty_film_gives_captured_data_is_empty()
        {
            Assert.Equal("ok", Ask("vset /camera/1/size 0 0"));
            Assert.Equal("error Captured data is empty", Ask("vget /camera/1/lit png"));
        }

        [Fact]
        public void Cameras_spawn_adds_a_fusion_camera_actor_and_a_sensor()
        {
            Assert.Equal("FusionCameraActor_1", Ask("vset /cameras/spawn"));
            Assert.Equal("PawnSensor FusionCameraSensor FusionCameraSensor ", Ask("vget /cameras"));
            Assert.Equal("0.000 0.000 0.000", Ask("vget /camera/2/location"));
            Assert.Equal("error Can not find a class with name 'Nothing'", Ask("vset /objects/spawn Nothing"));
        }

        [Fact]
        public void View_mode_is_case_insensitive_and_stored_lowercase()
        {
            foreach (string mode in new[] { "Depth", "normal", "OBJECT_MASK", "unlit", "base_color", "debug", "wireframe", "vertex_color", "no_transparency", "lit" })
            {
                Assert.Equal("ok", Ask("vset /viewmode " + mode));
                Assert.Equal(mode.ToLowerInvariant(), Ask("vget /viewmode"));
            }
        }

        [Fact]
        public void Pause_is_reported()
        {
            Assert.Equal("ok", Ask("vset /action/game/pause"));
            Assert.Equal("true", Ask("vget /action/game/is_paused"));
            Assert.Equal("ok", Ask("vset /action/game/resume"));
            Assert.Equal("false", Ask("vget /action/game/is_paused"));
        }

        [Fact]
        public void Blueprints_vexec_changes_what_vbp_reads()
        {
            Assert.Equal("ok", Ask("vexec bp_agent_c_1 set_speed 250.5"));
            Assert.Equal("{\n\t\"Speed\": \"250.500000\"\n}", Ask("vbp BP_Agent_C_1 get_speed"));
            Assert.Equal("{\n}", Ask("vbp BP_Agent_C_1 reset"));
            Assert.Equal("{\n\t\"Speed\": \"100.000000\"\n}", Ask("vbp BP_Agent_C_1 get_speed"));
            Assert.Equal("ok", Ask("vexec RedBox SetActorHiddenInGame 1"));
            Assert.Equal("error Fail to execute the function 'fly' of PersistentLevel", Ask("vexec PersistentLevel fly"));
        }
    }
}
