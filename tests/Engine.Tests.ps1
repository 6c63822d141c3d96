# The client engine end to end: a client that never hangs, never misaligns, and pipelines by default.
BeforeAll {
    . $PSScriptRoot/common.ps1
}

AfterAll { Clear-TestState }

Describe 'Timeouts and late replies' -Tag Integration {
    BeforeAll { $script:Sim = Start-TestSimulator }
    AfterAll { Stop-UnrealCvSimulator -Simulator $Sim }
    BeforeEach { $script:Session = $Sim | Connect-UnrealCv }
    AfterEach { $Sim.Resume(); Get-UnrealCvSession | Disconnect-UnrealCv }

    It 'fails a request that gets no reply in time, then drops its late reply instead of misaligning' {
        $Sim.Suspend()   # the game thread hangs, as in a long level load
        $err = { Invoke-UnrealCvRequest 'vget /unrealcv/echo late' -TimeoutSec 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnrealCvTimeout,UnrealCv.Commands.InvokeUnrealCvRequestCommand' -PassThru
        $err.Exception.Message | Should -BeLike "*no reply to 'vget /unrealcv/echo late'*within 1 s*-TimeoutSec*"
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $Sim.Resume()    # now the late reply arrives first...
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo next').Text | Should -Be 'next'   # ...and is not taken for this one
        $Session.State | Should -Be 'Opened'
    }

    It 'writes a failed response in the place of each request that timed out, with the failure kind and no value' {
        $Sim.Suspend()
        $out = Invoke-UnrealCvRequest 'vget /unrealcv/echo late', 'vget /camera/0/location' -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable errors
        $Sim.Resume()
        $out.Count | Should -Be 2
        $out.Command | Should -Be @('vget /unrealcv/echo late', 'vget /camera/0/location')
        $out.IsError | Should -Be @($true, $true)
        $out.Failure | Should -Be @('UnrealCvTimeout', 'UnrealCvTimeout')
        $out[0].ErrorMessage | Should -BeLike "*no reply to 'vget /unrealcv/echo late'*within 1 s*"
        $out[1].Value | Should -BeNullOrEmpty
        $out[1].Text | Should -BeNullOrEmpty
        $out[1].RequestId | Should -Be ($out[0].RequestId + 1)
        $out[0].Duration.TotalSeconds | Should -BeGreaterOrEqual 0.9
        $errors.Count | Should -Be 2
        $errors.FullyQualifiedErrorId | Should -Be @('UnrealCvTimeout,UnrealCv.Commands.InvokeUnrealCvRequestCommand', 'UnrealCvTimeout,UnrealCv.Commands.InvokeUnrealCvRequestCommand')
        [object]::ReferenceEquals($errors[1].TargetObject, $out[1]) | Should -BeTrue
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo next').Text | Should -Be 'next'
    }

    It 'keeps the convenience cmdlets to their own objects: a timed-out read writes its errors, never a response' {
        $Session.Timeout = [timespan]::FromSeconds(1)
        $Sim.Suspend()
        $out = Get-UnrealCvCamera 0 -ErrorAction SilentlyContinue -ErrorVariable errors
        $Sim.Resume()
        $out | Should -BeNullOrEmpty
        $errors.Count | Should -BeGreaterThan 0
        $errors.FullyQualifiedErrorId | Sort-Object -Unique | Should -Be 'UnrealCvTimeout,UnrealCv.Commands.GetUnrealCvCameraCommand'
        $errors.TargetObject.Failure | Sort-Object -Unique | Should -Be 'UnrealCvTimeout'
        (Get-UnrealCvCamera 0).Id | Should -Be 0
    }

    It 'never takes the late reply to an earlier session''s request for its own after a reconnect' {
        # The binary answers whoever is connected when it runs a request: the old session's reply reaches the new one.
        $Sim.Suspend()
        { Invoke-UnrealCvRequest 'vget /unrealcv/echo stale' -TimeoutSec 1 -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvTimeout,*'
        Disconnect-UnrealCv
        $again = $Sim | Connect-UnrealCv
        $Sim.Resume()
        $replies = 1..3 | ForEach-Object { "vget /unrealcv/echo fresh$_" } | Invoke-UnrealCvRequest
        $replies.Text | Should -Be @('fresh1', 'fresh2', 'fresh3')
        $again.StrayReplyCount | Should -Be 1
        $again.State | Should -Be 'Opened'
    }

    It 'ends a waiting request at once on Ctrl+C' {
        $Sim.Suspend()   # the request is read and queued, and never answered
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($manifest, $s)
                Import-Module $manifest
                Invoke-UnrealCvRequest 'vget /unrealcv/echo never' -Session $s -TimeoutSec 600 -Verbose
            }).AddArgument($ModuleManifest).AddArgument($Session)
        $handle = $ps.BeginInvoke()
        # Stop only once the request is on the wire (its trace line is written after the send) and still awaited, seen
        # on three polls in a row: after its trace line the cmdlet's only step left is the wait for the reply (a caller
        # waiting alone reads the socket itself, so its thread shows as running, not as blocked in a wait).
        $blocked = [ref] 0
        $inWait = Wait-Condition -TimeoutSec 30 {
            $sent = @($ps.Streams.Verbose | Where-Object Message -like "$($Session.Name) <- #* vget /unrealcv/echo never").Count -eq 1
            $waiting = $sent -and $Session.PendingCount -eq 1 -and -not $handle.IsCompleted
            $blocked.Value = if ($waiting) { $blocked.Value + 1 } else { 0 }
            $blocked.Value -ge 3
        }
        $inWait | Should -BeTrue -Because 'the request must be sent and its caller waiting before the stop'
        $handle.IsCompleted | Should -BeFalse

        $clock = [Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'the stop ends the 600 s wait, not its timeout'
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.InvocationStateInfo.Reason | Should -BeOfType [System.Management.Automation.PipelineStoppedException]
        $ps.Streams.Error.Count | Should -Be 0 -Because 'a stop is neither a timeout nor a broken session'
        $ps.Dispose()
        $Session.State | Should -Be 'Opened'

        # The stopped request's late reply is dropped quietly: the next request gets its own.
        $Sim.Resume()
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo after-stop').Text | Should -Be 'after-stop'
        $Session.StrayReplyCount | Should -Be 0
    }
}

Describe 'Pipelining' -Tag Integration {
    BeforeAll { $script:Sim = Start-TestSimulator -FrameTimeMs 200 }
    AfterAll { Stop-UnrealCvSimulator -Simulator $Sim }
    BeforeEach { $null = $Sim | Connect-UnrealCv }
    AfterEach { Get-UnrealCvSession | Disconnect-UnrealCv }

    It 'runs 100 piped requests in one or two game frames, not a hundred' {
        $before = $Sim.BusyTicks
        $replies = 1..100 | ForEach-Object { 'vget /unrealcv/echo {0}' -f $_ } | Invoke-UnrealCvRequest
        $replies.Text | Should -Be (1..100 | ForEach-Object { "$_" })
        # Counting frames, not milliseconds: a sequential client would need 100 frames.
        ($Sim.BusyTicks - $before) | Should -BeLessOrEqual 3
    }

    It 'reports progress on long runs and completes it at the end' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
                param($manifest, $s)
                Import-Module $manifest
                $ProgressPreference = 'Continue'
                1..15 | Invoke-UnrealCvRequest 'vget /unrealcv/echo {0}' -Session $s -MaxInFlight 1   # one request per 200 ms frame
            }).AddArgument($ModuleManifest).AddArgument((Get-UnrealCvSession -Current))
        $out = $ps.Invoke()
        $out.Count | Should -Be 15
        $records = @($ps.Streams.Progress | Where-Object Activity -eq 'Invoke-UnrealCvRequest')
        $records.Count | Should -BeGreaterThan 1
        $records[0].StatusDescription | Should -BeLike '* replies received, * in flight'
        $records[-1].RecordType | Should -Be 'Completed'
        $ps.Dispose()
    }

    It 'sends -NoWait requests without output, keeps later replies in step, and warns about their errors' {
        $out = 'vset /object/NoSuchObject/location 1 2 3', 'vget /unrealcv/echo fire' | Invoke-UnrealCvRequest -NoWait
        $out | Should -BeNullOrEmpty
        $reply = Invoke-UnrealCvRequest 'vget /unrealcv/echo in-step' -WarningVariable warnings -WarningAction SilentlyContinue
        $reply.Text | Should -Be 'in-step'
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*'vset /object/NoSuchObject/location 1 2 3'*Can not find object*"
    }

    It 'writes nothing with -NoWait even when a small window makes it wait for replies' {
        # With the window full, the oldest reply must come back before the next send; it is still not written.
        $commands = @(1..300 | ForEach-Object { "vget /unrealcv/echo $_" }) + 'vget /no/such' + @(1..300 | ForEach-Object { "vget /unrealcv/echo b$_" })
        $out = $commands | Invoke-UnrealCvRequest -NoWait -MaxInFlight 4 -WarningVariable warnings -WarningAction SilentlyContinue
        @($out).Count | Should -Be 0
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*'vget /no/such'*Can not find a handler*"
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo after').Text | Should -Be 'after'
    }
}

Describe 'Server messages' -Tag Integration {
    BeforeAll { $script:Sim = Start-TestSimulator }
    AfterAll { Stop-UnrealCvSimulator -Simulator $Sim }

    It 'keeps frames without a request id apart from replies' {
        $session = $Sim | Connect-UnrealCv
        $Sim.SendMessage('checkpoint reached')
        $Sim.SendMessage('episode over')
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo reply').Text | Should -Be 'reply'
        $messages = Receive-UnrealCvMessage
        $messages.Text | Should -Be @('checkpoint reached', 'episode over')
        $messages[0].SessionId | Should -Be $session.Id
        Receive-UnrealCvMessage | Should -BeNullOrEmpty
        Disconnect-UnrealCv
    }

    It 'waits for a message with -Wait, and gives up after -TimeoutSec' {
        $session = $Sim | Connect-UnrealCv
        Receive-UnrealCvMessage -Wait -TimeoutSec 1 | Should -BeNullOrEmpty
        $job = Start-ThreadJob { Start-Sleep -Milliseconds 300; ($using:Sim).SendMessage('later') }
        (Receive-UnrealCvMessage -Wait -TimeoutSec 10).Text | Should -Be 'later'
        $job | Wait-Job | Remove-Job
        Disconnect-UnrealCv
    }
}

Describe 'Faults' -Tag Integration {
    It 'marks the session Broken when the binary goes away, and says how to reconnect' {
        $sim = Start-TestSimulator
        $session = $sim | Connect-UnrealCv
        Stop-UnrealCvSimulator -Simulator $sim
        $err = { Invoke-UnrealCvRequest 'vget /unrealcv/status' -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvSessionBroken,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        $err.Exception.Message | Should -BeLike "*$($session.Name)*Connect-UnrealCv*"
        $session.State | Should -Be 'Broken'
        $session.Fault | Should -BeLike '*closed the connection*'
        Disconnect-UnrealCv
    }
}

Describe 'Limits and tracing' -Tag Integration {
    BeforeAll { $script:Sim = Start-TestSimulator -Width 64 -Height 48 }
    AfterAll { Get-UnrealCvSession | Disconnect-UnrealCv; Stop-UnrealCvSimulator -Simulator $Sim }

    It 'refuses a reply larger than -MaxReplyBytes without allocating it, and breaks the session' {
        $session = $Sim | Connect-UnrealCv -MaxReplyBytes 4096
        $small = Invoke-UnrealCvRequest 'vget /unrealcv/echo small'
        $small.Text | Should -Be 'small'
        $prefix = "$($small.RequestId + 1):".Length
        $err = { Invoke-UnrealCvRequest 'vget /camera/0/lit bmp' -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvProtocolViolation,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        # The frame is the id prefix "<id>:" and the BMP (58 + 4 * 64 * 48 bytes).
        $err.Exception.Message | Should -BeLike "*announced $($prefix + 58 + 4 * 64 * 48) bytes, more than the limit of 4096 bytes. The session is broken*"
        $session.State | Should -Be 'Broken'
        Disconnect-UnrealCv
    }

    It 'traces every frame sent and received with -Verbose' {
        $null = $Sim | Connect-UnrealCv -Name Traced
        $verbose = Invoke-UnrealCvRequest 'vget /unrealcv/echo a', 'vget /camera/0/lit bmp' -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message | Where-Object { $_ -like 'Traced <- *' }).Count | Should -Be 2
        ($verbose.Message | Where-Object { $_ -match '^Traced -> #\d+ 1 chars in .* ms$' }).Count | Should -Be 1
        ($verbose.Message | Where-Object { $_ -match "^Traced -> #\d+ $(58 + 4 * 64 * 48) bytes in .* ms$" }).Count | Should -Be 1
        Disconnect-UnrealCv
    }
}

Describe 'Connect-UnrealCv -WaitSec' -Tag Integration {
    It 'keeps trying while the binary starts, instead of a fixed sleep' {
        $port = Get-FreePort
        $starter = Start-ThreadJob {
            Import-Module $using:ModuleManifest
            Start-Sleep -Milliseconds 1500
            Start-UnrealCvSimulator -Port $using:port -FrameTimeMs 0 -Profile Windows
        }
        try {
            $session = Connect-UnrealCv 127.0.0.1 -Port $port -WaitSec 20 -TimeoutSec 1 -ProgressAction SilentlyContinue
            $session.State | Should -Be 'Opened'
            (Invoke-UnrealCvRequest 'vget /unrealcv/version').Text | Should -Be '1.0.1'
            Disconnect-UnrealCv
        }
        finally {
            $started = $starter | Receive-Job -Wait -AutoRemoveJob
            $started | Stop-UnrealCvSimulator
        }
    }

    It 'gives up after -WaitSec with the last reason' {
        $port = Get-FreePort
        { Connect-UnrealCv 127.0.0.1 -Port $port -WaitSec 1 -TimeoutSec 1 -ProgressAction SilentlyContinue -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnrealCvConnectFailed,UnrealCv.Commands.ConnectUnrealCvCommand'
    }
}

Describe 'One session, many runspaces' -Tag Integration {
    It 'gives every runspace its own replies through one shared session' {
        $sim = Start-TestSimulator
        $session = $sim | Connect-UnrealCv
        $results = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:ModuleManifest
            $worker = $_
            $replies = 1..100 | ForEach-Object { "vget /unrealcv/echo $worker-$_" } | Invoke-UnrealCvRequest -Session $using:session
            [pscustomobject]@{ Worker = $worker; Ok = (($replies.Text -join ',') -eq ((1..100 | ForEach-Object { "$worker-$_" }) -join ',')) }
        }
        $results.Count | Should -Be 4
        $results.Ok | Should -Not -Contain $false
        $session.State | Should -Be 'Opened'
        Disconnect-UnrealCv
        Stop-UnrealCvSimulator -Simulator $sim
    }
}
