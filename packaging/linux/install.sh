#!/bin/sh
# Install Sango for the current user (no root, no Python needed), from the unpacked tarball:
#   ./install.sh            installs into ~/.local/opt/sango-game, command ~/.local/bin/sango-game,
#                           menu entry and icons under ~/.local/share
#   ./install.sh --prefix DIR   installs under DIR instead of ~/.local (DIR/opt, DIR/bin, DIR/share)
# Remove with ./uninstall.sh (also copied to ~/.local/opt/sango-game/uninstall.sh). Progress and
# settings are kept in ~/.local/share/sango-game (delete that folder to remove them too).
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
prefix="${HOME}/.local"
if [ "${1:-}" = "--prefix" ] && [ -n "${2:-}" ]; then prefix="$2"; fi
app="$prefix/opt/sango-game"
id="io.github.sango_game.Sango"
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" "$prefix/share/metainfo"
rm -rf "$app.new"
cp -R "$here/sango-game" "$app.new"
cp "$here/uninstall.sh" "$app.new/uninstall.sh"
rm -rf "$app"
mv "$app.new" "$app"
ln -sf "$app/sango-game" "$prefix/bin/sango-game"
# The menu entry names the installed program by its full path: ~/.local/bin is not always on PATH.
sed "s|^Exec=sango-game|Exec=$app/sango-game|" "$here/share/applications/$id.desktop" \
    > "$prefix/share/applications/$id.desktop"
cp "$here/share/metainfo/$id.metainfo.xml" "$prefix/share/metainfo/"
(cd "$here/share" && find icons -type f) | while read -r icon; do
    mkdir -p "$prefix/share/$(dirname "$icon")"
    cp "$here/share/$icon" "$prefix/share/$icon"
done
# Refresh the icon cache only where one exists (a new cache would hide icons other apps add later).
cache="$prefix/share/icons/hicolor/icon-theme.cache"
if [ -f "$cache" ] && command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q "$prefix/share/icons/hicolor" || true
fi
echo "Sango is installed: $app"
echo "Start it from the applications menu, or run: $prefix/bin/sango-game"
