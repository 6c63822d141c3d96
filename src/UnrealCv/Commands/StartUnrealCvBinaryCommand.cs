using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using UnrealCv.Common;
using UnrealCv.Launch;
using UnrealCv.Session;
using UnrealCv.Transport;

namespace UnrealCv.Commands
{
    /// <summary>
    /// Starts game binaries with the UnrealCV plugin on free ports and waits until each answers, in parallel with a
    /// throttle: <c>1..120 | Start-UnrealCvBinary ./Game.sh -Connect -Transport Auto</c>. Each binary is written as
    /// soon as it is up. Stopping the command (Ctrl+C) stops the binaries it had not handed out yet.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Start, "UnrealCvBinary", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(UnrealCvBinary))]
    public sealed class StartUnrealCvBinaryCommand : UnrealCvCmdlet
    {
        private const string PathSet = "Path";
        private const string SimulatorSet = "Simulator";
        private BinaryStarts? _starts;
        private string _path = "";
        private int _started;
        private int _requested;
        private LaunchTarget? _target;
        private bool _warnedFallback;

        /// <summary>The binary or its launch script (e.g. ./LinuxNoEditor/Game.sh).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Start the simulator program shipped in the module folder instead of a game: a stand-in binary.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SimulatorSet)]
        public SwitchParameter Simulator { get; set; }

        /// <summary>One binary is started per piped object; the object can fill {0} or {Property} in -Name.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>The port; by default the first free port of -PortRange.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; }

        /// <summary>First and last port to pick free ports from (default 9000, 9999).</summary>
        [Parameter]
        [ValidateCount(2, 2)]
        [ValidateRange(1, 65535)]
        public int[] PortRange { get; set; } = { 9000, 9999 };

        /// <summary>Image width in pixels, delivered like the port; by default the game's unrealcv.ini's.</summary>
        [Parameter]
        [ValidateRange(1, 16384)]
        public int Width { get; set; }

        /// <summary>Image height in pixels, delivered like the port; by default the game's unrealcv.ini's.</summary>
        [Parameter]
        [ValidateRange(1, 16384)]
        public int Height { get; set; }

        /// <summary>Horizontal field of view in degrees, delivered like the port; by default the game's unrealcv.ini's.</summary>
        [Parameter]
        [ValidateRange(1, 179)]
        public double Fov { get; set; }

        /// <summary>
        /// How each binary gets its port and size: InstanceFolder (a folder beside the binary's with a hard link to it
        /// and its own unrealcv.ini), Arguments (-cvport9001 -UnrealCVPort9001 … on the command line, one shared ini), or Auto
        /// (InstanceFolder where a hard link can be made, else Arguments with a warning).
        /// </summary>
        [Parameter]
        public PortDelivery PortDelivery { get; set; } = PortDelivery.Auto;

        /// <summary>The map to open, passed first on the command line.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Map { get; set; }

        /// <summary>More arguments for the binary (e.g. -vulkan, -graphicsadapter=1).</summary>
        [Parameter]
        public string[] ArgumentList { get; set; } = Array.Empty<string>();

        /// <summary>Render without a window (-RenderOffScreen), for servers without a display.</summary>
        [Parameter]
        public SwitchParameter RenderOffScreen { get; set; }

        /// <summary>Seconds each binary may take to answer with its welcome.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = 120;

        /// <summary>Keep the first connection as a session in this runspace (the binary's Session property).</summary>
        [Parameter]
        public SwitchParameter Connect { get; set; }

        /// <summary>With -Connect: Tcp, Unix (switch to the binary's Unix socket) or Auto.</summary>
        [Parameter]
        public ConnectTransport Transport { get; set; } = ConnectTransport.Tcp;

        /// <summary>Name of the binary and its session; {0} or {Property} take the piped object. Default: &lt;file&gt;-&lt;port&gt;.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>How many binaries may be starting at once.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; } = 16;

        /// <summary>Default reply timeout of the sessions opened with -Connect.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int RequestTimeoutSec { get; set; } = 30;

        /// <summary>
        /// Let the binary outlive this PowerShell: no parent-death signal, and not stopped when the runspace closes,
        /// PowerShell exits or gets SIGTERM, or the module is removed. Only Stop-UnrealCvBinary stops it then.
        /// </summary>
        [Parameter]
        public SwitchParameter KeepRunning { get; set; }

        protected override void BeginProcessing()
        {
            _path = Simulator ? ShippedSimulator.Path : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (Simulator && !File.Exists(_path))
                ThrowTerminatingError(NewError($"The simulator program is not in the module folder: there is no '{_path}'. " +
                    "The package ships it for the platform it was built on; build the module on this platform (./build.ps1 Build) or give -Path.",
                    "UnrealCvSimulatorNotShipped", ErrorCategory.ObjectNotFound, _path));
            if (!File.Exists(_path))
                ThrowTerminatingError(NewError($"There is no binary at '{_path}'. Give the path of the game's executable or its launch script.",
                    "UnrealCvBinaryNotFound", ErrorCategory.ObjectNotFound, _path));
            if (PortRange[0] > PortRange[1])
                ThrowTerminatingError(NewError($"-PortRange {PortRange[0]},{PortRange[1]} is reversed; give the first port, then the last.",
                    "UnrealCvInvalidPortRange", ErrorCategory.InvalidArgument, PortRange));
            _target = ResolveTarget();
            _starts = new BinaryStarts(ThrottleLimit);
            if (PortReservation.EphemeralOverlap(Port != 0 ? Port : PortRange[0], Port != 0 ? Port : PortRange[1]) is string warning) WriteWarning(warning);
        }

        /// <summary>
        /// The executable behind -Path. With -PortDelivery Arguments the path is run as it is, so a script that leads
        /// nowhere is fine there (the target only names the shared ini); otherwise it is an error that says what was looked for.
        /// </summary>
        private LaunchTarget? ResolveTarget()
        {
            try
            {
                return LaunchTarget.Resolve(_path);
            }
            catch (ArgumentException e) when (PortDelivery == PortDelivery.Arguments)
            {
                WriteVerbose(e.Message);
                return null;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(NewError(e.Message, "UnrealCvLaunchScriptNotUnderstood", ErrorCategory.InvalidArgument, _path, e));
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                ThrowTerminatingError(NewError($"Cannot read '{_path}': {e.Message}", "UnrealCvBinaryNotReadable", ErrorCategory.ReadError, _path, e));
                return null;
            }
        }

        protected override void ProcessRecord()
        {
            if (MyInvocation.ExpectingInput || InputObject != null) Begin(InputObject);
            EmitStarted(wait: false);
        }

        protected override void EndProcessing()
        {
            if (!MyInvocation.ExpectingInput && _requested == 0) Begin(null);
            EmitStarted(wait: true);
        }

        private void Begin(PSObject? input)
        {
            string? name;
            try
            {
                name = Name == null ? null : input == null ? Name : CommandTemplate.Format(Name, input);
            }
            catch (ArgumentException e)
            {
                WriteError(NewError(e.Message, "UnrealCvTemplateError", ErrorCategory.InvalidArgument, input, e));
                return;
            }
            if (!ShouldProcess(_path, "Start UnrealCV binary" + (name != null ? $" '{name}'" : ""))) return;
            _requested++;
            var options = new LaunchOptions
            {
                Path = _path,
                Name = name,
                FirstPort = Port != 0 ? Port : PortRange[0],
                LastPort = Port != 0 ? Port : PortRange[1],
                Width = Width > 0 ? Width : (int?)null,
                Height = Height > 0 ? Height : (int?)null,
                Fov = Fov > 0 ? Fov : (double?)null,
                Map = Map,
                Arguments = ArgumentList,
                RenderOffScreen = RenderOffScreen,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                Delivery = PortDelivery,
                Target = _target,
                KeepRunning = KeepRunning,
            };
            var session = new SessionOptions { Connect = Connect, Transport = Transport, RequestTimeout = TimeSpan.FromSeconds(RequestTimeoutSec) };
            _starts!.Begin(options, session, CancellationToken);
        }

        /// <summary>Writes each binary that is up, in the order they came up; with <paramref name="wait"/>, until all are done.</summary>
        private void EmitStarted(bool wait)
        {
            var progress = new ProgressRecord(0x55435633, "Start-UnrealCvBinary", "starting");
            bool progressShown = false;
            while (_starts != null && _starts.Pending > 0)
            {
                Task<UnrealCvBinary>? done = _starts.TakeEnded();
                if (done == null)
                {
                    if (!wait) return;
                    progress.StatusDescription = $"{_started} of {_requested} up, {_starts.Pending} starting";
                    progress.PercentComplete = _requested == 0 ? 0 : 100 * _started / _requested;
                    WriteProgress(progress);
                    progressShown = true;
                    try { _starts.WaitAny(TimeSpan.FromMilliseconds(250), CancellationToken); }
                    catch (OperationCanceledException) { throw new PipelineStoppedException(); }
                    continue;
                }
                Emit(done);
            }
            if (progressShown)
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private void Emit(Task<UnrealCvBinary> task)
        {
            if (task.IsCanceled) throw new PipelineStoppedException();
            if (task.IsFaulted)
            {
                Exception e = task.Exception!.GetBaseException();
                if (e is OperationCanceledException) throw new PipelineStoppedException();
                if (e is ClientException ce)
                {
                    var record = ToErrorRecord(ce, _path);
                    WriteError(new ErrorRecord(ce, ce.Fault == ClientFault.Timeout ? "UnrealCvBinaryNotAnswering" : "UnrealCvBinaryStartFailed", record.CategoryInfo.Category, _path));
                }
                else
                {
                    WriteError(new ErrorRecord(e, "UnrealCvBinaryStartFailed", ErrorCategory.NotSpecified, _path));
                }
                return;
            }
            UnrealCvBinary binary = task.Result;
            UnrealCvSession? session = binary.Session;
            ModuleState.Binaries.Add(binary);
            _started++;
            if (binary.FallbackReason != null && !_warnedFallback)
            {
                _warnedFallback = true; // once, not once per instance of a fleet
                WriteWarning($"No instance folder ({binary.FallbackReason}): the port and size go on the command line (-cvport{binary.Port} -UnrealCVPort{binary.Port} …), and every instance reads and rewrites the game's shared unrealcv.ini{(binary.ConfigFile != null ? " (" + binary.ConfigFile + ")" : "")}. -PortDelivery Arguments starts them this way without this warning.");
            }
            if (binary.LifetimeNote != null) WriteVerbose($"{binary.Name}: {binary.LifetimeNote}");
            if (binary.KeepRunning) WriteVerbose($"{binary.Name} (pid {binary.ProcessId}) keeps running after this PowerShell ends; stop it with Stop-UnrealCvBinary.");
            WriteVerbose(binary.PortDelivery == PortDelivery.InstanceFolder
                ? $"{binary.Name} runs {binary.Executable} with its own {binary.ConfigFile}."
                : $"{binary.Name} runs {binary.Executable} with its settings on the command line.");
            WriteVerbose($"{binary.Name} answered on port {binary.Port} after {binary.StartupSeconds:0.00} s" + (session != null ? $", session over {session.Transport}." : "; no session kept, so a Linux binary now serves only " + binary.SocketPath + "."));
            WriteObject(binary);
        }

        /// <summary>Stopped or failed: binaries that were started but not handed out are stopped, never orphaned.</summary>
        protected override void Dispose(bool disposing)
        {
            _starts?.Dispose();
            base.Dispose(disposing);
        }
    }
}
