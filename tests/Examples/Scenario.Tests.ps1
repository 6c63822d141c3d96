# An example of testing an UnrealCV script against the simulator with Pester 5, as a user would write it: the module
# imported by name, one simulator for the file, each test asserting what the binary answered. CI runs this file
# (tests/Invoke-PesterSuite.ps1 puts the built module on PSModulePath); copy it as a start for your own tests.

BeforeAll {
    Import-Module UnrealCv
    # In this process, on a free port, a frame as soon as a request is queued (no 33 ms ticks to wait for).
    $script:simulator = Start-UnrealCvSimulator -Port 0 -FrameTimeMs 0
    $script:session = $simulator | Connect-UnrealCv
}

AfterAll {
    Disconnect-UnrealCv -Session $session
    $simulator | Stop-UnrealCvSimulator
}

Describe 'A script that moves an object and reads it back' {
    It 'is connected to the simulator' {
        (Invoke-UnrealCvRequest 'vget /unrealcv/echo hello' -Session $session).Text | Should -Be 'hello'
    }

    It 'moves an object of the scene and reads its new location' {
        # The simulator's scene has a RedBox (a game's objects have its own names: vget /objects lists them).
        (Invoke-UnrealCvRequest 'vget /objects' -Session $session).Value | Should -Contain 'RedBox'
        (Invoke-UnrealCvRequest 'vset /object/RedBox/location 10 20 30' -Session $session).Text | Should -Be 'ok'
        $location = (Invoke-UnrealCvRequest 'vget /object/RedBox/location' -Session $session).Value
        $location.X, $location.Y, $location.Z | Should -Be @(10, 20, 30)
    }

    It 'answers an unknown command with the plugin''s error, not a hang' {
        $response = Invoke-UnrealCvRequest 'vget /no/such/thing' -Session $session -ErrorAction SilentlyContinue
        $response.IsError | Should -BeTrue
    }
}
