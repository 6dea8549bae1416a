"""One theme: colours (normal and high contrast), sizes scaled to the window and the text-size setting."""

from __future__ import annotations

from dataclasses import dataclass

DESIGN_W, DESIGN_H = 1280, 720
TEXT_SCALES = {"normal": 1.0, "large": 1.2, "larger": 1.4}


@dataclass(frozen=True)
class Palette:
    bg: tuple
    bg2: tuple
    panel: tuple
    panel_border: tuple
    text: tuple
    text_soft: tuple
    text_on_accent: tuple
    accent: tuple
    accent_hover: tuple
    button: tuple
    button_hover: tuple
    button_border: tuple
    focus: tuple
    focus_inner: tuple
    good: tuple
    okay: tuple
    bad: tuple
    selected: tuple
    disabled: tuple
    star: tuple
    star_empty: tuple
    bubble: tuple
    teacher: tuple
    chat_them: tuple
    chat_me: tuple


NORMAL = Palette(
    bg=(232, 246, 245), bg2=(206, 236, 233), panel=(255, 255, 255), panel_border=(35, 50, 63),
    text=(28, 38, 48), text_soft=(70, 84, 96), text_on_accent=(255, 255, 255),
    accent=(0, 112, 120), accent_hover=(0, 90, 98), button=(255, 255, 255), button_hover=(225, 244, 242),
    button_border=(35, 50, 63), focus=(255, 176, 0), focus_inner=(35, 50, 63),
    good=(18, 122, 62), okay=(170, 110, 0), bad=(190, 40, 40), selected=(214, 236, 255),
    disabled=(190, 196, 200), star=(240, 165, 0), star_empty=(200, 206, 210), bubble=(255, 253, 240),
    teacher=(120, 60, 160), chat_them=(238, 238, 243), chat_me=(214, 246, 224),
)

HIGH_CONTRAST = Palette(
    bg=(0, 0, 0), bg2=(20, 20, 20), panel=(0, 0, 0), panel_border=(255, 255, 255),
    text=(255, 255, 255), text_soft=(255, 255, 255), text_on_accent=(0, 0, 0),
    accent=(255, 230, 0), accent_hover=(255, 255, 120), button=(0, 0, 0), button_hover=(40, 40, 0),
    button_border=(255, 255, 255), focus=(0, 255, 255), focus_inner=(0, 0, 0),
    good=(120, 255, 120), okay=(255, 210, 80), bad=(255, 120, 120), selected=(0, 60, 120),
    disabled=(140, 140, 140), star=(255, 230, 0), star_empty=(120, 120, 120), bubble=(0, 0, 0),
    teacher=(255, 140, 255), chat_them=(30, 30, 30), chat_me=(0, 50, 0),
)


class Theme:
    def __init__(self, size: tuple[int, int] = (DESIGN_W, DESIGN_H), text_size: str = "normal",
                 high_contrast: bool = False, reduced_motion: bool = False, class_mode: bool = False):
        self.size = size
        self.text_size = text_size if text_size in TEXT_SCALES else "normal"
        self.high_contrast = high_contrast
        self.reduced_motion = reduced_motion
        self.class_mode = class_mode  # projector: everything larger

    @property
    def colors(self) -> Palette:
        return HIGH_CONTRAST if self.high_contrast else NORMAL

    @property
    def scale(self) -> float:
        w, h = self.size
        return max(0.5, min(w / DESIGN_W, h / DESIGN_H))

    def px(self, value: float) -> int:
        """A length designed for 1280x720, scaled to the window."""
        return max(1, round(value * self.scale))

    def font(self, base: float) -> int:
        """A font size: scaled to the window and the child's text-size setting."""
        # On the projector the class-play size applies (not multiplied by a child's own setting).
        factor = max(1.25, TEXT_SCALES[self.text_size]) if self.class_mode else TEXT_SCALES[self.text_size]
        return max(12, round(base * self.scale * factor))

    # Common font sizes (design pixels at 1280x720).
    @property
    def body(self) -> int:
        return self.font(22)

    @property
    def small(self) -> int:
        return self.font(17)

    @property
    def heading(self) -> int:
        return self.font(32)

    @property
    def title(self) -> int:
        return self.font(48)
