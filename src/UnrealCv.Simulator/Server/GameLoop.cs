using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;

namespace UnrealCv.Simulator.Server
{
    /// <summary>What the engine does around the plugin's tick in each frame.</summary>
    internal interface IFrameHooks
    {
        /// <summary>Runs before the queued requests; false once the engine is shutting down (nothing runs any more).</summary>
        bool BeginFrame();

        /// <summary>False once a request has crashed the engine: its reply is never sent and nothing more runs.</summary>
        bool EngineAlive { get; }

        /// <summary>Runs after the queued requests.</summary>
        void EndFrame();
    }

    /// <summary>
    /// The game thread: requests are queued by the network thread and run only on a tick, all of the
    /// queued ones in FIFO order, each reply handed to <c>deliver</c> as soon as it is computed; <c>flush</c> runs
    /// whenever the queue is empty after a reply, so replies are held back only while more requests are ready
    /// to run at once (the listener also sends them before any request that may take time). With a frame time of 0 it
    /// ticks as soon as something is queued. A reply goes to whoever <c>deliver</c> says is connected when it
    /// is computed, not to the client that sent the request (UnrealcvServer.cpp ProcessRequest → SendData).
    /// </summary>
    internal sealed class GameLoop : IDisposable
    {
        private readonly ConcurrentQueue<(int Id, string Command)> _queue = new ConcurrentQueue<(int, string)>();
        private readonly SemaphoreSlim _queued = new SemaphoreSlim(0);
        private readonly ManualResetEventSlim _stop = new ManualResetEventSlim();
        private readonly ManualResetEventSlim _running = new ManualResetEventSlim(true);
        private readonly Func<string, Reply> _execute;
        private readonly Action<int, Reply> _deliver;
        private readonly Action? _flush;
        private readonly int _frameTimeMs;
        private readonly Thread _thread;
        private long _ticks;

        public GameLoop(int frameTimeMs, Func<string, Reply> execute, Action<int, Reply> deliver, Action? flush = null)
        {
            _frameTimeMs = frameTimeMs;
            _execute = execute;
            _deliver = deliver;
            _flush = flush;
            _thread = new Thread(Run) { IsBackground = true, Name = "UnrealCv simulator game thread" };
        }

        /// <summary>Ticks that ran at least one request (diagnostics and tests).</summary>
        public long BusyTicks => Interlocked.Read(ref _ticks);

        /// <summary>Requests read from the client and not yet taken by a tick (tests).</summary>
        public int QueuedRequests => _queue.Count;

        /// <summary>The engine's work around each tick; set before <see cref="Start"/>.</summary>
        public IFrameHooks? Hooks { get; set; }

        public void Start() => _thread.Start();

        /// <summary>Stops ticking, as a game thread that hangs (a long level load); requests queue up unanswered.</summary>
        public void Suspend() => _running.Reset();

        /// <summary>Ticks again; the queued requests run on the next tick.</summary>
        public void Resume() => _running.Set();

        public bool IsSuspended => !_running.IsSet;

        public void Enqueue(int id, string command)
        {
            Add(id, command);
            Wake();
        }

        /// <summary>Queues a request without waking the game thread: the listener queues all it has read, then calls <see cref="Wake"/> once.</summary>
        public void Add(int id, string command) => _queue.Enqueue((id, command));

        /// <summary>With a frame time of 0, starts a tick for what has been queued.</summary>
        public void Wake()
        {
            if (_frameTimeMs == 0) _queued.Release();
        }

        private void Run()
        {
            var clock = Stopwatch.StartNew();
            long nextTick = _frameTimeMs;
            while (!_stop.IsSet)
            {
                if (_frameTimeMs == 0)
                {
                    try { _queued.Wait(100); }
                    catch (ObjectDisposedException) { return; }
                    if (_stop.IsSet) return;
                }
                else
                {
                    long wait = nextTick - clock.ElapsedMilliseconds;
                    if (wait > 0 && _stop.Wait((int)wait)) return;
                    // Skip frames we were too late for instead of bursting to catch up.
                    nextTick = Math.Max(nextTick + _frameTimeMs, clock.ElapsedMilliseconds + 1);
                }
                if (!_running.IsSet && WaitHandle.WaitAny(new[] { _running.WaitHandle, _stop.WaitHandle }) == 1) return;
                Tick();
            }
        }

        private void Tick()
        {
            IFrameHooks? hooks = Hooks;
            if (hooks != null && !hooks.BeginFrame()) return;
            bool busy = false;
            while (_queue.TryDequeue(out var request))
            {
                // Counted before the first reply goes out, so a client that has a reply sees its tick counted.
                if (!busy) Interlocked.Increment(ref _ticks);
                busy = true;
                Reply reply;
                try { reply = _execute(request.Command); }
                catch (Exception e) { reply = Reply.Error(e.Message); }
                if (hooks != null && !hooks.EngineAlive) return;
                _deliver(request.Id, reply);
                if (_queue.IsEmpty) _flush?.Invoke();
            }
            hooks?.EndFrame();
        }

        public void Dispose()
        {
            _stop.Set();
            _running.Set();
            _queued.Release();
            if (Thread.CurrentThread != _thread && _thread.IsAlive) _thread.Join(2000);
            _queued.Dispose();
        }
    }
}
