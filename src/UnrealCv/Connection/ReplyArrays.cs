using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace UnrealCv.Connection
{
    /// <summary>
    /// Arrays for large binary replies, recycled once their caller has dropped them. Fresh memory is expensive: every
    /// new page is faulted in on first touch (measured 23 ms for an 8.3 MB depth array on this project's VMs, against
    /// 0.3 ms to write the same array again), and large arrays are returned to the OS after each full collection. So an
    /// array handed to a caller is watched: when the GC finds it unreachable, a finalizable watcher (kept only as long
    /// as the array, through a ConditionalWeakTable) brings it back here, and the next reply of the same length lands in
    /// memory that is already warm. The caller owns its array for as long as it holds it; only a dropped array returns.
    /// Shared by the process like ArrayPool.Shared: it holds memory, not state, and at most <see cref="MaxKeptBytes"/>.
    /// </summary>
    internal static class ReplyArrays
    {
        // Below this, arrays come from the young generation, which the GC keeps warm by itself.
        internal const int MinRecycledBytes = 256 * 1024;
        internal const long MaxKeptBytes = 128L * 1024 * 1024;

        private static readonly object Gate = new object();
        private static readonly Dictionary<int, Stack<byte[]>> Free = new Dictionary<int, Stack<byte[]>>();
        private static readonly ConditionalWeakTable<byte[], Watcher> Watched = new ConditionalWeakTable<byte[], Watcher>();
        private static long _keptBytes;
        private static long _recycled;

        /// <summary>Arrays handed out again after their caller dropped them (tests, benchmark).</summary>
        internal static long RecycledCount => System.Threading.Interlocked.Read(ref _recycled);

        /// <summary>An array of exactly this length, warm when one of that length was dropped before.</summary>
        public static byte[] Take(int length)
        {
            if (length >= MinRecycledBytes)
            {
                lock (Gate)
                {
                    if (Free.TryGetValue(length, out Stack<byte[]>? free) && free.Count > 0)
                    {
                        _keptBytes -= length;
                        _recycled++;
                        return free.Pop();
                    }
                }
            }
            return new byte[length];
        }

        /// <summary>The array goes to a caller: it comes back here when the caller has dropped it.</summary>
        public static void HandOut(byte[] array)
        {
            if (array.Length < MinRecycledBytes) return;
            // The table keeps the watcher exactly as long as the array. A watcher that brought its array back may
            // still be in the table (the array lived on through it); it is armed again rather than added twice.
            if (Watched.TryGetValue(array, out Watcher? watcher)) GC.ReRegisterForFinalize(watcher!);
            else Watched.Add(array, new Watcher(array));
        }

        /// <summary>An array nobody got (a text reply, a broken frame): kept for the next reply.</summary>
        public static void Return(byte[] array)
        {
            if (array.Length < MinRecycledBytes) return;
            lock (Gate)
            {
                if (_keptBytes + array.Length > MaxKeptBytes) return;
                if (!Free.TryGetValue(array.Length, out Stack<byte[]>? free)) Free[array.Length] = free = new Stack<byte[]>();
                free.Push(array);
                _keptBytes += array.Length;
            }
        }

        private sealed class Watcher
        {
            private readonly byte[] _array;

            public Watcher(byte[] array) => _array = array;

            // Runs on the finalizer thread once the array and this watcher are unreachable; the array lives on through it.
            ~Watcher() => Return(_array);
        }
    }
}
