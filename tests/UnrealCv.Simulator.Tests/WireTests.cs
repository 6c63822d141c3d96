using System.Text;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>Framing, request parsing and connection handling, byte for byte.</summary>
    public sealed class WireTests
    {
        [Fact]
        public void Welcome_is_connected_to_project_name_without_id_prefix()
        {
            using var harness = new SimulatorHarness();
            using var client = RawClient.Tcp(harness.Simulator.Port);
            Assert.Equal("connected to SimProject", Encoding.UTF8.GetString(client.ReadFrame()!));
        }

        [Fact]
        public void Reply_frame_is_magic_length_and_id_prefixed_body()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            client.SendPayload("0:vget /unrealcv/echo ok2");
            byte[] payload = client.ReadFrame()!;
            Assert.Equal(Frame.Encode("0:ok2"), Frame.Encode(payload));
            Assert.Equal("0:ok2", Encoding.ASCII.GetString(payload));
        }

        [Fact]
        public void Reply_id_is_reformatted_from_the_parsed_integer()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            client.SendPayload("007:vget /unrealcv/version");
            Assert.Equal("7:1.0.1", Encoding.ASCII.GetString(client.ReadFrame()!));
        }

        [Fact]
        public void Request_pattern_is_searched_not_anchored()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            client.SendPayload("abc12:vget /unrealcv/echo hi");
            Assert.Equal("12:hi", Encoding.ASCII.GetString(client.ReadFrame()!));
        }

        [Fact]
        public void Malformed_request_gets_no_reply_and_the_connection_stays_usable()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            client.SendPayload("vget /unrealcv/status");
            client.SendPayload(":vget /unrealcv/status");
            Assert.False(client.Readable(300));
            client.SendPayload("5:vget /unrealcv/echo after");
            Assert.Equal("5:after", Encoding.ASCII.GetString(client.ReadFrame()!));
        }

        [Fact]
        public void Bad_magic_closes_the_connection_without_reply()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            byte[] frame = Frame.Encode("0:vget /unrealcv/status");
            frame[0] ^= 0xFF;
            client.SendBytes(frame);
            Assert.True(client.ClosedByServer(3000));
        }

        [Fact]
        public void Empty_frame_closes_the_connection()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            client.SendBytes(new byte[] { 0xC1, 0x83, 0x2B, 0x9E, 0, 0, 0, 0 });
            Assert.True(client.ClosedByServer(3000));
        }

        [Fact]
        public void Frames_split_into_single_bytes_are_reassembled()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            foreach (byte b in Frame.Encode("3:vget /unrealcv/echo piece"))
                client.SendBytes(new[] { b });
            Assert.Equal("3:piece", Encoding.ASCII.GetString(client.ReadFrame()!));
        }

        [Fact]
        public void Embedded_NUL_truncates_the_command()
        {
            using var harness = new SimulatorHarness();
            using var client = harness.Connect();
            client.SendBytes(Frame.Encode(Encoding.ASCII.GetBytes("4:vget /unrealcv/echo ab\0cd")));
            Assert.Equal("4:ab", Encoding.ASCII.GetString(client.ReadFrame()!));
        }
    }
}
