using System.Text;

namespace UnrealCv.Simulator.Server
{
    /// <summary>
    /// The plugin's request parse, by hand: its bytes become TCHARs one by one (ANSI) up to an embedded NUL, then
    /// <c>(\d{1,}):(.*)</c> is searched (not anchored) with ICU, whose '.' stops at any line terminator (\n, \v, \f, \r,
    /// NEL U+0085; U+2028/U+2029 cannot come from single bytes). The leftmost match starts at the first digit run
    /// followed by ':' (a run followed by anything else cannot match at any of its digits); among Latin-1 characters
    /// the only decimal digits are 0-9. The rest of the line is dropped.
    /// </summary>
    internal static class RequestLine
    {
        /// <summary>False for a malformed request ("error: Malformat raw message": logged, never answered).</summary>
        public static bool TryParse(byte[] buffer, int offset, int count, out int id, out string command)
        {
            id = 0;
            command = "";
            int end = offset + count;
            for (int i = offset; i < end; i++)
                if (buffer[i] == 0) { end = i; break; }

            int pos = offset;
            while (pos < end)
            {
                if (!IsDigit(buffer[pos])) { pos++; continue; }
                int runStart = pos;
                while (pos < end && IsDigit(buffer[pos])) pos++;
                if (pos < end && buffer[pos] == (byte)':')
                {
                    id = Atoi(buffer, runStart, pos);
                    int start = pos + 1;
                    int stop = start;
                    while (stop < end && !IsLineTerminator(buffer[stop])) stop++;
                    command = Latin1.GetString(buffer, start, stop - start);
                    return true;
                }
            }
            return false;
        }

        private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

        private static bool IsLineTerminator(byte b) => (b >= 0x0A && b <= 0x0D) || b == 0x85;

        /// <summary>FCString::Atoi: digits to int, saturating rather than failing on huge ids.</summary>
        private static int Atoi(byte[] buffer, int start, int stop)
        {
            long value = 0;
            for (int i = start; i < stop; i++)
            {
                value = value * 10 + (buffer[i] - '0');
                if (value > int.MaxValue) return int.MaxValue;
            }
            return (int)value;
        }

        // Latin-1 maps each byte to the char of the same value, as the plugin's byte-by-byte conversion does.
        private static readonly Encoding Latin1 = Encoding.GetEncoding(28591);
    }
}
