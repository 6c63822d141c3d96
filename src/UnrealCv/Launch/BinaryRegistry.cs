using System;
using System.Collections.Generic;
using System.Linq;
using UnrealCv.Session;

namespace UnrealCv.Launch
{
    /// <summary>The binaries one runspace started; stopping one also closes its session in <see cref="SessionRegistry"/>.</summary>
    internal sealed class BinaryRegistry
    {
        private static readonly TimeSpan s_closingGrace = TimeSpan.FromSeconds(2);
        private readonly object _lock = new object();
        private readonly List<UnrealCvBinary> _binaries = new List<UnrealCvBinary>();
        private readonly SessionRegistry _sessions;

        public BinaryRegistry(SessionRegistry sessions) => _sessions = sessions;

        public IReadOnlyList<UnrealCvBinary> All
        {
            get { lock (_lock) return _binaries.ToList(); }
        }

        /// <summary>A binary that is up, with the session opened on it (if any).</summary>
        public void Add(UnrealCvBinary binary)
        {
            lock (_lock) _binaries.Add(binary);
            if (binary.Session != null) _sessions.Add(binary.Session);
        }

        /// <summary>
        /// Closes the binary's session, ends its process tree, frees its port, removes its instance folder and socket
        /// file, and forgets it. Returns what was left behind and why (instance folder, socket file), if anything.
        /// </summary>
        public (string? FolderLeft, string? SocketLeft) Stop(UnrealCvBinary binary, TimeSpan grace)
        {
            lock (_lock) _binaries.Remove(binary);
            if (binary.Session is UnrealCvSession session) _sessions.Close(session);
            string? folderLeft = BinaryLauncher.Stop(binary, grace);
            return (folderLeft, BinaryLauncher.RemoveSocketFile(binary));
        }

        /// <summary>The runspace is closing: stops its binaries, except those started with -KeepRunning, and forgets them all.</summary>
        public void StopAll()
        {
            foreach (UnrealCvBinary binary in All)
            {
                if (binary.KeepRunning)
                {
                    lock (_lock) _binaries.Remove(binary);
                    continue;
                }
                Stop(binary, s_closingGrace);
            }
        }
    }
}
