# The nupkg that `build.ps1 Package` (also run by `build.ps1 Test`) publishes with Publish-PSResource into the file
# repository out/package: PowerShell Gallery layout, metadata from the manifest and CHANGELOG.md, and it installs with
# Save-PSResource from that repository and imports by name.
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
        # Publish-PSResource adds PSModule to the manifest's tags.
        @($Metadata.tags -split ' ' | Sort-Object) | Should -Be @(@($psData.Tags) + 'PSModule' | Sort-Object)
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
        # They reach the nuspec through the shipped manifest, whose source says only 'See CHANGELOG.md'.
        (Import-PowerShellDataFile $ModuleManifest).PrivateData.PSData.ReleaseNotes | Should -BeExactly $notes
        $Source.PrivateData.PSData.ReleaseNotes | Should -Be 'See CHANGELOG.md'
    }

    It 'ships the MIT LICENSE that the manifest links to' {
        $Source.PrivateData.PSData.LicenseUri | Should -BeLike '*/blob/main/LICENSE'
        $Entries | Should -Contain 'LICENSE'
        $Sizes['LICENSE'] | Should -Be (Get-Item (Join-Path $Root 'LICENSE')).Length
        $license = Get-Content -Raw (Join-Path $Built 'LICENSE')
        $license | Should -BeExactly (Get-Content -Raw (Join-Path $Root 'LICENSE'))
        $license | Should -Match '^MIT License'
        $license | Should -Match 'Copyright \(c\) \d{4} UnrealCv contributors'
        # The manifest names the same holder and licence as the file.
        $holder = [regex]::Match($license, 'Copyright \(c\) \d{4} (.+)').Groups[1].Value.Trim()
        $Source.Copyright | Should -BeLike "*$holder*MIT License*"
    }

    It 'holds the module files at its root, as the PowerShell Gallery lays them out' {
        $Entries | Should -Contain 'UnrealCv.nuspec'
        $Entries | Should -Contain 'UnrealCv.psd1'
        $Entries | Should -Contain 'UnrealCv.dll'
        $Entries | Should -Contain 'UnrealCv.Format.ps1xml'
        $Entries | Should -Contain 'UnrealCv.Types.ps1xml'
        $Entries | Should -Contain 'en-US/UnrealCv.dll-Help.xml'
        $Entries | Should -Contain 'en-US/about_UnrealCv.help.txt'
        $Entries | Should -Contain '[Content_Types].xml'
        $Entries | Should -Contain '_rels/.rels'
        @($Entries | Where-Object { $_ -like 'package/services/metadata/core-properties/*.psmdcp' }).Count | Should -Be 1
        @($Entries | Where-Object { $_ -match '^(lib|content|tools)/' }) | Should -BeNullOrEmpty
        @($Entries | Where-Object { $_ -match '\\' }) | Should -BeNullOrEmpty -Because 'zip entry names use forward slashes'
    }

    It 'holds exactly the built module folder' {
        # The shipped simulator writes unrealcv.ini beside itself when a test runs it, as a game does: not packaged.
        $module = @(Get-ChildItem $Built -Recurse -File | ForEach-Object {
                [System.IO.Path]::GetRelativePath($Built, $_.FullName).Replace('\', '/')
            } | Where-Object { $_ -ne 'UnrealCvSimulator/unrealcv.ini' } | Sort-Object)
        $packaged = @($Entries | Where-Object { $_ -ne 'UnrealCv.nuspec' -and $_ -ne '[Content_Types].xml' -and $_ -notmatch '^(_rels|package)/' } | Sort-Object)
        $packaged | Should -Be $module
        foreach ($file in $module) { $Sizes[$file] | Should -Be (Get-Item (Join-Path $Built $file)).Length -Because "$file is packaged whole" }
    }
}

Describe 'Installing the package' -Tag Integration {
    BeforeAll {
        if (-not $Missing) {
            $script:ModulePath = Join-Path ([System.IO.Path]::GetTempPath()) "unrealcv-install-$([guid]::NewGuid().ToString('N'))"
            $script:InstallFolder = Join-Path $ModulePath "UnrealCv/$Version"
            New-Item -ItemType Directory -Force $ModulePath | Out-Null
            $pwsh = Join-Path $PSHOME 'pwsh'
            if (-not (Test-Path $pwsh)) { $pwsh = (Get-Process -Id $PID).Path }

            # Save-PSResource from out/package, registered as a repository in PSResourceGet settings of this test's own
            # (XDG_DATA_HOME moves them, if the folder exists), so the user's repository list is never touched.
            $settings = New-Item -ItemType Directory -Force (Join-Path $ModulePath '.psresourceget')
            $save = "`$ErrorActionPreference = 'Stop'; " +
                "Register-PSResourceRepository -Name UnrealCvPackage -Uri '$(Split-Path $Nupkg)' -Trusted; " +
                "try { Save-PSResource -Name UnrealCv -Version '$Version' -Repository UnrealCvPackage -Path '$ModulePath' -SkipDependencyCheck } " +
                "finally { Unregister-PSResourceRepository -Name UnrealCvPackage }"
            $savedData = $env:XDG_DATA_HOME
            try {
                $env:XDG_DATA_HOME = $settings
                $script:SaveOutput = & $pwsh -NoProfile -NonInteractive -Command $save 2>&1 | Out-String
                $script:SaveExitCode = $LASTEXITCODE
            }
            finally {
                $env:XDG_DATA_HOME = $savedData
                Remove-Item -Recurse -Force $settings -ErrorAction SilentlyContinue
            }

            $script = {
                $ErrorActionPreference = 'Stop'
                $ProgressPreference = 'SilentlyContinue'
                $available = Get-Module -ListAvailable UnrealCv
                Import-Module UnrealCv
                $module = Get-Module UnrealCv
                $commands = Get-Command -Module UnrealCv
                $simulator = Start-UnrealCvSimulator -FrameTimeMs 0
                $session = $simulator | Connect-UnrealCv
                $version = (Invoke-UnrealCvRequest 'vget /unrealcv/version').Text
                Disconnect-UnrealCv
                Stop-UnrealCvSimulator
                # The simulator program the module ships, found from the module wherever it is installed.
                $program = Join-Path $module.ModuleBase 'UnrealCvSimulator/UnrealCvSimulator'
                $wasExecutable = (Get-Item $program).UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute)
                $binary = Start-UnrealCvBinary -Simulator -ArgumentList '-SimFrameTimeMs=0' -PortRange 28000, 28999 -Width 320 -Height 240 -Connect
                $status = (Invoke-UnrealCvRequest 'vget /unrealcv/status').Text
                Stop-UnrealCvBinary $binary
                $usage = & $program --help | Out-String
                [pscustomobject]@{
                    Available = @($available | ForEach-Object { "$($_.Version)" })
                    Version   = "$($module.Version)"
                    Base      = $module.ModuleBase
                    Cmdlets   = @($module.ExportedCmdlets.Keys)
                    Commands  = @($commands | ForEach-Object { "$($_.CommandType) $($_.Source)\$($_.Name)" })
                    Reply     = $version
                    Program   = $program
                    BinaryPath = $binary.Path
                    Status    = $status
                    BinaryPort = $binary.Port
                    Usage     = $usage
                    Executable = (Get-Item $program).UnixFileMode.HasFlag([IO.UnixFileMode]::UserExecute)
                    WasExecutable = $wasExecutable
                    Project   = $session.ProjectName
                    Synopsis  = (Get-Help Connect-UnrealCv).Synopsis
                    About     = (Get-Help about_UnrealCv | Out-String) -match 'SHORT DESCRIPTION'
                } | ConvertTo-Json -Compress
            }
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

    It 'saves from the file repository into UnrealCv/<version>: exactly the built module folder' {
        $SaveExitCode | Should -Be 0 -Because $SaveOutput
        $relative = { param($base) @(Get-ChildItem -LiteralPath $base -Recurse -File | ForEach-Object {
                    [System.IO.Path]::GetRelativePath($base, $_.FullName).Replace('\', '/') } |
                    Where-Object { $_ -ne 'UnrealCvSimulator/unrealcv.ini' } | Sort-Object) }
        $installed = & $relative $InstallFolder
        $installed | Should -Be (& $relative $Built)
        foreach ($file in $installed) {
            (Get-FileHash (Join-Path $InstallFolder $file)).Hash | Should -Be (Get-FileHash (Join-Path $Built $file)).Hash -Because "$file is installed whole"
        }
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

    It 'ships the simulator program in the module folder: it starts as a binary from there and answers' {
        $ExitCode | Should -Be 0
        $result = $Json | ConvertFrom-Json
        $result.Program | Should -Be (Join-Path $InstallFolder 'UnrealCvSimulator/UnrealCvSimulator')
        # Start-UnrealCvBinary -Simulator found it there by itself.
        $result.BinaryPath | Should -Be $result.Program
        $result.BinaryPort | Should -BeGreaterOrEqual 28000
        $result.Status | Should -Match "(?m)^Port: $($result.BinaryPort)\b"
        $result.Status | Should -Match '(?m)^Width: 320\b'
        $result.Status | Should -Match '(?m)^Height: 240\b'
        # Installing drops the execute bit (a nupkg is a zip); the module restored it on its own program.
        $result.WasExecutable | Should -BeFalse -Because 'the zip install drops the bit, which is what this guards'
        $result.Executable | Should -BeTrue
        # Its usage text lists its switches.
        $result.Usage | Should -Match '-SimFrameTimeMs'
        $result.Usage | Should -Match '-SimConfigDir'
    }

    It 'lists every cmdlet of the manifest, and nothing else, in Get-Command -Module UnrealCv' {
        $ExitCode | Should -Be 0
        $result = $Json | ConvertFrom-Json
        @($result.Commands | Sort-Object) | Should -Be @($Source.CmdletsToExport | Sort-Object | ForEach-Object { "Cmdlet UnrealCv\$_" })
    }
}
