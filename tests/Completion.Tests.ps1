# Tab completion and format views.
BeforeAll {
    . $PSScriptRoot/common.ps1
    function script:Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
    }
}

AfterAll { Clear-TestState }

Describe 'Tab completion' -Tag Integration {
    It 'offers the plugin''s commands when no session is connected, and no placeholder where a value is needed' {
        Get-UnrealCvSession | Disconnect-UnrealCv
        Complete "Invoke-UnrealCvRequest 'vget /unrealcv/st" | Should -Be @("'vget /unrealcv/status'")
        Complete "Invoke-UnrealCvRequest 'vget /camera/" | Should -BeNullOrEmpty
    }

    Context 'with a session' {
        BeforeAll {
            $script:Sim = Start-TestSimulator
            $script:Session = $Sim | Connect-UnrealCv -Name CompletionTarget
            $script:Objects = (Invoke-UnrealCvRequest 'vget /objects').Text.Trim().Split(' ')
            $script:Cameras = (Invoke-UnrealCvRequest 'vget /cameras').Text.Trim().Split(' ')
        }
        AfterAll { Disconnect-UnrealCv -Session $Session; Stop-UnrealCvSimulator -Simulator $Sim }

        It 'completes one piece at a time: verb, path segment, camera id, command, format' {
            Complete "Invoke-UnrealCvRequest vg" | Should -Be @("'vget '")
            Complete "Invoke-UnrealCvRequest 'vget /ca" | Should -Be @("'vget /cameras'", "'vget /camera/'")
            Complete "Invoke-UnrealCvRequest 'vget /camera/" | Should -Be (0..($Cameras.Count - 1) | ForEach-Object { "'vget /camera/$_/'" })
            $commands = Complete "Invoke-UnrealCvRequest 'vget /camera/1/"
            $commands | Should -Contain "'vget /camera/1/location'"
            $commands | Should -Contain "'vget /camera/1/lit '"
            Complete "Invoke-UnrealCvRequest 'vget /camera/1/lit '" | Should -Be @("'vget /camera/1/lit png'", "'vget /camera/1/lit bmp'")
            Complete "Invoke-UnrealCvRequest 'vget /camera/0/depth '" | Should -Be @("'vget /camera/0/depth npy'")
        }

        It 'completes what the completion offered into a command the session answers' {
            $line = "Invoke-UnrealCvRequest 'vget /camera/0/lo"
            $command = (Complete $line).Trim("'")
            $command | Should -Be 'vget /camera/0/location'
            (Invoke-UnrealCvRequest $command).Text | Should -Be (Invoke-UnrealCvRequest 'vget /camera/0/location').Text
        }

        It 'never offers a placeholder' {
            $lines = "'", "'v", "'vget /", "'vset /", "'vget /camera/0/", "'vset /camera/0/", "'vget /object/RedBox/", "'vset /object/RedBox/", "'vset /camera/0/size ", "'vset /objects/"
            foreach ($line in $lines) {
                $matches = Complete "Invoke-UnrealCvRequest $line"
                $matches | Should -Not -BeNullOrEmpty -Because "$line has completions"
                ($matches | Where-Object { $_ -match '\[(uint|str|float)\]' }) | Should -BeNullOrEmpty -Because "$line completes to values"
            }
            Complete "Invoke-UnrealCvRequest 'vrun " | Should -BeNullOrEmpty -Because 'a console command has no values to offer'
        }

        It 'offers object names after /object/, then the object''s commands' {
            $first = $Objects[0]
            $matches = Complete ("Invoke-UnrealCvRequest 'vget /object/" + $first.Substring(0, 3))
            $matches | Should -Contain "'vget /object/$first/'"
            ($matches | Where-Object { $_ -notlike "'vget /object/$($first.Substring(0, 3))*" }) | Should -BeNullOrEmpty
            Complete "Invoke-UnrealCvRequest 'vget /object/Red" | Should -Be @("'vget /object/RedBox/'")
            Complete "Invoke-UnrealCvRequest 'vget /object/RedBox/lo" | Should -Be @("'vget /object/RedBox/location'")
            Complete "Invoke-UnrealCvRequest 'vbp Red" | Should -Be @("'vbp RedBox '")
        }

        It 'offers view modes, and the current value of what a vset changes' {
            $modes = Complete "Invoke-UnrealCvRequest 'vset /viewmode '"
            foreach ($mode in 'lit', 'depth', 'normal', 'object_mask') { $modes | Should -Contain "'vset /viewmode $mode'" }
            $location = (Invoke-UnrealCvRequest 'vget /object/RedBox/location').Text
            Complete "Invoke-UnrealCvRequest 'vset /object/RedBox/location '" | Should -Be @("'vset /object/RedBox/location $location'")
            Invoke-UnrealCvRequest 'vset /object/RedBox/location 1 2 3' | Out-Null
            Complete "Invoke-UnrealCvRequest 'vset /object/RedBox/location '" | Should -Be @("'vset /object/RedBox/location 1.000 2.000 3.000'") -Because 'a current value is asked afresh'
            $fov = (Invoke-UnrealCvRequest 'vget /camera/1/fov').Text
            Complete "Invoke-UnrealCvRequest 'vset /camera/1/fov '" | Should -Be @("'vset /camera/1/fov $fov'")
        }

        It 'completes object names and camera ids of the scene cmdlets' {
            Complete 'Get-UnrealCvObject -Name Red' | Should -Be 'RedBox'
            Complete 'Get-UnrealCvObject Gree' | Should -Be 'GreenBox'
            Complete 'Get-UnrealCvObject -Name ' | Should -Be $Objects
            Complete 'Set-UnrealCvObject -Name Yell' | Should -Be 'YellowSphere'
            $ids = 0..($Cameras.Count - 1) | ForEach-Object { "$_" }
            Complete 'Get-UnrealCvCamera -Id ' | Should -Be $ids
            Complete 'Set-UnrealCvCamera -Id ' | Should -Be $ids
            Complete 'Get-UnrealCvImage -Camera ' | Should -Be $ids
            Complete 'Get-UnrealCvImage -Id 1' | Should -Be '1'
            $menu = (TabExpansion2 -inputScript 'Get-UnrealCvCamera -Id ' -cursorColumn 23).CompletionMatches.ListItemText
            $menu | Should -Be (0..($Cameras.Count - 1) | ForEach-Object { "$_ $($Cameras[$_])" })
        }

        It 'completes session names' {
            Complete 'Get-UnrealCvSession -Name Completion' | Should -Be 'CompletionTarget'
            Complete 'Disconnect-UnrealCv -Name completiont' | Should -Be 'CompletionTarget'
            Complete 'Use-UnrealCvSession Completion' | Should -Be 'CompletionTarget'
        }
    }

    Context 'with two sessions' {
        BeforeAll {
            $script:SimA = Start-TestSimulator
            $script:SimB = Start-TestSimulator
            $script:A = $SimA | Connect-UnrealCv -Name CompletionA
            $script:B = $SimB | Connect-UnrealCv -Name CompletionB
            Invoke-UnrealCvRequest -Session $B 'vset /cameras/spawn' | Out-Null # B has one camera more than A
        }
        AfterAll { Get-UnrealCvSession | Disconnect-UnrealCv; Stop-UnrealCvSimulator -Simulator $SimA, $SimB }

        It 'asks the -Session given on the command line, else the current session' {
            Complete "Invoke-UnrealCvRequest 'vget /camera/" | Should -Be @("'vget /camera/0/'", "'vget /camera/1/'", "'vget /camera/2/'")
            Complete "Invoke-UnrealCvRequest -Session `$A 'vget /camera/" | Should -Be @("'vget /camera/0/'", "'vget /camera/1/'")
            Complete 'Get-UnrealCvCamera -Session $A -Id ' | Should -Be @('0', '1')
            Complete 'Get-UnrealCvCamera -Id ' | Should -Be @('0', '1', '2')
        }
    }

    Context 'with a hung binary' {
        BeforeAll {
            $script:Hung = Start-TestSimulator
            $script:HungSession = $Hung | Connect-UnrealCv -Name Hung
        }
        AfterAll {
            $Hung.Resume()
            Disconnect-UnrealCv -Session $HungSession
            Stop-UnrealCvSimulator -Simulator $Hung
        }

        It 'offers nothing, asks once within its timeout, and does not ask again at the next Tab' {
            $before = Invoke-UnrealCvRequest -Session $HungSession 'vget /unrealcv/echo before'
            $Hung.Suspend()
            Complete 'Get-UnrealCvObject -Name ' | Should -BeNullOrEmpty
            Complete "Invoke-UnrealCvRequest 'vget /object/" | Should -BeNullOrEmpty
            Complete 'Get-UnrealCvCamera -Id ' | Should -BeNullOrEmpty
            $Hung.Resume()
            $after = Invoke-UnrealCvRequest -Session $HungSession 'vget /unrealcv/echo after'
            $after.Text | Should -Be 'after' -Because 'the late reply to the question was dropped'
            $after.RequestId | Should -Be ($before.RequestId + 2) -Because 'one question was sent; a session that let one time out is not asked again for a while'
        }
    }
}

Describe 'Format views' -Tag Integration {
    BeforeAll {
        $script:Sim = Start-TestSimulator -ProjectName ViewProject
        $script:Session = $Sim | Connect-UnrealCv -Name ViewTarget
    }
    AfterAll { Disconnect-UnrealCv -Session $Session; Stop-UnrealCvSimulator -Simulator $Sim }

    It 'shows sessions as a table like Get-PSSession' {
        $lines = ($Session | Format-Table | Out-String -Width 200).Split("`n") | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^\s*Id\s+Name\s+State\s+Endpoint\s+Project\s*$'
        $lines[2] | Should -Match "^\* $($Session.Id) ViewTarget\s+Opened\s+127\.0\.0\.1:$($Sim.Port)\s+ViewProject\s*$"
    }

    It 'shows an image as a one-line summary, never its bytes' {
        $text = (Get-UnrealCvImage -Format bmp | Out-String -Width 200)
        $lines = $text.Split("`n") | Where-Object { $_.Trim() }
        $lines.Count | Should -Be 3
        $lines[0] | Should -Match '^\s*Format\s+Width\s+Height\s+Bytes\s*$'
        $lines[2] | Should -Match ('^\s*bmp\s+640\s+480\s+{0}\s*$' -f (58 + 4 * 640 * 480))
    }

    It 'shows objects and cameras as tables' {
        $objects = (Get-UnrealCvObject RedBox | Out-String -Width 200).Split("`n") | Where-Object { $_.Trim() }
        $objects[0] | Should -Match '^\s*Name\s+Location\s+Rotation\s+Scale\s+SessionId\s*$'
        $objects[2] | Should -Match "^RedBox\s+100 -150 50\s+0 0 0\s+1 1 1\s+$($Session.Id)\s*$"
        $cameras = (Get-UnrealCvCamera -Id 0 | Out-String -Width 200).Split("`n") | Where-Object { $_.Trim() }
        $cameras[0] | Should -Match '^\s*Id\s+Name\s+Location\s+Rotation\s+Fov\s+Size\s+SessionId\s*$'
        $cameras[2] | Should -Match "640x480\s+$($Session.Id)\s*$"
    }

    It 'shows responses with id, session, command, reply and time' {
        $lines = (Invoke-UnrealCvRequest 'vget /unrealcv/echo shown' | Format-Table | Out-String -Width 200).Split("`n") | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^\s*Id\s+Session\s+Command\s+Value\s+ms\s*$'
        $lines[2] | Should -Match '^\s*\d+\s+ViewTarget\s+vget /unrealcv/echo shown\s+shown\s+\d+\.\d\s*$'
    }
}
