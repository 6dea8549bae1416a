"""Session files: round trip, validation against the levels, and clear errors for bad files."""

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sango_game.classroom import ClassroomFileError, new_session, pick_check_questions, read_session, write_session
from sango_game.classroom.files import MAX_FILE_BYTES, slug
from sango_game.classroom.session import session_from_json
from sango_game.content import load_catalog

from .examples import examples, utf8_text


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture
def session(catalog):
    levels = catalog.band_levels("9-12")[:6]
    return new_session("Class 6B – 12 March", "9-12", "fr", [lv.id for lv in levels], pick_check_questions(levels, 4),
                       catalog=catalog)


def test_round_trip_and_file_name(tmp_path, session, catalog):
    path = write_session(tmp_path / session.file_name(), session)
    assert path.name == "sango-session-Class-6B-12-March.json"
    back = read_session(path, catalog)
    assert back == session and back.source == path
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "sango-session" and data["version"] == 1
    assert len(data["id"]) == 32 and data["language"] == "fr" and data["band"] == "9-12"
    first = session.check[0]
    assert data["check"][0] == {"level": first.level, "question": first.question, "phase": first.phase}


def test_session_ids_are_random(catalog):
    a = new_session("A", "9-12", "en", ["k-passwords-quiz"], catalog=catalog)
    b = new_session("A", "9-12", "en", ["k-passwords-quiz"], catalog=catalog)
    assert a.id != b.id


def test_arabic_and_chinese_names_make_file_names(catalog):
    s = new_session("الصف السادس", "9-12", "ar", ["k-passwords-quiz"], catalog=catalog)
    assert s.file_name() == "sango-session-الصف-السادس.json"
    assert slug("/../", "abc") == "abc"  # nothing left: fall back (never a path)
    assert "/" not in slug("a/b\\c:d", "x") and "\\" not in slug("a/b\\c:d", "x")


def test_check_questions_spread_over_quiz_levels(catalog):
    levels = catalog.band_levels("9-12")
    refs = pick_check_questions(levels, 5)
    quizzes = [lv for lv in levels if lv.kind == "quiz"]
    pre = [r for r in refs if r.phase == "pre"]
    post = [r for r in refs if r.phase == "post"]
    # One item before and a different, parallel one after, from each of the first five quiz levels.
    assert [r.level for r in pre] == [r.level for r in post] == [lv.id for lv in quizzes[:5]]
    assert not {r.key for r in pre} & {r.key for r in post}
    many = pick_check_questions(levels[:4], 100)  # more than there are: every tagged item once
    assert len(many) == len({r.key for r in many})
    tagged = sum(1 for lv in levels[:4] if lv.kind == "quiz" for q in lv.questions if q.check)
    assert len(many) == tagged


def _write(tmp_path, data, name="sango-session-x.json"):
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return p


def test_unknown_levels_are_named(tmp_path, session, catalog):
    data = session.to_json()
    data["playlist"] = data["playlist"] + ["k-time-travel-quiz", "k-moon-scenario"]
    p = _write(tmp_path, data)
    read_session(p)  # without a catalog, only the format is checked
    with pytest.raises(ClassroomFileError) as e:
        read_session(p, catalog)
    msg = str(e.value)
    assert "k-time-travel-quiz" in msg and "k-moon-scenario" in msg and p.name in msg
    assert "Install the same Sango version" in msg


def test_unknown_check_question_and_wrong_band(tmp_path, session, catalog):
    data = session.to_json()
    data["check"] = [{"level": "k-passwords-quiz", "question": "q99"}]
    with pytest.raises(ClassroomFileError, match="k-passwords-quiz/q99"):
        read_session(_write(tmp_path, data), catalog)
    data = session.to_json()
    teen = catalog.band_levels("13-18")[0].id
    data["playlist"].append(teen)
    with pytest.raises(ClassroomFileError, match=teen):
        read_session(_write(tmp_path, data), catalog)


@pytest.mark.parametrize("mutate, expect", [
    (lambda d: d.pop("id"), "'id' is missing"),
    (lambda d: d.pop("playlist"), "'playlist' is missing"),
    (lambda d: d.update(playlist=[]), "'playlist' is empty"),
    (lambda d: d.update(playlist="k-passwords-quiz"), "'playlist' is missing or not a list"),
    (lambda d: d.update(playlist=[1, 2]), "not a level id"),
    (lambda d: d.update(band="7-8"), "'band' must be one of"),
    (lambda d: d.update(language="de"), "'language' must be one of"),
    (lambda d: d.update(name=""), "the name is empty"),
    (lambda d: d.update(name=42), "'name' is not text"),
    (lambda d: d.update(name="a\u202eb"), "not allowed"),
    (lambda d: d.update(check={"level": "x"}), "'check' is not a list"),
    (lambda d: d.update(check=[{"level": "k-passwords-quiz"}]), "without 'level' and 'question'"),
    (lambda d: d.update(id="not-hex"), "'id' is not a session id"),
    (lambda d: d.update(version="1"), "version number is missing"),
    (lambda d: d.update(version=7), "newer version of Sango"),
    (lambda d: d.update(format="sango-results"), "results file, not a session file"),
    (lambda d: d.update(format="sango-progress"), "one player's progress file"),
    (lambda d: d.update(format="something-else"), "not a Sango session file"),
])
def test_bad_fields_give_clear_errors(tmp_path, session, mutate, expect):
    data = session.to_json()
    mutate(data)
    p = _write(tmp_path, data)
    with pytest.raises(ClassroomFileError) as e:
        read_session(p)
    assert expect in str(e.value)
    assert str(e.value).startswith(p.name + ": ")
    assert e.value.what_to_do()  # always says what to do


@pytest.mark.parametrize("content, expect", [
    ("", "empty"),
    ("hello teacher", "not readable JSON"),
    ("[1, 2, 3]", "expected structure"),
    ('{"format": "sango-session", "id": "ab', "cut short"),
    ('{"format": NaN}', "not readable JSON"),
    ("[" * 100000 + "]" * 100000, "expected structure"),
])
def test_broken_files(tmp_path, content, expect):
    with pytest.raises(ClassroomFileError, match=expect):
        read_session(_write(tmp_path, content))


def test_not_utf8_and_missing_and_folder(tmp_path):
    p = tmp_path / "sango-session-bin.json"
    p.write_bytes(b"\xff\xfe\x00garbage\x81")
    with pytest.raises(ClassroomFileError, match="not UTF-8"):
        read_session(p)
    with pytest.raises(ClassroomFileError, match="not found"):
        read_session(tmp_path / "nope.json")
    with pytest.raises(ClassroomFileError, match="folder"):
        read_session(tmp_path)


def test_too_big_is_refused_before_reading(tmp_path, session):
    p = tmp_path / "sango-session-big.json"
    data = session.to_json()
    data["padding"] = "x" * (MAX_FILE_BYTES + 10)
    p.write_text(json.dumps(data))
    with pytest.raises(ClassroomFileError, match="too big"):
        read_session(p)


def test_bom_is_accepted(tmp_path, session):
    p = tmp_path / "s.json"
    p.write_bytes(b"\xef\xbb\xbf" + json.dumps(session.to_json()).encode())
    assert read_session(p).id == session.id


def test_messages_translate(tmp_path):
    from sango_game.i18n import Translator

    p = _write(tmp_path, "nonsense")
    with pytest.raises(ClassroomFileError) as e:
        read_session(p)
    en = e.value.message(Translator("en"))
    assert en == str(e.value)
    fr = e.value.message(Translator("fr"))
    assert fr.startswith(p.name + ": ") and fr  # falls back to English where not translated yet


def test_write_to_unwritable_place_is_a_clear_error(tmp_path, session):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ClassroomFileError, match="could not be saved"):
        write_session(blocker / "sub" / session.file_name(), session)


if os.name == "posix" and os.geteuid() != 0:
    def test_read_only_folder(tmp_path, session):
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        try:
            with pytest.raises(ClassroomFileError, match="cannot be written"):
                write_session(ro / session.file_name(), session)
        finally:
            ro.chmod(0o700)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | utf8_text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(utf8_text(max_size=10), children, max_size=5),
    max_leaves=30)
session_like = st.fixed_dictionaries(
    {}, optional={"format": st.sampled_from(["sango-session", "sango-results", "x"]) | json_values,
                  "version": st.sampled_from([1, 2, 0, -1, True, "1"]) | json_values,
                  "id": st.sampled_from(["0123456789abcdef0123456789abcdef"]) | json_values,
                  "name": utf8_text(max_size=90) | json_values, "band": st.sampled_from(["9-12", "13-18"]) | json_values,
                  "language": st.sampled_from(["en", "ar", "zh_Hans"]) | json_values,
                  "playlist": st.lists(st.sampled_from(["k-passwords-quiz", "k-scams-quiz", "nope"]) | json_values,
                                       max_size=4) | json_values,
                  "check": st.lists(st.fixed_dictionaries({"level": st.sampled_from(["k-passwords-quiz"]) | json_values,
                                                           "question": st.sampled_from(["q1", "q9"]) | json_values}),
                                                           max_size=3) | json_values,
                  "created_at": json_values})


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=session_like | json_values)
def test_fuzz_session_documents_only_raise_classroom_errors(doc, catalog):
    try:
        s = session_from_json(doc, None, catalog)
    except ClassroomFileError:
        return
    assert s.playlist and all(lid in catalog.levels for lid in s.playlist)


@settings(max_examples=examples(150), deadline=None)
@given(raw=st.binary(max_size=300) | utf8_text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_fuzz_raw_bytes_only_raise_classroom_errors(raw, tmp_path_factory):
    p = tmp_path_factory.mktemp("fuzz") / "sango-session-f.json"
    p.write_bytes(raw)
    try:
        read_session(p)
    except ClassroomFileError:
        pass
