# Launching binaries (issue 8), with the simulator's console program standing in for a game binary.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:SimulatorProgram = (Resolve-Path (Join-Path $PSScriptRoot '../out/UnrealCvSimulator/UnrealCvSimulator')).Path
    $script:FastTicks = '-SimFrameTimeMs=0'
    function script:New-Script([string] $name, [string] $body) {
        $path = Join-Path $TestDrive $name
        Set-Content -Path $path -Value "#!/bin/sh`n$body`n"
        chmod +x $path
        $path
    }
    function script:Test-ProcessAlive([int] $id) {
        # A zombie (state Z) has ended; it only waits for a parent that reaps it (in a container, pid 1 may never do).
        $stat = Get-Content "/proc/$id/stat" -ErrorAction SilentlyContinue
        $null -ne $stat -and $stat.Substring($stat.LastIndexOf(')') + 2, 1) -ne 'Z'
    }
}

AfterAll {
    Stop-UnrealCvBinary
}

Describe 'Start-UnrealCvBinary' -Tag Integration -Skip:(-not $IsLinux) {
    AfterEach { Stop-UnrealCvBinary -TimeoutSec 1 }

    It 'starts a binary on a free port, waits for its welcome, connects over its Unix socket, and stops it cleanly' {
        $port = 30000
        $binary = Start-UnrealCvBinary $SimulatorProgram -PortRange $port, ($port + 99) -ArgumentList $FastTicks -Connect -Transport Auto -Width 32 -Height 24
        $binary.Port | Should -BeGreaterOrEqual $port
        $binary.Session.Transport | Should -Be 'Unix'
        $binary.Session.Path | Should -Be "/tmp/unrealcv_$($binary.Port).socket"
        (Invoke-UnrealCvRequest 'vget /camera/0/size' -Session $binary.Session).Text | Should -Be '32 24'
        (Get-UnrealCvSession -Current) | Should -Be $binary.Session
        $id = $binary.ProcessId
        Stop-UnrealCvBinary $binary
        Test-ProcessAlive $id | Should -BeFalse
        $binary.Session.State | Should -Be 'Closed'
        Test-Path "/tmp/unrealcv_$($binary.Port).socket" | Should -BeFalse
        Get-UnrealCvSession | Should -BeNullOrEmpty
    }

    It 'refuses a port that is in use, and takes the next free one from a range' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Any, 0)
        $listener.Start()
        try {
            $taken = $listener.LocalEndpoint.Port
            $err = { Start-UnrealCvBinary $SimulatorProgram -Port $taken -ArgumentList $FastTicks -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'UnrealCvBinaryStartFailed,UnrealCv.Commands.StartUnrealCvBinaryCommand'
            $err.Exception.Message | Should -BeLike "*port $taken is in use*"
            $binary = Start-UnrealCvBinary $SimulatorProgram -PortRange $taken, ($taken + 20) -ArgumentList $FastTicks -Connect
            $binary.Port | Should -Not -Be $taken
        }
        finally { $listener.Stop() }
    }

    It 'reports a binary that exits at once, with its exit code and last output' {
        $bad = New-Script 'crash.sh' "echo 'LogPakFile: Error: no pak found'`nexit 3"
        $err = { Start-UnrealCvBinary $bad -PortRange 30100, 30199 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvBinaryStartFailed,UnrealCv.Commands.StartUnrealCvBinaryCommand'
        $err.Exception.Message | Should -BeLike '*exited with code 3*LogPakFile: Error: no pak found*'
    }

    It 'warns when the port range overlaps the kernel''s ephemeral ports' {
        $bad = New-Script 'crash2.sh' 'exit 1'
        $low = [int]((Get-Content /proc/sys/net/ipv4/ip_local_port_range) -split '\s+')[0]
        Start-UnrealCvBinary $bad -PortRange ($low + 100), ($low + 199) -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*overlap the ephemeral range $low-*Prefer ports below $low*"
        Start-UnrealCvBinary $bad -PortRange 30100, 30199 -ErrorAction SilentlyContinue -WarningVariable quiet -WarningAction SilentlyContinue
        $quiet.Count | Should -Be 0
    }

    It 'gives up on a binary that never answers, and leaves no process behind' {
        $pidFile = Join-Path $TestDrive 'silent.pid'
        $silent = New-Script 'silent.sh' "echo `$`$ > '$pidFile'`nsleep 600"
        $err = { Start-UnrealCvBinary $silent -PortRange 30200, 30299 -TimeoutSec 2 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvBinaryNotAnswering,UnrealCv.Commands.StartUnrealCvBinaryCommand'
        $err.Exception.Message | Should -BeLike '*did not answer*within 2 s*It was stopped*'
        Test-ProcessAlive ([int](Get-Content $pidFile)) | Should -BeFalse
        Get-Process sleep -ErrorAction SilentlyContinue | Where-Object { $_.Parent.Id -eq [int](Get-Content $pidFile) } | Should -BeNullOrEmpty
    }

    It 'stops what it started when interrupted (Ctrl+C), orphaning nothing' {
        $pidFile = Join-Path $TestDrive 'slow.pid'
        # A launch script whose real binary is a child process, as Game.sh is.
        $slow = New-Script 'slow.sh' "echo `$`$ > '$pidFile'`nsleep 600 &`necho `$! >> '$pidFile'`nwait"
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $p) Import-Module $m; Start-UnrealCvBinary $p -PortRange 30300, 30399 -TimeoutSec 120 }).AddArgument($ModuleManifest).AddArgument($slow)
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::Now.AddSeconds(20)
        while (-not ((Test-Path $pidFile) -and @(Get-Content $pidFile).Count -eq 2) -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $ids = @(Get-Content $pidFile) | ForEach-Object { [int]$_ }
        $ids.Count | Should -Be 2
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        foreach ($id in $ids) { Test-ProcessAlive $id | Should -BeFalse -Because "process $id was started by the interrupted command" }
    }

    It 'starts binaries in parallel without two of them racing for one port' {
        $port = 30400
        $binaries = 1..6 | Start-UnrealCvBinary $SimulatorProgram -PortRange $port, ($port + 50) -ArgumentList $FastTicks -ThrottleLimit 6 -Name 'race{0}'
        $binaries.Count | Should -Be 6
        ($binaries.Port | Sort-Object -Unique).Count | Should -Be 6
        ($binaries.Name | Sort-Object) | Should -Be (1..6 | ForEach-Object { "race$_" })
    }

    It 'starts 32 binaries, connects them over Unix sockets, fans out, and stops them' {
        $binaries = 1..32 | Start-UnrealCvBinary $SimulatorProgram -PortRange 31000, 31999 -ArgumentList $FastTicks -Connect -Transport Auto -Width 16 -Height 12 -ThrottleLimit 16
        $binaries.Count | Should -Be 32
        ($binaries.Session | Where-Object Transport -eq 'Unix').Count | Should -Be 32
        $replies = Get-UnrealCvSession | Invoke-UnrealCvRequest 'vget /camera/0/location', 'vget /camera/0/lit bmp'
        $replies.Count | Should -Be 64
        $replies | Where-Object IsBinary | ForEach-Object { $_.Bytes.Length } | Sort-Object -Unique | Should -Be (58 + 4 * 16 * 12)
        ($replies.SessionId | Sort-Object -Unique).Count | Should -Be 32
        $ids = $binaries.ProcessId
        Stop-UnrealCvBinary -TimeoutSec 2
        @($ids | Where-Object { Test-ProcessAlive $_ }).Count | Should -Be 0
        Get-UnrealCvSession | Should -BeNullOrEmpty
    }
}

Describe 'Driving another host' -Tag Integration -Skip:(-not $IsLinux) {
    It 'drives a binary from a separate PowerShell process, as a job per host would' {
        # For a fleet, each host runs its own binaries; PowerShell remoting or jobs carry the same script there.
        $job = Start-Job -ScriptBlock {
            param($manifest, $program)
            Import-Module $manifest
            $b = Start-UnrealCvBinary $program -PortRange 32000, 32099 -ArgumentList '-SimFrameTimeMs=0' -Connect
            $location = (Invoke-UnrealCvRequest 'vget /camera/0/location').Value
            Stop-UnrealCvBinary
            [pscustomobject]@{ Port = $b.Port; X = $location.X; Y = $location.Y; Z = $location.Z }
        } -ArgumentList $ModuleManifest, $SimulatorProgram
        $result = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        $result.Port | Should -BeGreaterOrEqual 32000
        # The simulator's player camera starts at (-500, 0, 170) (SceneBuilder): the reply crossed the process boundary intact.
        @($result.X, $result.Y, $result.Z) | Should -Be @(-500, 0, 170)
    }
}
