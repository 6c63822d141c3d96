using System;
using System.IO;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>
    /// File-mode captures (CameraHandler.cpp SerializeData, ImageUtil SaveFile): the reply is the filename exactly
    /// as given; a relative name lands in the binary's folder (the engine's working directory), which for the
    /// simulator is <see cref="SimulatorOptions.OutputDirectory"/> or else the folder of its own assembly.
    /// </summary>
    public sealed class FileOutputTests
    {
        [Fact]
        public void Relative_name_without_an_output_directory_lands_beside_the_simulator_assembly()
        {
            string folder = Path.GetDirectoryName(typeof(UnrealCvSimulator).Assembly.Location)!;
            string name = "ucvsim-test-" + Guid.NewGuid().ToString("N").Substring(0, 8) + ".png";
            using var harness = new SimulatorHarness(configure: o => o.OutputDirectory = null);
            using var client = harness.Connect();
            try
            {
                Assert.Equal(name, client.Request("vget /camera/1/lit " + name));
                Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(folder, name))[..4]);
            }
            finally
            {
                File.Delete(Path.Combine(folder, name));
            }
        }

        [Fact]
        public void Absolute_and_nested_names_are_written_there_and_echoed_as_given()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            string absolute = Path.Combine(harness.Directory, "abs", "d.npy");
            Assert.Equal(absolute, client.Request("vget /camera/1/depth " + absolute));
            Assert.True(File.Exists(absolute));
            Assert.Equal("a/b/../c.bmp", client.Request("vget /camera/0/lit a/b/../c.bmp"));
            Assert.True(File.Exists(Path.Combine(harness.Directory, "a", "c.bmp")));
        }
    }
}
