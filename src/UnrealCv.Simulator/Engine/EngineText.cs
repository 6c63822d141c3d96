using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace UnrealCv.Simulator.Engine
{
    /// <summary>
    /// The engine's C-string helpers (FCString) that the plugin's command-line and ini parsing run on:
    /// Strifind, Atoi, Atof and ToBool, with the C library behaviour underneath them, and FParse::Token for console lines.
    /// </summary>
    internal static class EngineText
    {
        /// <summary>
        /// FCString::Strifind: the first case-insensitive match of <paramref name="find"/> at or after
        /// <paramref name="from"/> whose preceding character is not A-Z, a-z or 0-9 (so "cvport" is not found
        /// inside "-UnrealCVPort"). With <paramref name="skipQuoted"/>, text between double quotes is passed over.
        /// Returns the index of the match, or -1.
        /// </summary>
        public static int Strifind(string text, string find, int from = 0, bool skipQuoted = false)
        {
            if (find.Length == 0) return from <= text.Length ? from : -1;
            char first = AsciiUpper(find[0]);
            bool previousIsAlnum = false, inQuotes = false;
            for (int i = from; i < text.Length && text[i] != '\0'; i++)
            {
                char c = AsciiUpper(text[i]);
                if (!inQuotes && !previousIsAlnum && c == first && RestMatches(text, i + 1, find)) return i;
                previousIsAlnum = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (skipQuoted && c == '"') inQuotes = !inQuotes;
            }
            return -1;
        }

        private static bool RestMatches(string text, int at, string find)
        {
            for (int k = 1; k < find.Length; k++, at++)
            {
                if (at >= text.Length || AsciiUpper(text[at]) != AsciiUpper(find[k])) return false;
            }
            return true;
        }

        private static char AsciiUpper(char c) => c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;

        /// <summary>The characters C's isspace() skips before a number.</summary>
        private static bool IsCSpace(char c) => c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';

        /// <summary>
        /// FCString::Atoi from <paramref name="from"/>: C strtol in base 10 (leading white space, a sign, digits;
        /// nothing readable is 0). On Linux the engine calls strtol, whose 64-bit long saturates and is then cut
        /// to 32 bits; on Windows _wtoi saturates at the int range.
        /// </summary>
        public static int Atoi(string text, int from, SimulatorProfile profile)
        {
            int i = from;
            while (i < text.Length && IsCSpace(text[i])) i++;
            bool negative = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
            ulong magnitude = 0;
            bool overflow = false;
            for (; i < text.Length && text[i] >= '0' && text[i] <= '9'; i++)
            {
                uint digit = (uint)(text[i] - '0');
                if (magnitude > (ulong.MaxValue - digit) / 10) overflow = true;
                else magnitude = magnitude * 10 + digit;
            }
            ulong limit = profile == SimulatorProfile.Linux
                ? (negative ? 1UL << 63 : long.MaxValue)
                : (negative ? 1UL << 31 : int.MaxValue);
            if (overflow || magnitude > limit) magnitude = limit;
            long value = negative ? unchecked(-(long)magnitude) : (long)magnitude;
            return unchecked((int)value);
        }

        /// <summary>Atoi of the whole string.</summary>
        public static int Atoi(string text, SimulatorProfile profile) => Atoi(text, 0, profile);

        /// <summary>
        /// FCString::Atof from <paramref name="from"/>: C atof (strtod: white space, a sign, then a decimal number
        /// with optional exponent, a 0x hexadecimal number with optional p exponent, inf/infinity or nan), the
        /// double then rounded to float. Nothing readable is 0.
        /// </summary>
        public static float Atof(string text, int from = 0)
        {
            int i = from;
            while (i < text.Length && IsCSpace(text[i])) i++;
            bool negative = false;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
            double magnitude;
            if (StartsWithIgnoreCase(text, i, "inf")) magnitude = double.PositiveInfinity;
            else if (StartsWithIgnoreCase(text, i, "nan")) magnitude = PositiveNaN; // strtod's NaN has its sign bit clear
            else if (i + 1 < text.Length && text[i] == '0' && (text[i + 1] == 'x' || text[i + 1] == 'X') && HexFloat(text, i + 2, out double hex)) magnitude = hex;
            else magnitude = DecimalFloat(text, i);
            return (float)(negative ? -magnitude : magnitude);
        }

        private static readonly double PositiveNaN = BitConverter.Int64BitsToDouble(0x7FF8000000000000);

        private static bool StartsWithIgnoreCase(string text, int at, string prefix) =>
            at + prefix.Length <= text.Length && string.Compare(text, at, prefix, 0, prefix.Length, StringComparison.OrdinalIgnoreCase) == 0;

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        /// <summary>The longest decimal prefix strtod takes; 0 when there is none.</summary>
        private static double DecimalFloat(string text, int i)
        {
            var digits = new StringBuilder();
            int integerDigits = 0, fractionDigits = 0;
            for (; i < text.Length && IsDigit(text[i]); i++, integerDigits++) digits.Append(text[i]);
            if (i < text.Length && text[i] == '.')
            {
                int j = i + 1;
                for (; j < text.Length && IsDigit(text[j]); j++, fractionDigits++) digits.Append(text[j]);
                if (integerDigits + fractionDigits > 0) i = j;
            }
            if (integerDigits + fractionDigits == 0) return 0;
            long exponent = -fractionDigits;
            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                int j = i + 1;
                bool negativeExponent = false;
                if (j < text.Length && (text[j] == '+' || text[j] == '-')) negativeExponent = text[j++] == '-';
                if (j < text.Length && IsDigit(text[j]))
                {
                    long written = 0;
                    for (; j < text.Length && IsDigit(text[j]); j++) written = Math.Min(written * 10 + (text[j] - '0'), 1_000_000_000L);
                    exponent += negativeExponent ? -written : written;
                }
            }
            // An exponent far past double's range needs no more precision: cap it so the string stays parseable.
            exponent = Math.Max(-100_000, Math.Min(100_000, exponent));
            return double.Parse(digits + "e" + exponent.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        /// <summary>The part after "0x": hex digits with an optional point and an optional binary exponent.</summary>
        private static bool HexFloat(string text, int i, out double value)
        {
            value = 0;
            int digitCount = 0, fractionDigits = 0;
            double mantissa = 0;
            for (; i < text.Length && HexDigit(text[i]) >= 0; i++, digitCount++) mantissa = mantissa * 16 + HexDigit(text[i]);
            if (i < text.Length && text[i] == '.')
            {
                int j = i + 1;
                for (; j < text.Length && HexDigit(text[j]) >= 0; j++, fractionDigits++) mantissa = mantissa * 16 + HexDigit(text[j]);
                if (digitCount + fractionDigits > 0) i = j;
            }
            if (digitCount + fractionDigits == 0) return false; // "0x" alone: strtod reads the 0 and stops at x
            long exponent = -4L * fractionDigits;
            if (i < text.Length && (text[i] == 'p' || text[i] == 'P'))
            {
                int j = i + 1;
                bool negativeExponent = false;
                if (j < text.Length && (text[j] == '+' || text[j] == '-')) negativeExponent = text[j++] == '-';
                if (j < text.Length && IsDigit(text[j]))
                {
                    long written = 0;
                    for (; j < text.Length && IsDigit(text[j]); j++) written = Math.Min(written * 10 + (text[j] - '0'), 1_000_000L);
                    exponent += negativeExponent ? -written : written;
                }
            }
            value = mantissa * Math.Pow(2, Math.Max(-2000, Math.Min(2000, exponent)));
            return true;
        }

        private static int HexDigit(char c) =>
            c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

        /// <summary>
        /// FCString::ToBool: "True", "Yes", "On" (any case) are true; "False", "No", "Off" are false; anything
        /// else is Atoi(text) != 0, so "=true" and "" are false and "1" is true.
        /// </summary>
        public static bool ToBool(string text, SimulatorProfile profile)
        {
            foreach (string word in new[] { "True", "Yes", "On" })
                if (string.Equals(text, word, StringComparison.OrdinalIgnoreCase)) return true;
            foreach (string word in new[] { "False", "No", "Off" })
                if (string.Equals(text, word, StringComparison.OrdinalIgnoreCase)) return false;
            return Atoi(text, profile) != 0;
        }

        /// <summary>
        /// FParse::Token with escapes: skips white space, then reads a quoted string (quotes removed, backslash
        /// escapes) or a run of non-space characters (a quoted part inside it kept as is). Empty at the end.
        /// </summary>
        public static string Token(string text, ref int pos)
        {
            while (pos < text.Length && IsTokenSpace(text[pos])) pos++;
            var token = new StringBuilder();
            if (pos < text.Length && text[pos] == '"')
            {
                pos++;
                while (pos < text.Length && text[pos] != '"')
                {
                    char c = text[pos++];
                    if (c == '\\')
                    {
                        if (pos >= text.Length) break;
                        c = text[pos++];
                    }
                    token.Append(c);
                }
                if (pos < text.Length && text[pos] == '"') pos++;
                return token.ToString();
            }
            bool inQuote = false;
            while (pos < text.Length && (inQuote || !IsTokenSpace(text[pos])))
            {
                if (text[pos] == '"') inQuote = !inQuote;
                token.Append(text[pos++]);
            }
            return token.ToString();
        }

        /// <summary>Every token of a command line, in order.</summary>
        public static List<string> Tokens(string text)
        {
            var tokens = new List<string>();
            int pos = 0;
            while (true)
            {
                string token = Token(text, ref pos);
                if (token.Length == 0 && pos >= text.Length) return tokens;
                tokens.Add(token);
            }
        }

        private static bool IsTokenSpace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
