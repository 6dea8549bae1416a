"""One theme: colours per band (normal and high contrast), sizes scaled to the window and the text-size setting.

Ages 9-12 get the friendly look (pastel teal, round Sango); ages 13-18 a grown-up one (a dark
slate palette, sharper corners, bolder headings, Sango as a small guide badge). Every text and
badge colour pair of every palette is checked against WCAG 4.5:1 by tests/test_theme.py."""

from __future__ import annotations

from ..records import record

DESIGN_W, DESIGN_H = 1280, 720
TEXT_SCALES = {"normal": 1.0, "large": 1.2, "larger": 1.4}


@record
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
    #: The key-number badge on answer buttons (drawn on ``badge_bg`` in ``badge_fg``).
    badge_bg: tuple = (35, 50, 63)
    badge_fg: tuple = (255, 255, 255)


NORMAL = Palette(
    bg=(232, 246, 245), bg2=(206, 236, 233), panel=(255, 255, 255), panel_border=(35, 50, 63),
    text=(28, 38, 48), text_soft=(70, 84, 96), text_on_accent=(255, 255, 255),
    accent=(0, 112, 120), accent_hover=(0, 90, 98), button=(255, 255, 255), button_hover=(225, 244, 242),
    button_border=(35, 50, 63), focus=(255, 176, 0), focus_inner=(35, 50, 63),
    good=(18, 122, 62), okay=(170, 110, 0), bad=(190, 40, 40), selected=(214, 236, 255),
    disabled=(190, 196, 200), star=(200, 125, 0), star_empty=(200, 206, 210), bubble=(255, 253, 240),
    teacher=(120, 60, 160), chat_them=(238, 238, 243), chat_me=(214, 246, 224),
    badge_bg=(35, 50, 63), badge_fg=(255, 255, 255),
)

HIGH_CONTRAST = Palette(
    bg=(0, 0, 0), bg2=(20, 20, 20), panel=(0, 0, 0), panel_border=(255, 255, 255),
    text=(255, 255, 255), text_soft=(255, 255, 255), text_on_accent=(0, 0, 0),
    accent=(255, 230, 0), accent_hover=(255, 255, 120), button=(0, 0, 0), button_hover=(40, 40, 0),
    button_border=(255, 255, 255), focus=(0, 255, 255), focus_inner=(0, 0, 0),
    good=(120, 255, 120), okay=(255, 210, 80), bad=(255, 120, 120), selected=(0, 60, 120),
    disabled=(140, 140, 140), star=(255, 230, 0), star_empty=(120, 120, 120), bubble=(0, 0, 0),
    teacher=(255, 140, 255), chat_them=(30, 30, 30), chat_me=(0, 50, 0),
    badge_bg=(255, 255, 255), badge_fg=(0, 0, 0),
)

# Ages 13-18: night slate with a cool cyan accent, like the apps teens use.
TEEN = Palette(
    bg=(22, 28, 45), bg2=(32, 41, 66), panel=(38, 48, 76), panel_border=(120, 140, 180),
    text=(236, 240, 248), text_soft=(184, 194, 214), text_on_accent=(10, 20, 30),
    accent=(46, 230, 214), accent_hover=(127, 245, 234), button=(38, 48, 76), button_hover=(52, 64, 100),
    button_border=(120, 140, 180), focus=(255, 196, 0), focus_inner=(10, 14, 24),
    good=(110, 230, 140), okay=(255, 200, 90), bad=(255, 130, 130), selected=(30, 84, 110),
    disabled=(120, 130, 150), star=(255, 205, 60), star_empty=(100, 112, 140), bubble=(30, 38, 62),
    teacher=(200, 140, 255), chat_them=(46, 56, 88), chat_me=(24, 80, 74),
    badge_bg=(46, 230, 214), badge_fg=(10, 20, 30),
)

TEEN_HIGH_CONTRAST = Palette(
    bg=(0, 0, 0), bg2=(12, 12, 20), panel=(0, 0, 0), panel_border=(255, 255, 255),
    text=(255, 255, 255), text_soft=(255, 255, 255), text_on_accent=(0, 0, 0),
    accent=(0, 255, 240), accent_hover=(160, 255, 250), button=(0, 0, 0), button_hover=(0, 40, 40),
    button_border=(255, 255, 255), focus=(255, 230, 0), focus_inner=(0, 0, 0),
    good=(120, 255, 120), okay=(255, 210, 80), bad=(255, 120, 120), selected=(0, 60, 120),
    disabled=(140, 140, 140), star=(255, 230, 0), star_empty=(120, 120, 120), bubble=(0, 0, 0),
    teacher=(255, 140, 255), chat_them=(30, 30, 30), chat_me=(0, 50, 0),
    badge_bg=(255, 255, 255), badge_fg=(0, 0, 0),
)

PALETTES = {("9-12", False): NORMAL, ("9-12", True): HIGH_CONTRAST,
            ("13-18", False): TEEN, ("13-18", True): TEEN_HIGH_CONTRAST}
#: Corner radius factor per band: the teen chrome is sharper.
RADIUS = {"9-12": 1.0, "13-18": 0.4}


class Theme:
    def __init__(self, size: tuple[int, int] = (DESIGN_W, DESIGN_H), text_size: str = "normal",
                 high_contrast: bool = False, reduced_motion: bool = False, class_mode: bool = False,
                 band: str = "9-12"):
        self.size = size
        self._sized: tuple[int, int] | None = None  # the size _scale and _px were worked out for
        self._scale = 1.0
        self._px: dict[float, int] = {}  # lengths asked for at that size
        self.band = band if band in RADIUS else "9-12"  # the world map sets it: the look follows the band
        self.text_size = text_size if text_size in TEXT_SCALES else "normal"
        self.high_contrast = high_contrast
        self.reduced_motion = reduced_motion
        self.class_mode = class_mode  # projector: everything larger

    def settings(self) -> tuple:
        """What decides the look (not the lengths remembered for the window size)."""
        return (tuple(self.size), self.band, self.text_size, self.high_contrast, self.reduced_motion, self.class_mode)

    @property
    def colors(self) -> Palette:
        return PALETTES.get((self.band, self.high_contrast), NORMAL)

    @property
    def teen(self) -> bool:
        return self.band == "13-18"

    def radius(self, value: float) -> float:
        """A corner radius in design pixels, sharper for teens."""
        return value * RADIUS.get(self.band, 1.0)

    def _resized(self) -> None:
        size = self.size
        w, h = size
        self._scale = max(0.5, min(w / DESIGN_W, h / DESIGN_H))
        self._px = {}
        self._sized = size if type(size) is tuple else None  # a list could change in place: looked at again

    @property
    def scale(self) -> float:
        if self.size is not self._sized:  # the app assigns a new size tuple on resize
            self._resized()
        return self._scale

    def px(self, value: float) -> int:
        """A length designed for 1280x720, scaled to the window."""
        # Called hundreds of thousands of times per tour of the screens, with a few hundred
        # different values: remembered per window size.
        if self.size is not self._sized:
            self._resized()
        got = self._px.get(value)
        if got is None:
            got = self._px[value] = max(1, round(value * self._scale))
        return got

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
