@{
    RootModule           = 'UnrealCv.dll'
    # The single source of the version: build.ps1 stamps it into the assemblies and the package,
    # and a test checks that CHANGELOG.md's newest release matches it.
    ModuleVersion        = '0.1.0'
    GUID                 = 'b6f7f0f4-5a2e-4d8e-9a43-2f3c6f0e9d11'
    Author               = 'UnrealCv contributors'
    CompanyName          = 'UnrealCv'
    Copyright            = '(c) UnrealCv contributors. MIT License.'
    Description          = 'Drive Unreal Engine binaries running the UnrealCV plugin from PowerShell: sessions over TCP and Unix sockets with timeouts, pipelined requests, typed replies, and a faithful simulator for tests.'
    # What the build proves: the assemblies are netstandard2.0 on PowerShellStandard.Library 5.1, and `build.ps1 Test`
    # compiles them for .NET Framework 4.7.2 too. CI runs PowerShell 7.6 on Linux; Windows and 5.1 are compiled for,
    # not run (README.md, "Where it runs").
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('UnrealCv.Format.ps1xml')
    # How cameras and objects serialize for remoting and jobs (their vectors with their numbers).
    TypesToProcess       = @('UnrealCv.Types.ps1xml')
    CmdletsToExport      = @(
        'Connect-UnrealCv'
        'Disconnect-UnrealCv'
        'Export-UnrealCvCoco'
        'Get-UnrealCvBoundingBox'
        'Get-UnrealCvCamera'
        'Get-UnrealCvCapture'
        'Get-UnrealCvGame'
        'Get-UnrealCvImage'
        'Get-UnrealCvObject'
        'Get-UnrealCvObjectColor'
        'Get-UnrealCvSession'
        'Hide-UnrealCvObject'
        'Invoke-UnrealCvRequest'
        'New-UnrealCvObject'
        'Open-UnrealCvLevel'
        'Receive-UnrealCvMessage'
        'Remove-UnrealCvObject'
        'Resume-UnrealCvGame'
        'Send-UnrealCvKey'
        'Set-UnrealCvCamera'
        'Set-UnrealCvGame'
        'Set-UnrealCvObject'
        'Show-UnrealCvImage'
        'Show-UnrealCvObject'
        'Start-UnrealCvBinary'
        'Start-UnrealCvSimulator'
        'Step-UnrealCvGame'
        'Stop-UnrealCvBinary'
        'Stop-UnrealCvSimulator'
        'Suspend-UnrealCvGame'
        'Switch-UnrealCvTransport'
        'Use-UnrealCvSession'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('UnrealCV', 'UnrealEngine', 'ComputerVision', 'Simulation', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux')
            ProjectUri   = 'https://github.com/unrealcv-ps/UnrealCv'
            LicenseUri   = 'https://github.com/unrealcv-ps/UnrealCv/blob/main/LICENSE'
            ReleaseNotes = 'See CHANGELOG.md'
        }
    }
}
