using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace UnrealCv.Launch
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no Process.Kill(entireProcessTree), and a packaged Unreal game's
    /// <c>Game.exe</c> is a stub that starts <c>Binaries\Win64\Game-Win64-Shipping.exe</c>: killing the stub alone would
    /// leave the game running. taskkill, part of every Windows, ends the tree. Written without a Windows machine to run it.
    /// </summary>
    internal static class WindowsTreeKill
    {
        public static string Arguments(int pid) => "/PID " + pid.ToString(CultureInfo.InvariantCulture) + " /T /F";

        /// <summary>Ends the tree within <paramref name="timeoutMs"/>; false if taskkill could not be run or did not finish.</summary>
        public static bool Run(int pid, int timeoutMs)
        {
            var info = new ProcessStartInfo("taskkill.exe", Arguments(pid)) { UseShellExecute = false, CreateNoWindow = true };
            try
            {
                using Process? taskkill = Process.Start(info);
                return taskkill != null && taskkill.WaitForExit(timeoutMs);
            }
            catch (Win32Exception)
            {
                return false;
            }
        }
    }
}
