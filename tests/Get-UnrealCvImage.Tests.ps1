# Get-UnrealCvImage: {Frame} numbering across calls, no overwriting without -Force, -WhatIf, and depth pictures.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Sim = Start-TestSimulator -Width 64 -Height 48
    $script:Main = $Sim | Connect-UnrealCv

    # A PNG decoded to R, G, B, A bytes (StbImageSharp ships with the module).
    Add-Type -Path (Join-Path (Split-Path $ModuleManifest) 'StbImageSharp.dll')
    function script:Read-Png([string] $Path) {
        [StbImageSharp.ImageResult]::FromMemory([IO.File]::ReadAllBytes($Path), [StbImageSharp.ColorComponents]::RedGreenBlueAlpha)
    }

    # What the documented mapping gives: t = (d - near) / (far - near), clamped; grey round(255 t).
    function script:Get-ExpectedGrey($Depth, [double] $Near, [double] $Far) {
        foreach ($d in $Depth.Data) {
            $t = [Math]::Min(1.0, [Math]::Max(0.0, ($d - $Near) / ($Far - $Near)))
            [int][Math]::Round(255 * $t, [MidpointRounding]::AwayFromZero)
        }
    }
}

AfterAll { Clear-TestState }

Describe 'Get-UnrealCvImage -OutFile {Frame}' -Tag Integration {
    # A test that connects a second session disconnects it again, which may leave no current session; the simulator
    # serves one client at a time, so the main session is closed before it is opened again.
    BeforeEach { if (-not (Get-UnrealCvSession -Current)) { $Main | Disconnect-UnrealCv; $script:Main = $Sim | Connect-UnrealCv } }

    It 'goes on counting across calls: a second capture writes frame 1, not over frame 0' {
        $first = Get-UnrealCvImage 1 -Format bmp -OutFile "$TestDrive/loop/f_{Frame}.bmp"
        $second = Get-UnrealCvImage 1 -Format bmp -OutFile "$TestDrive/loop/f_{Frame}.bmp"
        $first.Name | Should -Be 'f_0.bmp'
        $second.Name | Should -Be 'f_1.bmp'
        @(Get-ChildItem "$TestDrive/loop" | Sort-Object Name).Name | Should -Be @('f_0.bmp', 'f_1.bmp')
    }

    It 'numbers each series on its own, so captures taken in turn pair up' {
        foreach ($i in 0..2) {
            $null = Get-UnrealCvImage 1 -OutFile "$TestDrive/pairs/lit_{Frame}.png"
            $null = Get-UnrealCvImage 1 -Mode depth -OutFile "$TestDrive/pairs/depth_{Frame}.npy"
        }
        @(Get-ChildItem "$TestDrive/pairs" | Sort-Object Name).Name |
            Should -Be @('depth_0.npy', 'depth_1.npy', 'depth_2.npy', 'lit_0.png', 'lit_1.png', 'lit_2.png')

        (0, 1, 0 | Get-UnrealCvImage -OutFile "$TestDrive/cams/cam{Camera}_{Frame}.png").Name | Should -Be @('cam0_0.png', 'cam1_0.png', 'cam0_1.png')
        (Get-UnrealCvImage -Camera 0, 1 -OutFile "$TestDrive/shots/shot_{Frame}.png").Name | Should -Be @('shot_0.png', 'shot_1.png')
    }

    It 'takes the number from -Frame, and the count goes on after it' {
        (Get-UnrealCvImage 1 -Frame 7 -OutFile "$TestDrive/given/f_{Frame:000}.png").Name | Should -Be 'f_007.png'
        (Get-UnrealCvImage -Frame 3 -Camera 0, 1 -OutFile "$TestDrive/given/g_{Frame}.png").Name | Should -Be @('g_3.png', 'g_4.png')
        (Get-UnrealCvImage 1 -OutFile "$TestDrive/given/f_{Frame:000}.png").Name | Should -Be 'f_008.png'
    }

    It 'counts per session: another session''s series starts at 0' {
        $sim2 = Start-TestSimulator -Width 32 -Height 24
        try {
            $second = $sim2 | Connect-UnrealCv
            $null = Get-UnrealCvImage 1 -Session $Main -OutFile "$TestDrive/sessions/{Session}_{Frame}.png"
            $files = Get-UnrealCvImage 1 -Session $Main, $second -OutFile "$TestDrive/sessions/{Session}_{Frame}.png"
            $files.Name | Should -Be @("$($Main.Name)_1.png", "$($second.Name)_0.png")
        }
        finally {
            # The second session became current when it connected; closing it says so and makes the main one current.
            $second | Disconnect-UnrealCv -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Message | Should -BeLike "Session $($second.Id) '$($second.Name)' was the current session and is closed; session $($Main.Id) '$($Main.Name)' (*) is current now*"
            $sim2 | Stop-UnrealCvSimulator
        }
    }
}

Describe 'Get-UnrealCvImage never overwrites without -Force' -Tag Integration {
    # A test that connects a second session disconnects it again, which may leave no current session; the simulator
    # serves one client at a time, so the main session is closed before it is opened again.
    BeforeEach { if (-not (Get-UnrealCvSession -Current)) { $Main | Disconnect-UnrealCv; $script:Main = $Sim | Connect-UnrealCv } }

    It 'keeps an existing file, takes no capture, and says to use -Force or another name' {
        $path = Join-Path $TestDrive 'keep.png'
        Set-Content -LiteralPath $path -Value 'precious' -NoNewline
        $before = Get-NextRequestId
        $file = Get-UnrealCvImage -OutFile $path -ErrorAction SilentlyContinue -ErrorVariable failures
        (Get-NextRequestId) - $before | Should -Be 1
        $file | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvOutFileExists,UnrealCv.Commands.GetUnrealCvImageCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].TargetObject | Should -Be $path
        $failures[0].Exception.Message | Should -BeLike "*'$path' exists*-Force*another name*"
        Get-Content -Raw -LiteralPath $path | Should -Be 'precious'
    }

    It 'does not overwrite a numbered file a new session would name again' {
        $null = Get-UnrealCvImage 1 -OutFile "$TestDrive/rerun/f_{Frame}.png"
        $sim2 = Start-TestSimulator -Width 32 -Height 24
        try {
            $second = $sim2 | Connect-UnrealCv
            $file = Get-UnrealCvImage 1 -Session $second -OutFile "$TestDrive/rerun/f_{Frame}.png" -ErrorAction SilentlyContinue -ErrorVariable failures
            $file | Should -BeNullOrEmpty
            $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvOutFileExists,UnrealCv.Commands.GetUnrealCvImageCommand'
            # The number is used all the same, so the next capture goes on after it.
            (Get-UnrealCvImage 1 -Session $second -OutFile "$TestDrive/rerun/f_{Frame}.png").Name | Should -Be 'f_1.png'
            (Read-Png "$TestDrive/rerun/f_0.png").Width | Should -Be 64
        }
        finally {
            # The second session became current when it connected; closing it says so and makes the main one current.
            $second | Disconnect-UnrealCv -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Message | Should -BeLike "Session $($second.Id) '$($second.Name)' was the current session and is closed; session $($Main.Id) '$($Main.Name)' (*) is current now*"
            $sim2 | Stop-UnrealCvSimulator
        }
    }

    It 'overwrites with -Force' {
        $path = Join-Path $TestDrive 'forced.png'
        Set-Content -LiteralPath $path -Value 'old' -NoNewline
        $file = Get-UnrealCvImage -OutFile $path -Force
        $file.FullName | Should -Be $path
        $bytes = [IO.File]::ReadAllBytes($path)
        $bytes[1..3] | Should -Be ([byte[]][char[]]'PNG')
        (Read-Png $path).Width | Should -Be 64
    }

    It 'saves nothing, sends nothing and uses up no number with -WhatIf, and says what it would save' {
        $run = Invoke-CapturingHost {
            param($folder)
            $null = Start-TestSimulator -Width 64 -Height 48 | Connect-UnrealCv
            $before = Get-NextRequestId
            $out = Get-UnrealCvImage -Camera 0, 1 -OutFile "$folder/f_{Frame}.png" -WhatIf
            (Get-NextRequestId) - $before
            $null -eq $out
            Test-Path $folder
            (Get-UnrealCvImage 1 -OutFile "$folder/f_{Frame}.png").Name
        } -ArgumentList "$TestDrive/whatif"
        $run.Output | Should -Be @(1, $true, $false, 'f_0.png')
        $run.HostLines | Should -BeExactly @(
            "What if: Performing the operation ""Save a capture"" on target ""$TestDrive/whatif/f_0.png""."
            "What if: Performing the operation ""Save a capture"" on target ""$TestDrive/whatif/f_1.png"".")
    }
}

Describe 'Get-UnrealCvImage depth pictures' -Tag Integration {
    # A test that connects a second session disconnects it again, which may leave no current session; the simulator
    # serves one client at a time, so the main session is closed before it is opened again.
    BeforeEach { if (-not (Get-UnrealCvSession -Current)) { $Main | Disconnect-UnrealCv; $script:Main = $Sim | Connect-UnrealCv } }

    It 'maps depth to grey levels round(255 t), black at the smallest depth and white at the largest' {
        $depth = Get-UnrealCvImage 1 -Mode depth
        $depth.Min | Should -BeLessThan $depth.Max
        $file = Get-UnrealCvImage 1 -Mode depth -ColorMap Gray -OutFile "$TestDrive/pictures/depth_{Frame}.{Format}"
        $file.Name | Should -Be 'depth_0.png'
        $png = Read-Png $file.FullName
        $png.Width | Should -Be 64
        $png.Height | Should -Be 48
        $expected = @(Get-ExpectedGrey $depth $depth.Min $depth.Max)
        $red = for ($i = 0; $i -lt $png.Data.Length; $i += 4) { [int]$png.Data[$i] }
        $red | Should -Be $expected
        for ($i = 0; $i -lt $png.Data.Length; $i += 4) {
            if ($png.Data[$i + 1] -ne $png.Data[$i] -or $png.Data[$i + 2] -ne $png.Data[$i] -or $png.Data[$i + 3] -ne 255) { throw "pixel $($i / 4) is not opaque grey" }
        }
        $red | Should -Contain 0
        $red | Should -Contain 255
    }

    It 'maps -Near to -Far, clamps outside, and reverses when Near is the larger' {
        $depth = Get-UnrealCvImage 1 -Mode depth
        $near = $depth.Min + 0.25 * ($depth.Max - $depth.Min)
        $far = $depth.Min + 0.75 * ($depth.Max - $depth.Min)
        $image = Get-UnrealCvImage 1 -Mode depth -Near $near -Far $far
        $image | Should -BeOfType 'UnrealCv.Replies.UnrealCvImage'
        $image.Format | Should -Be 'png'
        $png = [StbImageSharp.ImageResult]::FromMemory($image.Bytes, [StbImageSharp.ColorComponents]::RedGreenBlueAlpha)
        $red = for ($i = 0; $i -lt $png.Data.Length; $i += 4) { [int]$png.Data[$i] }
        $red | Should -Be @(Get-ExpectedGrey $depth $near $far)

        $reversed = Get-UnrealCvImage 1 -Mode depth -Near $depth.Max -Far $depth.Min
        $png = [StbImageSharp.ImageResult]::FromMemory($reversed.Bytes, [StbImageSharp.ColorComponents]::RedGreenBlueAlpha)
        $red = for ($i = 0; $i -lt $png.Data.Length; $i += 4) { [int]$png.Data[$i] }
        $red | Should -Be @(Get-ExpectedGrey $depth $depth.Max $depth.Min)
    }

    It 'maps Viridis from dark purple (#440154) at Near to yellow (#FDE725) at Far' {
        $depth = Get-UnrealCvImage 1 -Mode depth
        $image = Get-UnrealCvImage 1 -Mode depth -ColorMap Viridis
        $png = [StbImageSharp.ImageResult]::FromMemory($image.Bytes, [StbImageSharp.ColorComponents]::RedGreenBlueAlpha)
        $nearest = [Array]::IndexOf($depth.Data, [float]$depth.Min)
        $farthest = [Array]::IndexOf($depth.Data, [float]$depth.Max)
        $png.Data[(4 * $nearest)..(4 * $nearest + 3)] | Should -Be @(0x44, 0x01, 0x54, 255)
        $png.Data[(4 * $farthest)..(4 * $farthest + 3)] | Should -Be @(0xFD, 0xE7, 0x25, 255)
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a colour map for a lit capture'; Arguments = @{ ColorMap = 'Gray' }; Id = 'UnrealCvInvalidColorMap' }
        @{ Case = '-Near for an object mask'; Arguments = @{ Mode = 'object_mask'; Near = 10 }; Id = 'UnrealCvInvalidColorMap' }
        @{ Case = 'a picture as npy'; Arguments = @{ Mode = 'depth'; ColorMap = 'Gray'; Format = 'npy' }; Id = 'UnrealCvInvalidFormat' }
        @{ Case = 'Near equal to Far'; Arguments = @{ Mode = 'depth'; Near = 100; Far = 100 }; Id = 'UnrealCvInvalidColorMap' }
    ) {
        $before = Get-NextRequestId
        { Get-UnrealCvImage 1 @Arguments } | Should -Throw -ErrorId "$Id,UnrealCv.Commands.GetUnrealCvImageCommand"
        (Get-NextRequestId) - $before | Should -Be 1
    }
}
