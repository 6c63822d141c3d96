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
