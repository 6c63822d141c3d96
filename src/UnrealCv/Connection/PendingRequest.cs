using System;
using System.Diagnostics;
using System.Threading;
using Microsoft.Extensions.ObjectPool;
using UnrealCv.Replies;

namespace UnrealCv.Connection
{
    /// <summary>
    /// One request on the wire, waiting for its reply. The reader thread completes it; the connection waits on it for
    /// the caller, who only ever holds a <see cref="RequestHandle"/>. Instances are pooled: a steady stream of requests
    /// allocates only what the reply itself needs. Each use ends by <see cref="Retire"/>, which moves the generation on,
    /// so a handle from an earlier use can tell it no longer owns the object.
    /// </summary>
    internal sealed class PendingRequest
    {
        private readonly ManualResetEventSlim _done = new ManualResetEventSlim(false, spinCount: 100);
        private int _generation;

        public int Id { get; private set; }
        public string Command { get; private set; } = "";

        /// <summary>How its reply comes and what it parses into, decided once when it was sent.</summary>
        public ReplyShape Shape { get; private set; }

        /// <summary>What becomes of its reply if its caller lets go of it, decided when it was sent.</summary>
        public LateReplies LateReplies { get; private set; }

        public long SentAt { get; private set; }
        public long CompletedAt { get; private set; }

        /// <summary>The reply body as text, for text commands.</summary>
        public string? Text { get; private set; }

        /// <summary>The reply body as bytes, for image and array commands; exactly the body, never copied again.</summary>
        public byte[]? Bytes { get; private set; }

        /// <summary>Set when the connection failed before the reply came.</summary>
        public Exception? Failure { get; private set; }

        public bool IsCompleted => _done.IsSet;

        /// <summary>Changes each time a use of this object ends; a handle carries the value it was given.</summary>
        public int Generation => Volatile.Read(ref _generation);

        public TimeSpan Elapsed => TimeSpan.FromTicks((long)((CompletedAt - SentAt) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency));

        internal void Start(int id, string command, ReplyShape shape, LateReplies lateReplies)
        {
            Id = id;
            Command = command;
            Shape = shape;
            LateReplies = lateReplies;
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

        /// <summary>Ends this use, once: false when it had already ended (a stale handle, or two threads ending it).</summary>
        internal bool Retire(int generation) => Interlocked.CompareExchange(ref _generation, generation + 1, generation) == generation;

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
                if (!request.IsCompleted) return false; // the reader may still hold it: let the GC have it
                request.Reset();
                return true;
            }
        }
    }
}
