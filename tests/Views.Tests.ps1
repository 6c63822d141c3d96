# Every view at 80 columns: key values (names, ids, endpoints, locations) are shown whole, never cut or ellipsized.
BeforeAll {
    . $PSScriptRoot/common.ps1
    function script:Show($InputObject) { $InputObject | Out-String -Width 80 }
    function script:Assert-Whole([string] $Text, [string[]] $Values) {
        $Text | Should -Not -Match ([char]0x2026) -Because 'nothing is ellipsized'
        @($Text.Split("`n") | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        foreach ($value in $Values) {
            $Text | Should -Match "(?m)(^|\s)$([regex]::Escape($value))(\s|$)" -Because "'$value' is shown whole at 80 columns"
        }
    }
}

AfterAll { Clear-TestState }

Describe 'Views at 80 columns' -Tag Integration {
    BeforeAll {
        Get-UnrealCvSession | Disconnect-UnrealCv
        $script:Tcp = Start-TestSimulator
        $script:Unix = Start-TestSimulator -Profile Linux
        $script:TcpSession = $Tcp | Connect-UnrealCv -Name CaptureSession01
        $script:UnixSession = $Unix | Connect-UnrealCv -Transport Unix
        Use-UnrealCvSession $TcpSession
    }
    AfterAll { Get-UnrealCvSession | Disconnect-UnrealCv; Stop-UnrealCvSimulator -Simulator $Tcp, $Unix }

    It 'shows sessions with their id, name, state, endpoint and project' {
        $sessions = Get-UnrealCvSession
        $values = foreach ($s in $sessions) { "$($s.Id)", $s.Name, "$($s.State)", $s.Endpoint, $s.ProjectName }
        $values | Should -Contain 'UnrealCvSimulator'
        $values | Should -Contain "/tmp/unrealcv_$($Unix.Port).socket"
        Assert-Whole (Show $sessions) $values
    }

    It 'shows every object with its name, location, rotation and scale' {
        $objects = Get-UnrealCvObject
        $objects.Count | Should -BeGreaterThan 20
        $values = foreach ($o in $objects) { $o.Name, $o.Location.ToCommandText(), $o.Rotation.ToCommandText(), $o.Scale.ToCommandText() }
        $values | Should -Contain 'UnrealcvWorldController_0'
        Assert-Whole (Show $objects) $values
        Assert-Whole (Show ($objects | Format-List)) ($objects | ForEach-Object { $_.Name, "$($_.Location)", "$($_.Color)" })
    }

    It 'shows cameras with their id, name, location and size' {
        $cameras = Get-UnrealCvCamera
        $values = foreach ($c in $cameras) { "$($c.Id)", $c.Name, $c.Location.ToCommandText(), $c.Rotation.ToCommandText(), "$($c.Width)x$($c.Height)" }
        Assert-Whole (Show $cameras) $values
    }

    It 'shows games with their session, level and pause state' {
        $games = Get-UnrealCvSession | Get-UnrealCvGame
        $values = foreach ($g in $games) { "$($g.SessionId)", $g.SessionName, $g.Level, "$($g.IsPaused)" }
        $values | Should -Contain 'SimulatorMap'
        Assert-Whole (Show $games) $values
        (Show $games) | Should -Match '(?m)^SessionId\s+SessionName\s+Level\s+IsPaused\s*$'
    }

    It 'shows responses with their id, session and command' {
        $responses = Invoke-UnrealCvRequest 'vget /camera/0/location', 'vget /unrealcv/version', 'vget /object/RedBox/location'
        $values = foreach ($r in $responses) { "$($r.RequestId)", $r.SessionName, $r.Command }
        Assert-Whole (Show $responses) $values
        $objects = Invoke-UnrealCvRequest 'vget /objects'
        $text = Show $objects
        $text | Should -Not -Match ([char]0x2026) -Because 'a long value wraps instead of being cut'
        $flat = ($text -replace '\s', '').Replace(('{0:0.0}' -f $objects.Duration.TotalMilliseconds), '') # the ms cell sits beside the value's first line
        $flat | Should -Match ([regex]::Escape(($objects.Text -replace '\s', '')))
    }

    It 'shows the largest request ids whole: ids begin at random below 2^30 and grow to int.MaxValue' {
        # A response as the session would make it, with an id of ten digits (a session's ids reach them after a random
        # start of 1e9 or more, about one session in 14).
        $make = [UnrealCv.Replies.UnrealCvResponse].GetConstructors([Reflection.BindingFlags]'NonPublic,Instance') |
            Where-Object { $p = $_.GetParameters(); $p.Count -eq 6 -and $p[5].ParameterType -eq [TimeSpan] }
        $responses = foreach ($id in [int]::MaxValue, 1000000000) {
            $make.Invoke([object[]]@($TcpSession.psobject.BaseObject, $id, 'vget /camera/0/location', '-500 0 170', $null, [TimeSpan]::FromMilliseconds(0.3)))
        }
        Assert-Whole (Show $responses) "$([int]::MaxValue)", '1000000000', 'CaptureSession01', '-500 0 170'
    }

    It 'shows simulators with their project, port and socket' {
        $values = "$($Tcp.Port)", "$($Unix.Port)", 'UnrealCvSimulator', $Unix.SocketPath
        Assert-Whole (Show ($Tcp, $Unix)) $values
    }

    It 'shows captures by format, size and shape' {
        $image = Get-UnrealCvImage -Format bmp
        Assert-Whole (Show $image) 'bmp', '640', '480', "$($image.Bytes.Length)"
        $depth = Get-UnrealCvImage -Mode depth
        Assert-Whole (Show $depth) '(480, 640)', "$($depth.Max)"
    }

    It 'shows the files of -OutFile as Get-Item shows them: mode, user and size' {
        $path = Join-Path $TestDrive 'view.png'
        $file = Get-UnrealCvImage -OutFile $path
        $file.FullName | Should -Be $path
        $file.Length | Should -Be (Get-Item $path).Length
        if (-not $IsWindows) { $file.PSObject.Properties['UnixStat'] | Should -Not -BeNullOrEmpty }
        $file.PSParentPath | Should -Be (Get-Item $path).PSParentPath
        Show $file | Should -Be (Show (Get-Item $path))
        Show $file | Should -Match "(?m)\s$($file.Length) view\.png\s*$"
    }

    It 'shows binaries with their name, process id, port and session' -Skip:(-not $IsLinux) {
        $range = Get-FreePortRange 20
        $binary = Start-UnrealCvBinary $SimulatorProgram -PortRange $range -ArgumentList $FastTicks -Connect
        try {
            Assert-Whole (Show $binary) $binary.Name, "$($binary.ProcessId)", "$($binary.Port)", $binary.Session.Name
        }
        finally {
            Stop-UnrealCvBinary -Binary $binary -WarningAction SilentlyContinue
        }
    }
}
