using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace UnrealCv.Simulator.Scene
{
    /// <summary>How the engine reads text it is handed: FCString::Atof/Atoi (the C library's) and FParse::Token.</summary>
    internal static class EngineText
    {
        /// <summary>
        /// atof, rounded to float: leading white space, then the longest decimal number at the start
        /// (<c>12abc</c> is 12, a word is 0), or inf/infinity/nan. (Hexadecimal floats, which atof also reads, read as 0.)
        /// </summary>
        public static float Atof(string text)
        {
            int i = 0;
            while (i < text.Length && IsSpace(text[i])) i++;
            int start = i;
            if (i < text.Length && (text[i] == '+' || text[i] == '-')) i++;
            string rest = text.Substring(i).ToLowerInvariant();
            bool negative = i > start && text[start] == '-';
            if (rest.StartsWith("inf", System.StringComparison.Ordinal)) return negative ? float.NegativeInfinity : float.PositiveInfinity;
            if (rest.StartsWith("nan", System.StringComparison.Ordinal)) return float.NaN;
            int digits = 0;
            while (i < text.Length && char.IsDigit(text[i])) { i++; digits++; }
            if (i < text.Length && text[i] == '.')
            {
                i++;
                while (i < text.Length && char.IsDigit(text[i])) { i++; digits++; }
            }
            if (digits == 0) return 0f;
            int end = i;
            if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
            {
                int j = i + 1;
                if (j < text.Length && (text[j] == '+' || text[j] == '-')) j++;
                int exponentStart = j;
                while (j < text.Length && char.IsDigit(text[j])) j++;
                if (j > exponentStart) end = j;
            }
            return double.TryParse(text.Substring(start, end - start), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? (float)value : 0f;
        }

        /// <summary>
        /// FParse::Token with escapes: skips white space, then reads a quoted string (quotes removed, backslash
        /// escapes) or a run of non-space characters (a quoted part inside it kept as is). Empty at the end.
        /// </summary>
        public static string Token(string text, ref int pos)
        {
            while (pos < text.Length && IsSpace(text[pos])) pos++;
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
            while (pos < text.Length && (inQuote || !IsSpace(text[pos])))
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

        private static bool IsSpace(char c) => c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
