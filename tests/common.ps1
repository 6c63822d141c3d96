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
    param([int] $FrameTimeMs = 0, [string] $Profile = 'Windows', [hashtable] $With = @{})
    Start-UnrealCvSimulator -FrameTimeMs $FrameTimeMs -Profile $Profile @With
}

function script:Clear-TestState {
    # What a file leaves behind: every session disconnected, every embedded simulator stopped.
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
    # The first of $Count consecutive ports that can all be bound now, for -PortRange/-Port of a binary, with the
    # leftover Unix socket files of those ports (/tmp/unrealcv_<port>.socket) removed.
    param([int] $Count = 1)
    $random = [Random]::new()
    for ($try = 0; $try -lt 200; $try++) {
        $first = $random.Next(20000, 32700 - $Count) # below the ephemeral ports Linux hands out to connections
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
        return $first
    }
    throw "no $Count consecutive free ports found"
}
