using System.Collections.Generic;

namespace UnrealCv.Launch
{
    /// <summary>The last lines a process wrote, for the error that explains why it died.</summary>
    internal sealed class OutputTail
    {
        private const int Keep = 20;
        private readonly Queue<string> _lines = new Queue<string>();
        private readonly List<System.Threading.Thread> _readers = new List<System.Threading.Thread>();

        public void Add(string? line)
        {
            if (line == null) return;
            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > Keep) _lines.Dequeue();
            }
        }

        /// <summary>Reads a process stream to its end on a small background thread of its own.</summary>
        public void Follow(System.IO.StreamReader stream, string what)
        {
            var reader = new System.Threading.Thread(() =>
            {
                try
                {
                    string? line;
                    while ((line = stream.ReadLine()) != null) Add(line);
                }
                catch (System.IO.IOException)
                {
                    // The process went away.
                }
                catch (System.ObjectDisposedException)
                {
                }
            }, maxStackSize: 256 * 1024) { IsBackground = true, Name = "UnrealCv " + what };
            reader.Start();
            _readers.Add(reader);
        }

        /// <summary>After the process ended: lets the readers take in its last lines (bounded; a grandchild may hold the pipe).</summary>
        public void WaitForEnd(int milliseconds)
        {
            var deadline = System.DateTime.UtcNow.AddMilliseconds(milliseconds);
            foreach (var reader in _readers)
            {
                int left = (int)(deadline - System.DateTime.UtcNow).TotalMilliseconds;
                if (left <= 0 || !reader.Join(left)) return;
            }
        }

        public string[] Lines
        {
            get { lock (_lines) return _lines.ToArray(); }
        }
    }
}
