using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Sockets;
using System.Threading;
using UnrealCv.Commands;
using UnrealCv.Connection;
using UnrealCv.Wire;

namespace UnrealCv.Benchmarks
{
    /// <summary>
    /// Measures the client against baselines of the same run: a raw framed client written with plain sockets (the limit
    /// of this machine) talking to a reference server that answers instantly, in its own process, so that the client's
    /// own cost is what shows. Then the engine and the cmdlet against the same server, over TCP and a Unix socket; then
    /// the simulator as a server of its own; then fleets of simulators on a saturated machine. Every row with a target
    /// passes or fails against figures of the same run; absolute numbers vary with the machine's load.
    /// </summary>
    public static class Program
    {
        private const string Small = "vget /unrealcv/echo x";
        private const string Bmp = "vget /camera/0/lit bmp";
        private const string Npy = "vget /camera/0/depth npy";
        private const int Window = 256;
        private const int LargeWindow = 8;
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

        public static int Main(string[] args)
        {
            if (args.Length == 2 && args[0] == "--reference-server") return ReferenceServer.Run(args[1]);
            if (args.Length == 3 && args[0] == "--cpu-hog") return CpuHog.Run(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture));
            string simulator = args.Length > 0 ? args[0] : throw new ArgumentException("usage: UnrealCv.Benchmarks <path to UnrealCvSimulator> [scale] [fleet sizes, e.g. 1,8,32,120] [sections: reference,simulator,fleet]");
            double scale = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1.0;
            int[] fleets = args.Length > 2 ? args[2].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : new[] { 1, 8, 32, 120 };
            string[] sections = args.Length > 3 ? args[3].Split(',') : new[] { "reference", "simulator", "fleet" };
            int n = Math.Max(1000, (int)(20000 * scale));
            var report = new Report();
            Console.WriteLine($"{Environment.ProcessorCount} CPUs; {n} small requests per pipelined run, {n / 4} per sequential run");

            // The reference server's sequential round trip is the simulator's yardstick, so it is measured either way.
            var rawSequential = new Dictionary<string, double>();
            using (var reference = ReferenceServerProcess.Start())
            {
                foreach (Endpoint endpoint in new[] { reference.Tcp, reference.Unix })
                {
                    if (!sections.Contains("reference"))
                    {
                        MeasureRaw(endpoint, (c, r) => RawSequential(c, r, 2000));
                        rawSequential[endpoint.Transport] = MeasureRaw(endpoint, (c, r) => RawSequential(c, r, n / 4)) / (n / 4);
                        continue;
                    }
                    report.Section($"reference server, {endpoint.Transport}");
                    rawSequential[endpoint.Transport] = AddSmall(report, endpoint, n);
                    AddLarge(report, endpoint, Bmp, "640×480 BMP", Math.Max(5, (int)(100 * scale)));
                    AddLarge(report, endpoint, Npy, "1920×1080 depth NPY", Math.Max(3, (int)(30 * scale)));
                }
            }

            if (sections.Contains("simulator")) AddSimulator(report, simulator, n, rawSequential, Math.Max(3, (int)(10 * scale)));

            int rounds = Math.Max(10, (int)(100 * scale));
            if (sections.Contains("fleet"))
            {
                using (CpuHog.Start(Environment.ProcessorCount))
                {
                    foreach (string transport in new[] { "Unix", "Tcp" })
                    {
                        report.Section($"simulator fleet over {(transport == "Unix" ? "Unix sockets" : "TCP")}, {Environment.ProcessorCount} busy-loop threads beside it");
                        foreach (int instances in fleets) AddFleet(report, simulator, instances, rounds, transport);
                    }
                }
            }

            string table = report.Markdown();
            Console.WriteLine();
            Console.WriteLine(table);
            Console.WriteLine(report.Summary());
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "bench.md"), table + Environment.NewLine + report.Summary() + Environment.NewLine);
            return 0;
        }

        /// <summary>Small replies: raw, engine and cmdlet, sequential and pipelined. Returns the raw sequential round trip.</summary>
        private static double AddSmall(Report report, Endpoint endpoint, int n)
        {
            // Warm up JIT and both ends.
            MeasureRaw(endpoint, (c, r) => RawSequential(c, r, 2000));
            MeasureRaw(endpoint, (c, r) => RawPipelined(c, r, 2000, Small));
            MeasureEngine(endpoint, c => EngineSequential(c, 2000));
            MeasureEngine(endpoint, c => EnginePipelined(c, 2000, Small, Window));

            int sequential = n / 4;
            var (rawSeq, engSeq, floor, oneAtATime, piped) = CmdletSmall(endpoint, sequential, n);
            report.Baseline("small reply, one at a time: raw client (limit)", Report.Us(rawSeq));
            report.Check("small reply, one at a time: engine", $"{Report.Us(engSeq)}, {Report.Times(engSeq / rawSeq)} raw", "≤ 1.30× raw", engSeq <= 1.30 * rawSeq);
            report.Baseline("PowerShell statement floor: `$null = Write-Output $c` in a loop", Report.Us(floor));
            double limit = rawSeq + floor + 10e-6;
            report.Check("small reply, one at a time: `$null = Invoke-UnrealCvRequest $c` in a loop", Report.Us(oneAtATime),
                $"≤ raw + floor + 10 µs = {Report.Us(limit)}; margin {Report.Us(limit - oneAtATime)}", oneAtATime <= limit);

            byte[][] smallWrites = PipelinedWrites(n, Small);
            double rawPipe = MeasureRaw(endpoint, (c, r) => RawPipelined(c, r, smallWrites, n)) / n;
            double engPipe = MeasureEngine(endpoint, c => EnginePipelined(c, n, Small, Window)) / n;
            report.Baseline("small reply, pipelined: raw client (limit)", Report.Rate(rawPipe));
            report.Check($"small reply, pipelined: engine (window {Window})", $"{Report.Rate(engPipe)}, {Report.Times(rawPipe / engPipe)} raw", "≥ 0.50× raw", rawPipe / engPipe >= 0.50);
            double pipeLimit = rawPipe + 10e-6;
            report.Check("small reply, pipelined: `$commands | Invoke-UnrealCvRequest`", Report.Rate(piped),
                $"≤ raw + 10 µs = {Report.Us(pipeLimit)}; margin {Report.Us(pipeLimit - piped)}", piped <= pipeLimit);

            long allocated = AllocatedPerRequest(endpoint, sequential);
            report.Info("client bytes allocated per small request (engine, steady state)", allocated.ToString(CultureInfo.InvariantCulture) + " B");
            return rawSeq;
        }

        /// <summary>Large replies, sequential and piped: raw, engine, cmdlet; the engine and cmdlet at ≥ 80 % of the raw rate.</summary>
        private static void AddLarge(Report report, Endpoint endpoint, string command, string label, int count)
        {
            MeasureRaw(endpoint, (c, r) => RawSequential(c, r, 3, command));
            MeasureEngine(endpoint, c => EngineSequential(c, 3, command));
            long bytes = 0;
            double rawSeq = MeasureRaw(endpoint, (c, r) => bytes = RawSequential(c, r, count, command)) / count;
            byte[][] largeWrites = PipelinedWrites(count, command);
            double rawPipe = MeasureRaw(endpoint, (c, r) => RawPipelined(c, r, largeWrites, count)) / count;
            double rawFresh = MeasureRaw(endpoint, (c, r) => RawSequential(c, r, count, command, freshArrays: true)) / count;
            double engSeq = MeasureEngine(endpoint, c => EngineSequential(c, count, command)) / count;
            double engPipe = MeasureEngine(endpoint, c => EnginePipelined(c, count, command, LargeWindow)) / count;
            var (cmdSeq, cmdPipe) = CmdletLarge(endpoint, command, count);
            double size = bytes / (double)count;
            string shape = $"{label} ({size / 1e6:0.0} MB)";
            string Value(double seconds, double raw) => $"{Report.Ms(seconds)}, {size / seconds / 1e9:0.00} GB/s, {Report.Times(raw / seconds)} raw";
            report.Baseline($"{shape}, one at a time: raw client", $"{Report.Ms(rawSeq)}, {size / rawSeq / 1e9:0.00} GB/s");
            report.Info($"{shape}, one at a time: raw client, a new array per reply", Value(rawFresh, rawSeq));
            // Beside the target, the rate against the raw client that gives each reply a new array, as the engine must.
            string AgainstFresh(double seconds) => $"{Value(seconds, rawSeq)}; {Report.Times(rawFresh / seconds)} raw with a new array per reply";
            report.Check($"{shape}, one at a time: engine", AgainstFresh(engSeq), "≥ 0.80× raw", rawSeq / engSeq >= 0.80);
            report.Check($"{shape}, one at a time: `$null = Invoke-UnrealCvRequest $c`", AgainstFresh(cmdSeq), "≥ 0.80× raw", rawSeq / cmdSeq >= 0.80);
            report.Baseline($"{shape}, piped: raw client", $"{Report.Ms(rawPipe)}, {size / rawPipe / 1e9:0.00} GB/s");
            report.Check($"{shape}, piped: engine (window {LargeWindow})", Value(engPipe, rawPipe), "≥ 0.80× raw", rawPipe / engPipe >= 0.80);
            report.Check($"{shape}, piped: `$commands | Invoke-UnrealCvRequest -MaxInFlight {LargeWindow}`", Value(cmdPipe, rawPipe), "≥ 0.80× raw", rawPipe / cmdPipe >= 0.80);
            report.Check($"{shape}: cmdlet piped / one at a time", Report.Times(cmdSeq / cmdPipe), "≥ 1.00× (piped never slower)", cmdPipe <= cmdSeq);
        }

        /// <summary>The simulator as a server: against the raw client, beside the reference server's figures of this run.</summary>
        private static void AddSimulator(Report report, string simulator, int n, Dictionary<string, double> referenceSequential, int starts)
        {
            report.Section("simulator");
            foreach (bool unix in new[] { false, true })
            {
                using var server = SimulatorProcess.Start(simulator, width: 640, height: 480, unixSocket: unix);
                Endpoint endpoint = server.Endpoint;
                MeasureRaw(endpoint, (c, r) => RawSequential(c, r, 2000));
                MeasureRaw(endpoint, (c, r) => RawPipelined(c, r, 2000, Small));
                MeasureRaw(endpoint, (c, r) => RawSequential(c, r, 3, Bmp));
                double seq = MeasureRaw(endpoint, (c, r) => RawSequential(c, r, n / 4)) / (n / 4);
                MeasureRaw(endpoint, (c, r) => RawPipelined(c, r, 2000, Small, GatheredWrites));
                byte[][] gathered = PipelinedWrites(n, Small, GatheredWrites), single = PipelinedWrites(n, Small);
                double pipe = MeasureRaw(endpoint, (c, r) => RawPipelined(c, r, gathered, n)) / n;
                double pipeOneWrite = MeasureRaw(endpoint, (c, r) => RawPipelined(c, r, single, n)) / n;
                double reference = referenceSequential[endpoint.Transport];
                report.Check($"{endpoint.Transport}: small reply, pipelined, raw client writing {GatheredWrites} requests at a time", Report.Rate(pipe), "≥ 100,000/s", 1 / pipe >= 100_000);
                report.Info($"{endpoint.Transport}: small reply, pipelined, raw client writing each request alone", Report.Rate(pipeOneWrite));
                report.Check($"{endpoint.Transport}: small reply, one at a time, raw client", $"{Report.Us(seq)}, {Report.Times(seq / reference)} the reference server's",
                    "≤ 1.50× reference server", seq <= 1.5 * reference);
                if (!unix)
                {
                    long rss = server.ResidentBytes();
                    report.Check("resident memory (VmRSS) after warm-up, small requests and BMP captures", $"{rss / 1e6:0.0} MB", "≤ 40 MB", rss <= 40_000_000);
                }
            }
            double median = Median(Enumerable.Range(0, starts).Select(_ => SimulatorProcess.StartToListening(simulator)));
            report.Check($"start to listening (spawn until the welcome arrives), median of {starts}", Report.Ms(median), "≤ 150 ms", median <= 0.150);
            AddRendering(report);
            AddCaptureSets(report, Math.Max(5, starts * 2));
        }

        /// <summary>
        /// Same-frame capture sets through the cmdlet, on an embedded simulator ticking every 33 ms: game frames (ticks
        /// that ran requests) and time per set of 4 modes from 2 cameras, against the same 8 captures one at a time.
        /// </summary>
        private static void AddCaptureSets(Report report, int sets)
        {
            using PowerShell ps = PowerShell.Create();
            ps.AddScript(@"
                param($assembly, $sets)
                Import-Module -Assembly $assembly
                $sim = Start-UnrealCvSimulator -FrameTimeMs 33 -Width 640 -Height 480
                try {
                    $null = $sim | Connect-UnrealCv
                    $modes = 'lit', 'depth', 'object_mask', 'normal'
                    $null = Get-UnrealCvCapture -Camera 0, 1 -Mode $modes   # warm-up
                    $ticks = $sim.BusyTicks; $clock = [Diagnostics.Stopwatch]::StartNew()
                    for ($i = 0; $i -lt $sets; $i++) { $null = Get-UnrealCvCapture -Camera 0, 1 -Mode $modes }
                    $setFrames = ($sim.BusyTicks - $ticks) / $sets; $setMs = $clock.Elapsed.TotalMilliseconds / $sets
                    $ticks = $sim.BusyTicks; $clock.Restart()
                    for ($i = 0; $i -lt $sets; $i++) {
                        foreach ($camera in 0, 1) {
                            foreach ($mode in $modes) { $null = Invoke-UnrealCvRequest ""vget /camera/$camera/$mode $(if ($mode -eq 'depth') { 'npy' } else { 'png' })"" }
                        }
                    }
                    $oneFrames = ($sim.BusyTicks - $ticks) / $sets; $oneMs = $clock.Elapsed.TotalMilliseconds / $sets
                    [pscustomobject]@{ SetFrames = $setFrames; SetMs = $setMs; OneFrames = $oneFrames; OneMs = $oneMs }
                }
                finally { Get-UnrealCvSession | Disconnect-UnrealCv; Stop-UnrealCvSimulator }
            ").AddParameter("assembly", typeof(ConnectUnrealCvCommand).Assembly).AddParameter("sets", sets);
            PSObject r = Invoke(ps);
            double Get(string name) => Convert.ToDouble(r.Properties[name].Value, CultureInfo.InvariantCulture);
            string Cost(double frames, double ms) => $"{frames.ToString("0.00", CultureInfo.InvariantCulture)} frames, {ms.ToString("0.0", CultureInfo.InvariantCulture)} ms per set";
            report.Baseline($"4 modes × 2 cameras at 640×480, 33 ms frames, one request at a time ({sets} sets)", Cost(Get("OneFrames"), Get("OneMs")));
            report.Check($"the same as one Get-UnrealCvCapture set ({sets} sets)", Cost(Get("SetFrames"), Get("SetMs")) + $", {Report.Times(Get("OneMs") / Get("SetMs"))} faster",
                "≤ 1.2 frames per set (about one)", Get("SetFrames") <= 1.2);
        }

        /// <summary>The simulator's own cost of a fresh 640x480 capture (captures of an unchanged scene are cached).</summary>
        private static void AddRendering(Report report)
        {
            var world = UnrealCv.Simulator.Scene.SceneBuilder.Build("Bench", 640, 480, 90);
            var camera = world.Cameras[0];
            // The median of single runs: a burst of load on this shared machine spoils a few, not the figure. Warmed up
            // past the JIT's 30 calls and its background compile first, so the optimised code is timed, as in the shipped
            // (natively compiled) program.
            double Time(Action render, int count)
            {
                for (int i = 0; i < 40; i++) render();
                Thread.Sleep(300);
                render();
                return Median(Enumerable.Range(0, count).Select(_ =>
                {
                    var clock = Stopwatch.StartNew();
                    render();
                    return clock.Elapsed.TotalSeconds;
                }));
            }
            byte[] lit = UnrealCv.Simulator.Rendering.RayCaster.RenderColor(world, camera, UnrealCv.Simulator.Rendering.CaptureKind.Lit);
            double litTime = Time(() => UnrealCv.Simulator.Rendering.RayCaster.RenderColor(world, camera, UnrealCv.Simulator.Rendering.CaptureKind.Lit), 20);
            double depthTime = Time(() => UnrealCv.Simulator.Rendering.RayCaster.RenderDepth(world, camera), 20);
            double pngTime = Time(() => UnrealCv.Simulator.Encoders.PngWriter.Encode(lit, 640, 480), 10);
            double bmpTime = Time(() => UnrealCv.Simulator.Encoders.BmpWriter.Encode(lit, 640, 480), 20);
            report.Check("ray cast 640×480 lit / depth (in this process, median of 20)", $"{Report.Ms(litTime)} / {Report.Ms(depthTime)}", "< 33 ms each (one frame at 30 fps)", litTime < 0.033 && depthTime < 0.033);
            report.Info("encode 640×480 PNG / BMP (in this process, median of 10 / 20)", $"{Report.Ms(pngTime)} / {Report.Ms(bmpTime)}");
        }

        /// <summary>
        /// The many-binaries case through the cmdlets: start N simulator programs, connected over Unix sockets or kept on
        /// TCP, then fan-out rounds of a small request and of a 640x480 BMP to all of them.
        /// </summary>
        private static void AddFleet(Report report, string simulator, int instances, int rounds, string transport)
        {
            using PowerShell ps = PowerShell.Create();
            ps.AddScript(@"
                param($assembly, $program, $count, $rounds, $transport)
                Import-Module -Assembly $assembly
                $ProgressPreference = 'SilentlyContinue'
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $binaries = 1..$count | Start-UnrealCvBinary $program -PortRange 23000, 24999 -ArgumentList '-SimFrameTimeMs=0' -Connect -Transport $transport -ThrottleLimit 32 -TimeoutSec 180
                $up = $clock.Elapsed.TotalSeconds
                $sessions = @($binaries.Session | Where-Object Transport -eq $transport)
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
            ").AddArgument(typeof(ConnectUnrealCvCommand).Assembly).AddArgument(simulator).AddArgument(instances).AddArgument(rounds).AddArgument(transport);
            PSObject r = Invoke(ps);
            double Get(string name) => Convert.ToDouble(PSObject.AsPSObject(r.Properties[name].Value).BaseObject, CultureInfo.InvariantCulture);
            string label = $"{instances} binaries";
            report.Check($"{label}: all started and connected", $"{Get("Up"):0.0} s ({Get("Connected")} connected)", "< 10 s", Get("Up") < 10 && Get("Connected") == instances);
            report.Check($"{label}: fan-out round of a small request (median of {rounds})", $"{Get("Small"):0.0} ms", "< 20 ms", Get("Small") < 20);
            report.Info($"{label}: fan-out round of a 640×480 BMP (median of {rounds})", $"{Get("Bmp"):0.0} ms");
            report.Info($"{label}: client working set, all sessions open", $"{Get("WorkingSet") / 1e6:0} MB");
            report.Check($"{label}: failures over {2 * rounds} rounds", $"{Get("Failures")}", "0", Get("Failures") == 0);
        }

        private static PSObject Invoke(PowerShell ps)
        {
            var result = ps.Invoke();
            if (ps.HadErrors || result.Count == 0) throw new InvalidOperationException(string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
            return result.Last();
        }

        /// <summary>Connects a fresh raw socket, reads the welcome, times the body.</summary>
        private static double MeasureRaw(Endpoint endpoint, Action<Socket, FrameReader> body)
        {
            using Socket socket = endpoint.Connect();
            var reader = new FrameReader(new NetworkStream(socket, false), 1L << 30);
            ReadPayload(reader); // welcome
            var clock = Stopwatch.StartNew();
            body(socket, reader);
            return clock.Elapsed.TotalSeconds;
        }

        private const int Rounds = 7;

        /// <summary>The middle value (the upper one of an even count).</summary>
        private static double Median(IEnumerable<double> values)
        {
            double[] sorted = values.OrderBy(v => v).ToArray();
            return sorted[sorted.Length / 2];
        }
        private const int WarmUpSeconds = 6;

        /// <summary>Opens an engine connection (welcome included), then times the body.</summary>
        private static double MeasureEngine(Endpoint endpoint, Action<UnrealCvConnection> body)
        {
            Socket socket = endpoint.Connect();
            using UnrealCvConnection connection = UnrealCvConnection.Open(socket, new ConnectionOptions("bench", 0), Timeout, CancellationToken.None);
            var clock = Stopwatch.StartNew();
            body(connection);
            return clock.Elapsed.TotalSeconds;
        }

        // ---- the raw baseline: the wire layer's frames on a socket, nothing else ----

        private static long RawSequential(Socket socket, FrameReader reader, int count, string command = Small, bool freshArrays = false)
        {
            long bytes = 0;
            for (int i = 0; i < count; i++)
            {
                socket.Send(RequestFrame.Encode(i, command));
                bytes += freshArrays ? ReadPayloadIntoNewArray(reader) : ReadPayload(reader);
            }
            return bytes;
        }

        // A server's own rate needs a client that a system call per request does not hold back: on this VM one loopback
        // TCP write per request costs about what the server spends on the request.
        private const int GatheredWrites = 64;

        /// <summary>The request frames of a pipelined run, <paramref name="perWrite"/> to each write; encoded before the clock starts.</summary>
        private static byte[][] PipelinedWrites(int count, string command, int perWrite = 1) =>
            Enumerable.Range(0, (count + perWrite - 1) / perWrite)
                .Select(w => Enumerable.Range(w * perWrite, Math.Min(perWrite, count - w * perWrite)).SelectMany(i => RequestFrame.Encode(i, command)).ToArray())
                .ToArray();

        /// <summary>Untimed runs (warm-up): encodes its frames itself.</summary>
        private static void RawPipelined(Socket socket, FrameReader reader, int count, string command, int perWrite = 1) =>
            RawPipelined(socket, reader, PipelinedWrites(count, command, perWrite), count);

        /// <summary>The writes sent by a second thread while this one reads the <paramref name="replies"/>.</summary>
        private static void RawPipelined(Socket socket, FrameReader reader, byte[][] writes, int replies)
        {
            var sender = new Thread(() => { foreach (byte[] w in writes) socket.Send(w); });
            sender.Start();
            for (int i = 0; i < replies; i++) ReadPayload(reader);
            sender.Join();
        }

        // The raw client reads every reply into one buffer per thread: a new array per reply would make the baseline pay
        // for zeroing and collecting megabytes the limit it stands for does not pay.
        [ThreadStatic] private static byte[]? _rawBuffer;

        internal static int ReadPayload(FrameReader reader)
        {
            int length = reader.ReadHeader();
            if (_rawBuffer == null || _rawBuffer.Length < length) _rawBuffer = new byte[Math.Max(length, 64 * 1024)];
            reader.ReadExactly(_rawBuffer, 0, length);
            return length;
        }

        /// <summary>As a client that gives each reply its own array must: the memory is new to the process every time.</summary>
        private static int ReadPayloadIntoNewArray(FrameReader reader)
        {
            int length = reader.ReadHeader();
            reader.ReadExactly(new byte[length], 0, length);
            return length;
        }

        // ---- the engine ----

        private static void EngineSequential(UnrealCvConnection connection, int count, string command = Small)
        {
            for (int i = 0; i < count; i++) Complete(connection.Send(command));
        }

        private static void EnginePipelined(UnrealCvConnection connection, int count, string command, int window)
        {
            var inFlight = new Queue<RequestHandle>();
            for (int i = 0; i < count; i++)
            {
                inFlight.Enqueue(connection.Send(command));
                if (inFlight.Count >= window) Complete(inFlight.Dequeue());
            }
            while (inFlight.Count > 0) Complete(inFlight.Dequeue());
        }

        private static void Complete(RequestHandle request) => request.Wait(Timeout, CancellationToken.None);

        private static long AllocatedPerRequest(Endpoint endpoint, int count)
        {
            long perRequest = 0;
            MeasureEngine(endpoint, connection =>
            {
                for (int i = 0; i < 1000; i++) Complete(connection.Send(Small));
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < count; i++) Complete(connection.Send(Small));
                perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / count;
            });
            return perRequest;
        }

        // ---- the cmdlet, hosted in this process ----

        private const string ConnectScript = @"
                Import-Module -Assembly $assembly
                $ProgressPreference = 'SilentlyContinue'
                if ($path) { $null = Connect-UnrealCv -Path $path } else { $null = Connect-UnrealCv 127.0.0.1 -Port $port }
                $clock = [Diagnostics.Stopwatch]::new()
        ";

        private static PowerShell CmdletScript(Endpoint endpoint, string body)
        {
            PowerShell ps = PowerShell.Create();
            ps.AddScript("param($assembly, $port, $path, $count, $command, $window, $raw, $engine)" + ConnectScript + body + Environment.NewLine + "Disconnect-UnrealCv")
                .AddParameter("assembly", typeof(ConnectUnrealCvCommand).Assembly).AddParameter("port", endpoint.Port).AddParameter("path", endpoint.SocketPath);
            return ps;
        }

        /// <summary>
        /// Seconds per small request, one at a time: the raw client, the engine, the statement floor and the cmdlet, in
        /// the same rounds (each the median of its rounds, so a burst of load on this shared machine lands on all four or
        /// is outvoted, rather than widening the gap between loops run minutes apart); then the cmdlet fed by the pipeline.
        /// </summary>
        private static (double Raw, double Engine, double Floor, double OneAtATime, double Piped) CmdletSmall(Endpoint endpoint, int sequential, int piped)
        {
            Func<int, double> raw = count => MeasureRaw(endpoint, (c, r) => RawSequential(c, r, count)) / count;
            Func<int, double> engine = count => MeasureEngine(endpoint, c => EngineSequential(c, count)) / count;
            using PowerShell ps = CmdletScript(endpoint, @"
                $c = $command
                # Warm-up, both loops in turn for some seconds: the JIT first runs PowerShell's and the module's code
                # unoptimised (tier 0, about 3x slower here) and optimises it only once calls stop bringing new methods,
                # which in a PowerShell process takes seconds; a script that loops over requests runs the optimised code.
                $clock.Restart()
                while ($clock.Elapsed.TotalSeconds -lt "+WarmUpSeconds+@") {
                    for ($i = 0; $i -lt 1000; $i++) { $null = Write-Output $c }
                    for ($i = 0; $i -lt 1000; $i++) { $null = Invoke-UnrealCvRequest $c }
                }
                $null = $raw.Invoke(2000); $null = $engine.Invoke(2000)
                $rounds = "+Rounds+@"; $perRound = [Math]::Max(200, [int]($count / $rounds))
                $raws = [double[]]::new($rounds); $engines = [double[]]::new($rounds)
                $floors = [double[]]::new($rounds); $ones = [double[]]::new($rounds)
                for ($r = 0; $r -lt $rounds; $r++) {
                    $raws[$r] = $raw.Invoke($perRound)
                    $engines[$r] = $engine.Invoke($perRound)
                    $clock.Restart()
                    for ($i = 0; $i -lt $perRound; $i++) { $null = Write-Output $c }
                    $floors[$r] = $clock.Elapsed.TotalSeconds / $perRound
                    $clock.Restart()
                    for ($i = 0; $i -lt $perRound; $i++) { $null = Invoke-UnrealCvRequest $c }
                    $ones[$r] = $clock.Elapsed.TotalSeconds / $perRound
                }
                $middle = [Math]::Floor($rounds / 2)   # [int] would round 3.5 up
                $median = { param($values) [Array]::Sort($values); $values[$middle] }
                $commands = [string[]]::new($window); for ($i = 0; $i -lt $window; $i++) { $commands[$i] = $c }
                $null = $commands[0..999] | Invoke-UnrealCvRequest   # warm-up
                $clock.Restart()
                $replies = $commands | Invoke-UnrealCvRequest
                $piped = $clock.Elapsed.TotalSeconds / $window
                if ($replies.Count -ne $window) { throw ""expected $window replies, got $($replies.Count)"" }
                [pscustomobject]@{ Raw = & $median $raws; Engine = & $median $engines; Floor = & $median $floors; One = & $median $ones; Piped = $piped }
            ");
            ps.AddParameter("count", sequential).AddParameter("command", Small).AddParameter("window", piped)
                .AddParameter("raw", raw).AddParameter("engine", engine);
            PSObject r = Invoke(ps);
            double Get(string name) => Convert.ToDouble(r.Properties[name].Value, CultureInfo.InvariantCulture);
            return (Get("Raw"), Get("Engine"), Get("Floor"), Get("One"), Get("Piped"));
        }

        /// <summary>Seconds per large reply through the cmdlet: one at a time, and piped with a bounded window.</summary>
        private static (double OneAtATime, double Piped) CmdletLarge(Endpoint endpoint, string command, int count)
        {
            using PowerShell ps = CmdletScript(endpoint, @"
                $c = $command
                for ($i = 0; $i -lt 3; $i++) { $null = Invoke-UnrealCvRequest $c }   # warm-up
                $clock.Restart()
                for ($i = 0; $i -lt $count; $i++) { $null = Invoke-UnrealCvRequest $c }
                $one = $clock.Elapsed.TotalSeconds / $count
                $commands = [string[]]::new($count); for ($i = 0; $i -lt $count; $i++) { $commands[$i] = $c }
                # Streamed through the pipeline: `$null = <pipeline>` would keep every reply alive until the pipeline
                # ends (PowerShell collects the output before it discards it), `| ForEach-Object` lets each go.
                $received = 0
                $clock.Restart()
                $commands | Invoke-UnrealCvRequest -MaxInFlight $window | ForEach-Object { $received++ }
                $piped = $clock.Elapsed.TotalSeconds / $count
                if ($received -ne $count) { throw ""expected $count replies, got $received"" }
                [pscustomobject]@{ One = $one; Piped = $piped }
            ");
            ps.AddParameter("count", count).AddParameter("command", command).AddParameter("window", LargeWindow);
            PSObject r = Invoke(ps);
            double Get(string name) => Convert.ToDouble(r.Properties[name].Value, CultureInfo.InvariantCulture);
            return (Get("One"), Get("Piped"));
        }
    }
}
