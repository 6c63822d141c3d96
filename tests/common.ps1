# Dot-sourced by every Pester file: imports the BUILT module (out/UnrealCv), never the source tree.
$script:ModuleManifest = Join-Path $PSScriptRoot '../out/UnrealCv/UnrealCv.psd1'
if (-not (Test-Path $script:ModuleManifest)) { throw "Build first: dotnet pwsh ./build.ps1 Build" }
Import-Module $script:ModuleManifest -Force
