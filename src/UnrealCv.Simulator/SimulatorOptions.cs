using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Runtime.InteropServices;

namespace UnrealCv.Simulator
{
    /// <summary>Which platform's plugin behaviour the simulator copies.</summary>
    public enum SimulatorProfile
    {
        /// <summary>Linux binary, plugin 4.27-stable: after the first TCP client leaves, serves only the Unix socket.</summary>
        Linux,
        /// <summary>Windows binary: keeps serving TCP, one client at a time; no Unix socket.</summary>
        Windows,
    }

    /// <summary>How a simulated binary is set up: the values a binary takes from unrealcv.ini and its command line.</summary>
    public sealed class SimulatorOptions
    {
        /// <summary>
        /// TCP port; 0 picks a free one. The simulator then acts as a binary started on the port it got:
        /// status and the Unix socket name show that port. Ignored when <see cref="ConfiguredPort"/> is set.
        /// </summary>
        public int Port { get; set; } = 9000;

        /// <summary>
        /// The port as a binary's configuration holds it (unrealcv.ini, then -cvport / -UnrealCVPort), for a simulator
        /// standing in for a binary's command line. The listener binds it as the plugin does (FIPv4Endpoint keeps
        /// its low 16 bits, and 0 lets the system pick one), and status, the Unix socket name and the log show this
        /// value, not the bound port, as a binary does (UnixTcpServer.cpp, PluginHandler.cpp).
        /// </summary>
        public int? ConfiguredPort { get; set; }

        /// <summary>Address the TCP listener binds. A binary binds every interface; in-process simulators default to loopback.</summary>
        public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

        public SimulatorProfile Profile { get; set; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? SimulatorProfile.Linux : SimulatorProfile.Windows;

        /// <summary>Time between game ticks; requests run only on a tick. 0 ticks as soon as a request arrives.</summary>
        public int FrameTimeMs { get; set; } = 33;

        /// <summary>Config.Width as status shows it; 0 makes the camera sensors fall back to 640 (FusionCamSensor.cpp).</summary>
        public int Width { get; set; } = 640;

        /// <summary>Config.Height as status shows it; 0 makes the camera sensors fall back to 480.</summary>
        public int Height { get; set; } = 480;

        /// <summary>Config.FOV as status shows it; 0 makes the camera sensors fall back to 90.</summary>
        public float Fov { get; set; } = 90f;
        public bool EnableInput { get; set; } = true;
        public bool EnableRightEye { get; set; }

        /// <summary>What the welcome and <c>vget /scene/name</c> report.</summary>
        public string ProjectName { get; set; } = "UnrealCvSimulator";

        /// <summary>What <c>vget /level/name</c> reports: the game's default map, which it starts in.</summary>
        public string LevelName { get; set; } = "SimulatorMap";

        /// <summary>
        /// The game's other maps, which <c>vset /action/game/level</c> can open (names compare case-insensitively, as
        /// UE's package names). Opening any other name lands in the default map, as a game that fails to load a map does.
        /// </summary>
        public IList<string> Levels { get; set; } = new List<string>();

        /// <summary>Folder of the Unix socket file <c>unrealcv_&lt;port&gt;.socket</c> (Linux profile).</summary>
        public string SocketDirectory { get; set; } = "/tmp";

        /// <summary>The ini path that <c>vget /unrealcv/status</c> reports; defaults to unrealcv.ini beside the simulator assembly.</summary>
        public string? ConfigFilePath { get; set; }

        /// <summary>
        /// The simulated binary's folder, where file-mode captures with a relative name (<c>vget /camera/0/lit shot.png</c>)
        /// are written: a binary's engine sets its working directory to its own folder, so a relative path lands there.
        /// Unset, it is the folder of the simulator's own assembly (the host program's folder).
        /// </summary>
        public string? OutputDirectory { get; set; }

        internal void Validate()
        {
            if (ConfiguredPort == null && (Port < 0 || Port > 65535)) throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be between 0 (pick a free port) and 65535.");
            if (FrameTimeMs < 0) throw new ArgumentOutOfRangeException(nameof(FrameTimeMs), FrameTimeMs, "FrameTimeMs must be 0 or more.");
            if (FilmWidth < 1 || FilmHeight < 1 || FilmWidth > 8192 || FilmHeight > 8192) throw new ArgumentOutOfRangeException(nameof(Width), $"{Width}x{Height}", "Width and Height must be between 1 and 8192 (0 falls back to 640x480, as the plugin's camera sensors do).");
            if (!(FilmFov > 0 && FilmFov < 180)) throw new ArgumentOutOfRangeException(nameof(Fov), Fov, "Fov must be between 0 and 180 degrees (0 falls back to 90, as the plugin's camera sensors do).");
            if (string.IsNullOrWhiteSpace(ProjectName)) throw new ArgumentException("ProjectName must not be empty.", nameof(ProjectName));
            if (string.IsNullOrWhiteSpace(SocketDirectory)) throw new ArgumentException("SocketDirectory must not be empty.", nameof(SocketDirectory));
        }

        /// <summary>The camera sensors' film width: Config.Width, or 640 when it is 0 (FusionCamSensor.cpp, BaseCameraSensor.cpp).</summary>
        internal int FilmWidth => Width == 0 ? 640 : Width;

        internal int FilmHeight => Height == 0 ? 480 : Height;

        internal float FilmFov => Fov == 0 ? 90 : Fov;

        internal string ResolveConfigFilePath() =>
            ConfigFilePath ?? Path.Combine(AssemblyDirectory, "unrealcv.ini");

        /// <summary>Where a relative capture filename resolves: <see cref="OutputDirectory"/>, else the simulator's folder.</summary>
        internal string ResolveOutputDirectory() => OutputDirectory ?? AssemblyDirectory;

        private static string AssemblyDirectory
        {
            get
            {
                string? folder = Path.GetDirectoryName(typeof(SimulatorOptions).Assembly.Location);
                return string.IsNullOrEmpty(folder) ? AppContext.BaseDirectory : folder!;
            }
        }
    }
}
