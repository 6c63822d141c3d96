using System;
using System.Diagnostics;
using System.Threading;
using UnrealCv.Simulator.Server;

namespace UnrealCv.Simulator.Commands
{
    /// <summary>
    /// The engine around the plugin: each frame it waits out the <c>t.MaxFPS</c> limit, applies a pending
    /// <c>setres</c>, ticks the world (the player camera follows the controller unless paused), lets the plugin
    /// run the queued requests, and after a frame in which <c>exit</c> ran it shuts down. A crash ends it at once.
    /// </summary>
    internal sealed class EngineFrame : IFrameHooks
    {
        private readonly SimulatorContext _context;
        private readonly Action _shutDown;
        private readonly WaitHandle _stopping;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _lastFrameStartMs = double.NegativeInfinity;
        private volatile bool _exitRequested;
        private volatile bool _crashed;
        private int _shutDownStarted;
        private long _frames;

        /// <param name="context">The simulator's state the engine acts on.</param>
        /// <param name="shutDown">Stops the simulator (called on a pool thread, never on the game thread).</param>
        /// <param name="stopping">Set when the simulator stops, so that a frame-limit wait ends early.</param>
        public EngineFrame(SimulatorContext context, Action shutDown, WaitHandle stopping)
        {
            _context = context;
            _shutDown = shutDown;
            _stopping = stopping;
        }

        /// <summary>The <c>t.MaxFPS</c> console variable: frames per second at most; 0 or less is no limit.</summary>
        public float MaxFps { get; set; }

        /// <summary>FPlatformMisc::RequestExit: the engine finishes this frame, then quits.</summary>
        public void RequestExit() => _exitRequested = true;

        /// <summary>A null dereference in the plugin: the process dies now, the request is never answered.</summary>
        public Reply Crash()
        {
            _crashed = true;
            StartShutDown();
            return Reply.Ok;
        }

        public bool ExitRequested => _exitRequested;

        public bool Crashed => _crashed;

        public bool EngineAlive => !_crashed;

        /// <summary>Frames whose world tick has run (diagnostics and tests).</summary>
        public long Frames => Interlocked.Read(ref _frames);

        public bool BeginFrame()
        {
            if (_exitRequested || _crashed) return false;
            double previous = _lastFrameStartMs;
            WaitForFrameLimit();
            _context.ApplyPendingResolution();
            _context.ApplyPendingLevel();
            // The first frame has no previous one: it takes the shortest frame time.
            double realDelta = double.IsNegativeInfinity(previous) ? 0 : (_lastFrameStartMs - previous) / 1000.0;
            _context.World.AdvanceFrame(realDelta);
            Interlocked.Increment(ref _frames);
            return true;
        }

        public void EndFrame()
        {
            if (_exitRequested) StartShutDown();
        }

        /// <summary>UEngine's max tick rate: a frame starts no sooner than 1/MaxFPS after the previous one.</summary>
        private void WaitForFrameLimit()
        {
            float maxFps = MaxFps;
            double now = _clock.Elapsed.TotalMilliseconds;
            if (maxFps > 0)
            {
                double wait = _lastFrameStartMs + 1000.0 / maxFps - now;
                if (wait > 0)
                {
                    _stopping.WaitOne(TimeSpan.FromMilliseconds(Math.Min(wait, int.MaxValue)));
                    now = _clock.Elapsed.TotalMilliseconds;
                }
            }
            _lastFrameStartMs = now;
        }

        private void StartShutDown()
        {
            if (Interlocked.Exchange(ref _shutDownStarted, 1) == 0) ThreadPool.QueueUserWorkItem(_ => _shutDown());
        }
    }
}
