"""The level format: loading, validation messages with file:line and a fix, fuzzing."""

import textwrap
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sango_game.content import load_catalog, load_level, load_topics
from sango_game.content.graph import dead_end_nodes, paths_to_endings, unreachable_nodes
from sango_game.resources import levels_path

from .examples import examples, utf8_text

FIX = Path(__file__).parent / "fixtures" / "levels"


def topics():
    return load_topics(levels_path("topics.yaml"))[0]


def write(tmp_path, name, text):
    p = tmp_path / f"{name}.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    return p


def issues_for(tmp_path, name, text):
    res = load_level(write(tmp_path, name, text), topics())
    return res, [i.format() for i in res.issues]


def test_fixture_levels_load(fixture_catalog):
    assert not fixture_catalog.errors, [i.format() for i in fixture_catalog.issues]
    quiz = fixture_catalog.levels["k-passwords-quiz"]
    assert [q.type for q in quiz.questions] == ["single", "true_false", "multi", "red_flags", "sort"]
    assert quiz.questions[0].prompt.ctx == "k-passwords-quiz|q1.prompt"
    assert quiz.questions[0].choices[0].text.source == "123456"


def test_bundled_curriculum_has_no_errors():
    cat = load_catalog()
    assert not cat.errors, "\n".join(i.format() for i in cat.errors)


BASE = """\
id: k-x-quiz
kind: quiz
band: "9-12"
topic: passwords
order: 1
title: T
goal: G
intro: I
discussion: [D]
questions:
"""
Q = """\
  - id: q{n}
    type: single
    prompt: P
    choices:
      - {{id: a, text: A, correct: true}}
      - {{id: b, text: B, feedback: F}}
    explain: E
"""


def quiz(extra_q="", n=4, top_extra=""):
    return BASE.replace("questions:\n", top_extra + "questions:\n") + "".join(Q.format(n=i) for i in range(n)) + extra_q


def test_valid_minimal_quiz(tmp_path):
    res, msgs = issues_for(tmp_path, "k-x-quiz", quiz())
    assert res.level is not None, msgs


def test_unknown_key_suggests_fix_with_line(tmp_path):
    text = quiz().replace("    prompt: P\n", "    promt: P\n", 1)
    res, msgs = issues_for(tmp_path, "k-x-quiz", text)
    assert res.level is None
    line = text.splitlines().index("    promt: P") + 1
    assert any(f"k-x-quiz.yaml:{line}: error: unknown key 'promt'" in m and "did you mean 'prompt'" in m for m in msgs), msgs


def test_bad_yaml_reports_line(tmp_path):
    text = quiz() + "  - id: [unclosed\n"
    res, msgs = issues_for(tmp_path, "k-x-quiz", text)
    assert res.level is None and "not valid YAML" in msgs[0] and ".yaml:" in msgs[0]


def test_python_tags_are_refused(tmp_path):
    res, msgs = issues_for(tmp_path, "k-x-quiz", "!!python/object/apply:os.system ['echo hi']\n")
    assert res.level is None and "remove the '!' tag" in msgs[0]


def test_missing_correct_answer(tmp_path):
    text = quiz().replace("{id: a, text: A, correct: true}", "{id: a, text: A, feedback: no}", 1)
    _, msgs = issues_for(tmp_path, "k-x-quiz", text)
    assert any("exactly one correct choice, it has 0" in m for m in msgs), msgs


def test_wrong_choice_without_feedback(tmp_path):
    text = quiz().replace("{id: b, text: B, feedback: F}", "{id: b, text: B}", 1)
    _, msgs = issues_for(tmp_path, "k-x-quiz", text)
    assert any("wrong choice 'b' has no feedback" in m and "fix:" in m for m in msgs), msgs


def test_number_and_boolean_text_need_quotes(tmp_path):
    text = quiz().replace("text: A,", "text: 123456,", 1).replace("text: B,", "text: No,", 1)
    _, msgs = issues_for(tmp_path, "k-x-quiz", text)
    assert any('put it in quotes: text: "123456"' in m for m in msgs), msgs
    assert any('text: "No"' in m for m in msgs), msgs


def test_text_too_long_and_long_sentence_for_kids(tmp_path):
    long = " ".join(["word"] * 25) + "."
    text = quiz().replace("title: T", "title: " + "x" * 41).replace("goal: G", f"goal: {long}")
    _, msgs = issues_for(tmp_path, "k-x-quiz", text)
    assert any("too long (41 characters, at most 40)" in m for m in msgs), msgs
    assert any("has 25 words; 9-12 levels allow at most 20" in m for m in msgs), msgs


def test_unknown_topic_and_band_mismatch(tmp_path):
    _, msgs = issues_for(tmp_path, "k-x-quiz", quiz().replace("topic: passwords", "topic: pasword"))
    assert any("unknown topic 'pasword'" in m and "did you mean 'passwords'" in m for m in msgs), msgs
    _, msgs = issues_for(tmp_path, "k-x-quiz", quiz().replace("topic: passwords", "topic: copyright"))
    assert any("is not taught in band 9-12" in m for m in msgs), msgs


def test_id_must_match_file_name(tmp_path):
    _, msgs = issues_for(tmp_path, "other-name", quiz())
    assert any("does not match the file name" in m for m in msgs), msgs


def test_missing_image_asset(tmp_path):
    from sango_game.resources import asset_path

    text = quiz().replace("    prompt: P\n", "    prompt: P\n    image: illustrations/nope.svg\n", 1)
    res = load_level(write(tmp_path, "k-x-quiz", text), topics(), asset_path())
    assert any("assets/illustrations/nope.svg does not exist" in i.message for i in res.issues)


SCEN = """\
id: k-s-scenario
kind: scenario
band: "9-12"
topic: strangers
order: 2
title: T
goal: G
intro: I
discussion: [D]
start: a
nodes:
  - id: a
    text: A
    choices:
      - {id: x, text: X, quality: good, consequence: C, next: end}
      - {id: y, text: Y, quality: risky, consequence: C, next: loop}
  - id: loop
    text: L
    choices:
      - {id: x, text: X, quality: good, consequence: C, next: loop}
      - {id: y, text: Y, quality: risky, consequence: C, next: loop}
  - id: island
    text: I
    choices:
      - {id: x, text: X, quality: good, consequence: C, next: end}
      - {id: y, text: Y, quality: good, consequence: C, next: nowhere}
  - id: end
    ending: good
    text: E
    lesson: L
"""


def test_scenario_graph_errors(tmp_path):
    res, msgs = issues_for(tmp_path, "k-s-scenario", SCEN)
    assert res.level is None
    assert any("leads to node 'nowhere', which does not exist" in m for m in msgs), msgs
    fixed = SCEN.replace("next: nowhere", "next: end")
    res, msgs = issues_for(tmp_path, "k-s-scenario", fixed)
    assert any("node 'island' can never be reached" in m for m in msgs), msgs
    assert any("from node 'loop' no ending can be reached" in m for m in msgs), msgs
    line = fixed.splitlines().index("  - id: loop") + 1
    assert any(f"k-s-scenario.yaml:{line}:" in m and "'loop'" in m for m in msgs), msgs


def test_graph_helpers(fixture_catalog):
    lv = fixture_catalog.levels["k-strangers-scenario"]
    assert unreachable_nodes(lv.start, lv.nodes) == []
    assert dead_end_nodes(lv.nodes) == []
    paths = paths_to_endings(lv.start, lv.nodes)
    assert set(paths) == {"end-good", "end-risky"}
    assert paths["end-good"] == ["ignore"]


def test_catalog_skips_broken_level_and_keeps_the_rest(tmp_path):
    import shutil

    root = tmp_path / "levels"
    shutil.copytree(FIX, root)
    (root / "9-12" / "k-broken-quiz.yaml").write_text("id: k-broken-quiz\nkind: quiz\n  bad: indent\n", encoding="utf-8")
    cat = load_catalog(root)
    assert set(cat.levels) == {"k-passwords-quiz", "k-strangers-scenario"}
    assert cat.broken_files == ["levels/9-12/k-broken-quiz.yaml"]


def test_duplicate_level_ids(tmp_path):
    import shutil

    root = tmp_path / "levels"
    shutil.copytree(FIX, root)
    (root / "13-18").mkdir()
    shutil.copy(root / "9-12" / "k-passwords-quiz.yaml", root / "13-18" / "k-passwords-quiz.yaml")
    cat = load_catalog(root)
    assert any("duplicate level id 'k-passwords-quiz'" in i.message for i in cat.errors)


def test_check_command_output_and_exit_code(tmp_path, capsys):
    from sango_game.cli import main

    assert main(["check", str(FIX)]) == 0
    p = write(tmp_path, "k-x-quiz", quiz().replace("    prompt: P\n", "    promt: P\n", 1))
    assert main(["check", str(p)]) == 1
    out = capsys.readouterr().out
    assert "k-x-quiz.yaml:" in out and "fix:" in out and "1 error(s)" not in out.splitlines()[0]


yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), utf8_text(max_size=30))
yaml_values = st.recursive(yaml_scalars, lambda ch: st.one_of(st.lists(ch, max_size=5),
                                                             st.dictionaries(utf8_text(max_size=12), ch, max_size=6)),
                           max_leaves=40)
KEYS = ["id", "kind", "band", "topic", "order", "title", "goal", "intro", "discussion", "questions", "start", "nodes",
        "type", "prompt", "choices", "text", "correct", "feedback", "explain", "answer", "message", "lines", "bins", "items",
        "ending", "lesson", "next", "quality", "consequence", "speaker", "characters", "name", "flag", "why", "bin", "label"]
level_like = st.recursive(
    yaml_scalars | st.sampled_from(["quiz", "scenario", "9-12", "13-18", "single", "sort", "good", "a", "passwords"]),
    lambda ch: st.one_of(st.lists(ch, max_size=5), st.dictionaries(st.sampled_from(KEYS), ch, max_size=8)), max_leaves=60)


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(utf8_text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_fuzz_any_text_gives_level_or_clean_error(tmp_path, text):
    p = tmp_path / "k-fuzz-quiz.yaml"
    p.write_text(text, encoding="utf-8", errors="surrogatepass")
    res = load_level(p, topics())
    assert res.level is not None or res.issues
    for i in res.issues:
        assert i.message and i.path


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(level_like)
def test_fuzz_structures_give_level_or_clean_error(tmp_path, data):
    import yaml

    p = tmp_path / "k-fuzz-quiz.yaml"
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    res = load_level(p, topics())
    assert (res.level is None) == bool(res.errors)


def test_loading_the_same_files_again_shares_the_levels_and_sees_every_change(tmp_path):
    """A second load of unchanged files shares the frozen levels (fast), in containers of its own
    (packs add levels to one game's catalog only); a changed level file, a new art file an image
    points to, or another topics file is loaded again."""
    import shutil

    root = tmp_path / "levels"
    shutil.copytree(FIX, root)
    art = tmp_path / "assets"
    (art / "illustrations").mkdir(parents=True)
    first = load_catalog(root, assets_root=art)
    again = load_catalog(root, assets_root=art)
    assert again.levels == first.levels and again.levels is not first.levels
    assert all(again.levels[k] is first.levels[k] for k in first.levels)
    again.levels.pop("k-passwords-quiz")
    assert "k-passwords-quiz" in load_catalog(root, assets_root=art).levels  # the kept one was not changed

    quiz_file = root / "9-12" / "k-passwords-quiz.yaml"
    text = quiz_file.read_text(encoding="utf-8")
    quiz_file.write_text(text.replace("order: ", "order: 9\n# was: ", 1), encoding="utf-8")
    assert load_catalog(root, assets_root=art).levels["k-passwords-quiz"].order == 9

    picture = text.replace("    prompt:", "    image: illustrations/new.svg\n    prompt:", 1)
    assert picture != text
    quiz_file.write_text(picture, encoding="utf-8")
    assert any("new.svg does not exist" in i.message for i in load_catalog(root, assets_root=art).issues)
    (art / "illustrations" / "new.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    assert not any("new.svg" in i.message for i in load_catalog(root, assets_root=art).issues)
