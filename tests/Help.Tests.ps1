# Help: en-US/<Cmdlet>.md (prose) + Get-Command (structure) -> out/UnrealCv/en-US/UnrealCv.dll-Help.xml, and the
# about topics. Checks that help is complete, that it matches the cmdlets, and runs every example against a simulator.
BeforeDiscovery {
    $built = Join-Path $PSScriptRoot '../out/UnrealCv'
    $cmdlets = (Import-PowerShellDataFile (Join-Path $built 'UnrealCv.psd1')).CmdletsToExport
    $script:CmdletCases = foreach ($name in $cmdlets) { @{ Name = $name } }

    # One test per example, read from the generated MAML (Get-Help shows the same code, checked below).
    $script:ExampleCases = @()
    $mamlPath = Join-Path $built 'en-US/UnrealCv.dll-Help.xml'
    if (Test-Path $mamlPath) {
        [xml] $maml = Get-Content -Raw $mamlPath
        $ns = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
        foreach ($command in $maml.SelectNodes('//command:command', $ns)) {
            $name = $command.SelectSingleNode('command:details/command:name', $ns).InnerText
            $index = 0
            foreach ($example in $command.SelectNodes('command:examples/command:example', $ns)) {
                $index++
                $script:ExampleCases += @{
                    Name  = $name
                    Index = $index
                    Title = $example.SelectSingleNode('maml:title', $ns).InnerText.Trim(' -')
                    Code  = $example.SelectSingleNode('dev:code', $ns).InnerText
                }
            }
        }
    }
}

BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Built = Split-Path $ModuleManifest
    $script:Sources = Join-Path $PSScriptRoot '../en-US'
    $script:MamlPath = Join-Path $Built 'en-US/UnrealCv.dll-Help.xml'
    $script:Common = [System.Management.Automation.Cmdlet]::CommonParameters
    # What an example must not contain to run here, and how it says so.
    $script:NotRunMarker = '# Not run by the help tests:'

    function Get-OwnParameterName([string] $Name) {
        @((Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $Common } | Sort-Object)
    }

    function Get-MarkdownSection([string] $Name, [string] $Section) {
        # The lines of one '## ' section of en-US/<Name>.md, outside fenced blocks' headings.
        $lines = Get-Content (Join-Path $Sources "$Name.md")
        $inside = $false
        $fence = $false
        foreach ($line in $lines) {
            if ($line -match '^```') { $fence = -not $fence }
            if (-not $fence -and $line -match '^## (?!#)(.*)$') { $inside = $Matches[1].Trim() -eq $Section; continue }
            if ($inside) { $line }
        }
    }
}

Describe 'Help sources (en-US/*.md)' -Tag Unit {
    It 'has one markdown file per exported cmdlet, and none for other names' {
        $documented = @(Get-ChildItem $Sources -Filter '*.md' | ForEach-Object BaseName | Sort-Object)
        $exported = @((Get-Module UnrealCv).ExportedCmdlets.Keys | Sort-Object)
        $documented | Should -Be $exported
    }

    Context '<Name>' -ForEach $CmdletCases {
        It 'is in the platyPS schema' {
            $path = Join-Path $Sources "$Name.md"
            $path | Should -Exist
            $lines = Get-Content $path
            $lines[0] | Should -Be '---'
            $end = [Array]::IndexOf($lines, '---', 1)
            $end | Should -BeGreaterThan 0
            $front = $lines[1..($end - 1)]
            $front | Should -Contain 'external help file: UnrealCv.dll-Help.xml'
            $front | Should -Contain 'Module Name: UnrealCv'
            $front | Should -Contain 'schema: 2.0.0'
            ($front -match '^online version:').Count | Should -Be 1
            $lines | Should -Contain "# $Name"
            $sections = @($lines | Where-Object { $_ -match '^## (?!#)' })
            $sections | Should -Be @('## SYNOPSIS', '## SYNTAX', '## DESCRIPTION', '## EXAMPLES', '## PARAMETERS', '## INPUTS', '## OUTPUTS', '## NOTES', '## RELATED LINKS')
            $lines | Should -Contain '### CommonParameters'
            @(Get-MarkdownSection $Name 'EXAMPLES' | Where-Object { $_ -match '^### Example \d+: \S' }).Count | Should -BeGreaterThan 0
        }

        It 'names exactly the parameters the cmdlet has' {
            $described = @(Get-MarkdownSection $Name 'PARAMETERS' | Where-Object { $_ -match '^### -(\w+)$' } | ForEach-Object { $_.Substring(5) } | Sort-Object)
            $described | Should -Be (Get-OwnParameterName $Name)
        }

        It 'names exactly the parameter sets the cmdlet has, in SYNTAX' {
            $sets = @(Get-MarkdownSection $Name 'SYNTAX' | Where-Object { $_ -match '^### (\S+)' } | ForEach-Object { ($_ -replace '^### ', '') -replace ' \(Default\)$', '' } | Sort-Object)
            $sets | Should -Be @((Get-Command $Name).ParameterSets.Name | Sort-Object)
        }

        It 'gives each parameter the type, sets and position the cmdlet has' {
            $command = Get-Command $Name
            $text = (Get-MarkdownSection $Name 'PARAMETERS') -join "`n"
            foreach ($parameter in $command.Parameters.Values | Where-Object { $_.Name -notin $Common }) {
                $block = [regex]::Match($text, "(?ms)^### -$($parameter.Name)\n.*?^``````yaml\n(.*?)^``````").Groups[1].Value
                $block | Should -Match "(?m)^Type: $([regex]::Escape($parameter.ParameterType.Name))$" -Because "-$($parameter.Name) is a $($parameter.ParameterType.Name)"
                $sets = if ($parameter.ParameterSets.ContainsKey('__AllParameterSets')) { '(All)' } else { $parameter.ParameterSets.Keys -join ', ' }
                $block | Should -Match "(?m)^Parameter Sets: $([regex]::Escape($sets))$" -Because "-$($parameter.Name) is in $sets"
                $first = @($parameter.ParameterSets.Values)[0]
                $position = if ($first.Position -ge 0) { [string]$first.Position } else { 'Named' }
                $block | Should -Match "(?m)^Position: $position$" -Because "-$($parameter.Name) has position $position"
                $block | Should -Match "(?m)^Required: $($first.IsMandatory)$" -Because "-$($parameter.Name) mandatory is $($first.IsMandatory)"
            }
        }
    }
}

Describe 'Generated help (UnrealCv.dll-Help.xml)' -Tag Unit {
    BeforeAll {
        [xml] $script:Maml = Get-Content -Raw $MamlPath
        $script:Ns = [System.Xml.XmlNamespaceManager]::new($Maml.NameTable)
        $Ns.AddNamespace('msh', 'http://msh')
        $Ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $Ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $Ns.AddNamespace('dev', 'http://schemas.microsoft.com/maml/dev/2004/10')
    }

    It 'is MAML: a helpItems root with schema="maml" and one command per exported cmdlet' {
        $Maml.DocumentElement.LocalName | Should -Be 'helpItems'
        $Maml.DocumentElement.NamespaceURI | Should -Be 'http://msh'
        $Maml.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
        $names = @($Maml.SelectNodes('/msh:helpItems/command:command/command:details/command:name', $Ns) | ForEach-Object InnerText | Sort-Object)
        $names | Should -Be @((Get-Module UnrealCv).ExportedCmdlets.Keys | Sort-Object)
    }

    It 'has every part platyPS writes, for <Name>' -ForEach $CmdletCases {
        $command = $Maml.SelectSingleNode("//command:command[command:details/command:name='$Name']", $Ns)
        $command.SelectSingleNode('command:details/command:verb', $Ns).InnerText | Should -Be ($Name -split '-')[0]
        $command.SelectSingleNode('command:details/command:noun', $Ns).InnerText | Should -Be ($Name -split '-', 2)[1]
        $command.SelectSingleNode('command:details/maml:description/maml:para', $Ns).InnerText | Should -Not -BeNullOrEmpty
        $command.SelectSingleNode('maml:description/maml:para', $Ns).InnerText | Should -Not -BeNullOrEmpty
        $command.SelectNodes('command:syntax/command:syntaxItem', $Ns).Count | Should -Be (Get-Command $Name).ParameterSets.Count
        $command.SelectNodes('command:parameters/command:parameter', $Ns).Count | Should -Be (Get-OwnParameterName $Name).Count
        $command.SelectNodes('command:inputTypes/command:inputType/dev:type/maml:name', $Ns).Count | Should -BeGreaterThan 0
        $command.SelectNodes('command:returnValues/command:returnValue/dev:type/maml:name', $Ns).Count | Should -BeGreaterThan 0
        $command.SelectNodes('command:examples/command:example/dev:code', $Ns).Count | Should -BeGreaterThan 0
        $command.SelectNodes('command:examples/command:example/dev:remarks/maml:para', $Ns).Count | Should -BeGreaterThan 0
        $command.SelectNodes('maml:relatedLinks/maml:navigationLink/maml:linkText', $Ns).Count | Should -BeGreaterThan 1
    }
}

Describe 'Get-Help' -Tag Unit {
    Context '<Name>' -ForEach $CmdletCases {
        BeforeAll {
            $script:Help = Get-Help $Name -Full
            $script:Command = Get-Command $Name
        }

        It 'comes from the MAML file' {
            $Help.Name | Should -Be $Name
            $Command.HelpFile | Should -Match 'UnrealCv\.dll-Help\.xml$'
        }

        It 'has a synopsis and a description' {
            # Without help, PowerShell makes the synopsis from the syntax, which starts with the name.
            $Help.Synopsis | Should -Not -BeNullOrEmpty
            $Help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($Name))"
            ($Help.Description.Text -join ' ').Length | Should -BeGreaterThan 80
        }

        It 'has at least one example, each with code and an explanation' {
            $examples = @($Help.Examples.Example)
            $examples.Count | Should -BeGreaterThan 0
            foreach ($example in $examples) {
                $example.Code | Should -Not -BeNullOrEmpty
                ($example.Remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
            }
        }

        It 'describes every parameter the cmdlet has, and no other' {
            $parameters = @($Help.Parameters.Parameter)
            @($parameters.Name | Sort-Object) | Should -Be (Get-OwnParameterName $Name)
            foreach ($parameter in $parameters) {
                ($parameter.Description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs a description"
            }
        }

        It 'shows a SYNTAX with the parameter sets and parameters of Get-Command' {
            $items = @($Help.Syntax.SyntaxItem)
            $sets = @($Command.ParameterSets | Sort-Object { -not $_.IsDefault })
            $items.Count | Should -Be $sets.Count
            for ($i = 0; $i -lt $sets.Count; $i++) {
                $expected = @($sets[$i].Parameters | Where-Object { $_.Name -notin $Common })
                @($items[$i].Parameter.Name | Sort-Object) | Should -Be @($expected.Name | Sort-Object) -Because "set $($sets[$i].Name) has these parameters"
                foreach ($parameter in $expected) {
                    $shown = $items[$i].Parameter | Where-Object Name -eq $parameter.Name
                    $shown.Required | Should -Be $parameter.IsMandatory.ToString().ToLowerInvariant() -Because "-$($parameter.Name) in $($sets[$i].Name)"
                    $shown.Position | Should -Be $(if ($parameter.Position -ge 0) { [string]$parameter.Position } else { 'named' })
                }
            }
            $text = $Help | Out-String -Width 300
            $text | Should -Match "(?m)^SYNTAX\s*\r?\n\s+$([regex]::Escape($Name)) "
        }

        It 'shows the types, aliases and pipeline input of Get-Command' {
            foreach ($parameter in $Help.Parameters.Parameter) {
                $metadata = $Command.Parameters[$parameter.Name]
                $parameter.Type.Name | Should -Be $metadata.ParameterType.Name
                $aliases = if ($metadata.Aliases.Count) { $metadata.Aliases -join ', ' } else { 'none' }
                $parameter.Aliases | Should -Be $aliases
                $byValue = [bool](@($metadata.ParameterSets.Values) | Where-Object ValueFromPipeline)
                ($parameter.PipelineInput -match 'ByValue') | Should -Be $byValue -Because "-$($parameter.Name) pipeline input"
                $wildcards = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
                $parameter.Globbing | Should -Be $wildcards.ToString().ToLowerInvariant()
            }
        }
    }
}

Describe 'Help examples' -Tag Integration {
    BeforeAll {
        # Examples that use ForEach-Object -Parallel import the module by name, as an installed module would be.
        $script:SavedModulePath = $env:PSModulePath
        $env:PSModulePath = (Split-Path $Built) + [System.IO.Path]::PathSeparator + $env:PSModulePath
    }
    AfterAll {
        $env:PSModulePath = $SavedModulePath
    }

    It 'Get-Help shows the same examples as the MAML' {
        foreach ($name in (Get-Module UnrealCv).ExportedCmdlets.Keys) {
            $fromHelp = @((Get-Help $name -Examples).Examples.Example | ForEach-Object { $_.Code })
            $fromMaml = @($ExampleCases | Where-Object Name -eq $name | ForEach-Object Code)
            $fromHelp | Should -Be $fromMaml
        }
    }

    It '<Name> example <Index> runs: <Title>' -ForEach $ExampleCases {
        if ($Code.Contains($NotRunMarker)) {
            $reason = ($Code -split "`n" | Where-Object { $_.Contains($NotRunMarker) } | Select-Object -First 1).Split(':', 2)[1].Trim()
            $reason | Should -Not -BeNullOrEmpty -Because 'an example that cannot run here must say why'
            Set-ItResult -Skipped -Because $reason
            return
        }
        # Each example runs in a runspace of its own, with what every example may assume: a current session to a
        # simulator that keeps serving TCP. Its host keeps what it writes (-WhatIf's lines), so they can be checked.
        $run = Invoke-CapturingHost {
            param($code)
            $simulator = Start-TestSimulator
            $simulator | Connect-UnrealCv | Out-Null
            $ErrorActionPreference = 'Continue'
            # Errors the example does not handle itself come out as records.
            & ([scriptblock]::Create($code)) 2>&1
        } -ArgumentList $Code
        $errors = @($run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors | ForEach-Object { $_.ToString() } | Should -BeNullOrEmpty -Because 'an example must not write errors'
        { $run.Output | Out-String } | Should -Not -Throw
        $whatIf = @($run.HostLines | Where-Object { $_.StartsWith('What if: ') })
        if ($Code -match '-WhatIf\b') { $whatIf.Count | Should -BeGreaterThan 0 -Because 'an example with -WhatIf says what it would do' }
        else { $whatIf | Should -BeNullOrEmpty }
    }
}

Describe 'About topics' -Tag Unit {
    It '<_> is in the about-topic format' -ForEach @('about_UnrealCv', 'about_UnrealCv_Commands') {
        $path = Join-Path $Sources "$_.help.txt"
        $bytes = [System.IO.File]::ReadAllBytes($path)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF) -Because 'about topics are UTF-8 with a BOM'
        $lines = Get-Content $path -Encoding utf8
        $lines[0] | Should -Be 'TOPIC'
        $lines[1] | Should -Be "    $_"
        $lines | Should -Contain 'SHORT DESCRIPTION'
        $lines | Should -Contain 'LONG DESCRIPTION'
        $lines | Should -Contain 'SEE ALSO'
        @($lines | Where-Object { $_.Length -gt 80 }) | Should -BeNullOrEmpty -Because 'about topics are at most 80 columns'
        @($lines | Where-Object { $_ -match '\t' }) | Should -BeNullOrEmpty
        Join-Path $Built "en-US/$_.help.txt" | Should -Exist
    }

    It 'about_UnrealCv covers sessions, transports, pipelining, the simulator and troubleshooting' {
        $lines = Get-Content (Join-Path $Sources 'about_UnrealCv.help.txt')
        foreach ($heading in 'SESSIONS', 'TRANSPORTS AND THE UNIX SOCKET SWITCH', 'PIPELINING', 'THE SIMULATOR, FOR PESTER TESTS', 'TROUBLESHOOTING') {
            $lines | Should -Contain $heading
        }
        $text = $lines -join "`n"
        foreach ($topic in 'Nothing is listening', 'No welcome', 'still loading', 'stopped serving TCP', '/tmp/unrealcv_<port>.socket') {
            $text | Should -Match ([regex]::Escape($topic))
        }
        foreach ($name in (Get-Module UnrealCv).ExportedCmdlets.Keys) { $text | Should -Match "\b$name\b" -Because "about_UnrealCv lists $name" }
    }

    It 'about_UnrealCv_Commands names every typed value a reply becomes' {
        $text = Get-Content -Raw (Join-Path $Sources 'about_UnrealCv_Commands.help.txt')
        $values = Get-ChildItem (Join-Path $PSScriptRoot '../src/UnrealCv/Replies/Values') -Filter 'UnrealCv*.cs' | ForEach-Object BaseName
        $values | Should -Contain 'UnrealCvVector'
        foreach ($value in @($values) + 'string[]' + 'bool') { $text | Should -Match ([regex]::Escape($value)) }
        foreach ($verb in 'vget', 'vset', 'vrun', 'vexec', 'vbp') { $text | Should -Match "\b$verb\b" }
    }

    It 'Get-Help finds both topics from PSModulePath, in a fresh pwsh without importing the module' {
        $script = {
            $ProgressPreference = 'SilentlyContinue'
            $topics = foreach ($name in 'about_UnrealCv', 'about_UnrealCv_Commands') {
                $help = Get-Help $name
                [pscustomobject]@{ Name = $name; Text = ($help | Out-String) }
            }
            [pscustomobject]@{ Topics = $topics; Loaded = [bool](Get-Module UnrealCv) } | ConvertTo-Json -Depth 3 -Compress
        }
        $pwsh = Join-Path $PSHOME 'pwsh'
        if (-not (Test-Path $pwsh)) { $pwsh = (Get-Process -Id $PID).Path }
        $saved = $env:PSModulePath
        try {
            $env:PSModulePath = (Split-Path $Built) + [System.IO.Path]::PathSeparator + $env:PSModulePath
            $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script.ToString()))
            $json = & $pwsh -NoProfile -NonInteractive -EncodedCommand $encoded
        }
        finally {
            $env:PSModulePath = $saved
        }
        $LASTEXITCODE | Should -Be 0
        $result = $json | ConvertFrom-Json
        $result.Loaded | Should -BeFalse
        $result.Topics[0].Text | Should -Match 'SHORT DESCRIPTION'
        $result.Topics[0].Text | Should -Match 'UnrealCvNoWelcome'
        $result.Topics[1].Text | Should -Match 'UnrealCvDepthArray'
    }
}
