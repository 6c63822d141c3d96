using System;
using System.Text;

namespace UnrealCv.Wire
{
    /// <summary>
    /// UnrealCV framing: a little-endian uint32 magic 0x9E2B83C1, a little-endian uint32 payload
    /// length, then the payload. The same in both directions, over TCP and Unix sockets.
    /// </summary>
    internal static class Frame
    {
        public const uint Magic = 0x9E2B83C1;
        public const int HeaderSize = 8;

        /// <summary>Writes the 8-byte header for a payload of <paramref name="payloadLength"/> bytes.</summary>
        public static void WriteHeader(byte[] buffer, int offset, int payloadLength)
        {
            if (payloadLength <= 0)
                throw new ArgumentOutOfRangeException(nameof(payloadLength), "UnrealCV closes the connection on an empty frame; a payload must have at least one byte.");
            WriteUInt32(buffer, offset, Magic);
            WriteUInt32(buffer, offset + 4, (uint)payloadLength);
        }

        /// <summary>A whole frame (header and payload) as one new array. For tests and the simulator's rare paths.</summary>
        public static byte[] Encode(byte[] payload)
        {
            var frame = new byte[HeaderSize + payload.Length];
            WriteHeader(frame, 0, payload.Length);
            Buffer.BlockCopy(payload, 0, frame, HeaderSize, payload.Length);
            return frame;
        }

        public static byte[] Encode(string payload) => Encode(Encoding.UTF8.GetBytes(payload));

        /// <summary>
        /// Checks the 8-byte header at <paramref name="offset"/> and returns its payload length, before anything is
        /// allocated for the payload: a bad magic, an empty frame or a length past <paramref name="maxPayloadBytes"/> throws.
        /// </summary>
        public static int ReadHeader(byte[] buffer, int offset, long maxPayloadBytes)
        {
            uint magic = ReadUInt32(buffer, offset);
            if (magic != Magic)
                throw new WireException(WireFault.BadMagic, $"bad frame magic 0x{magic:X8} (expected 0x{Magic:X8}): the peer does not speak UnrealCV framing");
            uint length = ReadUInt32(buffer, offset + 4);
            if (length == 0)
                throw new WireException(WireFault.EmptyFrame, "the peer sent an empty frame");
            if (length > maxPayloadBytes)
                throw new WireException(WireFault.FrameTooLarge, $"a frame announced {length} bytes, more than the limit of {maxPayloadBytes} bytes");
            return (int)length;
        }

        public static uint ReadUInt32(byte[] buffer, int offset) =>
            (uint)(buffer[offset] | buffer[offset + 1] << 8 | buffer[offset + 2] << 16 | buffer[offset + 3] << 24);

        public static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }
    }
}
