"""Icons rendered from assets/sango/icon.svg with pygame-ce (no Inkscape or librsvg needed):
PNG sizes for the Linux hicolor theme and a Windows .ico (PNG-compressed entries, Vista and later)."""

from __future__ import annotations

import io
import os
import shutil
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "assets" / "sango" / "icon.svg"
APP_ID = "io.github.sango_game.Sango"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _png(size: int) -> bytes:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    surf = pygame.image.load_sized_svg(str(SVG), (size, size))
    buf = io.BytesIO()
    pygame.image.save(surf, buf, "icon.png")
    return buf.getvalue()


def hicolor_icons(share: Path) -> list[Path]:
    """``share/icons/hicolor/<n>x<n>/apps/<id>.png`` for every size, and the SVG as ``scalable``."""
    written = []
    for size in ICON_SIZES:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_png(size))
        written.append(target)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)
    return written + [scalable]


def write_ico(target: Path) -> Path:
    """A Windows icon with one PNG entry per size in ICO_SIZES."""
    images = [_png(size) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, data = b"", b""
    for size, png in zip(ICO_SIZES, images, strict=True):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(header + entries + data)
    return target
