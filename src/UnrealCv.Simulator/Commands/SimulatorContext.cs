using System;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>What command handlers may read about the running simulator besides the scene.</summary>
    internal sealed class SimulatorContext
    {
        private readonly Func<bool> _clientConnected;

        public SimulatorContext(SimulatorOptions options, int port, Func<bool> clientConnected)
        {
            Options = options;
            Port = port;
            _clientConnected = clientConnected;
        }

        public SimulatorOptions Options { get; }
        public int Port { get; }
        public bool ClientConnected => _clientConnected();
    }
}
