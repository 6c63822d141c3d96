using System;
using System.Globalization;

namespace UnrealCv.Replies
{
    /// <summary>Culture-invariant number reading and writing shared by the reply values.</summary>
    internal static class ReplyText
    {
        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        /// <summary>
        /// A printf number (<c>%f</c>, <c>%.3f</c>…) in the invariant culture. printf prints non-finite values as
        /// <c>nan</c>, <c>-nan</c>, <c>nan(ind)</c>, <c>inf</c>, <c>-inf</c>, which .NET does not read: handled here.
        /// </summary>
        public static bool TryParseDouble(string token, out double value)
        {
            if (double.TryParse(token, NumberStyles.Float, Invariant, out value)) return true;
            string t = token.ToLowerInvariant();
            bool negative = t.StartsWith("-", StringComparison.Ordinal);
            if (negative || t.StartsWith("+", StringComparison.Ordinal)) t = t.Substring(1);
            if (t == "nan" || t.StartsWith("nan(", StringComparison.Ordinal)) { value = double.NaN; return true; }
            if (t == "inf" || t == "infinity") { value = negative ? double.NegativeInfinity : double.PositiveInfinity; return true; }
            value = 0;
            return false;
        }

        public static bool TryParseInt(string token, out int value) =>
            int.TryParse(token, NumberStyles.AllowLeadingSign, Invariant, out value);

        /// <summary>Numbers for a <c>vset</c> argument list: space-separated, as <see cref="Common.CommandText.Number"/> writes them.</summary>
        public static string Join(params double[] values) => string.Join(" ", Array.ConvertAll(values, Common.CommandText.Number));

        public static int Hash(int a, int b, int c)
        {
            unchecked
            {
                int h = 17;
                h = h * 31 + a;
                h = h * 31 + b;
                h = h * 31 + c;
                return h;
            }
        }

        public static int ReadInt32LittleEndian(byte[] b, int offset) =>
            b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24);

        public static int ReadInt32BigEndian(byte[] b, int offset) =>
            (b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3];
    }
}
