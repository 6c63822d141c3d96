using System;
using System.Text.RegularExpressions;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// Object annotation as ObjectAnnotator.cpp does it: once, when the world starts, every actor in list order
    /// takes the next colour of the plugin's colour map and those with a mesh get annotation components. Actors
    /// spawned later have none: not in object masks (though in depth and lit), and their colour reads as memory
    /// the plugin never set, until <c>vset /object/[str]/color</c> gives them one.
    /// Camera 1 looks straight down at the origin from 800 cm; image centre is world (0, 0).
    /// </summary>
    public sealed class AnnotationTests : IDisposable
    {
        private static readonly Regex AnyColor = new Regex(@"^\(R=\d+,G=\d+,B=\d+,A=\d+\)$");
        private readonly SimulatorHarness _harness = new SimulatorHarness();
        private readonly RawClient _client;

        public AnnotationTests() => _client = _harness.Connect();

        public void Dispose()
        {
            _client.Dispose();
            _harness.Dispose();
        }

        private string Ask(string command) => _client.Request(command);

        private (byte, byte, byte) MaskCentre() => CaptureReader.Pixel(CaptureReader.Png(_client.RequestBytes("vget /camera/1/object_mask png")), 320, 240);

        [Theory]
        [InlineData("Floor", "(R=255,G=0,B=255,A=255)")]      // 6th actor: index 5 of the map
        [InlineData("RedBox", "(R=255,G=255,B=0,A=255)")]     // index 6
        [InlineData("GreenBox", "(R=255,G=255,B=255,A=255)")] // index 7
        [InlineData("BlueBox", "(R=0,G=0,B=127,A=255)")]      // index 8, the first of the second shell
        public void Level_meshes_take_the_plugins_colour_map_in_actor_order(string actor, string expected) =>
            Assert.Equal(expected, Ask($"vget /object/{actor}/color"));

        [Fact]
        public void Spawned_cube_is_in_depth_and_lit_but_not_in_the_mask_until_coloured()
        {
            var floor = (byte)255;
            Assert.Equal((floor, (byte)0, floor), MaskCentre());
            Assert.Equal(800f, CaptureReader.Npy(_client.RequestBytes("vget /camera/1/depth npy"))[240 * 640 + 320]);
            byte[] litBefore = CaptureReader.Png(_client.RequestBytes("vget /camera/1/lit png")).Data;

            Assert.Equal("ok", Ask("vset /objects/spawn_cube")); // a 100 cm cube at the origin
            Assert.Equal(750f, CaptureReader.Npy(_client.RequestBytes("vget /camera/1/depth npy"))[240 * 640 + 320]);
            Assert.NotEqual(litBefore, CaptureReader.Png(_client.RequestBytes("vget /camera/1/lit png")).Data);
            Assert.Equal((floor, (byte)0, floor), MaskCentre()); // the floor shows through the unannotated cube

            Assert.Equal("ok", Ask("vset /object/CubeActor_0/color 10 20 30"));
            Assert.Equal("(R=10,G=20,B=30,A=255)", Ask("vget /object/CubeActor_0/color"));
            Assert.Equal(((byte)10, (byte)20, (byte)30), MaskCentre());
        }

        [Fact]
        public void Unannotated_actors_read_an_uninitialised_colour_different_on_each_call()
        {
            Assert.Equal("FusionCameraActor_1", Ask("vset /cameras/spawn"));
            Assert.Equal("CubeActor_0", Ask("vset /objects/spawn CubeActor"));
            foreach (string actor in new[] { "CubeActor_0", "FusionCameraActor_1", "WorldSettings", "DirectionalLight_0" })
            {
                string first = Ask($"vget /object/{actor}/color"), second = Ask($"vget /object/{actor}/color");
                Assert.Matches(AnyColor, first);
                Assert.NotEqual(first, second);
            }
        }

        [Fact]
        public void Colouring_an_actor_without_a_mesh_changes_nothing()
        {
            Assert.Equal("ok", Ask("vset /object/WorldSettings/color 1 2 3"));
            Assert.NotEqual("(R=1,G=2,B=3,A=255)", Ask("vget /object/WorldSettings/color"));
        }

        [Fact]
        public void Spawned_cube_is_static_so_moves_are_ignored_but_scale_applies()
        {
            Assert.Equal("ok", Ask("vset /objects/spawn_cube"));
            Assert.Equal("Static", Ask("vget /object/CubeActor_0/mobility"));
            Assert.Equal("ok", Ask("vset /object/CubeActor_0/location 100 200 300"));
            Assert.Equal("0.000 0.000 0.000", Ask("vget /object/CubeActor_0/location"));
            Assert.Equal("ok", Ask("vset /object/CubeActor_0/rotation 0 45 0"));
            Assert.Equal("0.000 0.000 0.000", Ask("vget /object/CubeActor_0/rotation"));
            Assert.Equal("ok", Ask("vset /object/CubeActor_0/scale 2 2 2"));
            Assert.Equal("2.000 2.000 2.000", Ask("vget /object/CubeActor_0/scale"));
            Assert.Equal("Movable", Ask("vget /object/" + Ask("vset /cameras/spawn") + "/mobility"));
        }

        [Fact]
        public void Opening_a_level_annotates_the_new_world_afresh()
        {
            Assert.Equal("ok", Ask("vset /objects/spawn_cube"));
            Assert.Equal("ok", Ask("vset /object/RedBox/color 9 9 9"));
            Assert.Equal("ok", Ask("vset /action/game/level SimulatorMap"));
            _harness.WaitForNextFrame(_client);
            Assert.Equal("(R=255,G=255,B=0,A=255)", Ask("vget /object/RedBox/color"));
            Assert.Equal("error Can not find object", Ask("vget /object/CubeActor_0/color"));
        }
    }
}
