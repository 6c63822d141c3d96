# The current session: which one it is after a disconnect, and choosing it with Use-UnrealCvSession.
BeforeAll {
    . $PSScriptRoot/common.ps1
}

AfterAll { Clear-TestState }

Describe 'Use-UnrealCvSession' -Tag Unit {
    It 'is exported with SupportsShouldProcess and the Session, Id and Name sets' {
        $command = Get-Command Use-UnrealCvSession
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('Id', 'Name', 'Session')
        $command.DefaultParameterSet | Should -Be 'Session'
        $command.Parameters['Session'].Attributes.ValueFromPipeline | Should -Contain $true
    }
}

Describe 'The current session' -Tag Integration {
    BeforeEach {
        Get-UnrealCvSession | Disconnect-UnrealCv
        $script:Sims = 1..3 | ForEach-Object { Start-TestSimulator -ProjectName "Current$_" }
        $script:One = $Sims[0] | Connect-UnrealCv -Name One
        $script:Two = $Sims[1] | Connect-UnrealCv -Name Two
        $script:Three = $Sims[2] | Connect-UnrealCv -Name Three
    }
    AfterEach {
        Get-UnrealCvSession | Disconnect-UnrealCv
        Stop-UnrealCvSimulator -Simulator $Sims
    }

    It 'becomes the most recently connected remaining session when the current one is disconnected, and a warning names it' {
        Disconnect-UnrealCv -WarningVariable moved -WarningAction SilentlyContinue
        (Get-UnrealCvSession -Current).Name | Should -Be 'Two'
        @($moved).Count | Should -Be 1
        "$moved" | Should -Match "session $($Two.Id) 'Two' \(127\.0\.0\.1:$($Sims[1].Port), Current2\) is current now"
        (Invoke-UnrealCvRequest 'vget /scene/name').Text | Should -Be 'Current2'
    }

    It 'stays as it is, without a warning, when another session is disconnected' {
        Disconnect-UnrealCv -Session $One -WarningVariable moved -WarningAction SilentlyContinue
        (Get-UnrealCvSession -Current).Name | Should -Be 'Three'
        $moved | Should -BeNullOrEmpty
    }

    It 'is none, without a warning, once every session is disconnected' {
        Get-UnrealCvSession | Disconnect-UnrealCv -WarningVariable moved -WarningAction SilentlyContinue
        Get-UnrealCvSession -Current | Should -BeNullOrEmpty
        $moved | Should -BeNullOrEmpty
    }

    It 'is chosen by name, id, object or pipeline' {
        Use-UnrealCvSession One
        (Get-UnrealCvSession -Current).Name | Should -Be 'One'
        Use-UnrealCvSession -Id $Two.Id
        (Get-UnrealCvSession -Current).Name | Should -Be 'Two'
        Use-UnrealCvSession -Session $Three
        (Get-UnrealCvSession -Current).Name | Should -Be 'Three'
        Get-UnrealCvSession -Name on* | Use-UnrealCvSession
        (Get-UnrealCvSession -Current).Name | Should -Be 'One'
        (Invoke-UnrealCvRequest 'vget /scene/name').Text | Should -Be 'Current1'
        (Use-UnrealCvSession Two -PassThru).Id | Should -Be $Two.Id
    }

    It 'is not changed by -WhatIf, which says what it would make current' {
        $run = Invoke-CapturingHost {
            $sims = 1..2 | ForEach-Object { Start-TestSimulator -ProjectName "WhatIf$_" }
            $null = $sims[0] | Connect-UnrealCv -Name One
            $null = $sims[1] | Connect-UnrealCv -Name Two
            Use-UnrealCvSession One -WhatIf
            (Get-UnrealCvSession -Current).Name
            $sims[0].Port
        }
        $run.Output[0] | Should -Be 'Two'
        $run.HostLines | Should -BeExactly "What if: Performing the operation ""Make current"" on target ""One (127.0.0.1:$($run.Output[1]), Opened)""."
    }

    It 'is not changed by a name or id that matches no session, or several, or a closed session' {
        Use-UnrealCvSession -Name Nope -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'UnrealCvSessionNotFound,UnrealCv.Commands.UseUnrealCvSessionCommand'
        Use-UnrealCvSession -Id 999999 -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'UnrealCvSessionNotFound,UnrealCv.Commands.UseUnrealCvSessionCommand'
        Use-UnrealCvSession -Name T* -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'UnrealCvSessionAmbiguous,UnrealCv.Commands.UseUnrealCvSessionCommand'
        Disconnect-UnrealCv -Session $One
        Use-UnrealCvSession -Session $One -ErrorVariable e -ErrorAction SilentlyContinue
        $e[0].FullyQualifiedErrorId | Should -Be 'UnrealCvSessionNotFound,UnrealCv.Commands.UseUnrealCvSessionCommand'
        (Get-UnrealCvSession -Current).Name | Should -Be 'Three'
    }

    It 'is marked with * in the session table, and only it' {
        Use-UnrealCvSession Two
        $rows = (Get-UnrealCvSession | Out-String -Width 80).Split("`n") | Where-Object { $_ -match '\b(One|Two|Three)\b' }
        $rows.Count | Should -Be 3
        ($rows | Where-Object { $_ -match '^\s*\*' }) | Should -Match "^\* $($Two.Id) Two\s"
        ($rows | Where-Object { $_ -notmatch '^\s*\*' }).Count | Should -Be 2
    }
}
