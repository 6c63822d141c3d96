using System.IO;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>A simulator given a binary's configured port binds and reports it as the plugin does (UnixTcpServer.cpp).</summary>
    public sealed class ConfiguredPortTests
    {
        [Fact]
        public void Configured_port_zero_binds_a_free_port_but_reports_zero()
        {
            using var harness = new SimulatorHarness(SimulatorProfile.Linux, configure: o => o.ConfiguredPort = 0);
            UnrealCvSimulator simulator = harness.Simulator;
            Assert.NotEqual(0, simulator.Port);
            Assert.Equal(0, simulator.ReportedPort);
            Assert.Equal(Path.Combine(harness.Directory, "unrealcv_0.socket"), simulator.SocketPath);
            using var client = harness.Connect();
            Assert.StartsWith("Is Listening\nClient Connected\n0\nConfiguration\n", client.Request("vget /unrealcv/status"));
            Assert.Contains("\nPort: 0\n", client.Request("vget /unrealcv/status"));
        }

        [Fact]
        public void Configured_port_past_65535_binds_its_low_16_bits_and_reports_it_as_given()
        {
            int free;
            using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); free = ((IPEndPoint)probe.LocalEndpoint).Port; probe.Stop(); }
            using var harness = new SimulatorHarness(configure: o => o.ConfiguredPort = free - 65536);
            Assert.Equal(free, harness.Simulator.Port);
            Assert.Equal(free - 65536, harness.Simulator.ReportedPort);
            using var client = harness.Connect();
            Assert.Contains($"\nPort: {free - 65536}\n", client.Request("vget /unrealcv/status"));
        }

        [Fact]
        public void Without_a_configured_port_port_zero_is_reported_as_the_port_it_got()
        {
            using var harness = new SimulatorHarness();
            Assert.Equal(harness.Simulator.Port, harness.Simulator.ReportedPort);
            using var client = harness.Connect();
            Assert.Contains($"\nPort: {harness.Simulator.Port}\n", client.Request("vget /unrealcv/status"));
        }
    }
}
