using System.Collections.Generic;

namespace UnrealCv.Launch
{
    /// <summary>The last lines a process wrote, for the error that explains why it died.</summary>
    internal sealed class OutputTail
    {
        private const int Keep = 20;
        private readonly Queue<string> _lines = new Queue<string>();

        public void Add(string? line)
        {
            if (line == null) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > Keep) _lines.Dequeue();
            }
        }

        public string[] Lines
        {
            get { lock (_lines) return _lines.ToArray(); }
        }
    }
}
