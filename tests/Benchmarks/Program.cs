using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using UnrealCv.Commands;
using UnrealCv.Connection;
using UnrealCv.Transport;
using UnrealCv.Wire;

namespace UnrealCv.Benchmarks
{
    /// <summary>
    /// Measures the client against a baseline in the same process and minute: a raw framed client written with
    /// plain sockets (the limit of this machine), then the engine, then the cmdlet. The server is the simulator's
    /// console program at frame time 0, in its own process so that only the client's allocations are counted.
    /// Figures are ratios; absolute numbers vary with the machine's load.
    /// </summary>
    public static class Program
    {
        private const string Small = "vget /unrealcv/echo x";
        private const int Window = 256;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        public static int Main(string[] args)
        {
            string simulator = args.Length > 0 ? args[0] : throw new ArgumentException("usage: UnrealCv.Benchmarks <path to UnrealCvSimulator> [scale]");
            double scale = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
            int n = (int)(20000 * scale);
            var rows = new List<(string Name, string Value, string Target)>();

            using var server = SimulatorProcess.Start(simulator, width: 640, height: 480);
            Console.WriteLine($"simulator pid {server.ProcessId} on port {server.Port}; {n} small requests per run");

            // Warm up JIT and both ends.
            MeasureRaw(server, (c, r) => RawSequential(c, r, 2000));
            MeasureEngine(server, c => EngineSequential(c, 2000));

            double rawSeq = MeasureRaw(server, (c, r) => RawSequential(c, r, n / 4)) / (n / 4);
            double engSeq = MeasureEngine(server, c => EngineSequential(c, n / 4)) / (n / 4);
            rows.Add(("small reply, sequential round trip: raw sockets", Us(rawSeq), ""));
            rows.Add(("small reply, sequential round trip: engine", Us(engSeq), ""));
            rows.Add(("engine / raw, sequential", Ratio(engSeq / rawSeq), "<= 1.30"));

            double rawPipe = MeasureRaw(server, (c, r) => RawPipelined(c, r, n)) / n;
            double engPipe = MeasureEngine(server, c => EnginePipelined(c, n)) / n;
            rows.Add(("small reply, pipelined: raw sockets", Rate(rawPipe), ""));
            rows.Add(("small reply, pipelined: engine (window 256)", Rate(engPipe), ""));
            rows.Add(("engine / raw throughput, pipelined", Ratio(rawPipe / engPipe), ">= 0.50"));

            double cmdlet = CmdletPipeline(server, n) / n;
            rows.Add(("small reply, pipelined: Invoke-UnrealCvRequest fed by the pipeline", Rate(cmdlet), ""));
            rows.Add(("cmdlet overhead beyond the engine, per request", Us(cmdlet - engPipe), "<= 10 us"));

            long allocated = AllocatedPerRequest(server, n / 4);
            rows.Add(("client bytes allocated per small request (engine, steady state)", allocated.ToString(CultureInfo.InvariantCulture) + " B", "little"));

            AddLarge(rows, server, "vget /camera/0/lit bmp", "640x480 BMP", 100);
            using (var big = SimulatorProcess.Start(simulator, width: 1920, height: 1080))
                AddLarge(rows, big, "vget /camera/0/depth npy", "1920x1080 depth NPY", 30);

            // The same over the Unix socket a Linux binary switches to, beside the TCP figures above.
            using (var uds = SimulatorProcess.Start(simulator, width: 640, height: 480, unixSocket: true))
            {
                double udsSeq = MeasureEngine(uds, c => EngineSequential(c, n / 4)) / (n / 4);
                double udsPipe = MeasureEngine(uds, c => EnginePipelined(c, n)) / n;
                rows.Add(("UDS: small reply, sequential round trip: engine", Us(udsSeq), ""));
                rows.Add(("UDS / TCP, engine sequential", Ratio(udsSeq / engSeq), ""));
                rows.Add(("UDS: small reply, pipelined: engine", Rate(udsPipe), ""));
                AddLarge(rows, uds, "vget /camera/0/lit bmp", "UDS: 640x480 BMP", 100);
            }
            using (var bigUds = SimulatorProcess.Start(simulator, width: 1920, height: 1080, unixSocket: true))
                AddLarge(rows, bigUds, "vget /camera/0/depth npy", "UDS: 1920x1080 depth NPY", 30);

            AddRendering(rows);
            int[] fleet = args.Length > 2 ? args[2].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : new[] { 1, 8, 32, 120 };
            int rounds = Math.Max(10, (int)(100 * scale));
            foreach (int instances in fleet) AddFleet(rows, simulator, instances, rounds);

            var table = new StringBuilder();
            table.AppendLine("| measure | value | target |").AppendLine("|---|---:|---|");
            foreach (var (name, value, target) in rows) table.AppendLine($"| {name} | {value} | {target} |");
            Console.WriteLine();
            Console.WriteLine(table.ToString());
            string outFile = Path.Combine(AppContext.BaseDirectory, "bench.md");
            File.WriteAllText(outFile, table.ToString());
            return 0;
        }

        private static void AddLarge(List<(string, string, string)> rows, SimulatorProcess server, string command, string label, int count)
        {
            MeasureRaw(server, (c, r) => RawSequential(c, r, 3, command));
            long bytes = 0;
            double raw = MeasureRaw(server, (c, r) => bytes = RawSequential(c, r, count, command)) / count;
            double engine = MeasureEngine(server, c => EngineSequential(c, count, command)) / count;
            double size = bytes / (double)count;
            rows.Add(($"{label} ({size / 1e6:0.0} MB), sequential: raw sockets", $"{Ms(raw)}, {size / raw / 1e9:0.00} GB/s", ""));
            rows.Add(($"{label} ({size / 1e6:0.0} MB), sequential: engine", $"{Ms(engine)}, {size / engine / 1e9:0.00} GB/s", ">= 1 GB/s"));
            rows.Add(($"engine / raw, {label}", Ratio(engine / raw), ""));
        }

        /// <summary>The simulator's own cost of a fresh 640x480 capture (captures of an unchanged scene are cached).</summary>
        private static void AddRendering(List<(string, string, string)> rows)
        {
            var world = UnrealCv.Simulator.Scene.SceneBuilder.Build("Bench", 640, 480, 90);
            var camera = world.Cameras[0];
            double Time(Action render, int count)
            {
                render();
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < count; i++) render();
                return clock.Elapsed.TotalSeconds / count;
            }
            byte[] lit = UnrealCv.Simulator.Rendering.RayCaster.RenderColor(world, camera, UnrealCv.Simulator.Rendering.CaptureKind.Lit);
            double litTime = Time(() => UnrealCv.Simulator.Rendering.RayCaster.RenderColor(world, camera, UnrealCv.Simulator.Rendering.CaptureKind.Lit), 20);
            double depthTime = Time(() => UnrealCv.Simulator.Rendering.RayCaster.RenderDepth(world, camera), 20);
            double pngTime = Time(() => UnrealCv.Simulator.Encoders.PngWriter.Encode(lit, 640, 480), 10);
            double bmpTime = Time(() => UnrealCv.Simulator.Encoders.BmpWriter.Encode(lit, 640, 480), 20);
            rows.Add(("simulator: ray cast 640x480 lit / depth", $"{Ms(litTime)} / {Ms(depthTime)}", "< 33 ms frame"));
            rows.Add(("simulator: encode 640x480 PNG / BMP", $"{Ms(pngTime)} / {Ms(bmpTime)}", ""));
        }

        /// <summary>
        /// The many-binaries case through the cmdlets: start N simulator programs connected over Unix sockets, then
        /// fan-out rounds of a small request and of a 640x480 BMP to all of them.
        /// </summary>
        private static void AddFleet(List<(string, string, string)> rows, string simulator, int instances, int rounds)
        {
            using PowerShell ps = PowerShell.Create();
            ps.AddScript(@"
                param($assembly, $program, $count, $rounds)
                Import-Module -Assembly $assembly
                $ProgressPreference = 'SilentlyContinue'
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $binaries = 1..$count | Start-UnrealCvBinary $program -PortRange 23000, 24999 -ArgumentList '-SimFrameTimeMs=0' -Connect -Transport Auto -ThrottleLimit 32 -TimeoutSec 180
                $up = $clock.Elapsed.TotalSeconds
                $sessions = @($binaries.Session | Where-Object Transport -eq 'Unix')
                $failures = $count - $sessions.Count
                function Round([string] $command) {
                    $times = foreach ($r in 1..$rounds) {
                        $clock.Restart()
                        $replies = Invoke-UnrealCvRequest $command -Session $sessions -ErrorVariable errors -ErrorAction SilentlyContinue
                        $clock.Elapsed.TotalMilliseconds
                        $script:failures += $errors.Count + ($sessions.Count - @($replies).Count)
                    }
                    ($times | Sort-Object)[[int]($times.Count / 2)]
                }
                $null = Invoke-UnrealCvRequest 'vget /camera/0/lit bmp' -Session $sessions   # warm-up, fills the capture caches
                $small = Round 'vget /camera/0/location'
                $bmp = Round 'vget /camera/0/lit bmp'
                $workingSet = [Diagnostics.Process]::GetCurrentProcess().WorkingSet64
                Stop-UnrealCvBinary -TimeoutSec 2
                [pscustomobject]@{ Up = $up; Small = $small; Bmp = $bmp; Failures = $failures; WorkingSet = $workingSet; Connected = $sessions.Count }
            ").AddArgument(typeof(ConnectUnrealCvCommand).Assembly).AddArgument(simulator).AddArgument(instances).AddArgument(rounds);
            var result = ps.Invoke();
            if (result.Count == 0) throw new InvalidOperationException(string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
            PSObject r = result.Last();
            double Get(string name) => Convert.ToDouble(PSObject.AsPSObject(r.Properties[name].Value).BaseObject, CultureInfo.InvariantCulture);
            string label = $"{instances} binaries over UDS";
            rows.Add(($"{label}: all started and connected", $"{Get("Up"):0.0} s ({Get("Connected")} connected)", instances == 120 ? "< 30 s" : ""));
            rows.Add(($"{label}: fan-out round of vget /camera/0/location (median of {rounds})", $"{Get("Small"):0.0} ms", instances == 120 ? "< 100 ms" : ""));
            rows.Add(($"{label}: fan-out round of vget /camera/0/lit bmp (median of {rounds})", $"{Get("Bmp"):0.0} ms", ""));
            rows.Add(($"{label}: client working set, all sessions open (last BMP round still held)", $"{Get("WorkingSet") / 1e6:0} MB", ""));
            rows.Add(($"{label}: failures over {2 * rounds} rounds", $"{Get("Failures")}", "0"));
        }

        private static string Us(double seconds) => (seconds * 1e6).ToString("0.0", CultureInfo.InvariantCulture) + " us";
        private static string Ms(double seconds) => (seconds * 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " ms";
        private static string Rate(double secondsPerRequest) => (1 / secondsPerRequest).ToString("#,0", CultureInfo.InvariantCulture) + " req/s (" + Us(secondsPerRequest) + ")";
        private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

        /// <summary>Connects a fresh raw socket (the server serves one client at a time), reads the welcome, times the body.</summary>
        private static double MeasureRaw(SimulatorProcess server, Action<Socket, FrameReader> body)
        {
            using Socket socket = server.Connect();
            var reader = new FrameReader(new NetworkStream(socket, false), 1L << 30);
            ReadPayload(reader); // welcome
            var clock = Stopwatch.StartNew();
            body(socket, reader);
            return clock.Elapsed.TotalSeconds;
        }

        /// <summary>Opens an engine connection (welcome included), then times the body.</summary>
        private static double MeasureEngine(SimulatorProcess server, Action<UnrealCvConnection> body)
        {
            Socket socket = server.Connect();
            using UnrealCvConnection connection = UnrealCvConnection.Open(socket, new ConnectionOptions("bench", 0), Timeout, CancellationToken.None);
            var clock = Stopwatch.StartNew();
            body(connection);
            return clock.Elapsed.TotalSeconds;
        }

        // ---- the raw baseline: the wire layer's frames on a socket, nothing else ----

        private static long RawSequential(Socket socket, FrameReader reader, int count, string command = Small)
        {
            long bytes = 0;
            for (int i = 0; i < count; i++)
            {
                socket.Send(RequestFrame.Encode(i, command));
                bytes += ReadPayload(reader);
            }
            return bytes;
        }

        private static void RawPipelined(Socket socket, FrameReader reader, int count)
        {
            byte[][] frames = Enumerable.Range(0, count).Select(i => RequestFrame.Encode(i, Small)).ToArray();
            var sender = new Thread(() => { foreach (byte[] f in frames) socket.Send(f); });
            sender.Start();
            for (int i = 0; i < count; i++) ReadPayload(reader);
            sender.Join();
        }

        internal static int ReadPayload(FrameReader reader)
        {
            int length = reader.ReadHeader();
            var payload = new byte[length];
            reader.ReadExactly(payload, 0, length);
            return length;
        }

        // ---- the engine ----

        private static void EngineSequential(UnrealCvConnection connection, int count, string command = Small)
        {
            for (int i = 0; i < count; i++)
            {
                connection.Send(command).Wait(Timeout, CancellationToken.None);
            }
        }

        private static void EnginePipelined(UnrealCvConnection connection, int count)
        {
            var inFlight = new Queue<RequestHandle>();
            for (int i = 0; i < count; i++)
            {
                inFlight.Enqueue(connection.Send(Small));
                if (inFlight.Count >= Window) Complete(inFlight.Dequeue());
            }
            while (inFlight.Count > 0) Complete(inFlight.Dequeue());
        }

        private static void Complete(RequestHandle request) => request.Wait(Timeout, CancellationToken.None);

        private static long AllocatedPerRequest(SimulatorProcess server, int count)
        {
            long perRequest = 0;
            MeasureEngine(server, connection =>
            {
                for (int i = 0; i < 1000; i++) Complete(connection.Send(Small));
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < count; i++) Complete(connection.Send(Small));
                perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / count;
            });
            return perRequest;
        }

        // ---- the cmdlet, hosted in this process ----

        private static double CmdletPipeline(SimulatorProcess server, int count)
        {
            using PowerShell ps = PowerShell.Create();
            ps.AddScript(@"
                param($assembly, $port, $count)
                Import-Module -Assembly $assembly
                $session = Connect-UnrealCv 127.0.0.1 -Port $port
                $commands = [string[]]::new($count); for ($i = 0; $i -lt $count; $i++) { $commands[$i] = 'vget /unrealcv/echo x' }
                $null = $commands[0..999] | Invoke-UnrealCvRequest   # warm-up
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $replies = $commands | Invoke-UnrealCvRequest
                $seconds = $clock.Elapsed.TotalSeconds
                if ($replies.Count -ne $count) { throw ""expected $count replies, got $($replies.Count)"" }
                Disconnect-UnrealCv
                $seconds
            ").AddArgument(typeof(ConnectUnrealCvCommand).Assembly).AddArgument(server.Port).AddArgument(count);
            var result = ps.Invoke();
            if (ps.HadErrors) throw new InvalidOperationException(string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
            return Convert.ToDouble(result.Last().BaseObject, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The simulator's console program on a free port, at frame time 0, keeping TCP (Windows profile).</summary>
    internal sealed class SimulatorProcess : IDisposable
    {
        private readonly Process _process;
        private readonly string _configDir;

        private SimulatorProcess(Process process, int port, string configDir, string? socketPath)
        {
            _process = process;
            Port = port;
            _configDir = configDir;
            SocketPath = socketPath;
        }

        public int Port { get; }
        public int ProcessId => _process.Id;

        /// <summary>The Unix socket to use instead of TCP, when started with unixSocket.</summary>
        public string? SocketPath { get; }

        /// <summary>A new connection over this simulator's transport.</summary>
        public Socket Connect()
        {
            if (SocketPath == null) return SocketConnector.ConnectTcp("127.0.0.1", Port, TimeSpan.FromSeconds(60), CancellationToken.None);
            var socket = UnrealCv.Sockets.UnixSocket.CreateSocket();
            socket.Connect(UnrealCv.Sockets.UnixSocket.CreateEndPoint(SocketPath));
            return socket;
        }

        /// <summary>
        /// Starts the simulator program; with <paramref name="unixSocket"/> as a Linux binary, whose first TCP client
        /// is let go at once so that it serves its Unix socket from then on.
        /// </summary>
        public static SimulatorProcess Start(string path, int width, int height, bool unixSocket = false)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; probe.Stop(); }
            string configDir = Directory.CreateTempSubdirectory("unrealcv-bench-").FullName;
            var info = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            // A binary reads "-cvport 9000" (the number right after the name); "-cvport=9000" would be port 0.
            foreach (string arg in new[] { "-cvport", port.ToString(CultureInfo.InvariantCulture), "-UnrealCVWidth", width.ToString(CultureInfo.InvariantCulture), "-UnrealCVHeight", height.ToString(CultureInfo.InvariantCulture), "-SimFrameTimeMs=0", unixSocket ? "-SimProfile=Linux" : "-SimProfile=Windows", $"-SimConfigDir={configDir}", $"-SimSocketDirectory={configDir}" })
                info.ArgumentList.Add(arg);
            Process process = Process.Start(info)!;
            string expected = $"Start listening on {port}";
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
                throw new InvalidOperationException($"the simulator did not start: {line ?? "no output in 30 s"}");
            }
            if (!unixSocket) return new SimulatorProcess(process, port, configDir, null);
            using (Socket first = SocketConnector.ConnectTcp("127.0.0.1", port, TimeSpan.FromSeconds(30), CancellationToken.None))
                Program.ReadPayload(new FrameReader(new NetworkStream(first, false), 1 << 20)); // the welcome; then leave
            string socketPath = Path.Combine(configDir, $"unrealcv_{port}.socket");
            var clock = Stopwatch.StartNew();
            while (!File.Exists(socketPath) && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(5);
            return new SimulatorProcess(process, port, configDir, socketPath);
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(5000);
            _process.Dispose();
            Directory.Delete(_configDir, recursive: true);
        }
    }
}
