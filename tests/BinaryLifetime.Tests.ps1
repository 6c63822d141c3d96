# No binary outlives the PowerShell that started it, unless started with -KeepRunning.
BeforeAll {
    . $PSScriptRoot/common.ps1
    function script:Wait-ProcessGone([int] $id, [int] $seconds = 20) {
        $deadline = [DateTime]::Now.AddSeconds($seconds)
        while ((Test-ProcessAlive $id) -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
        -not (Test-ProcessAlive $id)
    }
    function script:New-PackagedGame([string] $Name) {
        # A packaged game as Unreal lays it out: Game.sh at the top, the simulator as Game/Binaries/Linux/Game.
        $top = Join-Path $TestDrive $Name
        $binaries = Join-Path $top 'Game/Binaries/Linux'
        New-Item -ItemType Directory -Force $binaries, (Join-Path $top 'Game/Content/Paks') | Out-Null
        Copy-Item $SimulatorProgram (Join-Path $binaries 'Game')
        $script = Join-Path $top 'Game.sh'
        [IO.File]::WriteAllText($script, "#!/bin/sh`nUE4_PROJECT_ROOT=`$(dirname `"`$0`")`n`"`$UE4_PROJECT_ROOT/Game/Binaries/Linux/Game`" Game `"`$@`"`n")
        chmod +x $script (Join-Path $binaries 'Game')
        $script
    }
    function script:Start-PowerShellScript([string] $name, [string] $start, [string] $then = '') {
        # A separate `pwsh -File` that starts a binary, prints what the test needs, then does $then and ends.
        # This PowerShell's own program: pwsh itself, or dotnet with pwsh.dll when it runs as a .NET tool.
        $file = Join-Path $TestDrive "$name.ps1"
        Set-Content $file @"
Import-Module '$ModuleManifest'
`$b = $start
"pid=`$(`$b.ProcessId)"
"folder=`$(`$b.InstanceFolder)"
"guard=`$(`$b.LifetimeGuard)"
"keep=`$(`$b.KeepRunning)"
'up'
$then
"@
        $info = [Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
        $self = [Environment]::GetCommandLineArgs()[0]
        if ($self -like '*.dll') { $info.ArgumentList.Add($self) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $file) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        $process = [Diagnostics.Process]::Start($info)
        $seen = @{}
        $deadline = [DateTime]::Now.AddSeconds(60)
        while ([DateTime]::Now -lt $deadline) {
            $line = $process.StandardOutput.ReadLineAsync()
            if (-not $line.Wait([Math]::Max(1, ($deadline - [DateTime]::Now).TotalMilliseconds)) -or $null -eq $line.Result -or $line.Result -eq 'up') { break }
            $key, $value = $line.Result -split '=', 2
            $seen[$key] = $value
        }
        $seen.ContainsKey('pid') | Should -BeTrue -Because "the script in $file should have started a binary"
        [pscustomobject]@{ Process = $process; BinaryId = [int]$seen.pid; Folder = $seen.folder; Guard = $seen.guard; KeepRunning = $seen.keep }
    }
}

Describe 'Binaries end with the PowerShell that started them' -Tag Integration -Skip:(-not $IsLinux) {
    It 'stops the binary and removes its instance folder when a pwsh -File script ends without Stop-UnrealCvBinary' {
        $port = (Get-FreePortRange 1)[0]
        $game = New-PackagedGame 'scriptEnds'
        $run = Start-PowerShellScript 'ends' "Start-UnrealCvBinary '$game' -Port $port -ArgumentList '$FastTicks'"
        $run.Guard | Should -Be 'ParentDeathSignal'
        $run.Folder | Should -BeLike "*Binaries/Linux_$port"
        $run.Process.WaitForExit(30000) | Should -BeTrue
        $run.Process.ExitCode | Should -Be 0
        # Stopped by PowerShell's exit itself: the folder is gone too, which a parent-death kill alone would leave.
        Test-ProcessAlive $run.BinaryId | Should -BeFalse
        Test-Path $run.Folder | Should -BeFalse
    }

    It 'stops the binary when PowerShell gets SIGTERM, and PowerShell still ends' {
        $port = (Get-FreePortRange 1)[0]
        $game = New-PackagedGame 'terminated'
        $run = Start-PowerShellScript 'sigterm' "Start-UnrealCvBinary '$game' -Port $port -ArgumentList '$FastTicks'" 'Start-Sleep 600'
        Test-ProcessAlive $run.BinaryId | Should -BeTrue
        kill -TERM $run.Process.Id
        $run.Process.WaitForExit(30000) | Should -BeTrue -Because 'SIGTERM still ends PowerShell'
        Wait-ProcessGone $run.BinaryId | Should -BeTrue
        Test-Path $run.Folder | Should -BeFalse
    }

    It 'has the kernel kill the binary when PowerShell is killed (SIGKILL)' {
        $port = (Get-FreePortRange 1)[0]
        $game = New-PackagedGame 'killed'
        $run = Start-PowerShellScript 'sigkill' "Start-UnrealCvBinary '$game' -Port $port -ArgumentList '$FastTicks'" 'Start-Sleep 600'
        $run.Guard | Should -Be 'ParentDeathSignal'
        Test-ProcessAlive $run.BinaryId | Should -BeTrue
        $run.Process.Kill()
        $run.Process.WaitForExit(10000) | Should -BeTrue
        Wait-ProcessGone $run.BinaryId 10 | Should -BeTrue -Because 'setpriv --pdeathsig KILL started it'
    }

    It 'leaves a binary started with -KeepRunning running after PowerShell ends' {
        $port = (Get-FreePortRange 1)[0]
        $game = New-PackagedGame 'keeps'
        $run = Start-PowerShellScript 'keep' "Start-UnrealCvBinary '$game' -Port $port -ArgumentList '$FastTicks' -KeepRunning"
        try {
            $run.Guard | Should -Be 'None'
            $run.KeepRunning | Should -Be 'True'
            $run.Process.WaitForExit(30000) | Should -BeTrue
            Test-ProcessAlive $run.BinaryId | Should -BeTrue
            Test-Path $run.Folder | Should -BeTrue
            # Still serving: a new session reaches it (over its Unix socket, since the starting PowerShell's client left).
            $s = Connect-UnrealCv -SocketPath "/tmp/unrealcv_$port.socket"
            (Invoke-UnrealCvRequest 'vget /unrealcv/status' -Session $s).Text | Should -BeLike 'Is Listening*'
            Disconnect-UnrealCv -Session $s
        }
        finally {
            if (Test-ProcessAlive $run.BinaryId) { Stop-Process -Id $run.BinaryId -Force }
            Remove-Item -Force -ErrorAction SilentlyContinue "/tmp/unrealcv_$port.socket"
        }
    }

    It 'stops the binaries of a runspace when that runspace closes' {
        $port = (Get-FreePortRange 1)[0]
        $game = New-PackagedGame 'runspaceCloses'
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
            param($m, $p, $a, $port)
            Import-Module $m
            $b = Start-UnrealCvBinary $p -Port $port -ArgumentList $a
            $b.ProcessId, $b.InstanceFolder
        }).AddArgument($ModuleManifest).AddArgument($game).AddArgument($FastTicks).AddArgument($port)
        $id, $folder = $ps.Invoke()
        Test-ProcessAlive $id | Should -BeTrue
        $ps.Dispose()
        Wait-ProcessGone $id | Should -BeTrue
        Test-Path $folder | Should -BeFalse
    }

    It 'runs the binary itself under the parent-death signal: setpriv execs, so the pid is the binary''s, and it outlives the thread that started it' {
        $port = (Get-FreePortRange 1)[0]
        $b = Start-UnrealCvBinary (New-PackagedGame 'spawned') -Port $port -ArgumentList $FastTicks -Connect
        try {
            $b.LifetimeGuard | Should -Be 'ParentDeathSignal'
            $b.Executable | Should -BeLike "*/Game/Binaries/Linux_$port/Game"
            [IO.File]::ResolveLinkTarget("/proc/$($b.ProcessId)/exe", $false).FullName | Should -Be $b.Executable
            [IO.File]::ReadAllText("/proc/$($b.ProcessId)/cmdline").Split([char]0)[0] | Should -Be $b.Executable
            # The start ran on a worker thread that has ended by now; the parent-death signal follows the thread that
            # forked, so only a start on the long-lived spawner thread keeps the binary alive here. Nothing to poll for:
            # the assertion is that nothing happens.
            Start-Sleep -Milliseconds 1500
            Test-ProcessAlive $b.ProcessId | Should -BeTrue
            (Invoke-UnrealCvRequest 'vget /unrealcv/status' -Session $b.Session).Text | Should -BeLike 'Is Listening*'
        }
        finally { Stop-UnrealCvBinary $b }
    }
}
