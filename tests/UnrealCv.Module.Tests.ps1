BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Manifest = Import-PowerShellDataFile $ModuleManifest
}

Describe 'The UnrealCv module' -Tag Unit {
    It 'exports exactly the cmdlets its manifest lists' {
        $exported = (Get-Module UnrealCv).ExportedCmdlets.Keys | Sort-Object
        $exported | Should -Be ($Manifest.CmdletsToExport | Sort-Object)
        (Get-Module UnrealCv).ExportedFunctions.Count | Should -Be 0
        (Get-Module UnrealCv).ExportedAliases.Count | Should -Be 0
    }

    It 'uses only approved verbs' {
        $approved = (Get-Verb).Verb
        foreach ($command in Get-Command -Module UnrealCv) { $approved | Should -Contain $command.Verb }
    }

    It 'ships no System.Management.Automation and no other reference assemblies' {
        $folder = Split-Path $ModuleManifest
        Get-ChildItem $folder -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
        (Get-ChildItem $folder -Filter *.dll).Name | Sort-Object |
            Should -Be @('Microsoft.Extensions.ObjectPool.dll', 'StbImageSharp.dll', 'StbImageWriteSharp.dll', 'UnrealCv.dll', 'UnrealCv.Protocol.dll', 'UnrealCv.Simulator.dll')
    }

    It 'has the version of the newest CHANGELOG release' {
        $changelog = Get-Content (Join-Path $PSScriptRoot '../CHANGELOG.md')
        $newest = $changelog | Where-Object { $_ -match '^## \[(\d+\.\d+\.\d+)\]' } | Select-Object -First 1
        $newest | Should -Match ([regex]::Escape("[$($Manifest.ModuleVersion)]"))
        (Get-Module UnrealCv).Version.ToString() | Should -Be $Manifest.ModuleVersion
    }
}

Describe 'Microsoft.Extensions.ObjectPool' -Tag Integration {
    It 'loads in a fresh pwsh and serves the request pool' {
        # A fresh process: the version check only means something before anything else loaded the assembly.
        $script = {
            param($manifest)
            $ErrorActionPreference = 'Stop'
            Import-Module $manifest
            $simulator = Start-UnrealCvSimulator -FrameTimeMs 0
            $session = $simulator | Connect-UnrealCv
            $replies = 1..20 | ForEach-Object { "vget /unrealcv/echo $_" } | Invoke-UnrealCvRequest
            $connection = $session.GetType().GetProperty('Connection', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($session)
            $pool = $connection.GetType().GetField('_pool', [Reflection.BindingFlags]'NonPublic,Instance').GetValue($connection)
            $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Extensions.ObjectPool' }
            [pscustomobject]@{
                Replies      = $replies.Count
                PoolType     = $pool.GetType().FullName
                PoolAssembly = $pool.GetType().Assembly.GetName().Name
                Loaded       = @($assembly).Count
            } | ConvertTo-Json -Compress
            Disconnect-UnrealCv
            Stop-UnrealCvSimulator
        }
        $pwsh = Join-Path $PSHOME 'pwsh'
        if (-not (Test-Path $pwsh)) { $pwsh = (Get-Process -Id $PID).Path }
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes("& { $script } '$ModuleManifest'"))
        $json = & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded
        $LASTEXITCODE | Should -Be 0
        $result = $json | ConvertFrom-Json
        $result.Replies | Should -Be 20
        $result.PoolType | Should -BeLike 'Microsoft.Extensions.ObjectPool.DefaultObjectPool*'
        $result.PoolAssembly | Should -Be 'Microsoft.Extensions.ObjectPool'
        $result.Loaded | Should -Be 1
    }
}
