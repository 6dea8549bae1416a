"""Importing a lab's results: broken, duplicated and foreign files, a 40-pupil class of 30 PCs,
the class summary, and the CSV files."""

import copy
import csv
import hashlib
import io
import json
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sango_game.classroom import (
    ClassroomFileError,
    build_results,
    check_level_id,
    import_results,
    new_session,
    pick_check_questions,
    read_results,
    summarise,
    write_results,
    write_session,
)
from sango_game.classroom.csvout import safe_cell, write_csv_files
from sango_game.classroom.files import sha256_of
from sango_game.classroom.results import AttemptRecord, CheckScore, LevelScore, PlayerResults
from sango_game.classroom.simulate import simulate_lab
from sango_game.classroom.summary import MIN_ATTEMPTS
from sango_game.content import load_catalog

from .examples import examples, utf8_text


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def session(catalog):
    levels = catalog.band_levels("9-12")
    return new_session("Défi 6B", "9-12", "fr", [lv.id for lv in levels], pick_check_questions(levels, 6), catalog=catalog)


def tree_hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def results_doc(session, machine, players, exported_at="2025-03-12T11:00:00Z"):
    body = {"format": "sango-results", "version": 1, "session_id": session.id, "session_name": session.name,
            "machine_id": machine, "exported_at": exported_at, "app_version": "test",
            "players": [p.to_json() for p in players]}
    body["checksum"] = {"algorithm": "sha256", "value": sha256_of(body)}
    return body


def write_doc(path: Path, doc) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def player(nick, pid, attempts, levels=None, lang="en", pre=None, post=None):
    return PlayerResults(pid, nick, "owl", lang, levels or {}, tuple(AttemptRecord(*a) for a in attempts), pre, post)


# -- broken, duplicated and foreign files ---------------------------------------------------------
@pytest.fixture
def messy_stick(tmp_path, session, catalog):
    """A USB stick as a teacher really gets it back: results, copies, the session file, other stuff."""
    stick = tmp_path / "stick"
    sango = stick / "Sango"
    good = simulate_lab(session, catalog, sango, pcs=4, shared=1, seed=3)
    write_session(sango / session.file_name(), session)  # this session's own file: ignored
    other = new_session("Other class", "9-12", "en", ["k-passwords-quiz"], catalog=catalog)
    write_session(stick / other.file_name(), other)  # another session's file: a problem
    other_results = simulate_lab(other, catalog, stick / "old", pcs=1, shared=0, seed=4)
    (stick / "photos").mkdir()
    (stick / "photos" / "trip.jpg").write_bytes(b"\xff\xd8\xff\xe0not really a jpeg")
    (stick / "README.txt").write_text("hello")
    (stick / "package.json").write_text(json.dumps({"name": "left-pad", "version": "1.3.0"}))
    (stick / "notes.json").write_text("this is not json")
    (stick / "nested.json").write_text("[" * 50000)
    truncated = stick / "sango-results-truncated.json"
    truncated.write_bytes(good[0].read_bytes()[:-400])
    edited = json.loads(good[1].read_text(encoding="utf-8"))
    edited["players"][0]["attempts"][0]["score"] = 0.123  # someone "fixed" a score by hand
    write_doc(stick / "sango-results-edited.json", edited)
    shutil.copy(good[2], stick / "copy-of-results.json")  # the same file twice (byte-identical)
    reformatted = json.loads(good[3].read_text(encoding="utf-8"))  # the same content, re-indented
    (stick / "reformatted.json").write_text(json.dumps(reformatted), encoding="utf-8")
    (stick / ".Trash-1000").mkdir()
    shutil.copy(good[0], stick / ".Trash-1000" / "deleted.json")  # hidden folders are not searched
    from sango_game.progress import ProgressStore

    store = ProgressStore.open(tmp_path / "kid.sqlite3")
    kid = store.create_profile("Kid", "cat")
    store.export_profile_json(kid.id, stick / "sango-progress-Kid.json")
    store.close()
    return stick, good, other_results


def test_messy_stick_imports_what_is_good_and_explains_the_rest(messy_stick, session):
    stick, good, other_results = messy_stick
    before = tree_hashes(stick)
    report = import_results(stick, session)
    assert tree_hashes(stick) == before, "the import must never change, add or delete files in the source"
    assert sorted(p.name for p in report.merged.files) == sorted(p.name for p in good)
    assert len(report.merged.pupils) == 5
    by_name = {n.file.name: n.message for n in report.problems}
    assert set(by_name) == {"sango-results-truncated.json", "sango-results-edited.json", "package.json", "notes.json",
                            "nested.json", other_results[0].name, "sango-session-Other-class.json", "sango-progress-Kid.json"}
    assert "cut short" in by_name["sango-results-truncated.json"]
    assert "changed or damaged" in by_name["sango-results-edited.json"]
    assert "not a Sango results file" in by_name["package.json"]
    assert "not readable JSON" in by_name["notes.json"]
    assert "another session" in by_name[other_results[0].name] and "Other class" in by_name[other_results[0].name]
    assert "session file of another session" in by_name["sango-session-Other-class.json"]
    assert "one player's progress file" in by_name["sango-progress-Kid.json"]
    for note in report.problems:
        assert note.message.startswith(note.file.name + ": ") and note.error.what_to_do(), note.message
    dups = {n.file.name: n.message for n in report.duplicates}
    assert set(dups) == {"copy-of-results.json", "reformatted.json"}
    assert all("counted once" in m for m in dups.values())
    assert [n.file.name for n in report.ignored] == [session.file_name()]
    # Every attempt of the good files counted exactly once.
    expected = sum(len(p["attempts"]) for f in good for p in json.loads(f.read_text(encoding="utf-8"))["players"])
    assert report.merged.attempt_count == expected


def test_single_files_and_missing_paths(tmp_path, session, catalog):
    files = simulate_lab(session, catalog, tmp_path / "a", pcs=2, shared=0, seed=5)
    report = import_results([files[0], files[1], files[0], tmp_path / "gone"], session)
    assert len(report.merged.pupils) == 2 and len(report.merged.files) == 2
    assert [n.file.name for n in report.problems] == ["gone"] and "not found" in report.problems[0].message


def test_same_player_exported_twice_keeps_the_newest(tmp_path, session):
    m = "ab" * 16
    lv = session.playlist[0]
    a1 = player("Nour", "p1", [(lv, "q1", 0.0, 1000)])
    b1 = player("Sam", "p2", [(lv, "q1", 1.0, 1000)])
    a2 = player("Nour", "p1", [(lv, "q1", 0.0, 1000), (lv, "q2", 1.0, 900)])
    first = write_doc(tmp_path / "sango-results-1.json", results_doc(session, m, [a1, b1], "2025-03-12T10:00:00Z"))
    second = write_doc(tmp_path / "sango-results-2.json", results_doc(session, m, [a2], "2025-03-12T11:00:00Z"))
    report = import_results(tmp_path, session)
    assert not report.problems
    pupils = {p.nickname: p for p in report.merged.pupils}
    assert len(pupils["Nour"].attempts) == 2 and pupils["Nour"].source == second  # the newer export
    assert len(pupils["Sam"].attempts) == 1 and pupils["Sam"].source == first  # only in the older file: kept
    assert report.merged.attempt_count == 3
    assert len(report.duplicates) == 1 and report.duplicates[0].file == first
    assert "Nour" in report.duplicates[0].message and second.name in report.duplicates[0].message
    # An export that is entirely superseded is a duplicate file.
    third = write_doc(tmp_path / "sango-results-3.json",
                      results_doc(session, m, [a2, b1], "2025-03-12T12:00:00Z"))
    report = import_results(tmp_path, session)
    assert report.merged.attempt_count == 3 and {p.source for p in report.merged.pupils} == {third}
    assert {n.file for n in report.duplicates} == {first, second}
    assert all("older export" in n.message for n in report.duplicates)


def test_same_nickname_on_two_computers_stays_two_pupils(tmp_path, session):
    lv = session.playlist[0]
    write_doc(tmp_path / "r1.json", results_doc(session, "11" * 16, [player("Nour", "p1", [(lv, "q1", 1.0, 5)])]))
    write_doc(tmp_path / "r2.json", results_doc(session, "22" * 16, [player("nour", "p1", [(lv, "q1", 0.0, 5)])]))
    report = import_results(tmp_path, session)
    names = sorted(p.display_name for p in report.merged.pupils)
    assert names == ["Nour (1111)", "nour (2222)"]


def test_newer_version_and_tampered_fields(tmp_path, session):
    lv = session.playlist[0]
    doc = results_doc(session, "33" * 16, [player("Ali", "p1", [(lv, "q1", 1.0, 5)])])
    newer = copy.deepcopy(doc)
    newer["version"] = 2
    write_doc(tmp_path / "newer.json", newer)
    bad = copy.deepcopy(doc)
    bad["players"][0]["attempts"][0]["score"] = 7
    bad.pop("checksum")
    bad["checksum"] = {"algorithm": "sha256", "value": sha256_of(bad)}  # a consistent checksum, impossible score
    write_doc(tmp_path / "badscore.json", bad)
    nochk = copy.deepcopy(doc)
    nochk.pop("checksum")
    write_doc(tmp_path / "nochecksum.json", nochk)
    pers = copy.deepcopy(doc)
    pers["players"][0]["nickname"] = "\u202eevil"
    pers.pop("checksum")
    pers["checksum"] = {"algorithm": "sha256", "value": sha256_of(pers)}
    write_doc(tmp_path / "badnick.json", pers)
    report = import_results(tmp_path, session)
    msgs = {n.file.name: n.message for n in report.problems}
    assert "newer version of Sango" in msgs["newer.json"]
    assert "not a number from 0 to 1" in msgs["badscore.json"]
    assert "no checksum" in msgs["nochecksum.json"]
    assert "nickname is not valid" in msgs["badnick.json"]
    assert report.merged.pupils == []


# -- a real class: 30 PCs, 40 pupils ---------------------------------------------------------------
@pytest.fixture(scope="module")
def lab(tmp_path_factory, session, catalog):
    folder = tmp_path_factory.mktemp("lab")
    files = simulate_lab(session, catalog, folder / "usb" / "Sango", pcs=30, shared=10, seed=42)
    # Two pupils with nicknames a spreadsheet must not run as formulas.
    lv = session.playlist[0]
    write_doc(folder / "usb" / "Sango" / "sango-results-formula.json",
              results_doc(session, "f0" * 16, [player("=HYPERLINK(1)", "x1", [(lv, "q1", 1.0, 5)]),
                                              player("@SUM", "x2", [(lv, "q1", 0.0, 5)])]))
    return folder, files


def test_forty_pupils_thirty_pcs(lab, session, catalog):
    folder, files = lab
    raw = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    report = import_results(folder / "usb", session)
    assert not report.problems and not report.duplicates
    merged = report.merged
    assert len(merged.files) == 31 and len(merged.machines) == 31
    sim = [p for p in merged.pupils if p.machine_id != "f0" * 16]
    assert len(sim) == 40
    assert sum(len(d["players"]) for d in raw) == 40
    # Every attempt counted exactly once.
    all_attempts = [(d["machine_id"], p["profile_id"], a["level"], a["question"], a["score"])
                    for d in raw for p in d["players"] for a in p["attempts"]]
    got = [(p.machine_id, p.profile_id, a.level, a.question, a.score) for p in sim for a in p.attempts]
    assert sorted(got) == sorted(all_attempts)
    summary = summarise(merged, catalog)
    assert summary.attempts == len(all_attempts) + 2
    # Most missed, computed independently from the raw files.
    stats = {}
    for d in raw:
        for p in d["players"]:
            for a in p["attempts"]:
                stats.setdefault((a["level"], a["question"]), []).append(a["score"])
    stats.setdefault((session.playlist[0], "q1"), []).extend([1.0, 0.0])
    indep = []
    for key, scores in stats.items():
        if len(scores) >= MIN_ATTEMPTS:
            wrong = len([s for s in scores if s < 1])
            indep.append((-wrong / len(scores), -len(scores), sum(scores) / len(scores), key))
    indep.sort()
    assert [(m.level, m.question) for m in summary.most_missed] == [k for *_, k in indep]
    top = summary.most_missed[0]
    assert top.prompt is not None and top.level_title is not None and top.share >= summary.most_missed[-1].share
    assert all(m.attempts >= MIN_ATTEMPTS for m in summary.most_missed)
    # Completion and stars per pupil agree with the files.
    by_key = {(d["machine_id"], p["profile_id"]): p for d in raw for p in d["players"]}
    for row in summary.pupils:
        if row.pupil.machine_id == "f0" * 16:
            continue
        p = by_key[row.pupil.key]
        assert row.completed == sum(1 for lv in p["levels"].values() if lv["completed"])
        assert row.stars == sum(lv["best_stars"] for lv in p["levels"].values())
        assert row.pre == (p["check"]["pre"]["score"] if p["check"]["pre"] else None)
    pres = [p["check"]["pre"]["score"] for p in by_key.values() if p["check"]["pre"]]
    assert summary.pre_average == pytest.approx(sum(pres) / len(pres))
    assert summary.post_average > summary.pre_average  # the simulated class learned something
    # Per-topic averages.
    for t in summary.topics:
        scores = [a["score"] for p in by_key.values() for a in p["attempts"] if catalog.levels[a["level"]].topic == t.topic]
        scores += [1.0, 0.0] if catalog.levels[session.playlist[0]].topic == t.topic else []
        assert t.attempts == len(scores) and t.average == pytest.approx(sum(scores) / len(scores))


def test_csv_files(lab, session, catalog, tmp_path):
    from sango_game.i18n import Translator

    folder, _ = lab
    report = import_results(folder / "usb", session)
    summary = summarise(report.merged, catalog)
    paths = write_csv_files(tmp_path / "out", summary, catalog, Translator("en"))
    assert [p.name for p in paths] == ["results.csv", "summary.csv", "questions.csv", "check-items.csv"]
    for p in paths:
        assert p.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets then read UTF-8
    results = list(csv.reader(io.StringIO(paths[0].read_text(encoding="utf-8-sig"), newline="")))
    summary_rows = list(csv.reader(io.StringIO(paths[1].read_text(encoding="utf-8-sig"), newline="")))
    questions = list(csv.reader(io.StringIO(paths[2].read_text(encoding="utf-8-sig"), newline="")))
    n = len(report.merged.pupils)
    assert n == 42
    assert len(results) == 1 + n * len(session.playlist)
    assert len(summary_rows) == 1 + n
    assert len(questions) == 1 + len(summary.most_missed)
    assert results[0][0] == "Nickname" and summary_rows[0][-2:] == ["Improvement (points)", "Normalised gain (%)"]
    names = {r[0] for r in summary_rows[1:]}
    wanted = {p.display_name for p in report.merged.pupils if not p.nickname.startswith(("=", "@"))}
    assert wanted <= names
    assert any(any("\u0600" <= ch <= "\u06ff" for ch in nm) for nm in names), "an Arabic nickname survives"
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in nm) for nm in names), "a Chinese nickname survives"
    assert "'=HYPERLINK(1)" in names and "'@SUM" in names  # formula injection guard
    for row in summary_rows[1:]:
        int(row[3]), int(row[5])  # numbers stay numbers
        assert not row[0].startswith(("=", "+", "-", "@"))


def test_csv_in_french_translates_headers_and_level_titles(lab, session, catalog, tmp_path):
    from sango_game.i18n import Translator

    folder, _ = lab
    summary = summarise(import_results(folder / "usb", session).merged, catalog)
    tr = Translator("fr")
    paths = write_csv_files(tmp_path, summary, catalog, tr)
    rows = list(csv.reader(io.StringIO(paths[0].read_text(encoding="utf-8-sig"), newline="")))
    lv = catalog.levels[rows[1][2]]
    assert rows[1][3] == tr.level(lv.title)
    assert rows[0][0] == tr._("Nickname")


def test_safe_cell():
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("+33 1") == "'+33 1" and safe_cell("-x") == "'-x"
    assert safe_cell("@a") == "'@a" and safe_cell("\tx") == "'\tx" and safe_cell("ok") == "ok"
    assert safe_cell(-3) == -3 and safe_cell(None) == "" and safe_cell(2.5) == 2.5


# -- results built from real progress stores -------------------------------------------------------
def test_build_results_from_stores(tmp_path, session, catalog):
    from sango_game.classroom import machine_id
    from sango_game.progress import ProgressStore

    stores = []
    files = []
    q0 = session.playlist[0]
    for pc in range(2):
        folder = tmp_path / f"pc{pc}"
        store = ProgressStore.open(folder / "progress.sqlite3")
        stores.append(store)
        a = store.create_profile("ليلى" if pc == 0 else "小明", "cat")
        b = store.create_profile(f"Home{pc}", "owl")  # played at home only: not in the export
        store.set_settings(a.id, {"language": "ar" if pc == 0 else "zh_Hans"})
        store.record_attempt(b.id, q0, "q1", '"a"', 1.0, 100)
        store.record_attempt(a.id, q0, "q1", '"a"', 0.0, 100)  # before the session: not exported
        for c in session.check_for("pre"):
            store.record_attempt(a.id, check_level_id("pre"), c.key, '"a"', 0.0, 100, session_id=session.id)
        store.record_attempt(a.id, q0, "q1", '"c"', 1.0, 2000, session_id=session.id)
        store.record_attempt(a.id, q0, "q2", "false", 0.0, 3000, session_id=session.id)
        store.record_level_result(a.id, q0, "rights", "9-12", 0.5, 1)
        store.record_level_result(a.id, "t-passwords-quiz", "passwords", "13-18", 1.0, 3)  # not in the playlist
        for i, c in enumerate(session.check_for("post")):
            store.record_attempt(a.id, check_level_id("post"), c.key, '"a"', 0.0, 100, session_id=session.id)
            store.record_attempt(a.id, check_level_id("post"), c.key, '"b"', 1.0 if i % 2 == 0 else 0.0, 100,
                                 session_id=session.id)  # answered again: the last answer counts
        doc = build_results(store, session, machine_id(folder))
        files.append(write_results(tmp_path / "usb", doc, session))
    assert machine_id(tmp_path / "pc0") == machine_id(tmp_path / "pc0") != machine_id(tmp_path / "pc1")
    rf = read_results(files[0])
    assert len(rf.players) == 1
    p = rf.players[0]
    assert p.nickname == "ليلى" and p.language == "ar" and p.avatar == "cat"
    assert [(a.level, a.question, a.score) for a in p.attempts] == [(q0, "q1", 1.0), (q0, "q2", 0.0)]
    assert set(p.levels) == {q0} and p.levels[q0].best_stars == 1
    n_post = len(session.check_for("post"))
    assert p.pre.score == 0.0 and p.pre.answered == len(session.check_for("pre"))
    assert p.post.score == pytest.approx(sum(1 for i in range(n_post) if i % 2 == 0) / n_post)
    # Only nickname and avatar identify a child; nothing else about them is in the file.
    doc = json.loads(files[0].read_text(encoding="utf-8"))
    assert set(doc["players"][0]) == {"profile_id", "nickname", "avatar", "language", "levels", "attempts", "check"}
    assert set(doc["players"][0]["attempts"][0]) == {"level", "question", "score", "time_ms"}
    assert "Home0" not in files[0].read_text(encoding="utf-8")
    report = import_results(tmp_path / "usb", session)
    assert sorted(p.nickname for p in report.merged.pupils) == sorted(["ليلى", "小明"])
    summary = summarise(report.merged, catalog)
    assert summary.paired_count == 2 and summary.improvement_average > 0
    for s in stores:
        s.close()


# -- fuzzing ----------------------------------------------------------------------------------------
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | utf8_text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(utf8_text(max_size=8), children, max_size=4),
    max_leaves=25)


def _mutate(doc, rng: random.Random, junk):
    """Replace, delete or retype one value somewhere in the document."""
    d = copy.deepcopy(doc)
    parents = []
    stack = [d]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            parents += [(v, k) for k in v]
            stack += list(v.values())
        elif isinstance(v, list):
            parents += [(v, i) for i in range(len(v))]
            stack += v
    parent, key = rng.choice(parents)
    if isinstance(parent, dict) and rng.random() < 0.3:
        del parent[key]
    else:
        parent[key] = junk
    return d


@settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=json_values, seed=st.integers(0, 10**6), rechecksum=st.booleans(), doc=json_values)
def test_fuzz_import_never_raises(junk, seed, rechecksum, doc, session, tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    lv = session.playlist[0]
    good = results_doc(session, "ab" * 16, [player("Nour", "p1", [(lv, "q1", 1.0, 5)], {lv: LevelScore(3, 1.0, True)},
                                                    pre=CheckScore(0.5, 2))])
    bad = _mutate(good, random.Random(seed), junk)
    if rechecksum and isinstance(bad, dict):
        bad.pop("checksum", None)
        bad["checksum"] = {"algorithm": "sha256", "value": sha256_of(bad)}  # get past the checksum into validation
    write_doc(folder / "mutated.json", bad)
    write_doc(folder / "random.json", doc)
    before = tree_hashes(folder)
    report = import_results(folder, session)  # must not raise
    assert tree_hashes(folder) == before
    assert len(report.problems) + len(report.merged.files) + len(report.duplicates) + len(report.ignored) == 2
    for note in report.problems:
        assert isinstance(note.error, ClassroomFileError) and note.message
