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
    param([int] $FrameTimeMs = 0, [string] $Profile = 'Windows', [string] $ProjectName, [int] $Width, [int] $Height, [int] $Port, [string] $SocketDirectory)
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
