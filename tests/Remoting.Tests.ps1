# Fleets beyond one machine, on PowerShell's own engine: PowerShell remoting over SSH (Invoke-Command -HostName)
# runs the pipeline that starts binaries on "another host" and brings typed results back. The other host is this
# machine, reached through an sshd of this run's own on 127.0.0.1 (tests/SshServer.ps1, which installs
# openssh-server where it is missing and can); where no server can be had, the tests are skipped and say why.
BeforeAll {
    . $PSScriptRoot/common.ps1
    . $PSScriptRoot/SshServer.ps1
    $script:Server = Start-TestSshServer -Directory (Join-Path ([IO.Path]::GetTempPath()) "unrealcv-ssh-$PID-$(Get-Random)")
    if ($Server.SkipReason) { Write-Host "Remoting tests skipped: $($Server.SkipReason)" }
    # What every connection to that server takes; ConnectingTimeout bounds the SSH connection (milliseconds).
    $script:Ssh = @{
        Port = $Server.Port; UserName = $Server.UserName; KeyFilePath = $Server.KeyFilePath; Options = $Server.Options
        ConnectingTimeout = 30000
    }

    function script:Receive-Bounded {
        # The output of a remoting job, waited for no longer than the time given (the job is stopped then, which
        # closes its SSH connections); the remote errors go to -ErrorVariable of the caller's choice.
        param([Parameter(Mandatory)] $Job, [int] $TimeoutSec = 120)
        try {
            if (-not ($Job | Wait-Job -Timeout $TimeoutSec)) {
                throw "the remote command did not end within $TimeoutSec s; sshd log: $(Get-Content $Server.LogFile -Tail 20 -ErrorAction SilentlyContinue)"
            }
            $Job | Receive-Job
        }
        finally { $Job | Remove-Job -Force }
    }

    function script:Assert-Gone([object[]] $Binaries) {
        # The remote binaries ran on this machine: each has ended once the remote command is over.
        $Binaries.Count | Should -BeGreaterThan 0
        foreach ($binary in $Binaries) {
            Wait-Condition { -not (Test-ProcessAlive $binary.ProcessId) } | Should -BeTrue -Because "$($binary.Name) (pid $($binary.ProcessId)) should have been stopped"
        }
    }
}

AfterAll {
    Stop-TestSshServer $Server
}

Describe 'Driving binaries on other hosts with Invoke-Command -HostName' -Tag Integration {
    BeforeEach {
        if ($Server.SkipReason) { Set-ItResult -Skipped -Because $Server.SkipReason }
    }

    It 'starts simulators on the host, fans a request out to them, and gets typed results back' {
        $manifest = $ModuleManifest
        $range = Get-FreePortRange 30
        $job = Invoke-Command -HostName $Server.HostName @Ssh -AsJob -ScriptBlock {
            Import-Module $using:manifest
            try {
                $binaries = 1..3 | Start-UnrealCvBinary -Simulator -PortRange $using:range -ArgumentList '-SimFrameTimeMs=0' -Name 'sim{0}' -Connect
                $binaries
                $binaries.Session | Invoke-UnrealCvRequest 'vget /unrealcv/status'
                $binaries.Session | Get-UnrealCvCamera -Id 0
            }
            finally { Stop-UnrealCvBinary }
        }
        $results = @(Receive-Bounded $job)

        $binaries = @($results | Where-Object { $_.pstypenames[0] -eq 'Deserialized.UnrealCv.Launch.UnrealCvBinary' })
        $responses = @($results | Where-Object { $_.pstypenames[0] -eq 'Deserialized.UnrealCv.Replies.UnrealCvResponse' })
        $cameras = @($results | Where-Object { $_.pstypenames[0] -eq 'Deserialized.UnrealCv.Model.UnrealCvCamera' })
        @($binaries.Count, $responses.Count, $cameras.Count) | Should -Be @(3, 3, 3) -Because "every result is a module type: $($results | ForEach-Object { $_.pstypenames[0] })"
        $results.PSComputerName | Sort-Object -Unique | Should -Be '127.0.0.1'

        @($binaries.Name | Sort-Object) | Should -Be @('sim1', 'sim2', 'sim3')
        $ports = @($binaries.Port | Sort-Object -Unique)
        $ports.Count | Should -Be 3
        foreach ($port in $ports) { $port | Should -BeIn ($range[0]..$range[1]) }
        # Each status reply came from its own binary: the ports it reports are the binaries' ports.
        $responses.Command | Sort-Object -Unique | Should -Be 'vget /unrealcv/status'
        $responses.IsError | Should -Not -Contain $true
        @($responses | ForEach-Object { [int]([regex]::Match($_.Text, '(?m)^Port: (\d+)').Groups[1].Value) } | Sort-Object) | Should -Be $ports
        @($responses.SessionName | Sort-Object) | Should -Be @('sim1', 'sim2', 'sim3')
        # The simulator's player camera (SceneBuilder): PawnSensor at (-500, 0, 170), pitch -10, 640 by 480, FOV 90.
        foreach ($camera in $cameras) {
            $camera.Id | Should -Be 0
            $camera.Name | Should -Be 'PawnSensor'
            # Vectors and rotators arrive with their numbers (UnrealCv.Types.ps1xml: cameras serialize two levels deep).
            $camera.Location.pstypenames[0] | Should -Be 'Deserialized.UnrealCv.Replies.UnrealCvVector'
            @($camera.Location.X, $camera.Location.Y, $camera.Location.Z) | Should -Be @(-500, 0, 170)
            $camera.Rotation.pstypenames[0] | Should -Be 'Deserialized.UnrealCv.Replies.UnrealCvRotator'
            @($camera.Rotation.Pitch, $camera.Rotation.Yaw, $camera.Rotation.Roll) | Should -Be @(-10, 0, 0)
            @($camera.Width, $camera.Height, $camera.Fov) | Should -Be @(640, 480, 90)
        }
        @($cameras.SessionName | Sort-Object) | Should -Be @('sim1', 'sim2', 'sim3')
        Assert-Gone $binaries
    }

    It 'runs one pipeline on each of N hosts at once, and PSComputerName tells their results apart' {
        # Two names of this machine stand for two hosts: two SSH connections, two remote PowerShells.
        $manifest = $ModuleManifest
        $range = Get-FreePortRange 30
        $sessions = @(New-PSSession -HostName '127.0.0.1', 'localhost' @Ssh)
        try {
            $sessions.Count | Should -Be 2
            $job = Invoke-Command -Session $sessions -ThrottleLimit 2 -AsJob -ScriptBlock {
                Import-Module $using:manifest
                try {
                    $binaries = 1..2 | Start-UnrealCvBinary -Simulator -PortRange $using:range -ArgumentList '-SimFrameTimeMs=0' -Connect
                    $binaries
                    $binaries.Session | Get-UnrealCvCamera -Id 0
                    # Where this host keeps its port locks, for the message of a failure below.
                    [pscustomobject]@{ Where = "pid $PID, temp $([IO.Path]::GetTempPath()), locks $((Get-ChildItem (Join-Path ([IO.Path]::GetTempPath()) 'unrealcv-ports') -Name) -join ' ')" }
                }
                finally { Stop-UnrealCvBinary }
            }
            $results = @(Receive-Bounded $job)
        }
        finally { $sessions | Remove-PSSession }

        $byHost = $results | Group-Object PSComputerName -AsHashTable
        @($byHost.Keys | Sort-Object) | Should -Be @('127.0.0.1', 'localhost')
        foreach ($name in $byHost.Keys) {
            $cameras = @($byHost[$name] | Where-Object { $_.pstypenames[0] -eq 'Deserialized.UnrealCv.Model.UnrealCvCamera' })
            $cameras.Count | Should -Be 2 -Because "each host started two binaries ($name)"
            $cameras.Location.X | Sort-Object -Unique | Should -Be -500
        }
        $binaries = @($results | Where-Object { $_.pstypenames[0] -eq 'Deserialized.UnrealCv.Launch.UnrealCvBinary' })
        # The same machine under both names: the port lock files kept the four binaries on four ports.
        $binaries.Count | Should -Be 4
        @($binaries.Port | Sort-Object -Unique).Count | Should -Be 4 -Because "each host's binaries: $(($binaries | ForEach-Object { "$($_.PSComputerName) port $($_.Port) pid $($_.ProcessId)" }) -join ', '); $(($results | Where-Object Where | ForEach-Object { "$($_.PSComputerName): $($_.Where)" }) -join '; ')"
        Assert-Gone $binaries
    }

    It 'stops the binaries on the host when the remote script fails before it stops them itself' {
        $manifest = $ModuleManifest
        $range = Get-FreePortRange 30
        $job = Invoke-Command -HostName $Server.HostName @Ssh -AsJob -ScriptBlock {
            Import-Module $using:manifest
            Start-UnrealCvBinary -Simulator -PortRange $using:range -ArgumentList '-SimFrameTimeMs=0' -Connect
            throw 'the script failed with its binary running'
        }
        $results = @(Receive-Bounded $job -ErrorVariable failures -ErrorAction SilentlyContinue)

        "$failures" | Should -Match 'the script failed with its binary running'
        $binaries = @($results | Where-Object { $_.pstypenames[0] -eq 'Deserialized.UnrealCv.Launch.UnrealCvBinary' })
        $binaries.Count | Should -Be 1
        $binaries[0].LifetimeGuard | Should -Be 'ParentDeathSignal'
        # The remote PowerShell ends with its temporary session, and its binary with it.
        Assert-Gone $binaries
    }
}
