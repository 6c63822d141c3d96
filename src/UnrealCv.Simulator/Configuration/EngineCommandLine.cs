using System.Collections.Generic;
using System.Text;

namespace UnrealCv.Simulator.Configuration
{
    /// <summary>
    /// FCommandLine::Get() of a binary started with these arguments, as the engine's Unix main builds it from
    /// argv: each argument after a space; one with a space in it quoted, as name="value" when it has an '='.
    /// </summary>
    internal static class EngineCommandLine
    {
        public static string Join(IEnumerable<string> args)
        {
            var line = new StringBuilder();
            foreach (string arg in args)
            {
                line.Append(' ');
                if (arg.IndexOf(' ') < 0) line.Append(arg);
                else
                {
                    int eq = arg.IndexOf('=');
                    if (eq < 0) line.Append('"').Append(arg).Append('"');
                    else line.Append(arg, 0, eq).Append("=\"").Append(arg, eq + 1, arg.Length - eq - 1).Append('"');
                }
            }
            return line.ToString();
        }
    }
}
