using System;
using System.Management.Automation;
using UnrealCv.Launch;

namespace UnrealCv.Commands
{
    /// <summary>Stops binaries started by Start-UnrealCvBinary in this runspace: closes their sessions, ends their process trees, frees their ports.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "UnrealCvBinary", SupportsShouldProcess = true)]
    [OutputType(typeof(UnrealCvBinary))]
    public sealed class StopUnrealCvBinaryCommand : UnrealCvCmdlet
    {
        /// <summary>Binaries to stop; defaults to every binary started in this runspace.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNullOrEmpty]
        public UnrealCvBinary[]? Binary { get; set; }

        /// <summary>Seconds to wait after SIGTERM before the process tree is killed.</summary>
        [Parameter]
        [ValidateRange(0, 600)]
        public int TimeoutSec { get; set; } = 5;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            foreach (UnrealCvBinary binary in Binary ?? Array.Empty<UnrealCvBinary>()) Stop(binary);
        }

        protected override void EndProcessing()
        {
            if (Binary == null && !MyInvocation.ExpectingInput)
                foreach (UnrealCvBinary binary in ModuleState.Binaries.All) Stop(binary);
            SayWhichSessionIsCurrent();
        }

        private void Stop(UnrealCvBinary binary)
        {
            if (!ShouldProcess(binary.ToString(), "Stop")) return;
            RememberCurrentSession();
            (string? folderLeft, string? socketLeft) = ModuleState.Binaries.Stop(binary, TimeSpan.FromSeconds(TimeoutSec));
            if (folderLeft != null) WriteWarning($"{binary.Name}: {folderLeft}");
            if (socketLeft != null) WriteVerbose(socketLeft);
            if (PassThru) WriteObject(binary);
        }
    }
}
