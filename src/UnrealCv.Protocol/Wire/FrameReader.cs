using System;
using System.IO;

namespace UnrealCv.Wire
{
    /// <summary>
    /// Reads UnrealCV frames from a stream that delivers bytes in arbitrary pieces. It reads exact
    /// counts (a header may arrive one byte at a time) and checks every header before anything is
    /// allocated for the payload, so a bogus length can never make us allocate gigabytes.
    /// Not thread-safe: one reader per connection.
    /// </summary>
    internal sealed class FrameReader
    {
        private readonly Stream _stream;
        private readonly byte[] _header = new byte[Frame.HeaderSize];

        /// <summary>The largest payload a reader can hand over: the runtime's largest byte array (Array.MaxLength).</summary>
        public const long MaxSupportedPayloadBytes = 0x7FFFFFC7;

        public FrameReader(Stream stream, long maxPayloadBytes)
        {
            _stream = stream ?? throw new ArgumentNullException(nameof(stream));
            if (maxPayloadBytes < 1 || maxPayloadBytes > MaxSupportedPayloadBytes)
                throw new ArgumentOutOfRangeException(nameof(maxPayloadBytes), maxPayloadBytes, $"The payload limit must be between 1 and {MaxSupportedPayloadBytes} bytes.");
            MaxPayloadBytes = maxPayloadBytes;
        }

        public long MaxPayloadBytes { get; }

        /// <summary>
        /// Reads the next header and returns its payload length, or -1 when the stream ended cleanly
        /// between frames. The caller must then read exactly that many bytes with <see cref="ReadExactly"/>.
        /// </summary>
        public int ReadHeader()
        {
            int got = ReadSome(_header, 0, Frame.HeaderSize);
            if (got == 0) return -1;
            if (got < Frame.HeaderSize) ReadExactly(_header, got, Frame.HeaderSize - got);

            return Frame.ReadHeader(_header, 0, MaxPayloadBytes);
        }

        /// <summary>Reads exactly <paramref name="count"/> bytes; the stream ending first is a broken frame.</summary>
        public void ReadExactly(byte[] buffer, int offset, int count)
        {
            while (count > 0)
            {
                int n = _stream.Read(buffer, offset, count);
                if (n <= 0)
                    throw new WireException(WireFault.ClosedMidFrame, $"the connection closed in the middle of a frame ({count} bytes missing)");
                offset += n;
                count -= n;
            }
        }

        /// <summary>Reads up to count bytes, stopping early only at end of stream; returns how many.</summary>
        private int ReadSome(byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = _stream.Read(buffer, offset + total, count - total);
                if (n <= 0) break;
                total += n;
            }
            return total;
        }
    }
}
