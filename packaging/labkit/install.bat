@echo off
rem Sango lab kit, Windows: install Sango for the current user without internet.
rem Needs Python 3.11 or newer (python.org installer, "py" launcher). Double-click this file, or run
rem   install.bat [FOLDER]     (default: %LOCALAPPDATA%\sango-game\venv)
rem Remove: delete that folder and the "Sango" Start-menu shortcut. Progress is kept in
rem %LOCALAPPDATA%\sango-game (delete it too to remove the children's progress).
setlocal
set "HERE=%~dp0"
set "TARGET=%~1"
if "%TARGET%"=="" set "TARGET=%LOCALAPPDATA%\sango-game\venv"
set "PY=python"
where py >nul 2>nul && set "PY=py -3"
%PY% -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>nul
if errorlevel 1 (
    echo Sango needs Python 3.11 or newer. Install it, or use the Sango installer that needs no Python.
    pause
    exit /b 1
)
%PY% -m venv "%TARGET%" || goto failed
rem --isolated: ignore this computer's pip settings; --no-index: never go online.
"%TARGET%\Scripts\python.exe" -m pip --isolated install --quiet --no-index --find-links "%HERE%wheels" sango-game || goto failed
rem Read aloud with the Windows voices (optional: skipped when the kit has no wheel for this Python).
"%TARGET%\Scripts\python.exe" -m pip --isolated install --quiet --no-index --find-links "%HERE%wheels" pyttsx3 >nul 2>nul
copy /y "%HERE%sango-game.ico" "%TARGET%\sango-game.ico" >nul
rem Start-menu shortcut: pythonw.exe opens no console window.
powershell -NoProfile -ExecutionPolicy Bypass -Command ^
  "$s = (New-Object -ComObject WScript.Shell).CreateShortcut([Environment]::GetFolderPath('Programs') + '\Sango.lnk');" ^
  "$s.TargetPath = '%TARGET%\Scripts\pythonw.exe'; $s.Arguments = '-m sango_game';" ^
  "$s.IconLocation = '%TARGET%\sango-game.ico'; $s.Description = 'Sango: stay safe online'; $s.Save()"
echo Sango is installed. Start it from the Start menu ("Sango").
pause
exit /b 0
:failed
echo The installation did not finish. Nothing on this computer was changed outside %TARGET%.
pause
exit /b 1
