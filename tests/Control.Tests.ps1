# Game control (issue 16 item 3): Get/Suspend/Resume/Step/Set-UnrealCvGame, Send-UnrealCvKey, Open-UnrealCvLevel,
# New/Hide/Show/Remove-UnrealCvObject, each over one 4.27-stable command, against the simulator.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Sim = Start-TestSimulator -Width 64 -Height 48 -Level OtherMap
    $script:Main = $Sim | Connect-UnrealCv

    # A fresh scene (the level built again: unpaused, time dilation 1, no keys held) and no frame limit, with raw
    # requests rather than the cmdlets under test.
    function script:Reset-Game {
        $null = 'vset /action/game/level SimulatorMap', 'vrun t.MaxFPS 0' | Invoke-UnrealCvRequest -Session $Main
        Wait-NextFrame $Sim $Main # the map loads when the game next ticks
    }

    # Pixels of one colour in a capture.
    function script:Get-PixelCount([UnrealCv.Replies.UnrealCvImage] $Image, [UnrealCv.Replies.UnrealCvColor] $Color) {
        $n = 0
        for ($y = 0; $y -lt $Image.Height; $y++) {
            for ($x = 0; $x -lt $Image.Width; $x++) {
                $p = $Image.GetPixel($x, $y)
                if ($p.R -eq $Color.R -and $p.G -eq $Color.G -and $p.B -eq $Color.B) { $n++ }
            }
        }
        $n
    }

    function script:Get-PawnLocation { (Invoke-UnrealCvRequest 'vget /camera/0/location' -Session $Main).Value }

    # Waits (at most 10 s) until the pawn has moved and then stopped: two reads 50 ms apart agree. Its last location.
    function script:Wait-PawnAtRest([UnrealCv.Replies.UnrealCvVector] $From) {
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        $last = $null
        while ([DateTime]::UtcNow -lt $deadline) {
            $now = Get-PawnLocation
            if ($null -ne $last -and $now -eq $last -and $now -ne $From) { return $now }
            $last = $now
            Start-Sleep -Milliseconds 50
        }
        throw "the pawn did not move from $From and stop within 10 s (last at $last)"
    }
}

AfterAll { Clear-TestState }

Describe 'Game control cmdlets' -Tag Unit {
    It '<Name> asks before it changes the game (-WhatIf, -Confirm)' -ForEach @(
        @{ Name = 'Suspend-UnrealCvGame' }, @{ Name = 'Resume-UnrealCvGame' }, @{ Name = 'Step-UnrealCvGame' },
        @{ Name = 'Set-UnrealCvGame' }, @{ Name = 'Send-UnrealCvKey' }, @{ Name = 'Open-UnrealCvLevel' },
        @{ Name = 'New-UnrealCvObject' }, @{ Name = 'Hide-UnrealCvObject' }, @{ Name = 'Show-UnrealCvObject' },
        @{ Name = 'Remove-UnrealCvObject' }) {
        $command = Get-Command $Name
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.Parameters.Keys | Should -Contain 'Confirm'
        $command.Parameters['Session'].ParameterType | Should -Be ([UnrealCv.Session.UnrealCvSession[]])
    }

    It 'Get-UnrealCvGame changes nothing, so it has no -WhatIf' {
        (Get-Command Get-UnrealCvGame).Parameters.Keys | Should -Not -Contain 'WhatIf'
        (Get-Command Get-UnrealCvGame).OutputType.Type | Should -Be ([UnrealCv.Model.UnrealCvGame])
    }

    It 'takes sessions from the pipeline, and by property name from Get-UnrealCvGame' {
        $session = (Get-Command Suspend-UnrealCvGame).Parameters['Session'].Attributes | Where-Object { $_ -is [Parameter] }
        $session.ValueFromPipeline | Should -BeTrue
        $session.ValueFromPipelineByPropertyName | Should -BeTrue
        $name = (Get-Command Hide-UnrealCvObject).Parameters['Name'].Attributes | Where-Object { $_ -is [Parameter] }
        $name.ValueFromPipelineByPropertyName | Should -BeTrue
        $name.Mandatory | Should -BeTrue
    }

    It 'refuses <Case>' -ForEach @(
        @{ Case = 'a step of 0 frames'; Script = { Step-UnrealCvGame -Count 0 } }
        @{ Case = 'a time dilation of 0'; Script = { Set-UnrealCvGame -TimeDilation 0 } }
        @{ Case = 'a time dilation above the engine''s 20'; Script = { Set-UnrealCvGame -TimeDilation 21 } }
        @{ Case = 'a negative frame limit'; Script = { Set-UnrealCvGame -MaxFps -1 } }
        @{ Case = 'a key held for 0 s (the plugin would never release it)'; Script = { Send-UnrealCvKey W -Seconds 0 } }
        @{ Case = 'a key name with a blank'; Script = { Send-UnrealCvKey 'Left Shift' } }
        @{ Case = 'a level name with a blank'; Script = { Open-UnrealCvLevel 'My Map' } }
        @{ Case = 'a class name with a blank'; Script = { New-UnrealCvObject 'Static Mesh' } }) {
        $Script | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'Set-UnrealCvGame wants something to set' {
        { Set-UnrealCvGame -Session $Main } | Should -Throw -ErrorId 'UnrealCvNothingToSet,UnrealCv.Commands.SetUnrealCvGameCommand'
        { Set-UnrealCvGame -Session $Main } | Should -Throw '*-TimeDilation or -MaxFps*'
    }

    It 'without a session, <_> says so' -ForEach @('Suspend-UnrealCvGame', 'Get-UnrealCvGame') {
        $run = Invoke-CapturingHost {
            param($name)
            try { & $name -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
        } -ArgumentList $_
        $run.Output | Should -Be "UnrealCvNoSession,UnrealCv.Commands.$($_ -replace '-', '')Command"
    }
}

Describe 'Get-UnrealCvGame, Suspend-UnrealCvGame, Resume-UnrealCvGame' -Tag Integration {
    BeforeEach { Reset-Game }

    It 'reads the level and the pause state' {
        $game = Get-UnrealCvGame
        $game | Should -BeOfType 'UnrealCv.Model.UnrealCvGame'
        $game.Level | Should -BeExactly 'SimulatorMap'
        $game.IsPaused | Should -BeFalse
        $game.Session | Should -Be $Main
        $game.SessionName | Should -BeExactly $Main.Name
        $game.SessionId | Should -Be $Main.Id
    }

    It 'pauses (vset /action/game/pause) and resumes (vset /action/game/resume)' {
        $before = Get-NextRequestId
        Suspend-UnrealCvGame | Should -BeNullOrEmpty
        (Get-NextRequestId) - $before | Should -Be 2 -Because 'one command, and the echo of Get-NextRequestId'
        (Invoke-UnrealCvRequest 'vget /action/game/is_paused').Value | Should -BeTrue
        Suspend-UnrealCvGame
        (Get-UnrealCvGame).IsPaused | Should -BeTrue -Because 'pausing a paused game changes nothing'
        Resume-UnrealCvGame | Should -BeNullOrEmpty
        (Invoke-UnrealCvRequest 'vget /action/game/is_paused').Text | Should -BeExactly 'false'
    }

    It 'writes the game read back with -PassThru' {
        $paused = Suspend-UnrealCvGame -PassThru
        $paused.IsPaused | Should -BeTrue
        $paused.Level | Should -BeExactly 'SimulatorMap'
        (Resume-UnrealCvGame -PassThru).IsPaused | Should -BeFalse
    }

    It 'keeps the player camera''s view while paused: it takes a new rotation only once the game runs' {
        Suspend-UnrealCvGame
        Set-UnrealCvCamera 0 -Rotation 0, 45, 0
        foreach ($i in 1..3) {
            Start-Sleep -Milliseconds 120   # idle frames of the simulator (one every 100 ms)
            (Get-UnrealCvCamera 0).Rotation | Should -Be ([UnrealCv.Replies.UnrealCvRotator]::new(-10, 0, 0))
        }
        Resume-UnrealCvGame
        # The next frame takes it (a request sent at once usually runs in that frame, but may share the resume's).
        Wait-Condition -TimeoutSec 5 { (Get-UnrealCvCamera 0).Rotation -eq [UnrealCv.Replies.UnrealCvRotator]::new(0, 45, 0) } | Should -BeTrue
    }

    It 'still answers and moves objects at once while paused' {
        Suspend-UnrealCvGame
        Set-UnrealCvObject RedBox -Location 1, 2, 3
        (Get-UnrealCvObject RedBox).Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(1, 2, 3))
    }

    It 'acts on piped sessions, each one' {
        $sim2 = Start-TestSimulator -Width 32 -Height 24
        try {
            $second = $sim2 | Connect-UnrealCv -Name Second
            $Main, $second | Suspend-UnrealCvGame
            (Get-UnrealCvSession | Get-UnrealCvGame).IsPaused | Should -Be @($true, $true)
            Get-UnrealCvGame -Session $second | Resume-UnrealCvGame
            (Get-UnrealCvGame -Session $Main, $second).IsPaused | Should -Be @($true, $false)
        }
        finally {
            Get-UnrealCvSession -Name Second | Disconnect-UnrealCv -WarningAction SilentlyContinue
            Stop-UnrealCvSimulator $sim2
            Use-UnrealCvSession -Session $Main
        }
    }

    It 'keeps its session''s properties across a process boundary (UnrealCv.Types.ps1xml: two levels)' {
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize((Get-UnrealCvGame)))
        $copy.pstypenames[0] | Should -Be 'Deserialized.UnrealCv.Model.UnrealCvGame'
        $copy.Level | Should -BeExactly 'SimulatorMap'
        $copy.IsPaused | Should -BeFalse
        $copy.Session.pstypenames[0] | Should -Be 'Deserialized.UnrealCv.Session.UnrealCvSession'
        $copy.Session.Port | Should -Be $Main.Port
    }

    It '-WhatIf names the command and sends nothing' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            $before = Get-NextRequestId
            Suspend-UnrealCvGame -WhatIf
            Resume-UnrealCvGame -WhatIf
            (Get-NextRequestId) - $before
            (Get-UnrealCvGame).IsPaused
        }
        $run.Output | Should -Be @(1, $false)
        $run.HostLines | Should -BeExactly @(
            'What if: Performing the operation "Pause (vset /action/game/pause)" on target "game on WhatIf".'
            'What if: Performing the operation "Resume (vset /action/game/resume)" on target "game on WhatIf".')
    }
}

Describe 'Step-UnrealCvGame' -Tag Integration {
    BeforeEach { Reset-Game }

    It 'runs a paused game until the camera takes its new rotation, and leaves it paused' {
        # One frame is needed. Each round trip of a step normally spans a frame, but when the game thread is held up
        # right after a reply the next request runs in that same frame (as on the plugin); on a loaded machine all of a
        # step's did. So a step that ran no frame is followed by another, at most 20 in all.
        function Step-UntilYaw([double] $Yaw) {
            $steps = 0
            do { $game = Step-UnrealCvGame 3 -PassThru; $steps++ } while ((Get-UnrealCvCamera 0).Rotation.Yaw -ne $Yaw -and $steps -lt 20)
            $game
        }
        $target = [UnrealCv.Replies.UnrealCvRotator]::new(-20, 90, 0)
        Suspend-UnrealCvGame
        Set-UnrealCvCamera 0 -Rotation -20, 90, 0
        Start-Sleep -Milliseconds 120
        (Get-UnrealCvCamera 0).Rotation | Should -Be ([UnrealCv.Replies.UnrealCvRotator]::new(-10, 0, 0))
        $game = Step-UntilYaw 90
        $game.IsPaused | Should -BeTrue
        (Get-UnrealCvCamera 0).Rotation | Should -Be $target
        # Paused again: a further rotation waits for the next step.
        Set-UnrealCvCamera 0 -Rotation 0, 120, 0
        Start-Sleep -Milliseconds 120
        (Get-UnrealCvCamera 0).Rotation | Should -Be $target
        $null = Step-UntilYaw 120
        (Get-UnrealCvCamera 0).Rotation.Yaw | Should -Be 120
    }

    It 'sends resume, Count-1 round trips of is_paused, then pause' {
        Suspend-UnrealCvGame
        $before = Get-NextRequestId
        $verbose = Step-UnrealCvGame 4 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match ' <- #' }
        (Get-NextRequestId) - $before | Should -Be 6 -Because 'resume, three probes, pause, and the echo of Get-NextRequestId'
        @($verbose.Message -replace '^.* <- #\d+ ', '') | Should -Be @(
            'vset /action/game/resume', 'vget /action/game/is_paused', 'vget /action/game/is_paused', 'vget /action/game/is_paused', 'vset /action/game/pause')
        (Get-UnrealCvGame).IsPaused | Should -BeTrue
    }

    It 'pauses a running game too' {
        Step-UnrealCvGame
        (Get-UnrealCvGame).IsPaused | Should -BeTrue
    }

    It '-WhatIf lists the commands and sends nothing' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            $before = Get-NextRequestId
            Step-UnrealCvGame 3 -WhatIf
            (Get-NextRequestId) - $before
        }
        $run.Output | Should -Be 1
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Run about 3 frames, then pause (vset /action/game/resume, 2 x vget /action/game/is_paused, vset /action/game/pause)" on target "game on WhatIf".'
    }

    It '-WhatIf for one frame names only resume and pause' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            Step-UnrealCvGame -WhatIf
        }
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Run about 1 frame, then pause (vset /action/game/resume, vset /action/game/pause)" on target "game on WhatIf".'
    }
}

Describe 'Send-UnrealCvKey' -Tag Integration {
    BeforeEach { Reset-Game }

    It 'sends vset /action/keyboard <key> <seconds> for each key, pipelined' {
        $verbose = Send-UnrealCvKey Q, E -Seconds 0.25 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match ' <- #' }
        @($verbose.Message -replace '^.* <- #\d+ ', '') | Should -Be @('vset /action/keyboard Q 0.25', 'vset /action/keyboard E 0.25')
    }

    It 'moves the default pawn forward with W for a while, then it stops' {
        $start = Get-PawnLocation
        Send-UnrealCvKey W -Seconds 0.3 | Should -BeNullOrEmpty
        $end = Wait-PawnAtRest $start
        # Forward along the control rotation (pitch -10, yaw 0): +X, a little down, nothing sideways.
        ($end.X - $start.X) | Should -BeGreaterThan 100
        # At most 1200 cm/s for 0.3 s, one more frame of at most 0.4 s, and 90 cm of braking.
        ($end.X - $start.X) | Should -BeLessThan 1300
        $end.Z | Should -BeLessThan $start.Z
        $end.Y | Should -Be $start.Y
    }

    It 'moves nothing while paused; the key is still down when the game runs again' {
        Suspend-UnrealCvGame
        $start = Get-PawnLocation
        Send-UnrealCvKey D -Seconds 0.3
        Start-Sleep -Milliseconds 500
        Get-PawnLocation | Should -Be $start
        Resume-UnrealCvGame
        $end = Wait-PawnAtRest $start
        ($end.Y - $start.Y) | Should -BeGreaterThan 100 -Because 'D moves to the right of yaw 0, +Y'
        $end.X | Should -Be $start.X
    }

    It '-WhatIf sends nothing' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            $before = Get-NextRequestId
            Send-UnrealCvKey W -Seconds 2 -WhatIf
            (Get-NextRequestId) - $before
        }
        $run.Output | Should -Be 1
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Press W for 2 s (vset /action/keyboard W 2)" on target "game on WhatIf".'
    }
}

Describe 'Set-UnrealCvGame' -Tag Integration {
    BeforeEach { Reset-Game }
    AfterAll { Reset-Game }

    It 'sends vrun slomo and vrun t.MaxFPS, numbers without exponent' {
        $verbose = Set-UnrealCvGame -TimeDilation 0.0001 -MaxFps 0 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match ' <- #' }
        @($verbose.Message -replace '^.* <- #\d+ ', '') | Should -Be @('vrun slomo 0.0001', 'vrun t.MaxFPS 0')
    }

    It 'slows game time with -TimeDilation: a held key hardly moves the pawn, then normal speed moves it' {
        Set-UnrealCvGame -TimeDilation 0.001
        $start = Get-PawnLocation
        Send-UnrealCvKey W -Seconds 0.2
        Start-Sleep -Milliseconds 500
        ((Get-PawnLocation).X - $start.X) | Should -BeLessThan 0.01 -Because '0.5 s at 0.001 is half a millisecond of game time'
        Set-UnrealCvGame -TimeDilation 1 -PassThru | ForEach-Object IsPaused | Should -BeFalse
        $end = Wait-PawnAtRest $start
        ($end.X - $start.X) | Should -BeGreaterThan 50
    }

    It 'caps the frame rate with -MaxFps: sequential requests wait for frames, and 0 lifts the cap' {
        # Timed by frames begun, not by requests answered: a request that arrives while the game still drains its
        # queue runs in that same frame (as on the plugin), so on a busy machine several can share one.
        function Measure-ThreeFrames {
            $first = $Sim.Frames
            $clock = [Diagnostics.Stopwatch]::StartNew()
            while ($Sim.Frames -lt $first + 3) {
                if ($clock.Elapsed.TotalSeconds -gt 10) { throw 'The simulator began fewer than three frames in 10 s.' }
                $null = Invoke-UnrealCvRequest 'vget /unrealcv/version' -TimeoutSec 5
            }
            $clock.ElapsedMilliseconds
        }
        Set-UnrealCvGame -MaxFps 10
        $null = Invoke-UnrealCvRequest 'vget /unrealcv/version'
        $capped = Measure-ThreeFrames
        $capped | Should -BeGreaterOrEqual 190 -Because 'three frame starts at 10 fps are at least 200 ms apart end to end'
        Set-UnrealCvGame -MaxFps 0
        $null = Invoke-UnrealCvRequest 'vget /unrealcv/version'
        Measure-ThreeFrames | Should -BeLessThan ($capped / 2) -Because 'without a cap a frame starts as soon as a request is queued'
    }

    It '-WhatIf names both console commands and sends nothing' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            $before = Get-NextRequestId
            Set-UnrealCvGame -TimeDilation 2 -MaxFps 60 -WhatIf
            (Get-NextRequestId) - $before
        }
        $run.Output | Should -Be 1
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Run vrun slomo 2, vrun t.MaxFPS 60" on target "game on WhatIf".'
    }
}

Describe 'Open-UnrealCvLevel' -Tag Integration {
    AfterAll { Reset-Game }

    It 'opens a level (vset /action/game/level): a new world, unpaused' {
        Suspend-UnrealCvGame
        $null = New-UnrealCvObject PointLight Spawned
        Open-UnrealCvLevel OtherMap | Should -BeNullOrEmpty
        Wait-NextFrame $Sim $Main
        $game = Get-UnrealCvGame
        $game.Level | Should -BeExactly 'OtherMap'
        $game.IsPaused | Should -BeFalse
        (Invoke-UnrealCvRequest 'vget /objects').Value | Should -Not -Contain 'Spawned'
    }

    It 'lands in the default map for a name the game has no map for, and still answers ok' {
        Open-UnrealCvLevel OtherMap
        Wait-NextFrame $Sim $Main
        (Get-UnrealCvGame).Level | Should -BeExactly 'OtherMap'
        Open-UnrealCvLevel NoSuchMap | Should -BeNullOrEmpty
        Wait-NextFrame $Sim $Main
        (Get-UnrealCvGame).Level | Should -BeExactly 'SimulatorMap'
    }

    It '-WhatIf sends nothing' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            Open-UnrealCvLevel Elsewhere -WhatIf
            (Get-UnrealCvGame).Level
        }
        $run.Output | Should -BeExactly 'SimulatorMap'
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Open level ''Elsewhere'' (vset /action/game/level Elsewhere)" on target "game on WhatIf".'
    }
}

Describe 'New-UnrealCvObject' -Tag Integration {
    BeforeEach { Reset-Game }

    It 'spawns a named actor that Get-UnrealCvObject then finds' {
        $new = New-UnrealCvObject PointLight MyLight
        $new | Should -BeOfType 'UnrealCv.Model.UnrealCvObject'
        $new.Name | Should -BeExactly 'MyLight'
        $new.Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(0, 0, 0))
        $new.Session | Should -Be $Main
        (Get-UnrealCvObject MyLight).Name | Should -BeExactly 'MyLight'
        (Invoke-UnrealCvRequest 'vget /objects').Value[-1] | Should -BeExactly 'MyLight'
    }

    It 'names it <Class>_<n> without -Name, as the reply says' {
        (New-UnrealCvObject TargetPoint).Name | Should -BeExactly 'TargetPoint_0'
        (New-UnrealCvObject TargetPoint).Name | Should -BeExactly 'TargetPoint_1'
    }

    It 'moves and turns a Movable actor; a Static one stays at the origin, as the engine does' {
        $camera = New-UnrealCvObject FusionCameraActor Overhead -Location 0, 0, 300 -Rotation -90, 0, 0
        $camera.Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(0, 0, 300))
        $camera.Rotation.Pitch | Should -Be -90
        (Invoke-UnrealCvRequest 'vget /cameras').Value[-1] | Should -BeExactly 'FusionCameraSensor'
        (New-UnrealCvObject StaticMeshActor Marker -Location 10, 20, 30).Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(0, 0, 0))
    }

    It 'reports the plugin''s errors as UnrealCvServerError: <Case>' -ForEach @(
        @{ Case = 'an unknown class'; Class = 'NoSuchClass'; Name = $null; Message = "*Can not find a class with name 'NoSuchClass'*" }
        @{ Case = 'a name in use'; Class = 'PointLight'; Name = 'RedBox'; Message = '*Failed to spawn RedBox, object exsit.*' }) {
        $arguments = @{ Class = $Class }
        if ($Name) { $arguments.Name = $Name }
        $out = New-UnrealCvObject @arguments -ErrorAction SilentlyContinue -ErrorVariable failures
        $out | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvServerError,UnrealCv.Commands.NewUnrealCvObjectCommand'
        $failures[0].Exception.Message | Should -BeLike $Message
    }

    It '-WhatIf spawns nothing' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            New-UnrealCvObject PointLight Ghost -WhatIf
            (Invoke-UnrealCvRequest 'vget /objects').Value -contains 'Ghost'
        }
        $run.Output | Should -Be $false
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Spawn (vset /objects/spawn PointLight Ghost)" on target "class ''PointLight'' on WhatIf".'
    }
}

Describe 'Hide-UnrealCvObject, Show-UnrealCvObject' -Tag Integration {
    BeforeAll {
        Reset-Game
        # Camera 1 looks straight down on the scene; RedBox has its annotation colour in the mask.
        $script:Red = (Get-UnrealCvObject RedBox).Color
        $script:Visible = Get-PixelCount (Get-UnrealCvImage 1 -Mode object_mask -Format bmp) $Red
    }
    AfterAll { Reset-Game }

    It 'sees RedBox in camera 1''s object mask to begin with' {
        $Visible | Should -BeGreaterThan 10
    }

    It 'hides an object (vset /object/<name>/hide): it leaves the mask and the lit capture, not the object list' {
        $lit = (Get-UnrealCvImage 1 -Format bmp).Bytes
        Hide-UnrealCvObject RedBox | Should -BeNullOrEmpty
        Get-PixelCount (Get-UnrealCvImage 1 -Mode object_mask -Format bmp) $Red | Should -Be 0
        (Get-UnrealCvImage 1 -Format bmp).Bytes | Should -Not -Be $lit
        (Invoke-UnrealCvRequest 'vget /objects').Value | Should -Contain 'RedBox'
        (Get-UnrealCvObject RedBox).Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(100, -150, 50))
    }

    It 'shows it again (vset /object/<name>/show), and writes it with -PassThru' {
        $shown = Show-UnrealCvObject RedBox -PassThru
        $shown.Name | Should -BeExactly 'RedBox'
        $shown.Color | Should -Be $Red
        Get-PixelCount (Get-UnrealCvImage 1 -Mode object_mask -Format bmp) $Red | Should -Be $Visible
    }

    It 'takes piped objects, by name and session' {
        $spheres = Get-UnrealCvObject *Sphere
        $before = Get-NextRequestId
        $spheres | Hide-UnrealCvObject
        (Get-NextRequestId) - $before | Should -Be 3 -Because 'one command per sphere, and the echo'
        $mask = Get-UnrealCvImage 1 -Mode object_mask -Format bmp
        foreach ($sphere in $spheres) { Get-PixelCount $mask $sphere.Color | Should -Be 0 }
        $spheres | Show-UnrealCvObject
        $mask = Get-UnrealCvImage 1 -Mode object_mask -Format bmp
        (Get-PixelCount $mask $spheres[0].Color) + (Get-PixelCount $mask $spheres[1].Color) | Should -BeGreaterThan 0
    }

    It 'hides an object from the bounding boxes of a capture set, and showing it brings its box back' {
        (Get-UnrealCvCapture -Camera 1 -Mode object_mask | Get-UnrealCvBoundingBox -Name RedBox).Object | Should -Be 'RedBox'
        Hide-UnrealCvObject RedBox
        Get-UnrealCvCapture -Camera 1 -Mode object_mask | Get-UnrealCvBoundingBox -Name RedBox | Should -BeNullOrEmpty
        Show-UnrealCvObject RedBox
        (Get-UnrealCvCapture -Camera 1 -Mode object_mask | Get-UnrealCvBoundingBox -Name RedBox).Pixels | Should -Be $Visible
    }

    It 'reports an unknown object as UnrealCvServerError (Can not find object) and goes on' {
        Hide-UnrealCvObject NoSuchThing -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvServerError,UnrealCv.Commands.HideUnrealCvObjectCommand'
        $failures[0].Exception.Message | Should -BeLike '*Can not find object*'
        { Show-UnrealCvObject NoSuchThing -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvServerError,UnrealCv.Commands.ShowUnrealCvObjectCommand'
    }

    It '-WhatIf hides nothing' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            $before = Get-NextRequestId
            Hide-UnrealCvObject RedBox -WhatIf
            (Get-NextRequestId) - $before
        }
        $run.Output | Should -Be 1
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Hide (vset /object/RedBox/hide)" on target "object ''RedBox'' on WhatIf".'
    }
}

Describe 'Remove-UnrealCvObject' -Tag Integration {
    BeforeEach { Reset-Game }
    AfterAll { Reset-Game }

    It 'destroys an object (vset /object/<name>/destroy): it leaves the object list and the mask' {
        $red = (Get-UnrealCvObject RedBox).Color
        Remove-UnrealCvObject RedBox | Should -BeNullOrEmpty
        (Invoke-UnrealCvRequest 'vget /objects').Value | Should -Not -Contain 'RedBox'
        Get-UnrealCvObject RedBox -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Get-PixelCount (Get-UnrealCvImage 1 -Mode object_mask -Format bmp) $red | Should -Be 0
    }

    It 'removes a spawned object, and a camera actor takes its camera along' {
        $null = New-UnrealCvObject FusionCameraActor Extra
        (Invoke-UnrealCvRequest 'vget /cameras').Value.Count | Should -Be 3
        Get-UnrealCvObject Extra | Remove-UnrealCvObject
        (Invoke-UnrealCvRequest 'vget /cameras').Value.Count | Should -Be 2
    }

    It 'reports an unknown object as UnrealCvServerError' {
        { Remove-UnrealCvObject NoSuchThing -ErrorAction Stop } | Should -Throw -ErrorId 'UnrealCvServerError,UnrealCv.Commands.RemoveUnrealCvObjectCommand'
    }

    It '-WhatIf destroys nothing' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            Get-UnrealCvObject *Box | Remove-UnrealCvObject -WhatIf
            @((Invoke-UnrealCvRequest 'vget /objects').Value -like '*Box').Count
        }
        $run.Output | Should -Be 3
        $run.HostLines | Should -BeExactly @(
            'What if: Performing the operation "Destroy (vset /object/RedBox/destroy)" on target "object ''RedBox'' on WhatIf".'
            'What if: Performing the operation "Destroy (vset /object/GreenBox/destroy)" on target "object ''GreenBox'' on WhatIf".'
            'What if: Performing the operation "Destroy (vset /object/BlueBox/destroy)" on target "object ''BlueBox'' on WhatIf".')
    }
}
