<#
.SYNOPSIS
    Builds UnrealCv.dll-Help.xml (MAML) from en-US/<Cmdlet>.md and the built module's own metadata.
.DESCRIPTION
    The project's stand-in for platyPS's New-ExternalHelp (platyPS is not served here). The markdown files
    keep platyPS's schema (2.0.0), so switching to platyPS later costs nothing, but only their PROSE is read:
    synopsis, description, examples, parameter descriptions, inputs and outputs text, notes and links.
    The STRUCTURE of the help (one syntax item per parameter set, each parameter's type, position,
    Mandatory, pipeline input, aliases, wildcards, enum values, default values) is read from the imported
    module with Get-Command, and default values from a fresh instance of each cmdlet class, so the help
    cannot drift from the code. A parameter the markdown does not describe still appears (without text); a
    markdown parameter the cmdlet no longer has is reported and dropped. tests/Help.Tests.ps1 fails on both.

    Run it in its own process (build.ps1 does): it imports the module it documents.
.EXAMPLE
    pwsh -NoProfile -File tools/ConvertTo-MamlHelp.ps1 -ModuleManifest out/UnrealCv/UnrealCv.psd1 -MarkdownFolder en-US -OutputPath out/UnrealCv/en-US/UnrealCv.dll-Help.xml
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModuleManifest,
    [Parameter(Mandatory)][string] $MarkdownFolder,
    [Parameter(Mandatory)][string] $OutputPath
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$NsMsh = 'http://msh'
$NsMaml = 'http://schemas.microsoft.com/maml/2004/10'
$NsCommand = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$NsDev = 'http://schemas.microsoft.com/maml/dev/2004/10'

# Get-Help adds these itself as [<CommonParameters>]; -WhatIf and -Confirm are documented like platyPS does.
$CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

#region Markdown (platyPS schema 2.0.0): prose only

function Split-Section {
    # Splits lines into sections at headings of exactly the given level ('##' or '###').
    param([string[]] $Lines, [string] $Level)
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match "^$Level (?!#)(.*)$") {
            $current = [pscustomobject]@{ Title = $Matches[1].Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $sections.Add($current)
        }
        elseif ($null -ne $current) { $current.Lines.Add($line) }
    }
    $sections.ToArray()
}

function Get-Paragraph {
    # Blank-line separated paragraphs; list items each become a paragraph; fenced blocks stay verbatim.
    param([string[]] $Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $fence = $null
    $flush = {
        if ($buffer.Count) { $paragraphs.Add(($buffer -join ' ').Trim()); $buffer.Clear() }
    }
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```') { $paragraphs.Add(($fence -join "`n")); $fence = $null }
            else { $fence.Add($line) }
            continue
        }
        if ($line -match '^\s*```') { & $flush; $fence = [System.Collections.Generic.List[string]]::new(); continue }
        if ($line -match '^\s*$') { & $flush; continue }
        if ($line -match '^\s*([-*]|\d+\.) ') { & $flush }
        $buffer.Add($line.Trim())
    }
    & $flush
    , $paragraphs.ToArray()
}

function Read-MarkdownHelp {
    param([string] $Path)
    $lines = [System.IO.File]::ReadAllLines($Path)
    $help = [ordered]@{
        Synopsis = @(); Description = @(); Examples = @(); Parameters = @{}; Inputs = @(); Outputs = @()
        Notes = @(); Links = @(); OnlineVersion = ''
    }
    $start = 0
    if ($lines.Count -and $lines[0] -eq '---') {
        $end = [Array]::IndexOf($lines, '---', 1)
        foreach ($line in $lines[1..($end - 1)]) {
            if ($line -match '^online version:\s*(\S.*)?$' -and $Matches[1]) { $help.OnlineVersion = $Matches[1].Trim() }
        }
        $start = $end + 1
    }
    foreach ($section in @(Split-Section $lines[$start..($lines.Count - 1)] '##')) {
        switch ($section.Title) {
            'SYNOPSIS' { $help.Synopsis = Get-Paragraph $section.Lines }
            'DESCRIPTION' { $help.Description = Get-Paragraph $section.Lines }
            'NOTES' { $help.Notes = Get-Paragraph $section.Lines }
            'EXAMPLES' {
                $help.Examples = foreach ($example in @(Split-Section $section.Lines '###')) {
                    $code = [System.Collections.Generic.List[string]]::new()
                    $remarks = [System.Collections.Generic.List[string]]::new()
                    $inCode = $false
                    $seenCode = $false
                    foreach ($line in $example.Lines) {
                        if (-not $seenCode -and $line -match '^\s*```') { $inCode = $true; $seenCode = $true; continue }
                        if ($inCode -and $line -match '^\s*```\s*$') { $inCode = $false; continue }
                        if ($inCode) { $code.Add($line) } elseif ($seenCode) { $remarks.Add($line) }
                    }
                    [pscustomobject]@{ Title = $example.Title; Code = ($code -join "`n"); Remarks = Get-Paragraph $remarks }
                }
            }
            'PARAMETERS' {
                foreach ($parameter in @(Split-Section $section.Lines '###')) {
                    if ($parameter.Title -notmatch '^-(\w+)$') { continue }
                    $name = $Matches[1]
                    $text = [System.Collections.Generic.List[string]]::new()
                    foreach ($line in $parameter.Lines) {
                        if ($line -match '^\s*```yaml') { break }
                        $text.Add($line)
                    }
                    $help.Parameters[$name] = Get-Paragraph $text
                }
            }
            { $_ -in 'INPUTS', 'OUTPUTS' } {
                $types = foreach ($type in @(Split-Section $section.Lines '###')) {
                    [pscustomobject]@{ Name = $type.Title; Description = Get-Paragraph $type.Lines }
                }
                if ($section.Title -eq 'INPUTS') { $help.Inputs = @($types) } else { $help.Outputs = @($types) }
            }
            'RELATED LINKS' {
                $help.Links = foreach ($line in $section.Lines) {
                    if ($line -match '^\s*[-*]?\s*\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)') {
                        [pscustomobject]@{ Text = $Matches.text; Uri = $Matches.uri }
                    }
                }
            }
        }
    }
    [pscustomobject]$help
}

#endregion

#region Metadata: structure only

function Get-DefaultValue {
    # The value a fresh cmdlet object holds: what the parameter is when not given. Text stays in the markdown.
    param($Instance, [System.Management.Automation.ParameterMetadata] $Parameter)
    if ($null -eq $Instance) { return 'None' }
    $property = $Instance.GetType().GetProperty($Parameter.Name)
    if ($null -eq $property) { return 'None' }
    $value = $property.GetValue($Instance)
    if ($value -is [System.Management.Automation.SwitchParameter]) { return [string]$value.IsPresent }
    if ($null -eq $value -or ($value -is [string] -and $value -eq '') -or ($value -is [array] -and $value.Count -eq 0)) { return 'None' }
    if ($value -is [array]) { return ($value -join ', ') }
    [string]$value
}

function Get-PipelineInput {
    param([System.Management.Automation.ParameterSetMetadata] $Set)
    $kinds = @()
    if ($Set.ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($Set.ValueFromPipeline) { $kinds += 'ByValue' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-TypeName {
    # The short name platyPS shows (SwitchParameter, String, UnrealCvSession[]).
    param([type] $Type)
    $Type.Name
}

#endregion

#region MAML writer

function New-Element {
    param([System.Xml.XmlDocument] $Doc, [string] $Name, [string] $Text, [hashtable] $Attributes)
    $prefix, $local = $Name -split ':', 2
    $ns = switch ($prefix) { 'maml' { $NsMaml } 'command' { $NsCommand } 'dev' { $NsDev } default { $NsMsh } }
    $element = $Doc.CreateElement($prefix, $local, $ns)
    if ($Attributes) { foreach ($key in $Attributes.Keys) { $element.SetAttribute($key, [string]$Attributes[$key]) } }
    if ($PSBoundParameters.ContainsKey('Text')) { $element.InnerText = $Text }
    $element
}

function Add-Element {
    param([System.Xml.XmlElement] $Parent, [string] $Name, [string] $Text, [hashtable] $Attributes)
    $params = @{ Doc = $Parent.OwnerDocument; Name = $Name; Attributes = $Attributes }
    if ($PSBoundParameters.ContainsKey('Text')) { $params.Text = $Text }
    $Parent.AppendChild((New-Element @params))
}

function Add-Description {
    param([System.Xml.XmlElement] $Parent, [string[]] $Paragraphs, [string] $Name = 'maml:description')
    $description = Add-Element $Parent $Name
    if (-not $Paragraphs) { $Paragraphs = @('') }
    foreach ($para in $Paragraphs) { Add-Element $description 'maml:para' $para | Out-Null }
    $description
}

function Add-Parameter {
    param(
        [System.Xml.XmlElement] $Parent,
        [System.Management.Automation.ParameterMetadata] $Parameter,
        [System.Management.Automation.ParameterSetMetadata] $Set,
        [string[]] $Description,
        [string] $DefaultValue,
        [switch] $InSyntax
    )
    $type = $Parameter.ParameterType
    $isSwitch = $type -eq [System.Management.Automation.SwitchParameter]
    $wildcards = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $attributes = [ordered]@{
        required       = $Set.IsMandatory.ToString().ToLowerInvariant()
        variableLength = $type.IsArray.ToString().ToLowerInvariant()
        globbing       = $wildcards.ToString().ToLowerInvariant()
        pipelineInput  = Get-PipelineInput $Set
        position       = if ($Set.Position -ge 0) { [string]$Set.Position } else { 'named' }
        aliases        = if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }
    }
    $element = Add-Element $Parent 'command:parameter' -Attributes $attributes
    Add-Element $element 'maml:name' $Parameter.Name | Out-Null
    Add-Description $element $Description | Out-Null

    $elementType = if ($type.IsArray) { $type.GetElementType() } else { $type }
    $values = @()
    if ($elementType.IsEnum) { $values = [Enum]::GetNames($elementType) }
    $validateSet = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($validateSet) { $values = $validateSet.ValidValues }
    if ($InSyntax -and $values) {
        $group = Add-Element $element 'command:parameterValueGroup'
        foreach ($value in $values) {
            Add-Element $group 'command:parameterValue' $value @{ required = 'false'; variableLength = 'false' } | Out-Null
        }
    }
    # In a syntax item a switch has no value; in the parameter list platyPS writes its type as the value.
    if (-not ($InSyntax -and ($isSwitch -or $values))) {
        Add-Element $element 'command:parameterValue' (Get-TypeName $type) @{ required = (-not $isSwitch).ToString().ToLowerInvariant(); variableLength = 'false' } | Out-Null
    }
    $devType = Add-Element $element 'dev:type'
    Add-Element $devType 'maml:name' (Get-TypeName $type) | Out-Null
    Add-Element $devType 'maml:uri' '' | Out-Null
    Add-Element $element 'dev:defaultValue' $DefaultValue | Out-Null
}

function Get-OrderedParameter {
    # The order Get-Command -Syntax uses: positional parameters by position, then the others as declared.
    param([System.Management.Automation.CommandParameterSetInfo] $SetInfo)
    $parameters = @($SetInfo.Parameters | Where-Object { $_.Name -notin $CommonParameters })
    @($parameters | Where-Object Position -ge 0 | Sort-Object Position) + @($parameters | Where-Object Position -lt 0)
}

#endregion

Import-Module $ModuleManifest -Force
$module = Get-Module UnrealCv
$markdownNames = @(Get-ChildItem $MarkdownFolder -Filter '*.md' | ForEach-Object BaseName)

$doc = [System.Xml.XmlDocument]::new()
$doc.AppendChild($doc.CreateXmlDeclaration('1.0', 'utf-8', $null)) | Out-Null
$root = $doc.CreateElement('helpItems', $NsMsh)
$root.SetAttribute('schema', 'maml')
$doc.AppendChild($root) | Out-Null

foreach ($name in $module.ExportedCmdlets.Keys | Sort-Object) {
    $command = Get-Command -Module UnrealCv -Name $name -CommandType Cmdlet
    $path = Join-Path $MarkdownFolder "$name.md"
    if (Test-Path $path) {
        $help = Read-MarkdownHelp $path
    }
    else {
        Write-Warning "No help source for $name at $path; its help has syntax and parameters only."
        $help = [pscustomobject]@{ Synopsis = @(); Description = @(); Examples = @(); Parameters = @{}; Inputs = @(); Outputs = @(); Notes = @(); Links = @(); OnlineVersion = '' }
    }
    $instance = try { [Activator]::CreateInstance($command.ImplementingType) } catch { $null }
    $ownParameters = @($command.Parameters.Values | Where-Object { $_.Name -notin $CommonParameters })
    foreach ($stale in $help.Parameters.Keys | Where-Object { $_ -notin $ownParameters.Name }) {
        Write-Warning "$path describes -$stale, which $name does not have; dropped."
    }

    $element = $doc.CreateElement('command', 'command', $NsCommand)
    $element.SetAttribute('xmlns:maml', $NsMaml)
    $element.SetAttribute('xmlns:dev', $NsDev)
    $root.AppendChild($element) | Out-Null

    $details = Add-Element $element 'command:details'
    Add-Element $details 'command:name' $name | Out-Null
    Add-Element $details 'command:verb' $command.Verb | Out-Null
    Add-Element $details 'command:noun' $command.Noun | Out-Null
    Add-Description $details $help.Synopsis | Out-Null
    Add-Description $element $help.Description | Out-Null

    $syntax = Add-Element $element 'command:syntax'
    $sets = @($command.ParameterSets | Sort-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $item = Add-Element $syntax 'command:syntaxItem'
        Add-Element $item 'maml:name' $name | Out-Null
        foreach ($info in Get-OrderedParameter $set) {
            $parameter = $command.Parameters[$info.Name]
            $setMetadata = if ($parameter.ParameterSets.ContainsKey($set.Name)) { $parameter.ParameterSets[$set.Name] } else { $parameter.ParameterSets['__AllParameterSets'] }
            Add-Parameter $item $parameter $setMetadata $help.Parameters[$info.Name] (Get-DefaultValue $instance $parameter) -InSyntax
        }
    }

    $parametersElement = Add-Element $element 'command:parameters'
    foreach ($parameter in $ownParameters | Sort-Object Name) {
        # The first set in syntax order that has the parameter, like platyPS.
        $setMetadata = $null
        foreach ($set in $sets) {
            if ($parameter.ParameterSets.ContainsKey($set.Name)) { $setMetadata = $parameter.ParameterSets[$set.Name]; break }
        }
        if ($null -eq $setMetadata) { $setMetadata = @($parameter.ParameterSets.Values)[0] }
        Add-Parameter $parametersElement $parameter $setMetadata $help.Parameters[$parameter.Name] (Get-DefaultValue $instance $parameter)
    }

    $inputs = Add-Element $element 'command:inputTypes'
    foreach ($type in $help.Inputs) {
        $inputType = Add-Element $inputs 'command:inputType'
        $devType = Add-Element $inputType 'dev:type'
        Add-Element $devType 'maml:name' $type.Name | Out-Null
        Add-Description $inputType $type.Description | Out-Null
    }
    $outputs = Add-Element $element 'command:returnValues'
    $outputTypes = if ($help.Outputs) { $help.Outputs } else { foreach ($t in $command.OutputType) { [pscustomobject]@{ Name = $t.Name; Description = @() } } }
    foreach ($type in $outputTypes) {
        $returnValue = Add-Element $outputs 'command:returnValue'
        $devType = Add-Element $returnValue 'dev:type'
        Add-Element $devType 'maml:name' $type.Name | Out-Null
        Add-Description $returnValue $type.Description | Out-Null
    }

    if ($help.Notes) {
        $alertSet = Add-Element $element 'maml:alertSet'
        $alert = Add-Element $alertSet 'maml:alert'
        foreach ($para in $help.Notes) { Add-Element $alert 'maml:para' $para | Out-Null }
    }

    $examples = Add-Element $element 'command:examples'
    foreach ($example in $help.Examples) {
        $exampleElement = Add-Element $examples 'command:example'
        Add-Element $exampleElement 'maml:title' "--------- $($example.Title) ---------" | Out-Null
        Add-Element $exampleElement 'dev:code' $example.Code | Out-Null
        Add-Description $exampleElement $example.Remarks 'dev:remarks' | Out-Null
    }

    $links = Add-Element $element 'maml:relatedLinks'
    $allLinks = @()
    if ($help.OnlineVersion) { $allLinks += [pscustomobject]@{ Text = 'Online Version:'; Uri = $help.OnlineVersion } }
    $allLinks += @($help.Links)
    foreach ($link in $allLinks) {
        $navigation = Add-Element $links 'maml:navigationLink'
        Add-Element $navigation 'maml:linkText' $link.Text | Out-Null
        Add-Element $navigation 'maml:uri' $link.Uri | Out-Null
    }
}

foreach ($orphan in $markdownNames | Where-Object { $_ -notin $module.ExportedCmdlets.Keys }) {
    Write-Warning "$MarkdownFolder/$orphan.md documents a cmdlet the module does not export; skipped."
}

New-Item -ItemType Directory -Force (Split-Path $OutputPath) | Out-Null
$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
try { $doc.Save($writer) } finally { $writer.Dispose() }
Write-Verbose "Wrote $OutputPath ($($module.ExportedCmdlets.Count) commands)."
