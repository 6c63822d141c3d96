using System;
using System.Collections.Generic;

namespace UnrealCv.Session
{
    /// <summary>
    /// The {Frame} numbers of one session's -OutFile series, kept across commands so that a capture loop numbers its
    /// files 0, 1, 2, … instead of starting again at 0 on every call. A series is the set of names that differ only in
    /// {Frame} (for 'cam{Camera}_{Frame}.png', one series per camera). Safe for several runspaces at once.
    /// </summary>
    internal sealed class FrameCounters
    {
        private readonly Dictionary<string, int> _next;

        /// <param name="comparer">How the file system compares names (case-insensitive on Windows and macOS).</param>
        public FrameCounters(StringComparer comparer) => _next = new Dictionary<string, int>(comparer);

        /// <summary>The number the series' next file gets (0 for a new series).</summary>
        public int Peek(string series)
        {
            lock (_next) return _next.TryGetValue(series, out int next) ? next : 0;
        }

        /// <summary>Marks <paramref name="frame"/> as used: the series continues after it (never goes back).</summary>
        public void Use(string series, int frame)
        {
            lock (_next)
            {
                if (!_next.TryGetValue(series, out int next) || next <= frame) _next[series] = frame == int.MaxValue ? frame : frame + 1;
            }
        }
    }
}
