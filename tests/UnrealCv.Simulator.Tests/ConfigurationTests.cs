using System.IO;
using UnrealCv.Simulator.Configuration;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>unrealcv.ini and the binary's command line, without starting anything.</summary>
    public sealed class ConfigurationTests
    {
        private const string DefaultIni = "[UnrealCV.Core]\nPort=9000\nWidth=640\nHeight=480\nFOV=90.000000\nEnableInput=True\nEnableRightEye=False\n\n";

        [Fact]
        public void MissingIni_IsCreatedWithTheDefaults()
        {
            using var temp = new TempDirectory();
            string dir = temp.Path;
            LaunchConfiguration launch = LaunchConfiguration.FromArguments(new string[0], dir);
            Assert.True(launch.CreatedConfigFile);
            Assert.Equal(DefaultIni, File.ReadAllText(Path.Combine(dir, "unrealcv.ini")));
            SimulatorOptions o = launch.Options;
            Assert.Equal((9000, 640, 480, 90f, true, false), (o.Port, o.Width, o.Height, o.Fov, o.EnableInput, o.EnableRightEye));
            Assert.Equal(Path.Combine(dir, "unrealcv.ini"), o.ConfigFilePath);
        }

        [Fact]
        public void MinimalHandWrittenIni_IsAccepted_AndNotRewritten()
        {
            using var temp = new TempDirectory();
            string dir = temp.Path;
            string path = Path.Combine(dir, "unrealcv.ini");
            File.WriteAllText(path, "[UnrealCV.Core]\r\nPort=2745\r\nWidth=240\r\nHeight=240\r\n");
            LaunchConfiguration launch = LaunchConfiguration.FromArguments(new string[0], dir);
            Assert.False(launch.CreatedConfigFile);
            Assert.Equal((2745, 240, 240, 90f), (launch.Options.Port, launch.Options.Width, launch.Options.Height, launch.Options.Fov));
            Assert.Equal("[UnrealCV.Core]\r\nPort=2745\r\nWidth=240\r\nHeight=240\r\n", File.ReadAllText(path));
        }

        [Fact]
        public void IniRoundTrips_AndIgnoresOtherSections()
        {
            var ini = UnrealCvIni.Parse("[Other]\nPort=1\n[UnrealCV.Core]\nPort=9100\nFOV=75.5\nEnableInput=False\nEnableRightEye=True\n");
            Assert.Equal((9100, 75.5f, false, true), (ini.Port, ini.Fov, ini.EnableInput, ini.EnableRightEye));
            Assert.Equal("[UnrealCV.Core]\nPort=9100\nWidth=640\nHeight=480\nFOV=75.500000\nEnableInput=False\nEnableRightEye=True\n\n", ini.ToText());
        }

        [Fact]
        public void CommandLine_OverridesTheIni_UnrealCVPortWinsOverCvport_OtherArgsIgnored()
        {
            using var temp = new TempDirectory();
            using var socketTemp = new TempDirectory();
            string dir = temp.Path, socketDir = socketTemp.Path;
            LaunchConfiguration launch = LaunchConfiguration.FromArguments(new[]
            {
                "/Game/Maps/Demo", "-UnrealCVPort=9200", "-cvport=9100", "-RenderOffScreen", "-opengl", "-vulkan",
                "-UnrealCVWidth=320", "-unrealcvheight=200", "-UnrealCVFOV=60.5", "-UnrealCVEnableInput=false",
                "-SimProfile=windows", "-SimFrameTimeMs=0", "-SimProjectName=Demo", "-SimSocketDirectory=" + socketDir,
            }, dir);
            SimulatorOptions o = launch.Options;
            Assert.Equal(9200, o.Port);
            Assert.Equal((320, 200, 60.5f, false), (o.Width, o.Height, o.Fov, o.EnableInput));
            Assert.Equal((SimulatorProfile.Windows, 0, "Demo", socketDir), (o.Profile, o.FrameTimeMs, o.ProjectName, o.SocketDirectory));
            Assert.Equal(DefaultIni, File.ReadAllText(Path.Combine(dir, "unrealcv.ini"))); // the ini keeps its values
        }

        [Fact]
        public void Cvport_AloneSetsThePort_AndSimConfigDirPicksTheIni()
        {
            using var temp = new TempDirectory();
            string dir = temp.Path;
            File.WriteAllText(Path.Combine(dir, "unrealcv.ini"), "[UnrealCV.Core]\nPort=9300\n");
            Assert.Equal(9300, LaunchConfiguration.FromArguments(new[] { "-SimConfigDir=" + dir }, "/nonexistent").Options.Port);
            Assert.Equal(9400, LaunchConfiguration.FromArguments(new[] { "-SimConfigDir=" + dir, "-cvport=9400" }, "/nonexistent").Options.Port);
        }

        [Theory]
        [InlineData("-SimProfile=Mac")]
        [InlineData("-SimFrameTimeMs=fast")]
        public void BadSimulatorSwitch_Throws(string arg)
        {
            using var temp = new TempDirectory();
            var e = Assert.Throws<System.ArgumentException>(() => LaunchConfiguration.FromArguments(new[] { arg }, temp.Path));
            Assert.Contains(arg.Substring(1, arg.IndexOf('=') - 1), e.Message);
        }
    }
}
