using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;

namespace UnrealCv.Launch
{
    /// <summary>
    /// A TCP port held for one binary from before it starts until it is stopped. Parallel starts, in this process or
    /// in other PowerShell processes, must not hand out the same port: the plugin does not fail on a taken port, it
    /// only logs and runs without a server, and a client would then talk to the other binary. A port is taken when
    /// it is free to bind on all interfaces (as the plugin binds) and we hold its lock file exclusively.
    /// </summary>
    internal sealed class PortReservation : IDisposable
    {
        private static readonly string LockDirectory = Path.Combine(Path.GetTempPath(), "unrealcv-ports");
        private FileStream? _lock;

        private PortReservation(int port, FileStream fileLock)
        {
            Port = port;
            _lock = fileLock;
        }

        public int Port { get; }

        /// <summary>The first port of <paramref name="first"/>..<paramref name="last"/> that is free and not held; null when none is.</summary>
        internal static PortReservation? TryReserve(int first, int last)
        {
            Directory.CreateDirectory(LockDirectory);
            for (int port = first; port <= last; port++)
            {
                if (TryReserveOne(port) is PortReservation reservation) return reservation;
            }
            return null;
        }

        /// <summary>
        /// Ports in the kernel's ephemeral range can be taken by any outgoing connection between our check and the
        /// binary's bind; the plugin then runs without a server and the start times out. The warning to give up front, or null.
        /// </summary>
        internal static string? EphemeralOverlap(int first, int last)
        {
            const string rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
            try
            {
                if (!File.Exists(rangeFile)) return null;
                string[] bounds = File.ReadAllText(rangeFile).Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries);
                int low = int.Parse(bounds[0], CultureInfo.InvariantCulture);
                int high = int.Parse(bounds[1], CultureInfo.InvariantCulture);
                return first <= high && last >= low
                    ? $"Ports {first}-{last} overlap the ephemeral range {low}-{high}, which outgoing connections use: a binary may find its port taken and run without a server. Prefer ports below {low} (the default range is 9000-9999)."
                    : null;
            }
            catch (Exception e) when (e is IOException || e is FormatException || e is IndexOutOfRangeException || e is UnauthorizedAccessException)
            {
                return null; // no range to compare with: nothing to say
            }
        }

        private static PortReservation? TryReserveOne(int port)
        {
            FileStream? fileLock = null;
            try
            {
                string path = Path.Combine(LockDirectory, port.ToString(CultureInfo.InvariantCulture) + ".lock");
                // FileShare.None: a second opener, in any process, fails until we let go (or die).
                fileLock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                return null; // held by another start
            }
            catch (UnauthorizedAccessException)
            {
                return null; // a lock file of another user
            }
            if (!IsFree(port))
            {
                fileLock.Dispose();
                return null;
            }
            return new PortReservation(port, fileLock);
        }

        /// <summary>True when nothing listens on the port: we can bind it on all interfaces, as the plugin will.</summary>
        internal static bool IsFree(int port)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Any, port));
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            _lock?.Dispose();
            _lock = null;
        }
    }
}
