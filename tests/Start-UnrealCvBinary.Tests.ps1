# Launching binaries, with the simulator's console program standing in for a game binary.
BeforeAll {
    . $PSScriptRoot/common.ps1
    $script:Invariant = [cultureinfo]::InvariantCulture
    function script:New-Script([string] $name, [string] $body) {
        $path = Join-Path $TestDrive $name
        Set-Content -Path $path -Value "#!/bin/sh`n$body`n"
        chmod +x $path
        $path
    }
    # Unreal's generated launch script of a packaged Linux game (4.27; UE5 names the variables UE_*).
    $script:UnrealLaunchScript = @'
#!/bin/sh
UE4_TRUE_SCRIPT_NAME=$(echo \"$0\" | xargs readlink -f)
UE4_PROJECT_ROOT=$(dirname "$UE4_TRUE_SCRIPT_NAME")
chmod +x "$UE4_PROJECT_ROOT/Game/Binaries/Linux/Game"
"$UE4_PROJECT_ROOT/Game/Binaries/Linux/Game" Game "$@" 
'@
    function script:New-PackagedGame([string] $Name, [string] $Game, [string] $Launcher = $UnrealLaunchScript, [string] $LinkTo) {
        # A packaged game as Unreal lays it out: <Name>/Game.sh at the top, the executable in Game/Binaries/Linux/.
        # -Game: the executable is this shell script instead of the simulator; -LinkTo: a symbolic link to that file.
        $top = Join-Path $TestDrive $Name
        $binaries = Join-Path $top 'Game/Binaries/Linux'
        New-Item -ItemType Directory -Force $binaries, (Join-Path $top 'Game/Content/Paks') | Out-Null
        $exe = Join-Path $binaries 'Game'
        if ($LinkTo) { New-Item -ItemType SymbolicLink -Path $exe -Target $LinkTo | Out-Null }
        elseif ($Game) { Set-Content -Path $exe -Value "#!/bin/sh`n$Game`n" }
        else { Copy-Item $SimulatorProgram $exe }
        chmod +x $exe
        $script = Join-Path $top 'Game.sh'
        [IO.File]::WriteAllText($script, $Launcher.Replace("`r`n", "`n") + "`n")
        chmod +x $script
        [pscustomobject]@{ Script = $script; Project = Join-Path $top 'Game'; Binaries = $binaries; Executable = $exe }
    }
    function script:Get-InstanceFolder($game) {
        @(Get-ChildItem -Force -Directory (Join-Path $game.Project 'Binaries') | Where-Object Name -ne 'Linux')
    }
    function script:Get-Status($binary) {
        (Invoke-UnrealCvRequest 'vget /unrealcv/status' -Session $binary.Session).Text -split "`n"
    }
    function script:Get-CommandLine([int] $id) {
        [IO.File]::ReadAllText("/proc/$id/cmdline").Split([char]0, [StringSplitOptions]::RemoveEmptyEntries)
    }
    function script:Get-ExePath([int] $id) {
        # The file a process runs, as the kernel names it (/proc/<pid>/exe); null once it has gone.
        try { [IO.File]::ResolveLinkTarget("/proc/$id/exe", $false).FullName } catch { $null }
    }
    function script:Get-ProcessIdRunning([string] $executable) {
        foreach ($dir in [IO.Directory]::GetDirectories('/proc')) {
            $id = 0
            if ([int]::TryParse([IO.Path]::GetFileName($dir), [ref] $id) -and (Get-ExePath $id) -eq $executable) { return $id }
        }
    }
    function script:Get-GameProcessId($binary, [string] $executable) {
        # The game itself, or the child of its launch script, found by the file it runs.
        if ((Get-ExePath $binary.ProcessId) -eq $executable) { return $binary.ProcessId }
        foreach ($dir in [IO.Directory]::GetDirectories('/proc')) {
            $id = 0
            if (-not [int]::TryParse([IO.Path]::GetFileName($dir), [ref] $id)) { continue }
            $stat = Get-Content "$dir/stat" -ErrorAction SilentlyContinue
            if (-not $stat) { continue }
            $parent = [int]($stat.Substring($stat.LastIndexOf(')') + 2) -split ' ')[1]
            if ($parent -eq $binary.ProcessId -and (Get-ExePath $id) -eq $executable) { return $id }
        }
        throw "no process of $executable under pid $($binary.ProcessId)"
    }
    function script:Start-Direct([string] $program, [string[]] $arguments) {
        $info = [Diagnostics.ProcessStartInfo]::new($program)
        $info.RedirectStandardOutput = $true
        $info.UseShellExecute = $false
        foreach ($a in $arguments) { $info.ArgumentList.Add($a) }
        [Diagnostics.Process]::Start($info)
    }
    function script:Wait-ListeningLine([Diagnostics.Process] $process) {
        # The port the program logs it listens on, as the plugin logs it (its configured port); bounded to 30 s.
        $deadline = [DateTime]::Now.AddSeconds(30)
        $seen = @()
        while ([DateTime]::Now -lt $deadline) {
            $line = $process.StandardOutput.ReadLineAsync()
            if (-not $line.Wait([int][Math]::Max(1, ($deadline - [DateTime]::Now).TotalMilliseconds)) -or $null -eq $line.Result) { break }
            $seen += $line.Result
            if ($line.Result -match 'Start listening on (\d+)$') { return [int]$Matches[1] }
        }
        throw "the program did not say which port it listens on: $($seen -join ' | ')"
    }
    function script:Stop-Direct([Diagnostics.Process] $process) {
        $process.Kill()
        $process.WaitForExit(5000) | Out-Null
        $process.Dispose()
    }
    function script:Test-Connects([int] $port) {
        $probe = [Net.Sockets.TcpClient]::new()
        try { $probe.ConnectAsync('127.0.0.1', $port).Wait(2000) } catch { $false } finally { $probe.Dispose() }
    }
}

AfterAll { Clear-TestState }

Describe 'Start-UnrealCvBinary' -Tag Integration -Skip:(-not $IsLinux) {
    AfterEach { Stop-UnrealCvBinary -TimeoutSec 1 }

    It 'starts a binary on a free port, waits for its welcome, connects over its Unix socket, and stops it cleanly' {
        $range = Get-FreePortRange 100
        $port = $range[0]
        $binary = Start-UnrealCvBinary $SimulatorProgram -PortRange $range -ArgumentList $FastTicks -Connect -Transport Auto -Width 32 -Height 24
        $binary.Port | Should -BeGreaterOrEqual $port
        $binary.PortDelivery | Should -Be 'InstanceFolder'
        $binary.InstanceFolder | Should -Be "$(Split-Path $SimulatorProgram)_$($binary.Port)"
        $binary.Session.Transport | Should -Be 'Unix'
        $binary.Session.Path | Should -Be "/tmp/unrealcv_$($binary.Port).socket"
        (Invoke-UnrealCvRequest 'vget /camera/0/size' -Session $binary.Session).Text | Should -Be '32 24'
        (Get-UnrealCvSession -Current) | Should -Be $binary.Session
        $id = $binary.ProcessId
        Stop-UnrealCvBinary $binary
        Test-ProcessAlive $id | Should -BeFalse
        $binary.Session.State | Should -Be 'Closed'
        Test-Path "/tmp/unrealcv_$($binary.Port).socket" | Should -BeFalse
        Test-Path $binary.InstanceFolder | Should -BeFalse
        Get-UnrealCvSession | Should -BeNullOrEmpty
    }

    It 'starts the simulator program shipped in the module folder with -Simulator' {
        $shipped = Join-Path (Split-Path $ModuleManifest) 'UnrealCvSimulator/UnrealCvSimulator'
        $binary = Start-UnrealCvBinary -Simulator -PortRange (Get-FreePortRange 20) -ArgumentList $FastTicks -Width 48 -Height 32 -Connect
        $binary.Path | Should -Be ([IO.Path]::GetFullPath($shipped))
        $binary.InstanceFolder | Should -Be "$([IO.Path]::GetFullPath((Split-Path $shipped)))_$($binary.Port)"
        (Invoke-UnrealCvRequest 'vget /camera/0/size' -Session $binary.Session).Text | Should -Be '48 32'
    }

    It 'ships the simulator as native code where the build found a C linker: no .NET host, a small resident set' -Skip:(-not (Get-Command gcc, clang -ErrorAction SilentlyContinue)) {
        # What 120 binaries on 2 cores need: a framework-dependent program (the build's fallback) names libhostfxr and
        # holds about 44 MB once serving; the native one neither.
        $shipped = Join-Path (Split-Path $ModuleManifest) 'UnrealCvSimulator/UnrealCvSimulator'
        [Text.Encoding]::ASCII.GetString([IO.File]::ReadAllBytes($shipped)) | Should -Not -Match 'libhostfxr'
        $binary = Start-UnrealCvBinary -Simulator -PortRange (Get-FreePortRange 20) -ArgumentList $FastTicks -Width 160 -Height 120 -Connect
        (Invoke-UnrealCvRequest 'vget /camera/0/lit bmp' -Session $binary.Session).Bytes.Length | Should -Be (58 + 4 * 160 * 120)
        $rss = [long]((Get-Content "/proc/$($binary.ProcessId)/status" | Where-Object { $_ -match '^VmRSS:' }) -replace '\D', '') * 1KB
        $rss | Should -BeLessThan 40MB
        $rss | Should -BeGreaterThan 1MB
    }

    It 'says where it looked when the module folder has no simulator program, ' {
        $folder = Join-Path (Split-Path $ModuleManifest) 'UnrealCvSimulator'
        Rename-Item $folder 'UnrealCvSimulator.away'
        try {
            $err = { Start-UnrealCvBinary -Simulator -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'UnrealCvSimulatorNotShipped,UnrealCv.Commands.StartUnrealCvBinaryCommand'
            $err.Exception.Message | Should -BeLike "*there is no '$([IO.Path]::GetFullPath($folder))/UnrealCvSimulator'*./build.ps1 Build*-Path*"
        }
        finally { Rename-Item "$folder.away" 'UnrealCvSimulator' }
    }

    It 'refuses a port that is in use, and takes the next free one from a range' {
        # Ports below the ephemeral range, as a user should choose them (no warning about the range).
        $taken, $last = Get-FreePortRange 21
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Any, $taken)
        $listener.Start()
        try {
            $err = { Start-UnrealCvBinary $SimulatorProgram -Port $taken -ArgumentList $FastTicks -ErrorAction Stop } | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -Be 'UnrealCvBinaryStartFailed,UnrealCv.Commands.StartUnrealCvBinaryCommand'
            $err.Exception.Message | Should -BeLike "*port $taken is in use*"
            $binary = Start-UnrealCvBinary $SimulatorProgram -PortRange $taken, $last -ArgumentList $FastTicks -Connect -WarningVariable warnings
            $binary.Port | Should -BeGreaterThan $taken
            $binary.Port | Should -BeLessOrEqual $last
            $warnings | Should -BeNullOrEmpty
        }
        finally { $listener.Stop() }
    }

    It 'reports a binary that exits at once, with its exit code and last output, and removes its instance folder' {
        $game = New-PackagedGame 'crash' -Game "echo 'LogPakFile: Error: no pak found'`nexit 3"
        $range = Get-FreePortRange 100
        $err = { Start-UnrealCvBinary $game.Script -PortRange $range -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvBinaryStartFailed,UnrealCv.Commands.StartUnrealCvBinaryCommand'
        $err.Exception.Message | Should -BeLike '*exited with code 3*LogPakFile: Error: no pak found*'
        Get-InstanceFolder $game | Should -BeNullOrEmpty
    }

    It 'warns when the port range overlaps the kernel''s ephemeral ports' {
        $bad = New-Script 'crash2.sh' 'exit 1'
        $low = [int]((Get-Content /proc/sys/net/ipv4/ip_local_port_range) -split '\s+')[0]
        Start-UnrealCvBinary $bad -PortDelivery Arguments -PortRange ($low + 100), ($low + 199) -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*overlap the ephemeral range $low-*Prefer ports below $low*"
        Start-UnrealCvBinary $bad -PortDelivery Arguments -PortRange (Get-FreePortRange 100) -ErrorAction SilentlyContinue -WarningVariable quiet -WarningAction SilentlyContinue
        $quiet.Count | Should -Be 0
    }

    It 'gives up on a binary that never answers, and leaves no process and no folder behind' {
        $pidFile = Join-Path $TestDrive 'silent.pid'
        $game = New-PackagedGame 'silent' -Game "echo `$`$ > '$pidFile'`nsleep 600"
        $range = Get-FreePortRange 100
        $err = { Start-UnrealCvBinary $game.Script -PortRange $range -TimeoutSec 2 -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvBinaryNotAnswering,UnrealCv.Commands.StartUnrealCvBinaryCommand'
        $err.Exception.Message | Should -BeLike '*did not answer*within 2 s*It was stopped*Linux_*unrealcv.ini*'
        $err.Exception.Message -match 'Linux_(\d+)' | Should -BeTrue
        [int]$Matches[1] | Should -BeIn ($range[0]..$range[1])
        Test-ProcessAlive ([int](Get-Content $pidFile)) | Should -BeFalse
        Get-Process sleep -ErrorAction SilentlyContinue | Where-Object { $_.Parent.Id -eq [int](Get-Content $pidFile) } | Should -BeNullOrEmpty
        Get-InstanceFolder $game | Should -BeNullOrEmpty
    }

    It 'stops what it started when interrupted (Ctrl+C), orphaning nothing and removing its folder' {
        $pidFile = Join-Path $TestDrive 'slow.pid'
        # A game whose work is a child process, as a launch script's is.
        $game = New-PackagedGame 'slow' -Game "echo `$`$ > '$pidFile'`nsleep 600 &`necho `$! >> '$pidFile'`nwait"
        $ps = [powershell]::Create()
        $null = $ps.AddScript({ param($m, $p, $r) Import-Module $m; Start-UnrealCvBinary $p -PortRange $r -TimeoutSec 120 }).AddArgument($ModuleManifest).AddArgument($game.Script).AddArgument((Get-FreePortRange 100))
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::Now.AddSeconds(20)
        while (-not ((Test-Path $pidFile) -and @(Get-Content $pidFile).Count -eq 2) -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $ids = @(Get-Content $pidFile) | ForEach-Object { [int]$_ }
        $ids.Count | Should -Be 2
        @(Get-InstanceFolder $game).Count | Should -Be 1
        $ps.Stop()
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $ps.Dispose()
        foreach ($id in $ids) { Test-ProcessAlive $id | Should -BeFalse -Because "process $id was started by the interrupted command" }
        Get-InstanceFolder $game | Should -BeNullOrEmpty
    }

    It 'starts binaries in parallel without two of them racing for one port' {
        $binaries = 1..6 | Start-UnrealCvBinary $SimulatorProgram -PortRange (Get-FreePortRange 51) -ArgumentList $FastTicks -ThrottleLimit 6 -Name 'race{0}'
        $binaries.Count | Should -Be 6
        ($binaries.Port | Sort-Object -Unique).Count | Should -Be 6
        ($binaries.Name | Sort-Object) | Should -Be (1..6 | ForEach-Object { "race$_" })
    }

    It 'starts 32 binaries, connects them over Unix sockets, fans out, and stops them' {
        $binaries = 1..32 | Start-UnrealCvBinary $SimulatorProgram -PortRange (Get-FreePortRange 1000) -ArgumentList $FastTicks -Connect -Transport Auto -Width 16 -Height 12 -ThrottleLimit 16
        $binaries.Count | Should -Be 32
        ($binaries.Session | Where-Object Transport -eq 'Unix').Count | Should -Be 32
        ($binaries.InstanceFolder | Sort-Object -Unique).Count | Should -Be 32
        $replies = Get-UnrealCvSession | Invoke-UnrealCvRequest 'vget /camera/0/location', 'vget /camera/0/lit bmp'
        $replies.Count | Should -Be 64
        $replies | Where-Object IsBinary | ForEach-Object { $_.Bytes.Length } | Sort-Object -Unique | Should -Be (58 + 4 * 16 * 12)
        ($replies.SessionId | Sort-Object -Unique).Count | Should -Be 32
        $ids = $binaries.ProcessId
        Stop-UnrealCvBinary -TimeoutSec 2
        @($ids | Where-Object { Test-ProcessAlive $_ }).Count | Should -Be 0
        @($binaries.InstanceFolder | Where-Object { Test-Path $_ }).Count | Should -Be 0
        Get-UnrealCvSession | Should -BeNullOrEmpty
    }
}

Describe 'How a binary gets its port and size' -Tag Integration -Skip:(-not $IsLinux) {
    AfterEach { Stop-UnrealCvBinary -TimeoutSec 1 }

    It 'gives 8 instances of a packaged game (Game.sh) each its own port and size in its own folder, and removes the folders' {
        $game = New-PackagedGame 'packaged8'
        $shared = Join-Path $game.Binaries 'unrealcv.ini'
        # The game's own ini, hand-written, with a WRONG port: a binary that read it would listen on port 1, not its own.
        [IO.File]::WriteAllText($shared, "; the team's settings`n[UnrealCV.Core]`nPort=1`nEnableInput=False`n")
        $before = [IO.File]::ReadAllText($shared)
        $range = Get-FreePortRange 100
        $binaries = foreach ($i in 1..8) {
            Start-UnrealCvBinary $game.Script -PortRange $range -Width (16 * $i) -Height (8 * $i) -Fov (40 + $i) -ArgumentList $FastTicks -Connect -Name "instance$i"
        }
        $binaries.Count | Should -Be 8
        ($binaries.Port | Sort-Object -Unique).Count | Should -Be 8
        for ($i = 1; $i -le 8; $i++) {
            $b = $binaries[$i - 1]
            $folder = Join-Path $game.Project "Binaries/Linux_$($b.Port)"
            $b.PortDelivery | Should -Be 'InstanceFolder'
            $b.InstanceFolder | Should -Be $folder
            $b.Executable | Should -Be (Join-Path $folder 'Game')
            $b.ConfigFile | Should -Be (Join-Path $folder 'unrealcv.ini')
            $status = Get-Status $b
            $status[2] | Should -Be "$($b.Port)"
            $status | Should -Contain "Port: $($b.Port)"
            $status | Should -Contain "Width: $(16 * $i)"
            $status | Should -Contain "Height: $(8 * $i)"
            $status | Should -Contain "FOV: $((40 + $i).ToString('F6', $Invariant))"
            $status | Should -Contain "Config file: $folder/unrealcv.ini"
            $status | Should -Contain 'EnableInput: false' -Because 'the other keys come from the game''s ini'
            # The hard link itself runs, with what Game.sh passes (the project name) and nothing about the port.
            Get-ExePath $b.ProcessId | Should -Be $b.Executable
            Get-CommandLine $b.ProcessId | Should -Be @($b.Executable, 'Game', $FastTicks)
        }
        [IO.File]::ReadAllText($shared) | Should -Be $before
        Stop-UnrealCvBinary $binaries
        Get-InstanceFolder $game | Should -BeNullOrEmpty
        # The links were other names of the game's file: the game itself is intact.
        (Get-FileHash $game.Executable).Hash | Should -Be (Get-FileHash $SimulatorProgram).Hash
    }

    It 'with -PortDelivery Arguments, runs Game.sh as it is, with the settings glued to their names on the command line' {
        $game = New-PackagedGame 'packagedArguments'
        $shared = Join-Path $game.Binaries 'unrealcv.ini'
        [IO.File]::WriteAllText($shared, "[UnrealCV.Core]`nPort=1`n")
        $binaries = 1..3 | Start-UnrealCvBinary $game.Script -PortDelivery Arguments -PortRange (Get-FreePortRange 100) -Width 40 -Height 30 -Fov 75 -ArgumentList $FastTicks -Connect -TimeoutSec 30 -WarningVariable warnings
        $warnings.Count | Should -Be 0 -Because 'the command line was asked for, not fallen back to'
        $binaries.Count | Should -Be 3
        foreach ($b in $binaries) {
            $b.PortDelivery | Should -Be 'Arguments'
            $b.InstanceFolder | Should -BeNullOrEmpty
            $b.Executable | Should -Be $game.Script
            $b.ConfigFile | Should -Be $shared
            $status = Get-Status $b
            $status[2] | Should -Be "$($b.Port)"
            $status | Should -Contain "Port: $($b.Port)"
            $status | Should -Contain 'Width: 40'
            $status | Should -Contain 'Height: 30'
            $status | Should -Contain 'FOV: 75.000000'
            $status | Should -Contain "Config file: $shared"
            $gameId = Get-GameProcessId $b $game.Executable
            Get-CommandLine $gameId | Should -Be @($game.Executable, 'Game', "-cvport$($b.Port)", "-UnrealCVPort$($b.Port)", '-UnrealCVWidth40', '-UnrealCVHeight30', '-UnrealCVFOV75', $FastTicks)
        }
        Get-InstanceFolder $game | Should -BeNullOrEmpty
        Stop-UnrealCvBinary $binaries
        # The plugin writes the ini's own values back at start, never the command line's. Checked with one binary:
        # three starting together share this file, and one may read it while another rewrites it (then it writes the
        # defaults back, Port=9000), as three real games sharing one ini would; that race is why InstanceFolder exists.
        [IO.File]::WriteAllText($shared, "[UnrealCV.Core]`nPort=1`n")
        $single = Start-UnrealCvBinary $game.Script -PortDelivery Arguments -PortRange (Get-FreePortRange 100) -ArgumentList $FastTicks -Connect -TimeoutSec 30
        (Get-Status $single)[2] | Should -Be "$($single.Port)"
        [IO.File]::ReadAllText($shared) | Should -Match '(?m)^Port=1$'
        Stop-UnrealCvBinary $single
    }

    It 'shows why =-forms are wrong: a binary given -UnrealCVPort=<p> -cvport=<p> does not listen on p; -UnrealCVPort<p> does' {
        # A real binary reads these with FParse::Value(cmdline, "UnrealCVPort", int&): atoi from the character after
        # the name, so "=<p>" reads 0 and the plugin listens on a port the OS picks. The strict simulator reads them so.
        $folder = Join-Path $TestDrive 'equals'
        New-Item -ItemType Directory $folder | Out-Null
        $program = Join-Path $folder 'Game'
        Copy-Item $SimulatorProgram $program
        $p = (Get-FreePortRange 1)[0]
        $process = Start-Direct $program "-UnrealCVPort=$p", "-cvport=$p", $FastTicks
        try {
            Wait-ListeningLine $process | Should -Be 0 -Because "the plugin logs the port it was configured with: atoi(`"=$p`") is 0"
            Test-Connects $p | Should -BeFalse
        }
        finally { Stop-Direct $process }
        $process = Start-Direct $program "-UnrealCVPort$p", $FastTicks
        try {
            Wait-ListeningLine $process | Should -Be $p
            Test-Connects $p | Should -BeTrue
        }
        finally { Stop-Direct $process }
    }

    It 'falls back to the command line, with one warning, where no hard link can be made (the game is on another file system)' -Skip:(-not (Test-Path /dev/shm)) {
        $elsewhere = Join-Path /dev/shm "unrealcv-test-$([guid]::NewGuid().ToString('N'))"
        New-Item -ItemType Directory $elsewhere | Out-Null
        try {
            if ((stat -c %d $elsewhere) -eq (stat -c %d $TestDrive)) { Set-ItResult -Skipped -Because '/dev/shm is on the same file system as the test drive'; return }
            $real = Join-Path $elsewhere 'Game'
            Copy-Item $SimulatorProgram $real
            chmod +x $real
            $game = New-PackagedGame 'linkedElsewhere' -LinkTo $real
            $range = Get-FreePortRange 100
            $binaries = 1..2 | Start-UnrealCvBinary $game.Script -PortRange $range -Width 24 -Height 18 -ArgumentList $FastTicks -Connect -TimeoutSec 30 -WarningVariable warnings -WarningAction SilentlyContinue
            $warnings.Count | Should -Be 1 -Because 'one warning for the whole command, not one per instance'
            $warnings[0].Message | Should -BeLike "*cannot hard link '$real'*different file systems*command line (-cvport*-UnrealCVPort*shared unrealcv.ini ($elsewhere/unrealcv.ini)*"
            foreach ($b in $binaries) {
                $b.PortDelivery | Should -Be 'Arguments'
                $b.FallbackReason | Should -BeLike '*different file systems*'
                $status = Get-Status $b
                $status[2] | Should -Be "$($b.Port)"
                $status | Should -Contain 'Width: 24'
                $status | Should -Contain "Config file: $elsewhere/unrealcv.ini"
            }
            Get-InstanceFolder $game | Should -BeNullOrEmpty
            $err = { Start-UnrealCvBinary $game.Script -PortDelivery InstanceFolder -PortRange $range -ArgumentList $FastTicks -ErrorAction Stop } | Should -Throw -PassThru
            $err.Exception.Message | Should -BeLike '*cannot hard link*different file systems*-PortDelivery Arguments*'
            Get-InstanceFolder $game | Should -BeNullOrEmpty
        }
        finally {
            Stop-UnrealCvBinary -TimeoutSec 1
            Remove-Item -Recurse -Force $elsewhere
        }
    }
}

Describe 'Launch scripts and instance folders' -Tag Integration -Skip:(-not $IsLinux) {
    AfterEach { Stop-UnrealCvBinary -TimeoutSec 1 }

    It 'passes what a UE5 launch script puts before and after "$@", in the same places' {
        $launcher = "#!/bin/sh`nUE_PROJECT_ROOT=`$(dirname `"`$(readlink -f `"`$0`")`")`n`"`$UE_PROJECT_ROOT/Game/Binaries/Linux/Game`" Game -Windowed `"`$@`" '-ResX=800'"
        $game = New-PackagedGame 'ue5' -Launcher $launcher
        $b = Start-UnrealCvBinary $game.Script -Map /Game/Maps/Demo -RenderOffScreen -PortRange (Get-FreePortRange 50) -ArgumentList $FastTicks -Connect
        Get-CommandLine $b.ProcessId | Should -Be @($b.Executable, 'Game', '-Windowed', '/Game/Maps/Demo', '-RenderOffScreen', $FastTicks, '-ResX=800')
    }

    It 'finds the executable of a script without Unreal''s line in <Project>/Binaries/Linux, and says what it looked for when it cannot' {
        $game = New-PackagedGame 'custom' -Launcher "#!/bin/sh`ncd `"`$(dirname `"`$0`")`"`nexec ./Game/Binaries/Linux/Game Game `"`$@`""
        $range = Get-FreePortRange 50
        $b = Start-UnrealCvBinary $game.Script -PortRange $range -ArgumentList $FastTicks -Connect
        $b.Executable | Should -Be (Join-Path $game.Project "Binaries/Linux_$($b.Port)/Game")
        Get-CommandLine $b.ProcessId | Should -Be @($b.Executable, 'Game', $FastTicks)
        Stop-UnrealCvBinary $b
        Copy-Item $game.Executable (Join-Path $game.Binaries 'GameServer')
        chmod +x (Join-Path $game.Binaries 'GameServer')
        $err = { Start-UnrealCvBinary $game.Script -PortRange $range -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -Be 'UnrealCvLaunchScriptNotUnderstood,UnrealCv.Commands.StartUnrealCvBinaryCommand'
        $err.Exception.Message | Should -BeLike "*'$($game.Script)'*`$UE4_PROJECT_ROOT/<Project>/Binaries/Linux/<Game>*several*GameServer*Give the executable itself, or -PortDelivery Arguments*"
        $none = New-Script 'wrapper.sh' 'exec /opt/elsewhere/Game "$@"'
        $err = { Start-UnrealCvBinary $none -ErrorAction Stop } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike "*'$none'*there is none*"
        $expands = New-PackagedGame 'expands' -Launcher ($UnrealLaunchScript -replace 'Game "\$@"', 'Game $EXTRA "$@"')
        $err = { Start-UnrealCvBinary $expands.Script -ErrorAction Stop } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike "*passes '`$EXTRA'*only the shell can expand*"
    }

    It 'refuses an instance folder it did not make, and leaves it as it was' {
        $game = New-PackagedGame 'foreign'
        $port = (Get-FreePortRange 1)[0]
        $foreign = Join-Path $game.Project "Binaries/Linux_$port"
        New-Item -ItemType Directory $foreign | Out-Null
        Set-Content (Join-Path $foreign 'notes.txt') 'mine'
        $err = { Start-UnrealCvBinary $game.Script -Port $port -ArgumentList $FastTicks -ErrorAction Stop } | Should -Throw -PassThru
        $err.Exception.Message | Should -BeLike "*'$foreign' exists and was not made by Start-UnrealCvBinary*"
        @(Get-ChildItem -Force $foreign).Name | Should -Be @('notes.txt')
        Get-Content (Join-Path $foreign 'notes.txt') | Should -Be 'mine'
    }

    It 'reuses the folder a crashed PowerShell left, and removes only what it made' {
        $game = New-PackagedGame 'crashedRun'
        $port = (Get-FreePortRange 1)[0]
        $left = Join-Path $game.Project "Binaries/Linux_$port"
        # Another PowerShell starts an instance and is killed, so nothing of it can stop the game or remove its
        # folder; the kernel's parent-death signal ends the game itself.
        # This PowerShell's own program: pwsh itself, or dotnet with pwsh.dll when it runs as a .NET tool.
        $pwsh = [Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
        $self = [Environment]::GetCommandLineArgs()[0]
        if ($self -like '*.dll') { $pwsh.ArgumentList.Add($self) }
        foreach ($a in '-NoProfile', '-Command', "Import-Module '$ModuleManifest'; `$null = Start-UnrealCvBinary '$($game.Script)' -Port $port -ArgumentList '$FastTicks' -Connect; 'up'; Start-Sleep 600") { $pwsh.ArgumentList.Add($a) }
        $pwsh.RedirectStandardOutput = $true
        $other = [Diagnostics.Process]::Start($pwsh)
        $up = $other.StandardOutput.ReadLineAsync()
        $up.Wait(60000) | Should -BeTrue
        $up.Result | Should -Be 'up'
        $orphan = Get-ProcessIdRunning "$left/Game"
        $orphan | Should -Not -BeNullOrEmpty
        $other.Kill()
        $other.WaitForExit(5000) | Out-Null
        $deadline = [DateTime]::Now.AddSeconds(10)
        while ((Test-ProcessAlive $orphan) -and [DateTime]::Now -lt $deadline) { Start-Sleep -Milliseconds 50 }
        Test-ProcessAlive $orphan | Should -BeFalse -Because 'the game was started under setpriv --pdeathsig KILL'
        @(Get-ChildItem -Force $left | Sort-Object Name).Name | Should -Be @('.unrealcv-instance', 'Game', 'unrealcv.ini')
        Set-Content (Join-Path $left 'capture.png') 'what the binary wrote'

        $b = Start-UnrealCvBinary $game.Script -Port $port -ArgumentList $FastTicks -Connect
        $b.InstanceFolder | Should -Be $left
        (Get-Status $b)[2] | Should -Be "$port"
        Stop-UnrealCvBinary $b -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike "*left '$left'*not ours: capture.png*"
        @(Get-ChildItem -Force $left | Sort-Object Name).Name | Should -Be @('.unrealcv-instance', 'capture.png')
    }

    It 'removes the instance folders when the module is removed' {
        $ps = [powershell]::Create()
        $null = $ps.AddScript({
            param($m, $p, $a, $r)
            Import-Module $m
            $b = Start-UnrealCvBinary $p -PortRange $r -ArgumentList $a -Connect
            $b.InstanceFolder, (Test-Path $b.InstanceFolder), $b.ProcessId
            Remove-Module UnrealCv
        }).AddArgument($ModuleManifest).AddArgument($SimulatorProgram).AddArgument($FastTicks).AddArgument((Get-FreePortRange 30))
        $folder, $existed, $id = $ps.Invoke()
        $ps.Dispose()
        $existed | Should -BeTrue
        Test-Path $folder | Should -BeFalse
        Test-ProcessAlive $id | Should -BeFalse
    }
}

Describe 'Driving another host' -Tag Integration -Skip:(-not $IsLinux) {
    It 'drives a binary from a separate PowerShell process, as a job per host would' {
        # For a fleet, each host runs its own binaries; PowerShell remoting or jobs carry the same script there.
        $range = Get-FreePortRange 100
        $job = Start-Job -ScriptBlock {
            param($manifest, $program, $range)
            Import-Module $manifest
            $b = Start-UnrealCvBinary $program -PortRange $range -ArgumentList '-SimFrameTimeMs=0' -Connect
            $location = (Invoke-UnrealCvRequest 'vget /camera/0/location').Value
            Stop-UnrealCvBinary
            [pscustomobject]@{ Port = $b.Port; X = $location.X; Y = $location.Y; Z = $location.Z }
        } -ArgumentList $ModuleManifest, $SimulatorProgram, $range
        $result = $job | Wait-Job -Timeout 120 | Receive-Job
        $job | Remove-Job -Force
        $result.Port | Should -BeGreaterOrEqual $range[0]
        # The simulator's player camera starts at (-500, 0, 170) (SceneBuilder): the reply crossed the process boundary intact.
        @($result.X, $result.Y, $result.Z) | Should -Be @(-500, 0, 170)
    }
}
