using System;
using System.Collections.Concurrent;
using System.Threading;

namespace UnrealCv.Connection
{
    /// <summary>
    /// The request ids of one session, shared by every link it has over its life (reconnects, transport switches),
    /// and the replies that came back with an id none of its waiting requests carries.
    /// A binary sends each reply to whichever client is connected when its game thread gets to the request, so a
    /// link can receive replies to an earlier link's requests, or to another client's. Ids that never restart and
    /// begin at a random point make such a stray reply recognisable: it is dropped and counted, never delivered.
    /// </summary>
    internal sealed class RequestIds
    {
        // The plugin reads ids with Atoi into an int32; stay well below its limit, leaving 2^30 ids before a wrap.
        private const int RandomStartLimit = 1 << 30;
        private const int MaxKeptNotes = 100;

        private readonly ConcurrentQueue<string> _strayNotes = new ConcurrentQueue<string>();
        private int _next;
        private long _strayReplies;

        private RequestIds(int start) => _next = start;

        /// <summary>Ids for a new session, starting at a random point so that two sessions' ids do not meet.</summary>
        public static RequestIds StartingAtRandom()
        {
            var random = new Random(Guid.NewGuid().GetHashCode());
            return new RequestIds(random.Next(0, RandomStartLimit));
        }

        /// <summary>Ids from <paramref name="start"/> (tests).</summary>
        public static RequestIds StartingAt(int start) => new RequestIds(start);

        /// <summary>The id the next request gets; wraps to 0 after int.MaxValue.</summary>
        public int Next()
        {
            while (true)
            {
                int id = Volatile.Read(ref _next);
                int following = id == int.MaxValue ? 0 : id + 1;
                if (Interlocked.CompareExchange(ref _next, following, id) == id) return id;
            }
        }

        /// <summary>Replies dropped because no request of the link they arrived on was waiting for their id.</summary>
        public long StrayReplies => Interlocked.Read(ref _strayReplies);

        /// <summary>Counts a dropped reply and keeps a line about it for the verbose stream (the newest ones).</summary>
        public void RecordStray(int id, int bodyLength, string linkDescription)
        {
            Interlocked.Increment(ref _strayReplies);
            _strayNotes.Enqueue($"{linkDescription} dropped a reply with id {id} ({bodyLength} bytes) that no request on this link is waiting for: a late reply to a request of an earlier link or another client.");
            while (_strayNotes.Count > MaxKeptNotes && _strayNotes.TryDequeue(out _)) { }
        }

        /// <summary>Takes the oldest line about a dropped reply, for the verbose stream.</summary>
        public bool TryTakeStrayNote(out string? note) => _strayNotes.TryDequeue(out note);
    }
}
