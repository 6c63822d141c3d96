# Every PowerShell the module claims (issue 15 item 8): the manifest claims what the build proves, the shipped
# assemblies are netstandard2.0, and `build.ps1 Test` has compiled the same sources for .NET Framework 4.7.2
# (Windows PowerShell 5.1) into out/net472. Windows paths that can be checked from Linux are checked here too.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '..')
    $script:Manifest = Import-PowerShellDataFile (Join-Path $Root 'UnrealCv.psd1')
    $script:Built = Split-Path $ModuleManifest
    $script:Framework = Join-Path $Root 'out/net472/bin'
    $script:Shipping = 'UnrealCv', 'UnrealCv.Protocol', 'UnrealCv.Simulator'

    function script:Get-TargetFramework([string] $Path) {
        # Read without loading: a net472 assembly must not be loaded into this .NET 10 process to be looked at.
        $bytes = [IO.File]::ReadAllBytes($Path)
        $stream = [IO.MemoryStream]::new($bytes)
        $pe = [Reflection.PortableExecutable.PEReader]::new($stream)
        try {
            $reader = [Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            foreach ($handle in $reader.CustomAttributes) {
                $attribute = $reader.GetCustomAttribute($handle)
                if ($attribute.Constructor.Kind -ne 'MemberReference') { continue } # attributes the assembly defines itself
                $constructor = $reader.GetMemberReference([Reflection.Metadata.MemberReferenceHandle]::op_Explicit($attribute.Constructor))
                $type = $reader.GetTypeReference([Reflection.Metadata.TypeReferenceHandle]::op_Explicit($constructor.Parent))
                if ($reader.GetString($type.Name) -ne 'TargetFrameworkAttribute') { continue }
                $blob = $reader.GetBlobReader($attribute.Value)
                $null = $blob.ReadUInt16() # prolog
                return $blob.ReadSerializedString()
            }
        }
        finally { $pe.Dispose() }
    }
}

Describe 'The editions the module claims' -Tag Unit {
    It 'claims Core and Desktop from Windows PowerShell 5.1 on .NET Framework 4.7.2' {
        $Manifest.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $Manifest.PowerShellVersion | Should -Be '5.1'
        $Manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
        $Manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Desktop'
        $Manifest.PrivateData.PSData.Tags | Should -Contain 'PSEdition_Core'
    }

    It 'ships <_>.dll built for netstandard2.0' -ForEach 'UnrealCv', 'UnrealCv.Protocol', 'UnrealCv.Simulator' {
        Get-TargetFramework (Join-Path $Built "$_.dll") | Should -Be '.NETStandard,Version=v2.0'
    }

    It 'compiled <_> for .NET Framework 4.7.2 in this build' -ForEach 'UnrealCv', 'UnrealCv.Protocol', 'UnrealCv.Simulator' {
        $dll = Join-Path $Framework "$_/Release/net472/$_.dll"
        $dll | Should -Exist -Because 'build.ps1 Test runs the Net472 task before the tests'
        Get-TargetFramework $dll | Should -Be '.NETFramework,Version=v4.7.2'
        # Compiled from the sources as they are, not a leftover of an earlier build.
        $newestSource = Get-ChildItem (Join-Path $Root "src/$_") -Recurse -Filter *.cs | Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]' |
            Sort-Object LastWriteTimeUtc | Select-Object -Last 1
        (Get-Item $dll).LastWriteTimeUtc | Should -BeGreaterOrEqual $newestSource.LastWriteTimeUtc -Because "$($newestSource.Name) changed after it"
    }

    It 'says in the README which editions are run and which are compiled for' {
        $readme = Get-Content -Raw (Join-Path $Root 'README.md')
        $readme | Should -Match '(?m)^## Where it runs'
        $readme | Should -Match '\| 7\.6 on Linux \| \.NET 10 \| \*\*run\*\*'
        $readme | Should -Match '\| Windows PowerShell 5\.1 \| \.NET Framework 4\.7\.2\+ \| compiled for'
    }
}

Describe 'A program for the other system' -Tag Integration {
    BeforeAll {
        $script:Folder = (New-Item -ItemType Directory (Join-Path ([IO.Path]::GetTempPath()) "unrealcv-pe-$([guid]::NewGuid().ToString('N'))")).FullName
        $script:WindowsGame = Join-Path $Folder 'Game.exe'
        [IO.File]::WriteAllBytes($WindowsGame, [byte[]](0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00))
        & chmod +x $WindowsGame
    }
    AfterAll {
        Clear-TestState
        Remove-Item -Recurse -Force $Folder -ErrorAction SilentlyContinue
    }

    # Linux runs a file it cannot exec through /bin/sh, as a script: the game "exits" 127 with "MZ...: not found".
    It 'is named as a Windows program when it cannot start on Linux' {
        $err = $null
        $binary = Start-UnrealCvBinary -Path $WindowsGame -TimeoutSec 10 -ErrorAction SilentlyContinue -ErrorVariable err
        $binary | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].Exception.Message | Should -Match ([regex]::Escape("'$WindowsGame' exited with code 127 before it answered"))
        $err[0].Exception.Message | Should -Match 'It is a Windows program \(PE\): run the game''s Linux build here'
    }
}
