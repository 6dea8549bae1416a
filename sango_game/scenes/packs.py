"""Teacher area: content packs. Import from a USB stick (copied, checked, then listed), remove
behind the teacher PIN. The work is done by :mod:`..content.packs`; this scene only asks and shows."""

from __future__ import annotations

from pathlib import Path

import pygame

from ..i18n import N_
from ..ui.widgets import Button
from .base import BaseScene
from .dialogs import ConfirmDialog, MessageDialog, PinDialog
from .shared import pin_wait_message


def packs_dir(app) -> Path:
    from ..content.packs import pack_folders

    return pack_folders(getattr(app, "data_dir", None))[0]


class PacksScene(BaseScene):
    name = "packs"
    back_label = N_("Back")

    def title(self) -> str:
        return self.tr._("Content packs")

    def back(self) -> None:
        self.app.stack.pop()

    def resume(self) -> None:
        self.layout()

    def installed(self):
        from ..content.packs import PackError, installed_packs, read_manifest

        out = []
        for root in installed_packs([packs_dir(self.app)]):
            try:
                out.append(read_manifest(root))
            except PackError:
                continue
        return out

    def build(self):
        body = self.body_rect
        gap = self.px(12)
        h = self.px(64)
        col = pygame.Rect(body.centerx - self.px(330), body.y + self.px(10), self.px(660), h)
        out = [Button(self.tr._("Import packs from a USB stick"), self.import_from_usb, icon="import", name="import-packs",
                      rect=col, align="start", style="primary")]
        packs = self.installed()
        self.pack_count = len(packs)
        for i, pack in enumerate(packs[:6], 1):
            label = self.tr.f("Remove “{name}” ({country}, version {version})", name=pack.name, country=pack.country,
                              version=pack.version)
            out.append(Button(label, lambda p=pack: self.remove(p), icon="trash", name=f"remove-{pack.id}",
                              rect=col.move(0, i * (h + gap)), align="start", style="danger"))
        return out

    def draw_content(self, surface) -> None:
        if not getattr(self, "pack_count", 0):
            body = self.body_rect
            r = pygame.Rect(body.x, body.y + self.px(110), body.w, self.px(60))
            self.ui.text(surface, self.tr._("No content pack is installed. Packs add a country's own levels and helplines."),
                         r, self.theme.body, align="center")

    def reload_catalog(self) -> None:
        self.app._catalog = None  # the next look at the catalog loads the packs again

    def import_from_usb(self, drives: list[Path] | None = None) -> None:
        from ..classroom.drives import removable_drives
        from ..content.packs import PackError, find_packs_on, install_pack

        sources = find_packs_on(removable_drives() if drives is None else drives)
        if not sources:
            self.app.stack.push(MessageDialog(self.app, self.tr._("No pack was found on a USB stick."),
                                              self.tr._("Put the pack folder or its .zip file at the top of the stick, or in a folder called Sango."),
                                              mood="thinking"))
            return
        done, refused = [], []
        for src in sources:
            try:
                done.append(install_pack(src, packs_dir(self.app)).pack.name)
            except (PackError, OSError) as exc:
                refused.append(f"{src.name}: {getattr(exc, 'message', exc)}")
        self.reload_catalog()
        self.layout()
        title = self.tr.nf("{n} pack was installed.", "{n} packs were installed.", len(done))
        body = ", ".join(done)
        if refused:
            body += ("\n" if body else "") + self.tr.nf("{n} pack could not be used:", "{n} packs could not be used:",
                                                         len(refused)) + " " + "; ".join(refused)
        self.app.stack.push(MessageDialog(self.app, title, body, mood="celebrating" if done and not refused else "thinking"))

    def remove(self, pack) -> None:
        from ..content.packs import remove_pack

        tr = self.tr

        def confirmed() -> None:
            def check(pin: str) -> bool | str:
                if not self.app.store.verify_teacher_pin(pin):
                    return pin_wait_message(tr, self.app.store.pin_wait_seconds()) or False
                try:
                    remove_pack(packs_dir(self.app), pack.id)
                except OSError as exc:
                    self.app.stack.replace(MessageDialog(self.app, tr._("The pack could not be removed."), str(exc), mood="worried"))
                    return False
                self.reload_catalog()
                self.app.stack.replace(MessageDialog(self.app, tr.f("“{name}” was removed.", name=pack.name), mood="happy"))
                return False

            self.app.stack.push(PinDialog(self.app, tr._("Type the teacher PIN to remove the pack"), check,
                                          error=pin_wait_message(tr, self.app.store.pin_wait_seconds())))

        self.app.stack.push(ConfirmDialog(self.app, tr.f("Remove “{name}” and its levels from this computer?", name=pack.name),
                                          confirmed, yes=tr._("Remove"), no=tr._("Cancel"), danger=True, mood="worried"))
