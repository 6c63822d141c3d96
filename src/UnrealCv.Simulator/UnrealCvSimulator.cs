using System;
using System.Collections.Generic;
using UnrealCv.Simulator.Commands;
using UnrealCv.Simulator.Scene;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator
{
    /// <summary>Where a simulator is in its life.</summary>
    public enum SimulatorState
    {
        /// <summary>Serving TCP (one client at a time).</summary>
        ServingTcp,
        /// <summary>Linux profile after its first TCP client left: serving only the Unix socket.</summary>
        ServingUnixSocket,
        Stopped,
    }

    /// <summary>
    /// A running simulated binary: a TCP listener (and, on the Linux profile, a Unix socket after the
    /// first client leaves), a game loop that runs requests once per frame, and the scene they act on.
    /// </summary>
    public sealed class UnrealCvSimulator : IDisposable
    {
        private readonly Listener _listener;
        private readonly GameLoop _game;
        private volatile bool _stopped;

        private UnrealCvSimulator(SimulatorOptions options)
        {
            options.Validate();
            Options = options;
            var router = new CommandRouter();
            Router = router;
            _game = new GameLoop(options.FrameTimeMs, router.Execute);
            _listener = new Listener(options, _game);
            var world = SceneBuilder.Build(options.LevelName, options.FilmWidth, options.FilmHeight, options.FilmFov);
            RegisterCommands(router, new SimulatorContext(options, _listener.ReportedPort, () => _listener.TcpClientConnected, world));
        }

        /// <summary>The plugin's registration order, which is also the order of vget /unrealcv/help.</summary>
        private static void RegisterCommands(CommandRouter router, SimulatorContext context)
        {
            AliasCommands.RegisterConsoleRunner(router);
            ObjectCommands.Register(router, context);
            PluginCommands.Register(router, context);
            ActionCommands.Register(router, context);
            AliasCommands.Register(router, context);
            CameraCommands.Register(router, context);
        }

        private static readonly Lazy<IReadOnlyList<string>> s_templates = new Lazy<IReadOnlyList<string>>(() =>
        {
            var options = new SimulatorOptions();
            var router = new CommandRouter();
            RegisterCommands(router, new SimulatorContext(options, options.Port, () => false, SceneBuilder.Build(options.LevelName, 1, 1, 90)));
            return router.Templates;
        });

        /// <summary>The command templates of the UnrealCV plugin 4.27-stable, as <c>vget /unrealcv/help</c> lists them (e.g. for tab completion).</summary>
        public static IReadOnlyList<string> CommandTemplates => s_templates.Value;

        /// <summary>Binds the port (0 picks a free one) and starts serving; throws when the port is taken.</summary>
        public static UnrealCvSimulator Start(SimulatorOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var simulator = new UnrealCvSimulator(options);
            simulator._game.Start();
            simulator._listener.Start();
            return simulator;
        }

        public SimulatorOptions Options { get; }
        /// <summary>The port bound, to connect to (with a configured port of 0, the one the system picked).</summary>
        public int Port => _listener.Port;

        /// <summary>The port the plugin reports: in status, in the Unix socket name and in the log. Differs from <see cref="Port"/> only for a configured port of 0 or one outside 1-65535.</summary>
        public int ReportedPort => _listener.ReportedPort;

        /// <summary>The host to connect to, so that <c>Start-UnrealCvSimulator | Connect-UnrealCv</c> binds by property name.</summary>
        public string ComputerName => System.Net.IPAddress.Any.Equals(Options.BindAddress) ? "localhost" : Options.BindAddress.ToString();
        public SimulatorProfile Profile => Options.Profile;
        public string ProjectName => Options.ProjectName;

        /// <summary>The Unix socket path (Linux profile); null for the Windows profile.</summary>
        public string? SocketPath => Options.Profile == SimulatorProfile.Linux ? _listener.SocketPath : null;

        public SimulatorState State =>
            _stopped ? SimulatorState.Stopped
            : _listener.ServesUnixSocket ? SimulatorState.ServingUnixSocket
            : SimulatorState.ServingTcp;

        internal CommandRouter Router { get; }

        /// <summary>
        /// Sends a server message (a frame without a request id, as a game Blueprint's SendMessageBP does) to the
        /// client being served. Returns false when no client is connected.
        /// </summary>
        public bool SendMessage(string text) => _listener.SendMessage(text ?? throw new ArgumentNullException(nameof(text)));

        /// <summary>Freezes the game thread, as a binary that hangs: connections stay open, requests get no reply until <see cref="Resume"/>.</summary>
        public void Suspend() => _game.Suspend();

        /// <summary>Lets a suspended game thread tick again; queued requests run on the next tick.</summary>
        public void Resume() => _game.Resume();

        public bool IsSuspended => _game.IsSuspended;

        /// <summary>Ticks that ran at least one request.</summary>
        public long BusyTicks => _game.BusyTicks;

        /// <summary>Stops serving, frees the port and removes the socket file it created.</summary>
        public void Stop()
        {
            if (_stopped) return;
            _stopped = true;
            _listener.Dispose();
            _game.Dispose();
        }

        public void Dispose() => Stop();

        public override string ToString() => $"UnrealCvSimulator {ProjectName} on port {Port} ({Profile}, {State})";
    }
}
