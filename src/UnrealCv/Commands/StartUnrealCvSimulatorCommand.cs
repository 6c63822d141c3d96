using System;
using System.Management.Automation;
using System.Net.Sockets;
using UnrealCv.Simulator;

namespace UnrealCv.Commands
{
    /// <summary>Starts an in-process simulator of a binary running the UnrealCV plugin; made for Pester BeforeAll blocks.</summary>
    [Cmdlet(VerbsLifecycle.Start, "UnrealCvSimulator", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvSimulator))]
    public sealed class StartUnrealCvSimulatorCommand : UnrealCvCmdlet
    {
        /// <summary>TCP port; 0 (the default) picks a free one. Pipe the result to Connect-UnrealCv.</summary>
        [Parameter(Position = 0)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        [Parameter]
        public SimulatorProfile Profile { get; set; } = new SimulatorOptions().Profile;

        [Parameter]
        [ValidateRange(0, 10000)]
        public int FrameTimeMs { get; set; } = 33;

        [Parameter]
        [ValidateRange(1, 8192)]
        public int Width { get; set; } = 640;

        [Parameter]
        [ValidateRange(1, 8192)]
        public int Height { get; set; } = 480;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ProjectName { get; set; } = "UnrealCvSimulator";

        /// <summary>The game's maps besides its default SimulatorMap, which 'vset /action/game/level' can open; any other name lands in the default map.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Level { get; set; } = new string[0];

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string SocketDirectory { get; set; } = "/tmp";

        protected override void ProcessRecord()
        {
            if (!ShouldProcess(Port == 0 ? "a free port" : "port " + Port, "Start UnrealCV simulator")) return;
            var options = new SimulatorOptions
            {
                Port = Port,
                Profile = Profile,
                FrameTimeMs = FrameTimeMs,
                Width = Width,
                Height = Height,
                ProjectName = ProjectName,
                SocketDirectory = SessionState.Path.GetUnresolvedProviderPathFromPSPath(SocketDirectory),
                Levels = new System.Collections.Generic.List<string>(Level),
            };
            try
            {
                UnrealCvSimulator simulator = UnrealCvSimulator.Start(options);
                ModuleState.Simulators.Add(simulator);
                WriteObject(simulator);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                WriteError(NewError($"Port {Port} is in use; pick another -Port, or 0 for a free one.", "UnrealCvSimulatorPortInUse", ErrorCategory.ResourceExists, Port, e));
            }
        }
    }
}
