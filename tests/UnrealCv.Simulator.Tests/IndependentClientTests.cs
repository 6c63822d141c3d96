using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>A client written by someone else from the protocol text alone (python3, standard library) drives the simulator.</summary>
    public sealed class IndependentClientTests
    {
        [Fact]
        public void Python_client_sees_an_UnrealCV_server()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Windows);
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "independent_client.py"));
            start.ArgumentList.Add(harness.Simulator.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using Process python = Process.Start(start)!;
            string output = python.StandardOutput.ReadToEnd();
            string errors = python.StandardError.ReadToEnd();
            Assert.True(python.WaitForExit(30000));
            Assert.True(python.ExitCode == 0, errors);

            var results = new Dictionary<string, string>();
            foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = line.IndexOf('=');
                results[line.Substring(0, eq)] = line.Substring(eq + 1);
            }
            Assert.Equal("connected to SimProject", results["welcome"]);
            Assert.Equal("Is Listening", results["status_first"]);
            Assert.Equal("Client Connected", results["status_connected"]);
            Assert.Equal("True", results["status_ends_with_newline"]);
            Assert.Equal("independent", results["echo"]);
            Assert.Equal("True", results["objects_trailing_space"]);
            Assert.Equal("True", results["objects_has_worldsettings"]);
            Assert.Equal("1.0.1", results["version"]);
            Assert.Equal("error Can not find a handler for URI 'vget /no/such/thing'", results["unknown"]);
            Assert.Equal("BM", results["bmp_magic"]);
            Assert.Equal((58 + 4 * 640 * 480).ToString(System.Globalization.CultureInfo.InvariantCulture), results["bmp_len"]);
            Assert.Equal(results["bmp_expected_len"], results["bmp_len"]);
            Assert.Equal("True", results["bmp_alpha_all_255"]);
        }
    }
}
