using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace UnrealCv.Launch
{
    /// <summary>
    /// Turns argument lists into the one string ProcessStartInfo.Arguments takes. netstandard2.0 has no ArgumentList,
    /// and the string is split by the Windows rules everywhere: by the started program's C runtime on Windows
    /// (Windows PowerShell and PowerShell 7 alike) and by .NET itself on Unix. Under those rules backslashes are
    /// literal unless they precede a quote, so only those runs are doubled: <c>C:\My Games\Game.exe</c> stays one
    /// argument with single backslashes, and a trailing backslash cannot swallow the closing quote.
    /// </summary>
    internal static class CommandLine
    {
        private static readonly char[] s_needsQuotes = { ' ', '\t', '\n', '\v', '"' };

        public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

        public static string Quote(string argument)
        {
            if (argument.Length > 0 && argument.IndexOfAny(s_needsQuotes) < 0) return argument;
            var quoted = new StringBuilder(argument.Length + 2).Append('"');
            int backslashes = 0;
            foreach (char c in argument)
            {
                if (c == '\\')
                {
                    backslashes++;
                    continue;
                }
                // Before a quote, each backslash is written twice and the quote escaped; elsewhere they stand as they are.
                quoted.Append('\\', c == '"' ? 2 * backslashes + 1 : backslashes).Append(c);
                backslashes = 0;
            }
            return quoted.Append('\\', 2 * backslashes).Append('"').ToString();
        }
    }
}
