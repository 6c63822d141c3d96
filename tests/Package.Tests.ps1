# The nupkg of `build.ps1 Package` (also made by `build.ps1 Test`): PowerShell Gallery layout, metadata from the
# manifest and CHANGELOG.md, and it installs and imports by name the way PowerShellGet would lay it out.
BeforeAll {
    . $PSScriptRoot/common.ps1
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '..')
    $script:Built = Split-Path $ModuleManifest
    # The single source of the version is the source manifest.
    $script:Source = Import-PowerShellDataFile (Join-Path $Root 'UnrealCv.psd1')
    $script:Version = $Source.ModuleVersion
    $script:Nupkg = Join-Path $Root "out/package/UnrealCv.$Version.nupkg"
    # A package older than the module it should hold would test stale bits; build.ps1 Test always makes a fresh one.
    $script:Missing = if (-not (Test-Path $Nupkg)) { "there is no $Nupkg; run ./build.ps1 Package" }
        elseif ((Get-Item $Nupkg).LastWriteTimeUtc -lt (Get-Item (Join-Path $Built 'UnrealCv.dll')).LastWriteTimeUtc) { "$Nupkg is older than the built module; run ./build.ps1 Package" }
    if (-not $Missing) {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Nupkg)
        try {
            $script:Entries = @($zip.Entries | ForEach-Object FullName)
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('UnrealCv.nuspec').Open())
            try { [xml] $script:Nuspec = $reader.ReadToEnd() } finally { $reader.Dispose() }
            $script:Sizes = @{}
            foreach ($entry in $zip.Entries) { $Sizes[$entry.FullName] = $entry.Length }
        }
        finally { $zip.Dispose() }
        $script:Metadata = $Nuspec.package.metadata
    }
}

Describe 'The UnrealCv package' -Tag Unit {
    BeforeEach {
        if ($Missing) { Set-ItResult -Skipped -Because $Missing }
    }

    It 'is named and versioned from UnrealCv.psd1' {
        $Metadata.id | Should -Be 'UnrealCv'
        $Metadata.version | Should -Be $Version
        $Metadata.authors | Should -Be $Source.Author
        $Metadata.description | Should -Be $Source.Description
        $Metadata.copyright | Should -Be $Source.Copyright
    }

    It 'carries the PSData tags and URIs' {
        $psData = $Source.PrivateData.PSData
        $tags = $Metadata.tags -split ' '
        foreach ($tag in $psData.Tags) { $tags | Should -Contain $tag }
        $tags | Should -Contain 'PSModule'
        $tags | Should -Contain 'PSCmdlet_Connect-UnrealCv'
        $Metadata.projectUrl | Should -Be $psData.ProjectUri
        $Metadata.licenseUrl | Should -Be $psData.LicenseUri
    }

    It 'takes its release notes from the newest release of CHANGELOG.md' {
        $changelog = Get-Content (Join-Path $Root 'CHANGELOG.md')
        $heading = $changelog | Where-Object { $_ -match '^## \[\d+\.\d+\.\d+\]' } | Select-Object -First 1
        $heading | Should -Match ([regex]::Escape("[$Version]"))
        $start = [Array]::IndexOf($changelog, $heading)
        $firstEntry = $changelog[($start + 1)..($changelog.Count - 1)] | Where-Object { $_ -match '^- ' } | Select-Object -First 1
        $notes = $Metadata.releaseNotes
        $notes | Should -Match ([regex]::Escape($heading.TrimStart('#').Trim()))
        $notes | Should -Match ([regex]::Escape($firstEntry))
        $notes | Should -Not -Match '\[Unreleased\]'
    }

    It 'holds the module files at its root, as the PowerShell Gallery lays them out' {
        $Entries | Should -Contain 'UnrealCv.nuspec'
        $Entries | Should -Contain 'UnrealCv.psd1'
        $Entries | Should -Contain 'UnrealCv.dll'
        $Entries | Should -Contain 'UnrealCv.Format.ps1xml'
        $Entries | Should -Contain 'en-US/UnrealCv.dll-Help.xml'
        $Entries | Should -Contain 'en-US/about_UnrealCv.help.txt'
        $Entries | Should -Contain '[Content_Types].xml'
        $Entries | Should -Contain '_rels/.rels'
        @($Entries | Where-Object { $_ -like 'package/services/metadata/core-properties/*.psmdcp' }).Count | Should -Be 1
        @($Entries | Where-Object { $_ -match '^(lib|content|tools)/' }) | Should -BeNullOrEmpty
        @($Entries | Where-Object { $_ -match '\\' }) | Should -BeNullOrEmpty -Because 'zip entry names use forward slashes'
    }

    It 'holds exactly the built module folder' {
        $module = @(Get-ChildItem $Built -Recurse -File | ForEach-Object {
                [System.IO.Path]::GetRelativePath($Built, $_.FullName).Replace('\', '/')
            } | Sort-Object)
        $packaged = @($Entries | Where-Object { $_ -ne 'UnrealCv.nuspec' -and $_ -ne '[Content_Types].xml' -and $_ -notmatch '^(_rels|package)/' } | Sort-Object)
        $packaged | Should -Be $module
        foreach ($file in $module) { $Sizes[$file] | Should -Be (Get-Item (Join-Path $Built $file)).Length -Because "$file is packaged whole" }
    }
}

Describe 'Installing the package' -Tag Integration {
    BeforeAll {
        if (-not $Missing) {
            # What PowerShellGet does: extract into <path>/UnrealCv/<version>/ and drop the packaging parts.
            $script:ModulePath = Join-Path ([System.IO.Path]::GetTempPath()) "unrealcv-install-$([guid]::NewGuid().ToString('N'))"
            $script:InstallFolder = Join-Path $ModulePath "UnrealCv/$Version"
            [System.IO.Compression.ZipFile]::ExtractToDirectory($Nupkg, $InstallFolder)
            Remove-Item -Recurse -Force -LiteralPath (Join-Path $InstallFolder 'UnrealCv.nuspec'), (Join-Path $InstallFolder '[Content_Types].xml'),
                (Join-Path $InstallFolder '_rels'), (Join-Path $InstallFolder 'package')

            $script = {
                $ErrorActionPreference = 'Stop'
                $ProgressPreference = 'SilentlyContinue'
                $available = Get-Module -ListAvailable UnrealCv
                Import-Module UnrealCv
                $module = Get-Module UnrealCv
                $simulator = Start-UnrealCvSimulator -FrameTimeMs 0
                $session = $simulator | Connect-UnrealCv
                $version = (Invoke-UnrealCvRequest 'vget /unrealcv/version').Text
                Disconnect-UnrealCv
                Stop-UnrealCvSimulator
                [pscustomobject]@{
                    Available = @($available | ForEach-Object { "$($_.Version)" })
                    Version   = "$($module.Version)"
                    Base      = $module.ModuleBase
                    Cmdlets   = @($module.ExportedCmdlets.Keys)
                    Reply     = $version
                    Project   = $session.ProjectName
                    Synopsis  = (Get-Help Connect-UnrealCv).Synopsis
                    About     = (Get-Help about_UnrealCv | Out-String) -match 'SHORT DESCRIPTION'
                } | ConvertTo-Json -Compress
            }
            $pwsh = Join-Path $PSHOME 'pwsh'
            if (-not (Test-Path $pwsh)) { $pwsh = (Get-Process -Id $PID).Path }
            $saved = $env:PSModulePath
            try {
                $env:PSModulePath = $ModulePath
                $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script.ToString()))
                $script:Json = & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded
                $script:ExitCode = $LASTEXITCODE
            }
            finally {
                $env:PSModulePath = $saved
            }
        }
    }
    AfterAll {
        if ($ModulePath) { Remove-Item -Recurse -Force $ModulePath -ErrorAction SilentlyContinue }
    }
    BeforeEach {
        if ($Missing) { Set-ItResult -Skipped -Because $Missing }
    }

    It 'leaves only the module files in <version> folder' {
        Get-ChildItem -LiteralPath $InstallFolder -Filter '*.nuspec' | Should -BeNullOrEmpty
        Join-Path $InstallFolder 'UnrealCv.psd1' | Should -Exist
        Join-Path $InstallFolder 'en-US/UnrealCv.dll-Help.xml' | Should -Exist
    }

    It 'imports by name in a fresh pwsh whose PSModulePath is the install path, and runs' {
        $ExitCode | Should -Be 0
        $result = $Json | ConvertFrom-Json
        $result.Available | Should -Be @($Version)
        $result.Version | Should -Be $Version
        $result.Base | Should -Be $InstallFolder
        @($result.Cmdlets | Sort-Object) | Should -Be @($Source.CmdletsToExport | Sort-Object)
        $result.Reply | Should -Be '1.0.1'
        $result.Project | Should -Be 'UnrealCvSimulator'
        $result.Synopsis | Should -Be 'Connects to a binary running the UnrealCV plugin and makes the session current.'
        $result.About | Should -BeTrue
    }
}
