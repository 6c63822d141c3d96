# Unix domain sockets: the plugin's TCP-to-UDS switch, done safely. Linux only, like the plugin's UDS.
BeforeAll {
    . $PSScriptRoot/common.ps1
    function script:New-StaleSocket([string] $path) {
        # What a binary that died leaves behind: a socket file nobody listens on. .NET unlinks the file it bound
        # when the socket is disposed, so keep a second name (a hard link) that outlives it.
        $bound = "$path.bound"
        $socket = [System.Net.Sockets.Socket]::new('Unix', 'Stream', 'Unspecified')
        $socket.Bind([System.Net.Sockets.UnixDomainSocketEndPoint]::new($bound))
        New-Item -ItemType HardLink -Path $path -Target $bound | Out-Null
        $socket.Dispose()
        Remove-Item -LiteralPath $bound -ErrorAction SilentlyContinue
    }
}

AfterAll { Clear-TestState }

Describe 'Switch-UnrealCvTransport' -Tag Integration -Skip:(-not $IsLinux) {
    AfterEach {
        Get-UnrealCvSession | Disconnect-UnrealCv
        Stop-UnrealCvSimulator
    }

    It 'moves a session to the Unix socket the binary creates, keeping its identity' {
        $sim = Start-TestSimulator -Profile Linux
        $session = $sim | Connect-UnrealCv -Name Mover
        $before = Invoke-UnrealCvRequest 'vget /unrealcv/echo before', 'vget /unrealcv/echo before'
        $result = Switch-UnrealCvTransport -Transport Unix -PassThru
        $result | Should -Be $session
        $session.Transport | Should -Be 'Unix'
        $session.Path | Should -Be "/tmp/unrealcv_$($sim.Port).socket"
        $session.Endpoint | Should -Be $session.Path
        $session.Name | Should -Be 'Mover'
        (Get-UnrealCvSession -Current) | Should -Be $session
        $sim.State | Should -Be 'ServingUnixSocket'
        $reply = Invoke-UnrealCvRequest 'vget /unrealcv/echo after'
        $reply.Text | Should -Be 'after'
        $reply.RequestId | Should -Be ($before[1].RequestId + 1)   # the session's ids go on across its links
    }

    It 'drops and counts the late reply of a request that timed out before the switch, which the binary sends down the new link' {
        $sim = Start-TestSimulator -Profile Linux
        $session = $sim | Connect-UnrealCv -Name Late
        $sim.Suspend()   # a long frame: the request waits in the binary's queue
        $err = { Invoke-UnrealCvRequest 'vget /unrealcv/echo stale' -TimeoutSec 1 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvTimeout,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        Switch-UnrealCvTransport -Transport Unix
        $session.Transport | Should -Be 'Unix'
        $sim.Resume()    # the queued request runs now; the plugin writes its reply to the Unix socket client
        $verbose = Invoke-UnrealCvRequest 'vget /unrealcv/echo fresh1', 'vget /unrealcv/echo fresh2' -Verbose 4>&1
        $replies = $verbose | Where-Object { $_ -is [UnrealCv.Replies.UnrealCvResponse] }
        $replies.Text | Should -Be @('fresh1', 'fresh2')
        $session.StrayReplyCount | Should -Be 1
        $session.State | Should -Be 'Opened'
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like "*dropped a reply with id * (5 bytes) that no request on this link is waiting for*" }).Count | Should -Be 1
    }

    It 'does the whole recipe in Connect-UnrealCv -Transport Auto' {
        $sim = Start-TestSimulator -Profile Linux
        $session = Connect-UnrealCv localhost -Port $sim.Port -Transport Auto
        $session.Transport | Should -Be 'Unix'
        (Invoke-UnrealCvRequest 'vget /unrealcv/version').Text | Should -Be '1.0.1'
    }

    It 'falls back to TCP with a warning when the binary creates no socket (Windows binary)' {
        $sim = Start-TestSimulator
        $session = $sim | Connect-UnrealCv
        Switch-UnrealCvTransport -Transport Unix -TimeoutSec 1 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*no Unix socket appeared at /tmp/unrealcv_$($sim.Port).socket*reconnected over TCP*"
        $session.Transport | Should -Be 'Tcp'
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo still').Text | Should -Be 'still'
    }

    It 'says exactly that TCP is gone when a Linux binary already switched and its socket is elsewhere' {
        $sim = Start-TestSimulator -Profile Linux -SocketDirectory $TestDrive
        $first = $sim | Connect-UnrealCv
        Disconnect-UnrealCv -Session $first       # the binary now serves only $TestDrive/unrealcv_<port>.socket
        $err = { Connect-UnrealCv localhost -Port $sim.Port -TimeoutSec 1 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvNoWelcome,UnrealCv.Commands.ConnectUnrealCvCommand'
        $session = Connect-UnrealCv -Path (Join-Path $TestDrive "unrealcv_$($sim.Port).socket")
        $session.Transport | Should -Be 'Unix'
        $err = { Switch-UnrealCvTransport -Transport Tcp -TimeoutSec 1 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvSwitchRefused,UnrealCv.Commands.SwitchUnrealCvTransportCommand'
        $err.Exception.Message | Should -BeLike '*TCP at localhost:*no longer answers*first client leaves*stays on*as it was.'
        # The working Unix-socket session is left as it was.
        $session.State | Should -Be 'Opened'
        $session.Transport | Should -Be 'Unix'
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo still' -Session $session).Text | Should -Be 'still'
    }

    It 'does not let a session disconnected during its switch come back on the new link' {
        # A Windows binary never makes a socket: the switch waits for it, then reconnects over TCP.
        $sim = Start-TestSimulator
        $session = $sim | Connect-UnrealCv
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($manifest, $s)
                Import-Module $manifest
                Switch-UnrealCvTransport -Session $s -Transport Unix -TimeoutSec 2 -WarningAction SilentlyContinue
            }).AddArgument($ModuleManifest).AddArgument($session)
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::Now.AddSeconds(5)
        while ($session.State -ne 'Switching' -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 10 }
        $session.State | Should -Be 'Switching'
        Disconnect-UnrealCv -Session $session
        $handle.AsyncWaitHandle.WaitOne(10000) | Should -BeTrue
        $ps.HadErrors | Should -BeTrue
        $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'UnrealCvSessionClosed,*'
        $ps.Dispose()
        $session.State | Should -Be 'Closed'
        # The one-client binary is free: nobody holds it on a link that outlived its session.
        $again = $sim | Connect-UnrealCv -TimeoutSec 2
        $again.State | Should -Be 'Opened'
    }

    It 'runs two switches of one session one after the other' {
        foreach ($round in 1..5) {
            $sim = Start-TestSimulator -Profile Linux
            $session = $sim | Connect-UnrealCv
            $outcomes = 1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
                Import-Module $using:ModuleManifest
                Switch-UnrealCvTransport -Session $using:session -Transport Unix -TimeoutSec 5 -Verbose -ErrorAction Stop 4>&1 |
                    Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '^\S+: (Switched|Unchanged), now ' } |
                    ForEach-Object { $Matches[1] }
            }
            @($outcomes | Sort-Object) | Should -Be @('Switched', 'Unchanged') -Because "round $round"
            $session.Transport | Should -Be 'Unix'
            (Invoke-UnrealCvRequest 'vget /unrealcv/echo both' -Session $session).Text | Should -Be 'both'
            Disconnect-UnrealCv -Session $session
            Stop-UnrealCvSimulator -Simulator $sim
        }
    }

    It 'never deletes a live socket of another server given as -Path' {
        $other = Start-TestSimulator -Profile Linux
        $otherSession = $other | Connect-UnrealCv -Transport Unix
        $livePath = $otherSession.Path
        $sim = Start-TestSimulator -Profile Linux
        $session = $sim | Connect-UnrealCv
        $err = { Switch-UnrealCvTransport -Session $session -Transport Unix -Path $livePath -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvUnsafeSocketPath,UnrealCv.Commands.SwitchUnrealCvTransportCommand'
        $err.Exception.Message | Should -BeLike "*'$livePath' is a live socket*not removed*"
        Test-Path -LiteralPath $livePath | Should -BeTrue
        $session.State | Should -Be 'Opened'
        $session.Transport | Should -Be 'Tcp'
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo other' -Session $otherSession).Text | Should -Be 'other'
    }

    It 'leaves no hidden TCP session behind when Connect-UnrealCv -Transport Auto is refused' {
        $sim = Start-TestSimulator
        $path = "/tmp/unrealcv_$($sim.Port).socket"
        Remove-LeftoverSocket $path
        Set-Content $path 'not a socket'
        try {
            { Connect-UnrealCv localhost -Port $sim.Port -Transport Auto -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvUnsafeSocketPath,UnrealCv.Commands.ConnectUnrealCvCommand'
            @(Get-UnrealCvSession).Count | Should -Be 0
            # The one-client binary is free again: a retried connect gets its welcome.
            (Connect-UnrealCv localhost -Port $sim.Port -TimeoutSec 2).State | Should -Be 'Opened'
        }
        finally {
            Remove-Item -LiteralPath $path -Force
        }
    }

    It 'replaces a stale socket left by a dead binary' {
        $sim = Start-TestSimulator -Profile Linux
        $path = "/tmp/unrealcv_$($sim.Port).socket"
        Remove-LeftoverSocket $path
        New-StaleSocket $path
        $err = { Connect-UnrealCv -Path $path -TimeoutSec 1 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvConnectFailed,UnrealCv.Commands.ConnectUnrealCvCommand'
        $err.Exception.Message | Should -BeLike '*stale*'
        $session = $sim | Connect-UnrealCv
        Switch-UnrealCvTransport -Transport Unix
        $session.Transport | Should -Be 'Unix'
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo fresh').Text | Should -Be 'fresh'
    }

    It 'refuses a squatted path (<Kind>) and deletes nothing' -TestCases @(
        @{ Kind = 'regular file' }
        @{ Kind = 'directory' }
        @{ Kind = 'symbolic link' }
    ) {
        $sim = Start-TestSimulator
        $path = "/tmp/unrealcv_$($sim.Port).socket"
        Remove-LeftoverSocket $path
        switch ($Kind) {
            'regular file' { Set-Content $path 'not a socket' }
            'directory' { New-Item -ItemType Directory $path | Out-Null }
            'symbolic link' { $target = Join-Path $TestDrive 'real.socket'; New-StaleSocket $target; New-Item -ItemType SymbolicLink -Path $path -Target $target | Out-Null }
        }
        try {
            $session = $sim | Connect-UnrealCv
            $err = { Switch-UnrealCvTransport -Transport Unix -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'UnrealCvUnsafeSocketPath,UnrealCv.Commands.SwitchUnrealCvTransportCommand'
            $err.CategoryInfo.Category | Should -Be 'SecurityError'
            $err.Exception.Message | Should -BeLike "*'$path'*a $Kind owned by uid *"
            Test-Path -LiteralPath $path | Should -BeTrue
            $session.State | Should -Be 'Opened'   # refused before anything was closed
            $session.Transport | Should -Be 'Tcp'
            { Connect-UnrealCv -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvUnsafeSocketPath,UnrealCv.Commands.ConnectUnrealCvCommand'
        }
        finally {
            Remove-Item -LiteralPath $path -Force -Recurse
        }
    }

    It 'refuses to switch while requests stay in flight past -TimeoutSec' {
        $sim = Start-TestSimulator -Profile Linux
        $session = $sim | Connect-UnrealCv
        $sim.Suspend()
        'vget /unrealcv/echo stuck' | Invoke-UnrealCvRequest -NoWait
        $err = { Switch-UnrealCvTransport -Transport Unix -TimeoutSec 1 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvTimeout,UnrealCv.Commands.SwitchUnrealCvTransportCommand'
        $err.Exception.Message | Should -BeLike '*1 request(s) in flight*not switched*'
        $sim.Resume()
        $session.Transport | Should -Be 'Tcp'
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo ok').Text | Should -Be 'ok'
    }

    It 'honours -WhatIf, and says what it would switch to' {
        $run = Invoke-CapturingHost {
            $sim = Start-TestSimulator -Profile Linux
            $session = $sim | Connect-UnrealCv -Name WhatIf
            Switch-UnrealCvTransport -Transport Unix -WhatIf
            $session.Transport
            $sim.State
            $sim.Port
        }
        $run.Output[0..1] | Should -Be @('Tcp', 'ServingTcp')
        $port = $run.Output[2]
        $run.HostLines | Should -BeExactly "What if: Performing the operation ""Switch transport to Unix (/tmp/unrealcv_$port.socket)"" on target ""WhatIf (127.0.0.1:$port, Opened)""."
    }

    It 'gives identical replies over TCP and the Unix socket, images included' {
        $sim = Start-TestSimulator -Profile Linux -Width 160 -Height 120
        $null = $sim | Connect-UnrealCv
        $commands = 'vget /objects', 'vget /camera/0/location', 'vget /camera/0/lit png', 'vget /camera/0/lit bmp', 'vget /camera/0/depth npy', 'vget /camera/0/object_mask png'
        $overTcp = Invoke-UnrealCvRequest $commands
        Switch-UnrealCvTransport -Transport Unix
        $overUnix = Invoke-UnrealCvRequest $commands
        for ($i = 0; $i -lt $commands.Count; $i++) {
            if ($overTcp[$i].IsBinary) {
                $overUnix[$i].Bytes.Length | Should -Be $overTcp[$i].Bytes.Length -Because $commands[$i]
                [Linq.Enumerable]::SequenceEqual($overUnix[$i].Bytes, $overTcp[$i].Bytes) | Should -BeTrue -Because $commands[$i]
            }
            else {
                $overUnix[$i].Text | Should -Be $overTcp[$i].Text -Because $commands[$i]
            }
        }
        $overTcp[4].Bytes.Length | Should -Be (80 + 4 * 160 * 120)
    }

    It 'switches 32 sessions at once' {
        $sims = 1..32 | ForEach-Object { Start-TestSimulator -Profile Linux }
        $sessions = $sims | Connect-UnrealCv
        $sessions | ForEach-Object -ThrottleLimit 32 -Parallel {
            Import-Module $using:ModuleManifest
            Switch-UnrealCvTransport -Session $_ -Transport Unix
        }
        ($sessions | Where-Object Transport -eq 'Unix').Count | Should -Be 32
        $replies = Invoke-UnrealCvRequest 'vget /unrealcv/echo all' -Session $sessions
        $replies.Count | Should -Be 32
        ($replies | Where-Object Text -eq 'all').Count | Should -Be 32
        ($replies.SessionId | Sort-Object) | Should -Be ($sessions.Id | Sort-Object)
    }
}
