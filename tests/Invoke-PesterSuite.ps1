<#
.SYNOPSIS
    Runs every tests/*.Tests.ps1 with the pinned Pester against the built module in out/UnrealCv.
    Called by build.ps1 in a fresh pwsh; writes the counts to -ResultPath as JSON.
#>
param(
    [Parameter(Mandatory)][string] $ResultPath,
    [string] $PesterVersion = '5.7.1',
    [string[]] $Path = @($PSScriptRoot)
)
$ErrorActionPreference = 'Stop'

# Pester comes from NuGet (restored by .config/tools.csproj): the package's tools/ folder is the module.
$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pesterManifest = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
if (-not (Test-Path $pesterManifest)) {
    throw "Pester $PesterVersion is not restored at $pesterManifest. Run: dotnet restore .config/tools.csproj"
}
Import-Module $pesterManifest -Force

# The built module on the module path, so that tests written as users write them (Import-Module UnrealCv, as
# tests/Examples does) load it by name.
$env:PSModulePath = (Join-Path $PSScriptRoot '../out') + [IO.Path]::PathSeparator + $env:PSModulePath

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = Join-Path (Split-Path $ResultPath) 'pester.xml'
$result = Invoke-Pester -Configuration $config

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount + $result.NotRunCount } | ConvertTo-Json | Set-Content $ResultPath
exit ([int]($failed -gt 0))
