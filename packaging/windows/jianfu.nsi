; NSIS script: turns the one-folder Windows app (packaging/jianfu.spec) into 减负-安装.exe.
;
; Built on Linux by `sudo bash packaging/build-windows` (Debian's makensis, which passes the
; paths below as /D definitions). On a Windows machine with NSIS 3, after PyInstaller has built
; build\pyinstaller\dist\jianfu (see README.md), in the project folder:
;
;   "C:\Program Files (x86)\NSIS\makensis.exe" packaging\windows\jianfu.nsi
;
; The installer installs for the current user without administrator rights into
; %LOCALAPPDATA%\Programs\jianfu (the clerk can pick another folder), adds 减负 to the Start
; menu and, if ticked, to the desktop, and registers an uninstaller under 应用/程序和功能.
; Uninstalling removes the program's files and shortcuts and keeps the data folder
; (%LOCALAPPDATA%\jianfu: the database and its backups). An update installs over the old
; version and replaces its program files. `减负-安装.exe /S` installs silently,
; `/D=C:\path` (last on the command line) picks the folder. This file is UTF-8 with a BOM.

; a 64-bit installer for the 64-bit app (it also runs under wine64 without 32-bit wine)
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!ifndef VERSION
  !define VERSION "0.1.0"  ; follows jianfu/__init__.py (build-windows passes it)
!endif
!ifndef APPDIR  ; the one-folder app: jianfu.exe, jianfu-cli.exe and _internal
  !define APPDIR "..\..\build\pyinstaller\dist\jianfu"
!endif
!ifndef ICON
  !define ICON "..\..\resources\icons\jianfu.ico"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\减负-安装.exe"
!endif
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\jianfu"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "WinVer.nsh"
!include "FileFunc.nsh"

Name "减负"
Caption "减负 ${VERSION} 安装"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\jianfu"
InstallDirRegKey HKCU "Software\jianfu" "InstallDir"
BrandingText "减负 ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "减负"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "减负 安装程序"
VIAddVersionKey /LANG=2052 "LegalCopyright" "GPL-3.0-or-later"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\jianfu.exe"
!define MUI_FINISHPAGE_RUN_TEXT "立即启动减负"

!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "减负需要 64 位的 Windows 10 或 11。" /SD IDOK
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_ICONSTOP "减负需要 Windows 10 或 11（Qt 6 不支持更早的 Windows）。" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "减负（程序）" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; an update must not leave the old version's libraries beside the new ones
  RMDir /r "$INSTDIR\_internal"
  File /r "${APPDIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\减负"
  CreateShortcut "$SMPROGRAMS\减负\减负.lnk" "$INSTDIR\jianfu.exe"
  CreateShortcut "$SMPROGRAMS\减负\卸载减负.lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr HKCU "Software\jianfu" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "减负"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "jianfu"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\jianfu.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

Section "在桌面上创建快捷方式" SecDesktop
  CreateShortcut "$DESKTOP\减负.lnk" "$INSTDIR\jianfu.exe"
SectionEnd

Section "Uninstall"
  Delete "$DESKTOP\减负.lnk"
  Delete "$SMPROGRAMS\减负\减负.lnk"
  Delete "$SMPROGRAMS\减负\卸载减负.lnk"
  RMDir "$SMPROGRAMS\减负"
  ; only the program's own files: the folder may have been one the clerk chose, and the data
  ; folder (%LOCALAPPDATA%\jianfu) stays
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\jianfu.exe"
  Delete "$INSTDIR\jianfu-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\jianfu"
SectionEnd
