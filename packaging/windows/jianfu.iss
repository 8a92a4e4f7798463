; Inno Setup script: turns the one-folder app built by packaging/jianfu.spec on Windows into
; 减负-安装.exe. On a Windows machine with Python 3.11+ and Inno Setup 6.3 or later (for
; x64compatible), in the project folder:
;
;   python -m pip install ".[postgres]" "pyinstaller>=6.10,<7"
;   python -m PyInstaller --noconfirm --distpath build\pyinstaller\dist --workpath build\pyinstaller\work packaging\jianfu.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" packaging\windows\jianfu.iss
;
; The installer lands in dist\减负-安装.exe. It installs for the current user without
; administrator rights (the clerk can choose "all users" when allowed), adds 减负 to the Start
; menu and optionally the desktop, and keeps the data folder (%LOCALAPPDATA%\jianfu) on
; uninstall. The file is UTF-8 with a byte order mark (Chinese names). ChineseSimplified.isl
; ships with recent Inno Setup 6 releases; if the compiler
; says it is missing, put the translation from https://jrsoftware.org/files/istrans/ into Inno
; Setup's Languages folder. AppVersion below follows jianfu/__init__.py.

#define AppVersion "0.1.0"

[Setup]
AppId={{6B0F4C1E-8E0A-4F4B-9C57-5A1D2C3E4F60}
AppName=减负
AppVersion={#AppVersion}
AppVerName=减负 {#AppVersion}
AppPublisher=jianfu
DefaultDirName={autopf}\jianfu
DefaultGroupName=减负
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=减负-安装
SetupIconFile=..\..\resources\icons\jianfu.ico
UninstallDisplayIcon={app}\jianfu.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "..\..\build\pyinstaller\dist\jianfu\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\减负"; Filename: "{app}\jianfu.exe"
Name: "{group}\卸载减负"; Filename: "{uninstallexe}"
Name: "{autodesktop}\减负"; Filename: "{app}\jianfu.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\jianfu.exe"; Description: "立即启动减负"; Flags: nowait postinstall skipifsilent
