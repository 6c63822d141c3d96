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

        public void Remove(UnrealCvSession session)
        {
            lock (_lock)
            {
                _sessions.Remove(session);
                if (ReferenceEquals(Current, session)) Current = null; // never switch silently to another binary
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
