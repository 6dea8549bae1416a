"""Visit every screen of the game, for screenshots and for the text-overflow test.

``sango-game screenshots --out DIR`` writes PNGs of the main screens in every language (quiz
and scenario included) for a person to look at. ``tour(app, visit)`` walks every screen, every
question (before and after answering, every feedback page) and every scenario step, and calls
``visit(name)`` after each is drawn; the test suite uses it to check that no text overflows its box.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from . import kinds
from .autoplay import ScriptedPlayer, wrong_answer
from .core.play import correct_answer
from .input import Act, Action

Visit = Callable[[str], None]


def _draw(app, visit: Visit, name: str) -> None:
    app.dirty = True
    app.step()
    visit(name)


def tour_menus(app, visit: Visit) -> None:
    from .scenes.dialogs import ConfirmDialog, MessageDialog, PinDialog

    stack = app.stack
    stack.clear_to(app.make_scene("title"))
    _draw(app, visit, "title")
    screens: list[tuple[str, str, tuple[str, ...]]]
    screens = [(name, name, ()) for name in ("language", "settings", "profiles", "new-profile", "band")]
    screens += [("progress-9-12", "progress", ("9-12",)), ("progress-13-18", "progress", ("13-18",)), ("profile", "profile", ())]
    for shot, name, args in screens:
        stack.push(app.make_scene(name, *args))
        _draw(app, visit, shot)
        stack.pop()
        app.step()
    for band in ("9-12", "13-18"):
        m = app.make_scene("levelmap", band)
        stack.push(m)
        _draw(app, visit, f"levelmap-{band}")
        while m.page < getattr(m, "pages", 1) - 1:
            m.turn(1)
            _draw(app, visit, f"levelmap-{band}-p{m.page + 1}")
        for topic in app.catalog.band_topics(band):
            stack.push(app.make_scene("topic", band, topic))
            _draw(app, visit, f"topic-{band}-{topic.id}")
            stack.pop()
            app.step()
        stack.pop()
        app.step()
    for band in ("9-12", "13-18"):
        tour_world(app, band, visit)
    tour_review(app, visit)
    dialogs = (
        (MessageDialog(
            app, app.tr._("Your saved progress file was damaged."),
            app.tr._("We could not find a good copy, so progress starts again. The damaged file was kept for your teacher."),
            mood="worried"), "dialog-message"),
        (ConfirmDialog(app, app.tr._("Erase every player and all their results on this computer? This cannot be undone."),
                       lambda: None, danger=True), "dialog-confirm"),
        (PinDialog(app, app.tr._("Choose a teacher PIN (4 to 8 digits)"), lambda pin: True,
                   hint=app.tr._("Children should not know it. It protects the teacher area.")), "dialog-pin"))
    for dialog, name in dialogs:
        stack.push(dialog)
        _draw(app, visit, name)
        stack.pop()
        app.step()
    app.teacher_unlocked = True
    stack.push(app.make_scene("teacher"))
    _draw(app, visit, "teacher")
    setup = app.make_scene("class-setup")
    stack.push(setup)
    for band in ("9-12", "13-18"):
        setup.set_band(band)
        for t in app.catalog.band_topics(band):
            setup.toggle_topic(t.id)
        _draw(app, visit, f"class-setup-{band}")
        more = setup.focus.find("topic-page")  # topics on a second page (small window, larger text)
        if more is not None:
            more.on_click()
            _draw(app, visit, f"class-setup-{band}-p2")
            setup.topic_page = 0
            setup.layout()
    setup.cycle_teams()
    setup.cycle_teams()  # 4 teams: the widest team column
    setup.cycle_timer()
    setup.start()
    app.step()
    if app.stack.top.name == "class-play":
        _draw(app, visit, "class-play")
        scene = app.stack.top
        q = scene.q
        scene.submit(correct_answer(q))
        for i in range(len(scene.pages)):
            scene.page = i
            scene.layout()
            _draw(app, visit, f"class-play-feedback-{i}")
    app.teacher_unlocked = False
    app.set_class_mode(False)
    stack.clear_to(app.make_scene("title"))
    app.step()


def tour_review(app, visit: Visit) -> None:
    """A topic with questions missed yesterday: its review button, the round's first question and its end.

    Played as a guest whose answers are made up (a saved profile's answers carry today's date)."""
    from datetime import UTC, datetime, timedelta
    from types import SimpleNamespace

    from .progress.player import GuestProgress

    quiz = next((lv for lv in app.catalog.levels.values() if lv.kind == "quiz" and lv.band == "9-12"), None)
    if quiz is None:
        return
    yesterday = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    missed = [SimpleNamespace(level_id=quiz.id, question_id=q.id, score=0.0, created_at=yesterday, id=i)
              for i, q in enumerate(quiz.questions)]

    class MissedYesterday(GuestProgress):
        def attempts(self, level_id: str | None = None) -> list:
            return [a for a in missed if level_id in (None, a.level_id)]

    profile, guest = app.profile, app._guest
    app.profile, app._guest = None, MissedYesterday()
    try:
        app.stack.push(app.make_scene("topic", quiz.band, app.catalog.topics[quiz.topic]))
        _draw(app, visit, "topic-review")
        review = app.stack.top.focus.find("review")
        if review is None:
            return
        app.step(Action.click(review.rect.center))
        _draw(app, visit, "review-round")
        player = ScriptedPlayer(app)
        for q in list(app.stack.top.level.questions):
            player.answer_question(q, right=True)
            player.finish_feedback()
        _draw(app, visit, "review-results")
    finally:
        app.profile, app._guest = profile, guest
        app.stack.clear_to(app.make_scene("title"))
        app.step()


def tour_world(app, band: str, visit: Visit) -> None:
    """The world map of a band: Sango at the first place, mid-walk, and at the last place."""
    from .scenes.worldmap import WorldMapScene

    world = WorldMapScene(app, band)
    app.stack.push(world)
    _draw(app, visit, f"worldmap-{band}")
    if world.world is not None and world.world.locations:
        world.walk_to(1)
        app.step(dt=world.walk_len / 2)
        _draw(app, visit, f"worldmap-{band}-walking")
        world.walk_to(len(world.world.locations) - 1)
        app.step(dt=2.0)
        _draw(app, visit, f"worldmap-{band}-last")
    app.stack.pop()
    app.step()


def tour_level(app, level, visit: Visit) -> None:
    """Every question (unanswered, answered wrong, each feedback page) or every scenario step."""

    player = ScriptedPlayer(app, draw=False)  # only the screens visited are drawn
    app.stack.clear_to(app.make_scene("title"))
    app.step(draw=False)
    app.theme.band = level.band  # as when the level is opened from its band's world map
    app.stack.push(app.make_scene("intro", level))
    _draw(app, visit, f"{level.id}-intro")
    if level.kind == "practice":
        from .scenes.practice.tour import tour_practice

        app.stack.clear_to(app.make_scene("title"))
        app.step(draw=False)
        tour_practice(app, level, visit, lambda name: _draw(app, visit, name))
        return
    app.step([Action(Act.CONFIRM)], draw=False)
    scene = app.stack.top
    if level.kind == "quiz":
        for _ in level.questions:
            q = scene.q  # as shown: options in this attempt's order
            _draw(app, visit, f"{level.id}-{q.id}")
            kind = kinds.get(q.type)
            shown = app.stack.top.q  # the question as shown in this attempt (items shuffled)
            picks = kind.script(shown, wrong_answer(q))
            if not kind.collects and len(picks) > 1:
                # Answered in several steps (the sorting card for each item): each step, then the review.
                ids = kind.option_ids(shown)
                for k, item in enumerate(picks[:-1]):
                    player.choose(ids.index(item))
                    _draw(app, visit, f"{level.id}-{q.id}-sorting-{k + 1}")
                player.choose(ids.index(picks[-1]))
            else:
                player.answer_question(q, right=False)
            for i in range(len(scene.pages)):
                scene.page = i
                scene.layout()
                _draw(app, visit, f"{level.id}-{q.id}-feedback-{i}")
            scene.page = len(scene.pages) - 1
            scene.layout()
            app.step([Action(Act.CONFIRM)], draw=False)
    else:
        from .core.play import ScenarioRun

        for node in level.nodes:
            scene.run = ScenarioRun(level, node_id=node.id, seed=getattr(app, "shuffle_seed", None))
            scene.last_choice = None
            scene.layout()
            _draw(app, visit, f"{level.id}-{node.id}")
            for choice in node.choices:
                scene.run = ScenarioRun(level, node_id=node.id, seed=getattr(app, "shuffle_seed", None))
                scene.last_choice = None
                scene.choose(choice.id)
                _draw(app, visit, f"{level.id}-{node.id}-{choice.id}")
        scene.run = ScenarioRun(level, node_id=level.endings[0].id, seed=getattr(app, "shuffle_seed", None))
        scene.last_choice = None
        scene.layout()
        app.step([Action(Act.CONFIRM)], draw=False)
    if app.stack.top.name == "results":
        app.step(dt=app.stack.top.ANIM_SECONDS, draw=False)  # the stars pop in before the picture is taken
        _draw(app, visit, f"{level.id}-results")
    app.theme.band = "9-12"


def tour(app, visit: Visit, levels=None) -> None:
    tour_menus(app, visit)
    for level in levels if levels is not None else app.catalog.levels.values():
        tour_level(app, level, visit)


def measuring_app(language: str, size: tuple[int, int], text_size: str, data_dir: Path, catalog=None, art=None):
    """A game for the overflow tour: text laid out, fitted and reported exactly as when drawn, but
    no glyph drawn (``TextEngine.glyphs = False``) and no pixel either: the window's clip is empty,
    so every drawing call is clipped away (a scene fits and places its text, and place_text reports
    what overflows, before anything is drawn). ``catalog`` and ``art`` may be shared between
    games (frozen levels; pictures cached by file and size)."""
    import pygame

    from .app import App

    app = App(size=size, language=language, data_dir=data_dir, audio=False, speech=False, catalog=catalog)
    if art is not None:
        app.art = art
    app.apply_settings({"text_size": text_size, "language": language})
    app.text.glyphs = False
    app.screen.set_clip(pygame.Rect(0, 0, 0, 0))
    return app


# -- screenshots command ------------------------------------------------------------------------------

SHOTS = ("title", "language", "band", "worldmap-9-12", "worldmap-9-12-last", "worldmap-13-18", "worldmap-13-18-last",
         "levelmap-9-12", "levelmap-13-18", "topic-review", "review-round", "review-results",
         "settings", "progress-13-18", "teacher", "class-play",
         "class-play-feedback-0", "dialog-pin")


def take_screenshots(out: Path, languages=None, size=(1280, 720), quiz_id: str = "k-scams-quiz",
                     scenario_id: str = "k-strangers-scenario", teen_ids: tuple[str, ...] = ("t-grooming-scenario",),
                     practice_ids: tuple[str, ...] = ("k-kindness-practice", "k-passwords-practice", "t-scams-practice"),
                     ) -> list[Path]:
    """Save the main menus and world maps, every screen of one quiz (each question before and after
    answering), every step of one story, a teen story (the 13-18 look) and three practice levels, in
    each language, as ``<lang>-<screen>.png``."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import tempfile

    import pygame

    from .app import App
    from .i18n import LANGUAGES

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    data = Path(tempfile.mkdtemp(prefix="sango-shots-"))
    for code in languages or [lang.code for lang in LANGUAGES]:
        app = App(size=size, language=code, data_dir=data / code, audio=False, speech=False)
        app.shuffle_seed = 1  # the same shuffled order in every run: screenshots stay comparable
        if app.store is not None and not app.store.list_profiles():
            app.store.create_profile("Amina", "owl")

        def save(name: str, wanted=lambda name: True, app=app, code=code) -> None:
            if wanted(name):
                path = out / f"{code}-{name}.png"
                pygame.image.save(app.screen, str(path))
                written.append(path)

        tour_menus(app, lambda name: save(name, lambda n: n in SHOTS))
        for level_id in (quiz_id, scenario_id, *teen_ids, *practice_ids):
            level = app.catalog.levels.get(level_id)
            if level is not None:
                tour_level(app, level, save)
        app.shutdown()
    return written


def register(sub) -> None:
    from .cli_i18n import cli_translator

    _ = cli_translator()._
    p = sub.add_parser("screenshots", help=_("save PNG screenshots of the main screens in every language"))
    p.add_argument("--out", type=Path, default=Path("screenshots"), help=_("folder for the PNG files (default: ./screenshots)"))
    p.add_argument("--language", "-l", action="append", help=_("only this language (repeatable)"))
    p.add_argument("--size", default="1280x720", help=_("window size, e.g. 1024x600"))
    p.set_defaults(handler=_cli)


def _cli(args) -> int:
    w, h = (int(x) for x in args.size.lower().split("x"))
    paths = take_screenshots(args.out, args.language, (w, h))
    print(f"wrote {len(paths)} screenshots to {args.out}")
    return 0
