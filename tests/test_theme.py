"""WCAG contrast of every text/background and badge pair of every theme variant."""

import pytest

from sango_game.ui.theme import PALETTES, Theme

# (foreground, background) pairs the game draws text with: labels, bubbles, chats, buttons, badges.
TEXT_PAIRS = [
    ("text", "bg"), ("text", "bg2"), ("text", "panel"), ("text", "button"), ("text", "button_hover"),
    ("text", "bubble"), ("text", "chat_them"), ("text", "chat_me"), ("text", "selected"),
    ("text_soft", "bg"), ("text_soft", "bg2"), ("text_soft", "panel"), ("text_soft", "bubble"),
    ("text_on_accent", "accent"), ("text_on_accent", "accent_hover"), ("text_on_accent", "teacher"),
    ("badge_fg", "badge_bg"), ("accent", "panel"), ("accent", "bubble"),
]
# Shapes that carry meaning (WCAG 1.4.11: 3:1 for graphics): marks, stars, the focus ring.
SHAPE_PAIRS = [("good", "panel"), ("bad", "panel"), ("good", "button"), ("bad", "button"), ("star", "panel"),
               ("star", "bubble"), ("okay", "bubble"), ("panel_border", "bg")]


def luminance(rgb) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_formula_matches_wcag_examples():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((255, 255, 255), (206, 236, 233)) == pytest.approx(1.25, abs=0.01)  # the old sort badge


@pytest.mark.parametrize("variant", sorted(PALETTES), ids=lambda v: f"{v[0]}{'-hc' if v[1] else ''}")
def test_every_text_pair_reaches_4_5(variant):
    p = PALETTES[variant]
    low = [(fg, bg, round(contrast(getattr(p, fg), getattr(p, bg)), 2)) for fg, bg in TEXT_PAIRS
           if contrast(getattr(p, fg), getattr(p, bg)) < 4.5]
    assert not low, f"text below 4.5:1 in {variant}: {low}"


@pytest.mark.parametrize("variant", sorted(PALETTES), ids=lambda v: f"{v[0]}{'-hc' if v[1] else ''}")
def test_every_shape_pair_reaches_3(variant):
    p = PALETTES[variant]
    low = [(fg, bg, round(contrast(getattr(p, fg), getattr(p, bg)), 2)) for fg, bg in SHAPE_PAIRS
           if contrast(getattr(p, fg), getattr(p, bg)) < 3.0]
    assert not low, f"shapes below 3:1 in {variant}: {low}"


def test_theme_follows_the_band_and_high_contrast():
    assert Theme(band="13-18").colors is PALETTES[("13-18", False)]
    assert Theme(band="13-18", high_contrast=True).colors is PALETTES[("13-18", True)]
    assert Theme().colors is PALETTES[("9-12", False)]
    assert Theme(band="nonsense").band == "9-12"
    assert Theme(band="13-18").radius(20) < Theme().radius(20)


@pytest.mark.parametrize("variant", sorted(PALETTES), ids=lambda v: f"{v[0]}{'-hc' if v[1] else ''}")
def test_focus_ring_stands_out_on_every_background(variant):
    # The ring is two-tone (a bright ring around a dark one): on any background one of them must reach 3:1.
    p = PALETTES[variant]
    for bg in ("bg", "bg2", "panel", "button", "bubble"):
        best = max(contrast(p.focus, getattr(p, bg)), contrast(p.focus_inner, getattr(p, bg)))
        assert best >= 3.0, (variant, bg, best)


def test_lengths_follow_the_window_size_after_a_resize():
    theme = Theme(size=(1280, 720))
    assert theme.px(100) == 100 and theme.px(0.2) == 1
    theme.size = (1920, 1080)
    assert theme.px(100) == 150
    theme.size = (1024, 600)
    assert theme.px(100) == 80 and theme.px(100) == 80
    size = [640, 360]  # a list changed in place is looked at every time
    theme.size = size
    assert theme.px(100) == 50
    size[0], size[1] = 1280, 720
    assert theme.px(100) == 100
