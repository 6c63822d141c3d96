using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace UnrealCv.Launch
{
    /// <summary>What ends a binary when the PowerShell that started it ends.</summary>
    public enum LifetimeGuard
    {
        /// <summary>-KeepRunning: nothing; the binary outlives PowerShell until Stop-UnrealCvBinary or its own end.</summary>
        None,

        /// <summary>Stopped when its runspace closes, when PowerShell exits or gets SIGTERM; not when PowerShell is killed.</summary>
        ExitHandlers,

        /// <summary>ExitHandlers, and the kernel kills it when PowerShell dies any other way (Linux, setpriv --pdeathsig KILL).</summary>
        ParentDeathSignal,

        /// <summary>ExitHandlers, and Windows kills it when PowerShell's job object handle closes (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE).</summary>
        JobObject,
    }

    /// <summary>
    /// Keeps binaries from outliving the PowerShell that started them: every live binary not started with
    /// -KeepRunning is stopped (process tree, instance folder) when the process exits normally or on SIGTERM, and, where the
    /// OS offers it, the kernel ends it even when PowerShell is killed.
    /// </summary>
    internal static class BinaryLifetime
    {
        public const string SetprivPath = "/usr/bin/setpriv";
        private static readonly TimeSpan s_exitGrace = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan s_exitBound = TimeSpan.FromSeconds(10);
        private static readonly object s_lock = new object();
        private static readonly HashSet<UnrealCvBinary> s_live = new HashSet<UnrealCvBinary>();
        private static bool s_hooked;
        private static object? s_sigterm; // the PosixSignalRegistration; kept alive, never disposed

        private static bool IsLinux => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);
        private static bool IsWindows => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>
        /// The guard a new binary gets, with the reason when it is weaker than the platform's best (for -Verbose).
        /// </summary>
        public static (LifetimeGuard Guard, string? Note) Choose(bool keepRunning)
        {
            if (keepRunning) return (LifetimeGuard.None, null);
            if (IsLinux)
                return File.Exists(SetprivPath)
                    ? (LifetimeGuard.ParentDeathSignal, null)
                    : (LifetimeGuard.ExitHandlers, $"{SetprivPath} (util-linux) is missing, so the binary gets no parent-death signal: it is stopped when PowerShell exits or gets SIGTERM, but survives a PowerShell that is killed (SIGKILL). Install util-linux to close that gap.");
            if (IsWindows) return (LifetimeGuard.JobObject, null);
            return (LifetimeGuard.ExitHandlers, "this OS has no parent-death signal that is used here: the binary is stopped when PowerShell exits or gets SIGTERM, but survives a PowerShell that is killed.");
        }

        /// <summary>
        /// Sets up the start of <paramref name="executable"/> for <paramref name="guard"/>: with ParentDeathSignal, setpriv
        /// sets PR_SET_PDEATHSIG and then execs the binary, so the process (and its pid) is the binary's own.
        /// </summary>
        public static (string FileName, IEnumerable<string> Arguments) Command(LifetimeGuard guard, string executable, IEnumerable<string> arguments) =>
            guard == LifetimeGuard.ParentDeathSignal
                ? (SetprivPath, new[] { "--pdeathsig", "KILL", "--", executable }.Concat(arguments))
                : (executable, arguments);

        /// <summary>Right after the process started: bind it to PowerShell's life as its guard says.</summary>
        public static void Track(UnrealCvBinary binary)
        {
            if (binary.LifetimeGuard == LifetimeGuard.None) return;
            if (binary.LifetimeGuard == LifetimeGuard.JobObject) WindowsJob.Assign(binary.Process);
            lock (s_lock)
            {
                s_live.Add(binary);
                if (!s_hooked) Hook();
            }
        }

        /// <summary>The binary was stopped (or its start failed): nothing left to do at exit.</summary>
        public static void Forget(UnrealCvBinary binary)
        {
            lock (s_lock) s_live.Remove(binary);
        }

        private static void Hook()
        {
            s_hooked = true;
            AppDomain.CurrentDomain.ProcessExit += (_, __) => StopAll();
            s_sigterm = RegisterSigterm();
        }

        /// <summary>
        /// PosixSignalRegistration (.NET 6+, so by reflection from netstandard2.0). The handler stops the binaries and
        /// leaves the signal's default to happen, so PowerShell ends as it would have.
        /// </summary>
        private static object? RegisterSigterm()
        {
            if (IsWindows) return null;
            Type? registration = Type.GetType("System.Runtime.InteropServices.PosixSignalRegistration, System.Runtime.InteropServices", throwOnError: false);
            Type? context = Type.GetType("System.Runtime.InteropServices.PosixSignalContext, System.Runtime.InteropServices", throwOnError: false);
            Type? signal = Type.GetType("System.Runtime.InteropServices.PosixSignal, System.Runtime.InteropServices", throwOnError: false);
            MethodInfo? create = registration?.GetMethod("Create", BindingFlags.Public | BindingFlags.Static);
            if (create == null || context == null || signal == null) return null; // older runtime: ProcessExit still runs on SIGTERM there
            Type handlerType = typeof(Action<>).MakeGenericType(context);
            Delegate handler = Delegate.CreateDelegate(handlerType, typeof(BinaryLifetime).GetMethod(nameof(OnSigterm), BindingFlags.NonPublic | BindingFlags.Static)!);
            return create.Invoke(null, new object[] { Enum.Parse(signal, "SIGTERM"), handler });
        }

        private static void OnSigterm(object context) => StopAll();

        /// <summary>Stops every tracked binary at once (SIGTERM to all, then the kill), bounded so exit never hangs.</summary>
        internal static void StopAll()
        {
            UnrealCvBinary[] binaries;
            lock (s_lock)
            {
                binaries = s_live.ToArray();
                s_live.Clear();
            }
            if (binaries.Length == 0) return;
            Task[] stops = binaries.Select(b => Task.Factory.StartNew(() => StopQuietly(b), TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(stops, s_exitBound);
        }

        private static void StopQuietly(UnrealCvBinary binary)
        {
            try
            {
                binary.Session?.Close();
                BinaryLauncher.Stop(binary, s_exitGrace);
                BinaryLauncher.RemoveSocketFile(binary);
            }
            catch (Exception e) when (e is IOException || e is InvalidOperationException || e is UnauthorizedAccessException || e is Common.ClientException)
            {
                // PowerShell is ending: nobody is left to tell.
            }
        }
    }
}
