BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Sim = Start-TestSimulator -Width 64 -Height 48
    $script:Main = $Sim | Connect-UnrealCv

    # Puts RedBox and camera 1 back as the scene builds them, with raw requests (not the cmdlets under test).
    function script:Reset-Scene {
        $null = 'vset /object/RedBox/location 100 -150 50', 'vset /object/RedBox/rotation 0 0 0', 'vset /object/RedBox/scale 1 1 1',
        'vset /camera/1/location 0 0 800', 'vset /camera/1/rotation -90 0 0', 'vset /camera/1/fov 90', 'vset /camera/1/size 64 48' |
            Invoke-UnrealCvRequest -Session $Main
    }
    $script:RedBoxColor = (Invoke-UnrealCvRequest 'vget /object/RedBox/color').Value
}

AfterAll { Clear-TestState }

Describe 'Get-UnrealCvObject' -Tag Integration {
    It 'reads <_> as vget /object/<name>/... prints it' -ForEach @('RedBox', 'GreenBox', 'BlueBox') {
        $object = Get-UnrealCvObject -Name $_
        $object | Should -BeOfType 'UnrealCv.Model.UnrealCvObject'
        $object.Name | Should -BeExactly $_
        $object.Location | Should -BeOfType 'UnrealCv.Replies.UnrealCvVector'
        $object.Location | Should -Be (Invoke-UnrealCvRequest "vget /object/$_/location").Value
        $object.Rotation | Should -Be (Invoke-UnrealCvRequest "vget /object/$_/rotation").Value
        $object.Scale | Should -Be (Invoke-UnrealCvRequest "vget /object/$_/scale").Value
        $object.Color | Should -Be (Invoke-UnrealCvRequest "vget /object/$_/color").Value
        $object.Session | Should -Be $Main
        $object.SessionId | Should -Be $Main.Id
        $object.SessionName | Should -BeExactly $Main.Name
    }

    It 'returns the scene boxes where the scene builder put them' {
        $boxes = Get-UnrealCvObject RedBox, GreenBox, BlueBox
        $boxes.Name | Should -Be @('RedBox', 'GreenBox', 'BlueBox')
        $boxes[0].Location.X | Should -Be 100
        $boxes[0].Location.Y | Should -Be -150
        $boxes[0].Location.Z | Should -Be 50
        $boxes[1].Rotation.Yaw | Should -Be 30
        $boxes[2].Scale.Y | Should -Be 1.6
    }

    It 'reads every object of vget /objects by default, in that order' {
        $all = Get-UnrealCvObject
        $all.Name | Should -Be (Invoke-UnrealCvRequest 'vget /objects').Value
    }

    It 'filters with wildcards, case-insensitively, in list order' {
        (Get-UnrealCvObject '*box').Name | Should -Be @('RedBox', 'GreenBox', 'BlueBox')
        (Get-UnrealCvObject '*SPHERE').Name | Should -Be @('YellowSphere', 'PurpleSphere')
        (Get-UnrealCvObject '[RG]*Box').Name | Should -Be @('RedBox', 'GreenBox')
    }

    It 'matches a plain name case-insensitively and reports it as listed' {
        (Get-UnrealCvObject redbox).Name | Should -BeExactly 'RedBox'
    }

    It 'writes each object once when patterns overlap' {
        (Get-UnrealCvObject RedBox, '*Box').Name | Should -Be @('RedBox', 'GreenBox', 'BlueBox')
    }

    It 'reports a plain name that matches nothing as UnrealCvObjectNotFound and goes on' {
        $found = Get-UnrealCvObject NoSuchThing, RedBox -ErrorAction SilentlyContinue -ErrorVariable failures
        $found.Name | Should -Be 'RedBox'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvObjectNotFound,UnrealCv.Commands.GetUnrealCvObjectCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'NoSuchThing'
        $failures[0].Exception.Message | Should -BeLike "*no object named 'NoSuchThing'*Get-UnrealCvObject*"
        { Get-UnrealCvObject NoSuchThing -ErrorAction Stop } |
            Should -Throw -ErrorId 'UnrealCvObjectNotFound,UnrealCv.Commands.GetUnrealCvObjectCommand'
    }

    It 'is silent for a wildcard that matches nothing' {
        Get-UnrealCvObject 'NoSuch*' -ErrorVariable failures | Should -BeNullOrEmpty
        $failures.Count | Should -Be 0
    }

    It 'pipelines: one list request and four per object' {
        $before = Get-NextRequestId
        $null = Get-UnrealCvObject '*Box'
        (Get-NextRequestId) - $before | Should -Be (1 + 3 * 4 + 1)
    }
}

Describe 'Set-UnrealCvObject' -Tag Integration {
    AfterEach {
        Reset-Scene
        $null = Invoke-UnrealCvRequest "vset /object/RedBox/color $($RedBoxColor.ToCommandText())"
    }

    It 'takes a location as three numbers' {
        Set-UnrealCvObject RedBox -Location 100, -50, 20 | Should -BeNullOrEmpty
        (Invoke-UnrealCvRequest 'vget /object/RedBox/location').Text | Should -BeExactly '100.000 -50.000 20.000'
    }

    It 'takes hashtables (keys case-insensitive) for location, rotation, scale and colour' {
        Set-UnrealCvObject RedBox -Location @{ X = 1.5; Y = -2; Z = 30 } -Rotation @{ pitch = 10; Yaw = 20; Roll = 30 } -Scale @{ X = 2; Y = 3; Z = 4 } -Color @{ R = 1; G = 2; B = 3 }
        $object = Get-UnrealCvObject RedBox
        $object.Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(1.5, -2, 30))
        $object.Rotation | Should -Be ([UnrealCv.Replies.UnrealCvRotator]::new(10, 20, 30))
        $object.Scale | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(2, 3, 4))
        $object.Color | Should -Be ([UnrealCv.Replies.UnrealCvColor]::new(1, 2, 3))
    }

    It 'takes typed values, such as those of another object' {
        $green = Get-UnrealCvObject GreenBox
        Set-UnrealCvObject RedBox -Location $green.Location -Rotation $green.Rotation -Scale $green.Scale -Color $green.Color
        $red = Get-UnrealCvObject RedBox
        $red.Location | Should -Be $green.Location
        $red.Rotation | Should -Be $green.Rotation
        $red.Scale | Should -Be $green.Scale
        $red.Color | Should -Be $green.Color
    }

    It 'takes the plugin text form' {
        Set-UnrealCvObject RedBox -Location '7 8 9'
        (Invoke-UnrealCvRequest 'vget /object/RedBox/location').Text | Should -BeExactly '7.000 8.000 9.000'
    }

    It 'writes the object read back with -PassThru' {
        $object = Set-UnrealCvObject RedBox -Location 0, 0, 100 -Color 10, 20, 30 -PassThru
        $object | Should -BeOfType 'UnrealCv.Model.UnrealCvObject'
        $object.Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(0, 0, 100))
        $object.Color | Should -Be ([UnrealCv.Replies.UnrealCvColor]::new(10, 20, 30))
        $object.Scale | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(1, 1, 1))
    }

    It 'binds Name and Session from piped objects' {
        Get-UnrealCvObject RedBox | Set-UnrealCvObject -Location 0, 0, 100
        (Invoke-UnrealCvRequest 'vget /object/RedBox/location').Value | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(0, 0, 100))
    }

    It 'changes every piped object, sending all changes before waiting, output in input order' {
        $before = Get-UnrealCvObject '[RG]*Box'
        try {
            $after = Get-UnrealCvObject '[RG]*Box' | Set-UnrealCvObject -Scale 2, 2, 2 -PassThru
            $after.Name | Should -Be @('RedBox', 'GreenBox')
            $after.Scale | ForEach-Object { $_ | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(2, 2, 2)) }
            $after[1].Location | Should -Be $before[1].Location
        }
        finally {
            $null = Invoke-UnrealCvRequest 'vset /object/GreenBox/scale 1.5 1.5 1.5'
        }
    }

    It 'changes nothing with -WhatIf, and says what it would set' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            $before = Get-NextRequestId
            Set-UnrealCvObject RedBox -Location 0, 0, 0 -Color 1, 1, 1 -WhatIf
            (Get-NextRequestId) - $before
            (Invoke-UnrealCvRequest 'vget /object/RedBox/location').Text
            (Invoke-UnrealCvRequest 'vget /object/RedBox/color').Value
        }
        $run.Output[0] | Should -Be 1
        $run.Output[1] | Should -BeExactly '100.000 -150.000 50.000'
        $run.Output[2] | Should -Be $RedBoxColor
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Set location X=0.000 Y=0.000 Z=0.000, color (R=1,G=1,B=1,A=255)" on target "object ''RedBox'' on WhatIf".'
    }

    It 'refuses to run with nothing to set' {
        { Set-UnrealCvObject RedBox } | Should -Throw -ErrorId 'UnrealCvNothingToSet,UnrealCv.Commands.SetUnrealCvObjectCommand'
        { Set-UnrealCvObject RedBox } | Should -Throw '*-Location, -Rotation, -Scale or -Color*'
    }

    It 'explains values it cannot take' -ForEach @(
        @{ Arguments = @{ Location = 1, 2 }; Message = '*Got 2 values, not three*' }
        @{ Arguments = @{ Location = @{ X = 1; Y = 2; W = 3 } }; Message = '*Unknown key W*' }
        @{ Arguments = @{ Rotation = @{ Pitch = 1; Yaw = 2 } }; Message = '*Missing key Roll*' }
        @{ Arguments = @{ Color = 256, 0, 0 }; Message = '*R = 256 is not an integer from 0 to 255*' }
        @{ Arguments = @{ Scale = 'a', 1, 1 }; Message = "*X = 'a' is not a number*" }
        @{ Arguments = @{ Location = [double]::NaN, 0, 0 }; Message = '*not a finite number*' }
    ) {
        { Set-UnrealCvObject RedBox @Arguments } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,UnrealCv.Commands.SetUnrealCvObjectCommand'
        { Set-UnrealCvObject RedBox @Arguments } | Should -Throw $Message
    }

    It 'passes a server error on as UnrealCvServerError, once, even with -PassThru' {
        $out = Set-UnrealCvObject NoSuchThing -Location 1, 2, 3 -Color 1, 2, 3 -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures
        $out | Should -BeNullOrEmpty
        $failures.Count | Should -Be 2
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'UnrealCvServerError,UnrealCv.Commands.SetUnrealCvObjectCommand' }
        $failures[0].Exception.Message | Should -BeLike '*vset /object/NoSuchThing/location 1 2 3*Can not find object*'
    }
}

Describe 'Get-UnrealCvCamera and Set-UnrealCvCamera' -Tag Integration {
    AfterEach { Reset-Scene }

    It 'reads every camera of vget /cameras' {
        $cameras = Get-UnrealCvCamera
        $cameras.Count | Should -Be 2
        $cameras.Id | Should -Be @(0, 1)
        $cameras.Name | Should -Be @('PawnSensor', 'FusionCameraSensor')
        foreach ($camera in $cameras) {
            $camera | Should -BeOfType 'UnrealCv.Model.UnrealCvCamera'
            $camera.Location | Should -Be (Invoke-UnrealCvRequest "vget /camera/$($camera.Id)/location").Value
            $camera.Rotation | Should -Be (Invoke-UnrealCvRequest "vget /camera/$($camera.Id)/rotation").Value
            $camera.Fov | Should -BeOfType 'System.Double'
            $camera.Fov | Should -Be 90
            $camera.Width | Should -Be 64
            $camera.Height | Should -Be 48
            $camera.SessionName | Should -Be $Main.Name
        }
        $cameras[1].Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(0, 0, 800))
        $cameras[1].Rotation.Pitch | Should -Be -90
    }

    It 'reads the cameras asked for' {
        (Get-UnrealCvCamera 1).Name | Should -Be 'FusionCameraSensor'
        (Get-UnrealCvCamera 1, 0).Id | Should -Be @(1, 0)
    }

    It 'reports an unknown id as UnrealCvCameraNotFound' {
        $found = Get-UnrealCvCamera 7, 1 -ErrorAction SilentlyContinue -ErrorVariable failures
        $found.Id | Should -Be 1
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvCameraNotFound,UnrealCv.Commands.GetUnrealCvCameraCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -BeLike '*no camera 7*0 to 1 (PawnSensor, FusionCameraSensor)*'
    }

    It 'sets location, rotation, field of view and size, and reads them back' {
        $camera = Set-UnrealCvCamera -Id 1 -Location 10, 20, 700 -Rotation @{ Pitch = -80; Yaw = 45; Roll = 0 } -Fov 60.5 -Width 32 -Height 24 -PassThru
        $camera.Name | Should -Be 'FusionCameraSensor'
        $camera.Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(10, 20, 700))
        $camera.Rotation | Should -Be ([UnrealCv.Replies.UnrealCvRotator]::new(-80, 45, 0))
        $camera.Fov | Should -Be 60.5
        $camera.Width | Should -Be 32
        $camera.Height | Should -Be 24
        $again = Get-UnrealCvCamera 1
        $again.Fov | Should -Be 60.5
        $again.Width | Should -Be 32
        (Invoke-UnrealCvRequest 'vget /camera/1/size').Text | Should -BeExactly '32 24'
        (Get-UnrealCvImage 1 -Format bmp).Width | Should -Be 32
    }

    It 'binds Id and Session from piped cameras (and -Camera is an alias of -Id)' {
        Get-UnrealCvCamera 1 | Set-UnrealCvCamera -Fov 45
        (Get-UnrealCvCamera 1).Fov | Should -Be 45
        Set-UnrealCvCamera -Camera 1 -Fov 50
        (Invoke-UnrealCvRequest 'vget /camera/1/fov').Value | Should -Be 50
    }

    It 'changes nothing with -WhatIf, and says what it would set' {
        $run = Invoke-CapturingHost {
            $null = Start-TestSimulator | Connect-UnrealCv -Name WhatIf
            Set-UnrealCvCamera 1 -Fov 30 -WhatIf
            (Get-UnrealCvCamera 1).Fov
        }
        $run.Output | Should -Be 90
        $run.HostLines | Should -BeExactly 'What if: Performing the operation "Set fov 30" on target "camera 1 on WhatIf".'
    }

    It 'wants -Width and -Height together' {
        { Set-UnrealCvCamera 1 -Width 32 } | Should -Throw -ErrorId 'UnrealCvIncompleteSize,UnrealCv.Commands.SetUnrealCvCameraCommand'
        { Set-UnrealCvCamera 1 -Height 32 } | Should -Throw '*-Width and -Height go together*'
    }

    It 'refuses to run with nothing to set' {
        { Set-UnrealCvCamera 1 } | Should -Throw -ErrorId 'UnrealCvNothingToSet,UnrealCv.Commands.SetUnrealCvCameraCommand'
    }

    It 'passes the plugin''s error for an unknown camera on' {
        Set-UnrealCvCamera 9 -Fov 60 -PassThru -ErrorAction SilentlyContinue -ErrorVariable failures | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvServerError,UnrealCv.Commands.SetUnrealCvCameraCommand'
        $failures[0].Exception.Message | Should -BeLike '*Argument Invalid*'
    }
}

Describe 'Cameras and objects across a process boundary' -Tag Integration {
    # Remoting and jobs serialize what a command writes; UnrealCv.Types.ps1xml has cameras and objects go two levels
    # deep, so that their vectors arrive with their numbers rather than as text (tests/Remoting.Tests.ps1 does it over SSH).
    BeforeAll {
        function script:Copy-Serialized($value) { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($value)) }
    }

    It 'keeps the location, rotation, scale, colour and session of an object as objects with their values' {
        Reset-Scene
        $object = Get-UnrealCvObject RedBox
        $copy = Copy-Serialized $object
        $copy.pstypenames[0] | Should -Be 'Deserialized.UnrealCv.Model.UnrealCvObject'
        $copy.Location.pstypenames[0] | Should -Be 'Deserialized.UnrealCv.Replies.UnrealCvVector'
        @($copy.Location.X, $copy.Location.Y, $copy.Location.Z) | Should -Be @(100, -150, 50)
        @($copy.Rotation.Pitch, $copy.Rotation.Yaw, $copy.Rotation.Roll) | Should -Be @($object.Rotation.Pitch, $object.Rotation.Yaw, $object.Rotation.Roll)
        @($copy.Scale.X, $copy.Scale.Y, $copy.Scale.Z) | Should -Be @(1, 1, 1)
        @($copy.Color.R, $copy.Color.G, $copy.Color.B) | Should -Be @($RedBoxColor.R, $RedBoxColor.G, $RedBoxColor.B)
        $copy.Session.pstypenames[0] | Should -Be 'Deserialized.UnrealCv.Session.UnrealCvSession'
        $copy.Session.Port | Should -Be $Main.Port
    }

    It 'keeps the location and rotation of a camera as objects with their values' {
        Reset-Scene
        $copy = Copy-Serialized (Get-UnrealCvCamera -Id 1)
        $copy.pstypenames[0] | Should -Be 'Deserialized.UnrealCv.Model.UnrealCvCamera'
        @($copy.Location.X, $copy.Location.Y, $copy.Location.Z) | Should -Be @(0, 0, 800)
        @($copy.Rotation.Pitch, $copy.Rotation.Yaw, $copy.Rotation.Roll) | Should -Be @(-90, 0, 0)
        @($copy.Width, $copy.Height, $copy.Fov) | Should -Be @(64, 48, 90)
    }
}

Describe 'Get-UnrealCvImage' -Tag Integration {
    AfterEach { Reset-Scene }

    It 'captures a lit png from camera 0 by default' {
        $image = Get-UnrealCvImage
        $image | Should -BeOfType 'UnrealCv.Replies.UnrealCvImage'
        $image.Format | Should -Be 'png'
        $image.Width | Should -Be 64
        $image.Height | Should -Be 48
    }

    It 'captures <Mode> as <Format>' -ForEach @(
        @{ Mode = 'lit'; Format = 'png' }, @{ Mode = 'lit'; Format = 'bmp' }
        @{ Mode = 'normal'; Format = 'png' }, @{ Mode = 'normal'; Format = 'bmp' }
        @{ Mode = 'object_mask'; Format = 'png' }, @{ Mode = 'object_mask'; Format = 'bmp' }
    ) {
        $image = Get-UnrealCvImage -Camera 1 -Mode $Mode -Format $Format
        $image.Format | Should -Be $Format
        $image.Width | Should -Be 64
        $image.Height | Should -Be 48
        if ($Format -eq 'bmp') { $image.Bytes.Length | Should -Be (58 + 4 * 64 * 48) }
    }

    It 'captures depth as npy by default, shaped (height, width)' {
        $depth = Get-UnrealCvImage -Camera 1 -Mode depth
        $depth | Should -BeOfType 'UnrealCv.Replies.UnrealCvDepthArray'
        $depth.Shape | Should -Be @(48, 64)
        $depth.Data | Should -Be (Invoke-UnrealCvRequest 'vget /camera/1/depth npy').Value.Data
    }

    It 'refuses <Mode> as <Format> before sending anything' -ForEach @(
        @{ Mode = 'depth'; Format = 'png' }, @{ Mode = 'depth'; Format = 'bmp' }
        @{ Mode = 'lit'; Format = 'npy' }, @{ Mode = 'normal'; Format = 'npy' }, @{ Mode = 'object_mask'; Format = 'npy' }
    ) {
        $before = Get-NextRequestId
        { Get-UnrealCvImage -Mode $Mode -Format $Format } | Should -Throw -ErrorId 'UnrealCvInvalidFormat,UnrealCv.Commands.GetUnrealCvImageCommand'
        { Get-UnrealCvImage -Mode $Mode -Format $Format } | Should -Throw '*Leave -Format out*'
        (Get-NextRequestId) - $before | Should -Be 1
    }

    It 'takes piped camera ids and cameras, in order' {
        $images = 1, 0, 1 | Get-UnrealCvImage -Format bmp
        $images.Count | Should -Be 3
        $null = Invoke-UnrealCvRequest 'vset /camera/1/size 32 24'
        $images = Get-UnrealCvCamera | Get-UnrealCvImage -Format bmp
        $images.Width | Should -Be @(64, 32)
    }

    It 'saves numbered files with -OutFile and writes their FileInfo' {
        $files = 0, 0, 1 | Get-UnrealCvImage -Format bmp -OutFile "$TestDrive/f_{Frame:00}_{Camera}.bmp"
        $files.Count | Should -Be 3
        $files | ForEach-Object { $_ | Should -BeOfType 'System.IO.FileInfo' }
        # Each camera's files are a series of their own, numbered from 0.
        $files.Name | Should -Be @('f_00_0.bmp', 'f_01_0.bmp', 'f_00_1.bmp')
        foreach ($file in $files) {
            $file.Exists | Should -BeTrue
            # A standard BMP: the plugin's extra 4-byte count is gone, so the file is as long as its header says.
            $file.Length | Should -Be (54 + 4 * 64 * 48)
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            [BitConverter]::ToInt32($bytes, 2) | Should -Be $file.Length
            [BitConverter]::ToInt32($bytes, 10) | Should -Be 54
        }
    }

    It 'fills {Mode}, {Session} and {Format}, creates folders, and resolves relative paths against the current location' {
        Push-Location $TestDrive
        try {
            $file = Get-UnrealCvImage 1 -Mode depth -OutFile 'new/deeper/{Session}-{Mode}-{Camera}.{Format}'
        }
        finally {
            Pop-Location
        }
        $file.FullName | Should -Be (Join-Path $TestDrive "new/deeper/$($Main.Name)-depth-1.npy")
        $bytes = [IO.File]::ReadAllBytes($file.FullName)
        [Text.Encoding]::ASCII.GetString($bytes, 1, 5) | Should -Be 'NUMPY'
        $bytes.Length | Should -Be (80 + 4 * 64 * 48)
    }

    It 'refuses two captures to the same file as UnrealCvOutFileCollision' {
        $pattern = "$TestDrive/same_{Camera}.png"
        $files = 0, 1, 0 | Get-UnrealCvImage -OutFile $pattern -ErrorAction SilentlyContinue -ErrorVariable failures
        $files.Name | Should -Be @('same_0.png', 'same_1.png')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'UnrealCvOutFileCollision,UnrealCv.Commands.GetUnrealCvImageCommand'
        $failures[0].Exception.Message | Should -BeLike "*$pattern*{Frame}*"
    }

    It 'refuses an unknown placeholder as UnrealCvInvalidOutFile' {
        { Get-UnrealCvImage -OutFile "$TestDrive/{Frames}.png" } | Should -Throw -ErrorId 'UnrealCvInvalidOutFile,UnrealCv.Commands.GetUnrealCvImageCommand'
    }
}

Describe 'End to end: moving an object moves its mask' -Tag Integration {
    AfterEach { Reset-Scene }

    It 'moves the RedBox pixels of the top-down object mask along with Set-UnrealCvObject' {
        # Pixels of one colour in a bmp capture, and their mean position.
        function Get-MaskPixel($Image, $Color) {
            $xs = [Collections.Generic.List[int]]::new()
            $ys = [Collections.Generic.List[int]]::new()
            for ($y = 0; $y -lt $Image.Height; $y++) {
                for ($x = 0; $x -lt $Image.Width; $x++) {
                    $p = $Image.GetPixel($x, $y)
                    if ($p.R -eq $Color.R -and $p.G -eq $Color.G -and $p.B -eq $Color.B) { $xs.Add($x); $ys.Add($y) }
                }
            }
            [pscustomobject]@{
                Count = $xs.Count
                X     = if ($xs.Count) { ($xs | Measure-Object -Average).Average } else { $null }
                Y     = if ($ys.Count) { ($ys | Measure-Object -Average).Average } else { $null }
            }
        }

        $red = Get-UnrealCvObject RedBox
        $before = Get-MaskPixel (Get-UnrealCvImage 1 -Mode object_mask -Format bmp) $red.Color
        $before.Count | Should -BeGreaterThan 0

        # Camera 1 looks straight down from above the origin: image x runs along world +Y.
        Set-UnrealCvObject RedBox -Location $red.Location.X, ($red.Location.Y + 300), $red.Location.Z
        $after = Get-MaskPixel (Get-UnrealCvImage 1 -Mode object_mask -Format bmp) $red.Color
        $after.Count | Should -BeGreaterThan 0
        $after.X - $before.X | Should -BeGreaterThan 8
        [math]::Abs($after.Y - $before.Y) | Should -BeLessThan 1.5
    }
}

Describe 'Several sessions' -Tag Integration {
    # Last in the file: connecting makes the new session current.
    It 'reads each session''s objects and cameras, each marked with its session' {
        $sim2 = Start-TestSimulator -Width 32 -Height 24
        try {
            $second = $sim2 | Connect-UnrealCv
            $null = Invoke-UnrealCvRequest -Session $second 'vset /object/RedBox/location 1 2 3'
            $objects = Get-UnrealCvObject RedBox -Session $Main, $second
            $objects.SessionId | Should -Be @($Main.Id, $second.Id)
            $objects[1].Location | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(1, 2, 3))
            $objects[0].Location | Should -Not -Be $objects[1].Location

            $cameras = $Main, $second | Get-UnrealCvCamera 1
            $cameras.SessionName | Should -Be @($Main.Name, $second.Name)
            $cameras.Width | Should -Be @(64, 32)

            $images = $cameras | Get-UnrealCvImage -Format bmp
            $images.Width | Should -Be @(64, 32)

            $moved = $objects | Set-UnrealCvObject -Location 5, 5, 5 -PassThru
            $moved.SessionName | Should -Be @($Main.Name, $second.Name)
            $moved.Location | ForEach-Object { $_ | Should -Be ([UnrealCv.Replies.UnrealCvVector]::new(5, 5, 5)) }
        }
        finally {
            Reset-Scene
            $second | Disconnect-UnrealCv -WarningAction SilentlyContinue # Main is current again; the warning saying so is expected
            $sim2 | Stop-UnrealCvSimulator
        }
    }
}
