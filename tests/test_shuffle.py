"""Shuffled options: deterministic per seed, different across attempts, stored with the attempt."""

from dataclasses import replace

from sango_game.core.play import QuizRun, ScenarioRun
from sango_game.core.shuffle import arrange_node, arrange_question, permutation, shown_order
from sango_game.progress import ProgressStore


def _level(catalog, kind):
    return next(lv for lv in catalog.levels.values() if lv.kind == kind)


def test_permutation_is_a_permutation_and_deterministic():
    for n in range(1, 7):
        p = permutation(42, "q1", n)
        assert sorted(p) == list(range(n))
        assert p == permutation(42, "q1", n)


def test_order_differs_across_attempts_and_items():
    orders = {tuple(permutation(seed, "q1", 4)) for seed in range(200)}
    assert len(orders) == 24  # every order of 4 options turns up
    firsts = [permutation(seed, "q1", 4)[0] for seed in range(4000)]
    for i in range(4):  # the first place goes to each option about as often
        assert 800 < firsts.count(i) < 1200
    assert any(permutation(7, "q1", 4) != permutation(7, "q2", 4) for _ in range(1))


def test_kinds_that_keep_their_order(fixture_catalog):
    quiz = _level(fixture_catalog, "quiz")
    seen_types = set()
    for q in quiz.questions:
        seen_types.add(q.type)
        shown = arrange_question(q, 12345)
        assert shown.id == q.id and shown.prompt == q.prompt
        if q.type == "red_flags":
            assert shown.message.lines == q.message.lines  # a chat reads in order
            assert shown_order(q, 12345) == [ln.id for ln in q.message.lines]
        if q.type == "true_false":
            assert shown_order(q, 12345) == ["true", "false"]
        if q.type == "sort":
            assert shown.bins == q.bins
            assert sorted(it.id for it in shown.items) == sorted(it.id for it in q.items)
        if q.type in ("single", "multi"):
            assert sorted(c.id for c in shown.choices) == sorted(c.id for c in q.choices)
            assert shown_order(q, 12345) == [c.id for c in shown.choices]
    assert {"single", "multi"} <= seen_types


def test_fixed_order_opt_out_and_no_seed(fixture_catalog):
    quiz = _level(fixture_catalog, "quiz")
    q = next(q for q in quiz.questions if q.type == "single" and len(q.choices) >= 3)
    moved = [s for s in range(50) if arrange_question(q, s).choices != q.choices]
    assert moved, "some seed must move the options"
    fixed = replace(q, fixed_order=True)
    assert all(arrange_question(fixed, s).choices == q.choices for s in range(50))
    assert arrange_question(q, None) is q


def test_quiz_run_keeps_one_order_per_attempt_and_scores_by_id(fixture_catalog):
    quiz = _level(fixture_catalog, "quiz")
    run = QuizRun(quiz, seed=99)
    first = [c.id for c in run.question.choices]
    assert [c.id for c in run.question.choices] == first  # redraw, read-aloud: same order
    q = run.question
    if q.type == "single":
        right = next(c.id for c in q.choices if c.correct)
        assert run.answer(right).correct
    other = [tuple(c.id for c in QuizRun(quiz, seed=s).question.choices) for s in range(30)]
    assert len(set(other)) > 1


def test_scenario_choices_shuffled_stable_and_fixed(fixture_catalog):
    level = _level(fixture_catalog, "scenario")
    step = next(n for n in level.nodes if len(n.choices) >= 2)
    run = ScenarioRun(level, node_id=step.id, seed=5)
    assert run.node.choices == run.node.choices
    assert {c.id for c in run.node.choices} == {c.id for c in step.choices}
    orders = {tuple(c.id for c in arrange_node(step, s).choices) for s in range(40)}
    assert len(orders) > 1
    assert {tuple(c.id for c in arrange_node(replace(step, fixed_order=True), s).choices) for s in range(40)} == {
        tuple(c.id for c in step.choices)}


def test_loader_reads_order_fixed(tmp_path, fixture_catalog):
    from sango_game.content.loader import load_level

    quiz = _level(fixture_catalog, "quiz")
    text = quiz.path.read_text(encoding="utf-8")
    q = next(q for q in quiz.questions if q.type == "single")
    marker = f"  - id: {q.id}\n"
    assert marker in text
    bad = text.replace(marker, marker + "    order: sideways\n", 1)
    good = text.replace(marker, marker + "    order: fixed\n    check: post\n", 1)
    (tmp_path / quiz.path.name).write_text(good, encoding="utf-8")
    res = load_level(tmp_path / quiz.path.name, fixture_catalog.topics)
    assert not res.errors, res.issues
    got = next(x for x in res.level.questions if x.id == q.id)
    assert got.fixed_order and got.check == "post"
    (tmp_path / quiz.path.name).write_text(bad, encoding="utf-8")
    res = load_level(tmp_path / quiz.path.name, fixture_catalog.topics)
    assert any("sideways" in i.message for i in res.errors)


def test_seed_is_stored_with_the_attempt(tmp_path):
    store = ProgressStore.open(tmp_path / "p.db")
    kid = store.create_profile("Mei", "owl")
    store.record_attempt(kid.id, "lv", "q1", '"a"', 1.0, 10, seed=123456)
    store.record_attempt(kid.id, "lv", "q2", '"b"', 0.0, 10)
    got = store.attempts(kid.id)
    assert [a.seed for a in got] == [123456, None]
    exported = store.export_profile(kid.id)
    assert [a["seed"] for a in exported["attempts"]] == [123456, None]
    store.close()


def test_number_keys_follow_the_shown_order_and_the_seed_is_saved(fixture_catalog, tmp_path):
    from sango_game.app import App
    from sango_game.input import Action
    from sango_game.scenes.profiles import select_profile
    from sango_game.scenes.quiz import QuizScene

    app = App(size=(1280, 720), language="ar", catalog=fixture_catalog, data_dir=tmp_path / "data", speech=False, audio=False)
    try:
        kid = app.store.create_profile("Amina", "owl")
        select_profile(app, kid)
        quiz = next(lv for lv in fixture_catalog.levels.values()
                    if lv.kind == "quiz" and lv.questions[0].type == "single")
        q0 = quiz.questions[0]
        # A seed that moves the right answer away from where the file puts it.
        written = [c.id for c in q0.choices].index(next(c.id for c in q0.choices if c.correct))
        seed = next(s for s in range(100) if [c.id for c in arrange_question(q0, s).choices].index(
            next(c.id for c in q0.choices if c.correct)) != written)
        app.shuffle_seed = seed
        app.stack.push(QuizScene(app, quiz))
        app.step()
        scene = app.stack.top
        shown = scene.item_ids()
        assert shown == [c.id for c in arrange_question(q0, seed).choices]
        badges = [w.name for w in scene.focus.widgets if w.name.startswith("choice-")]
        assert badges == [f"choice-{cid}" for cid in shown]  # buttons drawn in the shown order (RTL too)
        right = next(c.id for c in q0.choices if c.correct)
        app.step([Action.choose(shown.index(right))])
        assert scene.outcome is not None and scene.outcome.correct
        saved = app.store.attempts(kid.id)[-1]
        assert (saved.question_id, saved.seed) == (q0.id, seed)
        assert shown_order(q0, saved.seed) == shown  # a report can rebuild what was shown
    finally:
        app.shutdown()
