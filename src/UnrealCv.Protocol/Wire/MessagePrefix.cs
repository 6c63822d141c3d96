using System;

namespace UnrealCv.Wire
{
    /// <summary>
    /// The <c>&lt;digits&gt;:</c> prefix that ties a reply to its request. A payload without it is a
    /// server-initiated message (the welcome, or a Blueprint's SendMessageBP), never a reply.
    /// </summary>
    internal static class MessagePrefix
    {
        /// <summary>Longest id we accept: the plugin parses ids with Atoi, so anything past int32 is meaningless.</summary>
        public const int MaxDigits = 10;

        /// <summary>The longest prefix: the digits and the colon.</summary>
        public const int MaxLength = MaxDigits + 1;

        /// <summary>Writes <c>id:</c> at <paramref name="offset"/> and returns the offset just past the colon.</summary>
        public static int Write(byte[] buffer, int offset, int id)
        {
            if (id < 0) throw new ArgumentOutOfRangeException(nameof(id), id, "A request id is never negative: the plugin reads it with Atoi.");
            int digits = 1;
            for (int v = id; v >= 10; v /= 10) digits++;
            for (int i = digits - 1; i >= 0; i--, id /= 10) buffer[offset + i] = (byte)('0' + id % 10);
            buffer[offset + digits] = (byte)':';
            return offset + digits + 1;
        }

        /// <summary>
        /// Parses a leading <c>digits:</c> from <paramref name="count"/> bytes of <paramref name="buffer"/>.
        /// Returns false when the payload does not start with one (a server message).
        /// </summary>
        public static bool TryParse(byte[] buffer, int offset, int count, out int id, out int bodyOffset)
        {
            id = 0;
            bodyOffset = 0;
            long value = 0;
            int i = 0;
            for (; i < count && i <= MaxDigits; i++)
            {
                byte b = buffer[offset + i];
                if (b == (byte)':')
                {
                    if (i == 0 || value > int.MaxValue) return false;
                    id = (int)value;
                    bodyOffset = offset + i + 1;
                    return true;
                }
                if (b < (byte)'0' || b > (byte)'9') return false;
                value = value * 10 + (b - '0');
            }
            return false;
        }
    }
}
