using System;
using UnrealCv.Simulator.Scene;

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
        }

        public SimulatorOptions Options { get; }
        public int Port { get; }
        public bool ClientConnected => _clientConnected();

        /// <summary>Encoded captures reused while the scene and camera are unchanged.</summary>
        public Rendering.CaptureCache Captures { get; } = new Rendering.CaptureCache();

        /// <summary>The current game world; opening a level replaces it. Only the game thread touches it.</summary>
        public World World { get; set; }
    }
}
