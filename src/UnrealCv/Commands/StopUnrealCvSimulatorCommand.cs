using System;
using System.Management.Automation;
using UnrealCv.Simulator;

namespace UnrealCv.Commands
{
    /// <summary>Stops simulators started in this runspace, freeing their ports and socket files.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "UnrealCvSimulator", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvSimulator))]
    public sealed class StopUnrealCvSimulatorCommand : UnrealCvCmdlet
    {
        /// <summary>Simulators to stop; defaults to every simulator started in this runspace.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public UnrealCvSimulator[]? Simulator { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (UnrealCvSimulator simulator in Simulator ?? (UnrealCvSimulator[])Array.CreateInstance(typeof(UnrealCvSimulator), 0))
                Stop(simulator);
        }

        protected override void EndProcessing()
        {
            if (Simulator != null || MyInvocation.ExpectingInput) return;
            foreach (UnrealCvSimulator simulator in ModuleState.Simulators.All) Stop(simulator);
        }

        private void Stop(UnrealCvSimulator simulator)
        {
            if (!ShouldProcess(simulator.ToString(), "Stop")) return;
            ModuleState.Simulators.Stop(simulator);
            if (PassThru) WriteObject(simulator);
        }
    }
}
