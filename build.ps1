#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates the UnrealCv module.
.DESCRIPTION
    Run it with the project's pinned PowerShell: `dotnet tool restore && dotnet pwsh ./build.ps1 <Task>`.
    Tasks:
      Build    compile UnrealCv.slnx (every project under src/ and tests/, once), lay out the module in out/UnrealCv
               (with the simulator program in out/UnrealCv/UnrealCvSimulator, also in out/UnrealCvSimulator for the tests), including its help (the Docs step) and LICENSE
      Docs     out/UnrealCv/en-US: UnrealCv.dll-Help.xml from en-US/<Cmdlet>.md, and the about_*.help.txt topics
               (needs the module laid out by Build)
      Net472   compile the shipping assemblies for .NET Framework 4.7.2 (what Windows PowerShell 5.1 runs on) into
               out/net472, against its reference assemblies: an API netstandard2.0 has and .NET Framework lacks fails here
      Test     Build, Net472, Package, then the xunit suites (dotnet test --no-build), then the Pester suites in a fresh pwsh;
               prints "N passed, N failed"
      Package  Build, then Publish-PSResource into a file repository: out/package/UnrealCv.<version>.nupkg
      Demo     Build, start the simulator, connect, send requests, show the replies, clean up
      Bench    Build, then measure the client against a reference server and a raw-socket client, the simulator, and fleets under CPU load (tests/Benchmarks)
      Clean    remove out/ and the projects' bin/obj folders
.EXAMPLE
    dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1 Package
.NOTES
    Help: en-US/<Cmdlet>.md (platyPS schema 2.0.0) hold the prose of each cmdlet's help. With platyPS installed
    (Get-Module -ListAvailable platyPS), Docs runs its New-ExternalHelp; otherwise tools/ConvertTo-MamlHelp.ps1
    takes the prose from the markdown and the structure (syntax per parameter set, types, positions, pipeline input,
    aliases, wildcards, defaults) from Get-Command of the built module, in a child pwsh, so help cannot drift from the code.
    Package: Publish-PSResource makes the nuspec from the manifest (version, tags, URIs, description); Build writes the
    newest release section of CHANGELOG.md into the shipped manifest's PSData.ReleaseNotes for it.
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Docs', 'Net472', 'Test', 'Package', 'Demo', 'Bench', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench: multiplies the request counts (0.1 for a quick look).
    [double] $BenchScale = 1.0,

    # Bench: fleet sizes for the many-binaries measurement.
    # A comma list. Typed as strings on purpose: from `pwsh -File` it arrives as one string ("1,8,32"), which an
    # [int[]] parameter reads as the single number 1832 (commas taken as digit grouping).
    [string[]] $BenchInstances = @('1', '8', '32', '120'),

    # Bench: which sections to run (all by default).
    [ValidateSet('reference', 'simulator', 'fleet')]
    [string[]] $BenchSection = @('reference', 'simulator', 'fleet')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'UnrealCv'
$SimulatorOut = Join-Path $Out 'UnrealCvSimulator'
$Version = (Import-PowerShellDataFile (Join-Path $Root 'UnrealCv.psd1')).ModuleVersion
# Child processes run the same pwsh as this build (under `dotnet pwsh`, the process is dotnet, not pwsh).
$Pwsh = Join-Path $PSHOME 'pwsh'
if (-not (Test-Path $Pwsh)) { $Pwsh = (Get-Process -Id $PID).Path }

function Invoke-Native {
    # Runs a native command and fails the build when it fails.
    param([Parameter(Mandatory)][string] $File, [string[]] $Arguments)
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Clean {
    Remove-Item -Recurse -Force $Out -ErrorAction SilentlyContinue
    Get-ChildItem -Path (Join-Path $Root 'src'), (Join-Path $Root 'tests') -Directory -Recurse -Include bin, obj |
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
}

function Invoke-Build {
    # Every project compiles once, here; publishing the module and running the xunit suites reuse these outputs.
    Invoke-Native dotnet @('build', (Join-Path $Root 'UnrealCv.slnx'), '-c', $Configuration, "-p:Version=$Version", '-nologo', '-v', 'quiet')
    $staging = Join-Path $Out 'staging'
    Remove-Item -Recurse -Force $ModuleOut, $staging -ErrorAction SilentlyContinue
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/UnrealCv/UnrealCv.csproj'), '--no-build', '-c', $Configuration,
        '-o', $staging, "-p:Version=$Version", '-nologo', '-v', 'quiet')

    # The module folder holds exactly what ships: no reference assemblies, no symbols of dependencies.
    New-Item -ItemType Directory -Force $ModuleOut | Out-Null
    $ship = 'UnrealCv.dll', 'UnrealCv.Protocol.dll', 'UnrealCv.Simulator.dll', 'StbImageSharp.dll', 'StbImageWriteSharp.dll',
        'Microsoft.Extensions.ObjectPool.dll', 'UnrealCv.Format.ps1xml', 'UnrealCv.Types.ps1xml'
    foreach ($file in $ship) { Copy-Item (Join-Path $staging $file) $ModuleOut }
    Copy-Item (Join-Path $Root 'UnrealCv.psd1'), (Join-Path $Root 'LICENSE') $ModuleOut
    Set-ReleaseNote (Join-Path $ModuleOut 'UnrealCv.psd1')
    $help = Join-Path $Root 'en-US'
    if (Test-Path $help) {
        New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'en-US') | Out-Null
        Get-ChildItem $help -Filter 'about_*.help.txt' | Copy-Item -Destination (Join-Path $ModuleOut 'en-US')
    }
    Remove-Item -Recurse -Force $staging
    Invoke-Docs

    $hostProject = Join-Path $Root 'src/UnrealCv.Simulator.Host/UnrealCv.Simulator.Host.csproj'
    if (Test-Path $hostProject) {
        # Native AOT where a C linker is found (gcc or clang on Linux; Visual Studio's on Windows): a fleet of 120
        # simulators starts without a runtime to load and JIT in each, at about 15 MB resident each. Elsewhere one
        # ReadyToRun file (framework-dependent). Either is one file, so a hard link to it in another folder runs, as
        # Start-UnrealCvBinary's instance folders need.
        $rid = [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
        $linkers = if ($IsWindows) { @('link.exe') } else { @('clang', 'gcc') }
        $form = if (Get-Command $linkers -ErrorAction SilentlyContinue) { @('-p:UnrealCvNativeSimulator=true') }
                else { Write-Warning "No C linker ($($linkers -join ' or ')) found: the simulator is built as ReadyToRun .NET code, which starts slower and holds more memory. Install one (Debian: apt install gcc; Windows: the C++ tools of Visual Studio) for native code."
                       @('--self-contained', 'false', '-p:PublishSingleFile=true', '-p:PublishReadyToRun=true') }
        Remove-Item -Recurse -Force $SimulatorOut -ErrorAction SilentlyContinue
        Invoke-Native dotnet (@('publish', $hostProject, '-c', $Configuration, '-o', $SimulatorOut, "-p:Version=$Version",
            '-r', $rid, '-nologo', '-v', 'quiet') + $form)
        # The module ships the program alone (no symbols, no XML docs) in <ModuleBase>/UnrealCvSimulator, so installed
        # users reach it as Join-Path (Get-Module UnrealCv).ModuleBase 'UnrealCvSimulator/UnrealCvSimulator'.
        $shipped = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'UnrealCvSimulator')
        Get-ChildItem $SimulatorOut -File | Where-Object { $_.BaseName -eq 'UnrealCvSimulator' -and $_.Extension -in '', '.exe' } |
            Copy-Item -Destination $shipped
    }
    Write-Host "Built UnrealCv $Version into $ModuleOut"
}

function Invoke-FrameworkCheck {
    # Only compiled: no Windows PowerShell runs here. src/Directory.Build.props switches the target and the output folder.
    # Fresh binaries every time, so that the tests never read an earlier run's.
    Remove-Item -Recurse -Force (Join-Path $Out 'net472/bin') -ErrorAction SilentlyContinue
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/UnrealCv/UnrealCv.csproj'), '-c', $Configuration, "-p:Version=$Version",
        '-p:UnrealCvFrameworkCheck=true', '-nologo', '-v', 'quiet')
    Write-Host "Compiled for .NET Framework 4.7.2 into $(Join-Path $Out 'net472')"
}

function Invoke-Docs {
    # out/UnrealCv/en-US/UnrealCv.dll-Help.xml from en-US/*.md; about topics copied beside it.
    $source = Join-Path $Root 'en-US'
    $target = Join-Path $ModuleOut 'en-US'
    if (-not (Test-Path (Join-Path $ModuleOut 'UnrealCv.dll'))) { throw "Build first: $ModuleOut has no UnrealCv.dll." }
    if (-not (Test-Path $source)) { Write-Warning "No help sources in $source."; return }
    New-Item -ItemType Directory -Force $target | Out-Null
    Get-ChildItem $source -Filter 'about_*.help.txt' | Copy-Item -Destination $target
    $maml = Join-Path $target 'UnrealCv.dll-Help.xml'
    # A child pwsh: documenting the module means importing it, which this build process must not do.
    if (Get-Module -ListAvailable platyPS) {
        $script = "Import-Module platyPS; Import-Module '$(Join-Path $ModuleOut 'UnrealCv.psd1')'; " +
            "New-ExternalHelp -Path '$source' -OutputPath '$target' -Force | Out-Null"
        Invoke-Native $Pwsh @('-NoProfile', '-NonInteractive', '-Command', $script)
    }
    else {
        Invoke-Native $Pwsh @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/ConvertTo-MamlHelp.ps1'),
            '-ModuleManifest', (Join-Path $ModuleOut 'UnrealCv.psd1'), '-MarkdownFolder', $source, '-OutputPath', $maml)
    }
    Write-Host "Help written to $maml"
}

function Set-ReleaseNote {
    # The shipped manifest's PSData.ReleaseNotes (which Publish-PSResource puts in the nuspec) from CHANGELOG.md.
    param([Parameter(Mandatory)][string] $Manifest)
    $notes = Get-ReleaseNote
    $text = [regex]::Replace((Get-Content -Raw $Manifest), "(?m)^(\s*ReleaseNotes\s*=\s*)'[^']*'",
        { param($match) "$($match.Groups[1].Value)'$($notes.Replace("'", "''"))'" })
    Set-Content -NoNewline -Path $Manifest -Value $text
    if ((Import-PowerShellDataFile $Manifest).PrivateData.PSData.ReleaseNotes -cne $notes) {
        throw "$Manifest has no ReleaseNotes = '...' line for the release notes."
    }
}

function Get-ReleaseNote {
    # CHANGELOG.md's newest release section (## [x.y.z] ...): its heading without the hashes, then its body.
    $lines = Get-Content (Join-Path $Root 'CHANGELOG.md')
    $start = ($lines | Select-String -Pattern '^## \[\d+\.\d+\.\d+' | Select-Object -First 1).LineNumber
    if (-not $start) { return 'See CHANGELOG.md' }
    $body = foreach ($line in $lines[$start..($lines.Count - 1)]) {
        if ($line -match '^## ' -or $line -match '^\[[^\]]+\]: ') { break }
        $line
    }
    "$($lines[$start - 1].TrimStart('#').Trim())`n$(($body -join "`n").Trim())"
}

function Invoke-Package {
    # Publish-PSResource packs the module folder as the PowerShell Gallery would (nuspec from the manifest) into a
    # file repository, out/package. It runs in a child pwsh whose PSResourceGet settings live under out/, so the
    # temporary repository never reaches the user's own settings; no gallery is asked (the module has no dependencies).
    $packageOut = Join-Path $Out 'package'
    Remove-Item -Recurse -Force $packageOut -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $packageOut | Out-Null
    Invoke-PSResourceGet ("`$ErrorActionPreference = 'Stop'; " +
        "Register-PSResourceRepository -Name UnrealCvBuild -Uri '$packageOut' -Trusted; " +
        "try { Publish-PSResource -Path '$ModuleOut' -Repository UnrealCvBuild -SkipDependenciesCheck } " +
        "finally { Unregister-PSResourceRepository -Name UnrealCvBuild }")
    Write-Host "Packaged UnrealCv $Version into $(Join-Path $packageOut "UnrealCv.$Version.nupkg")"
}

function Invoke-PSResourceGet {
    # Runs a PSResourceGet script in a child pwsh with settings of its own: PSResourceGet keeps its repository list in
    # the local application data folder, which XDG_DATA_HOME moves on Linux (elsewhere the script's finally cleans up).
    param([Parameter(Mandatory)][string] $Script)
    # The folder must exist: .NET ignores an XDG_DATA_HOME that does not, and PSResourceGet then writes to the current folder.
    $settings = New-Item -ItemType Directory -Force (Join-Path $Out "psresourceget-$PID")
    $saved = $env:XDG_DATA_HOME
    try {
        $env:XDG_DATA_HOME = $settings
        Invoke-Native $Pwsh @('-NoProfile', '-NonInteractive', '-Command', $Script)
    }
    finally {
        $env:XDG_DATA_HOME = $saved
        Remove-Item -Recurse -Force $settings -ErrorAction SilentlyContinue
    }
}

function Get-TrxCounts {
    # Reads passed/failed counts from a VSTest .trx result file.
    param([string] $Path)
    [xml] $trx = Get-Content -Raw $Path
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout; Skipped = [int]$counters.notExecuted }
}

function Invoke-Test {
    # Pester is not in the PowerShell Gallery here: restore the pinned NuGet package (its tools/ folder is the module).
    Invoke-Native dotnet @('restore', (Join-Path $Root '.config/tools.csproj'), '-nologo', '-v', 'quiet')
    $results = Join-Path $Out 'test-results'
    Remove-Item -Recurse -Force $results -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $results | Out-Null
    $passed = 0
    $failed = 0
    $skipped = 0

    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName --no-build -c $Configuration --nologo --logger "trx;LogFileName=$trx" --results-directory $results
        $trxPath = Join-Path $results $trx
        if (-not (Test-Path $trxPath)) { throw "$($project.Name) produced no results (build failure?)." }
        $counts = Get-TrxCounts $trxPath
        Write-Host "$($project.BaseName): $($counts.Passed) passed, $($counts.Failed) failed, $($counts.Skipped) skipped"
        $passed += $counts.Passed
        $failed += $counts.Failed
        $skipped += $counts.Skipped
    }

    # Pester runs in a fresh process against the built module, never against the source tree.
    $pesterJson = Join-Path $results 'pester.json'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterSuite.ps1') -ResultPath $pesterJson
    if (-not (Test-Path $pesterJson)) { throw 'The Pester run produced no results.' }
    $pester = Get-Content -Raw $pesterJson | ConvertFrom-Json
    Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed, $($pester.Skipped) skipped"
    $passed += $pester.Passed
    $failed += $pester.Failed
    $skipped += $pester.Skipped

    # Skipped tests (platform-only ones) are neither passed nor failed; said on their own line, so that the closing
    # line stays the "N passed, N failed" CI reads.
    Write-Host "$skipped skipped"
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    # What a user sees, end to end over real sockets, against the embedded simulator.
    # Runs in this process: build.ps1 was started fresh by `dotnet pwsh`, and the module unloads with it.
    Import-Module (Join-Path $ModuleOut 'UnrealCv.psd1') -Force
    $simulator = Start-UnrealCvSimulator -FrameTimeMs 16 -ProjectName 'DemoProject'
    Write-Host "Simulator listening on port $($simulator.Port) (a game ticking every 16 ms)"
    try {
        $session = $simulator | Connect-UnrealCv -Name Demo
        $session | Format-Table | Out-Host
        Invoke-UnrealCvRequest 'vget /unrealcv/version', 'vget /unrealcv/echo hello', 'vget /scene/name' | Format-Table | Out-Host
        Write-Host 'vget /unrealcv/status:'
        (Invoke-UnrealCvRequest 'vget /unrealcv/status').Text | Out-Host
        Invoke-UnrealCvRequest 'vget /no/such/command' -ErrorAction SilentlyContinue -ErrorVariable serverError
        Write-Host "An unknown command is an error record: $($serverError[0].FullyQualifiedErrorId): $($serverError[0].Exception.Message)"
        Write-Host 'Typed values: the camera''s location, the scene''s boxes, an image:'
        (Invoke-UnrealCvRequest 'vget /camera/0/location').Value | Out-Host
        Get-UnrealCvObject *Box | Format-Table | Out-Host
        Get-UnrealCvImage -Mode object_mask -Format bmp | Out-Host
        $stopwatch = [Diagnostics.Stopwatch]::StartNew()
        $replies = 1..100 | ForEach-Object { "vget /unrealcv/echo $_" } | Invoke-UnrealCvRequest
        $inOrder = ($replies.Text -join ',') -eq ((1..100) -join ',')
        Write-Host "100 piped requests: $($replies.Count) replies, in order: $inOrder, in $($stopwatch.ElapsedMilliseconds) ms (pipelined: about one frame, not 100)"
        Disconnect-UnrealCv
    }
    finally {
        Stop-UnrealCvSimulator
    }
}

function Invoke-Bench {
    # Built with the solution by Invoke-Build; measured in the configuration built (Release unless told otherwise).
    $benchOut = Join-Path $Root "tests/Benchmarks/bin/$Configuration/net10.0"
    $fleets = foreach ($item in $BenchInstances -split ',') {
        $count = 0
        if (-not [int]::TryParse($item.Trim(), [Globalization.NumberStyles]::None, [Globalization.CultureInfo]::InvariantCulture, [ref] $count) -or $count -lt 1 -or $count -gt 500) {
            throw "-BenchInstances takes fleet sizes from 1 to 500, separated by commas (1,8,32,120), not '$item'."
        }
        $count
    }
    Invoke-Native dotnet @((Join-Path $benchOut 'UnrealCv.Benchmarks.dll'), (Join-Path $SimulatorOut 'UnrealCvSimulator'), "$BenchScale", ($fleets -join ','), ($BenchSection -join ','))
    Write-Host "Table written to $(Join-Path $benchOut 'bench.md')"
}

Push-Location $Root
try {
    foreach ($name in $Task) {
        switch ($name) {
            'Clean' { Invoke-Clean }
            'Build' { Invoke-Build }
            'Docs' { Invoke-Docs }
            'Net472' { Invoke-FrameworkCheck }
            'Test' { Invoke-Build; Invoke-FrameworkCheck; Invoke-Package; Invoke-Test }
            'Package' { Invoke-Build; Invoke-Package }
            'Demo' { Invoke-Build; Invoke-Demo }
            'Bench' { Invoke-Build; Invoke-Bench }
        }
    }
}
finally {
    Pop-Location
}
