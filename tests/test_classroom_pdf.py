"""The class PDF: opens, one report then one certificate per pupil, real text in logical order,
nicknames only, paper by locale, bundled fonts only."""

import re

import pytest
from pypdf import PdfReader

from sango_game.classroom import (
    import_results,
    new_session,
    pick_check_questions,
    summarise,
)
from sango_game.classroom.pdf import (
    PAPERS,
    build_class_pdf,
    has_arabic,
    paper_for_locale,
    write_class_pdf,
)
from sango_game.classroom.simulate import simulate_lab
from sango_game.content import load_catalog
from sango_game.i18n import Translator, translator

MM = 72 / 25.4


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    catalog = load_catalog()
    levels = catalog.band_levels("9-12")
    session = new_session("Défi 6B", "9-12", "en", [lv.id for lv in levels], pick_check_questions(levels, 6), catalog=catalog)
    folder = tmp_path_factory.mktemp("lab")
    simulate_lab(session, catalog, folder, pcs=20, shared=6, seed=5)
    summary = summarise(import_results(folder, session).merged, catalog)
    assert {r.pupil.language for r in summary.pupils} >= {"ar", "zh_Hans", "en"}
    return catalog, summary


@pytest.fixture(scope="module")
def pdf(lab, tmp_path_factory):
    catalog, summary = lab
    result = write_class_pdf(summary, catalog, Translator("fr"), tmp_path_factory.mktemp("out"), paper="A4")
    return result, PdfReader(str(result.path))


def squash(text: str) -> str:
    # pypdf puts spaces between Chinese characters and a NUL where the font changes: neither is in the PDF text.
    return re.sub(r"[\s\x00]+", "", text)


def test_pages_report_then_one_certificate_per_pupil(lab, pdf):
    _, summary = lab
    result, reader = pdf
    assert result.path.name == "class-report-Défi-6B.pdf"
    assert len(reader.pages) == result.pages == result.report_pages + len(summary.pupils)
    assert result.report_pages >= 2
    first = reader.pages[0]
    assert abs(float(first.mediabox.width) - PAPERS["A4"][0] * MM) < 1  # portrait report
    cert = reader.pages[result.report_pages]
    assert float(cert.mediabox.width) > float(cert.mediabox.height)  # landscape certificate
    tr = Translator("fr")
    text = squash(first.extract_text())
    assert squash(tr.f("Class report: {name}", name="Défi 6B")) in text
    assert squash(tr.f("Sango · page {page} of {pages}", page=1, pages=result.report_pages)) in text


def test_text_is_real_and_every_nickname_is_there(lab, pdf):
    _, summary = lab
    result, reader = pdf
    report_text = squash("".join(reader.pages[i].extract_text() for i in range(result.report_pages)))
    for row in summary.pupils:
        name = squash(row.pupil.display_name)
        if has_arabic(name):
            # pypdf reorders an Arabic word that shares its line with Latin text (the table row) on its
            # own; the letters must be there, and the certificates below check the order.
            assert any(sorted(name) == sorted(report_text[i:i + len(name)]) for i in range(len(report_text))), name
        else:
            assert name in report_text
    for i, row in enumerate(summary.pupils):
        page = squash(reader.pages[result.report_pages + i].extract_text())
        assert squash(row.pupil.nickname) in page


def test_certificates_in_each_pupils_language_in_logical_order(lab, pdf):
    _, summary = lab
    result, reader = pdf
    seen = set()
    for i, row in enumerate(summary.pupils):
        lang = row.pupil.language
        tr = translator(lang)
        page = reader.pages[result.report_pages + i].extract_text()
        for words in (tr._("Certificate"), tr._("Online safety challenge"), tr._("Well done,")):
            assert squash(words) in squash(page), (lang, words)
        if lang == "ar":
            # Arabic comes out as typed (logical order), not reversed as drawn.
            assert "تحدي الأمان على الإنترنت" in page
            assert "تحدي الأمان على الإنترنت"[::-1] not in page
        seen.add(lang)
    assert {"ar", "zh_Hans"} <= seen
    assert translator("zh_Hans")._("Online safety challenge") != "Online safety challenge"


def test_fonts_are_the_bundled_noto_subsets(pdf):
    _, reader = pdf
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all(re.fullmatch(r"/[A-Z]{6}\+Noto\w+", f) for f in fonts), fonts  # subset tag + Noto only


def test_paper_follows_the_locale(lab):
    catalog, summary = lab
    assert [paper_for_locale(x) for x in ("en_US.UTF-8", "es_MX", "fr_CA", "en", "fr_FR", "es", "ar_EG", "zh_CN", None)] == \
        ["Letter", "Letter", "Letter", "Letter", "A4", "A4", "A4", "A4", "A4"]
    data, _ = build_class_pdf(summary, catalog, Translator("en"), paper="Letter")
    import io

    page = PdfReader(io.BytesIO(data)).pages[0]
    assert abs(float(page.mediabox.width) - 8.5 * 72) < 1 and abs(float(page.mediabox.height) - 11 * 72) < 1


def test_arabic_report_mirrors_and_says_the_session_name(lab):
    import io

    catalog, summary = lab
    data, _report_pages = build_class_pdf(summary, catalog, Translator("ar"), paper="A4")
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Défi 6B" in text
    assert translator("ar")._("Topics") in text


def test_classroom_logic_does_not_import_pygame():
    import subprocess
    import sys

    code = ("import sys; import sango_game.classroom, sango_game.classroom.simulate, sango_game.classroom.csvout, "
            "sango_game.classroom.drives, sango_game.classroom.pdf; print('pygame' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
