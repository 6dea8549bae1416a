"""`sango-game report`: merge a lab folder into CSV files, a class report and certificates, no window needed."""

import csv

from sango_game.classroom import new_session, pick_check_questions, write_session
from sango_game.classroom.simulate import simulate_lab
from sango_game.cli import main
from sango_game.content import load_catalog


def test_report_command_merges_a_lab_and_lists_unusable_files(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    catalog = load_catalog()
    levels = [lv for lv in catalog.band_levels("9-12") if lv.topic in ("passwords", "scams")]
    session = new_session("Défi 6B", "9-12", "fr", [lv.id for lv in levels], pick_check_questions(levels, 5), catalog=catalog)
    session_file = write_session(tmp_path / "sango-session-defi.json", session)
    stick = tmp_path / "usb"
    files = simulate_lab(session, catalog, stick / "Sango", pcs=6, shared=2, seed=7)
    (stick / "Sango" / "broken.json").write_text("{ not json", encoding="utf-8")
    before = {p: p.read_bytes() for p in stick.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    rc = main(["report", "--session", str(session_file), str(stick), "--out", str(out)])
    captured = capsys.readouterr()
    assert rc == 1  # one file could not be used: said, and the rest is merged
    assert "broken.json" in captured.err
    assert "8 pupils in the class" in captured.out and "wrote 5 files" in captured.out
    assert "7 files read" in captured.out  # progress: files read, pupils, pages written
    assert "pupil(s)" not in captured.out
    with (out / "summary.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 1 + 8  # header in French + one row per pupil
    from pypdf import PdfReader

    (pdf,) = out.glob("*.pdf")  # one PDF: the class report, then a certificate per pupil
    pages = len(PdfReader(str(pdf)).pages)
    assert f"{pages} pages written to {pdf}" in captured.out and pages >= 8 + 2
    assert {p: p.read_bytes() for p in stick.rglob("*") if p.is_file()} == before  # the stick is untouched
    assert len(files) == 6


def test_report_command_refuses_a_bad_session_file(tmp_path, capsys):
    bad = tmp_path / "session.json"
    bad.write_text("[]", encoding="utf-8")
    assert main(["report", "--session", str(bad), str(tmp_path), "--out", str(tmp_path / "o"), "--no-pictures"]) == 2
    assert "sango-game report:" in capsys.readouterr().err


def test_the_command_line_speaks_the_system_language(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "fr")
    import pytest

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : sango-game") and "afficher cette aide et quitter" in out
    assert "vérifier des fichiers de niveau ou un pack" in out
    assert main(["check"]) == 0
    assert "fichiers de niveau vérifiés : 0 erreur, 0 avertissement" in capsys.readouterr().out.replace("\u202f", " ").replace("\xa0", " ")


def test_language_option_wins_over_the_system(monkeypatch, capsys):
    monkeypatch.setenv("LANGUAGE", "fr")
    from sango_game.cli_i18n import language_from_argv, setup

    assert language_from_argv(["report", "-l", "es", "x"]) == "es"
    assert setup(["report", "--language=ru"]).code == "ru"
    assert setup([]).code == "fr"
