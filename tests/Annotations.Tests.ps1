# Annotations (issue 16 item 2): the objects' labelling colours in one batch, kept per session until changed; 2D
# boxes from an object mask; a COCO-style file for capture sets.
BeforeAll {
    . $PSScriptRoot/common.ps1
    function script:Get-MaskExtent($Mask, $Color) {
        # The extent of one colour in a bmp mask, pixel by pixel: the plain way, to check the one-pass finder against.
        $minX = $minY = [int]::MaxValue; $maxX = $maxY = -1; $count = 0
        for ($y = 0; $y -lt $Mask.Height; $y++) {
            for ($x = 0; $x -lt $Mask.Width; $x++) {
                $p = $Mask.GetPixel($x, $y)
                if ($p.R -ne $Color.R -or $p.G -ne $Color.G -or $p.B -ne $Color.B) { continue }
                $count++
                $minX = [math]::Min($minX, $x); $maxX = [math]::Max($maxX, $x); $minY = [math]::Min($minY, $y); $maxY = [math]::Max($maxY, $y)
            }
        }
        "$minX,$minY $($maxX - $minX + 1)x$($maxY - $minY + 1) $count"
    }
}

AfterAll { Clear-TestState }

Describe 'Labelling colours and boxes' -Tag Integration {
    BeforeAll {
        Get-UnrealCvSession | Disconnect-UnrealCv
        $script:Sim = Start-TestSimulator -Width 160 -Height 120
        $script:Main = $Sim | Connect-UnrealCv
    }
    AfterAll { Get-UnrealCvSession | Disconnect-UnrealCv; Stop-UnrealCvSimulator -Simulator $Sim }

    It 'reads every object''s colour in one batch and keeps them until a colour is set' {
        $colors = Get-UnrealCvObjectColor -Refresh
        $objects = (Invoke-UnrealCvRequest 'vget /objects').Value
        $colors.Name | Should -Be $objects
        ($colors | Where-Object Name -eq 'RedBox').Color.ToCommandText() | Should -Be (Invoke-UnrealCvRequest 'vget /object/RedBox/color').Value.ToCommandText()
        # Kept: asking again sends nothing.
        $before = Get-NextRequestId
        $null = Get-UnrealCvObjectColor
        (Get-NextRequestId) - $before | Should -Be 1 -Because 'only the probe was sent'
        # A colour set on the session drops what was kept, and the next read has the new colour.
        $old = (Get-UnrealCvObject RedBox).Color
        try {
            Set-UnrealCvObject RedBox -Color 10, 200, 30
            (Get-UnrealCvObjectColor RedBox).Color.ToCommandText() | Should -Be '10 200 30'
            Invoke-UnrealCvRequest "vset /object/RedBox/color $($old.ToCommandText())" | Out-Null
            (Get-UnrealCvObjectColor RedBox).Color.ToCommandText() | Should -Be $old.ToCommandText() -Because 'a raw vset of a colour drops them too'
        }
        finally { Invoke-UnrealCvRequest "vset /object/RedBox/color $($old.ToCommandText())" | Out-Null }
    }

    It 'finds boxes equal to each object''s extent in the mask' {
        $set = Get-UnrealCvCapture -Camera 0, 1 -Mode object_mask -Format bmp
        $colors = @{}
        Get-UnrealCvObjectColor | ForEach-Object { $colors[$_.Name] = $_.Color }
        foreach ($capture in $set) {
            $boxes = $capture | Get-UnrealCvBoundingBox
            $boxes.Object | Should -Contain 'RedBox'
            $boxes.Object | Should -Contain 'BlueBox'
            $boxes.Object | Should -Not -Contain 'WorldSettings' -Because 'objects without a mesh are not in the mask'
            foreach ($box in $boxes) {
                $box.Camera | Should -Be $capture.Camera
                $box.Frame | Should -Be $capture.Frame
                "$($box.X),$($box.Y) $($box.Width)x$($box.Height) $($box.Pixels)" | Should -Be (Get-MaskExtent $capture.ObjectMask $colors[$box.Object]) -Because $box.Object
            }
        }
    }

    It 'puts the box of RedBox where the camera projects its corners' {
        # Camera 1 looks straight down from 800 cm (X up in the image, Y right); RedBox is a 100 cm cube at 100,-150,50.
        $camera = Get-UnrealCvCamera 1
        $camera.Location.ToCommandText() | Should -Be '0 0 800'
        $f = ($camera.Width / 2) / [math]::Tan($camera.Fov / 2 * [math]::PI / 180)
        $u = @(); $v = @()
        foreach ($x in 50, 150) { foreach ($y in -200, -100) { foreach ($z in 0, 100) {
            $u += $camera.Width / 2 + $f * $y / (800 - $z)
            $v += $camera.Height / 2 - $f * $x / (800 - $z)
        } } }
        # The pixels whose centre rays hit the cube.
        $left = [math]::Ceiling(($u | Measure-Object -Minimum).Minimum - 0.5); $right = [math]::Floor(($u | Measure-Object -Maximum).Maximum - 0.5)
        $top = [math]::Ceiling(($v | Measure-Object -Minimum).Minimum - 0.5); $bottom = [math]::Floor(($v | Measure-Object -Maximum).Maximum - 0.5)
        $box = Get-UnrealCvCapture -Camera 1 -Mode object_mask | Get-UnrealCvBoundingBox -Name RedBox
        "$($box.X),$($box.Y) $($box.Width)x$($box.Height)" | Should -Be "$left,$top $($right - $left + 1)x$($bottom - $top + 1)"
    }

    It 'takes a mask from Get-UnrealCvImage, filters by name and size, and pipes to Export-Csv' {
        $mask = Get-UnrealCvImage 1 -Mode object_mask
        $boxes = $mask | Get-UnrealCvBoundingBox -Name *Box -MinPixels 150
        $boxes.Object | Should -Be @('RedBox', 'GreenBox', 'BlueBox')
        $boxes | ForEach-Object { $_.Pixels | Should -BeGreaterOrEqual 150 }
        $boxes[0].Camera | Should -BeNullOrEmpty
        $csv = $boxes | Select-Object Object, X, Y, Width, Height, Pixels | ConvertTo-Csv | ConvertFrom-Csv
        $csv[0].Object | Should -Be 'RedBox'
        [int]$csv[0].Width | Should -Be $boxes[0].Width
        ($boxes | ConvertTo-Json -Depth 1 | ConvertFrom-Json)[2].Pixels | Should -Be $boxes[2].Pixels
    }

    It 'warns once when objects share a colour, and counts their pixels for the first' {
        $green = (Get-UnrealCvObject GreenBox).Color
        $red = (Get-UnrealCvObject RedBox).Color
        try {
            Set-UnrealCvObject GreenBox -Color $red
            $warnings = $null
            $boxes = Get-UnrealCvCapture -Camera 0, 1 -Mode object_mask | Get-UnrealCvBoundingBox -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -Match 'GreenBox share a labelling colour'
            $boxes.Object | Should -Not -Contain 'GreenBox'
        }
        finally { Set-UnrealCvObject GreenBox -Color $green }
    }

    It 'says a capture set without a mask has none' {
        $err = $null
        $boxes = Get-UnrealCvCapture -Mode lit | Get-UnrealCvBoundingBox -ErrorAction SilentlyContinue -ErrorVariable err
        $boxes | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be 'UnrealCvNoObjectMask,UnrealCv.Commands.GetUnrealCvBoundingBoxCommand'
        $err[0].Exception.Message | Should -Match '-Mode object_mask'
    }
}

Describe 'Export-UnrealCvCoco' -Tag Integration {
    BeforeAll {
        Get-UnrealCvSession | Disconnect-UnrealCv
        $script:Sim = Start-TestSimulator -Width 160 -Height 120
        $script:Main = $Sim | Connect-UnrealCv
    }
    AfterAll { Get-UnrealCvSession | Disconnect-UnrealCv; Stop-UnrealCvSimulator -Simulator $Sim }

    It 'writes images, boxes and categories of saved capture sets' {
        $sets = Get-UnrealCvCapture -Camera 0, 1 -OutFile "$TestDrive/coco/cam{Camera}_{Frame:0000}_{Mode}.{Format}"
        $file = $sets | Export-UnrealCvCoco "$TestDrive/coco/annotations.json" -Category @{ RedBox = 'box'; BlueBox = 'box' }
        $file.Name | Should -Be 'annotations.json'
        $coco = Get-Content -Raw $file.FullName | ConvertFrom-Json
        $coco.images.file_name | Should -Be @('cam0_0000_lit.png', 'cam1_0000_lit.png')
        $coco.images[1].width | Should -Be 160
        $coco.images[1].location | Should -Be @(0, 0, 800)
        foreach ($i in 0, 1) {
            $boxes = @($sets[$i] | Get-UnrealCvBoundingBox)
            $annotations = @($coco.annotations | Where-Object image_id -eq ($i + 1))
            $annotations.object | Should -Be $boxes.Object
            $annotations[0].bbox | Should -Be @($boxes[0].X, $boxes[0].Y, $boxes[0].Width, $boxes[0].Height)
            $annotations[0].area | Should -Be $boxes[0].Pixels
        }
        $coco.annotations.id | Should -Be (1..$coco.annotations.Count)
        $box = $coco.categories | Where-Object name -eq 'box'
        @($coco.annotations | Where-Object object -in 'RedBox', 'BlueBox').category_id | Sort-Object -Unique | Should -Be $box.id
        $coco.categories.name | Should -Not -Contain 'RedBox'
    }

    It 'refuses sets that were not saved, and never overwrites without -Force' {
        $err = $null
        $null = Get-UnrealCvCapture | Export-UnrealCvCoco "$TestDrive/unsaved.json" -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'UnrealCvCaptureNotSaved,UnrealCv.Commands.ExportUnrealCvCocoCommand'
        $sets = Get-UnrealCvCapture -OutFile "$TestDrive/again/{Frame}_{Mode}.{Format}"
        $null = $sets | Export-UnrealCvCoco "$TestDrive/again/a.json"
        $err = $null
        $null = $sets | Export-UnrealCvCoco "$TestDrive/again/a.json" -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'UnrealCvOutFileExists,UnrealCv.Commands.ExportUnrealCvCocoCommand'
        ($sets | Export-UnrealCvCoco "$TestDrive/again/a.json" -Force).Name | Should -Be 'a.json'
    }
}
