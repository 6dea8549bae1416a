"""Six languages: complete catalogs, safe fallbacks, plural rules, names in their own script, number formats."""

import shutil
from pathlib import Path

import pytest

from sango_game.i18n import LANGUAGES, Translator, native_name, normalize_code, plain_text, po_path
from sango_game.i18n_tools import check, extract, read_catalog, read_catalog_shared, write_catalog

ROOT = Path(__file__).resolve().parent.parent


def test_template_is_up_to_date():
    """Every UI and level string is in locales/messages.pot (run `sango-game i18n update` after edits)."""
    fresh = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in extract(ROOT) if m.id}
    pot = {(m.context,
            m.id if isinstance(m.id, str) else m.id[0]) for m in read_catalog_shared(ROOT / "locales" / "messages.pot") if m.id}
    assert fresh - pot == set(), f"not in messages.pot: {sorted(fresh - pot)[:10]}"
    assert pot - fresh == set(), f"obsolete in messages.pot: {sorted(pot - fresh)[:10]}"


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_catalog_complete_and_correct(code):
    """100% translated: no missing or fuzzy entry, placeholders intact, right plural count, drawable glyphs."""
    [report] = check(ROOT, codes=[code])
    assert report.total > 1000
    assert report.problems == [], f"{len(report.problems)} problems, e.g.:\n" + "\n".join(report.problems[:15])
    assert report.translated == report.total


def small_copy(src, path: Path, locale: str | None, keep) -> None:
    """Write a catalog with the header of ``src`` and only its entries for which ``keep(message)``
    is true (a check of the whole catalogs costs seconds; the rules are the same for a few entries)."""
    from babel.messages.catalog import Catalog

    small = Catalog(locale=locale, header_comment=src.header_comment)
    small.mime_headers = src.mime_headers
    for m in src:
        if m.id and keep(m):
            small.add(m.id, m.string, context=m.context, flags=m.flags, auto_comments=m.auto_comments)
    write_catalog(small, path)


def test_check_catches_every_kind_of_problem(tmp_path):
    locales = ROOT / "locales"
    template = read_catalog_shared(locales / "messages.pot")
    msgs = [m for m in template if m.id and not m.pluralizable]
    fmt = next(m for m in msgs if "{" in m.id)
    plural = next(m for m in template if m.id and m.pluralizable)
    english = next(m for m in msgs[2:] if m is not fmt and "{" not in m.id and len(m.id.split()) >= 4)
    chosen = {m.id for m in (*msgs[:3], fmt, plural, english)}
    root = tmp_path / "proj"
    small_copy(template, root / "locales" / "messages.pot", None, lambda m: m.id in chosen)
    for code in ("ru", "ar"):
        small_copy(read_catalog_shared(po_path(code, locales), code), po_path(code, root / "locales"), code,
                   lambda m: m.id in chosen)
    clean = {r.code: r for r in check(root, codes=("ru", "ar"))}
    assert not clean["ru"].problems and not clean["ar"].problems and clean["ru"].total == len(chosen)
    po = po_path("ru", root / "locales")
    cat = read_catalog(po, "ru")
    cat[msgs[0].id].string = ""  # missing
    cat[msgs[1].id].string = "Что-то"
    cat[msgs[1].id].flags.add("fuzzy")  # fuzzy
    cat[fmt.id].string = "Привет, {x}"  # placeholder mismatch
    cat[plural.id].string = ("{n} раз", "{n} раза")  # 2 forms instead of 3
    cat[english.id].string = english.id  # English left untranslated
    write_catalog(cat, po)
    ar = po_path("ar", root / "locales")
    cat = read_catalog(ar, "ar")
    cat[msgs[2].id].string += " \U0001F9FF"  # a character no bundled font draws
    write_catalog(cat, ar)
    reports = {r.code: r for r in check(root, codes=("ru", "ar"))}
    text = "\n".join(reports["ru"].problems)
    assert "not translated" in text and "fuzzy" in text and "placeholder" in text and "plural forms, ru needs 3" in text
    assert "the translation is the English text" in text
    assert any("font cannot draw" in p for p in reports["ar"].problems)


def set_translation(po, msgid: str, msgstr: str) -> None:
    """Change one single-line entry in the .po text (as a translator's editor would; reading and
    writing the whole catalog with Babel costs a second)."""
    import re

    text, n = re.subn(rf'^(msgid "{re.escape(msgid)}"\nmsgstr )".*"$', lambda m: m.group(1) + f'"{msgstr}"',
                      po.read_text("utf-8"), flags=re.M)
    assert n == 1, msgid
    po.write_text(text, "utf-8")


def test_missing_or_broken_translation_falls_back_to_english(tmp_path):
    root = tmp_path / "locales"
    shutil.copytree(ROOT / "locales" / "fr", root / "fr")  # (the whole folder is 28 MB of copies)
    po = po_path("fr", root)
    set_translation(po, "Play", "")
    set_translation(po, "Welcome back, {nickname}!", "Bon retour, {surnom} !")  # a translator typo in the placeholder
    tr = Translator("fr", root=root)
    assert tr._("Play") == "Play"
    assert tr.f("Welcome back, {nickname}!", nickname="Zoé") == "Welcome back, Zoé!"
    assert tr._("Settings") != "Settings"


def test_damaged_catalog_does_not_stop_the_game(tmp_path):
    root = tmp_path / "locales"
    shutil.copytree(ROOT / "locales" / "es", root / "es")  # (the whole folder is 28 MB of copies)
    po_path("es", root).write_bytes(b"\x00\xff garbage")
    tr = Translator("es", root=root)
    assert tr._("Play") == "Play"


@pytest.mark.parametrize("code,expected", [("ar", 6), ("ru", 3), ("zh_Hans", 1), ("fr", 3), ("es", 3), ("en", 2)])
def test_plural_forms(code, expected):
    lang = next(x for x in LANGUAGES if x.code == code)
    cat = read_catalog_shared(po_path(code, ROOT / "locales"), lang.babel)
    assert cat.num_plurals == expected


@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_plural_formula_matches_cldr_for_every_count(code):
    """Each catalog's own formula, evaluated for n = 0..1,200 and the millions, picks the form of
    the category CLDR gives that n (a newer Babel fails this only when CLDR itself changed)."""
    from sango_game.plurals import check_plural_forms

    lang = next(x for x in LANGUAGES if x.code == code)
    header = dict(read_catalog_shared(po_path(code, ROOT / "locales"), lang.babel).mime_headers)["Plural-Forms"]
    assert check_plural_forms(code, lang.babel, header) == []


def test_plural_check_names_what_a_wrong_formula_swaps():
    from sango_game.plurals import check_plural_forms

    old_arabic = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
                  "n%100>=0 && n%100<=2 ? 4 : 5);")
    problems = " | ".join(check_plural_forms("ar", "ar", old_arabic))
    assert "n = 11, 12" in problems and "CLDR says 'many'" in problems and "picks the 'other' form" in problems
    assert "n = 100, 101, 102" in problems
    two_forms_fr = "nplurals=2; plural=(n > 1);"
    assert any("nplurals=2" in p and "one, many, other" in p for p in check_plural_forms("fr", "fr", two_forms_fr))


# Independent oracle: the CLDR category of each sample number, written out by hand, and the
# gettext order of each language's categories.
SAMPLES = {
    "ar": ({3: "few", 11: "many", 25: "many", 100: "other", 102: "other", 0: "zero", 1: "one", 2: "two"},
           ("zero", "one", "two", "few", "many", "other")),
    "ru": ({1: "one", 2: "few", 5: "many", 21: "one", 11: "many", 22: "few"}, ("one", "few", "many")),
    "fr": ({0: "one", 1: "one", 2: "other", 1_000_000: "many"}, ("one", "many", "other")),
    "es": ({1: "one", 2: "other", 1_000_000: "many"}, ("one", "many", "other")),
    "zh_Hans": ({1: "other", 2: "other"}, ("other",)),
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_sample_numbers_render_the_right_form(code):
    samples, order = SAMPLES[code]
    lang = next(x for x in LANGUAGES if x.code == code)
    cat = read_catalog_shared(po_path(code, ROOT / "locales"), lang.babel)
    msg = cat.get(("{n} pupil", "{n} pupils"))
    tr = Translator(code)
    for n, category in samples.items():
        want = msg.string[order.index(category)].format(n=tr.number(n))
        assert plain_text(tr.nf("{n} pupil", "{n} pupils", n)) == want, (code, n, category)


def test_arabic_and_russian_pick_distinct_plural_forms():
    ar = Translator("ar")
    forms = {ar.nf("You earned {n} star of 3.", "You earned {n} stars of 3.", n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(forms) == 6, forms
    ru = Translator("ru")
    forms = [ru.nf("{n} badge", "{n} badges", n) for n in (1, 2, 5, 21)]
    assert forms[0] != forms[1] != forms[2] and forms[0].replace("1", "21") == forms[3]


def test_catalogs_have_no_percent_format_flags_and_check_catches_one(tmp_path):
    """The game formats with {fields}: a python-format flag ("20% off") makes GNU msgfmt -c fail."""
    real = po_path("fr", ROOT / "locales").read_text("utf-8")
    assert "python-format" not in real.replace("python-brace-format", "")
    root = tmp_path / "proj"  # the check, on a catalog of a few entries (the whole one takes a second)
    locales = ROOT / "locales"
    keep = {"Play", "Use my code for 20% off!"}
    small_copy(read_catalog_shared(locales / "messages.pot"), root / "locales" / "messages.pot", None, lambda m: m.id in keep)
    po = po_path("fr", root / "locales")
    small_copy(read_catalog_shared(po_path("fr", locales), "fr"), po, "fr", lambda m: m.id in keep)
    text = po.read_text("utf-8")
    i = text.index("\nmsgid \"Use my code for 20% off!\"")
    po.write_text(text[:i] + "\n#, python-format" + text[i:], "utf-8")
    [report] = check(root, glyphs=False, codes=["fr"])
    assert any("python-format" in p and "20% off" in p for p in report.problems)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_gnu_msgfmt_accepts_the_catalog(code, tmp_path):
    import subprocess

    po = po_path(code, ROOT / "locales")
    out = subprocess.run(["msgfmt", "-c", "--check-format", "-o", str(tmp_path / "x.mo"), str(po)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]


def test_language_names_in_their_own_script():
    names = {lang.code: native_name(lang.code) for lang in LANGUAGES}
    assert names == {"ar": "العربية", "zh_Hans": "中文 (简体)", "en": "English", "fr": "Français", "ru": "Русский",
                     "es": "Español"}


def test_locale_numbers():
    assert Translator("fr").number(1234.5) == "1\u202f234,5"
    assert Translator("ru").number(1234.5) == "1\u00a0234,5"
    assert Translator("en").number(1234.5) == "1,234.5"
    assert Translator("es").percent(0.5).replace("\xa0", " ") == "50 %"


def test_system_language_detection():
    assert normalize_code("fr_CA.UTF-8") == "fr"
    assert normalize_code("zh-CN") == "zh_Hans"
    assert normalize_code("zh_TW") is None
    assert normalize_code("ar_EG") == "ar"
    assert normalize_code("de_DE") is None


def test_compiled_catalog_freshness_is_by_content_not_file_time(tmp_path, monkeypatch):
    """A copied folder (USB stick, lab PC) gets new file times: its .mo must still be used as is,
    without compiling into the user cache; a .po whose content changed must not use the old .mo."""
    import os

    from sango_game import i18n

    cache = tmp_path / "cache"
    monkeypatch.setattr(i18n, "_cache_dir", lambda: cache)
    root = tmp_path / "locales"
    po = po_path("fr", root)
    po.parent.mkdir(parents=True)  # a small catalog: compiling the whole one three times takes a second
    small_copy(read_catalog_shared(po_path("fr", ROOT / "locales"), "fr"), po, "fr", lambda m: m.id == "Play")
    for part, name in i18n.MO_NAMES.items():
        po.with_name(name).write_bytes(i18n.compile_po_bytes(po, part))
    future = po.stat().st_mtime + 3600
    os.utime(po, (future, future))  # the .po now looks newer than its .mo, as after a copy
    assert Translator("fr", root=root)._("Play") == "Jouer"
    assert not cache.exists(), "a fresh .mo must not be recompiled"
    # Same content, no .po at all (the standalone bundle): the .mo alone is used.
    po.rename(po.with_suffix(".bak"))
    assert Translator("fr", root=root)._("Play") == "Jouer"
    # Changed content with an older file time than the .mo: compiled again from the .po.
    po.with_suffix(".bak").rename(po)
    set_translation(po, "Play", "Jouer !")
    past = po.with_name("messages.mo").stat().st_mtime - 3600
    os.utime(po, (past, past))
    assert Translator("fr", root=root)._("Play") == "Jouer !"
    assert list(cache.glob("fr-*-ui.mo"))


def test_po_digest_is_remembered_until_the_po_is_written(tmp_path, monkeypatch):
    """A later start takes the .po's digest from the stamp in the user cache instead of hashing
    the whole file; any write to the .po (even one that keeps its size and file time) or a
    damaged stamp makes it hash the content again."""
    import os

    from sango_game import i18n

    monkeypatch.setattr(i18n, "_cache_dir", lambda: tmp_path / "cache" / "mo")
    po = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    shutil.copy2(po_path("fr", ROOT / "locales"), po)
    real = i18n._digest
    hashed: list[int] = []
    monkeypatch.setattr(i18n, "_digest", lambda raw: (hashed.append(1), real(raw))[1])

    def start() -> str:  # a new process: nothing remembered in memory
        i18n._PO_DIGESTS.clear()
        return i18n._po_digest(po)

    first = start()
    assert first == real(po.read_bytes()) and len(hashed) == 1
    assert start() == first and len(hashed) == 1, "an unchanged .po must not be hashed again"
    # Same size and file time, different content: the change time gives it away.
    st = po.stat()
    raw = po.read_bytes()
    at = raw.index(b'msgstr "Jouer"')
    po.write_bytes(raw[:at] + b'msgstr "Jouex"' + raw[at + len(b'msgstr "Jouer"'):])
    os.utime(po, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert po.stat().st_size == st.st_size and po.stat().st_mtime_ns == st.st_mtime_ns
    changed = start()
    assert changed != first and changed == real(po.read_bytes()) and len(hashed) == 2
    stamp = i18n._stamp_file(po)
    assert stamp is not None and stamp.exists()
    stamp.write_text("garbage", encoding="utf-8")
    assert start() == changed and len(hashed) == 3


def test_a_shared_catalog_is_parsed_again_only_when_its_content_changes(tmp_path, monkeypatch):
    from sango_game import i18n_tools

    monkeypatch.setattr(i18n_tools, "_read_only", {})  # the catalogs other tests share stay kept
    po = tmp_path / "fr.po"  # a small catalog: the keeping is the same for any size (parsing fr.po takes 0.3 s)
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\nmsgid "Play"\nmsgstr "Jouer"\n', "utf-8")
    first = read_catalog_shared(po, "fr")
    assert first.get("Play").string == "Jouer"
    assert read_catalog_shared(po, "fr") is first
    set_translation(po, "Play", "Jouons")  # same size or not, same file time or not: the content decides
    changed = read_catalog_shared(po, "fr")
    assert changed is not first and changed.get("Play").string == "Jouons"
    size = len(po.read_bytes())
    monkeypatch.setattr(i18n_tools, "_READ_ONLY_BYTES", 5 * size)
    for k in range(12):  # a bounded amount of catalogs is kept: the oldest go first
        other = tmp_path / f"copy{k}.po"
        other.write_bytes(po.read_bytes())
        read_catalog_shared(other, "fr")
        assert sum(e[2] for e in i18n_tools._read_only.values()) <= 5 * size
    assert [Path(p).name for p, _ in i18n_tools._read_only] == [f"copy{k}.po" for k in range(7, 12)]
    monkeypatch.setattr(i18n_tools, "_READ_ONLY_KEPT", 3)
    read_catalog_shared(po, "fr")
    assert [Path(p).name for p, _ in i18n_tools._read_only] == ["copy10.po", "copy11.po", "fr.po"]


def test_compiling_languages_side_by_side_writes_what_one_at_a_time_writes(tmp_path):
    """compile_all(jobs=...) (the test session's start) gives the same files as one process, and
    only_stale then leaves the languages whose .po did not change."""
    from sango_game.i18n_tools import compile_all

    template = read_catalog_shared(ROOT / "locales" / "messages.pot")
    keep = {m.id for m in list(template)[1:40]}
    roots = [tmp_path / "one", tmp_path / "many"]
    for root in roots:
        small_copy(template, root / "locales" / "messages.pot", None, lambda m: m.id in keep)
        for code in ("ar", "fr", "zh_Hans"):  # languages without a .po are left out, as in a pack
            small_copy(template, po_path(code, root / "locales"), code, lambda m: m.id in keep)
    one = compile_all(roots[0], jobs=1)
    many = compile_all(roots[1], only_stale=True, jobs=3)
    assert [p.relative_to(roots[0]) for p in one] == [p.relative_to(roots[1]) for p in many]
    assert len(one) == 2 * 3
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, many, strict=True))
    assert compile_all(roots[1], only_stale=True, jobs=3) == []
    fr = po_path("fr", roots[1] / "locales")
    fr.write_text(fr.read_text("utf-8") + '\nmsgid "A new line"\nmsgstr "Une nouvelle ligne"\n', "utf-8")
    again = compile_all(roots[1], only_stale=True, jobs=3)
    assert again and {p.parent.parent.name for p in again} == {"fr"}
