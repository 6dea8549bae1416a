; Inno Setup script: a per-user Windows installer for the Sango bundle (no administrator rights).
; Built on Windows by .github/workflows/bundles.yml after `python tools/build.py bundle`:
;   iscc /DAppVersion=0.1.0 /DBundleDir=..\..\dist\sango-game /DIconFile=..\..\build\sango-game.ico packaging\windows\sango-game.iss
; It cannot be run on Linux. Progress lives in %LOCALAPPDATA%\sango-game and is kept on uninstall.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\sango-game"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\sango-game.ico"
#endif

[Setup]
AppId={{6E0B1C52-6C1B-4F0F-9A39-5A4E2C7D51A3}
AppName=Sango
AppVersion={#AppVersion}
AppPublisher=The Sango contributors
AppComments=An offline game that teaches children and teens to stay safe online
DefaultDirName={autopf}\Sango
DefaultGroupName=Sango
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DisableProgramGroupPage=yes
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\sango-game.ico
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=sango-game-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "{#IconFile}"; DestDir: "{app}"; DestName: "sango-game.ico"; Flags: ignoreversion

[Icons]
; sango-game.exe is the console program (`sango-game check`, `report`); Sango.exe, beside it in the
; same bundle, is the windowed one the shortcuts start (no console window).
Name: "{group}\Sango"; Filename: "{app}\Sango.exe"; IconFilename: "{app}\sango-game.ico"
Name: "{group}\{cm:UninstallProgram,Sango}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Sango"; Filename: "{app}\Sango.exe"; IconFilename: "{app}\sango-game.ico"; Tasks: desktopicon

[Run]
Filename: "{app}\Sango.exe"; Description: "{cm:LaunchProgram,Sango}"; Flags: nowait postinstall skipifsilent
