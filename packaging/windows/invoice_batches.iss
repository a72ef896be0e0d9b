; Inno Setup 6 script: the Windows installer for Invoice Batches.
;
; build.ps1 builds dist\InvoiceBatches with PyInstaller first, then runs
;   ISCC.exe /DAppVersion=<version of the app package> packaging\windows\invoice_batches.iss
; and the installer lands in dist\InvoiceBatches-<version>-setup.exe.
; Relative paths below are relative to this file's folder.

#ifndef AppVersion
  #error Pass the version of the app package: ISCC /DAppVersion=1.2.3 invoice_batches.iss
#endif

#define AppName "Invoice Batches"
#define AppExe "InvoiceBatches.exe"
#define CliExe "invoice-batches.exe"
#define BuiltFolder "..\..\dist\InvoiceBatches"

[Setup]
; The AppId ties upgrades and the uninstaller to this product: never change it.
AppId={{A7D6D901-2D9C-4A82-A53F-7EE5C94E7FB3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Program Files for everyone by default; a clerk without administrator rights can choose an
; installation for themselves only, which goes to their own Programs folder.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\resources\icons\invoice-batches.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=InvoiceBatches-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Upgrading over a running copy would replace files under it.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder, so no file of an older version (a library that
; was renamed, a removed module) is left beside the new ones. The clerks' databases live in their
; own data folders, never here.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuiltFolder}\{#AppExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuiltFolder}\{#CliExe}"; DestDir: "{app}"; Flags: ignoreversion
Source: "{#BuiltFolder}\_internal\*"; DestDir: "{app}\_internal"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Group invoices into batches and print statements"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
