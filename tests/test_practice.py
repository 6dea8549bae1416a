"""Practice levels (a pretend phone or laptop): format and checker, the rule language, the engine on
a manual clock, the scripted player reaching every outcome of every level, and the scene driven by
input actions (attempts recorded, reduced motion, idle frames, nothing typed ever stored)."""

import json
import textwrap

import pytest

from sango_game.content import load_catalog, load_level, load_topics
from sango_game.practice import apps as app_registry
from sango_game.practice.engine import ManualClock, PracticeRun
from sango_game.practice.rules import RuleError, parse
from sango_game.practice.script import STRATEGIES, play, reach
from sango_game.resources import levels_path


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture(scope="module")
def practice_levels(catalog):
    return [lv for lv in catalog.levels.values() if lv.kind == "practice"]


def ids(levels):
    return [lv.id for lv in levels]


# -- content ----------------------------------------------------------------------------------
def test_fifteen_practice_levels_both_bands_third_step_of_their_topic(catalog, practice_levels):
    assert not catalog.errors, [i.format() for i in catalog.errors]
    assert sum(lv.band == "9-12" for lv in practice_levels) >= 7
    assert sum(lv.band == "13-18" for lv in practice_levels) >= 8
    for lv in practice_levels:
        kinds = [x.kind for x in catalog.topic_levels(lv.band, lv.topic)]
        assert kinds == ["quiz", "scenario", "practice"], (lv.id, kinds)


def test_practice_names_are_not_reused_by_other_levels(catalog, practice_levels):
    """One person per name: a named practice character does not appear in another level."""
    names = {c.name.source for lv in practice_levels for c in lv.practice.contacts if not c.adult and c.name.source.isalpha()}
    for lv in catalog.levels.values():
        if lv.kind == "practice":
            continue
        text = " ".join(t.source for t in lv.texts())
        assert not [n for n in names if f" {n} " in f" {text} "], lv.id


def test_no_phone_numbers_in_practice_text(practice_levels):
    import re

    for lv in practice_levels:
        for t in lv.texts():
            assert not re.search(r"\+?\d[\d ]{7,}\d", t.source), (lv.id, t.source)


def test_extractor_yields_practice_strings_with_contexts():
    from sango_game.content.extract import extract_levels

    path = levels_path("9-12") / "k-strangers-practice.yaml"
    with path.open("rb") as fh:
        out = list(extract_levels(fh, None, None, None))
    ctxs = {msg[0] for _, _, msg, _ in out}
    assert "k-strangers-practice|e3.send.consequence" in ctxs
    assert "k-strangers-practice|rule.evidence.tip" in ctxs
    assert "k-strangers-practice|contact.star" in ctxs


# -- checker ------------------------------------------------------------------------------------
BASE = """\
    id: k-strangers-practice
    kind: practice
    band: "9-12"
    topic: strangers
    order: 3
    title: A test
    goal: I can test.
    intro: Let's test.
    discussion: [Why?]
    device: phone
    apps: [messenger]
    contacts:
      - {id: sam, name: Sam}
      - {id: mum, name: Mum, adult: true}
    chats:
      - {id: dm, with: [sam]}
    events:
      - {id: e1, at: 1, chat: dm, from: sam, text: Hi.}
      - {id: e2, at: 3, chat: dm, from: sam, text: Send a photo.}
    rules:
      - {id: r1, when: block(sam) before e2, praise: Well done., tip: Block sooner.}
"""


def load(tmp_path, text):
    p = tmp_path / "k-strangers-practice.yaml"
    p.write_text(textwrap.dedent(text), encoding="utf-8")
    res = load_level(p, load_topics(levels_path("topics.yaml"))[0])
    return res, [i.format() for i in res.issues]


def test_minimal_practice_level_loads(tmp_path):
    res, issues = load(tmp_path, BASE)
    assert res.level is not None, issues
    assert res.level.practice.rules[0].when == "block(sam) before e2"


@pytest.mark.parametrize("old,new,expect", [
    ("block(sam) before e2", "block(tom) before e2", ":21: error: rule 'block(tom) before e2': 'tom' is not a contact id"),
    ("block(sam) before e2", "smash(sam)", ":21: error: rule 'smash(sam)': unknown action 'smash'"),
    ("apps: [messenger]", "apps: [mesenger]", "did you mean 'messenger'?"),
    ("at: 3,", "at: 0.5,", "before the event above it"),
    ("from: sam, text: Send", "from: mum, text: Send", "must come 'from' a member of chat 'dm'"),
    ("praise: Well done.", "prase: Well done.", "did you mean 'praise'?"),
])
def test_checker_reports_line_and_fix(tmp_path, old, new, expect):
    res, issues = load(tmp_path, BASE.replace(old, new))
    assert res.level is None
    assert any(expect in i for i in issues), issues
    assert all("fix:" in i for i in issues if "error" in i)


def test_inbox_needs_both_genuine_and_phishing(tmp_path):
    text = BASE.replace("apps: [messenger]", "apps: [messenger, inbox]") + textwrap.indent(textwrap.dedent("""\
        mail:
          - {id: m1, format: email, from: A, address: a@x.example, text: Hi., phishing: true, consequence: Oops., explain: Fake.}
          - {id: m2, format: sms, from: B, address: b@y.example, text: Hi., phishing: true, consequence: Oops., explain: Fake.}
        """), "    ")
    _, issues = load(tmp_path, text)
    assert any("both genuine and phishing" in i for i in issues), issues


# -- rule language and engine -------------------------------------------------------------------
def test_rule_parser():
    e = parse("save(dm) before block(sam) and not reply(e2:send)")
    assert [str(a) for a in e.atoms()] == ["save(dm)", "block(sam)", "reply(e2:send)"]
    for bad in ("", "block sam", "not block(sam) before e2", "jump(x)"):
        with pytest.raises(RuleError):
            parse(bad)


def test_blocking_stops_the_script_and_order_of_steps_is_judged(tmp_path):
    level = load(tmp_path,
                 BASE + "      - {id: r2, when: save(dm) before block(sam), praise: Saved first., tip: Save first.}\n")[0].level
    clock = ManualClock()
    run = PracticeRun(level, clock)
    assert run.delivered == []
    clock.advance(1)
    assert [ev.id for ev in run.update()] == ["e1"]
    with pytest.raises(ValueError):
        run.act("reply", "e1", "x")  # nothing to answer
    run.act("block", "sam")
    run.act("save", "dm")  # still possible after blocking: the chat stays in the list
    clock.advance(5)
    run.update()
    assert "e2" in run.prevented and run.script_over
    d = run.finish()
    assert [j.id for j in d.good] == ["r1"] and [j.id for j in d.next_time] == ["r2"]
    assert d.stars == 1  # half of the credit
    assert "after {n} message" in d.moments[0].ui


def test_every_app_registers_itself_once():
    apps = app_registry.all_apps()
    assert set(apps) == {"messenger", "settings", "inbox", "password", "post", "shop"}
    verbs = [v for a in apps.values() for v in a.verbs]
    assert len(verbs) - len(set(verbs)) == 1  # only 'flag' is shared (inbox message, feed post), routed by target


def test_password_strength_uses_zxcvbn_and_three_words_win():
    from sango_game.practice.apps.password import STRONG_SCORE, strength

    assert strength("otter lantern pickle") >= STRONG_SCORE
    assert strength("P@ssw0rd!") < STRONG_SCORE
    assert strength("") == 0


# -- the scripted player reaches every outcome of every level --------------------------------------
def test_best_player_earns_three_stars_everywhere(practice_levels):
    for lv in practice_levels:
        d, _ = play(lv, "best")
        assert d.score == 1.0 and d.stars == 3 and not d.next_time, (lv.id, [j.id for j in d.next_time])


def test_risky_and_idle_players_get_kind_next_steps(practice_levels):
    for lv in practice_levels:
        d, player = play(lv, "risky")
        assert d.stars == 1 and d.next_time, lv.id
        if lv.practice.events and any(r.quality == "risky" for e in lv.practice.events for r in e.replies):
            assert any(n.quality == "risky" for _, n in player.notes), lv.id
        idle, _ = play(lv, "idle")
        assert idle.score < 1.0, lv.id
        assert len(d.pages()) == 2 and all(len(p) <= d.MAX_PER_PAGE for p in d.pages())


def test_every_reply_of_every_message_can_be_reached(practice_levels):
    n = 0
    for lv in practice_levels:
        for ev in lv.practice.events:
            for r in ev.replies:
                note = reach(lv, ev.id, r.id)
                assert note.text == r.consequence and note.quality == r.quality
                n += 1
    assert n >= 30


def test_every_item_outcome_is_reachable(practice_levels):
    for lv in practice_levels:
        p = lv.practice
        for m in p.mail:
            for verb in ("open", "flag", "delete"):
                if verb == "open" and m.target is None:
                    continue
                note = PracticeRun(lv, ManualClock()).act(verb, m.id)
                if verb == "open" and m.phishing:
                    assert note.quality == "risky" and note.text == m.consequence
                else:
                    assert note.text == m.explain
        for post in p.posts:
            for verb in ("share", "skip", "flag"):
                note = PracticeRun(lv, ManualClock()).act(verb, post.id)
                assert note.text == post.explain
        for sw in p.switches:
            for verb in ("on", "off"):
                note = PracticeRun(lv, ManualClock()).act(verb, sw.id)
                assert note.text == sw.explain and note.quality == ("good" if (verb == "on") == sw.best else "risky")
        for o in p.offers:
            assert PracticeRun(lv, ManualClock()).act("buy", o.id).quality == "risky"
            assert PracticeRun(lv, ManualClock()).act("decline", o.id).quality == "good"


def test_strategies_are_deterministic(practice_levels):
    lv = practice_levels[0]
    for s in STRATEGIES:
        a, pa = play(lv, s)
        b, pb = play(lv, s)
        assert a.score == b.score and [x for x, _ in pa.notes] == [x for x, _ in pb.notes]


# -- the scene, driven through the app ----------------------------------------------------------------
@pytest.fixture
def app(tmp_path):
    from sango_game.app import App

    a = App(size=(1280, 720), language="en", data_dir=tmp_path / "data", speech=False, audio=False)
    a.profile = a.store.create_profile("Kiri", "owl")
    yield a
    a.shutdown()


def test_keyboard_play_records_every_action_as_an_attempt(app):
    from sango_game.input import Act, Action
    from sango_game.scenes.practice import PracticeScene

    lv = app.catalog.levels["k-strangers-practice"]
    scene = PracticeScene(app, lv)
    app.stack.push(scene)
    app.step()
    app.step([Action.choose(0)])  # 1: Messages
    for _ in range(20):
        app.step(dt=0.25)  # 5 s: two messages arrived
    app.step([Action.choose(0)])  # the chat
    assert scene.screen == ("chat", "game")
    app.step([Action.choose(1)])  # reply 2: "No thanks."
    app.step([Action.choose(0)])  # Options (the only choice left until the next message)
    assert scene.screen == ("menu", "game")
    app.step([Action.choose(0)])  # Save evidence, back in the chat
    assert scene.screen == ("chat", "game")
    app.step([Action.choose(0), Action.choose(1)])  # Options, Report -> reasons
    assert scene.screen[0] == "report"
    app.step([Action.choose(0)])  # a reason
    app.step([Action.choose(0), Action.choose(2)])  # Options, Block
    assert "star" in scene.run.state["blocked"]
    rows = app.store.attempts(app.profile.id, lv.id)
    assert [r.question_id for r in rows] == ["reply:e2", "save:game", "report:star", "block:star"]
    assert json.loads(rows[2].answer)["detail"] == "bullying"
    for _ in range(80):
        app.step(dt=0.25)
    assert scene.run.script_over
    app.step([Action(Act.FOCUS_NEXT)])
    scene.done()
    app.step()
    assert app.stack.top.name == "practice-debrief"


def test_passphrase_is_never_stored(app):
    from sango_game.input import Action
    from sango_game.scenes.practice import PracticeScene

    lv = app.catalog.levels["k-passwords-practice"]
    scene = PracticeScene(app, lv)
    app.stack.push(scene)
    app.step()
    app.step([Action.choose(0)])  # Account
    assert scene.text_entry
    app.step([Action.type_text("walrus tulip bicycle")])
    scene.focus.find("use-passphrase").activate()
    assert scene.typed == ""
    dump = json.dumps([r._asdict() if hasattr(r, "_asdict") else vars(r) for r in app.store.attempts(app.profile.id)],
                      default=str)
    assert "walrus" not in dump and "passphrase:strong" in dump
    assert "walrus" not in repr(scene.run.history) + repr(scene.run.state)


def test_reduced_motion_drops_typing_dots_not_messages_and_idle_draws_nothing(app):
    from sango_game.scenes.practice import PracticeScene

    lv = app.catalog.levels["k-strangers-practice"]
    for reduced in (False, True):
        app.theme = type(app.theme)(app.size, app.theme.text_size, app.theme.high_contrast, reduced)
        scene = PracticeScene(app, lv)
        app.stack.push(scene)
        app.step()
        scene.go("chat", "game")
        scene.clock.advance(1.5)
        assert scene.update(0.01) is True  # e1 arrives
        scene.clock.advance(1.5)  # e2 is due at 4 s: the dots show from 2.5 s
        assert scene.update(0.01) is (not reduced)
        scene.clock.advance(1.0)
        assert scene.update(0.01) is True  # the message arrives either way
        assert scene.run.arrived("e2")
        scene.clock.advance(60)
        scene.update(0.01)
        assert scene.run.script_over
        assert scene.update(0.5) is False  # nothing moves: no frame is drawn
        app.stack.pop()
        app.step()


def test_lab_results_and_class_summary_see_practice_actions(catalog, practice_levels, tmp_path):
    from sango_game.classroom import import_results, new_session, summarise
    from sango_game.classroom.simulate import simulate_lab

    kids = [lv for lv in practice_levels if lv.band == "9-12"]
    session = new_session("Practice day", "9-12", "en", [lv.id for lv in kids], [], catalog=catalog)
    simulate_lab(session, catalog, tmp_path, pcs=6, shared=2, seed=3)
    summary = summarise(import_results(tmp_path, session).merged, catalog, min_attempts=1)
    assert summary.pupils and any(row.completed and row.attempts for row in summary.pupils)
    practice_rows = [m for m in summary.most_missed if m.kind == "practice"]
    assert practice_rows, "risky practice actions show up among the most missed"
    assert all(m.prompt is not None for m in practice_rows), [m.question for m in practice_rows if m.prompt is None]


def test_autoplay_taps_through_every_practice_level(app, practice_levels):
    """The scripted player of the app reaches the best outcome of every level by tapping the device."""
    from sango_game.autoplay import ScriptedPlayer

    player = ScriptedPlayer(app)
    for lv in practice_levels:
        results = player.play_practice(lv, "best")
        assert results.stars == 3, lv.id
        player.leave_results()
    results = player.play_practice(practice_levels[0], "risky")
    assert results.stars == 1
    rows = app.store.attempts(app.profile.id)
    assert {r.level_id for r in rows} == {lv.id for lv in practice_levels}


def test_arabic_mirrors_the_device_and_read_aloud_reads_the_chat(tmp_path):
    from sango_game.app import App
    from sango_game.scenes.practice import PracticeScene
    from sango_game.scenes.practice.views import SwitchButton

    for code in ("en", "ar"):
        app = App(size=(1280, 720), language=code, data_dir=tmp_path / code, speech=False, audio=False)
        scene = PracticeScene(app, app.catalog.levels["k-kindness-practice"])
        app.stack.push(scene)
        app.step()
        device, side = scene.areas()
        assert (device.x > side.x) == (code == "ar")  # the phone sits on the start side
        scene.clock.advance(7)
        app.step()
        scene.go("chat", "group")
        app.step()
        said = scene.speech()
        assert "Carmen" in said or "كارمن" in said
        assert scene.focus.find("device-back") is not None
        # A switch that is on has its knob at the end side: right in English, left in Arabic.
        import pygame

        sw = SwitchButton("x", True, None, rect=pygame.Rect(0, 0, 400, 50), name="s", size=16, on_word="on", off_word="off")
        surf = pygame.Surface((400, 50))
        surf.fill((0, 0, 0))
        sw.draw(app.ui, surf, False, False)
        # (1280x720: 1 px per design px) the track is 64 wide, 12 from the end edge; the knob is 12 px from its end.
        track_x = 400 - 12 - 64 if code == "en" else 12
        at_right = surf.get_at((track_x + 64 - 16 + 10, 25))[:3]
        at_left = surf.get_at((track_x + 16 - 10, 25))[:3]
        knob = tuple(app.theme.colors.panel[:3])
        assert (at_left == knob, at_right == knob) == ((True, False) if code == "ar" else (False, True)), (at_left, at_right)
        app.shutdown()


def test_press_and_hold_or_hover_like_a_real_phone(app):
    from sango_game.input import Act, Action
    from sango_game.scenes.practice import PracticeScene
    from sango_game.scenes.practice.views import VIEWS

    scene = PracticeScene(app, app.catalog.levels["t-scams-practice"])
    app.stack.push(scene)
    app.step()
    scene.go("mail", "m3")
    app.step()
    link = VIEWS["inbox"].link_rect
    assert link is not None
    app.step([Action(Act.POINTER_MOVE, pos=link.center)])  # hovering the link shows where it goes
    assert scene.run.did("peek", "m3")
    chat = PracticeScene(app, app.catalog.levels["k-strangers-practice"])
    app.stack.push(chat)
    app.step(dt=2.0)
    chat.go("chat", "game")
    app.step()
    spot = chat.phone_screen_rect().move(0, 80).topleft
    spot = (spot[0] + 60, spot[1])
    app.step([Action(Act.POINTER_DOWN, pos=spot, touch=True)])
    app.step(dt=0.6)
    app.step([Action(Act.POINTER_UP, pos=spot, touch=True)])
    assert chat.screen == ("menu", "game")
