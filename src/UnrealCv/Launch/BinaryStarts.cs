using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using UnrealCv.Connection;
using UnrealCv.Session;
using UnrealCv.Transport;

namespace UnrealCv.Launch
{
    /// <summary>What a start does once the binary answered: keep its first connection as a session, and on which transport.</summary>
    internal sealed class SessionOptions
    {
        /// <summary>Keep the first connection as the binary's session.</summary>
        public bool Connect { get; set; }

        /// <summary>Unix or Auto: move that session to the binary's Unix socket, where there is one (implies Connect).</summary>
        public ConnectTransport Transport { get; set; } = ConnectTransport.Tcp;

        /// <summary>The session's default reply timeout.</summary>
        public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

        public bool KeepsSession => Connect || Transport != ConnectTransport.Tcp;
    }

    /// <summary>
    /// Binaries being started in parallel, at most a throttle's worth at once, each on a thread of its own. The caller
    /// takes each one as it comes up; Dispose stops every binary that came up but was never taken, so a stopped or failed
    /// command orphans none.
    /// </summary>
    internal sealed class BinaryStarts : IDisposable
    {
        private static readonly TimeSpan s_switchTimeout = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan s_disposeBound = TimeSpan.FromSeconds(30);
        private readonly List<Task<UnrealCvBinary>> _starting = new List<Task<UnrealCvBinary>>();
        private readonly SemaphoreSlim _throttle;

        public BinaryStarts(int throttleLimit) => _throttle = new SemaphoreSlim(throttleLimit);

        /// <summary>Starts still running or not yet taken.</summary>
        public int Pending => _starting.Count;

        public void Begin(LaunchOptions options, SessionOptions session, CancellationToken cancel)
        {
            SemaphoreSlim throttle = _throttle;
            // A thread of its own per start (LongRunning), not a thread-pool thread: the starts block while they wait,
            // and socket completions need the pool; with dozens of starts a blocked pool stalls them all.
            _starting.Add(Task.Factory.StartNew(() =>
            {
                throttle.Wait(cancel);
                try
                {
                    return StartOne(options, session, cancel);
                }
                finally
                {
                    throttle.Release();
                }
            }, cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }

        /// <summary>The first start that has ended (up, failed or cancelled), removed from the pending ones; null when none has.</summary>
        public Task<UnrealCvBinary>? TakeEnded()
        {
            Task<UnrealCvBinary>? done = _starting.FirstOrDefault(t => t.IsCompleted);
            if (done != null) _starting.Remove(done);
            return done;
        }

        /// <summary>Waits until a start ends or <paramref name="timeout"/> passes; throws OperationCanceledException on Ctrl+C.</summary>
        public void WaitAny(TimeSpan timeout, CancellationToken cancel) => Task.WaitAny(_starting.ToArray(), (int)timeout.TotalMilliseconds, cancel);

        /// <summary>Runs on a worker thread: start, wait for the welcome, optionally move to the Unix socket.</summary>
        private static UnrealCvBinary StartOne(LaunchOptions options, SessionOptions settings, CancellationToken cancel)
        {
            int id = UnrealCvSession.AllocateId();
            (UnrealCvBinary binary, UnrealCvConnection link) = BinaryLauncher.Start(options, id, cancel);
            if (!settings.KeepsSession)
            {
                link.Dispose(); // note: a Linux binary now serves only its Unix socket (binary.SocketPath)
                return binary;
            }
            var session = new UnrealCvSession(id, binary.Name, "localhost", binary.Port, null, TransportKind.Tcp, link, settings.RequestTimeout);
            try
            {
                if (settings.Transport != ConnectTransport.Tcp && SocketFile.IsSupported)
                    TransportSwitcher.ToUnix(session, binary.SocketPath, s_switchTimeout, cancel);
            }
            catch
            {
                session.Close();
                BinaryLauncher.Stop(binary, TimeSpan.Zero);
                throw;
            }
            binary.Session = session;
            return binary;
        }

        public void Dispose()
        {
            if (_starting.Count > 0)
            {
                try { Task.WaitAll(_starting.ToArray(), s_disposeBound); }
                catch (AggregateException) { }
                foreach (var task in _starting.Where(t => t.Status == TaskStatus.RanToCompletion))
                {
                    task.Result.Session?.Close();
                    BinaryLauncher.Stop(task.Result, TimeSpan.Zero);
                }
                _starting.Clear();
            }
            _throttle.Dispose();
        }
    }
}
