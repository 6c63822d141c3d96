BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Sim = Start-TestSimulator -Width 64 -Height 48
    $null = $Sim | Connect-UnrealCv

    # Where the top-down camera (camera 1: above the origin, pitch -90, horizontal FOV) sees the world
    # point (X, Y, Z): image x runs along world +Y, image y along world -X (UE: X forward, Y right, Z up).
    function script:Get-TopCameraPixel([double] $X, [double] $Y, [double] $Z) {
        $camera = (Invoke-UnrealCvRequest 'vget /camera/1/location').Value
        $size = (Invoke-UnrealCvRequest 'vget /camera/1/size').Value
        $fov = (Invoke-UnrealCvRequest 'vget /camera/1/fov').Value
        $depth = $camera.Z - $Z
        $halfWidth = $depth * [math]::Tan($fov * [math]::PI / 360)
        $halfHeight = $halfWidth * $size.Height / $size.Width
        [pscustomobject]@{
            X = [int][math]::Floor(($Y / $halfWidth + 1) * $size.Width / 2)
            Y = [int][math]::Floor((1 - $X / $halfHeight) * $size.Height / 2)
        }
    }
}

AfterAll { Clear-TestState }

Describe 'Typed reply values' -Tag Integration {
    Context 'plugin status' {
        It 'parses vget /unrealcv/status' {
            $response = Invoke-UnrealCvRequest 'vget /unrealcv/status'
            $response.ParseError | Should -BeNullOrEmpty
            $status = $response.Value
            $status | Should -BeOfType 'UnrealCv.Replies.UnrealCvStatus'
            $status.Port | Should -Be $Sim.Port
            $status.ConfigPort | Should -Be $Sim.Port
            $status.IsListening | Should -BeTrue
            $status.ClientConnected | Should -BeTrue
            $status.Width | Should -Be 64
            $status.Height | Should -Be 48
            $status.Fov | Should -Be 90
            $status.EnableRightEye | Should -BeFalse
            $status.ConfigFile | Should -BeLike '*unrealcv.ini'
        }

        It 'keeps unknown shapes as text' {
            $response = Invoke-UnrealCvRequest 'vget /unrealcv/version'
            $response.Value | Should -BeExactly '1.0.1'
            $response.ParseError | Should -BeNullOrEmpty
        }

        It 'keeps the text of an error reply' {
            $null = Invoke-UnrealCvRequest 'vget /object/NoSuchThing/location' -ErrorAction SilentlyContinue -ErrorVariable failures
            $failures.Count | Should -Be 1
            $failures[0].TargetObject.Value | Should -BeExactly 'error Can not find object'
            $failures[0].TargetObject.ParseError | Should -BeNullOrEmpty
        }
    }

    Context 'name lists' {
        It 'lists the objects without an empty entry' {
            $names = (Invoke-UnrealCvRequest 'vget /objects').Value
            , $names | Should -BeOfType 'System.String[]'
            $names | Should -Contain 'RedBox'
            $names | Should -Contain 'GreenBox'
            $names | Should -Contain 'BlueBox'
            $names | Should -Contain 'WorldSettings'
            $names | Where-Object { $_ -eq '' } | Should -BeNullOrEmpty
            $names[-1] | Should -Not -BeNullOrEmpty
        }

        It 'lists the cameras in id order' {
            $names = (Invoke-UnrealCvRequest 'vget /cameras ').Value
            $names | Should -Be @('PawnSensor', 'FusionCameraSensor')
        }
    }

    Context 'objects' {
        It 'reads a location as a vector' {
            $location = (Invoke-UnrealCvRequest 'vget /object/RedBox/location').Value
            $location | Should -BeOfType 'UnrealCv.Replies.UnrealCvVector'
            $location.X | Should -Be 100
            $location.Y | Should -Be -150
            $location.Z | Should -Be 50
        }

        It 'round-trips a location set with vset' {
            $before = (Invoke-UnrealCvRequest 'vget /object/BlueBox/location').Value
            try {
                (Invoke-UnrealCvRequest 'vset /object/BlueBox/location 12.5 -34.25 -0.5').Text | Should -Be 'ok'
                $after = (Invoke-UnrealCvRequest 'vget /object/BlueBox/location  ').Value
                $after.X | Should -Be 12.5
                $after.Y | Should -Be -34.25
                $after.Z | Should -Be -0.5
            }
            finally {
                $null = Invoke-UnrealCvRequest "vset /object/BlueBox/location $($before.ToCommandText())"
            }
            (Invoke-UnrealCvRequest 'vget /object/BlueBox/location').Value | Should -Be $before
        }

        It 'round-trips a rotation as pitch yaw roll' {
            $null = Invoke-UnrealCvRequest 'vset /object/YellowSphere/rotation 10 -20 30'
            $rotation = (Invoke-UnrealCvRequest 'vget /object/YellowSphere/rotation').Value
            $rotation | Should -BeOfType 'UnrealCv.Replies.UnrealCvRotator'
            $rotation.Pitch | Should -Be 10
            $rotation.Yaw | Should -Be -20
            $rotation.Roll | Should -Be 30
            $null = Invoke-UnrealCvRequest 'vset /object/YellowSphere/rotation 0 0 0'
        }

        It 'reads the scale as a vector' {
            $scale = (Invoke-UnrealCvRequest 'vget /object/GreenBox/scale').Value
            $scale.X | Should -Be 1.5
            $scale.Y | Should -Be 1.5
            $scale.Z | Should -Be 1.5
        }

        It 'reads the bounds as min and max vectors' {
            $bounds = (Invoke-UnrealCvRequest 'vget /object/RedBox/bounds').Value
            $bounds | Should -BeOfType 'UnrealCv.Replies.UnrealCvBounds'
            $bounds.Min.X | Should -Be 50
            $bounds.Min.Y | Should -Be -200
            $bounds.Min.Z | Should -Be 0
            $bounds.Max.X | Should -Be 150
            $bounds.Max.Y | Should -Be -100
            $bounds.Max.Z | Should -Be 100
        }

        It 'reads the colour and round-trips a new one' {
            $color = (Invoke-UnrealCvRequest 'vget /object/RedBox/color').Value
            $color | Should -BeOfType 'UnrealCv.Replies.UnrealCvColor'
            $color.A | Should -Be 255
            $color.ToString() | Should -BeExactly (Invoke-UnrealCvRequest 'vget /object/RedBox/color').Text
            $null = Invoke-UnrealCvRequest 'vset /object/PurpleSphere/color 1 2 300'
            $purple = (Invoke-UnrealCvRequest 'vget /object/PurpleSphere/color').Value
            @($purple.R, $purple.G, $purple.B, $purple.A) | Should -Be @(1, 2, 44, 255) # 300 keeps its low byte
        }
    }

    Context 'cameras' {
        It 'reads the top camera pose' {
            $location = (Invoke-UnrealCvRequest 'vget /camera/1/location').Value
            @($location.X, $location.Y, $location.Z) | Should -Be @(0, 0, 800)
            $rotation = (Invoke-UnrealCvRequest 'vget /camera/1/rotation').Value
            @($rotation.Pitch, $rotation.Yaw, $rotation.Roll) | Should -Be @(-90, 0, 0)
        }

        It 'reads the field of view as a double and the size as width and height' {
            $fov = (Invoke-UnrealCvRequest 'vget /camera/0/fov').Value
            $fov | Should -BeOfType 'System.Double'
            $fov | Should -Be 90
            $size = (Invoke-UnrealCvRequest 'vget /camera/1/size').Value
            $size | Should -BeOfType 'UnrealCv.Replies.UnrealCvSize'
            $size.Width | Should -Be 64
            $size.Height | Should -Be 48
        }

        It 'reads a changed field of view' {
            $null = Invoke-UnrealCvRequest 'vset /camera/0/fov 75.5'
            (Invoke-UnrealCvRequest 'vget /camera/0/fov').Value | Should -Be 75.5
            $null = Invoke-UnrealCvRequest 'vset /camera/0/fov 90'
        }
    }

    Context 'game state' {
        It 'reads is_paused as a bool through pause and resume' {
            (Invoke-UnrealCvRequest 'vget /action/game/is_paused').Value | Should -BeExactly $false
            $null = Invoke-UnrealCvRequest 'vset /action/game/pause'
            try {
                $paused = (Invoke-UnrealCvRequest 'vget /action/game/is_paused').Value
                $paused | Should -BeOfType 'System.Boolean'
                $paused | Should -BeExactly $true
            }
            finally {
                $null = Invoke-UnrealCvRequest 'vset /action/game/resume'
            }
            (Invoke-UnrealCvRequest 'vget /action/game/is_paused').Value | Should -BeExactly $false
        }
    }

    Context 'images' {
        It 'reads the size of a <_> capture' -ForEach @('lit', 'normal', 'object_mask', 'seg') {
            foreach ($format in 'png', 'bmp') {
                $image = (Invoke-UnrealCvRequest "vget /camera/1/$_ $format").Value
                $image | Should -BeOfType 'UnrealCv.Replies.UnrealCvImage'
                $image.Format | Should -Be $format
                $image.Width | Should -Be 64
                $image.Height | Should -Be 48
            }
        }

        It 'reads the size of a screenshot' {
            $image = (Invoke-UnrealCvRequest 'vget /screenshot png').Value
            $image.Format | Should -Be 'png'
            $image.Width | Should -Be 64
            $image.Height | Should -Be 48
        }

        It 'keeps the reply bytes and refuses pixels of a png' {
            $response = Invoke-UnrealCvRequest 'vget /camera/0/lit png'
            [object]::ReferenceEquals($response.Value.Bytes, $response.Bytes) | Should -BeTrue
            { $response.Value.GetPixel(0, 0) } | Should -Throw '*decode the PNG with an image library, or request bmp*'
        }

        It 'saves a bmp as a standard file without the extra count' {
            $response = Invoke-UnrealCvRequest 'vget /camera/1/lit bmp'
            $response.Bytes.Length | Should -Be (58 + 4 * 64 * 48)
            $path = Join-Path $TestDrive 'lit.bmp'
            $response.Value.Save($path)
            $file = [IO.File]::ReadAllBytes($path)
            $file.Length | Should -Be (54 + 4 * 64 * 48)
            [BitConverter]::ToInt32($file, 2) | Should -Be $file.Length
            [BitConverter]::ToInt32($file, 10) | Should -Be 54
            $file[54..57] | Should -Be $response.Bytes[58..61]
        }

        It 'saves a png as received' {
            $response = Invoke-UnrealCvRequest 'vget /camera/1/lit png'
            $path = Join-Path $TestDrive 'lit.png'
            $response.Value.Save($path)
            [IO.File]::ReadAllBytes($path) | Should -Be $response.Bytes
        }

        It 'shows <_> in its own colour in the object mask' -ForEach @('RedBox', 'GreenBox', 'BlueBox', 'YellowSphere') {
            $name = $_
            $color = (Invoke-UnrealCvRequest "vget /object/$name/color").Value
            $bounds = (Invoke-UnrealCvRequest "vget /object/$name/bounds").Value
            $centre = $bounds.Center
            $pixel = Get-TopCameraPixel -X $centre.X -Y $centre.Y -Z $bounds.Max.Z
            $mask = (Invoke-UnrealCvRequest 'vget /camera/1/object_mask bmp').Value
            $seen = $mask.GetPixel($pixel.X, $pixel.Y)
            $seen | Should -Be $color
            $seen.ToString() | Should -BeExactly (Invoke-UnrealCvRequest "vget /object/$name/color").Text
        }

        It 'shows the floor, not an object, at the centre of the mask' {
            $mask = (Invoke-UnrealCvRequest 'vget /camera/1/seg bmp').Value
            $floor = (Invoke-UnrealCvRequest 'vget /object/Floor/color').Value
            $mask.GetPixel(32, 24) | Should -Be $floor
        }
    }

    Context 'depth arrays' {
        It 'parses the depth npy of the top camera' {
            $response = Invoke-UnrealCvRequest 'vget /camera/1/depth npy'
            $response.ParseError | Should -BeNullOrEmpty
            $depth = $response.Value
            $depth | Should -BeOfType 'UnrealCv.Replies.UnrealCvDepthArray'
            $depth.Shape | Should -Be @(48, 64)
            $depth.Height | Should -Be 48
            $depth.Width | Should -Be 64
            $depth.DataOffset | Should -Be 80
            $depth.Data.Length | Should -Be (48 * 64)
            $depth[24, 32] | Should -Be 800          # the floor, straight below the camera
            $depth.GetValue(24, 32) | Should -Be 800
            $depth.Max | Should -Be 800
            $depth.Min | Should -BeLessThan 800
        }

        It 'reads the top of a box at its depth' {
            $bounds = (Invoke-UnrealCvRequest 'vget /object/RedBox/bounds').Value
            $pixel = Get-TopCameraPixel -X $bounds.Center.X -Y $bounds.Center.Y -Z $bounds.Max.Z
            $depth = (Invoke-UnrealCvRequest 'vget /camera/1/depth npy').Value
            $depth[$pixel.Y, $pixel.X] | Should -Be (800 - $bounds.Max.Z)
        }

        It 'saves the npy as received' {
            $response = Invoke-UnrealCvRequest 'vget /camera/1/depth npy'
            $path = Join-Path $TestDrive 'depth.npy'
            $response.Value.Save($path)
            [IO.File]::ReadAllBytes($path) | Should -Be $response.Bytes
        }
    }
}
