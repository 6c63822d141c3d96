using System.Collections.Generic;

namespace UnrealCv.Connection
{
    /// <summary>
    /// The requests of one link that wait for their reply, and the ids of those whose caller let go, under one lock, so
    /// that the reader sees an id either waiting or let go, never neither. Only the one who takes a request off the table
    /// may complete it. Plain dictionaries: unlike concurrent ones they allocate nothing per request, and every critical
    /// section is a lookup or two.
    /// </summary>
    internal sealed class PendingTable
    {
        private readonly object _lock = new object();
        private readonly Dictionary<int, PendingRequest> _waiting = new Dictionary<int, PendingRequest>();
        // The value is the command when an error reply should still be reported (LateReplies.ReportErrors), else null.
        private readonly Dictionary<int, string?> _letGo = new Dictionary<int, string?>();

        /// <summary>Requests sent and not yet answered or let go.</summary>
        public int WaitingCount
        {
            get { lock (_lock) return _waiting.Count; }
        }

        /// <summary>Requests whose replies are still to come and matter: waiting ones, and those let go whose errors are reported.</summary>
        public int InFlightCount
        {
            get
            {
                lock (_lock)
                {
                    int reported = 0;
                    foreach (var entry in _letGo) if (entry.Value != null) reported++;
                    return _waiting.Count + reported;
                }
            }
        }

        public void Add(PendingRequest request)
        {
            lock (_lock) _waiting[request.Id] = request;
        }

        /// <summary>Takes a request off the table; false if someone else already did.</summary>
        public bool TryTake(int id)
        {
            lock (_lock) return _waiting.Remove(id);
        }

        /// <summary>Takes a waiting request off the table and remembers its id as let go. False if it was no longer waiting.</summary>
        public bool TryLetGo(PendingRequest request, LateReplies lateReplies)
        {
            lock (_lock)
            {
                if (!_waiting.Remove(request.Id)) return false;
                _letGo[request.Id] = lateReplies == LateReplies.ReportErrors ? request.Command : null;
                return true;
            }
        }

        /// <summary>
        /// Who a reply with this id is for, decided in one step: the waiting request (left on the table until its body is
        /// read, see <see cref="TryFinish"/>), or none. When none, <paramref name="wasLetGo"/> says whether it is the late
        /// reply to a request let go (its mark is cleared, and <paramref name="reportAs"/> is its command if its error is
        /// reported) or a stranger's.
        /// </summary>
        public PendingRequest? Claim(int id, out bool wasLetGo, out string? reportAs)
        {
            lock (_lock)
            {
                reportAs = null;
                if (_waiting.TryGetValue(id, out PendingRequest? request))
                {
                    wasLetGo = false;
                    return request;
                }
                wasLetGo = _letGo.TryGetValue(id, out reportAs);
                if (wasLetGo) _letGo.Remove(id);
                return null;
            }
        }

        /// <summary>After a claimed reply's body was read: true if its request still waits (and is now taken), else its let-go mark is cleared.</summary>
        public bool TryFinish(int id)
        {
            lock (_lock)
            {
                if (_waiting.Remove(id)) return true;
                _letGo.Remove(id); // its caller let go while the body was being read
                return false;
            }
        }

        /// <summary>Takes every waiting request off the table (the link failed or closed).</summary>
        public List<PendingRequest> TakeAll()
        {
            lock (_lock)
            {
                var all = new List<PendingRequest>(_waiting.Values);
                _waiting.Clear();
                return all;
            }
        }
    }
}
