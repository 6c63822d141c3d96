using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using UnrealCv.Transport;
using UnrealCv.Wire;

namespace UnrealCv.Benchmarks
{
    /// <summary>Where a server answers: a loopback TCP port, or a Unix socket when <see cref="SocketPath"/> is set.</summary>
    internal sealed record Endpoint(int Port, string? SocketPath)
    {
        public string Transport => SocketPath == null ? "TCP" : "Unix socket";

        public Socket Connect()
        {
            if (SocketPath == null) return SocketConnector.ConnectTcp("127.0.0.1", Port, TimeSpan.FromSeconds(60), CancellationToken.None);
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(SocketPath));
            return socket;
        }
    }

    /// <summary>Child processes of the bench: this program itself in another mode, and the simulator's console program.</summary>
    internal static class Spawn
    {
        /// <summary>This program with other arguments (under <c>dotnet x.dll</c>, the process is dotnet).</summary>
        public static ProcessStartInfo Self(params string[] args)
        {
            string exe = Environment.ProcessPath!;
            var info = new ProcessStartInfo(exe) { UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(exe) == "dotnet") info.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (string arg in args) info.ArgumentList.Add(arg);
            return info;
        }

        /// <summary>Reads stdout lines until one contains <paramref name="expected"/>; kills the process if none does in 30 s.</summary>
        public static string WaitForLine(Process process, string expected)
        {
            var starting = Stopwatch.StartNew();
            string? line = null;
            while (starting.Elapsed < TimeSpan.FromSeconds(30))
            {
                var next = process.StandardOutput.ReadLineAsync();
                TimeSpan left = TimeSpan.FromSeconds(30) - starting.Elapsed;
                if (!next.Wait(left > TimeSpan.Zero ? left : TimeSpan.Zero) || (line = next.Result) == null || line.Contains(expected, StringComparison.Ordinal)) break;
            }
            if (line == null || !line.Contains(expected, StringComparison.Ordinal))
            {
                process.Kill();
                throw new InvalidOperationException($"{process.StartInfo.FileName} did not start: {line ?? "no output in 30 s"}");
            }
            // Keep draining so that a chatty child never blocks on a full pipe.
            new Thread(() => { while (process.StandardOutput.ReadLine() != null) { } }) { IsBackground = true }.Start();
            return line;
        }

        public static void Stop(Process process)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
            process.Dispose();
        }
    }

    /// <summary>The reference server (<see cref="ReferenceServer"/>) in its own process, over TCP and a Unix socket.</summary>
    internal sealed class ReferenceServerProcess : IDisposable
    {
        private readonly Process _process;
        private readonly string _dir;

        private ReferenceServerProcess(Process process, string dir, Endpoint tcp, Endpoint unix)
        {
            _process = process;
            _dir = dir;
            Tcp = tcp;
            Unix = unix;
        }

        public Endpoint Tcp { get; }
        public Endpoint Unix { get; }

        public static ReferenceServerProcess Start()
        {
            string dir = Directory.CreateTempSubdirectory("unrealcv-bench-ref-").FullName;
            string socketPath = Path.Combine(dir, "reference.socket");
            ProcessStartInfo info = Spawn.Self("--reference-server", socketPath);
            info.RedirectStandardOutput = true;
            info.RedirectStandardInput = true;
            Process process = Process.Start(info)!;
            string line = Spawn.WaitForLine(process, "listening on ");
            int port = int.Parse(line.Substring(line.LastIndexOf(' ') + 1), CultureInfo.InvariantCulture);
            return new ReferenceServerProcess(process, dir, new Endpoint(port, null), new Endpoint(port, socketPath));
        }

        public void Dispose()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(2000)) _process.Kill();
            Spawn.Stop(_process);
            Directory.Delete(_dir, recursive: true);
        }
    }

    /// <summary>
    /// <c>--cpu-hog &lt;threads&gt; &lt;parent pid&gt;</c>: busy loops on every CPU in a separate process, so the fleet is measured
    /// on a saturated machine. It ends when killed, or by itself once the bench that started it is gone.
    /// </summary>
    internal sealed class CpuHog : IDisposable
    {
        private readonly Process _process;

        private CpuHog(Process process) => _process = process;

        public static CpuHog Start(int threads)
        {
            ProcessStartInfo info = Spawn.Self("--cpu-hog", threads.ToString(CultureInfo.InvariantCulture), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            info.RedirectStandardOutput = true;
            Process process = Process.Start(info)!;
            Spawn.WaitForLine(process, "spinning");
            return new CpuHog(process);
        }

        public static int Run(int threads, int parent)
        {
            for (int i = 0; i < threads; i++)
                new Thread(() => { long x = 0; while (true) x++; }) { IsBackground = true }.Start();
            Console.WriteLine($"spinning on {threads} threads");
            while (true)
            {
                Thread.Sleep(1000);
                try { using Process p = Process.GetProcessById(parent); if (p.HasExited) return 0; }
                catch (ArgumentException) { return 0; }
            }
        }

        public void Dispose() => Spawn.Stop(_process);
    }

    /// <summary>The simulator's console program on a free port, at frame time 0, keeping TCP (Windows profile) unless unixSocket.</summary>
    internal sealed class SimulatorProcess : IDisposable
    {
        private readonly Process _process;
        private readonly string _configDir;

        private SimulatorProcess(Process process, string configDir, Endpoint endpoint)
        {
            _process = process;
            _configDir = configDir;
            Endpoint = endpoint;
        }

        public Endpoint Endpoint { get; }
        public int ProcessId => _process.Id;

        /// <summary>Resident memory (VmRSS) of the simulator process, in bytes.</summary>
        public long ResidentBytes()
        {
            foreach (string line in File.ReadLines($"/proc/{_process.Id}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            throw new InvalidOperationException("no VmRSS in /proc/<pid>/status");
        }

        public static ProcessStartInfo Arguments(string path, int port, int width, int height, bool unixSocket, string configDir)
        {
            var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, UseShellExecute = false };
            // A binary reads "-cvport 9000" (the number right after the name); "-cvport=9000" would be port 0.
            foreach (string arg in new[] { "-cvport", port.ToString(CultureInfo.InvariantCulture), "-UnrealCVWidth", width.ToString(CultureInfo.InvariantCulture), "-UnrealCVHeight", height.ToString(CultureInfo.InvariantCulture), "-SimFrameTimeMs=0", unixSocket ? "-SimProfile=Linux" : "-SimProfile=Windows", $"-SimConfigDir={configDir}", $"-SimSocketDirectory={configDir}" })
                info.ArgumentList.Add(arg);
            return info;
        }

        public static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        /// <summary>
        /// Starts the simulator program; with <paramref name="unixSocket"/> as a Linux binary, whose first TCP client
        /// is let go at once so that it serves its Unix socket from then on.
        /// </summary>
        public static SimulatorProcess Start(string path, int width, int height, bool unixSocket = false)
        {
            int port = FreePort();
            string configDir = Directory.CreateTempSubdirectory("unrealcv-bench-").FullName;
            Process process = Process.Start(Arguments(path, port, width, height, unixSocket, configDir))!;
            Spawn.WaitForLine(process, $"Start listening on {port}");
            if (!unixSocket) return new SimulatorProcess(process, configDir, new Endpoint(port, null));
            using (Socket first = SocketConnector.ConnectTcp("127.0.0.1", port, TimeSpan.FromSeconds(30), CancellationToken.None))
                Program.ReadPayload(new FrameReader(new NetworkStream(first, false), 1 << 20)); // the welcome; then leave
            string socketPath = Path.Combine(configDir, $"unrealcv_{port}.socket");
            var clock = Stopwatch.StartNew();
            while (!File.Exists(socketPath) && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(5);
            return new SimulatorProcess(process, configDir, new Endpoint(port, socketPath));
        }

        /// <summary>Seconds from spawning the program until its port accepts a connection and the welcome has arrived.</summary>
        public static double StartToListening(string path)
        {
            int port = FreePort();
            string configDir = Directory.CreateTempSubdirectory("unrealcv-bench-").FullName;
            var clock = Stopwatch.StartNew();
            Process process = Process.Start(Arguments(path, port, 640, 480, unixSocket: false, configDir))!;
            try
            {
                process.OutputDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                while (true)
                {
                    try
                    {
                        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                        socket.Connect(IPAddress.Loopback, port);
                        Program.ReadPayload(new FrameReader(new NetworkStream(socket, false), 1 << 20));
                        return clock.Elapsed.TotalSeconds;
                    }
                    catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(30))
                    {
                        Thread.Sleep(1);
                    }
                }
            }
            finally
            {
                Spawn.Stop(process);
                Directory.Delete(configDir, recursive: true);
            }
        }

        public void Dispose()
        {
            Spawn.Stop(_process);
            Directory.Delete(_configDir, recursive: true);
        }
    }
}
