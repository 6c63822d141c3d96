using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>The plugin and object rows of the command table, and their error texts.</summary>
    public sealed class PluginAndObjectCommandTests : IDisposable
    {
        private readonly SimulatorHarness _harness = new SimulatorHarness();
        private readonly RawClient _client;

        public PluginAndObjectCommandTests() => _client = _harness.Connect();

        public void Dispose()
        {
            _client.Dispose();
            _harness.Dispose();
        }

        private string Ask(string command) => _client.Request(command);

        [Fact]
        public void Status_has_the_4_27_stable_layout()
        {
            int port = _harness.Simulator.Port;
            string expected = $"Is Listening\nClient Connected\n{port}\nConfiguration\nConfig file: {_harness.Simulator.Options.ConfigFilePath}\n"
                + $"Port: {port}\nWidth: 640\nHeight: 480\nFOV: 90.000000\nEnableInput: true\nEnableRightEye: false\n";
            Assert.Equal(expected, Ask("vget /unrealcv/status"));
        }

        [Fact]
        public void Help_lists_the_80_templates_in_registration_order()
        {
            string[] lines = Ask("vget /unrealcv/help").Split('\n');
            Assert.Equal("", lines[^1]); // every description ends with a newline
            string[] templates = lines.Where((_, i) => i % 2 == 0).Take(lines.Length / 2).ToArray();
            Assert.Equal(80, templates.Length);
            Assert.Equal(80, templates.Distinct().Count());
            Assert.Equal("vrun [str]", templates[0]);
            Assert.Equal("Run UE4 built-in commands", lines[1]);
            Assert.Equal("vget /objects", templates[1]);
            Assert.Equal("vget /object/[str]/bounds", templates[21]);
            Assert.Equal("vget /unrealcv/status", templates[22]);
            Assert.Equal("Get the status of UnrealCV plugin", lines[45]);
            Assert.Equal("vget /level/name", templates[27]);
            Assert.Equal("vset /action/game/pause", templates[28]);
            Assert.Equal("vset /action/keyboard [str] [float]", templates[35]);
            Assert.Equal("vrun [str] [str]", templates[36]);
            Assert.Equal("vexec [str] [str]", templates[41]);
            Assert.Equal("vbp [str] [str] [str] [str] [str] [str] [str] [str] [str] [str] [str]", templates[56]);
            Assert.Equal("vget /persistent_level/level_script_actor/id", templates[58]);
            Assert.Equal("vget /screenshot [str]", templates[59]);
            Assert.Equal("vset /camera/[uint]/projection_type [str]", templates[79]);
            Assert.Contains("vget /unrealcv/version\nGet the version of UnrealCV, the format is v0.*.*\n", string.Join("\n", lines));
            Assert.Contains("vget /camera/[uint]/object_mask [str]\nGet object mask from camera sensor\n", string.Join("\n", lines));
        }

        [Theory]
        [InlineData("vget /unrealcv/version", "1.0.1")]
        [InlineData("vget /unrealcv/echo hello", "hello")]
        [InlineData("vget /unrealcv/echo ", "ok")]
        [InlineData("vget /scene/name", "SimProject")]
        [InlineData("vget /level/name", "SimulatorMap")]
        [InlineData("vbatch 3", "ok")]
        [InlineData("vget /object/RedBox/location", "100.000 -150.000 50.000")]
        [InlineData("vget /object/redbox/location", "100.000 -150.000 50.000")]
        [InlineData("vget /object/GreenBox/rotation", "0.000 30.000 0.000")]
        [InlineData("vget /object/GreenBox/scale", "1.500 1.500 1.500")]
        [InlineData("vget /object/RedBox/bounds", "50.00 -200.00 0.00 150.00 -100.00 100.00")]
        [InlineData("vget /object/Floor/mobility", "Static")]
        [InlineData("vget /object/RedBox/mobility", "Movable")]
        [InlineData("vget /object/DirectionalLight_0/mobility", "Stationary")]
        [InlineData("vget /object/RedBox/uclass_name", "Actor")]
        [InlineData("vget /object/WorldSettings/uclass_name", "Actor")]
        [InlineData("vset /object/RedBox/name RedBox", "The name has already been set")]
        [InlineData("vset /object/RedBox/name REDBOX", "The name has already been set")]
        [InlineData("vset /objects/spawn_cube", "ok")]
        [InlineData("vset /objects/spawn_cube Named", "ok")]
        [InlineData("vset /objects/spawn CubeActor", "CubeActor_0")]
        [InlineData("vset /objects/spawn cubeactor MyCube", "MyCube")]
        [InlineData("vget /object/Nope/vertex_location", "ok")] // FVertexSensor lists no vertices for a missing object
        [InlineData("vget /object/WorldSettings/vertex_location", "ok")]
        public void Reply_is_exact(string command, string expected) => Assert.Equal(expected, Ask(command));

        [Theory]
        [InlineData("vget /foo", "error Can not find a handler for URI 'vget /foo'")]
        [InlineData("vget /unrealcv/echo two words", "error Can not find a handler for URI 'vget /unrealcv/echo two words'")]
        [InlineData("vset /object/RedBox/location 1e-05 0 0", "error Can not find a handler for URI 'vset /object/RedBox/location 1e-05 0 0'")]
        [InlineData("vset /object/RedBox/location 100. 0 0", "error Can not find a handler for URI 'vset /object/RedBox/location 100. 0 0'")]
        [InlineData("vset /object/RedBox/location nan 0 0", "error Can not find a handler for URI 'vset /object/RedBox/location nan 0 0'")]
        [InlineData("vget /camera/-5/location", "error Can not find a handler for URI 'vget /camera/-5/location'")]
        [InlineData("vget /camera/0/lit", "error Can not find a handler for URI 'vget /camera/0/lit'")]
        [InlineData("vget /object/Nope/location", "error Can not find object")]
        [InlineData("vset /object/Nope/location 1 2 3", "error Can not find object")]
        [InlineData("vget /object/Nope/rotation", "error Can not find object")]
        [InlineData("vget /object/Nope/color", "error Can not find object")]
        [InlineData("vset /object/Nope/hide", "error Can not find object")]
        [InlineData("vset /object/Nope/name Other", "error Can not find object")]
        [InlineData("vset /objects/spawn NoSuchClass", "error Can not find a class with name 'NoSuchClass'")]
        [InlineData("vset /objects/spawn CubeActor RedBox", "error Failed to spawn RedBox, object exsit.")]
        [InlineData("vset /object/RedBox/name GreenBox", "error Renaming an object to overwrite an existing object is not allowed, GreenBox")]
        public void Error_is_exact(string command, string expected) => Assert.Equal(expected, Ask(command));

        [Fact]
        public void Objects_lists_every_actor_each_followed_by_a_space()
        {
            string list = Ask("vget /objects");
            Assert.EndsWith(" ", list);
            Assert.StartsWith("WorldSettings ", list);
            string[] names = list.TrimEnd(' ').Split(' ');
            foreach (string expected in new[] { "Floor", "RedBox", "GreenBox", "BlueBox", "YellowSphere", "PurpleSphere", "FusionCameraActor_0", "PlayerController_0", "DefaultPawn_0", "BP_Agent_C_1" })
                Assert.Contains(expected, names);
        }

        [Fact]
        public void Location_rotation_scale_set_then_get()
        {
            Assert.Equal("ok", Ask("vset /object/RedBox/location 1.5 -2 +3"));
            Assert.Equal("1.500 -2.000 3.000", Ask("vget /object/RedBox/location"));
            Assert.Equal("ok", Ask("vset /object/RedBox/rotation 10 270 -.5"));
            Assert.Equal("10.000 -90.000 -0.500", Ask("vget /object/RedBox/rotation"));
            Assert.Equal("ok", Ask("vset /object/RedBox/scale 2 1 0.5"));
            Assert.Equal("2.000 1.000 0.500", Ask("vget /object/RedBox/scale"));
            Assert.Equal("ok", Ask("vset /object/RedBox/rotation 0 0 0"));
            Assert.Equal("-98.50 -52.00 -22.00 101.50 48.00 28.00", Ask("vget /object/RedBox/bounds"));
        }

        [Fact]
        public void Color_get_set_truncates_to_bytes_alpha_always_255()
        {
            Assert.Matches(new Regex(@"^\(R=\d+,G=\d+,B=\d+,A=255\)$"), Ask("vget /object/Floor/color"));
            Assert.NotEqual(Ask("vget /object/Floor/color"), Ask("vget /object/RedBox/color"));
            Assert.Equal("ok", Ask("vset /object/RedBox/color 255 128 64"));
            Assert.Equal("(R=255,G=128,B=64,A=255)", Ask("vget /object/RedBox/color"));
            Assert.Equal("ok", Ask("vset /object/RedBox/color 300 0 7"));
            Assert.Equal("(R=44,G=0,B=7,A=255)", Ask("vget /object/RedBox/color"));
        }

        [Fact]
        public void Vertex_location_is_one_line_per_vertex_with_five_spaces()
        {
            string[] lines = Ask("vget /object/RedBox/vertex_location").Split('\n');
            Assert.Equal(9, lines.Length);
            Assert.Equal("50.00000     -200.00000     0.00000", lines[0]);
            Assert.Equal("", lines[8]);
        }

        [Fact]
        public void Show_hide_destroy()
        {
            Assert.Equal("ok", Ask("vset /object/RedBox/hide"));
            Assert.Equal("ok", Ask("vset /object/RedBox/show"));
            Assert.Equal("ok", Ask("vset /object/RedBox/destroy"));
            Assert.Equal("error Can not find object", Ask("vget /object/RedBox/location"));
            Assert.DoesNotContain("RedBox", Ask("vget /objects").Split(' '));
        }

        [Fact]
        public void Rename_moves_the_name()
        {
            Assert.Equal("ok", Ask("vset /object/RedBox/name Crate"));
            Assert.Equal("100.000 -150.000 50.000", Ask("vget /object/crate/location"));
            Assert.Equal("error Can not find object", Ask("vget /object/RedBox/location"));
        }

        [Fact]
        public void Spawn_names_follow_the_class_counter_and_appear_in_the_list()
        {
            Assert.Equal("ok", Ask("vset /objects/spawn_cube"));
            Assert.Equal("CubeActor_1", Ask("vset /objects/spawn CubeActor"));
            Assert.Equal("Thing", Ask("vset /objects/spawn StaticMeshActor Thing"));
            // The message repeats the name as asked, not as found.
            Assert.Equal("error Failed to spawn thing, object exsit.", Ask("vset /objects/spawn StaticMeshActor thing"));
            string[] names = Ask("vget /objects").Split(' ');
            Assert.Contains("CubeActor_0", names);
            Assert.Contains("Thing", names);
            Assert.Equal("0.000 0.000 0.000", Ask("vget /object/CubeActor_0/location"));
        }
    }
}
