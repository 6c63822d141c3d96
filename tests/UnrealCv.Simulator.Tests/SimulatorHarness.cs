using System;
using System.IO;
using System.Threading;

namespace UnrealCv.Simulator.Tests
{
    /// <summary>Starts simulators the way every test wants them: a free port, a private socket folder, fast ticks.</summary>
    internal sealed class SimulatorHarness : IDisposable
    {
        public SimulatorHarness(SimulatorProfile profile = SimulatorProfile.Windows, int frameTimeMs = 0, Action<SimulatorOptions>? configure = null)
        {
            _directory = new TempDirectory();
            var options = new SimulatorOptions
            {
                Port = 0,
                Profile = profile,
                FrameTimeMs = frameTimeMs,
                ProjectName = "SimProject",
                SocketDirectory = Directory,
                OutputDirectory = Directory,
                ConfigFilePath = Path.Combine(Directory, "unrealcv.ini"),
            };
            configure?.Invoke(options);
            Simulator = UnrealCvSimulator.Start(options);
        }

        public UnrealCvSimulator Simulator { get; }

        /// <summary>A folder of this test only: socket file, captures written to disk.</summary>
        public string Directory => _directory.Path;

        private readonly TempDirectory _directory;

        public RawClient Connect() => RawClient.Connected(Simulator);

        /// <summary>
        /// Waits (at most 5 s) until a frame after the current one has begun. A request that reaches the game while it
        /// still drains its queue runs in that frame, as on the plugin, so the next round trip alone proves nothing.
        /// Asks <paramref name="client"/> something cheap meanwhile, so that a frame time of 0 ticks too.
        /// </summary>
        public void WaitForNextFrame(RawClient client)
        {
            long first = Simulator.Frames;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Simulator.Frames < first + 2)
            {
                if (clock.ElapsedMilliseconds > 5000) throw new TimeoutException("The simulator began no new frame within 5 s.");
                client.Request("vget /unrealcv/status");
            }
        }

        public void Dispose()
        {
            Simulator.Dispose();
            _directory.Dispose();
        }

        /// <summary>
        /// Waits until a game frame has begun after this call (with frame time 0 the loop still ticks every
        /// 100 ms), so that what the engine does once per frame (camera 0 following its controller, a pending
        /// setres) has happened for everything already answered.
        /// </summary>
        public void WaitForNextFrame()
        {
            long frame = Simulator.Frames;
            if (!WaitFor(() => Simulator.Frames > frame)) throw new TimeoutException("no game frame began within 5 s");
        }

        /// <summary>Polls until the condition holds or the time runs out.</summary>
        public static bool WaitFor(Func<bool> condition, int milliseconds = 5000)
        {
            var deadline = DateTime.UtcNow.AddMilliseconds(milliseconds);
            while (DateTime.UtcNow < deadline)
            {
                if (condition()) return true;
                Thread.Sleep(2);
            }
            return condition();
        }
    }

    /// <summary>A new folder under the temp folder with a short name (Unix socket paths must stay under 108 bytes), deleted on dispose.</summary>
    internal sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ucvsim-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
