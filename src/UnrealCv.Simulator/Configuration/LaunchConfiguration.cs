using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace UnrealCv.Simulator.Configuration
{
    /// <summary>
    /// The <c>[UnrealCV.Core]</c> section of unrealcv.ini, the file the plugin keeps beside the game
    /// binary. Missing keys keep their defaults (a hand-written file with only Port/Width/Height is fine).
    /// </summary>
    public sealed class UnrealCvIni
    {
        public const string FileName = "unrealcv.ini";
        public const string Section = "UnrealCV.Core";

        public int Port { get; set; } = 9000;
        public int Width { get; set; } = 640;
        public int Height { get; set; } = 480;
        public float Fov { get; set; } = 90;
        public bool EnableInput { get; set; } = true;
        public bool EnableRightEye { get; set; }

        public static UnrealCvIni Parse(string text)
        {
            var ini = new UnrealCvIni();
            bool inSection = false;
            foreach (string rawLine in text.Split('\n'))
            {
                string line = rawLine.Trim();
                if (line.Length == 0 || line[0] == ';' || line[0] == '#') continue;
                if (line[0] == '[')
                {
                    inSection = string.Equals(line.Trim('[', ']').Trim(), Section, StringComparison.OrdinalIgnoreCase);
                    continue;
                }
                int eq = line.IndexOf('=');
                if (!inSection || eq <= 0) continue;
                string key = line.Substring(0, eq).Trim(), value = line.Substring(eq + 1).Trim();
                switch (key.ToLowerInvariant())
                {
                    case "port": ini.Port = Values.Int(value, ini.Port); break;
                    case "width": ini.Width = Values.Int(value, ini.Width); break;
                    case "height": ini.Height = Values.Int(value, ini.Height); break;
                    case "fov": ini.Fov = Values.Float(value, ini.Fov); break;
                    case "enableinput": ini.EnableInput = Values.Bool(value); break;
                    case "enablerighteye": ini.EnableRightEye = Values.Bool(value); break;
                }
            }
            return ini;
        }

        /// <summary>The file as the engine's GConfig writes it: keys in the plugin's order, floats with %f, bools True/False.</summary>
        public string ToText() =>
            "[" + Section + "]\n"
            + "Port=" + Port.ToString(CultureInfo.InvariantCulture) + "\n"
            + "Width=" + Width.ToString(CultureInfo.InvariantCulture) + "\n"
            + "Height=" + Height.ToString(CultureInfo.InvariantCulture) + "\n"
            + "FOV=" + Fov.ToString("F6", CultureInfo.InvariantCulture) + "\n"
            + "EnableInput=" + (EnableInput ? "True" : "False") + "\n"
            + "EnableRightEye=" + (EnableRightEye ? "True" : "False") + "\n\n";

        /// <summary>Reads the file, or writes one with the defaults when there is none (as the plugin does on start).</summary>
        public static UnrealCvIni LoadOrCreate(string path)
        {
            if (File.Exists(path)) return Parse(File.ReadAllText(path));
            var ini = new UnrealCvIni();
            string? folder = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            File.WriteAllText(path, ini.ToText());
            return ini;
        }
    }

    /// <summary>
    /// What a simulated binary takes from its command line and its unrealcv.ini: the ini first, then
    /// <c>-cvport=</c>, then <c>-UnrealCVPort=</c> (which wins), <c>-UnrealCVWidth=</c>, <c>-UnrealCVHeight=</c>,
    /// <c>-UnrealCVFOV=</c>, <c>-UnrealCVEnableInput=</c>. Simulator-only switches: <c>-SimProfile=Linux|Windows</c>,
    /// <c>-SimFrameTimeMs=</c>, <c>-SimProjectName=</c>, <c>-SimSocketDirectory=</c>, <c>-SimConfigDir=</c>
    /// (where unrealcv.ini lives), <c>-SimOutputDirectory=</c>. Anything else (a map name, -RenderOffScreen,
    /// -opengl, -vulkan…) is ignored, as a game ignores switches it does not know. Names are case-insensitive.
    /// </summary>
    public sealed class LaunchConfiguration
    {
        private LaunchConfiguration(SimulatorOptions options, string configFilePath, bool createdConfigFile)
        {
            Options = options;
            ConfigFilePath = configFilePath;
            CreatedConfigFile = createdConfigFile;
        }

        public SimulatorOptions Options { get; }
        public string ConfigFilePath { get; }

        /// <summary>True when unrealcv.ini did not exist and was written with the defaults.</summary>
        public bool CreatedConfigFile { get; }

        /// <summary>
        /// Builds the options from the arguments and the ini in <c>-SimConfigDir</c> (or <paramref name="defaultConfigDirectory"/>).
        /// Throws <see cref="ArgumentException"/> for a simulator switch with a bad value.
        /// </summary>
        public static LaunchConfiguration FromArguments(IEnumerable<string> args, string defaultConfigDirectory)
        {
            var switches = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string arg in args)
            {
                string token = arg.TrimStart('-');
                int eq = token.IndexOf('=');
                if (token.Length == arg.Length || eq <= 0) continue; // not a -Name=value switch
                switches[token.Substring(0, eq)] = token.Substring(eq + 1).Trim('"');
            }

            string configDirectory = switches.TryGetValue("SimConfigDir", out string? dir) ? Path.GetFullPath(dir) : defaultConfigDirectory;
            string configPath = Path.Combine(configDirectory, UnrealCvIni.FileName);
            bool created = !File.Exists(configPath);
            UnrealCvIni ini = UnrealCvIni.LoadOrCreate(configPath);

            var options = new SimulatorOptions
            {
                Port = ini.Port,
                Width = ini.Width,
                Height = ini.Height,
                Fov = ini.Fov,
                EnableInput = ini.EnableInput,
                EnableRightEye = ini.EnableRightEye,
                ConfigFilePath = configPath,
            };
            if (switches.TryGetValue("cvport", out string? value)) options.Port = Values.Int(value, options.Port);
            if (switches.TryGetValue("UnrealCVPort", out value)) options.Port = Values.Int(value, options.Port);
            if (switches.TryGetValue("UnrealCVWidth", out value)) options.Width = Values.Int(value, options.Width);
            if (switches.TryGetValue("UnrealCVHeight", out value)) options.Height = Values.Int(value, options.Height);
            if (switches.TryGetValue("UnrealCVFOV", out value)) options.Fov = Values.Float(value, options.Fov);
            if (switches.TryGetValue("UnrealCVEnableInput", out value)) options.EnableInput = Values.Bool(value);

            if (switches.TryGetValue("SimProfile", out value))
            {
                if (!Enum.TryParse(value, ignoreCase: true, out SimulatorProfile profile) || !Enum.IsDefined(typeof(SimulatorProfile), profile))
                    throw new ArgumentException($"-SimProfile must be Linux or Windows, not '{value}'.");
                options.Profile = profile;
            }
            if (switches.TryGetValue("SimFrameTimeMs", out value))
            {
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int frameTime))
                    throw new ArgumentException($"-SimFrameTimeMs must be a whole number of milliseconds, not '{value}'.");
                options.FrameTimeMs = frameTime;
            }
            if (switches.TryGetValue("SimProjectName", out value)) options.ProjectName = value;
            if (switches.TryGetValue("SimSocketDirectory", out value)) options.SocketDirectory = Path.GetFullPath(value);
            if (switches.TryGetValue("SimOutputDirectory", out value)) options.OutputDirectory = Path.GetFullPath(value);
            return new LaunchConfiguration(options, configPath, created);
        }
    }

    /// <summary>UE's lenient value parsing (FParse::Value, FCString::ToBool): a bad number keeps the previous value.</summary>
    internal static class Values
    {
        public static int Int(string text, int fallback)
        {
            int end = 0;
            if (end < text.Length && (text[end] == '-' || text[end] == '+')) end++;
            while (end < text.Length && char.IsDigit(text[end])) end++;
            return int.TryParse(text.Substring(0, end), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) ? value : fallback;
        }

        public static float Float(string text, float fallback) =>
            float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) ? value : fallback;

        public static bool Bool(string text)
        {
            string t = text.Trim().ToLowerInvariant();
            return t == "true" || t == "yes" || t == "on" || t == "1";
        }
    }
}
