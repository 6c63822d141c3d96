using System;
using System.Linq;
using UnrealCv.Simulator.Scene;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>What command handlers may read about the running simulator, and the world they act on.</summary>
    internal sealed class SimulatorContext
    {
        private readonly Func<bool> _clientConnected;

        public SimulatorContext(SimulatorOptions options, int port, Func<bool> clientConnected, World world)
        {
            Options = options;
            Port = port;
            _clientConnected = clientConnected;
            World = world;
            ViewportWidth = options.FilmWidth;
            ViewportHeight = options.FilmHeight;
        }

        public SimulatorOptions Options { get; }
        public int Port { get; }
        public bool ClientConnected => _clientConnected();

        /// <summary>Encoded captures reused while the scene and camera are unchanged.</summary>
        public Rendering.CaptureCache Captures { get; } = new Rendering.CaptureCache();

        /// <summary>The current game world; opening a level replaces it. Only the game thread touches it.</summary>
        public World World { get; set; }

        /// <summary>The engine around the plugin: frame limit, exit, crash. Null only for the help-template listing.</summary>
        public EngineFrame? Engine { get; set; }

        /// <summary>The game window's size, which <c>vget /screenshot</c> captures (sensors keep their own film size).</summary>
        public int ViewportWidth { get; private set; }
        public int ViewportHeight { get; private set; }

        private (int Width, int Height)? _pendingResolution;

        /// <summary><c>setres</c> asks for a new window size; the engine applies it on the next frame.</summary>
        public void RequestResolution(int width, int height) => _pendingResolution = (width, height);

        public void ApplyPendingResolution()
        {
            if (!(_pendingResolution is (int width, int height))) return;
            ViewportWidth = width;
            ViewportHeight = height;
            _pendingResolution = null;
        }

        private string? _pendingLevel;

        /// <summary>
        /// <c>vset /action/game/level</c>: UGameplayStatics::OpenLevel only sets the travel URL, and the engine loads
        /// the map when it next ticks, so the requests of this frame still see the old world.
        /// </summary>
        public void RequestLevel(string name) => _pendingLevel = name;

        /// <summary>
        /// Loads the map asked for, at the start of a frame: one of the game's maps, or for a name it has not, its
        /// default map (a failed travel browses there). Everything of the old world is gone, spawned actors too.
        /// </summary>
        public void ApplyPendingLevel()
        {
            if (!(_pendingLevel is string name)) return;
            _pendingLevel = null;
            SimulatorOptions o = Options;
            string level = o.Levels.FirstOrDefault(l => string.Equals(l, name, StringComparison.OrdinalIgnoreCase))
                ?? o.LevelName;
            World = LoadLevel(o, level);
        }

        /// <summary>A map as the game loads it: the scene at the sensors' film size, the pawn's input as the config says (AttachPawnSensor: UpdateInput(Pawn, Config.EnableInput)).</summary>
        public static World LoadLevel(SimulatorOptions options, string level)
        {
            World world = SceneBuilder.Build(level, options.FilmWidth, options.FilmHeight, options.FilmFov);
            world.Input.PawnInputEnabled = options.EnableInput;
            return world;
        }

        /// <summary>A null dereference in the plugin: the binary crashes and never answers (see <see cref="EngineFrame.Crash"/>).</summary>
        public Reply Crash() => Engine?.Crash() ?? Reply.Ok;
    }
}
