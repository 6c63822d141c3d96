using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using UnrealCv.Common;
using UnrealCv.Connection;
using UnrealCv.Session;
using UnrealCv.Transport;

namespace UnrealCv.Launch
{
    /// <summary>What to start and how.</summary>
    internal sealed class LaunchOptions
    {
        public string Path { get; set; } = "";
        public string? Name { get; set; }
        public int FirstPort { get; set; } = 9000;
        public int LastPort { get; set; } = 9000;
        public int? Width { get; set; }
        public int? Height { get; set; }
        public double? Fov { get; set; }
        public string? Map { get; set; }
        public string[] Arguments { get; set; } = Array.Empty<string>();
        public bool RenderOffScreen { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);
        public PortDelivery Delivery { get; set; } = PortDelivery.Auto;

        /// <summary>-KeepRunning: the binary may outlive PowerShell (no parent-death signal, not stopped at exit).</summary>
        public bool KeepRunning { get; set; }

        /// <summary>The executable behind <see cref="Path"/>; null with <see cref="PortDelivery.Arguments"/>, which runs Path as it is.</summary>
        public LaunchTarget? Target { get; set; }
    }

    /// <summary>
    /// Starts a binary on a reserved port and waits until it answers with the UnrealCV welcome: no fixed sleeps.
    /// No PowerShell here. The port and image size reach the binary in one of two ways (see <see cref="LaunchPlan"/>).
    /// </summary>
    internal static class BinaryLauncher
    {
        private const int RetryMilliseconds = 50;

        /// <summary>
        /// Starts the binary and returns it with the open link of its first client (the readiness probe). On any failure
        /// or cancellation the process tree is killed, the instance folder removed and the port released.
        /// </summary>
        public static (UnrealCvBinary Binary, UnrealCvConnection Link) Start(LaunchOptions options, int sessionId, CancellationToken cancel)
        {
            PortReservation port = PortReservation.TryReserve(options.FirstPort, options.LastPort)
                ?? throw new ClientException(ClientFault.ConnectFailed, options.FirstPort == options.LastPort
                    ? $"port {options.FirstPort} is in use (or held by another start); the plugin would run without a server there. Pick another -Port or give -PortRange."
                    : $"no free port in {options.FirstPort}-{options.LastPort}; widen -PortRange.");
            LaunchPlan? plan = null;
            UnrealCvBinary? binary = null;
            try
            {
                plan = LaunchPlan.For(options, port.Port);
                binary = Launch(options, plan, port);
                var clock = Stopwatch.StartNew();
                UnrealCvConnection link = WaitForWelcome(binary, options, sessionId, cancel);
                binary.StartupSeconds = clock.Elapsed.TotalSeconds;
                return (binary, link);
            }
            catch
            {
                if (binary != null)
                {
                    Kill(binary);
                    BinaryLifetime.Forget(binary);
                }
                plan?.Folder?.Remove();
                port.Dispose();
                throw;
            }
        }

        private static UnrealCvBinary Launch(LaunchOptions options, LaunchPlan plan, PortReservation port)
        {
            string p = port.Port.ToString(CultureInfo.InvariantCulture);
            (LifetimeGuard guard, string? guardNote) = BinaryLifetime.Choose(options.KeepRunning);
            (string fileName, IEnumerable<string> arguments) = BinaryLifetime.Command(guard, plan.Executable, plan.Arguments);
            // With setpriv in front, a binary that cannot be run would only show as setpriv's exit: say it here, as Process.Start would.
            if (fileName != plan.Executable && !(File.Exists(plan.Executable) && NativeFile.IsExecutable(plan.Executable)))
                throw new ClientException(ClientFault.ConnectFailed, $"cannot start '{plan.Executable}': {(File.Exists(plan.Executable) ? "permission denied" : "no such file")}. Check the path and that the file is executable (chmod +x).");
            var info = new ProcessStartInfo(fileName)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true, // a binary that reads the console must not steal PowerShell's
                WorkingDirectory = plan.WorkingDirectory,
                Arguments = CommandLine.Join(arguments),
            };
            var output = new OutputTail();
            var process = new Process { StartInfo = info };
            try
            {
                ProcessSpawner.Start(process);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                process.Dispose();
                string advice = ProgramFormat.ForeignTo(plan.Executable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                    ?? "Check the path and that the file is executable (chmod +x).";
                throw new ClientException(ClientFault.ConnectFailed, $"cannot start '{plan.Executable}': {e.Message}. {advice}", e);
            }
            string name = options.Name ?? System.IO.Path.GetFileNameWithoutExtension(options.Path) + "-" + p;
            var binary = new UnrealCvBinary(name, plan, process, port, output, guard, guardNote);
            BinaryLifetime.Track(binary);
            // Not BeginOutputReadLine: on Unix, pipe reads that look asynchronous block a thread-pool thread each, and
            // two per binary for a hundred binaries starve the pool that socket completions need. A small thread of
            // our own per stream costs nothing of the pool.
            output.Follow(process.StandardOutput, "stdout of " + plan.Executable);
            output.Follow(process.StandardError, "stderr of " + plan.Executable);
            return binary;
        }

        /// <summary>
        /// Connects until the welcome comes. The probe's connection is kept: on a Linux binary, a client that connects
        /// and leaves flips it to its Unix socket for good, so the first connection is the one the caller uses.
        /// </summary>
        private static UnrealCvConnection WaitForWelcome(UnrealCvBinary binary, LaunchOptions options, int sessionId, CancellationToken cancel)
        {
            var deadline = Deadline.After(options.Timeout);
            string endpoint = "localhost:" + binary.Port.ToString(CultureInfo.InvariantCulture);
            ConnectionOptions link = UnrealCvSession.FirstLinkOptions(sessionId, binary.Name, endpoint);
            ClientException? last = null;
            while (true)
            {
                if (binary.HasExited)
                {
                    binary.Output.WaitForEnd(2000); // its last lines explain the exit
                    string tail = string.Join(Environment.NewLine, binary.LastOutput);
                    // A Windows program started on Linux is run by /bin/sh as a script (exit 127, "not found"): say what it is.
                    string? foreign = ProgramFormat.ForeignTo(binary.Executable, RuntimeInformation.IsOSPlatform(OSPlatform.Windows));
                    throw new ClientException(ClientFault.ConnectFailed,
                        $"'{options.Path}' exited with code {binary.Process.ExitCode} before it answered on port {binary.Port}." +
                        (foreign != null ? " " + foreign : "") +
                        (tail.Length > 0 ? " Its last output:" + Environment.NewLine + tail : " It wrote nothing."));
                }
                if (deadline.HasPassed)
                    throw new ClientException(ClientFault.Timeout,
                        $"'{options.Path}' (pid {binary.ProcessId}) did not answer on port {binary.Port} within {options.Timeout.TotalSeconds:0.###} s ({last?.Message ?? "no attempt finished"}). It was stopped. Is the UnrealCV plugin in this build, and does it read its port from {(binary.PortDelivery == PortDelivery.InstanceFolder ? "'" + binary.ConfigFile + "'" : "-cvport" + binary.Port + " -UnrealCVPort" + binary.Port + " on its command line")}? Raise -TimeoutSec for a slow first start.");
                System.Net.Sockets.Socket? socket = null;
                try
                {
                    // No short attempt timeout: a refused connect (nothing listening yet) fails at once anyway, and
                    // a connect we gave up on could still be accepted by the binary, which would count as a client
                    // that left (see below).
                    TimeSpan attempt = TimeSpan.FromMilliseconds(Math.Max(1, deadline.RemainingMilliseconds));
                    socket = SocketConnector.ConnectTcp("127.0.0.1", binary.Port, attempt, cancel);
                }
                catch (ClientException e) when (e.Fault == ClientFault.ConnectFailed)
                {
                    last = e;
                }
                if (socket != null)
                {
                    // Once accepted, never give the connection up early: a Linux binary whose first client leaves
                    // serves only its Unix socket from then on, and every later TCP probe would hang in its backlog.
                    // The welcome is sent at accept, so waiting longer only means a busy machine.
                    return UnrealCvConnection.Open(socket, link, TimeSpan.FromMilliseconds(Math.Max(1, deadline.RemainingMilliseconds)), cancel);
                }
                if (cancel.WaitHandle.WaitOne(RetryMilliseconds)) throw new OperationCanceledException(cancel);
            }
        }

        /// <summary>
        /// Ends the binary and everything it started (a Game.sh wrapper starts the real binary as its child):
        /// SIGTERM first where there is one, then a kill of the whole tree after <paramref name="grace"/>. Then removes
        /// its instance folder and frees its port. Returns null, or what of the instance folder was left and why.
        /// </summary>
        public static string? Stop(UnrealCvBinary binary, TimeSpan grace)
        {
            try
            {
                if (!binary.HasExited && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                {
                    foreach (int pid in DescendantsAndSelf(binary.ProcessId)) SendTerminate(pid);
                    binary.Process.WaitForExit((int)grace.TotalMilliseconds);
                }
                Kill(binary);
                // Before the port is free again: a start on this port would find the folder and take it for a leftover.
                return binary.Folder?.Remove();
            }
            finally
            {
                BinaryLifetime.Forget(binary);
                binary.ReleasePort();
            }
        }

        /// <summary>A 4.27-stable binary leaves its Unix socket behind; removes it if it is ours to remove. Null, or why it is left.</summary>
        public static string? RemoveSocketFile(UnrealCvBinary binary)
        {
            try { if (SocketFile.IsSupported) SocketFile.RemoveStale(binary.SocketPath); return null; }
            catch (Exception e) when (e is ClientException || e is IOException) { return $"Left {binary.SocketPath}: {e.Message}"; }
        }

        internal static void Kill(UnrealCvBinary binary)
        {
            try
            {
                if (binary.HasExited) return;
                // Process.Kill(bool entireProcessTree) exists on .NET Core 3.0+ (PowerShell 7), not in netstandard2.0 or .NET Framework.
                MethodInfo? killTree = typeof(Process).GetMethod("Kill", new[] { typeof(bool) });
                if (killTree != null) killTree.Invoke(binary.Process, new object[] { true });
                else if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || !WindowsTreeKill.Run(binary.Process.Id, 5000)) binary.Process.Kill();
                binary.Process.WaitForExit(5000);
            }
            catch (Exception e) when (e is InvalidOperationException || e is System.ComponentModel.Win32Exception || e is TargetInvocationException)
            {
                // It exited meanwhile.
            }
        }

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int SysKill(int pid, int signal);

        private static void SendTerminate(int pid)
        {
            try { SysKill(pid, 15); } catch (DllNotFoundException) { } catch (EntryPointNotFoundException) { }
        }

        /// <summary>The process and its descendants, from /proc on Linux (just the process elsewhere).</summary>
        private static IEnumerable<int> DescendantsAndSelf(int root)
        {
            var result = new List<int> { root };
            if (!Directory.Exists("/proc")) return result;
            var parents = new Dictionary<int, List<int>>();
            foreach (string dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(System.IO.Path.GetFileName(dir), out int pid)) continue;
                try
                {
                    string stat = File.ReadAllText(System.IO.Path.Combine(dir, "stat"));
                    // "pid (comm) state ppid ...": comm may hold spaces, so read after the last ')'.
                    string[] rest = stat.Substring(stat.LastIndexOf(')') + 2).Split(' ');
                    int ppid = int.Parse(rest[1], CultureInfo.InvariantCulture);
                    if (!parents.TryGetValue(ppid, out var children)) parents[ppid] = children = new List<int>();
                    children.Add(pid);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is FormatException || e is ArgumentOutOfRangeException)
                {
                    // The process ended while we looked.
                }
            }
            for (int i = 0; i < result.Count; i++)
                if (parents.TryGetValue(result[i], out var children)) result.AddRange(children);
            return result;
        }
    }
}
