using System;
using System.Collections.Generic;
using UnrealCv.Replies;

namespace UnrealCv.Session
{
    /// <summary>
    /// One session's labelling colours (<c>vget /object/&lt;name&gt;/color</c> of every object in <c>vget /objects</c>),
    /// kept until a request sent on the session could change them: a colour set, an object spawned or destroyed, a
    /// level opened. A change made by another client is not seen; the cmdlets' -Refresh reads the colours again.
    /// </summary>
    internal sealed class ObjectColors
    {
        private readonly object _lock = new object();
        private IReadOnlyList<KeyValuePair<string, UnrealCvColor>>? _colors;
        private long _generation;

        /// <summary>The kept colours in list order, or null; and the generation to hand back to <see cref="Keep"/>.</summary>
        public IReadOnlyList<KeyValuePair<string, UnrealCvColor>>? Kept(out long generation)
        {
            lock (_lock)
            {
                generation = _generation;
                return _colors;
            }
        }

        /// <summary>Keeps colours read since <paramref name="generation"/>, unless a change was sent meanwhile.</summary>
        public void Keep(long generation, IReadOnlyList<KeyValuePair<string, UnrealCvColor>> colors)
        {
            lock (_lock)
            {
                if (generation == _generation) _colors = colors;
            }
        }

        public void Forget()
        {
            lock (_lock)
            {
                _generation++;
                _colors = null;
            }
        }

        /// <summary>Whether <paramref name="command"/> may change which objects exist or how they are coloured.</summary>
        public static bool Changes(string command)
        {
            string c = command.TrimStart();
            if (c.StartsWith("vrun ", StringComparison.OrdinalIgnoreCase)) return true; // open, restartlevel, servertravel, …
            if (!c.StartsWith("vset ", StringComparison.OrdinalIgnoreCase) && !c.StartsWith("vexec ", StringComparison.OrdinalIgnoreCase)) return false;
            return c.IndexOf("/color", StringComparison.OrdinalIgnoreCase) >= 0
                || c.IndexOf("spawn", StringComparison.OrdinalIgnoreCase) >= 0
                || c.IndexOf("destroy", StringComparison.OrdinalIgnoreCase) >= 0
                || c.IndexOf("/level", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
