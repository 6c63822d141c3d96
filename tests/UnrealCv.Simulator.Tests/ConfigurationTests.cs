using System;
using System.IO;
using System.Linq;
using UnrealCv.Simulator.Configuration;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>unrealcv.ini and the binary's command line as the plugin reads them, without starting anything.</summary>
    public sealed class ConfigurationTests
    {
        private const string DefaultIni = "[UnrealCV.Core]\nPort=9000\nWidth=640\nHeight=480\nFOV=90.000000\nEnableInput=True\nEnableRightEye=False\n\n";

        private static LaunchConfiguration Launch(string dir, params string[] args) =>
            LaunchConfiguration.FromArguments(args.Append("-SimProfile=Linux"), dir);

        private static string IniPath(string dir) => Path.Combine(dir, "unrealcv.ini");

        [Fact]
        public void Missing_ini_is_created_with_the_defaults()
        {
            using var temp = new TempDirectory();
            LaunchConfiguration launch = Launch(temp.Path);
            Assert.True(launch.CreatedConfigFile);
            Assert.True(launch.WroteConfigFile);
            Assert.Equal(DefaultIni, File.ReadAllText(IniPath(temp.Path)));
            SimulatorOptions o = launch.Options;
            Assert.Equal((9000, 640, 480, 90f, true, false), (o.ConfiguredPort, o.Width, o.Height, o.Fov, o.EnableInput, o.EnableRightEye));
            Assert.Equal(IniPath(temp.Path), o.ConfigFilePath);
        }

        [Fact]
        public void Minimal_hand_written_ini_is_rewritten_in_the_full_layout_with_its_own_values()
        {
            using var temp = new TempDirectory();
            File.WriteAllText(IniPath(temp.Path), "; my settings\r\n[UnrealCV.Core]\r\nPort = 2745\r\nWidth=240\r\nHeight=240\r\n");
            LaunchConfiguration launch = Launch(temp.Path);
            Assert.False(launch.CreatedConfigFile);
            Assert.True(launch.WroteConfigFile);
            Assert.Equal((2745, 240, 240, 90f), (launch.Options.ConfiguredPort, launch.Options.Width, launch.Options.Height, launch.Options.Fov));
            Assert.Equal("[UnrealCV.Core]\nPort=2745\nWidth=240\nHeight=240\nFOV=90.000000\nEnableInput=True\nEnableRightEye=False\n\n", File.ReadAllText(IniPath(temp.Path)));
        }

        [Fact]
        public void Ini_that_reads_as_GConfig_writes_it_is_not_written()
        {
            using var temp = new TempDirectory();
            string text = "; kept, since nothing is written\n[UnrealCV.Core]\nEnableRightEye=False\nPort=9100\nWidth=640\nHeight=480\nFOV=90.000000\nEnableInput=True\n";
            File.WriteAllText(IniPath(temp.Path), text);
            LaunchConfiguration launch = Launch(temp.Path, "-cvport", "9200");
            Assert.False(launch.WroteConfigFile);
            Assert.Equal(text, File.ReadAllText(IniPath(temp.Path)));
            Assert.Equal(9200, launch.Options.ConfiguredPort);
        }

        [Fact]
        public void Ini_values_are_read_with_Atoi_Atof_and_ToBool_and_written_back_as_read()
        {
            using var temp = new TempDirectory();
            File.WriteAllText(IniPath(temp.Path), "[unrealcv.core]\nport=abc\nWidth=320px\nHeight=\"200\"\nFOV=1e2\nEnableInput=off\nEnableRightEye=1\n[Other]\nKey=Value\n");
            LaunchConfiguration launch = Launch(temp.Path);
            SimulatorOptions o = launch.Options;
            Assert.Equal((0, 320, 200, 100f, false, true), (o.ConfiguredPort, o.Width, o.Height, o.Fov, o.EnableInput, o.EnableRightEye));
            Assert.Equal("[unrealcv.core]\nport=0\nWidth=320\nHeight=200\nFOV=100.000000\nEnableInput=False\nEnableRightEye=True\n\n[Other]\nKey=Value\n\n",
                File.ReadAllText(IniPath(temp.Path)));
        }

        [Fact]
        public void Ini_is_written_with_the_ini_values_never_the_command_lines()
        {
            using var temp = new TempDirectory();
            File.WriteAllText(IniPath(temp.Path), "[UnrealCV.Core]\nPort=9300\nFOV=75.5\n");
            LaunchConfiguration launch = Launch(temp.Path, "-cvport", "9400", "-UnrealCVWidth", "320", "-UnrealCVFOV", "60", "-UnrealCVEnableInput", "false");
            Assert.Equal((9400, 320, 60f, false), (launch.Options.ConfiguredPort, launch.Options.Width, launch.Options.Fov, launch.Options.EnableInput));
            Assert.Equal("[UnrealCV.Core]\nPort=9300\nFOV=75.500000\nWidth=640\nHeight=480\nEnableInput=True\nEnableRightEye=False\n\n", File.ReadAllText(IniPath(temp.Path)));
        }

        [Theory]
        [InlineData("-nowrite", false)]
        [InlineData("-Multiprocess", false)]
        [InlineData("-Multiprocess -MultiprocessSaveConfig", true)]
        [InlineData("-nowrite=1", true)]
        public void No_write_and_multiprocess_keep_the_ini_from_being_written(string switches, bool written)
        {
            using var temp = new TempDirectory();
            LaunchConfiguration launch = Launch(temp.Path, switches.Split(' '));
            Assert.Equal(written, launch.WroteConfigFile);
            Assert.Equal(written, File.Exists(IniPath(temp.Path)));
            Assert.Equal(9000, launch.Options.ConfiguredPort);
        }

        [Fact]
        public void Windows_profile_writes_Windows_line_ends()
        {
            using var temp = new TempDirectory();
            LaunchConfiguration.FromArguments(new[] { "-SimProfile=Windows" }, temp.Path);
            Assert.Equal(DefaultIni.Replace("\n", "\r\n"), File.ReadAllText(IniPath(temp.Path)));
        }

        [Theory]
        [InlineData(new[] { "-cvport=9100" }, 0)]
        [InlineData(new[] { "-cvport", "9100" }, 9100)]
        [InlineData(new[] { "-cvport9100" }, 9100)]
        [InlineData(new[] { "-CVPORT", "9100" }, 9100)]
        [InlineData(new[] { "-cvport" }, 0)]
        [InlineData(new[] { "-cvport", "-5" }, -5)]
        [InlineData(new[] { "-cvport", "70000" }, 70000)]
        [InlineData(new[] { "-cvport", "9100", "-cvport", "9200" }, 9100)]
        [InlineData(new[] { "-xcvport", "9100" }, 8000)]
        [InlineData(new[] { "/Game/cvport7/Map" }, 7)]
        [InlineData(new[] { "-UnrealCVPort", "9101" }, 9101)]
        [InlineData(new[] { "-UnrealCVPort9101" }, 9101)]
        [InlineData(new[] { "-UnrealCVPort=9101" }, 0)]
        [InlineData(new[] { "-UnrealCVPort", "9101", "-cvport", "9102" }, 9101)]
        [InlineData(new[] { "-cvport", "9102", "-UnrealCVPort=9101" }, 0)]
        [InlineData(new[] { "-UnrealCVPort" }, 0)]
        public void Port_is_read_as_a_binary_reads_it(string[] args, int expected)
        {
            using var temp = new TempDirectory();
            File.WriteAllText(IniPath(temp.Path), "[UnrealCV.Core]\nPort=8000\n");
            Assert.Equal(expected, Launch(temp.Path, args).Options.ConfiguredPort);
        }

        [Fact]
        public void Cvport_is_not_found_inside_UnrealCVPort_so_only_the_module_override_sets_it()
        {
            using var temp = new TempDirectory();
            LaunchConfiguration launch = Launch(temp.Path, "-UnrealCVPort", "9001");
            Assert.Equal(new[]
            {
                "LogUnrealCV: Warning: Loading config",
                "LogUnrealCV: Warning: Port: 9000", // FServerConfig: cvport did not match, so still the ini's
                "LogUnrealCV: Warning: Width: 640",
                "LogUnrealCV: Warning: Height: 480",
                "LogUnrealCV: Warning: FOV: 90.000000",
                "LogUnrealCV: Warning: EnableInput: true",
                "LogUnrealCV: Warning: EnableRightEye: false",
                "LogUnrealCV: Warning: Overriding listening port to 9001",
            }, launch.LogLines);
            Assert.Equal(9001, launch.Options.ConfiguredPort);
        }

        [Theory]
        [InlineData(new[] { "-UnrealCVWidth=320", "-UnrealCVHeight=200" }, 0, 0)]
        [InlineData(new[] { "-UnrealCVWidth", "320", "-UnrealCVHeight", "200" }, 320, 200)]
        [InlineData(new[] { "-unrealcvwidth320", "-UNREALCVHEIGHT200" }, 320, 200)]
        [InlineData(new[] { "-UnrealCVWidth 320" }, 320, 480)] // one argument with a space: the same line
        [InlineData(new[] { "-UnrealCVWidth", "32.9", "-UnrealCVHeight", "+24" }, 32, 24)]
        public void Width_and_height_are_read_as_a_binary_reads_them(string[] args, int width, int height)
        {
            using var temp = new TempDirectory();
            SimulatorOptions o = Launch(temp.Path, args).Options;
            Assert.Equal((width, height), (o.Width, o.Height));
            Assert.Equal((width == 0 ? 640 : width, height == 0 ? 480 : height), (o.FilmWidth, o.FilmHeight));
        }

        [Theory]
        [InlineData("-UnrealCVFOV=60", 0f)]
        [InlineData("-UnrealCVFOV 60.5", 60.5f)]
        [InlineData("-UnrealCVFOV60", 60f)]
        [InlineData("-UnrealCVFOV 1e2", 100f)]
        [InlineData("-UnrealCVFOV 45,5", 45f)]
        public void Fov_is_read_with_Atof(string arg, float expected)
        {
            using var temp = new TempDirectory();
            SimulatorOptions o = Launch(temp.Path, arg.Split(' ')).Options;
            Assert.Equal(expected, o.Fov);
            Assert.Equal(expected == 0 ? 90f : expected, o.FilmFov);
        }

        [Theory]
        [InlineData("-UnrealCVEnableInput=true", false)]
        [InlineData("-UnrealCVEnableInput=false", false)]
        [InlineData("-UnrealCVEnableInput=1", false)]
        [InlineData("-UnrealCVEnableInput true", true)]
        [InlineData("-UnrealCVEnableInputtrue", true)]
        [InlineData("-UnrealCVEnableInputYes", true)]
        [InlineData("-UnrealCVEnableInput 1", true)]
        [InlineData("-UnrealCVEnableInput false", false)]
        [InlineData("-UnrealCVEnableInput", false)]
        [InlineData("-UnrealCVEnableInput -RenderOffScreen", false)]
        [InlineData("-RenderOffScreen", true)] // not given: the ini's value (the default, True) stays
        public void EnableInput_is_read_with_FParse_Bool(string args, bool expected)
        {
            using var temp = new TempDirectory();
            Assert.Equal(expected, Launch(temp.Path, args.Split(' ')).Options.EnableInput);
        }

        [Theory]
        [InlineData("-UnrealCVExitOnFailure", false)]
        [InlineData("-UnrealCVExitOnFailure=true", false)]
        [InlineData("-UnrealCVExitOnFailure true", true)]
        [InlineData("-UnrealCVExitOnFailure1", true)]
        [InlineData("-RenderOffScreen", false)]
        public void ExitOnFailure_is_read_with_FParse_Bool(string args, bool expected)
        {
            using var temp = new TempDirectory();
            Assert.Equal(expected, Launch(temp.Path, args.Split(' ')).ExitOnFailure);
        }

        [Fact]
        public void Simulator_switches_are_taken_out_so_the_plugin_never_reads_them()
        {
            using var temp = new TempDirectory();
            using var socketTemp = new TempDirectory();
            string configDir = Path.Combine(temp.Path, "cvport1", "UnrealCVWidth2");
            Directory.CreateDirectory(configDir);
            LaunchConfiguration launch = LaunchConfiguration.FromArguments(new[]
            {
                "/Game/Maps/Demo", "-SimConfigDir=" + configDir, "-SimProjectName=cvport5", "-SimProfile=windows",
                "-SimFrameTimeMs=0", "-SimSocketDirectory=" + socketTemp.Path, "-SimOutputDirectory=" + socketTemp.Path, "-RenderOffScreen",
            }, "/nonexistent");
            Assert.Equal(" /Game/Maps/Demo -RenderOffScreen", launch.CommandLine);
            SimulatorOptions o = launch.Options;
            Assert.Equal((9000, 640), (o.ConfiguredPort, o.Width));
            Assert.Equal((SimulatorProfile.Windows, 0, "cvport5", socketTemp.Path, socketTemp.Path), (o.Profile, o.FrameTimeMs, o.ProjectName, o.SocketDirectory, o.OutputDirectory));
            Assert.Equal(IniPath(configDir), launch.ConfigFilePath);
            Assert.True(File.Exists(IniPath(configDir)));
        }

        [Theory]
        [InlineData("-SimProfile=Mac", "SimProfile")]
        [InlineData("-SimProfile=1", "SimProfile")]
        [InlineData("-SimFrameTimeMs=fast", "SimFrameTimeMs")]
        [InlineData("-SimFrameTimeMs=-1", "SimFrameTimeMs")]
        [InlineData("-SimPort=9000", "-SimPort=9000")]
        [InlineData("-SimProfile", "-SimProfile=Linux")]
        [InlineData("-SimProjectName=", "SimProjectName")]
        public void Bad_simulator_switch_throws_naming_it(string arg, string named)
        {
            using var temp = new TempDirectory();
            var e = Assert.Throws<ArgumentException>(() => LaunchConfiguration.FromArguments(new[] { arg }, temp.Path));
            Assert.Contains(named, e.Message);
            Assert.False(File.Exists(IniPath(temp.Path)));
        }

        [Fact]
        public void A_games_own_sim_switch_without_a_value_is_the_binarys()
        {
            using var temp = new TempDirectory();
            Assert.Equal(" -SimpleMode", Launch(temp.Path, "-SimpleMode").CommandLine);
        }

        [Theory]
        [InlineData("-run=cook")]
        [InlineData("-RUN=COOK")]
        [InlineData("UnrealEd.CookCommandlet")]
        public void Cook_commandlet_keeps_the_plugin_from_starting_and_the_ini_untouched(string arg)
        {
            using var temp = new TempDirectory();
            LaunchConfiguration launch = Launch(temp.Path, arg, "-cvport", "9100");
            Assert.True(launch.PluginDisabled);
            Assert.Empty(launch.LogLines);
            Assert.False(File.Exists(IniPath(temp.Path)));
        }

        [Theory]
        [InlineData("-cvls /Game", true)]
        [InlineData("-cvls", true)]
        [InlineData("-nocvls", false)]
        public void Cvls_asks_the_game_to_exit(string args, bool expected)
        {
            using var temp = new TempDirectory();
            Assert.Equal(expected, Launch(temp.Path, args.Split(' ')).ExitRequested);
        }

        [Theory]
        [InlineData("-UnrealCVWidth -5", "camera size -5x480")]
        [InlineData("-UnrealCVHeight 9000", "camera size 640x9000")]
        [InlineData("-UnrealCVFOV 180", "field of view 180.000000")]
        [InlineData("-UnrealCVFOV -1", "field of view -1.000000")]
        [InlineData("-UnrealCVFOV nan", "field of view nan")]
        public void Sizes_no_sensor_takes_are_refused(string args, string named)
        {
            using var temp = new TempDirectory();
            LaunchConfiguration launch = Launch(temp.Path, args.Split(' '));
            Assert.NotNull(launch.SensorProblem);
            Assert.Contains(named, launch.SensorProblem);
        }

        [Fact]
        public void Zero_sizes_fall_back_as_the_sensors_do()
        {
            using var temp = new TempDirectory();
            LaunchConfiguration launch = Launch(temp.Path, "-UnrealCVWidth=1", "-UnrealCVHeight=1", "-UnrealCVFOV=1");
            Assert.Null(launch.SensorProblem);
            SimulatorOptions o = launch.Options;
            Assert.Equal((0, 0, 0f), (o.Width, o.Height, o.Fov));
            Assert.Equal((640, 480, 90f), (o.FilmWidth, o.FilmHeight, o.FilmFov));
        }

        [Fact]
        public void Ini_parse_keeps_other_sections_and_duplicate_keys()
        {
            var ini = UnrealCvIni.Parse("[Other]\nPort=1\nA=x\nA=y\n[UnrealCV.Core]\nPort=9100\nPort=9101\nFOV=75.5\nEnableInput=False\nEnableRightEye=True\n");
            Assert.Equal((9101, 75.5f, false, true), (ini.Port, ini.Fov, ini.EnableInput, ini.EnableRightEye));
            ini.StoreValues();
            Assert.True(ini.IsDirty);
            Assert.Equal("[Other]\nPort=1\nA=x\nA=y\n\n[UnrealCV.Core]\nPort=9100\nPort=9101\nFOV=75.500000\nEnableInput=False\nEnableRightEye=True\nWidth=640\nHeight=480\n\n", ini.ToText());
        }
    }
}
