using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace UnrealCv.Transport
{
    /// <summary>What kind of file system entry a path is, seen without following links.</summary>
    internal enum SocketFileKind
    {
        Missing,
        Socket,
        RegularFile,
        Directory,
        SymbolicLink,
        Other,
    }

    /// <summary>
    /// Checks a Unix socket path before we connect to it or delete it. The socket lives in world-writable /tmp,
    /// so another user could squat the name: we only touch a socket (not a file, directory or link) owned by
    /// us or by root. Uses statx(2), whose layout is the same on every Linux architecture; UnrealCV serves Unix
    /// sockets only on Linux.
    /// </summary>
    internal static class SocketFile
    {
        private const int AtFdCwd = -100;
        private const int AtSymlinkNoFollow = 0x100;
        private const uint StatxType = 0x1, StatxMode = 0x2, StatxUid = 0x8;
        private const int StatxSize = 256, UidOffset = 20, ModeOffset = 28;
        private const int ENOENT = 2;

        [DllImport("libc", SetLastError = true, EntryPoint = "statx")]
        private static extern int Statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

        [DllImport("libc", EntryPoint = "geteuid")]
        private static extern uint GetEffectiveUserId();

        /// <summary>The socket path a Linux binary on <paramref name="port"/> creates.</summary>
        public static string DefaultPath(int port) => "/tmp/unrealcv_" + port.ToString(CultureInfo.InvariantCulture) + ".socket";

        public static bool IsSupported => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        /// <summary>The file's kind and owner uid (uid is meaningless when Missing).</summary>
        public static (SocketFileKind Kind, uint Owner) Inspect(string path)
        {
            ThrowIfUnsupported();
            var buffer = new byte[StatxSize];
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxUid, buffer) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == ENOENT) return (SocketFileKind.Missing, 0);
                throw new IOException($"cannot inspect '{path}' (errno {errno}).");
            }
            uint mode = BitConverter.ToUInt16(buffer, ModeOffset);
            uint owner = BitConverter.ToUInt32(buffer, UidOffset);
            SocketFileKind kind = (mode & 0xF000) switch
            {
                0xC000 => SocketFileKind.Socket,
                0x8000 => SocketFileKind.RegularFile,
                0x4000 => SocketFileKind.Directory,
                0xA000 => SocketFileKind.SymbolicLink,
                _ => SocketFileKind.Other,
            };
            return (kind, owner);
        }

        /// <summary>
        /// Throws unless <paramref name="path"/> is missing (when allowed) or a socket owned by us or root; the
        /// message names the path, what it is and who owns it.
        /// </summary>
        public static SocketFileKind CheckTrusted(string path, bool allowMissing)
        {
            (SocketFileKind kind, uint owner) = Inspect(path);
            if (kind == SocketFileKind.Missing)
            {
                if (allowMissing) return kind;
                throw new Common.ClientException(Common.ClientFault.ConnectFailed,
                    $"there is no socket at '{path}'. A Linux binary creates it when its first TCP client disconnects; connect over TCP first, or use Switch-UnrealCvTransport.");
            }
            uint me = GetEffectiveUserId();
            if (kind != SocketFileKind.Socket || (owner != me && owner != 0))
                throw new Common.ClientException(Common.ClientFault.UnsafeSocketPath,
                    $"refusing to use '{path}': it is a {Describe(kind)} owned by uid {owner}, not a socket owned by you (uid {me}) or root. Another program or user may be squatting the name; pass another -Path, or find out who made it.");
            return kind;
        }

        /// <summary>Removes a stale socket we may remove; never anything else.</summary>
        /// <summary>
        /// Removes a socket file we may trust only once a connect to it is refused: nobody serves it, so it is a dead
        /// binary's leftover. A socket that answers is live (another server's) and is never removed: that throws.
        /// </summary>
        public static void RemoveStale(string path)
        {
            if (CheckTrusted(path, allowMissing: true) != SocketFileKind.Socket) return;
            try
            {
                using (SocketConnector.ConnectUnix(path, TimeSpan.FromSeconds(1), System.Threading.CancellationToken.None)) { }
            }
            catch (Common.ClientException e) when (SocketConnector.WasRefused(e))
            {
                File.Delete(path);
                return;
            }
            catch (Common.ClientException e)
            {
                throw new Common.ClientException(Common.ClientFault.UnsafeSocketPath,
                    $"'{path}' is a socket that neither accepts nor refuses a connection ({e.Message}); it was not removed. Pass another -Path, or remove it yourself if it is safe.", e);
            }
            throw new Common.ClientException(Common.ClientFault.UnsafeSocketPath,
                $"'{path}' is a live socket: a server accepts connections on it, so it is not this binary's yet and was not removed. Another program (another binary on the same port?) serves it; pass another -Path, or stop that server.");
        }

        private static string Describe(SocketFileKind kind) => kind switch
        {
            SocketFileKind.RegularFile => "regular file",
            SocketFileKind.SymbolicLink => "symbolic link",
            SocketFileKind.Directory => "directory",
            SocketFileKind.Socket => "socket",
            _ => "special file",
        };

        private static void ThrowIfUnsupported()
        {
            if (!IsSupported)
                throw new Common.ClientException(Common.ClientFault.NotSupported,
                    "Unix socket sessions are supported on Linux, where UnrealCV binaries serve them; on this system use TCP.");
        }
    }
}
