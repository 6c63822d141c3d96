using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace UnrealCv.Simulator.Configuration
{
    /// <summary>
    /// The simulator's own switches, <c>-SimName=value</c>: what a real binary has in its build or its folder
    /// (platform, frame time, project name, socket and ini folders). They are taken out of the arguments before
    /// the plugin's parsing sees the command line, so nothing in them (a path with "cvport" in it) can reach it.
    /// </summary>
    internal sealed class SimulatorSwitches
    {
        public static readonly IReadOnlyList<string> Names = new[]
        {
            "SimProfile", "SimFrameTimeMs", "SimProjectName", "SimLevels", "SimSocketDirectory", "SimConfigDir", "SimOutputDirectory",
        };

        private readonly Dictionary<string, string> _values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        private SimulatorSwitches(List<string> binaryArguments) => BinaryArguments = binaryArguments;

        /// <summary>The arguments left for the binary, in order.</summary>
        public IReadOnlyList<string> BinaryArguments { get; }

        /// <summary>
        /// Splits the arguments. A -Sim…=value argument must be one of <see cref="Names"/>: a mistyped one is refused
        /// rather than silently given to the binary. A -Sim… argument without '=' that is not one of them is the binary's.
        /// </summary>
        /// <exception cref="ArgumentException">An unknown or malformed -Sim switch, or a bad value.</exception>
        public static SimulatorSwitches Split(IEnumerable<string> args)
        {
            var binary = new List<string>();
            var switches = new SimulatorSwitches(binary);
            foreach (string arg in args)
            {
                string token = arg.StartsWith("--", StringComparison.Ordinal) ? arg.Substring(2) : arg.StartsWith("-", StringComparison.Ordinal) ? arg.Substring(1) : "";
                if (!token.StartsWith("Sim", StringComparison.OrdinalIgnoreCase))
                {
                    binary.Add(arg);
                    continue;
                }
                int eq = token.IndexOf('=');
                string name = eq < 0 ? token : token.Substring(0, eq);
                string? known = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
                if (known == null && eq < 0)
                {
                    binary.Add(arg); // a game's own switch such as -SimpleMode
                    continue;
                }
                if (known == null)
                    throw new ArgumentException($"'{arg}' is not a simulator switch. The simulator's switches are {string.Join(", ", Names.Select(n => "-" + n + "="))}; see --help.");
                if (eq < 0)
                    throw new ArgumentException($"-{known} needs its value after '=' in the same argument, as in -{known}={Example(known)}.");
                switches._values[known] = token.Substring(eq + 1).Trim('"');
            }
            switches.Validate();
            return switches;
        }

        private static string Example(string name) => name switch
        {
            "SimProfile" => "Linux",
            "SimFrameTimeMs" => "0",
            "SimProjectName" => "MyGame",
            "SimLevels" => "Arena,Forest",
            _ => "/tmp/sim",
        };

        private void Validate()
        {
            if (_values.TryGetValue("SimProfile", out string? profile)
                && (!Enum.TryParse(profile, ignoreCase: true, out SimulatorProfile parsed) || !Enum.IsDefined(typeof(SimulatorProfile), parsed) || profile.Trim().Length == 0 || char.IsDigit(profile.Trim()[0])))
                throw new ArgumentException($"-SimProfile must be Linux or Windows, not '{profile}'.");
            if (_values.TryGetValue("SimFrameTimeMs", out string? frameTime) && !int.TryParse(frameTime, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                throw new ArgumentException($"-SimFrameTimeMs must be a whole number of milliseconds, not '{frameTime}'.");
            if (_values.TryGetValue("SimProjectName", out string? project) && project.Trim().Length == 0)
                throw new ArgumentException("-SimProjectName must not be empty.");
            if (_values.TryGetValue("SimLevels", out string? levels) && Levels.Count == 0 && levels.Trim().Length > 0)
                throw new ArgumentException($"-SimLevels takes map names separated by commas, not '{levels}'.");
            foreach (string folder in new[] { "SimSocketDirectory", "SimConfigDir", "SimOutputDirectory" })
                if (_values.TryGetValue(folder, out string? path) && path.Trim().Length == 0)
                    throw new ArgumentException($"-{folder} must name a folder.");
        }

        /// <summary>The platform whose plugin behaviour is copied; defaults to the machine's.</summary>
        public SimulatorProfile Profile => _values.TryGetValue("SimProfile", out string? v)
            ? (SimulatorProfile)Enum.Parse(typeof(SimulatorProfile), v, ignoreCase: true)
            : new SimulatorOptions().Profile;

        public int? FrameTimeMs => _values.TryGetValue("SimFrameTimeMs", out string? v) ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture) : (int?)null;

        public string? ProjectName => _values.TryGetValue("SimProjectName", out string? v) ? v : null;

        /// <summary>The game's maps besides its default one, for <c>vset /action/game/level</c>.</summary>
        public IReadOnlyList<string> Levels => _values.TryGetValue("SimLevels", out string? v)
            ? v.Split(',').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()
            : new string[0];

        public string? SocketDirectory => FullPath("SimSocketDirectory");

        /// <summary>The folder standing in for the binary's folder, where unrealcv.ini is.</summary>
        public string? ConfigDirectory => FullPath("SimConfigDir");

        public string? OutputDirectory => FullPath("SimOutputDirectory");

        private string? FullPath(string name) => _values.TryGetValue(name, out string? v) ? Path.GetFullPath(v) : null;
    }
}
