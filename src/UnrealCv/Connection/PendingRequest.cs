using System;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.ObjectPool;
using UnrealCv.Replies;

namespace UnrealCv.Connection
{
    /// <summary>
    /// One request on the wire, waiting for its reply. The reader thread completes it; the caller waits
    /// on it. Instances are pooled: a steady stream of requests allocates only what the reply itself needs.
    /// </summary>
    internal sealed class PendingRequest
    {
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim(false, spinCount: 100);

        public int Id { get; private set; }
        public string Command { get; private set; } = "";

        /// <summary>How its reply comes and what it parses into, decided once when it was sent.</summary>
        public ReplyShape Shape { get; private set; }
        public long SentAt { get; private set; }
        public long CompletedAt { get; private set; }

        /// <summary>The reply body as text, for text commands.</summary>
        public string? Text { get; private set; }

        /// <summary>The reply body as bytes, for image and array commands; exactly the body, never copied again.</summary>
        public byte[]? Bytes { get; private set; }

        /// <summary>Set when the connection failed before the reply came.</summary>
        public Exception? Failure { get; private set; }

        public bool IsCompleted => _done.IsSet;

        public TimeSpan Elapsed => TimeSpan.FromTicks((long)((CompletedAt - SentAt) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));

        /// <summary>Time from sending until now, for a request that failed or is still waiting.</summary>
        public TimeSpan ElapsedSoFar => TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - SentAt) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));

        internal void Start(int id, string command, ReplyShape shape)
        {
            Id = id;
            Command = command;
            Shape = shape;
            SentAt = Stopwatch.GetTimestamp();
        }

        internal void Complete(string? text, byte[]? bytes)
        {
            Text = text;
            Bytes = bytes;
            CompletedAt = Stopwatch.GetTimestamp();
            _done.Set();
        }

        internal void Fail(Exception failure)
        {
            Failure = failure;
            CompletedAt = Stopwatch.GetTimestamp();
            _done.Set();
        }

        /// <summary>Waits until completed; false on timeout. Throws OperationCanceledException on cancellation.</summary>
        internal bool Wait(int milliseconds, CancellationToken cancel) => _done.Wait(milliseconds, cancel);

        private void Reset()
        {
            _done.Reset();
            Id = 0;
            Command = "";
            Shape = ReplyShape.Text;
            Text = null;
            Bytes = null;
            Failure = null;
        }

        /// <summary>Keeps returned requests clean for reuse.</summary>
        internal sealed class Policy : PooledObjectPolicy<PendingRequest>
        {
            public override PendingRequest Create() => new PendingRequest();

            public override bool Return(PendingRequest request)
            {
                if (!request.IsCompleted) return false; // still owned by the reader: let the GC have it
                request.Reset();
                return true;
            }
        }
    }
}
