# Tab completion and format views.
BeforeAll {
    . $PSScriptRoot/common.ps1
    function script:Complete([string] $line) {
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
    }
}

AfterAll { Clear-TestState }

Describe 'Tab completion' -Tag Integration {
    It 'offers the plugin''s templates when no session is connected' {
        Get-UnrealCvSession | Disconnect-UnrealCv
        $matches = Complete "Invoke-UnrealCvRequest 'vget /unrealcv/st"
        $matches | Should -Be @("'vget /unrealcv/status'")
    }

    Context 'with a session' {
        BeforeAll {
            $script:Sim = Start-TestSimulator
            $script:Session = $Sim | Connect-UnrealCv -Name CompletionTarget
        }
        AfterAll { Disconnect-UnrealCv -Session $Session; Stop-UnrealCvSimulator -Simulator $Sim }

        It 'offers templates from the session''s own help' {
            $matches = Complete "Invoke-UnrealCvRequest 'vget /camera/[uint]/l"
            $matches | Should -Contain "'vget /camera/[uint]/lit [str]'"
            $matches | Should -Contain "'vget /camera/[uint]/location'"
        }

        It 'offers object names after /object/' {
            $objects = (Invoke-UnrealCvRequest 'vget /objects').Text.Trim().Split(' ')
            $first = $objects[0]
            $matches = Complete ("Invoke-UnrealCvRequest 'vget /object/" + $first.Substring(0, 3))
            $matches | Should -Contain "'vget /object/$first/'"
            ($matches | Where-Object { $_ -notlike "'vget /object/$($first.Substring(0, 3))*" }) | Should -BeNullOrEmpty
        }

        It 'offers camera ids after /camera/' {
            $count = (Invoke-UnrealCvRequest 'vget /cameras').Text.Trim().Split(' ').Count
            $matches = Complete "Invoke-UnrealCvRequest 'vset /camera/"
            $matches | Should -Be (0..($count - 1) | ForEach-Object { "'vset /camera/$_/'" })
        }

        It 'completes session names' {
            Complete 'Get-UnrealCvSession -Name Completion' | Should -Be 'CompletionTarget'
            Complete 'Disconnect-UnrealCv -Name completiont' | Should -Be 'CompletionTarget'
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
        $lines[0] | Should -Match '^\s*Id\s+Name\s+Transport\s+Endpoint\s+Project\s+State\s*$'
        $lines[2] | Should -Match "ViewTarget\s+Tcp\s+127\.0\.0\.1:$($Sim.Port)\s+ViewProject\s+Opened"
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
        $objects[0] | Should -Match '^\s*Name\s+Location\s+Rotation\s+Scale\s+Color\s+Session\s*$'
        $objects[2] | Should -Match '^RedBox\s+X=.*ViewTarget\s*$'
        $cameras = (Get-UnrealCvCamera -Id 0 | Out-String -Width 200).Split("`n") | Where-Object { $_.Trim() }
        $cameras[0] | Should -Match '^\s*Id\s+Name\s+Location\s+Rotation\s+Fov\s+Size\s+Session\s*$'
        $cameras[2] | Should -Match '640x480\s+ViewTarget\s*$'
    }

    It 'shows responses with id, session, command, reply and time' {
        $lines = (Invoke-UnrealCvRequest 'vget /unrealcv/echo shown' | Format-Table | Out-String -Width 200).Split("`n") | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^\s*Id\s+Session\s+Command\s+Value\s+ms\s*$'
        $lines[2] | Should -Match '^\s*\d+\s+ViewTarget\s+vget /unrealcv/echo shown\s+shown\s+\d+\.\d\s*$'
    }
}
