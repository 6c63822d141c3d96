using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using UnrealCv.Simulator.Engine;

namespace UnrealCv.Simulator.Configuration
{
    /// <summary>
    /// What a binary with the UnrealCV plugin 4.27-stable makes of its command line and its unrealcv.ini, step by
    /// step as the plugin runs (ServerConfig.cpp, UnrealcvModule.cpp):
    /// <list type="number">
    /// <item>defaults Port 9000, Width 640, Height 480, FOV 90, EnableInput true, EnableRightEye false;</item>
    /// <item>Load(): [UnrealCV.Core] of unrealcv.ini in the binary's folder;</item>
    /// <item>Save(): those values written back (the file rewritten when a key is missing or reads differently);</item>
    /// <item>FParse::Value "cvport"; "cvls" lists assets and ends the game;</item>
    /// <item>FParse::Value "UnrealCVPort", "UnrealCVWidth", "UnrealCVHeight", "UnrealCVFOV", FParse::Bool
    /// "UnrealCVEnableInput", "UnrealCVExitOnFailure"; then the server starts on Port.</item>
    /// </list>
    /// FParse reads a name anywhere in the line and its value from the very next character, so
    /// <c>-cvport 9000</c> and <c>-cvport9000</c> set port 9000 but <c>-cvport=9000</c> sets port 0.
    /// The simulator's own -Sim…= switches (<see cref="SimulatorSwitches"/>) are removed first.
    /// </summary>
    internal sealed class LaunchConfiguration
    {
        private const string Log = "LogUnrealCV: Warning: ";
        private readonly List<string> _log = new List<string>();

        private LaunchConfiguration(SimulatorOptions options, string commandLine, string configFilePath)
        {
            Options = options;
            CommandLine = commandLine;
            ConfigFilePath = configFilePath;
        }

        /// <summary>The options to start the simulator with; Port is in <see cref="SimulatorOptions.ConfiguredPort"/>.</summary>
        public SimulatorOptions Options { get; }

        /// <summary>FCommandLine::Get(): the binary's arguments joined (<see cref="EngineCommandLine"/>).</summary>
        public string CommandLine { get; }

        public string ConfigFilePath { get; }

        /// <summary>The plugin's log lines up to starting its server, as a binary prints them.</summary>
        public IReadOnlyList<string> LogLines => _log;

        /// <summary>True when unrealcv.ini did not exist before this start (it is then written with the defaults).</summary>
        public bool CreatedConfigFile { get; private set; }

        /// <summary>True when unrealcv.ini was (re)written at this start.</summary>
        public bool WroteConfigFile { get; private set; }

        /// <summary>Why unrealcv.ini could not be written, if it could not; a binary carries on without it.</summary>
        public string? ConfigWriteError { get; private set; }

        /// <summary>
        /// The command line names a cook commandlet ("cookcommandlet" or "run=cook" anywhere): the plugin module does
        /// not start at all, so there is no server and unrealcv.ini is neither read nor written.
        /// </summary>
        public bool PluginDisabled { get; private set; }

        /// <summary>"cvls" was given: the plugin lists the assets of a folder and asks the game to exit.</summary>
        public bool ExitRequested { get; private set; }

        /// <summary>-UnrealCVExitOnFailure read true: the game exits when the server cannot start.</summary>
        public bool ExitOnFailure { get; private set; }

        /// <summary>
        /// Set when the camera sensors cannot be made from these values (negative or huge sizes, a field of view
        /// outside 0-180): a binary would fail creating its render targets, so the simulator does not start.
        /// </summary>
        public string? SensorProblem { get; private set; }

        /// <summary>
        /// Builds the options from the arguments and unrealcv.ini in -SimConfigDir (or <paramref name="binaryDirectory"/>),
        /// writing the ini as the plugin does.
        /// </summary>
        /// <exception cref="ArgumentException">A simulator switch that is unknown or has a bad value.</exception>
        public static LaunchConfiguration FromArguments(IEnumerable<string> args, string binaryDirectory)
        {
            SimulatorSwitches sim = SimulatorSwitches.Split(args);
            string commandLine = EngineCommandLine.Join(sim.BinaryArguments);
            string configPath = Path.Combine(sim.ConfigDirectory ?? binaryDirectory, UnrealCvIni.FileName);
            SimulatorProfile profile = sim.Profile;
            var options = new SimulatorOptions
            {
                Profile = profile,
                ConfigFilePath = configPath,
                ConfiguredPort = 9000,
            };
            if (sim.FrameTimeMs is int frameTime) options.FrameTimeMs = frameTime;
            if (sim.ProjectName != null) options.ProjectName = sim.ProjectName;
            foreach (string level in sim.Levels) options.Levels.Add(level);
            if (sim.SocketDirectory != null) options.SocketDirectory = sim.SocketDirectory;
            // A binary writes captures with a relative name into its own folder (the engine runs in it).
            options.OutputDirectory = sim.OutputDirectory ?? binaryDirectory;

            var launch = new LaunchConfiguration(options, commandLine, configPath);
            // UnrealcvModule.cpp: no plugin at all under a cook commandlet.
            if (EngineParse.Contains(commandLine, "cookcommandlet") || EngineParse.Contains(commandLine, "run=cook"))
            {
                launch.PluginDisabled = true;
                return launch;
            }
            launch.ReadServerConfig(profile);
            launch.ApplyModuleOverrides(profile);
            launch.CheckSensors();
            return launch;
        }

        /// <summary>The FServerConfig constructor: Load, Save, ParseCmdArgs, then its log of the values.</summary>
        private void ReadServerConfig(SimulatorProfile profile)
        {
            _log.Add(Log + "Loading config");
            CreatedConfigFile = !File.Exists(ConfigFilePath);
            UnrealCvIni ini = UnrealCvIni.Read(ConfigFilePath, profile);
            Options.ConfiguredPort = ini.Port;
            Options.Width = ini.Width;
            Options.Height = ini.Height;
            Options.Fov = ini.Fov;
            Options.EnableInput = ini.EnableInput;
            Options.EnableRightEye = ini.EnableRightEye;

            ini.StoreValues();
            if (ini.IsDirty && WritesAllowed())
            {
                try
                {
                    ini.Write(ConfigFilePath, profile == SimulatorProfile.Windows ? "\r\n" : "\n");
                    WroteConfigFile = true;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    ConfigWriteError = e.Message;
                }
            }

            if (EngineParse.Value(CommandLine, "cvport", profile, out int port)) Options.ConfiguredPort = port;
            if (EngineParse.Value(CommandLine, "cvls", out string _)) ExitRequested = true;

            _log.Add(Log + "Port: " + Number(Options.ConfiguredPort!.Value));
            _log.Add(Log + "Width: " + Number(Options.Width));
            _log.Add(Log + "Height: " + Number(Options.Height));
            _log.Add(Log + "FOV: " + UnrealCvIni.FormatF(Options.Fov));
            _log.Add(Log + "EnableInput: " + (Options.EnableInput ? "true" : "false"));
            _log.Add(Log + "EnableRightEye: " + (Options.EnableRightEye ? "true" : "false"));
        }

        /// <summary>FConfigFile::Write does nothing under -nowrite, or -Multiprocess without -MultiprocessSaveConfig.</summary>
        private bool WritesAllowed() =>
            !EngineParse.Param(CommandLine, "nowrite")
            && !(EngineParse.Param(CommandLine, "Multiprocess") && !EngineParse.Param(CommandLine, "MultiprocessSaveConfig"));

        /// <summary>FUnrealCVPlugin::StartupModule's overrides, in its order.</summary>
        private void ApplyModuleOverrides(SimulatorProfile profile)
        {
            if (EngineParse.Value(CommandLine, "UnrealCVPort", profile, out int port))
            {
                _log.Add(Log + "Overriding listening port to " + Number(port));
                Options.ConfiguredPort = port;
            }
            if (EngineParse.Value(CommandLine, "UnrealCVWidth", profile, out int width))
            {
                _log.Add(Log + "Overriding width to " + Number(width));
                Options.Width = width;
            }
            if (EngineParse.Value(CommandLine, "UnrealCVHeight", profile, out int height))
            {
                _log.Add(Log + "Overriding height to " + Number(height));
                Options.Height = height;
            }
            if (EngineParse.Value(CommandLine, "UnrealCVFOV", out float fov))
            {
                _log.Add(Log + "Overriding FOV to " + UnrealCvIni.FormatF(fov));
                Options.Fov = fov;
            }
            if (EngineParse.Bool(CommandLine, "UnrealCVEnableInput", profile, out bool enableInput))
            {
                _log.Add(Log + "Overriding EnableInput to " + (enableInput ? "true" : "false"));
                Options.EnableInput = enableInput;
            }
            if (EngineParse.Bool(CommandLine, "UnrealCVExitOnFailure", profile, out bool exitOnFailure))
            {
                _log.Add(Log + "Overriding ExitOnFailure to " + (exitOnFailure ? "true" : "false"));
                ExitOnFailure = exitOnFailure;
            }
        }

        /// <summary>
        /// The sensors take Width/Height/FOV, 0 falling back to 640/480/90 (FusionCamSensor.cpp). Anything else a
        /// render target cannot have is refused; so is a size over 8192, which this simulator does not render.
        /// </summary>
        private void CheckSensors()
        {
            SimulatorOptions o = Options;
            if (o.FilmWidth < 1 || o.FilmWidth > 8192 || o.FilmHeight < 1 || o.FilmHeight > 8192)
                SensorProblem = $"the camera size {Number(o.Width)}x{Number(o.Height)} (unrealcv.ini Width/Height, -UnrealCVWidth/-UnrealCVHeight) is not one a camera sensor can render: "
                    + "a binary's render target cannot be made that size. Give 1 to 8192 (0 falls back to 640x480 as the plugin does), for example -UnrealCVWidth640.";
            else if (!(o.FilmFov > 0 && o.FilmFov < 180))
                SensorProblem = $"the field of view {UnrealCvIni.FormatF(o.Fov)} (unrealcv.ini FOV, -UnrealCVFOV) is not one a camera can render. "
                    + "Give more than 0 and less than 180 degrees (0 falls back to 90 as the plugin does), for example -UnrealCVFOV90.";
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
