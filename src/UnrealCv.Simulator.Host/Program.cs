using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using UnrealCv.Simulator;
using UnrealCv.Simulator.Configuration;

namespace UnrealCv.Simulator.Host
{
    /// <summary>The console program: a simulated game binary running the UnrealCV plugin 4.27-stable.</summary>
    internal static class Program
    {
        private const string Log = "LogUnrealCV: Warning: ";

        // Native AOT trims what no code names: the wire layer (netstandard2.0) reaches UnixDomainSocketEndPoint by
        // reflection, so its constructors are kept here.
        [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(UnixDomainSocketEndPoint))]
        public static int Main(string[] args)
        {
            if (args.Any(Usage.IsHelpSwitch))
            {
                Console.Out.Write(Usage.Text);
                return 0;
            }

            LaunchConfiguration launch;
            try
            {
                launch = LaunchConfiguration.FromArguments(args, BinaryDirectory());
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine("UnrealCvSimulator: " + e.Message);
                return 2;
            }
            if (launch.ConfigWriteError != null)
                Console.Error.WriteLine($"UnrealCvSimulator: could not write {launch.ConfigFilePath} ({launch.ConfigWriteError}); a binary carries on without it.");

            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Set();
            };
            using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Set();
            });

            if (launch.PluginDisabled)
            {
                Console.WriteLine("UnrealCvSimulator: the command line names a cook commandlet, so the UnrealCV plugin does not start: no server, unrealcv.ini untouched.");
                stop.Wait();
                return 0;
            }
            foreach (string line in launch.LogLines) Console.WriteLine(line);
            if (launch.SensorProblem != null)
            {
                Console.Error.WriteLine("UnrealCvSimulator: " + launch.SensorProblem);
                return 3;
            }

            SimulatorOptions options = launch.Options;
            options.BindAddress = IPAddress.Any; // a binary listens on every interface
            int port = options.ConfiguredPort!.Value;
            UnrealCvSimulator? simulator = null;
            try
            {
                simulator = UnrealCvSimulator.Start(options);
                simulator.Stopped += (_, __) => stop.Set(); // vrun exit, or a simulated crash: the binary's process ends
                Console.WriteLine(Log + "Start listening on " + simulator.ReportedPort.ToString(CultureInfo.InvariantCulture));
            }
            catch (SocketException)
            {
                // Like the plugin (UnixTcpServer.cpp, UnrealcvModule.cpp): log it and keep the game running without a server.
                Console.WriteLine(Log + "Cannot start listening on port " + port.ToString(CultureInfo.InvariantCulture) + ", Port might be in use");
                Console.WriteLine(Log + "Failed to start network server");
                if (launch.ExitOnFailure)
                {
                    Console.WriteLine(Log + "Requesting exit");
                    return 0;
                }
            }

            // -cvls: the plugin has asked the game to exit, which it does once it is up.
            if (!launch.ExitRequested) stop.Wait();
            simulator?.Dispose();
            return 0;
        }

        /// <summary>
        /// The folder of the executable actually run (a hard link elsewhere uses its own folder, as a binary reads
        /// the unrealcv.ini beside itself); when run as "dotnet UnrealCvSimulator.dll", the folder of the dll.
        /// </summary>
        private static string BinaryDirectory()
        {
            string? process = Environment.ProcessPath;
            if (process == null || string.Equals(Path.GetFileNameWithoutExtension(process), "dotnet", StringComparison.OrdinalIgnoreCase))
                return AppContext.BaseDirectory;
            return Path.GetDirectoryName(process) ?? AppContext.BaseDirectory;
        }
    }
}
