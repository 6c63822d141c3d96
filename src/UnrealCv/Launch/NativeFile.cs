using System;
using System.Runtime.InteropServices;

namespace UnrealCv.Launch
{
    /// <summary>
    /// The few file-system calls the launcher needs that netstandard2.0 does not offer: hard links, the real path of
    /// a script (as its own <c>readlink -f "$0"</c> sees it) and the execute permission.
    /// </summary>
    internal static class NativeFile
    {
        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>Makes <paramref name="link"/> a second name of <paramref name="existing"/>; null on success, else why not.</summary>
        public static string? TryHardLink(string existing, string link)
        {
            try
            {
                if (IsWindows)
                    return CreateHardLinkW(link, existing, IntPtr.Zero) ? null : new System.ComponentModel.Win32Exception(Marshal.GetLastWin32Error()).Message;
                if (SysLink(existing, link) == 0) return null;
                int errno = Marshal.GetLastWin32Error();
                return errno switch
                {
                    1 => "not permitted (a file of another user under fs.protected_hardlinks, or a file system without hard links)",
                    13 => "permission denied",
                    18 => "the folders are on different file systems",
                    31 => "the file has too many links",
                    _ => ErrorText(errno),
                };
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return "this platform offers no hard links (" + e.Message + ")";
            }
        }

        /// <summary>The path with every symbolic link resolved; the path itself where that is unknown.</summary>
        public static string RealPath(string path)
        {
            if (IsWindows) return path;
            try
            {
                IntPtr resolved = SysRealPath(path, IntPtr.Zero);
                if (resolved == IntPtr.Zero) return path;
                try { return Marshal.PtrToStringAnsi(resolved) ?? path; }
                finally { SysFree(resolved); }
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return path;
            }
        }

        /// <summary>True when this process may execute the file (always true on Windows, which has no such bit).</summary>
        public static bool IsExecutable(string path)
        {
            if (IsWindows) return true;
            try { return SysAccess(path, 1) == 0; }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { return true; }
        }

        /// <summary>Sets rwxr-xr-x on the file; false where that fails or the platform has no such bits.</summary>
        public static bool TryMakeExecutable(string path)
        {
            if (IsWindows) return true;
            try { return SysChmod(path, 0x1ED) == 0; } // 0755
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { return false; }
        }

        private static string ErrorText(int errno)
        {
            try { return Marshal.PtrToStringAnsi(SysStrError(errno)) ?? "error " + errno; }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { return "error " + errno; }
        }

        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        private static extern int SysLink(string existing, string link);

        [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
        private static extern IntPtr SysRealPath(string path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        private static extern void SysFree(IntPtr pointer);

        [DllImport("libc", EntryPoint = "access", SetLastError = true)]
        private static extern int SysAccess(string path, int mode);

        [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int SysChmod(string path, uint mode);

        [DllImport("libc", EntryPoint = "strerror")]
        private static extern IntPtr SysStrError(int errno);

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool CreateHardLinkW(string link, string existing, IntPtr securityAttributes);
    }
}
