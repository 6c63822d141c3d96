# Dot-sourced by tests/Remoting.Tests.ps1: an SSH server on this machine that PowerShell remoting (Invoke-Command
# -HostName) reaches, so that driving binaries "on another host" runs end to end here.
#
# Start-TestSshServer installs openssh-server where it is missing and can be installed (root, apt-get), then starts
# its sshd on a free port of 127.0.0.1 with a configuration, keys and a PowerShell subsystem of its own in a
# temporary folder: the machine's /etc/ssh is neither read nor changed, and nothing listens beyond loopback. It writes
# an object with what a client needs (HostName, Port, UserName, KeyFilePath, Options for -Options) or, where no server
# can be had, one whose SkipReason says why. Stop-TestSshServer stops that sshd and removes the folder.
#
# Environment, to run the tests where installing is unwanted or to see them skip:
#   UNREALCV_TEST_SSH_INSTALL=no   never install openssh-server (skip when it is missing)
#   UNREALCV_TEST_SSHD=<path>      the sshd to run (default /usr/sbin/sshd)

function script:Invoke-BoundedProgram {
    # Runs a program with a time limit (killed after it); its exit code (null when killed) and output.
    param([Parameter(Mandatory)][string] $FilePath, [string[]] $ArgumentList = @(), [int] $TimeoutSec = 60, [hashtable] $Environment = @{})
    $info = [System.Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($argument in $ArgumentList) { $info.ArgumentList.Add($argument) }
    foreach ($name in $Environment.Keys) { $info.Environment[$name] = $Environment[$name] }
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $process = [System.Diagnostics.Process]::Start($info)
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        $exitCode = $null
        if ($process.WaitForExit($TimeoutSec * 1000)) { $process.WaitForExit(); $exitCode = $process.ExitCode }
        else { $process.Kill($true); $null = $process.WaitForExit(5000) }
        $null = $stdout.Wait(5000); $null = $stderr.Wait(5000)
        $text = (@($(if ($stdout.IsCompleted) { $stdout.Result }), $(if ($stderr.IsCompleted) { $stderr.Result })) -join "`n").Trim()
        [pscustomobject]@{ ExitCode = $exitCode; TimedOut = $null -eq $exitCode; Output = $text }
    }
    finally { $process.Dispose() }
}

function script:Get-LastLines([string] $Text, [int] $Count = 3) {
    (@($Text -split "`r?`n" | Where-Object { $_.Trim() }) | Select-Object -Last $Count) -join ' | '
}

function script:Install-SshServerPackage {
    # Installs openssh-server with apt-get; null when it did, otherwise why not.
    if ($env:UNREALCV_TEST_SSH_INSTALL -eq 'no') { return 'UNREALCV_TEST_SSH_INSTALL=no forbids installing it' }
    $uid = (id -u)
    if ($uid -ne '0') { return "installing it needs root (this runs as uid $uid)" }
    $apt = Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $apt) { return 'there is no apt-get to install it with' }
    $noPrompt = @{ DEBIAN_FRONTEND = 'noninteractive' }
    $lock = '-o', 'DPkg::Lock::Timeout=60'
    # A clean machine (a container) may have no package lists yet: fetch them only then.
    $policy = Invoke-BoundedProgram 'apt-cache' @('policy', 'openssh-server') -TimeoutSec 30
    if ($policy.Output -notmatch 'Candidate:\s*\d') {
        $update = Invoke-BoundedProgram $apt.Source (@('update', '-q') + $lock) -TimeoutSec 180 -Environment $noPrompt
        if ($update.ExitCode -ne 0) { return "apt-get update failed ($(if ($update.TimedOut) { 'timed out after 180 s' } else { "exit code $($update.ExitCode)" })): $(Get-LastLines $update.Output)" }
    }
    # The package's own service must not start (it would listen on port 22 of every address): where no
    # policy-rc.d says so already (containers usually have one), one that denies starting services is put in place
    # for the install, then removed. The service is still enabled for the next boot on a machine with an init system.
    $policyFile = '/usr/sbin/policy-rc.d'
    $ownPolicy = -not (Test-Path $policyFile)
    if ($ownPolicy) {
        [IO.File]::WriteAllText($policyFile, "#!/bin/sh`n# Put here by UnrealCv's tests/SshServer.ps1 while it installs openssh-server.`nexit 101`n")
        chmod 755 $policyFile
    }
    try {
        $install = Invoke-BoundedProgram $apt.Source (@('install', '-y', '-q', '--no-install-recommends', 'openssh-server') + $lock) -TimeoutSec 300 -Environment $noPrompt
    }
    finally {
        if ($ownPolicy) { Remove-Item $policyFile -Force -ErrorAction SilentlyContinue }
    }
    if ($install.ExitCode -ne 0) { return "apt-get install openssh-server failed ($(if ($install.TimedOut) { 'timed out after 300 s' } else { "exit code $($install.ExitCode)" })): $(Get-LastLines $install.Output)" }
    $null
}

function script:ConvertTo-ShellWord([string] $Text) { "'" + $Text.Replace("'", "'\''") + "'" }

function script:Start-TestSshServer {
    # An sshd on 127.0.0.1 with a PowerShell subsystem, for this test run only; see the top of this file.
    param([Parameter(Mandatory)][string] $Directory, [int] $TimeoutSec = 15)
    $skip = { param($reason) [pscustomobject]@{ SkipReason = $reason } }
    if (-not $IsLinux) { return & $skip 'the SSH server for remoting tests is set up on Linux only' }
    $sshd = if ($env:UNREALCV_TEST_SSHD) { $env:UNREALCV_TEST_SSHD } else { '/usr/sbin/sshd' }
    if (-not (Test-Path $sshd)) {
        if ($env:UNREALCV_TEST_SSHD) { return & $skip "UNREALCV_TEST_SSHD names $sshd, which does not exist" }
        $why = Install-SshServerPackage
        if ($why) { return & $skip "openssh-server is not installed and $why" }
        if (-not (Test-Path $sshd)) { return & $skip "openssh-server was installed but there is no $sshd" }
    }
    foreach ($program in 'ssh', 'ssh-keygen') {
        # Remoting runs the ssh client found on PATH.
        if (-not (Get-Command $program -CommandType Application -ErrorAction SilentlyContinue)) { return & $skip "there is no $program on PATH (openssh-client)" }
    }

    $Directory = (New-Item -ItemType Directory -Force $Directory).FullName
    chmod 700 $Directory
    $hostKey = Join-Path $Directory 'host_ed25519'
    $clientKey = Join-Path $Directory 'client_ed25519'
    foreach ($key in $hostKey, $clientKey) {
        $made = Invoke-BoundedProgram 'ssh-keygen' @('-q', '-t', 'ed25519', '-N', '', '-C', 'unrealcv-test', '-f', $key) -TimeoutSec 30
        if ($made.ExitCode -ne 0) { Remove-Item -Recurse -Force $Directory; throw "ssh-keygen -f $key failed: $($made.Output)" }
    }
    $authorizedKeys = Join-Path $Directory 'authorized_keys'
    Copy-Item "$clientKey.pub" $authorizedKeys
    $hostPublic = ((Get-Content "$hostKey.pub" -Raw).Trim() -split ' ')[0..1] -join ' '

    # The subsystem runs this PowerShell (the dotnet tool: dotnet with pwsh.dll), in the login environment sshd
    # gives (PATH, HOME, USER and little else), so the variables it needs are set here.
    $dotnet = [Environment]::ProcessPath
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if ((Split-Path -Leaf $dotnet) -notin 'dotnet', 'dotnet.exe' -or -not (Test-Path $pwshDll)) {
        # PowerShell installed as a program of its own.
        $dotnet = $null; $pwshDll = Join-Path $PSHOME 'pwsh'
    }
    $dotnetRoot = if ($env:DOTNET_ROOT) { $env:DOTNET_ROOT } elseif ($dotnet) { Split-Path $dotnet }
    $subsystem = Join-Path $Directory 'pwsh-subsystem'
    $lines = @('#!/bin/sh', "export PATH=$(ConvertTo-ShellWord $env:PATH)")
    if ($dotnetRoot) { $lines += "export DOTNET_ROOT=$(ConvertTo-ShellWord $dotnetRoot)" }
    if ($env:NUGET_PACKAGES) { $lines += "export NUGET_PACKAGES=$(ConvertTo-ShellWord $env:NUGET_PACKAGES)" }
    $lines += 'export DOTNET_CLI_TELEMETRY_OPTOUT=1 POWERSHELL_TELEMETRY_OPTOUT=1 POWERSHELL_UPDATECHECK=Off'
    $lines += "exec $(if ($dotnet) { (ConvertTo-ShellWord $dotnet) + ' ' })$(ConvertTo-ShellWord $pwshDll) -sshs -NoLogo -NoProfile"
    [IO.File]::WriteAllText($subsystem, ($lines -join "`n") + "`n")
    chmod 755 $subsystem

    $user = (id -un)
    $port = Get-FreePort
    $config = Join-Path $Directory 'sshd_config'
    $pidFile = Join-Path $Directory 'sshd.pid'
    # StrictModes no: the folder is under /tmp, which sshd's ownership checks of the keys' path would refuse.
    [IO.File]::WriteAllText($config, (@(
        "Port $port"
        'ListenAddress 127.0.0.1'
        "HostKey $hostKey"
        "PidFile $pidFile"
        "AuthorizedKeysFile $authorizedKeys"
        "AllowUsers $user"
        'PubkeyAuthentication yes'
        'PasswordAuthentication no'
        'KbdInteractiveAuthentication no'
        'PermitRootLogin prohibit-password'
        'StrictModes no'
        'UsePAM no'
        'LogLevel VERBOSE'
        "Subsystem powershell $subsystem"
    ) -join "`n") + "`n")
    # The privilege separation folder, which the package makes at boot (tmpfiles) and a container does not have.
    if ((id -u) -eq '0') { New-Item -ItemType Directory -Force /run/sshd | Out-Null }
    $check = Invoke-BoundedProgram $sshd @('-t', '-f', $config) -TimeoutSec 30
    if ($check.ExitCode -ne 0) { $text = Get-Content -Raw $config; Remove-Item -Recurse -Force $Directory; throw "$sshd -t refused the configuration: $($check.Output)`n$text" }

    $log = Join-Path $Directory 'sshd.log'
    # -D: stays in the foreground, as this process's child; -e: logs to its standard error, the log file.
    $process = Start-Process -FilePath $sshd -ArgumentList '-D', '-e', '-f', $config -RedirectStandardError $log -PassThru
    $server = [pscustomobject]@{
        SkipReason = $null
        HostName = '127.0.0.1'
        Port = $port
        UserName = $user
        KeyFilePath = $clientKey
        KnownHostsFile = Join-Path $Directory 'known_hosts'
        # -Options: no prompt ever (BatchMode), only this server's key accepted, only this key offered.
        Options = @{
            BatchMode = 'yes'
            StrictHostKeyChecking = 'yes'
            UserKnownHostsFile = Join-Path $Directory 'known_hosts'
            GlobalKnownHostsFile = '/dev/null'
            IdentitiesOnly = 'yes'
            ConnectTimeout = '10'
        }
        Process = $process
        Directory = $Directory
        LogFile = $log
    }
    # Both names of this host, so that a fleet of two "hosts" can be had from this one server.
    [IO.File]::WriteAllText($server.KnownHostsFile, "[127.0.0.1]:$port,[localhost]:$port $hostPublic`n")
    $listening = Wait-Condition -TimeoutSec $TimeoutSec {
        if ($process.HasExited) { return $true }
        $client = [System.Net.Sockets.TcpClient]::new()
        try { $client.Connect('127.0.0.1', $port); $true } catch { $false } finally { $client.Dispose() }
    }
    if ($process.HasExited -or -not $listening) {
        $why = if ($process.HasExited) { "exited with code $($process.ExitCode)" } else { "did not listen on port $port within $TimeoutSec s" }
        $logText = Get-Content $log -Raw -ErrorAction SilentlyContinue
        Stop-TestSshServer $server
        throw "$sshd $why`: $logText"
    }
    $server
}

function script:Stop-TestSshServer {
    # Stops the sshd that Start-TestSshServer started (and the sessions it still serves), removes its folder.
    param($Server)
    if (-not $Server -or $Server.SkipReason) { return }
    if ($Server.Process -and -not $Server.Process.HasExited) {
        # SIGTERM: sshd ends its listener and its session processes end as their connections close.
        kill -TERM $Server.Process.Id 2>$null
        if (-not $Server.Process.WaitForExit(10000)) { $Server.Process.Kill($true); $null = $Server.Process.WaitForExit(5000) }
    }
    Remove-Item -Recurse -Force $Server.Directory -ErrorAction SilentlyContinue
}
