#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Rewrites PublicAPI.Shipped.txt of the shipped projects to their current public surface.
.DESCRIPTION
    Every project under src/ runs Microsoft.CodeAnalysis.PublicApiAnalyzers (src/Directory.Build.props): a public
    symbol missing from PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt, or listed there but gone, fails the build
    (RS0016, RS0017). After a deliberate change of the surface, run this script and review the diff of the
    PublicAPI.Shipped.txt files: it empties both files, lets the analyzer's own code fix (`dotnet format analyzers`)
    list every public symbol, and moves that list into PublicAPI.Shipped.txt, leaving PublicAPI.Unshipped.txt empty.
.PARAMETER Project
    Project files to update; defaults to every src/*/*.csproj.
.EXAMPLE
    dotnet pwsh ./tools/Update-PublicApi.ps1
.EXAMPLE
    dotnet pwsh ./tools/Update-PublicApi.ps1 -Project src/UnrealCv/UnrealCv.csproj
#>
[CmdletBinding()]
param(
    [string[]] $Project = @(Get-ChildItem (Join-Path $PSScriptRoot '../src') -Filter '*.csproj' -Recurse -Depth 1 |
        ForEach-Object FullName)
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Without this header line the analyzer writes nullable-oblivious names (~string) instead of string! and string?.
$header = '#nullable enable'

foreach ($file in $Project) {
    $csproj = (Resolve-Path $file).Path
    $folder = Split-Path $csproj
    $shipped = Join-Path $folder 'PublicAPI.Shipped.txt'
    $unshipped = Join-Path $folder 'PublicAPI.Unshipped.txt'
    Set-Content -Path $shipped, $unshipped -Value $header

    # RS0016's code fix adds each undeclared public symbol to PublicAPI.Unshipped.txt, in the analyzer's own order.
    & dotnet format analyzers $csproj --diagnostics RS0016 --severity warn
    if ($LASTEXITCODE -ne 0) { throw "dotnet format analyzers $csproj failed with exit code $LASTEXITCODE." }

    $surface = @(Get-Content $unshipped | Where-Object { $_ -and $_ -ne $header })
    Set-Content -Path $shipped -Value (@($header) + $surface)
    Set-Content -Path $unshipped -Value $header
    Write-Host ("{0}: {1} public symbols in {2}" -f (Split-Path $csproj -Leaf), $surface.Count, $shipped)
}
