# Build Invoice Batches for Windows: the one-folder program, then the Inno Setup installer.
#
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
#
# Needs Python 3.11+ (python.org, 64-bit) and Inno Setup 6.3+ (ISCC.exe on PATH or in its
# default folder). Creates .venv with the project and its dev extras when it is missing.
# Writes dist\InvoiceBatches\ (the program) and dist\InvoiceBatches-<version>-setup.exe.
# Signing, when a certificate is available, is described in packaging\README.md.

$ErrorActionPreference = "Stop"
$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root

# PowerShell does not stop on a failing program by itself; every external step goes through this.
function Invoke-Checked {
    param([string] $Program, [string[]] $Arguments)
    & $Program @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Program failed with exit code $LASTEXITCODE" }
}

$Python = Join-Path $Root ".venv\Scripts\python.exe"
if (-not (Test-Path $Python)) {
    Invoke-Checked "py" @("-3", "-m", "venv", ".venv")
    Invoke-Checked $Python @("-m", "pip", "install", "--upgrade", "pip")
    Invoke-Checked $Python @("-m", "pip", "install", "-e", ".[dev]")
}
$Version = (& $Python -c "import app; print(app.__version__)").Trim()
Write-Host "Building Invoice Batches $Version"

$Started = Get-Date
Invoke-Checked $Python @(
    "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "packaging\invoice_batches.spec"
)
$Folder = Join-Path $Root "dist\InvoiceBatches"
$Bytes = (Get-ChildItem $Folder -Recurse -File | Measure-Object -Property Length -Sum).Sum
Write-Host ("Built in {0:N0} s: {1:N0} MB in {2}" -f ((Get-Date) - $Started).TotalSeconds, ($Bytes / 1MB), $Folder)

# The console executable must start and find its modules before anything is packed.
Invoke-Checked (Join-Path $Folder "invoice-batches.exe") @("--version")

$Iscc = (Get-Command "ISCC.exe" -ErrorAction SilentlyContinue).Source
if (-not $Iscc) { $Iscc = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe" }
if (-not (Test-Path $Iscc)) { throw "Inno Setup 6 (ISCC.exe) was not found; install Inno Setup 6.3 or later." }
Invoke-Checked $Iscc @("/Q", "/DAppVersion=$Version", "packaging\windows\invoice_batches.iss")
Write-Host "Installer: dist\InvoiceBatches-$Version-setup.exe"
