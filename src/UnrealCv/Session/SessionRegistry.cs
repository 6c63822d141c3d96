using System.Collections.Generic;
using System.Linq;

namespace UnrealCv.Session
{
    /// <summary>The sessions of one runspace, and which one is current.</summary>
    internal sealed class SessionRegistry
    {
        private readonly object _lock = new object();
        private readonly List<UnrealCvSession> _sessions = new List<UnrealCvSession>();

        public UnrealCvSession? Current { get; private set; }

        public IReadOnlyList<UnrealCvSession> All
        {
            get { lock (_lock) return _sessions.ToList(); }
        }

        public void Add(UnrealCvSession session)
        {
            lock (_lock)
            {
                _sessions.Add(session);
                Current = session;
            }
        }

        /// <summary>
        /// Forgets the session. When it was current, the most recently connected of the others becomes current
        /// (none when it was the last); callers say which, since later commands go there.
        /// </summary>
        public void Remove(UnrealCvSession session)
        {
            lock (_lock)
            {
                _sessions.Remove(session);
                if (ReferenceEquals(Current, session)) Current = _sessions.Count > 0 ? _sessions[_sessions.Count - 1] : null;
            }
        }

        /// <summary>Makes a session of this runspace current; false when it is not one of them (closed or another runspace's).</summary>
        public bool MakeCurrent(UnrealCvSession session)
        {
            lock (_lock)
            {
                if (!_sessions.Contains(session)) return false;
                Current = session;
                return true;
            }
        }

        /// <summary>Closes the session and forgets it.</summary>
        public void Close(UnrealCvSession session)
        {
            session.Close();
            Remove(session);
        }

        public void CloseAll()
        {
            foreach (UnrealCvSession session in All) Close(session);
        }
    }
}
