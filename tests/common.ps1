# Dot-sourced by every Pester file: imports the BUILT module (out/UnrealCv), never the source tree, and defines
# the set-up the files share.
$script:ModuleManifest = Join-Path $PSScriptRoot '../out/UnrealCv/UnrealCv.psd1'
if (-not (Test-Path $script:ModuleManifest)) { throw "Build first: dotnet pwsh ./build.ps1 Build" }
Import-Module $script:ModuleManifest -Force

# The simulator's console program, standing in for a game binary; frame time 0 so that tests do not wait for frames.
$script:SimulatorProgram = [IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../out/UnrealCvSimulator/UnrealCvSimulator'))
$script:FastTicks = '-SimFrameTimeMs=0'

function script:Start-TestSimulator {
    # An embedded simulator as most tests want it: the Windows profile, a frame as soon as a request is queued.
    param([int] $FrameTimeMs = 0, [string] $Profile = 'Windows', [string] $ProjectName, [int] $Width, [int] $Height, [int] $Port, [string] $SocketDirectory, [string[]] $Level)
    $PSBoundParameters['FrameTimeMs'] = $FrameTimeMs
    $PSBoundParameters['Profile'] = $Profile
    Start-UnrealCvSimulator @PSBoundParameters
}

function script:Clear-TestState {
    # What a file leaves behind: every binary stopped, every session disconnected, every embedded simulator stopped.
    Stop-UnrealCvBinary
    Get-UnrealCvSession | Disconnect-UnrealCv
    Stop-UnrealCvSimulator
}

function script:Wait-Condition {
    # Polls until the condition holds; false when it still does not after the time (a bounded wait, never a sleep).
    param([Parameter(Mandatory)][scriptblock] $Condition, [double] $TimeoutSec = 10)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (& $Condition) { return $true }
        Start-Sleep -Milliseconds 10
    }
    [bool](& $Condition)
}

function script:Test-ProcessAlive([int] $id) {
    # A zombie (state Z) has ended; it only waits for a parent that reaps it (in a container, pid 1 may never do).
    $stat = Get-Content "/proc/$id/stat" -ErrorAction SilentlyContinue
    $null -ne $stat -and $stat.Substring($stat.LastIndexOf(')') + 2, 1) -ne 'Z'
}

function script:Remove-LeftoverSocket([string] $path) {
    # A stopped simulator or binary leaves its socket file behind; an earlier one may have had this port.
    $item = Get-Item -LiteralPath $path -Force -ErrorAction SilentlyContinue
    if ($item -and $item.Attributes -ne 'Directory' -and -not $item.LinkType -and ((stat -c %F $path) -eq 'socket')) { Remove-Item -LiteralPath $path -Force }
}

function script:Wait-NextFrame {
    # Returns once the embedded simulator has begun a frame after this call's first one, asking it something cheap so
    # that a frame time of 0 ticks too. A request that arrives while the game still drains its queue runs in that same
    # frame (as on the plugin), so a reply is no proof that what an earlier request set in motion has happened.
    param([Parameter(Mandatory)] $Simulator, [Parameter(Mandatory)] $Session, [double] $TimeoutSec = 10)
    $first = $Simulator.Frames
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ($Simulator.Frames -lt $first + 2) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "The simulator began no new frame within $TimeoutSec s." }
        $null = Invoke-UnrealCvRequest 'vget /unrealcv/status' -Session $Session
    }
}

function script:Get-NextRequestId {
    # The id the current session gives its next request (an echo uses one up), to count what a command sent.
    (Invoke-UnrealCvRequest 'vget /unrealcv/echo probe').RequestId + 1
}

function script:Get-FreePort {
    # A port nothing listens on now (the system's pick).
    $l = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0); $l.Start(); $p = $l.LocalEndpoint.Port; $l.Stop(); $p
}

function script:Get-FreePortRange {
    # $Count consecutive ports that can all be bound now, below the kernel's ephemeral ports (so a connection does
    # not take one meanwhile and Start-UnrealCvBinary has no overlap to warn about), as (first, last) for -PortRange;
    # the leftover Unix socket files of those ports (a binary serves /tmp/unrealcv_<port>.socket) are removed.
    param([int] $Count = 1)
    $below = 32768
    if (Test-Path /proc/sys/net/ipv4/ip_local_port_range) { $below = [int]((Get-Content /proc/sys/net/ipv4/ip_local_port_range) -split '\s+')[0] }
    $random = [Random]::new()
    for ($try = 0; $try -lt 200; $try++) {
        $first = $random.Next(20000, $below - $Count)
        $bound = [System.Collections.Generic.List[System.Net.Sockets.Socket]]::new()
        try {
            for ($p = $first; $p -lt $first + $Count; $p++) {
                $socket = [System.Net.Sockets.Socket]::new('InterNetwork', 'Stream', 'Tcp')
                $bound.Add($socket)
                $socket.Bind([System.Net.IPEndPoint]::new([System.Net.IPAddress]::Any, $p))
            }
        }
        catch [System.Net.Sockets.SocketException] { continue }
        finally { foreach ($s in $bound) { $s.Dispose() } }
        for ($p = $first; $p -lt $first + $Count; $p++) { Remove-LeftoverSocket "/tmp/unrealcv_$p.socket" }
        return $first, ($first + $Count - 1)
    }
    throw "no $Count consecutive free ports found"
}

function script:Invoke-CapturingHost {
    # Runs a script in a runspace of its own whose host keeps what is written to it, and returns the script's output
    # and those lines. -WhatIf writes "What if: …" to the host, which no stream redirection reaches, so a test that
    # wants to check it (and keep the run's output quiet) runs it here. The script starts what it needs itself
    # (sessions belong to their runspace); this file is dot-sourced in it first, and -ArgumentList is passed to it.
    param([Parameter(Mandatory)][scriptblock] $ScriptBlock, [object[]] $ArgumentList = @())
    if (-not ('UnrealCvTests.CapturingHost' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace UnrealCvTests
{
    public sealed class CapturingHost : PSHost
    {
        private readonly CapturingUI _ui = new CapturingUI();
        private readonly Guid _id = Guid.NewGuid();
        public List<string> Lines => _ui.Lines;
        public override string Name => "CapturingHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class CapturingUI : PSHostUserInterface
    {
        private string _partial = "";
        public List<string> Lines { get; } = new List<string>();
        public override PSHostRawUserInterface RawUI => null;
        public override void Write(string value) => _partial += value;
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => _partial += value;
        public override void WriteLine(string value) { Lines.Add(_partial + value); _partial = ""; }
        public override void WriteErrorLine(string value) => Lines.Add("ERROR: " + value);
        public override void WriteDebugLine(string message) => Lines.Add("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => Lines.Add("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => Lines.Add("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override string ReadLine() => throw new NotSupportedException("no input in a test");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("no input in a test");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException("no input in a test");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException("no input in a test");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException("no input in a test");
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException("no input in a test");
    }
}
'@
    }
    $capture = [UnrealCvTests.CapturingHost]::new()
    $runspace = [runspacefactory]::CreateRunspace($capture)
    $runspace.Open()
    $shell = [powershell]::Create()
    $shell.Runspace = $runspace
    try {
        $null = $shell.AddScript('param($common, $script, $arguments) . $common; & ([scriptblock]::Create($script)) @arguments; Clear-TestState')
        $null = $shell.AddParameters(@{ common = (Join-Path $PSScriptRoot 'common.ps1'); script = $ScriptBlock.ToString(); arguments = $ArgumentList })
        $output = $shell.Invoke()
        if ($shell.Streams.Error.Count -gt 0) { throw $shell.Streams.Error[0] }
        [pscustomobject]@{ Output = @($output); HostLines = @($capture.Lines); Warnings = @($shell.Streams.Warning | ForEach-Object Message) }
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}
