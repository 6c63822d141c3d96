#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and demonstrates the UnrealCv module.
.DESCRIPTION
    Run it with the project's pinned PowerShell: `dotnet tool restore && dotnet pwsh ./build.ps1 <Task>`.
    Tasks:
      Build  compile the assemblies and lay out the module in out/UnrealCv (and the simulator program in out/UnrealCvSimulator)
      Test   Build, then the xunit suites, then the Pester suites in a fresh pwsh; prints "N passed, N failed"
      Demo   Build, start the simulator, connect, send requests, show the replies, clean up
      Bench  Build, then measure the client against a raw-socket baseline in the same process (tests/Benchmarks)
      Clean  remove out/ and the projects' bin/obj folders
.EXAMPLE
    dotnet pwsh ./build.ps1 Test
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Clean')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench: multiplies the request counts (0.1 for a quick look).
    [double] $BenchScale = 1.0
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'UnrealCv'
$SimulatorOut = Join-Path $Out 'UnrealCvSimulator'
$Version = (Import-PowerShellDataFile (Join-Path $Root 'UnrealCv.psd1')).ModuleVersion

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
    $staging = Join-Path $Out 'staging'
    Remove-Item -Recurse -Force $ModuleOut, $staging -ErrorAction SilentlyContinue
    Invoke-Native dotnet @('publish', (Join-Path $Root 'src/UnrealCv/UnrealCv.csproj'), '-c', $Configuration,
        '-o', $staging, "-p:Version=$Version", '-nologo', '-v', 'quiet')

    # The module folder holds exactly what ships: no reference assemblies, no symbols of dependencies.
    New-Item -ItemType Directory -Force $ModuleOut | Out-Null
    $ship = 'UnrealCv.dll', 'UnrealCv.Protocol.dll', 'UnrealCv.Simulator.dll', 'StbImageWriteSharp.dll',
        'Microsoft.Extensions.ObjectPool.dll', 'UnrealCv.Format.ps1xml'
    foreach ($file in $ship) { Copy-Item (Join-Path $staging $file) $ModuleOut }
    Copy-Item (Join-Path $Root 'UnrealCv.psd1') $ModuleOut
    $help = Join-Path $Root 'en-US'
    if (Test-Path $help) {
        New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'en-US') | Out-Null
        Get-ChildItem $help -Filter 'about_*.help.txt' | Copy-Item -Destination (Join-Path $ModuleOut 'en-US')
    }
    Remove-Item -Recurse -Force $staging

    $hostProject = Join-Path $Root 'src/UnrealCv.Simulator.Host/UnrealCv.Simulator.Host.csproj'
    if (Test-Path $hostProject) {
        Invoke-Native dotnet @('publish', $hostProject, '-c', $Configuration, '-o', $SimulatorOut, "-p:Version=$Version", '-nologo', '-v', 'quiet')
    }
    Write-Host "Built UnrealCv $Version into $ModuleOut"
}

function Get-TrxCounts {
    # Reads passed/failed counts from a VSTest .trx result file.
    param([string] $Path)
    [xml] $trx = Get-Content -Raw $Path
    $counters = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout }
}

function Invoke-Test {
    $results = Join-Path $Out 'test-results'
    Remove-Item -Recurse -Force $results -ErrorAction SilentlyContinue
    New-Item -ItemType Directory -Force $results | Out-Null
    $passed = 0
    $failed = 0

    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        $trx = "$($project.BaseName).trx"
        & dotnet test $project.FullName -c $Configuration --nologo --logger "trx;LogFileName=$trx" --results-directory $results
        $trxPath = Join-Path $results $trx
        if (-not (Test-Path $trxPath)) { throw "$($project.Name) produced no results (build failure?)." }
        $counts = Get-TrxCounts $trxPath
        Write-Host "$($project.BaseName): $($counts.Passed) passed, $($counts.Failed) failed"
        $passed += $counts.Passed
        $failed += $counts.Failed
    }

    # Pester runs in a fresh process against the built module, never against the source tree.
    $pesterJson = Join-Path $results 'pester.json'
    & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterSuite.ps1') -ResultPath $pesterJson
    if (-not (Test-Path $pesterJson)) { throw 'The Pester run produced no results.' }
    $pester = Get-Content -Raw $pesterJson | ConvertFrom-Json
    Write-Host "Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    $passed += $pester.Passed
    $failed += $pester.Failed

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
    $benchOut = Join-Path $Out 'bench'
    Invoke-Native dotnet @('build', (Join-Path $Root 'tests/Benchmarks/UnrealCv.Benchmarks.csproj'), '-c', 'Release', '-o', $benchOut, '-nologo', '-v', 'quiet')
    Invoke-Native dotnet @((Join-Path $benchOut 'UnrealCv.Benchmarks.dll'), (Join-Path $SimulatorOut 'UnrealCvSimulator'), "$BenchScale")
    Write-Host "Table written to $(Join-Path $benchOut 'bench.md')"
}

Push-Location $Root
try {
    foreach ($name in $Task) {
        switch ($name) {
            'Clean' { Invoke-Clean }
            'Build' { Invoke-Build }
            'Test' { Invoke-Build; Invoke-Test }
            'Demo' { Invoke-Build; Invoke-Demo }
            'Bench' { Invoke-Build; Invoke-Bench }
        }
    }
}
finally {
    Pop-Location
}
