BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Simulator = Start-UnrealCvSimulator -FrameTimeMs 0 -ProjectName 'PesterProject' -Profile Windows
}

AfterAll {
    Get-UnrealCvSession | Disconnect-UnrealCv
    Stop-UnrealCvSimulator
}

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
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start(); $freePort = $listener.LocalEndpoint.Port; $listener.Stop()
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $err = { Connect-UnrealCv 127.0.0.1 -Port $freePort -TimeoutSec 2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnrealCvConnectFailed,UnrealCv.Commands.ConnectUnrealCvCommand' -PassThru
        $err.Exception.Message | Should -BeLike "*nothing is listening at 127.0.0.1:$freePort*"
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'says no welcome came when another client holds the binary' {
        $first = Connect-UnrealCv 127.0.0.1 -Port $Simulator.Port
        $err = { Connect-UnrealCv 127.0.0.1 -Port $Simulator.Port -TimeoutSec 1 -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnrealCvNoWelcome,UnrealCv.Commands.ConnectUnrealCvCommand' -PassThru
        $err.Exception.Message | Should -BeLike '*one client at a time*'
    }
}
