"""Printable class report and certificates: sizes, languages, mirroring, nickname only."""

import subprocess
import sys

import pygame
import pytest

from sango_game.classroom import import_results, new_session, pick_check_questions, summarise
from sango_game.classroom.report import (
    A4_LANDSCAPE,
    A4_PORTRAIT,
    render_certificate,
    render_class_report,
    save_certificates,
    save_class_report,
)
from sango_game.classroom.simulate import simulate_lab
from sango_game.content import load_catalog
from sango_game.i18n import Translator, translator


class SpyText:
    """The real text engine, recording what was drawn and in which language."""

    def __init__(self, engine):
        self.engine = engine
        self.calls = []

    def render(self, text, lang, size, color, **kw):
        self.calls.append((text, lang))
        return self.engine.render(text, lang, size, color, **kw)

    def fit(self, *a, **kw):
        return self.engine.fit(*a, **kw)

    def layout(self, *a, **kw):
        return self.engine.layout(*a, **kw)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    from sango_game.text import TextEngine
    from sango_game.ui.art import Art

    catalog = load_catalog()
    levels = catalog.band_levels("9-12")
    session = new_session("Défi 6B", "9-12", "en", [lv.id for lv in levels], pick_check_questions(levels, 6), catalog=catalog)
    folder = tmp_path_factory.mktemp("lab")
    simulate_lab(session, catalog, folder, pcs=30, shared=10, seed=11)
    summary = summarise(import_results(folder, session).merged, catalog)
    return catalog, summary, TextEngine(), Art()


def pupil(summary, language):
    return next(r for r in summary.pupils if r.pupil.language == language)


def test_class_report_pages(env, tmp_path):
    catalog, summary, text, art = env
    spy = SpyText(text)
    pages = render_class_report(summary, catalog, spy, art, Translator("en"))
    assert len(pages) >= 2 and all(p.get_size() == A4_PORTRAIT for p in pages)
    drawn = [t for t, _ in spy.calls]
    assert "Class report: Défi 6B" in drawn
    assert all(lang == "en" for _, lang in spy.calls)  # the teacher's language throughout
    for row in summary.pupils:
        assert row.pupil.display_name in drawn  # one line per pupil
    top = summary.most_missed[0]
    assert any(top.prompt.source in t for t in drawn)  # the most missed question, with its text
    assert any(t.startswith("Talk about it: ") for t in drawn)
    paths = save_class_report(summary, catalog, text, art, Translator("fr"), tmp_path)
    assert [p.name for p in paths] == [f"class-report-{i}.png" for i in range(1, len(paths) + 1)]
    assert pygame.image.load(str(paths[0])).get_size() == A4_PORTRAIT
    assert not list(tmp_path.glob(".*"))  # no temporary files left


@pytest.mark.parametrize("language", ["en", "ar", "zh_Hans", "ru"])
def test_certificate_in_the_pupils_language_with_nickname_only(env, language):
    catalog, summary, text, art = env
    row = pupil(summary, language)
    spy = SpyText(text)
    surf = render_certificate(row, summary, catalog, spy, art)
    assert surf.get_size() == A4_LANDSCAPE
    assert {lang for _, lang in spy.calls} == {language}
    drawn = [t for t, _ in spy.calls]
    assert row.pupil.nickname in drawn
    others = {r.pupil.nickname for r in summary.pupils} - {row.pupil.nickname}
    assert not any(o == t or f"{o} " in t for o in others for t in drawn)  # nobody else's name
    tr = translator(language)
    assert tr._("Certificate") in drawn
    assert tr.nf("{n} star earned", "{n} stars earned", row.stars) in drawn


def _teal_share(surf, rect):
    """Share of the pixels in ``rect`` that are Sango's teal body colour."""
    hits = total = 0
    for x in range(rect.x, rect.right, 6):
        for y in range(rect.y, rect.bottom, 6):
            r, g, b, *_ = surf.get_at((x, y))
            total += 1
            hits += g > 150 and b > 150 and r < 120
    return hits / total


def test_arabic_certificate_is_mirrored(env):
    catalog, summary, text, art = env
    en = render_certificate(pupil(summary, "en"), summary, catalog, text, art)
    ar = render_certificate(pupil(summary, "ar"), summary, catalog, text, art)
    w, h = A4_LANDSCAPE
    left, right = pygame.Rect(120, 200, w // 3, h - 400), pygame.Rect(w - 120 - w // 3, 200, w // 3, h - 400)
    assert _teal_share(en, left) > 0.08 > 0.01 > _teal_share(en, right)  # Sango on the left in English
    assert _teal_share(ar, right) > 0.08 > 0.01 > _teal_share(ar, left)  # and on the right in Arabic


def test_certificates_saved_one_per_pupil(env, tmp_path):
    catalog, summary, text, art = env
    paths = save_certificates(summary, catalog, text, art, tmp_path)
    assert len(paths) == len(summary.pupils) == 40
    assert len({p.name for p in paths}) == 40
    assert all(p.parent.name == "certificates" for p in paths)
    assert any("小" in p.name or "王" in p.name or "张" in p.name or "李" in p.name or "刘" in p.name for p in paths)


def test_classroom_logic_does_not_import_pygame():
    code = ("import sys; import sango_game.classroom, sango_game.classroom.simulate, sango_game.classroom.csvout, "
            "sango_game.classroom.drives; print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
