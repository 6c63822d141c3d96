using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace UnrealCv.Common
{
    /// <summary>A point in time that every wait of one operation counts down to.</summary>
    internal readonly struct Deadline
    {
        private readonly long _start;

        private Deadline(long start, TimeSpan timeout)
        {
            Timeout = timeout;
            _start = start;
        }

        public TimeSpan Timeout { get; }

        public static Deadline After(TimeSpan timeout) => new Deadline(Stopwatch.GetTimestamp(), timeout);

        /// <summary>A deadline counted from an earlier Stopwatch timestamp, such as when a request was sent.</summary>
        public static Deadline From(long stopwatchTimestamp, TimeSpan timeout) => new Deadline(stopwatchTimestamp, timeout);

        /// <summary>Milliseconds left, for WaitHandle-style APIs (0 when passed).</summary>
        public int RemainingMilliseconds
        {
            get
            {
                double elapsedMs = (Stopwatch.GetTimestamp() - _start) * 1000.0 / Stopwatch.Frequency;
                double left = Timeout.TotalMilliseconds - elapsedMs;
                return left <= 0 ? 0 : left >= int.MaxValue ? int.MaxValue : (int)Math.Ceiling(left);
            }
        }

        public bool HasPassed => RemainingMilliseconds == 0;

        /// <summary>Waits for a task until the deadline; false on timeout; throws OperationCanceledException on Ctrl+C.</summary>
        public static bool Wait(Task task, Deadline deadline, CancellationToken cancel)
        {
            try
            {
                return task.Wait(deadline.RemainingMilliseconds, cancel);
            }
            catch (AggregateException)
            {
                return true; // completed with a fault: the caller observes it with GetResult
            }
        }
    }
}
