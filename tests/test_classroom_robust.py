"""Lab results against hostile sticks: file limits said aloud, capped players, look-alike nicknames,
copies and equal export times, an unusable --out and hostile file names on the terminal."""

import os
import sys

import pytest

from sango_game.classroom import import_results, new_session, write_session
from sango_game.classroom import merge as merge_module
from sango_game.classroom.cli import shown
from sango_game.cli import main

from .test_classroom_import import catalog, player, results_doc, session, write_doc  # noqa: F401 (fixtures)

M1, M2 = "ab" * 16, "cd" * 16


def one(session, nick="Nour", pid="p1", attempts=1):
    lv = session.playlist[0]
    return player(nick, pid, [(lv, f"q{i}", 1.0, 1000) for i in range(1, attempts + 1)])


def test_more_json_files_than_the_limit_keeps_the_results_and_says_so(tmp_path, session, monkeypatch):
    monkeypatch.setattr(merge_module, "MAX_FILES", 50)
    real = write_doc(tmp_path / "zz" / "sango-results-nour.json", results_doc(session, M1, [one(session)]))
    for i in range(80):  # another program's JSON files, sorted before the results
        (tmp_path / "aa").mkdir(exist_ok=True)
        (tmp_path / "aa" / f"{i:03d}.json").write_text("{}", encoding="utf-8")
    report = import_results(tmp_path, session)
    assert [p.source for p in report.merged.pupils] == [real]
    limit_notes = [n for n in report.problems if "too many files" in n.message]
    assert len(limit_notes) == 1 and "50" in limit_notes[0].message and limit_notes[0].file == tmp_path


def test_a_file_with_thousands_of_players_is_refused_clearly(tmp_path, session):
    lv = session.playlist[0]
    crowd = [player(f"kid{i}", f"p{i}", [(lv, "q1", 1.0, 5)]) for i in range(merge_module.MAX_PLAYERS_PER_FILE + 1)]
    big = write_doc(tmp_path / "sango-results-big.json", results_doc(session, M1, crowd))
    fine = write_doc(tmp_path / "sango-results-fine.json", results_doc(session, M2, [one(session)]))
    report = import_results(tmp_path, session)
    assert [p.source for p in report.merged.pupils] == [fine]
    [note] = report.problems
    assert note.file == big and f"too many players ({merge_module.MAX_PLAYERS_PER_FILE + 1})" in note.message
    assert f"at most {merge_module.MAX_PLAYERS_PER_FILE}" in note.message


def test_the_class_is_capped_with_a_message(tmp_path, session, monkeypatch):
    monkeypatch.setattr(merge_module, "MAX_PUPILS", 3)
    for i in range(5):
        write_doc(tmp_path / f"sango-results-{i}.json", results_doc(session, f"{i:02d}" * 16, [one(session, f"k{i}")]))
    report = import_results(tmp_path, session)
    assert len(report.merged.pupils) == 3
    assert sum("at most 3 pupils" in n.message for n in report.problems) == 2


@pytest.mark.parametrize("hidden", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u034f", "\u180e"])
def test_nicknames_differing_only_by_invisible_characters_are_one_name(tmp_path, session, hidden):
    write_doc(tmp_path / "sango-results-1.json", results_doc(session, M1, [one(session, "Nour")]))
    write_doc(tmp_path / "sango-results-2.json", results_doc(session, M2, [one(session, f"No{hidden}ur")]))
    report = import_results(tmp_path, session)
    names = sorted(p.display_name for p in report.merged.pupils)
    assert names == ["Nour (ABAB)", "Nour (CDCD)"], names  # told apart by computer, not by an invisible mark
    assert all(hidden not in p.nickname for p in report.merged.pupils)


def test_emoji_sequences_keep_their_joiners():
    from sango_game.progress.nicknames import nickname_key, visible_nickname

    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert visible_nickname(f"Sam{family}") == f"Sam{family}"
    assert nickname_key("Ｎour\u200b") == nickname_key("nour")


@pytest.mark.parametrize("copy_name", ["sango-results-pc1 (0001).json", "sango-results-pc1 (1).json",
                                       "sango-results-pc1 - Copy.json", "sango-results-pc1 copy 2.json"])
def test_a_copy_is_the_duplicate_not_the_original(tmp_path, session, copy_name):
    doc = results_doc(session, M1, [one(session)])
    original = write_doc(tmp_path / "sango-results-pc1.json", doc)
    copy = write_doc(tmp_path / copy_name, doc)
    report = import_results(tmp_path, session)
    assert report.merged.files == [original]
    assert [n.file for n in report.duplicates] == [copy]


def test_exports_with_equal_times_are_not_called_older(tmp_path, session):
    when = "2025-03-12T11:00:00Z"
    a = write_doc(tmp_path / "sango-results-a.json", results_doc(session, M1, [one(session, attempts=1)], when))
    b = write_doc(tmp_path / "sango-results-b.json", results_doc(session, M1, [one(session, attempts=2)], when))
    report = import_results(tmp_path, session)
    assert report.merged.files == [b]
    [note] = report.duplicates
    assert note.file == a and "older" not in note.message and "same time" in note.message


def test_hostile_file_names_are_printed_escaped(tmp_path, session, capsys):
    if sys.platform == "win32":
        pytest.skip("such names cannot be made on Windows")
    session_file = write_session(tmp_path / "sango-session.json", session)
    stick = tmp_path / "stick"
    stick.mkdir()
    for name in ("evil\nnot used: forged line.json", "clear\x1b[2J.json", "abc\u202enosj.exe.json"):
        (stick / name).write_text("{ broken", encoding="utf-8")
    assert main(["report", "--session", str(session_file), str(stick), "--out", str(tmp_path / "o"),
                 "--no-pictures"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert "evil\\nnot used: forged line.json" in err and "\\x1b[2J" in err and "\\u202e" in err
    assert all(line.startswith(("not used:", "duplicate")) for line in err.splitlines())


def test_shown_keeps_ordinary_text():
    assert shown("Défi 6B — نور 中文 C:\\Sango\\r.json") == "Défi 6B — نور 中文 C:\\Sango\\r.json"


@pytest.mark.parametrize("kind", ["file", "read-only"])
def test_unusable_out_folder_is_a_clear_error(tmp_path, session, capsys, kind):
    session_file = write_session(tmp_path / "sango-session.json", session)
    write_doc(tmp_path / "stick" / "sango-results-1.json", results_doc(session, M1, [one(session)]))
    out = tmp_path / "out"
    if kind == "file":
        out.write_text("not a folder", encoding="utf-8")
    else:
        if os.name != "posix" or os.geteuid() == 0:
            pytest.skip("root ignores file permissions")
        out.mkdir()
        out.chmod(0o500)
    try:
        rc = main(["report", "--session", str(session_file), str(tmp_path / "stick"), "--out", str(out),
                   "--no-pictures"])
    finally:
        if out.is_dir():
            out.chmod(0o700)
    err = capsys.readouterr().err
    assert rc == 2 and "cannot write to" in err and "Traceback" not in err


def test_out_folder_failing_while_writing_is_a_clear_error(tmp_path, session, capsys, monkeypatch):
    from sango_game.classroom import csvout

    def no_space(*a, **kw):
        raise OSError(28, "No space left on device", "results.csv")

    monkeypatch.setattr(csvout, "write_csv_files", no_space)
    session_file = write_session(tmp_path / "sango-session.json", session)
    write_doc(tmp_path / "stick" / "sango-results-1.json", results_doc(session, M1, [one(session)]))
    rc = main(["report", "--session", str(session_file), str(tmp_path / "stick"), "--out", str(tmp_path / "o"),
               "--no-pictures"])
    err = capsys.readouterr().err
    assert rc == 2 and "No space left on device" in err and "--out" in err


def test_other_session_is_not_affected(tmp_path, catalog):  # noqa: F811
    other = new_session("Other", "9-12", "en", ["k-passwords-quiz"], catalog=catalog)
    write_doc(tmp_path / "sango-results-x.json", results_doc(other, M1, [one(other)]))
    assert import_results(tmp_path, other).merged.pupils
