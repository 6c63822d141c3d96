BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Simulator = Start-TestSimulator -ProjectName 'PesterProject'
}

AfterAll { Clear-TestState }

Describe 'Invoke-UnrealCvRequest' -Tag Integration {
    BeforeEach { $script:Session = $Simulator | Connect-UnrealCv }
    AfterEach { Get-UnrealCvSession | Disconnect-UnrealCv }

    It 'returns a typed response with the reply, the id and the session' {
        $response = Invoke-UnrealCvRequest 'vget /unrealcv/echo hello'
        $response | Should -BeOfType 'UnrealCv.Replies.UnrealCvResponse'
        $response.Text | Should -Be 'hello'
        $response.Command | Should -Be 'vget /unrealcv/echo hello'
        $response.RequestId | Should -BeGreaterOrEqual 0
        $response.IsError | Should -BeFalse
        $response.IsBinary | Should -BeFalse
        $response.Session.Id | Should -Be $Session.Id
        $response.Duration | Should -BeGreaterThan ([timespan]::Zero)
    }

    It 'numbers requests one after another from a random start per session and answers the plugin texts' {
        $replies = Invoke-UnrealCvRequest 'vget /unrealcv/version', 'vget /scene/name'
        $replies[1].RequestId | Should -Be ($replies[0].RequestId + 1)
        $replies.Text | Should -Be @('1.0.1', 'PesterProject')
    }

    It 'takes commands from the pipeline and answers in input order' {
        $replies = 1..50 | ForEach-Object { "vget /unrealcv/echo $_" } | Invoke-UnrealCvRequest
        $replies.Text | Should -Be (1..50 | ForEach-Object { "$_" })
        $first = $replies[0].RequestId
        $replies.RequestId | Should -Be ($first..($first + 49))
    }

    It 'keeps order with a small in-flight window' {
        $replies = 1..20 | ForEach-Object { "vget /unrealcv/echo $_" } | Invoke-UnrealCvRequest -MaxInFlight 3
        $replies.Text | Should -Be (1..20 | ForEach-Object { "$_" })
    }

    It 'turns an error reply into a response with IsError and a non-terminating UnrealCvServerError, and goes on' {
        $replies = Invoke-UnrealCvRequest 'vget /no/such', 'vget /unrealcv/echo after' -ErrorAction SilentlyContinue -ErrorVariable errors
        $replies.Count | Should -Be 2
        $replies[0].IsError | Should -BeTrue
        $replies[1].Text | Should -Be 'after'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'UnrealCvServerError,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $errors[0].Exception.Message | Should -BeLike "*Can not find a handler for URI 'vget /no/such'*"
        $errors[0].TargetObject.Command | Should -Be 'vget /no/such'
    }

    It 'makes an error reply terminating with -ErrorAction Stop' {
        { Invoke-UnrealCvRequest 'vget /no/such' -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvServerError,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
    }

    It 'writes one output per command in input order, the error reply in its place with IsError' {
        $out = 'vget /camera/0/location', 'vget /nope', 'vget /unrealcv/echo x' | Invoke-UnrealCvRequest -ErrorAction SilentlyContinue -ErrorVariable errors
        $out.Count | Should -Be 3
        $out.Command | Should -Be @('vget /camera/0/location', 'vget /nope', 'vget /unrealcv/echo x')
        $out.IsError | Should -Be @($false, $true, $false)
        $out[0].Value | Should -BeOfType 'UnrealCv.Replies.UnrealCvVector'
        $out[0].Failure | Should -BeNullOrEmpty
        $out[1].Failure | Should -Be 'UnrealCvServerError'
        $out[1].ErrorMessage | Should -Be "Can not find a handler for URI 'vget /nope'"
        $out[1].Text | Should -Be "error Can not find a handler for URI 'vget /nope'"
        $out[2].Text | Should -Be 'x'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'UnrealCvServerError,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        [object]::ReferenceEquals($errors[0].TargetObject, $out[1]) | Should -BeTrue
    }

    It 'sets $? to false when a reply was an error' {
        $null = Invoke-UnrealCvRequest 'vget /nope' -ErrorAction SilentlyContinue
        $ok = $?
        $ok | Should -BeFalse
    }

    It 'stops at the error reply with -ErrorAction Stop, after writing the outputs before it and the error response' {
        $seen = [System.Collections.Generic.List[object]]::new()
        { 'vget /unrealcv/echo a', 'vget /nope', 'vget /unrealcv/echo c' | Invoke-UnrealCvRequest -ErrorAction Stop | ForEach-Object { $seen.Add($_) } } |
            Should -Throw -ErrorId 'UnrealCvServerError,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        $seen.Count | Should -Be 2
        $seen[0].Text | Should -Be 'a'
        $seen[1].Command | Should -Be 'vget /nope'
        $seen[1].IsError | Should -BeTrue
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo after').Text | Should -Be 'after'   # the dropped reply to 'c' misaligns nothing
    }

    It 'puts a command refused before sending in its place: IsError, its failure kind, no reply, no value' {
        $out = 'vget /unrealcv/echo a', "vget /a`nvget /b", 'vget /unrealcv/echo c' | Invoke-UnrealCvRequest -ErrorAction SilentlyContinue -ErrorVariable errors
        $out.Count | Should -Be 3
        $out.Command | Should -Be @('vget /unrealcv/echo a', "vget /a`nvget /b", 'vget /unrealcv/echo c')
        $out.IsError | Should -Be @($false, $true, $false)
        $out[1].Failure | Should -Be 'UnrealCvInvalidCommand'
        $out[1].ErrorMessage | Should -BeLike '*plain ASCII on one line*'
        $out[1].RequestId | Should -Be 0
        $out[1].Text | Should -BeNullOrEmpty
        $out[1].Bytes | Should -BeNullOrEmpty
        $out[1].Value | Should -BeNullOrEmpty
        $out[1].IsBinary | Should -BeFalse
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'UnrealCvInvalidCommand,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        [object]::ReferenceEquals($errors[0].TargetObject, $out[1]) | Should -BeTrue
    }

    It 'answers each request to a closed session with a failed response naming it' {
        $closed = $Session
        $closed | Disconnect-UnrealCv
        $out = Invoke-UnrealCvRequest 'vget /unrealcv/echo a', 'vget /unrealcv/echo b' -Session $closed -ErrorAction SilentlyContinue -ErrorVariable errors
        $out.Count | Should -Be 2
        $out.Failure | Should -Be @('UnrealCvSessionClosed', 'UnrealCvSessionClosed')
        $out.ErrorMessage | ForEach-Object { $_ | Should -Be $errors[0].Exception.Message }
        $errors.FullyQualifiedErrorId | Should -Be @('UnrealCvSessionClosed,UnrealCv.Commands.InvokeUnrealCvRequestCommand', 'UnrealCvSessionClosed,UnrealCv.Commands.InvokeUnrealCvRequestCommand')
    }

    It 'uses -Session over the current session' {
        $response = Invoke-UnrealCvRequest 'vget /unrealcv/echo x' -Session $Session
        $response.SessionName | Should -Be $Session.Name
    }

    It 'reads a format token in any case as binary, as the plugin takes it' {
        $reply = Invoke-UnrealCvRequest 'vget /camera/0/lit PNG'
        $reply.IsBinary | Should -BeTrue
        $reply.Value.Format | Should -Be 'png'
        $reply.Bytes[1..3] | Should -Be ([byte[]][char[]]'PNG')
    }

    It 'refuses a command UnrealCV would mangle, naming it' {
        $err = { Invoke-UnrealCvRequest "vget /a`nvget /b" -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvInvalidCommand,UnrealCv.Commands.InvokeUnrealCvRequestCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*plain ASCII on one line*'
    }
}

Describe 'Templates' -Tag Integration {
    BeforeEach { $null = $Simulator | Connect-UnrealCv }
    AfterEach { Get-UnrealCvSession | Disconnect-UnrealCv }

    It 'formats each piped value into the command' {
        $replies = 1..5 | Invoke-UnrealCvRequest 'vget /unrealcv/echo n{0}'
        $replies.Command | Should -Be (1..5 | ForEach-Object { "vget /unrealcv/echo n$_" })
        $replies.Text | Should -Be (1..5 | ForEach-Object { "n$_" })
    }

    It 'fills {Property} placeholders from piped objects, numbers invariant and without exponent' {
        $items = [pscustomobject]@{ Name = 'a'; X = 0.00001 }, [pscustomobject]@{ Name = 'b'; X = -2.5 }
        $replies = $items | Invoke-UnrealCvRequest 'vget /unrealcv/echo {Name}:{X}'
        $replies.Text | Should -Be @('a:0.00001', 'b:-2.5')
    }

    It 'keeps literal braces written twice' {
        (7 | Invoke-UnrealCvRequest 'vget /unrealcv/echo {{{0}}}').Text | Should -Be '{7}'
    }

    It 'says a bare piped number is not a command, and shows the template form' {
        $replies = 1..2 | Invoke-UnrealCvRequest -ErrorAction SilentlyContinue -ErrorVariable errors
        $replies | Should -BeNullOrEmpty
        $errors.Count | Should -Be 2
        $errors[0].FullyQualifiedErrorId | Should -Be 'UnrealCvNotACommand,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        $errors[0].Exception.Message | Should -BeLike "'1' is not an UnrealCV command*Invoke-UnrealCvRequest 'vget /camera/{0}/location'*"
    }

    It 'names a property the piped object lacks' {
        $err = { [pscustomobject]@{ Name = 'a' } | Invoke-UnrealCvRequest 'vget /object/{Nmae}/location' -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvTemplateError,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
        $err.Exception.Message | Should -BeLike "*has no property 'Nmae'*"
    }
}

Describe 'Fan-out to several sessions' -Tag Integration {
    It 'writes one output per command and session, in input order, failures in their places' {
        $sims = 1..2 | ForEach-Object { Start-TestSimulator -ProjectName "Pair$_" }
        try {
            $sessions = $sims | Connect-UnrealCv
            $out = 'vget /unrealcv/echo 1', 'vget /nope', 'vget /unrealcv/echo 3' | Invoke-UnrealCvRequest -Session $sessions -ErrorAction SilentlyContinue -ErrorVariable errors
            $out.Count | Should -Be 6
            $out.Command | Should -Be @('vget /unrealcv/echo 1', 'vget /unrealcv/echo 1', 'vget /nope', 'vget /nope', 'vget /unrealcv/echo 3', 'vget /unrealcv/echo 3')
            $out.SessionId | Should -Be @($sessions.Id + $sessions.Id + $sessions.Id)
            foreach ($session in $sessions) {
                $mine = @($out | Where-Object SessionId -eq $session.Id)
                $mine.Command | Should -Be @('vget /unrealcv/echo 1', 'vget /nope', 'vget /unrealcv/echo 3')
                $mine.IsError | Should -Be @($false, $true, $false)
                $mine[2].RequestId | Should -Be ($mine[0].RequestId + 2)
            }
            $errors.Count | Should -Be 2
            $errors.TargetObject.SessionId | Should -Be $sessions.Id
        }
        finally {
            $sessions | Disconnect-UnrealCv
            $sims | Stop-UnrealCvSimulator
        }
    }

    It 'sends each command to every session and marks each reply with its session' {
        $sims = 1..3 | ForEach-Object { Start-TestSimulator -ProjectName "Fleet$_" }
        try {
            $sessions = $sims | Connect-UnrealCv
            $replies = 'vget /scene/name', 'vget /unrealcv/echo x' | Invoke-UnrealCvRequest -Session $sessions
            $replies.Count | Should -Be 6
            foreach ($r in $replies | Where-Object Command -eq 'vget /scene/name') {
                $r.Text | Should -Be $r.Session.ProjectName
            }
            ($replies | Where-Object Command -eq 'vget /scene/name').SessionId | Should -Be $sessions.Id
            $byPipe = Get-UnrealCvSession | Invoke-UnrealCvRequest 'vget /unrealcv/echo {Name}'
            $byPipe.Text | Should -Be $sessions.Name
            $byPipe.SessionName | Should -Be $sessions.Name
        }
        finally {
            Get-UnrealCvSession | Disconnect-UnrealCv
            $sims | Stop-UnrealCvSimulator
        }
    }
}

Describe 'Templates fed objects that carry their session' -Tag Integration {
    It 'sends each piped camera, object or response back to its own session, not the current one' {
        $sims = 1..2 | ForEach-Object { Start-TestSimulator -ProjectName "Own$_" }
        try {
            $first, $second = $sims | Connect-UnrealCv   # the second is current
            $camera = Get-UnrealCvCamera 1 -Session $first
            $object = Get-UnrealCvObject RedBox -Session $first
            $response = Invoke-UnrealCvRequest 'vget /unrealcv/echo hi' -Session $first
            $replies = $camera, $object, $response | Invoke-UnrealCvRequest 'vget /scene/name'
            $replies.SessionId | Should -Be @($first.Id, $first.Id, $first.Id)
            $replies.Text | Should -Be @('Own1', 'Own1', 'Own1')
            # -Session names the targets whatever the piped objects carry.
            ($camera | Invoke-UnrealCvRequest 'vget /scene/name' -Session $second).Text | Should -Be 'Own2'
            # Objects without a session still go to the current one.
            ([pscustomobject]@{ Name = 'x' } | Invoke-UnrealCvRequest 'vget /scene/name').Text | Should -Be 'Own2'
        }
        finally {
            Get-UnrealCvSession | Disconnect-UnrealCv
            $sims | Stop-UnrealCvSimulator
        }
    }

    It 'captures from each piped camera''s own session' {
        $sims = @((Start-TestSimulator -Width 64 -Height 48), (Start-TestSimulator -Width 32 -Height 24))
        try {
            $first, $second = $sims | Connect-UnrealCv
            $images = Get-UnrealCvCamera 1 -Session $first | Get-UnrealCvImage -Format bmp
            $images.Width | Should -Be 64
        }
        finally {
            Get-UnrealCvSession | Disconnect-UnrealCv
            $sims | Stop-UnrealCvSimulator
        }
    }
}

Describe 'The session list' -Tag Integration {
    It 'makes the newest connection current, and forgets it on disconnect' {
        $a = $Simulator | Connect-UnrealCv -Name ListA
        Get-UnrealCvSession -Current | Should -Be $a
        (Get-UnrealCvSession -Name 'List*').Name | Should -Be 'ListA'
        (Get-UnrealCvSession -Id $a.Id).Name | Should -Be 'ListA'
        Disconnect-UnrealCv
        $a.State | Should -Be 'Closed'
        Get-UnrealCvSession -Name 'List*' | Should -BeNullOrEmpty
        Get-UnrealCvSession -Current | Should -BeNullOrEmpty
        { Invoke-UnrealCvRequest 'vget /unrealcv/version' -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvNoSession,UnrealCv.Commands.InvokeUnrealCvRequestCommand'
    }

    It 'reports a missing name or id as ObjectNotFound' {
        { Get-UnrealCvSession -Name NoSuchSession -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvSessionNotFound,UnrealCv.Commands.GetUnrealCvSessionCommand'
        { Get-UnrealCvSession -Id 999999 -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvSessionNotFound,UnrealCv.Commands.GetUnrealCvSessionCommand'
    }

    It 'says a closed session is closed and how to reconnect' {
        $s = $Simulator | Connect-UnrealCv
        Disconnect-UnrealCv -Session $s
        $err = { Invoke-UnrealCvRequest 'vget /unrealcv/version' -Session $s -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvSessionClosed,UnrealCv.Commands.InvokeUnrealCvRequestCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*Connect-UnrealCv*'
    }

    It 'keeps sessions per runspace' {
        $null = $Simulator | Connect-UnrealCv -Name Mine
        $other = Start-ThreadJob { Import-Module $using:ModuleManifest; @(Get-UnrealCvSession).Count } | Receive-Job -Wait -AutoRemoveJob
        $other | Should -Be 0
        (Get-UnrealCvSession).Name | Should -Be 'Mine'
        Get-UnrealCvSession | Disconnect-UnrealCv
    }
}

Describe 'Disconnect-UnrealCv' -Tag Integration {
    It 'closes by -Id, by -Name with wildcards, and -All' {
        $sims = 1..3 | ForEach-Object { Start-TestSimulator }
        try {
            $a, $b, $c = $sims | ForEach-Object -Begin { $i = 0 } -Process { $_ | Connect-UnrealCv -Name ("Fleet-{0}" -f ($i++)) }
            Disconnect-UnrealCv -Id $a.Id
            $a.State | Should -Be 'Closed'
            (Get-UnrealCvSession).Name | Should -Be @('Fleet-1', 'Fleet-2')
            Disconnect-UnrealCv -Name 'fleet-1' -PassThru | Should -Be $b
            { Disconnect-UnrealCv -Name 'NoSuch' -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvSessionNotFound,UnrealCv.Commands.DisconnectUnrealCvCommand'
            { Disconnect-UnrealCv -Id 987654 -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvSessionNotFound,UnrealCv.Commands.DisconnectUnrealCvCommand'
            Disconnect-UnrealCv -All
            $c.State | Should -Be 'Closed'
            Get-UnrealCvSession | Should -BeNullOrEmpty
        }
        finally {
            $sims | Stop-UnrealCvSimulator
        }
    }

    It 'honours -WhatIf, and says what it would disconnect' {
        $run = Invoke-CapturingHost {
            $sim = Start-TestSimulator
            $s = $sim | Connect-UnrealCv -Name WhatIf
            Disconnect-UnrealCv -Session $s -WhatIf
            $s.State
            (Disconnect-UnrealCv -Session $s -PassThru) -eq $s
            $s.State
            $sim.Port
        }
        $run.Output[0..2] | Should -Be @('Opened', $true, 'Closed')
        $run.HostLines | Should -BeExactly "What if: Performing the operation ""Disconnect"" on target ""WhatIf (127.0.0.1:$($run.Output[3]), Opened)""."
    }
}

Describe 'A server this project did not write' -Tag Integration {
    It 'works against a plain echo server: the reply text is the command' {
        # A minimal framed echo server in PowerShell: its own welcome, then each payload echoed back.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $job = Start-ThreadJob -ArgumentList $listener {
            param($listener)
            $client = $listener.AcceptTcpClient()
            $stream = $client.GetStream()
            function Send([byte[]] $payload) {
                $header = [byte[]]::new(8)
                [BitConverter]::GetBytes([uint32]2653651905).CopyTo($header, 0) # magic 0x9E2B83C1
                [BitConverter]::GetBytes([uint32]$payload.Length).CopyTo($header, 4)
                $stream.Write($header, 0, 8); $stream.Write($payload, 0, $payload.Length)
            }
            function ReadExactly([int] $count) {
                $buffer = [byte[]]::new($count); $read = 0
                while ($read -lt $count) { $n = $stream.Read($buffer, $read, $count - $read); if ($n -le 0) { return $null }; $read += $n }
                , $buffer
            }
            Send ([Text.Encoding]::ASCII.GetBytes('connected to EchoServer'))
            while ($header = ReadExactly 8) {
                $payload = ReadExactly ([BitConverter]::ToUInt32($header, 4))
                Send $payload
            }
            $client.Close(); $listener.Stop()
        }
        try {
            $session = Connect-UnrealCv 127.0.0.1 -Port $port
            $session.ProjectName | Should -Be 'EchoServer'
            (Invoke-UnrealCvRequest 'vget /x').Text | Should -Be 'vget /x'
            Disconnect-UnrealCv
        }
        finally {
            $job | Wait-Job -Timeout 5 | Out-Null
            $job | Remove-Job -Force
            $listener.Stop()
        }
    }
}
