<#
.SYNOPSIS
  Builds Orrery's Windows installer from a clean checkout, ON WINDOWS:
    installer\out\windows\Orrery-<version>.msi

.DESCRIPTION
  The .msi installs to C:\Program Files\Orrery (a folder chooser lets people pick another) with
  its own trimmed Java runtime, a Start-menu entry (group "Orrery") and a desktop shortcut, both
  with Orrery's icon. Two programs are installed:
    Orrery.exe      the window (what the Start-menu entry and the shortcut start)
    orrery-cli.exe  the command line: "C:\Program Files\Orrery\orrery-cli.exe" --version
  Orrery.exe is a GUI program, so Windows gives it no console and it cannot print; that is why
  the command line has a console launcher of its own. The installer does not change PATH.

  Needs: Windows 10/11 x64, JDK 17+ (JAVA_HOME or PATH), Maven 3.8+, and WiX Toolset 3.x
  (3.11 or 3.14; candle.exe and light.exe on PATH, or the WIX variable its installer sets).
  jpackage of JDK 17 works with WiX 3 only, not WiX 4/5.
  Not runnable on Linux: the JavaFX jars on Maven Central are per OS, so `mvn package` must run
  on Windows for the shaded jar to carry JavaFX's Windows natives (glass.dll, prism_d3d.dll, ...),
  and jpackage only makes an .msi on Windows. The .msi is not signed (SmartScreen will warn).

.PARAMETER Jar
  Use this already built shaded jar (target\orrery-VERSION.jar) instead of running mvn package.

.PARAMETER PerUser
  Make a per-user installer (no administrator rights; installs under %LOCALAPPDATA%).

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#>
[CmdletBinding()]
param(
  [string]$Jar = "",
  [switch]$PerUser
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

function Fail([string]$Message) {
  [Console]::Error.WriteLine("installer\windows\build.ps1: ERROR: $Message")
  exit 1
}
function Note([string]$Message) { Write-Host "==> $Message" }

# Runs a native program and fails on a non-zero exit. (With ErrorActionPreference=Stop, Windows
# PowerShell turns a native program's stderr lines into terminating errors; relax it here.)
function Invoke-Native([string]$Exe, [string[]]$Arguments) {
  $saved = $ErrorActionPreference
  $ErrorActionPreference = 'Continue'
  try {
    $output = & $Exe @Arguments 2>&1 | ForEach-Object { "$_" }
    $code = $LASTEXITCODE
  } finally {
    $ErrorActionPreference = $saved
  }
  if ($code -ne 0) {
    $output | ForEach-Object { [Console]::Error.WriteLine($_) }
    Fail "$Exe $($Arguments -join ' ') exited $code"
  }
  return $output
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
$Out = Join-Path $Root 'installer\out\windows'

# --- tools -------------------------------------------------------------------------------------
function Find-JdkTool([string]$Name) {
  if ($env:JAVA_HOME) {
    $p = Join-Path $env:JAVA_HOME "bin\$Name.exe"
    if (Test-Path $p) { return $p }
  }
  $c = Get-Command "$Name.exe" -ErrorAction SilentlyContinue
  if ($c) { return $c.Source }
  Fail "$Name.exe not found: a full JDK 17+ is needed (set JAVA_HOME)"
}
$java = Find-JdkTool 'java'
$javac = Find-JdkTool 'javac'
$jdeps = Find-JdkTool 'jdeps'
$jlink = Find-JdkTool 'jlink'
$jpackage = Find-JdkTool 'jpackage'
$props = Invoke-Native $java @('-XshowSettings:properties', '-version')
$spec = ($props | Select-String -Pattern '^\s*java\.specification\.version = (\S+)' | Select-Object -First 1)
if (-not $spec -or [int]($spec.Matches[0].Groups[1].Value.Split('.')[0]) -lt 17) {
  Fail "JDK 17 or newer needed (java.specification.version: $($spec))"
}
$jdkMajor = $spec.Matches[0].Groups[1].Value.Split('.')[0]

# WiX 3: jpackage calls candle.exe and light.exe from PATH.
if (-not (Get-Command 'candle.exe' -ErrorAction SilentlyContinue) -and $env:WIX) {
  $env:PATH = (Join-Path $env:WIX 'bin') + ';' + $env:PATH
}
$candle = Get-Command 'candle.exe' -ErrorAction SilentlyContinue
if (-not $candle -or -not (Get-Command 'light.exe' -ErrorAction SilentlyContinue)) {
  Fail "WiX Toolset 3.x not found (candle.exe, light.exe): install WiX 3.14 and put its bin folder on PATH"
}
$wixVersion = (Get-Item $candle.Source).VersionInfo.ProductVersion
if (-not $wixVersion -or -not $wixVersion.StartsWith('3.')) {
  Fail "WiX $wixVersion found at $($candle.Source); jpackage of JDK 17 needs WiX 3.x"
}

# --- the shaded jar ----------------------------------------------------------------------------
if (-not $Jar) {
  if (-not (Get-Command 'mvn' -ErrorAction SilentlyContinue)) { Fail "mvn not found (Maven 3.8+), or pass -Jar" }
  Note "mvn -B -q package -DskipTests"
  Push-Location $Root
  try { Invoke-Native 'mvn' @('-B', '-q', 'package', '-DskipTests') | Out-Null } finally { Pop-Location }
  $jars = @(Get-ChildItem (Join-Path $Root 'target') -Filter 'orrery-*.jar' |
            Where-Object { $_.Name -notmatch '-(sources|javadoc|tests)\.jar$' })
  if ($jars.Count -ne 1) { Fail "expected one target\orrery-VERSION.jar, found $($jars.Count)" }
  $Jar = $jars[0].FullName
}
if (-not (Test-Path $Jar)) { Fail "no jar at $Jar" }
$Jar = (Resolve-Path $Jar).Path

Add-Type -AssemblyName System.IO.Compression.FileSystem
$zip = [System.IO.Compression.ZipFile]::OpenRead($Jar)
try {
  $entry = $zip.GetEntry('dev/orrery/version.properties')
  if (-not $entry) { Fail "$Jar has no dev/orrery/version.properties" }
  $reader = New-Object System.IO.StreamReader($entry.Open())
  try { $text = $reader.ReadToEnd() } finally { $reader.Dispose() }
  $hasWindowsFx = [bool]($zip.GetEntry('glass.dll'))
} finally {
  $zip.Dispose()
}
$m = [regex]::Match($text, '(?m)^version=(\d+\.\d+\.\d+)\s*$')
if (-not $m.Success) { Fail "the version in $Jar is not N.N.N (an .msi needs a numeric version)" }
$Version = $m.Groups[1].Value
if (-not $hasWindowsFx) {
  Fail "$Jar carries no JavaFX Windows natives (glass.dll): it was built on another OS; run mvn package on Windows"
}
Note "packaging $(Split-Path $Jar -Leaf) (version $Version)"

if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
New-Item -ItemType Directory -Force -Path (Join-Path $Out 'input') | Out-Null
Copy-Item $Jar (Join-Path $Out 'input')

# --- trimmed runtime ---------------------------------------------------------------------------
$found = (Invoke-Native $jdeps @('--print-module-deps', '--ignore-missing-deps', '--multi-release', $jdkMajor, $Jar) |
          Select-Object -Last 1).Trim()
if (-not $found) { Fail "jdeps found no modules in $Jar" }
$extra = Get-Content (Join-Path $Root 'installer\common\extra-modules.txt') |
         ForEach-Object { ($_ -replace '#.*$', '').Trim() } | Where-Object { $_ }
$modules = (@($found.Split(',')) + @($extra) | Sort-Object -Unique) -join ','
$runtime = Join-Path $Out 'runtime'
Note "jlink --add-modules $modules"
Invoke-Native $jlink @('--add-modules', $modules, '--strip-debug', '--no-header-files', '--no-man-pages',
                       '--compress=2', '--output', $runtime) | Out-Null
$got = (Invoke-Native (Join-Path $runtime 'bin\java.exe') @('-jar', $Jar, '--version') | Select-Object -Last 1)
if ($got -ne "orrery $Version") { Fail "the jlink runtime printed '$got', expected 'orrery $Version'" }
# Algorithms looked up by name (SSH keys and key exchange, TLS) that jdeps cannot see.
$checkDir = Join-Path $Out 'runtime-check'
Invoke-Native $javac @('--release', '17', '-d', $checkDir, (Join-Path $Root 'installer\common\RuntimeCheck.java')) | Out-Null
Invoke-Native (Join-Path $runtime 'bin\java.exe') @('-cp', $checkDir, 'RuntimeCheck') | ForEach-Object { Write-Host $_ }

# --- the .msi ----------------------------------------------------------------------------------
# One upgrade code for every Orrery release, so a newer .msi replaces the installed one.
$upgradeUuid = '93edefb5-3db6-442b-84a3-147962088fca'
$jpArgs = @(
  '--type', 'msi',
  '--name', 'Orrery',
  '--app-version', $Version,
  '--vendor', 'Orrery',
  '--description', 'Desktop cluster manager for self-hosted Meteor and Node apps',
  '--copyright', 'Orrery',
  '--input', (Join-Path $Out 'input'),
  '--main-jar', (Split-Path $Jar -Leaf),
  '--main-class', 'dev.orrery.Launcher',
  '--runtime-image', $runtime,
  '--icon', (Join-Path $Root 'assets\icon\orrery.ico'),
  '--add-launcher', ('orrery-cli=' + (Join-Path $Root 'installer\windows\orrery-cli.properties')),
  '--win-menu',
  '--win-menu-group', 'Orrery',
  '--win-shortcut',
  '--win-dir-chooser',
  '--win-upgrade-uuid', $upgradeUuid,
  '--dest', $Out
)
if ($PerUser) { $jpArgs += '--win-per-user-install' }
Note "jpackage --type msi"
Invoke-Native $jpackage $jpArgs | ForEach-Object { Write-Host $_ }

$msi = Join-Path $Out "Orrery-$Version.msi"
if (-not (Test-Path $msi)) { Fail "jpackage finished but $msi is not there" }
$mb = [math]::Round((Get-Item $msi).Length / 1MB, 1)
Note "built $msi ($mb MB)"
