namespace UnrealCv.Simulator.Engine
{
    /// <summary>
    /// The engine's FParse functions as UE 4.27 runs them on FCommandLine::Get(): no notion of switches or
    /// '=' — a name is searched anywhere in the whole line (<see cref="EngineText.Strifind"/>) and the value is
    /// read from the character right after it.
    /// </summary>
    internal static class EngineParse
    {
        /// <summary>
        /// FParse::Value for an int32: Atoi of the text right after the first match, so "-cvport 9000" and
        /// "-cvport9000" give 9000 but "-cvport=9000" gives 0. True whenever the name is found.
        /// </summary>
        public static bool Value(string stream, string match, SimulatorProfile profile, out int value)
        {
            int found = EngineText.Strifind(stream, match);
            value = found < 0 ? 0 : EngineText.Atoi(stream, found + match.Length, profile);
            return found >= 0;
        }

        /// <summary>FParse::Value for a float: Atof of the text right after the first match ("-UnrealCVFOV=60" gives 0).</summary>
        public static bool Value(string stream, string match, out float value)
        {
            int found = EngineText.Strifind(stream, match);
            value = found < 0 ? 0 : EngineText.Atof(stream, found + match.Length);
            return found >= 0;
        }

        /// <summary>
        /// FParse::Value into a TCHAR buffer of <paramref name="maxLength"/> (the terminator included): the match is
        /// searched outside double quotes; a value starting with a quote runs to the next quote, any other skips
        /// leading white space and stops at white space (and, with <paramref name="stopOnSeparator"/>, at ',' or ')').
        /// </summary>
        public static bool Value(string stream, string match, out string value, int maxLength = int.MaxValue, bool stopOnSeparator = true)
        {
            value = "";
            int found = EngineText.Strifind(stream, match, 0, skipQuoted: true);
            if (found < 0) return false;
            int start = found + match.Length;
            if (start < stream.Length && stream[start] == '"')
            {
                string copied = Truncate(stream, start + 1, maxLength);
                int quote = copied.IndexOf('"');
                value = quote < 0 ? copied : copied.Substring(0, quote);
                return true;
            }
            while (start < stream.Length && (stream[start] == ' ' || stream[start] == '\r' || stream[start] == '\n' || stream[start] == '\t')) start++;
            string text = Truncate(stream, start, maxLength);
            int end = text.IndexOfAny(stopOnSeparator ? new[] { ' ', '\r', '\n', '\t', ',', ')' } : new[] { ' ', '\r', '\n', '\t' });
            value = end < 0 ? text : text.Substring(0, end);
            return true;
        }

        /// <summary>What FCString::Strncpy leaves in a buffer of <paramref name="maxLength"/>: at most maxLength - 1 characters.</summary>
        private static string Truncate(string stream, int start, int maxLength)
        {
            int available = stream.Length - start;
            if (available <= 0) return "";
            int end = stream.IndexOf('\0', start);
            if (end >= 0) available = end - start;
            return stream.Substring(start, maxLength - 1 < available ? maxLength - 1 : available);
        }

        /// <summary>
        /// FParse::Bool: the string value into a 16-character buffer, then FCString::ToBool. So
        /// "-UnrealCVEnableInput=true" reads "=true" and is false, "-UnrealCVEnableInput true" is true.
        /// </summary>
        public static bool Bool(string stream, string match, SimulatorProfile profile, out bool value)
        {
            value = false;
            if (!Value(stream, match, out string text, 16)) return false;
            value = EngineText.ToBool(text, profile);
            return true;
        }

        /// <summary>
        /// FParse::Param: <paramref name="param"/> as a whole switch: right after a '-' or '/' that starts the line
        /// or follows white space, and followed by white space or the end ("-nowrite", not "-nowrite=1").
        /// </summary>
        public static bool Param(string stream, string param)
        {
            if (stream.Length == 0) return false;
            for (int start = EngineText.Strifind(stream, param, 0, skipQuoted: true); start >= 0; start = EngineText.Strifind(stream, param, start + 1, skipQuoted: true))
            {
                bool dashed = start > 0 && (stream[start - 1] == '-' || stream[start - 1] == '/');
                bool leadIn = start - 1 == 0 || (start >= 2 && char.IsWhiteSpace(stream[start - 2]));
                int end = start + param.Length;
                if (dashed && leadIn && (end >= stream.Length || stream[end] == '\0' || char.IsWhiteSpace(stream[end]))) return true;
            }
            return false;
        }

        /// <summary>FString::Contains, which ignores case by default.</summary>
        public static bool Contains(string stream, string text) => stream.IndexOf(text, System.StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
