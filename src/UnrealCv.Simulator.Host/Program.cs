using System;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using UnrealCv.Simulator;
using UnrealCv.Simulator.Configuration;

namespace UnrealCv.Simulator.Host
{
    /// <summary>The console program: a simulated game binary running the UnrealCV plugin.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            LaunchConfiguration launch;
            try
            {
                launch = LaunchConfiguration.FromArguments(args, AppContext.BaseDirectory);
            }
            catch (Exception e) when (e is ArgumentException || e is System.IO.IOException || e is UnauthorizedAccessException)
            {
                Console.Error.WriteLine("UnrealCvSimulator: " + e.Message);
                return 2;
            }
            SimulatorOptions options = launch.Options;
            options.BindAddress = IPAddress.Any; // a binary listens on every interface

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

            UnrealCvSimulator? simulator = null;
            try
            {
                simulator = UnrealCvSimulator.Start(options);
                simulator.Stopped += (_, __) => stop.Set(); // vrun exit, or a simulated crash: the binary's process ends
                Console.WriteLine($"UnrealCvSimulator listening on port {simulator.Port}");
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // Like the plugin: log it and keep the game running without a server.
                Console.WriteLine($"Cannot start listening on port {options.Port}, Port might be in use");
            }

            stop.Wait();
            simulator?.Dispose();
            return 0;
        }
    }
}
