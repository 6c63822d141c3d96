using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
using UnrealCv.Common;

namespace UnrealCv.Launch
{
    /// <summary>
    /// Starts every binary's process on one thread that lives as long as PowerShell. On Linux the kernel's
    /// parent-death signal (PR_SET_PDEATHSIG) fires when the *thread* that forked the child ends, not the process,
    /// and Process.Start forks on the calling thread; starts made on the launcher's short-lived worker threads would
    /// have their binaries killed as soon as that worker finished. Started lazily, on first use.
    /// </summary>
    internal static class ProcessSpawner
    {
        private static readonly BlockingCollection<Request> s_requests = new BlockingCollection<Request>();
        private static readonly object s_startLock = new object();
        private static Thread? s_thread;

        /// <summary>How long a caller waits for its start; a fork and exec take milliseconds.</summary>
        public static TimeSpan Wait { get; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// Starts <paramref name="process"/> on the spawner thread and returns once it runs. Throws what Process.Start
        /// threw, or a timeout when the spawner did not get to it; a start that comes after the caller gave up is killed.
        /// </summary>
        public static void Start(Process process)
        {
            EnsureThread();
            var request = new Request(process);
            s_requests.Add(request);
            if (!request.Done.Wait(Wait) && request.Abandon())
                throw new ClientException(ClientFault.Timeout, $"the process start of '{process.StartInfo.FileName}' did not happen within {Wait.TotalSeconds:0} s; it was abandoned.");
            if (request.Failure != null)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(request.Failure).Throw();
        }

        private static void EnsureThread()
        {
            lock (s_startLock)
            {
                if (s_thread != null) return;
                // A background thread: it must never keep PowerShell from exiting.
                s_thread = new Thread(Run) { IsBackground = true, Name = "UnrealCv binary spawner" };
                s_thread.Start();
            }
        }

        private static void Run()
        {
            foreach (Request request in s_requests.GetConsumingEnumerable())
            {
                if (!request.Begin()) continue; // its caller gave up waiting
                try
                {
                    request.Process.Start();
                }
                catch (Exception e)
                {
                    request.Failure = e;
                }
                if (!request.Finish() && request.Failure == null)
                {
                    // Its caller stopped waiting while it forked: nobody owns this process, so end it.
                    try { request.Process.Kill(); } catch (InvalidOperationException) { }
                }
            }
        }

        private sealed class Request
        {
            private const int Waiting = 0, Starting = 1, Abandoned = 2, Finished = 3;
            private int _state = Waiting;

            public Request(Process process) => Process = process;

            public Process Process { get; }
            public Exception? Failure { get; set; }
            public ManualResetEventSlim Done { get; } = new ManualResetEventSlim();

            public bool Begin() => Interlocked.CompareExchange(ref _state, Starting, Waiting) == Waiting;

            /// <summary>False when the start finished after all (the caller then owns the process as usual).</summary>
            public bool Abandon() =>
                Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting
                || Interlocked.CompareExchange(ref _state, Abandoned, Starting) == Starting;

            /// <summary>False when the caller had already given up.</summary>
            public bool Finish()
            {
                bool owned = Interlocked.CompareExchange(ref _state, Finished, Starting) == Starting;
                Done.Set();
                return owned;
            }
        }
    }
}
