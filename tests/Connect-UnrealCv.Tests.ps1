BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Simulator = Start-TestSimulator -ProjectName 'PesterProject'
}

AfterAll { Clear-TestState }

Describe 'Connect-UnrealCv' -Tag Integration {
    AfterEach {
        # The simulator serves one client at a time: leave none connected for the next test.
        Get-UnrealCvSession | Disconnect-UnrealCv
    }

    It 'returns an opened session with the project name from the welcome' {
        $session = Connect-UnrealCv -ComputerName 127.0.0.1 -Port $Simulator.Port
        $session | Should -BeOfType 'UnrealCv.Session.UnrealCvSession'
        $session.State | Should -Be 'Opened'
        $session.Transport | Should -Be 'Tcp'
        $session.ProjectName | Should -Be 'PesterProject'
        $session.Endpoint | Should -Be "127.0.0.1:$($Simulator.Port)"
        $session.Name | Should -Be "UnrealCv$($session.Id)"
    }

    It 'binds host and port by property name from Start-UnrealCvSimulator' {
        $session = $Simulator | Connect-UnrealCv -Name Piped
        $session.Port | Should -Be $Simulator.Port
        $session.Name | Should -Be 'Piped'
    }

    It 'refuses a second session with the same name' {
        $null = Connect-UnrealCv 127.0.0.1 -Port $Simulator.Port -Name Twin
        { Connect-UnrealCv 127.0.0.1 -Port $Simulator.Port -Name Twin -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnrealCvSessionNameInUse,UnrealCv.Commands.ConnectUnrealCvCommand'
    }

    It 'says nothing is listening, within the timeout, when nothing is' {
        $freePort = Get-FreePort
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Connect-UnrealCv 127.0.0.1 -Port $freePort -TimeoutSec 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnrealCvConnectFailed,UnrealCv.Commands.ConnectUnrealCvCommand' -PassThru
        $err.Exception.Message | Should -BeLike "*nothing is listening at 127.0.0.1:$freePort*Tried * times over 2 s."
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $watch.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.5   # refused connects are retried until about -TimeoutSec
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'waits within -TimeoutSec for a binary that opens its port late, with one session id for all attempts' {
        $port = Get-FreePort
        # The binary starts 1.5 s after the connect begins, as in `./MyGame.sh & Connect-UnrealCv -TimeoutSec 30`.
        $late = Start-ThreadJob -ScriptBlock {
            param($manifest, $port)
            Import-Module $manifest
            Start-Sleep -Milliseconds 1500
            $sim = Start-UnrealCvSimulator -Port $port -FrameTimeMs 0 -Profile Windows
            Start-Sleep -Seconds 6
            Stop-UnrealCvSimulator -Simulator $sim
        } -ArgumentList $ModuleManifest, $port
        try {
            $idBefore = ($Simulator | Connect-UnrealCv).Id
            Get-UnrealCvSession | Disconnect-UnrealCv
            $session = Connect-UnrealCv 127.0.0.1 -Port $port -TimeoutSec 5 -Verbose 4>&1 | Tee-Object -Variable output | Where-Object { $_ -is [UnrealCv.Session.UnrealCvSession] }
            $session.State | Should -Be 'Opened'
            $session.Id | Should -Be ($idBefore + 1)   # the refused attempts used no ids
            @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*not ready (attempt *' }).Count | Should -BeGreaterThan 2
            (Invoke-UnrealCvRequest 'vget /unrealcv/echo late').Text | Should -Be 'late'
        }
        finally {
            Get-UnrealCvSession | Disconnect-UnrealCv
            $late | Wait-Job -Timeout 20 | Remove-Job -Force
        }
    }

    It 'refuses a -MaxReplyBytes larger than one array can hold' {
        { Connect-UnrealCv 127.0.0.1 -Port $Simulator.Port -MaxReplyBytes 3GB -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,UnrealCv.Commands.ConnectUnrealCvCommand'
        $session = Connect-UnrealCv 127.0.0.1 -Port $Simulator.Port -MaxReplyBytes 2147483591
        $session.State | Should -Be 'Opened'
    }

    It 'says no welcome came when another client holds the binary' {
        $first = Connect-UnrealCv 127.0.0.1 -Port $Simulator.Port
        $err = { Connect-UnrealCv 127.0.0.1 -Port $Simulator.Port -TimeoutSec 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnrealCvNoWelcome,UnrealCv.Commands.ConnectUnrealCvCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*one client at a time*'
    }
}
