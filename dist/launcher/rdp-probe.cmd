@echo off
rem rdp-probe launcher of the release distribution for Windows (cmd.exe; PowerShell users: rdp-probe.ps1).
rem Runs the rdp-probe-<version>.jar beside it (its dependencies are in lib\ there) with the first Java it
rem finds of: %JAVA_HOME%\bin\java.exe, java.exe on the PATH. It needs Java 17 or newer and says what to
rem install when there is none. The arguments go to the command exactly as typed (%*: quotes, spaces,
rem DOMAIN\user). RDP_PROBE_JAVA_OPTS adds JVM options. No parenthesised blocks expand a path below, so a
rem folder such as "C:\Program Files (x86)" cannot break the script.
setlocal
set "RDP_PROBE_DIR=%~dp0"
set "RDP_PROBE_JAVA="
set "RDP_PROBE_JAR="

if not defined JAVA_HOME goto java_from_path
if exist "%JAVA_HOME%\bin\java.exe" set "RDP_PROBE_JAVA=%JAVA_HOME%\bin\java.exe"
if defined RDP_PROBE_JAVA goto check_version
echo rdp-probe: JAVA_HOME is "%JAVA_HOME%", but "%JAVA_HOME%\bin\java.exe" is not there. 1>&2
goto no_java

:java_from_path
for %%J in (java.exe) do set "RDP_PROBE_JAVA=%%~$PATH:J"
if defined RDP_PROBE_JAVA goto check_version
echo rdp-probe: no Java found: JAVA_HOME is not set and java.exe is not on the PATH. 1>&2
goto no_java

:check_version
set "RDP_PROBE_JAVA_VERSION="
for /f "tokens=3" %%V in ('call "%RDP_PROBE_JAVA%" -version 2^>^&1 ^| findstr /i /c:"version"') do set "RDP_PROBE_JAVA_VERSION=%%~V"
for /f "delims=.-_+" %%M in ("%RDP_PROBE_JAVA_VERSION%") do set "RDP_PROBE_JAVA_MAJOR=%%M"
if "%RDP_PROBE_JAVA_MAJOR%"=="1" goto too_old
if not defined RDP_PROBE_JAVA_MAJOR goto find_jar
if %RDP_PROBE_JAVA_MAJOR% LSS 17 goto too_old
goto find_jar

:too_old
echo rdp-probe: "%RDP_PROBE_JAVA%" is Java %RDP_PROBE_JAVA_VERSION%. 1>&2
goto no_java

:find_jar
for %%F in ("%RDP_PROBE_DIR%rdp-probe-*.jar") do set "RDP_PROBE_JAR=%%~fF"
if defined RDP_PROBE_JAR goto run
echo rdp-probe: no rdp-probe-^<version^>.jar beside this launcher in "%RDP_PROBE_DIR%"; unpack the whole zip. 1>&2
exit /b 2

:run
"%RDP_PROBE_JAVA%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Dio.netty.jfr.enabled=false -Dorg.bouncycastle.rsa.max_mr_tests=0 %RDP_PROBE_JAVA_OPTS% -jar "%RDP_PROBE_JAR%" %*
exit /b %ERRORLEVEL%

:no_java
echo   rdp-probe needs Java 17 or newer. Install one, for example: 1>&2
echo     winget install EclipseAdoptium.Temurin.17.JRE 1>&2
echo   then open a new console window, or set JAVA_HOME to a Java 17+ folder. 1>&2
exit /b 2
