#!/bin/sh
# Sango lab kit, Linux and macOS: install Sango for the current user without internet.
# Needs Python 3.11 or newer (on Ubuntu/Debian also the python3-venv package).
#   ./install.sh              installs into ~/.local/share/sango-game-venv and adds a menu entry
#   ./install.sh FOLDER       installs into FOLDER instead
# Remove: delete that folder and ~/.local/share/applications/io.github.sango_game.Sango.desktop.
# Progress is kept in ~/.local/share/sango-game (Linux) or ~/Library/Application Support/sango-game (macOS).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
target="${1:-${XDG_DATA_HOME:-$HOME/.local/share}/sango-game-venv}"
py=""
for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    if [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
        py="$candidate"; break
    fi
done
if [ -z "$py" ]; then
    echo "Sango needs Python 3.11 or newer. Install it, or use the Sango bundle that needs no Python." >&2
    exit 1
fi
"$py" -m venv "$target" || {
    echo "Could not make a Python environment in $target (on Ubuntu/Debian: sudo apt install python3-venv)." >&2
    exit 1
}
# --isolated: ignore this computer's pip settings (proxies, other indexes); --no-index: never go online.
"$target/bin/python" -m pip --isolated install --quiet --no-index --find-links "$here/wheels" sango-game
cp "$here/sango-game.svg" "$here/sango-game.png" "$target/"
if [ "$(uname -s)" = "Darwin" ]; then
    app="$HOME/Applications/Sango.command"
    mkdir -p "$HOME/Applications"
    printf '#!/bin/sh\nexec "%s/bin/sango-game" "$@"\n' "$target" > "$app"
    chmod +x "$app"
    echo "Shortcut: $app"
else
    apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
    mkdir -p "$apps"
    cat > "$apps/io.github.sango_game.Sango.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Sango
Comment=Learn to stay safe online
Exec=$target/bin/sango-game
Icon=$target/sango-game.svg
Terminal=false
Categories=Education;Game;
DESKTOP
    echo "Menu entry: $apps/io.github.sango_game.Sango.desktop"
fi
echo "Sango is installed in $target. Start it from the menu or with: $target/bin/sango-game"
