using System;
using System.Collections.Generic;
using System.Threading;
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
        private readonly EngineFrame _engine;
        private readonly ManualResetEventSlim _stopping = new ManualResetEventSlim();
        private readonly object _stopLock = new object();
        private volatile bool _stopped;

        private UnrealCvSimulator(SimulatorOptions options)
        {
            options.Validate();
            Options = options;
            var router = new CommandRouter();
            Router = router;
            // Replies go to whichever client the listener serves when the game thread computes them
            // (the listener is set below, before the game thread starts). Small ones are held while more requests
            // are ready to run at once, and sent before any handler that may take time.
            _game = new GameLoop(options.FrameTimeMs, router.Execute, (id, reply) => _listener!.SendReply(id, reply), () => _listener!.FlushReplies());
            _listener = new Listener(options, _game);
            router.BeforeSlowHandler = _listener.FlushReplies;
            var context = new SimulatorContext(options, _listener.ReportedPort, () => _listener.TcpClientConnected, SimulatorContext.LoadLevel(options, options.LevelName));
            _engine = new EngineFrame(context, Stop, _stopping.WaitHandle);
            context.Engine = _engine;
            _game.Hooks = _engine;
            RegisterCommands(router, context);
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

        /// <summary>Requests read from the client and not yet taken by a tick.</summary>
        internal int QueuedRequests => _game.QueuedRequests;

        /// <summary>Game frames whose world tick has run (the player camera follows its controller once per frame).</summary>
        public long Frames => _engine.Frames;

        /// <summary>
        /// Raised once the simulator has stopped, whether by <see cref="Stop"/> or because the simulated game quit
        /// (<c>vrun exit</c>) or crashed (a request that dereferences null in the plugin). A host program exits on it.
        /// </summary>
        public event EventHandler? Stopped;

        /// <summary>True when the game itself ended: <c>vrun exit</c>/<c>quit</c>, or a simulated crash.</summary>
        public bool GameEnded => _engine.ExitRequested || _engine.Crashed;

        /// <summary>True when a request crashed the simulated binary (it was never answered).</summary>
        public bool Crashed => _engine.Crashed;

        // Set once Stop has finished, its Stopped handlers included.
        private readonly ManualResetEventSlim _stopDone = new ManualResetEventSlim();

        /// <summary>Waits until the simulator has stopped; false when the time ran out first.</summary>
        /// <remarks>Returns only once the <see cref="Stopped"/> handlers have run, so that what they record is there to read.</remarks>
        public bool WaitForStop(TimeSpan timeout) => _stopDone.Wait(timeout);

        /// <summary>
        /// Stops serving and frees the port. Like a 4.27-stable binary that exits, it leaves its Unix socket file
        /// behind: a stale file that refuses connections, which clients must cope with.
        /// </summary>
        public void Stop()
        {
            lock (_stopLock)
            {
                if (_stopped) return;
                _stopping.Set();
                _listener.Dispose();
                _game.Dispose();
                _stopped = true;
            }
            try
            {
                Stopped?.Invoke(this, EventArgs.Empty);
            }
            finally
            {
                _stopDone.Set();
            }
        }

        public void Dispose() => Stop();

        public override string ToString() => $"UnrealCvSimulator {ProjectName} on port {Port} ({Profile}, {State})";
    }
}
