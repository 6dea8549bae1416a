#!/bin/sh
# Remove Sango installed by install.sh for the current user. Progress is kept: it lives in the
# data folder (~/.local/share/sango-game, or SANGO_DATA_DIR); delete that folder to remove it too.
#   ./uninstall.sh [--prefix DIR]    (the same DIR as given to install.sh)
set -eu
prefix="${HOME}/.local"
if [ "${1:-}" = "--prefix" ] && [ -n "${2:-}" ]; then prefix="$2"; fi
id="io.github.sango_game.Sango"
rm -rf "$prefix/opt/sango-game"
[ -L "$prefix/bin/sango-game" ] && rm -f "$prefix/bin/sango-game"
rm -f "$prefix/share/applications/$id.desktop" "$prefix/share/metainfo/$id.metainfo.xml"
find "$prefix/share/icons/hicolor" -name "$id.*" -type f -delete 2>/dev/null || true
# Refresh the icon cache only where one exists (a new cache would hide icons other apps add later).
cache="$prefix/share/icons/hicolor/icon-theme.cache"
if [ -f "$cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q "$prefix/share/icons/hicolor" || true
fi
echo "Sango is removed. Progress and settings are still in ${SANGO_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/sango-game}."
