# Show-UnrealCvImage: half blocks in 24-bit ANSI colours, the plain-text fallback, scaling, and what it reads.
BeforeAll {
    . $PSScriptRoot/common.ps1
    # Expected lines are written with '\e' for the escape character, and so are the lines drawn before they are compared:
    # a failure message with a raw escape would break the NUnit report.
    $script:Esc = '\e'
    $script:Half = [char]0x2580
    function script:Show-Test { Show-UnrealCvImage @args | ForEach-Object { $_.Replace([string][char]27, '\e') } }

    # A PNG file of the given pixels ("r,g,b" strings, row by row), written with StbImageWriteSharp (ships with the module).
    Add-Type -Path (Join-Path (Split-Path $ModuleManifest) 'StbImageWriteSharp.dll')
    function script:New-Png([string] $Path, [int] $Width, [int] $Height, [string[]] $Pixels) {
        $rgba = [byte[]]::new(4 * $Width * $Height)
        for ($i = 0; $i -lt $Pixels.Count; $i++) {
            $c = [byte[]]($Pixels[$i] -split ',')
            $rgba[4 * $i] = $c[0]; $rgba[4 * $i + 1] = $c[1]; $rgba[4 * $i + 2] = $c[2]; $rgba[4 * $i + 3] = 255
        }
        $stream = [IO.File]::Create($Path)
        try { [StbImageWriteSharp.ImageWriter]::new().WritePng($rgba, $Width, $Height, [StbImageWriteSharp.ColorComponents]::RedGreenBlueAlpha, $stream) }
        finally { $stream.Dispose() }
        Get-Item -LiteralPath $Path
    }
    function script:Fg([string] $rgb) { "$Esc[38;2;$($rgb -replace ',', ';')m" }
    function script:Bg([string] $rgb) { "$Esc[48;2;$($rgb -replace ',', ';')m" }
}

AfterAll { Clear-TestState }

Describe 'Show-UnrealCvImage' -Tag Unit {
    It 'draws two pixel rows per line: the upper pixel as foreground of the half block, the lower as background' {
        $png = New-Png "$TestDrive/tiny.png" 2 2 '255,0,0', '0,255,0', '0,0,255', '255,255,255'
        $lines = @(Show-Test -Path $png.FullName -OutputRendering Ansi)
        $lines.Count | Should -Be 1
        $lines[0] | Should -BeExactly ((Fg '255,0,0') + (Bg '0,0,255') + $Half + (Fg '0,255,0') + (Bg '255,255,255') + $Half + "$Esc[0m")
    }

    It 'leaves the terminal''s background under an odd last row, and repeats no colour codes' {
        $png = New-Png "$TestDrive/odd.png" 2 3 '9,9,9', '9,9,9', '1,2,3', '1,2,3', '7,7,7', '7,7,7'
        $lines = @(Show-Test -InputObject $png -OutputRendering Ansi)
        $lines.Count | Should -Be 2
        $lines[0] | Should -BeExactly ((Fg '9,9,9') + (Bg '1,2,3') + $Half + $Half + "$Esc[0m")
        $lines[1] | Should -BeExactly ((Fg '7,7,7') + "$Esc[49m" + $Half + $Half + "$Esc[0m")
    }

    It 'scales down to -Width, each column the mean of the pixels it covers' {
        # 4x4: the top-left 2x2 block is 100 and 200 red; the rest black.
        $pixels = @('100,0,0', '200,0,0', '0,0,0', '0,0,0', '200,0,0', '100,0,0', '0,0,0', '0,0,0') + @('0,0,0') * 8
        $png = New-Png "$TestDrive/scale.png" 4 4 $pixels
        $lines = @(Show-Test -Path $png.FullName -Width 2 -OutputRendering Ansi)
        $lines.Count | Should -Be 1
        $lines[0] | Should -BeExactly ((Fg '150,0,0') + (Bg '0,0,0') + $Half + (Fg '0,0,0') + $Half + "$Esc[0m")
    }

    It 'draws plain text from a brightness ramp with -OutputRendering PlainText' {
        $png = New-Png "$TestDrive/plain.png" 3 2 '0,0,0', '255,255,255', '255,0,0', '0,0,0', '255,255,255', '0,0,255'
        $lines = @(Show-Test -Path $png.FullName -OutputRendering PlainText)
        # Mean Rec. 709 luma per column: 0 -> ' ', 255 -> '@', (54.2 + 18.4) / 2 = 36.3 -> '.'.
        $lines | Should -BeExactly @(' @.')
    }

    It 'falls back to plain text by itself when $PSStyle.OutputRendering is PlainText' {
        $png = New-Png "$TestDrive/host.png" 2 2 '0,0,0', '255,255,255', '0,0,0', '255,255,255'
        $saved = $PSStyle.OutputRendering
        try {
            $PSStyle.OutputRendering = 'PlainText'
            $lines = @(Show-Test -Path $png.FullName)
        }
        finally {
            $PSStyle.OutputRendering = $saved
        }
        $lines | Should -BeExactly @(' @')
    }

    It 'expands wildcards in -Path, and reports a missing file' {
        $null = New-Png "$TestDrive/w1.png" 1 2 '0,0,0', '0,0,0'
        $null = New-Png "$TestDrive/w2.png" 1 2 '255,255,255', '255,255,255'
        Show-UnrealCvImage -Path "$TestDrive/w?.png" -OutputRendering PlainText | Should -BeExactly @(' ', '@')
        Show-UnrealCvImage -Path "$TestDrive/none.png" -ErrorAction SilentlyContinue -ErrorVariable failures | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvImageNotFound,UnrealCv.Commands.ShowUnrealCvImageCommand'
    }

    It 'refuses what is not a capture as UnrealCvNotAnImage' {
        Set-Content "$TestDrive/text.png" 'not a png'
        'hello' | Show-UnrealCvImage -ErrorAction SilentlyContinue -ErrorVariable failures | Should -BeNullOrEmpty
        Show-UnrealCvImage -Path "$TestDrive/text.png" -ErrorAction SilentlyContinue -ErrorVariable +failures | Should -BeNullOrEmpty
        $failures.Count | Should -Be 2
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'UnrealCvNotAnImage,UnrealCv.Commands.ShowUnrealCvImageCommand' }
        $failures[0].Exception.Message | Should -BeLike "*'hello' is not a capture*"
    }
}

Describe 'Show-UnrealCvImage with captures' -Tag Integration {
    BeforeAll {
        $script:Sim = Start-TestSimulator -Width 64 -Height 48
        $script:Main = $Sim | Connect-UnrealCv
    }

    It 'draws a 64x48 capture at -Width 16 as 6 lines of 16 half blocks' {
        $lines = @(Show-Test -InputObject (Get-UnrealCvImage 1) -Width 16 -OutputRendering Ansi)
        $lines.Count | Should -Be 6
        foreach ($line in $lines) {
            ($line -replace '\\e\[[0-9;]*m', '') | Should -BeExactly ([string]$Half * 16)
        }
    }

    It 'draws the plugin''s BMP with its own pixel colours (not shifted by its extra 4 bytes)' {
        $null = Invoke-UnrealCvRequest 'vset /camera/1/size 2 2'
        try {
            $bmp = Get-UnrealCvImage 1 -Mode object_mask -Format bmp
            $c = foreach ($p in (0, 0), (1, 0), (0, 1), (1, 1)) { $q = $bmp.GetPixel($p[0], $p[1]); "$($q.R),$($q.G),$($q.B)" }
            $line = @(Show-Test -InputObject $bmp -OutputRendering Ansi)
            $fg0 = Fg $c[0]; $bg0 = Bg $c[2]; $fg1 = Fg $c[1]; $bg1 = Bg $c[3]
            $expected = $fg0 + $bg0 + $Half + $(if ($c[1] -ne $c[0]) { $fg1 }) + $(if ($c[3] -ne $c[2]) { $bg1 }) + $Half + "$Esc[0m"
            $line | Should -BeExactly @($expected)
        }
        finally {
            $null = Invoke-UnrealCvRequest 'vset /camera/1/size 64 48'
        }
    }

    It 'draws a depth array and a saved file as the same picture' {
        $depth = Get-UnrealCvImage 1 -Mode depth
        $fromArray = @(Show-Test -InputObject $depth -Width 64 -OutputRendering Ansi)
        $fromArray.Count | Should -Be 24
        $file = Get-UnrealCvImage 1 -Mode depth -OutFile "$TestDrive/depth.npy"
        @($file | Show-UnrealCvImage -Width 64 -OutputRendering Ansi | ForEach-Object { $_.Replace([string][char]27, '\e') }) | Should -BeExactly $fromArray
        $picture = Get-UnrealCvImage 1 -Mode depth -ColorMap Gray
        @(Show-Test -InputObject $picture -Width 64 -OutputRendering Ansi) | Should -BeExactly $fromArray
        # The first pixel in grey: round(255 t) of its depth.
        $t = ($depth[0, 0] - $depth.Min) / ($depth.Max - $depth.Min)
        $grey = [int][Math]::Round(255 * $t, [MidpointRounding]::AwayFromZero)
        $fromArray[0].StartsWith((Fg "$grey,$grey,$grey")) | Should -BeTrue -Because "the first pixel's grey is $grey"
    }

    It 'takes a response holding a capture' {
        $response = Invoke-UnrealCvRequest 'vget /camera/1/lit png'
        @($response | Show-UnrealCvImage -Width 8 -OutputRendering PlainText).Count | Should -Be 3
    }
}
