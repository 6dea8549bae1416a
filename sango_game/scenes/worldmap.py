"""The world map of a band: one place per topic along a road, Sango walking between them.

The state (which place, which is next) lives in ``core.worldmap``; this scene only draws it,
animates the walk and routes input. The picture that does not move (map, places, their stars)
is drawn once per layout into a cached surface, so a walking frame is a few blits.
"""

from __future__ import annotations

import math

import pygame

from ..content.bands import BAND_LABELS
from ..core.worldmap import (
    PLACE_SIZE,
    LevelPip,
    WorldMap,
    build_locations,
    point_on_road,
    walk_seconds,
)
from ..i18n import N_
from ..input import Act, Action
from ..ui.widgets import Button, Widget
from .base import BaseScene
from .shared import is_unlocked, level_results, shown_levels

HINT = N_("Walk with the arrow keys or tap a place. Press Enter to go in.")
_DIRS = {Act.UP: "up", Act.DOWN: "down", Act.FORWARD: "forward", Act.BACKWARD: "backward"}
MAP_COLOURS = {"9-12": (95, 191, 224), "13-18": (20, 26, 51)}


class PlaceWidget(Widget):
    """A place on the map: a hit area and a focus stop. The place itself is in the cached layer."""

    focusable = True

    def __init__(self, index: int, topic_title: str, rect: pygame.Rect, on_click):
        super().__init__(rect)
        self.index = index
        self.label = topic_title
        self.on_click = on_click
        self.name = f"place-{index}"

    def activate(self) -> None:
        self.on_click(self.index)

    def label_for_speech(self) -> str:
        return self.label

    def draw(self, ui, surface, focused, hovered) -> None:
        if focused:
            ui.focus_ring(surface, self.rect, radius=18)
        elif hovered:
            pygame.draw.rect(surface, ui.c.focus, self.rect, max(1, ui.px(2)), border_radius=ui.px(16))


class WorldMapScene(BaseScene):
    name = "worldmap"

    def __init__(self, app, band: str):
        super().__init__(app)
        self.band = band
        self.world: WorldMap | None = None
        self.road: list[tuple[float, float]] = []
        self.walk_t = 1.0
        self.arrive: float | None = None  # seconds into the arrival hop
        self.walk_len = 0.0
        self._layer: pygame.Surface | None = None
        self._layer_key: tuple | None = None
        self._panels: dict[int, pygame.Surface] = {}
        self._panel_key: tuple | None = None
        self._moved: list[pygame.Rect] | None = None  # what this frame's walk changes (None: everything)
        self._drawn: list[pygame.Rect] = []  # Sango's bounds and the name tag, as last drawn

    def title(self) -> str:
        return self.tr._(BAND_LABELS[self.band])

    def enter(self) -> None:
        self.theme.band = self.band
        super().enter()

    def pause(self) -> None:
        # A screen opened on top: let go of the window-sized map picture and the place panels (made
        # again from the art cache if the map shows again, e.g. under a dialog or on resume).
        self._layer, self._panels = None, {}
        super().pause()

    def resume(self) -> None:
        self.theme.band = self.band
        self.layout()

    def exit(self) -> None:
        self.theme.band = "9-12"  # the menus outside a band keep the friendly look
        super().exit()

    # state -------------------------------------------------------------------------------------
    def _locations(self):
        results = level_results(self.app)
        levels: dict[str, list[LevelPip]] = {}
        for lv in shown_levels(self.app, self.band):
            r = results.get(lv.id)
            levels.setdefault(lv.topic, []).append(LevelPip(lv.id, lv.kind, getattr(r, "best_stars", 0) if r else 0,
                                                            bool(getattr(r, "completed", False)),
                                                            is_unlocked(self.app, lv, results)))
        topics = [t.id for t in self.app.catalog.band_topics(self.band)]
        return build_locations(self.band, topics, levels, self.app.badge_ids())

    @property
    def map_rect(self) -> pygame.Rect:
        """The 2:1 map, as large as fits between the header and the place panel."""
        top = self.header_rect.bottom
        area = pygame.Rect(0, top, self.app.size[0], self.app.size[1] - top - self.panel_h)
        w = min(area.w, area.h * 2)
        h = w // 2
        return pygame.Rect(area.centerx - w // 2, area.y + (area.h - h) // 2, w, h)

    @property
    def panel_h(self) -> int:
        return self.px(128)

    def to_screen(self, x: float, y: float) -> tuple[int, int]:
        m = self.map_rect
        sx = m.x + x * m.w
        if self.tr.rtl:
            sx = m.right - x * m.w
        return round(sx), round(m.y + y * m.h)

    def place_rect(self, loc) -> pygame.Rect:
        size = round(PLACE_SIZE.get(self.band, 0.08) * self.map_rect.w)
        cx, cy = self.to_screen(loc.x, loc.y)
        return pygame.Rect(cx - size // 2, cy - size + size // 12, size, size)

    def build(self):
        here = self.world.here.topic if self.world and self.world.here else None
        self.world = WorldMap(self.band, self._locations())
        index = self.world.index_of(here) if here is not None else None
        if index is not None:
            self.world.current = index
        self.road, self.walk_t = [], 1.0
        self._layer = None
        out: list = []
        for i, loc in enumerate(self.world.locations):
            topic = self.app.catalog.topics.get(loc.topic)
            title = self.tr.level(topic.title) if topic else loc.topic
            out.append(PlaceWidget(i, title, self.place_rect(loc), self.place_clicked))
        panel = self.panel_rect
        bw, bh = self.px(230), self.px(54)
        go = pygame.Rect(panel.right - self.px(16) - bw, panel.y + self.px(8), bw, bh)
        lst = pygame.Rect(go.x, go.bottom + self.px(6), bw, panel.h - bh - self.px(22))
        self.go_button = Button(self.tr._("Go in"), self.open_here, icon="play", style="primary", name="go-in",
                                rect=self.ui.mirror(go), size=self.theme.body)
        list_button = Button(self.tr._("Topic list"), self.open_list, icon="home", name="topic-list",
                             rect=self.ui.mirror(lst), size=self.theme.small)
        here_loc = self.world.here
        self.go_button.enabled = here_loc is not None and not here_loc.locked
        out += [self.go_button, list_button]
        return out

    def layout(self) -> None:
        super().layout()
        if self.world and self.world.locations:
            self.focus.focus(self.focus.widgets[self.world.current])

    @property
    def panel_rect(self) -> pygame.Rect:
        return pygame.Rect(0, self.app.size[1] - self.panel_h, self.app.size[0], self.panel_h)

    # input -------------------------------------------------------------------------------------
    def handle(self, action: Action) -> bool:
        focused = self.focus.focused
        if isinstance(focused, PlaceWidget) and action.kind in _DIRS and self.world:
            target = self.world.neighbour(_DIRS[action.kind])
            if target is not None:
                self.walk_to(target)
                return True
            if action.kind != Act.DOWN:
                return True  # at the map's edge: stay (Down leads on to the panel's buttons)
        consumed = super().handle(action)
        now = self.focus.focused
        if isinstance(now, PlaceWidget) and now is not focused and action.kind in (Act.FOCUS_NEXT, Act.FOCUS_PREV):
            self.walk_to(now.index)
        elif self._drawn and self._drawn != self._sprites():
            self.app.dirty_rects.extend([*self._drawn, *self._sprites()])  # the name tag goes with the focus
        return consumed

    def place_clicked(self, index: int) -> None:
        if self.world is None:
            return
        if index == self.world.current:
            self.walk_t = 1.0
            self.open_here()
        else:
            self.walk_to(index)

    def walk_to(self, index: int) -> None:
        if self.world is None:
            return
        road = self.world.move_to(index)
        self.focus.focus(self.focus.widgets[self.world.current])
        here = self.world.here
        self.go_button.enabled = here is not None and not here.locked
        if not road:
            return
        self.arrive = None
        if self.theme.reduced_motion:
            self.road, self.walk_t = [], 1.0  # a jump: Sango is simply there
        else:
            self.road, self.walk_t, self.walk_len = road, 0.0, walk_seconds(road)
            self.app.sound.play("page")
        # The place panel shows the new place; the name tag goes (or moves, for a jump); Sango moves.
        # (The focus ring's move is the app's to mark.)
        self.app.dirty_rects.extend([self.panel_rect, *self._drawn, *self._sprites()])
        if self.app.speech.enabled:
            self.app.speech.say(self.place_speech(), self.tr.code)

    def open_here(self) -> None:
        here = self.world.here if self.world else None
        if here is None or here.locked:
            return
        topic = self.app.catalog.topics.get(here.topic)
        if topic is None:
            return
        self.app.sound.play("click")
        self.app.push("topic", self.band, topic)

    def open_list(self) -> None:
        self.app.sound.play("click")
        self.app.push("levelmap", self.band)

    ARRIVE_SECONDS = 0.3

    def _advance(self, dt: float) -> bool:
        if self.walk_t >= 1.0:
            if self.arrive is None:
                return False
            # A small happy hop on arrival, then the map is still (and draws nothing).
            self.arrive += dt
            if self.arrive >= self.ARRIVE_SECONDS:
                self.arrive = None
            return True
        if self.theme.reduced_motion or self.walk_len <= 0:
            self.walk_t = 1.0
            return True
        self.walk_t = min(1.0, self.walk_t + dt / self.walk_len)
        if self.walk_t >= 1.0:
            self.arrive = 0.0
        return True

    def update(self, dt: float) -> bool:
        moving = self._advance(dt)
        self._moved = None
        if moving and self._drawn:
            # Sango's old and new bounds; the name tag shows again once the walk is over.
            self._moved = [*self._drawn, *self._sprites()]
        return moving

    def animation_rects(self) -> list[pygame.Rect] | None:
        return self._moved

    # drawing -----------------------------------------------------------------------------------
    def _static_layer(self) -> pygame.Surface:
        """Map, places, their stars, badges and locks: redrawn only when the layout changes."""
        key = (self.app.size, self.tr.code, self.theme.high_contrast, id(self.world))
        if self._layer is not None and self._layer_key == key:
            return self._layer
        layer = pygame.Surface(self.app.size).convert() if pygame.display.get_surface() else pygame.Surface(self.app.size)
        layer.fill(self.c.bg)
        m = self.map_rect
        base = pygame.Rect(0, self.header_rect.bottom, self.app.size[0],
                           self.app.size[1] - self.header_rect.bottom - self.panel_h)
        layer.fill(MAP_COLOURS.get(self.band, self.c.bg2), base)
        layer.blit(self.app.art.get(f"world/map-{self.band}.svg", m.size, flip_x=self.tr.rtl), m)
        for loc in self.world.locations if self.world else ():
            r = self.place_rect(loc)
            layer.blit(self.app.art.get(f"world/places/{loc.place}.svg", r.size), r)
            self._draw_plaque(layer, loc, r)
        self._layer, self._layer_key = layer, key
        return layer

    def plaque_rect(self, loc, r: pygame.Rect) -> tuple[pygame.Rect, str, int]:
        """The tag at a place's foot: its rect, its label and the width of its badge or lock icon (the
        tests check that tags and places never overlap on the denser maps)."""
        h = max(self.px(24), r.h // 4)
        label = f"{self.tr.number(loc.stars)}/{self.tr.number(loc.max_stars)}"
        text_w = self.app.text.layout(label, self.tr.code, self.theme.font(14), bold=True).width
        extra = h if (loc.badge or loc.locked) else 0
        tag = pygame.Rect(0, 0, h + text_w + self.px(10) + extra, h)
        tag.midtop = (r.centerx, r.bottom - h // 3)
        return tag, label, extra

    def _draw_plaque(self, surface, loc, r: pygame.Rect) -> None:
        """Stars (number and icon), the topic badge and a lock, in a small tag at the place's foot."""
        ui, c = self.ui, self.c
        tag, label, extra = self.plaque_rect(loc, r)
        h = tag.h
        text_w = tag.w - h - self.px(10) - extra
        pygame.draw.rect(surface, c.panel, tag, border_radius=h // 2)
        pygame.draw.rect(surface, c.panel_border, tag, max(1, self.px(2)), border_radius=h // 2)
        star_box = ui.mirror(pygame.Rect(tag.x + self.px(3), tag.y, h, h), tag)
        img = self.app.art.icon("star" if loc.stars else "star-empty", h - self.px(6), c.star if loc.stars else c.text_soft)
        surface.blit(img, img.get_rect(center=star_box.center))
        text_box = ui.mirror(pygame.Rect(tag.x + h + self.px(2), tag.y, text_w + self.px(4), h), tag)
        ui.text(surface, label, text_box, self.theme.font(14), c.text, align="center", bold=True, min_size=10)
        if extra:
            ibox = ui.mirror(pygame.Rect(tag.right - h - self.px(2), tag.y, h, h), tag)
            name, col = ("lock", c.text) if loc.locked else ("trophy", c.star)
            icon = self.app.art.icon(name, h - self.px(6), col)
            surface.blit(icon, icon.get_rect(center=ibox.center))

    def sango_pos(self) -> tuple[int, int]:
        assert self.world is not None  # drawn only after build()
        here = self.world.here
        if self.road and self.walk_t < 1.0:
            x, y = point_on_road(self.road, self._ease(self.walk_t))
        else:
            assert here is not None  # a band's map always has places
            x, y = here.x, here.y
        # Sango stands on the road beside the door, not in front of the place.
        return self.to_screen(x + PLACE_SIZE.get(self.band, 0.08) * 0.85, y + 0.045)

    @staticmethod
    def _ease(t: float) -> float:
        return t * t * (3 - 2 * t)

    def draw_background(self, surface) -> None:
        surface.blit(self._static_layer(), (0, 0))
        hr = self.header_rect
        pygame.draw.rect(surface, self.c.bg2, hr)
        pygame.draw.line(surface, self.c.panel_border, hr.bottomleft, hr.bottomright, max(1, self.px(2)))

    def draw_content(self, surface) -> None:
        if self.world is None or self.world.here is None:
            self.ui.text(surface, self.tr._("No levels yet."), self.body_rect, self.theme.body, align="center")
            return
        self._draw_sango(surface)
        self._draw_name_tag(surface)
        self._drawn = self._sprites()
        surface.blit(self._panel_layer(), self.panel_rect)

    PANEL_WINDOWS = 2  # the kept place panels together hold at most this many windows' worth of pixels

    def panel_budget(self) -> int:
        w, h = self.app.size
        return self.PANEL_WINDOWS * w * h * 4

    def _panel_layer(self) -> pygame.Surface:
        """The place panel changes only when Sango reaches another place: drawn once per place and kept."""
        assert self.world is not None  # drawn only after build()
        key = (self.app.size, self.tr.code, self.theme.high_contrast, id(self.world))
        if self._panel_key != key:
            self._panels, self._panel_key = {}, key
        panel = self._panels.get(self.world.current)
        if panel is None:
            p = self.panel_rect
            # The panels of the last places walked through (the way back is the usual walk), within a byte budget.
            while self._panels and (len(self._panels) + 1) * p.w * p.h * 4 > self.panel_budget():
                self._panels.pop(next(iter(self._panels)))
            scratch = pygame.Surface(self.app.size)
            self._draw_panel(scratch)
            panel = scratch.subsurface(p).copy()
            if pygame.display.get_surface():
                panel = panel.convert()
            self._panels[self.world.current] = panel
        return panel

    def _sprites(self) -> list[pygame.Rect]:
        """What moves on the map: Sango's bounds, and the name tag where it shows."""
        return [r for r in (self._sango_bounds(), self._name_tag_rect()) if r is not None]

    def _sango_box(self) -> pygame.Rect:
        """Sango's picture (or the teens' pin) this frame: a square standing on the road."""
        x, y = self.sango_pos()
        walking = self.road and self.walk_t < 1.0
        hop = int(abs(math.sin(self.walk_t * math.pi * 2 * max(1, len(self.road) - 1))) * self.px(10)) if walking else 0
        if self.arrive is not None:
            hop = int(math.sin(math.pi * self.arrive / self.ARRIVE_SECONDS) * self.px(14))
        s = max(self.px(30), self.map_rect.h // 12) if self.theme.teen else max(self.px(48), self.map_rect.h // 7)
        box = pygame.Rect(0, 0, s, s)
        box.midbottom = (x, y - hop)
        return box

    def _sango_bounds(self) -> pygame.Rect:
        """Every pixel drawn for Sango this frame (the pin's border circle reaches past its square)."""
        edge = self.px(3) + 2
        return self._sango_box().inflate(2 * edge, 2 * edge)

    def _draw_sango(self, surface) -> None:
        box = self._sango_box()
        if self.theme.teen:
            # Teens: Sango as a small guide badge (a pin with Sango's head), not the big round mascot.
            s = box.w
            pygame.draw.circle(surface, self.c.panel_border, box.center, s // 2 + self.px(3))
            pygame.draw.circle(surface, self.c.accent, box.center, s // 2)
            head = self.app.art.get("sango/icon.svg", (s - self.px(6), s - self.px(6)))
            surface.blit(head, head.get_rect(center=box.center))
            return
        walking = self.road and self.walk_t < 1.0
        face_left = bool(walking and self.road[-1][0] < self.road[0][0]) != self.tr.rtl
        img = self.app.art.get(f"sango/{'waving' if not walking else 'happy'}.svg", box.size, flip_x=face_left)
        surface.blit(img, img.get_rect(midbottom=box.midbottom))

    def _name_tag_rect(self) -> pygame.Rect | None:
        """Where the name of the place Sango stands at shows (None while walking)."""
        focused = self.focus.focused
        if not isinstance(focused, PlaceWidget) or self.walk_t < 1.0:
            return None
        r = focused.rect
        size = self.theme.small
        w = min(self.px(460), self.app.text.layout(focused.label, self.tr.code, size, bold=True).width + self.px(24))
        tag = pygame.Rect(0, 0, w, int(self.app.text.line_height(self.tr.code, size) * 1.25) + self.px(10))
        tag.midbottom = (r.centerx, r.y - self.px(14))  # clear of the focus ring
        tag.clamp_ip(self.map_rect.inflate(-self.px(4), 0).clip(pygame.Rect(0, self.header_rect.bottom + self.px(4),
                                                                            *self.app.size)))
        return tag

    def _draw_name_tag(self, surface) -> None:
        """The name of the place Sango stands at, above it: the map itself has no words."""
        tag = self._name_tag_rect()
        focused = self.focus.focused
        if tag is None or not isinstance(focused, PlaceWidget):
            return
        self.ui.panel(surface, tag, self.c.panel, self.c.panel_border, radius=10, width=2)
        self.ui.text(surface, focused.label, tag.inflate(-self.px(12), 0), self.theme.small, align="center", bold=True)

    def _draw_panel(self, surface) -> None:
        ui, c = self.ui, self.c
        assert self.world is not None and self.world.here is not None  # the panel describes the place Sango is at
        here = self.world.here
        p = self.panel_rect
        pygame.draw.rect(surface, c.panel, p)
        pygame.draw.line(surface, c.panel_border, p.topleft, p.topright, max(1, self.px(2)))
        pad = self.px(14)
        icon = p.h - 2 * pad
        topic = self.app.catalog.topics.get(here.topic)
        surface.blit(self.app.art.topic(topic.icon if topic else here.topic, icon),
                     ui.mirror(pygame.Rect(p.x + pad, p.y + pad, icon, icon), p))
        text_x = p.x + pad + icon + pad
        text_w = p.w - (text_x - p.x) - self.px(230) - 3 * pad - self.px(200)
        title = self.tr.level(topic.title) if topic else here.topic
        title_h = max(self.px(34), int(self.app.text.line_height(self.tr.code, self.theme.body) * 0.8))
        ui.text(surface, title, ui.mirror(pygame.Rect(text_x, p.y + pad, text_w, title_h), p), self.theme.body, align="start",
                bold=True)
        if topic:
            ui.text(surface, self.tr.level(topic.summary), ui.mirror(pygame.Rect(text_x, p.y + pad + title_h + self.px(2), text_w,
                                                                                  p.h - 2 * pad - title_h - self.px(2)), p),
                    self.theme.small, c.text_soft, align="start", valign="top")
        # Each level of the place: its kind, its stars, or a lock.
        col = pygame.Rect(text_x + text_w + pad, p.y + pad, self.px(200), p.h - 2 * pad)
        row_h = min(self.px(40), col.h // max(1, len(here.levels)))
        for i, pip in enumerate(here.levels[:3]):
            row = ui.mirror(pygame.Rect(col.x, col.y + i * row_h, col.w, row_h), p)
            ibox = ui.mirror(pygame.Rect(row.x, row.y, row_h, row_h), row)
            name = "lock" if not pip.unlocked else ("help" if pip.kind == "quiz" else "team")
            ui.icon(surface, name, ibox.center, row_h - self.px(8), c.text if pip.unlocked else c.text_soft)
            ui.stars(surface, ui.mirror(pygame.Rect(row.x + row_h + self.px(4), row.y, self.px(100), row_h), row).center,
                     pip.stars, 3, row_h - self.px(12))
        if here.badge:
            ui.icon(surface, "trophy", ui.mirror(pygame.Rect(col.right - self.px(40), col.y, self.px(40), self.px(40)), p).center,
                    self.px(34), c.star)

    def place_speech(self) -> str:
        here = self.world.here if self.world else None
        if here is None:
            return ""
        topic = self.app.catalog.topics.get(here.topic)
        name = self.tr.level(topic.title) if topic else here.topic
        stars = self.tr.nf("{n} star of {total}", "{n} stars of {total}", here.stars, total=here.max_stars)
        return f"{name}. {stars}."

    def speech(self) -> str:
        return f"{self.title()}. {self.tr._(HINT)} {self.place_speech()}"
