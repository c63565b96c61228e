# rdp-probe launcher of the release distribution for PowerShell (Windows PowerShell 5.1 and PowerShell 7
# on any OS): .\rdp-probe.ps1 rds01.example.com --cookie 'DOMAIN\user'
# Runs the rdp-probe-<version>.jar beside it (its dependencies are in lib/ there) with the first Java it
# finds of: the runtime/ beside it, $env:JAVA_HOME/bin/java, java on the PATH. It needs Java 17 or newer
# and says what to install when there is none. The arguments go to the command as PowerShell parsed them
# (@args), one argument each, with their quotes, spaces and backslashes. $env:RDP_PROBE_JAVA_OPTS adds
# JVM options (separated by spaces).
$ErrorActionPreference = 'Stop'

function Stop-NoJava([string] $Why) {
    [Console]::Error.WriteLine("rdp-probe: $Why")
    [Console]::Error.WriteLine('  rdp-probe needs Java 17 or newer. Install one, for example:')
    [Console]::Error.WriteLine('    winget install EclipseAdoptium.Temurin.17.JRE')
    [Console]::Error.WriteLine('  then open a new window, or set JAVA_HOME to a Java 17+ folder.')
    exit 2
}

$here = $PSScriptRoot
$exe = if ($IsWindows -or $env:OS -eq 'Windows_NT') { 'java.exe' } else { 'java' }
$bundled = Join-Path (Join-Path (Join-Path $here 'runtime') 'bin') $exe
if (Test-Path -LiteralPath $bundled -PathType Leaf) {
    $java = $bundled
} elseif ($env:JAVA_HOME) {
    $java = Join-Path (Join-Path $env:JAVA_HOME 'bin') $exe
    if (-not (Test-Path -LiteralPath $java -PathType Leaf)) { Stop-NoJava "JAVA_HOME is '$env:JAVA_HOME', but '$java' is not there." }
} else {
    $onPath = Get-Command $exe -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $onPath) { Stop-NoJava 'no Java found: JAVA_HOME is not set and java is not on the PATH.' }
    $java = $onPath.Source
}

$versionLine = (& $java -version 2>&1 | Select-Object -First 1 | Out-String)
if ($versionLine -match 'version "(\d+)(\.(\d+))?') {
    $major = [int]$Matches[1]
    if ($major -eq 1) { $major = [int]$Matches[3] }
    if ($major -lt 17) { Stop-NoJava "'$java' is Java $major." }
}

$jars = @(Get-ChildItem -LiteralPath $here -Filter 'rdp-probe-*.jar' -File)
if ($jars.Count -ne 1) {
    [Console]::Error.WriteLine("rdp-probe: expected one rdp-probe-<version>.jar beside this launcher in '$here', found $($jars.Count); unpack the whole zip.")
    exit 2
}

$jvmOptions = @('-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:-UsePerfData', '-Dio.netty.jfr.enabled=false',
    '-Dorg.bouncycastle.rsa.max_mr_tests=0')
if ($env:RDP_PROBE_JAVA_OPTS) { $jvmOptions += $env:RDP_PROBE_JAVA_OPTS -split '\s+' | Where-Object { $_ } }
& $java @jvmOptions -jar $jars[0].FullName @args
exit $LASTEXITCODE
