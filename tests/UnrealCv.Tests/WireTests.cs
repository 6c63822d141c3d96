using System;
using System.IO;
using System.Linq;
using System.Text;
using UnrealCv.Wire;
using Xunit;

namespace UnrealCv.Tests
{
    public class WireTests
    {
        private static byte[] Hex(string hex) => hex.Split(' ').Select(h => Convert.ToByte(h, 16)).ToArray();

        [Fact]
        public void Encodes_the_status_request_exactly_as_the_protocol_example()
        {
            byte[] frame = Frame.Encode("0:vget /unrealcv/status");
            Assert.Equal(Hex("C1 83 2B 9E 17 00 00 00 30 3A 76 67 65 74 20 2F 75 6E 72 65 61 6C 63 76 2F 73 74 61 74 75 73"), frame);
        }

        [Fact]
        public void Encodes_a_request_with_its_id_exactly_as_the_protocol_example()
        {
            Assert.Equal(Hex("C1 83 2B 9E 17 00 00 00 30 3A 76 67 65 74 20 2F 75 6E 72 65 61 6C 63 76 2F 73 74 61 74 75 73"),
                RequestFrame.Encode(0, "vget /unrealcv/status"));
        }

        [Theory]
        [InlineData(0, "vget /x", "C1 83 2B 9E 09 00 00 00 30 3A 76 67 65 74 20 2F 78")]
        [InlineData(42, "vget /x", "C1 83 2B 9E 0A 00 00 00 34 32 3A 76 67 65 74 20 2F 78")]
        [InlineData(int.MaxValue, "x", "C1 83 2B 9E 0C 00 00 00 32 31 34 37 34 38 33 36 34 37 3A 78")]
        public void Request_frames_round_trip_through_the_reader_and_the_prefix_parser(int id, string command, string hex)
        {
            byte[] frame = RequestFrame.Encode(id, command);
            Assert.Equal(Hex(hex), frame);

            var reader = new FrameReader(new MemoryStream(frame), 1024);
            int length = reader.ReadHeader();
            var payload = new byte[length];
            reader.ReadExactly(payload, 0, length);
            Assert.True(MessagePrefix.TryParse(payload, 0, payload.Length, out int parsedId, out int body));
            Assert.Equal(id, parsedId);
            Assert.Equal(command, Encoding.ASCII.GetString(payload, body, payload.Length - body));
            Assert.Equal(-1, reader.ReadHeader());
        }

        [Fact]
        public void Writing_request_frames_reuses_the_buffer_and_grows_it_only_for_a_longer_command()
        {
            var buffer = new byte[32];
            byte[] kept = buffer;
            int length = RequestFrame.Write(ref buffer, 7, "vget /a");
            Assert.Same(kept, buffer);
            Assert.Equal(Hex("C1 83 2B 9E 09 00 00 00 37 3A 76 67 65 74 20 2F 61"), buffer.Take(length).ToArray());

            string longer = "vget /unrealcv/echo " + new string('x', 100);
            length = RequestFrame.Write(ref buffer, 8, longer);
            Assert.NotSame(kept, buffer);
            Assert.Equal(RequestFrame.Encode(8, longer), buffer.Take(length).ToArray());
            Assert.Equal(Frame.Encode("8:" + longer), buffer.Take(length).ToArray());
        }

        [Fact]
        public void Refuses_to_encode_a_negative_id_or_a_command_that_is_not_ascii()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => RequestFrame.Encode(-1, "vget /x"));
            Assert.Throws<ArgumentException>(() => RequestFrame.Encode(1, "vget /unrealcv/echo caf\u00e9"));
        }

        [Fact]
        public void Encodes_the_ok_reply_exactly_as_the_protocol_example()
        {
            Assert.Equal(Hex("C1 83 2B 9E 04 00 00 00 30 3A 6F 6B"), Frame.Encode("0:ok"));
        }

        [Fact]
        public void Refuses_to_encode_an_empty_frame()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Frame.Encode(Array.Empty<byte>()));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(3)]
        [InlineData(7)]
        [InlineData(1000)]
        public void Decodes_frames_that_arrive_in_pieces_of_any_size(int chunk)
        {
            byte[] first = Frame.Encode("12:100.000 -100.000 100.000");
            byte[] second = Frame.Encode(new byte[] { (byte)'1', (byte)'3', (byte)':', 0x89, 0x50, 0x4E, 0x47 });
            var reader = new FrameReader(new ChunkedStream(first.Concat(second).ToArray(), chunk), 1024);

            int length = reader.ReadHeader();
            var payload = new byte[length];
            reader.ReadExactly(payload, 0, length);
            Assert.Equal("12:100.000 -100.000 100.000", Encoding.ASCII.GetString(payload));

            length = reader.ReadHeader();
            payload = new byte[length];
            reader.ReadExactly(payload, 0, length);
            Assert.Equal(new byte[] { 0x31, 0x33, 0x3A, 0x89, 0x50, 0x4E, 0x47 }, payload);

            Assert.Equal(-1, reader.ReadHeader());
        }

        [Fact]
        public void Rejects_bad_magic_naming_the_bytes_seen()
        {
            byte[] frame = Frame.Encode("0:ok");
            frame[0] = 0xFF;
            var e = Assert.Throws<WireException>(() => new FrameReader(new MemoryStream(frame), 1024).ReadHeader());
            Assert.Equal(WireFault.BadMagic, e.Fault);
            Assert.Contains("0x9E2B83FF", e.Message);
        }

        [Fact]
        public void Rejects_an_empty_frame()
        {
            byte[] header = Hex("C1 83 2B 9E 00 00 00 00");
            var e = Assert.Throws<WireException>(() => new FrameReader(new MemoryStream(header), 1024).ReadHeader());
            Assert.Equal(WireFault.EmptyFrame, e.Fault);
        }

        [Fact]
        public void Rejects_an_oversize_length_before_reading_the_payload()
        {
            byte[] header = Hex("C1 83 2B 9E 00 00 00 F0"); // 4 GiB - 256 MiB announced, no payload follows
            var e = Assert.Throws<WireException>(() => new FrameReader(new MemoryStream(header), 512L * 1024 * 1024).ReadHeader());
            Assert.Equal(WireFault.FrameTooLarge, e.Fault);
            Assert.Contains("4026531840", e.Message);
        }

        [Fact]
        public void Reports_a_connection_closed_in_the_middle_of_a_header_or_payload()
        {
            byte[] frame = Frame.Encode("0:hello");
            var reader = new FrameReader(new MemoryStream(frame, 0, 5), 1024);
            Assert.Equal(WireFault.ClosedMidFrame, Assert.Throws<WireException>(() => reader.ReadHeader()).Fault);

            reader = new FrameReader(new MemoryStream(frame, 0, 10), 1024);
            int length = reader.ReadHeader();
            Assert.Equal(7, length);
            Assert.Equal(WireFault.ClosedMidFrame, Assert.Throws<WireException>(() => reader.ReadExactly(new byte[length], 0, length)).Fault);
        }

        [Theory]
        [InlineData("0:ok", true, 0, 2)]
        [InlineData("7:error Invalid sensor id", true, 7, 2)]
        [InlineData("123456:x", true, 123456, 7)]
        [InlineData("2147483647:x", true, int.MaxValue, 11)]
        [InlineData("2147483648:x", false, 0, 0)]
        [InlineData("connected to RealisticRendering", false, 0, 0)]
        [InlineData(":ok", false, 0, 0)]
        [InlineData("12", false, 0, 0)]
        [InlineData("a1:ok", false, 0, 0)]
        public void Parses_the_reply_id_prefix(string payload, bool isReply, int id, int bodyOffset)
        {
            byte[] bytes = Encoding.ASCII.GetBytes(payload);
            Assert.Equal(isReply, MessagePrefix.TryParse(bytes, 0, bytes.Length, out int parsedId, out int parsedOffset));
            Assert.Equal(id, parsedId);
            Assert.Equal(bodyOffset, parsedOffset);
        }
    }
}
