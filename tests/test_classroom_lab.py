"""The lab screens driven headless through input actions, end to end: the teacher prepares a
session, a lab computer loads it, a pupil plays, the computer exports, the teacher imports and
sees the pupil, saves CSV files, the report and certificates; then the day's data is wiped."""

import csv
import io

import pytest

from sango_game.autoplay import ScriptedPlayer
from sango_game.classroom import read_results, restore_class_session
from sango_game.content import load_catalog
from sango_game.input import Act, Action
from sango_game.scenes import lab


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.fixture
def folders(tmp_path, monkeypatch):
    exports, usb = tmp_path / "exports", tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(lab.common, "lab_folders", lambda: (exports, [usb]))  # the lab screens ask common
    return exports, usb


@pytest.fixture
def make_app(tmp_path, catalog):
    from sango_game.app import App

    apps = []

    def make(name, language="en", size=(1280, 720)):
        # One window per process: the previous app (a computer of the lab) is shut down first.
        for old in apps:
            old.shutdown()
        a = App(size=size, language=language, catalog=catalog, data_dir=tmp_path / name, speech=False, audio=False)
        apps.append(a)
        return a

    yield make
    for a in apps:
        a.shutdown()


def click(app, name):
    top = app.stack.top
    w = top.focus.find(name)
    assert w is not None, f"no widget {name!r} on {top.name}: {[getattr(x, 'name', '') for x in top.focus.widgets]}"
    assert w.enabled, f"{name} is disabled"
    app.step(Action.click(w.rect.center))


def open_lab(app):
    from sango_game.scenes.teacher import TeacherMenuScene

    app.teacher_unlocked = True
    app.stack.push(TeacherMenuScene(app))
    app.step()
    click(app, "lab")
    assert app.stack.top.name == "lab"


def type_pin(app, pin):
    assert app.stack.top.name == "pin"
    app.step([Action.type_text(pin)])
    click(app, "ok")


def test_lab_day_end_to_end(make_app, folders, catalog):
    exports, usb = folders
    # 1. The teacher prepares the session (two topics, the default check of 5 questions) and keeps it on her PC.
    teacher = make_app("teacher")
    open_lab(teacher)
    for name in ("export", "import", "wipe"):
        assert not teacher.stack.top.focus.find(name).enabled  # nothing loaded yet
    click(teacher, "prepare")
    assert teacher.stack.top.name == "lab-prepare"
    assert not teacher.stack.top.focus.find("save").enabled  # no topic picked yet
    for _ in range(60):
        teacher.step([Action(Act.ERASE)])
    teacher.step([Action.type_text("Défi 6B")])
    click(teacher, "topic-passwords")
    click(teacher, "topic-scams")
    assert teacher.stack.top.session_name == "Défi 6B"
    click(teacher, "save")
    assert teacher.stack.top.name == "confirm"
    click(teacher, "yes")  # use it on this computer too
    teacher.step()
    assert teacher.stack.top.name == "lab"
    session = teacher.class_session
    assert session.name == "Défi 6B" and session.language == "en"
    assert len(session.check_for("pre")) == len(session.check_for("post")) == 4
    # passwords has a practice level too (quiz, story, practice); scams in 9-12 has quiz and story
    assert [catalog.levels[lid].topic for lid in session.playlist] == ["passwords"] * 3 + ["scams"] * 2
    session_file = usb / "Sango" / "sango-session-Défi-6B.json"
    assert session_file.is_file() and (exports / session_file.name).is_file()

    # 2. A lab PC loads the session from the USB stick, and still has it after a restart.
    pc = make_app("pc1")
    assert restore_class_session(pc) is None
    open_lab(pc)
    click(pc, "load")
    assert pc.stack.top.name == "lab-load"
    click(pc, "session-0")
    assert pc.class_session.id == session.id
    assert pc.stack.top.name == "message"
    click(pc, "ok")
    pc = make_app("pc1")
    pc.step()  # the first frame; the loaded session is restored right after it
    assert pc.class_session is not None and pc.class_session.id == session.id
    assert restore_class_session(pc).id == session.id
    assert lab.session_banner_text(pc) == "Lab session: Défi 6B"
    assert [lv.id for lv in lab.session_levels(pc, "9-12")] == list(session.playlist)
    assert lab.session_levels(pc, "13-18") == []

    # 3. A pupil plays: the check before, one quiz level (wrong answers), and the first scenario.
    from sango_game.scenes.profiles import select_profile

    kid = pc.store.create_profile("小明", "panda")
    select_profile(pc, kid)
    assert lab.session_check_phase(pc) == "pre"
    lab.start_session_check(pc, "pre")
    pc.step()
    player = ScriptedPlayer(pc)
    check_scene = pc.stack.top
    assert check_scene.name == "check"
    for q in check_scene.level.questions:
        player.answer_question(q, right=True)
        states = {w.state for w in pc.stack.top.focus.widgets}
        assert not states & {"correct", "wrong", "missed"}, "the check must not show the right answers"
        player.press(Act.CONFIRM)
    assert pc.stack.top.name == "check-done"
    player.press(Act.BACK)
    assert lab.session_check_phase(pc) is None  # the check after opens when every level is done
    quiz = catalog.levels[session.playlist[0]]
    player.play_quiz(quiz, right=False)
    player.leave_results()
    assert all(a.session_id == session.id for a in pc.store.attempts(kid.id))
    assert pc.store.level_results(kid.id)[quiz.id].completed

    # 4. The PC exports its results to the USB stick.
    open_lab(pc)
    click(pc, "export")
    assert pc.stack.top.name == "message"
    files = sorted((usb / "Sango").glob("sango-results-*.json"))
    assert len(files) == 1 and sorted(exports.glob("sango-results-*.json"))
    rf = read_results(files[0])
    assert [p.nickname for p in rf.players] == ["小明"]
    assert rf.players[0].pre.answered == 4 and rf.players[0].pre.score == 1.0
    from sango_game.classroom.checks import held_out

    played = held_out(session, quiz).questions  # the "after" check's questions wait for the check
    assert len(rf.players[0].attempts) == len(played) < len(quiz.questions)
    click(pc, "ok")

    # 5. The teacher (her session still loaded after a restart) imports the stick and sees the pupil.
    kid_id = kid.id
    teacher = make_app("teacher")
    assert restore_class_session(teacher).id == session.id
    open_lab(teacher)
    click(teacher, "import")
    assert teacher.stack.top.name == "lab-import"
    click(teacher, "folder-0")
    summary_scene = teacher.stack.top
    assert summary_scene.name == "class-summary"
    report = summary_scene.report
    assert not report.problems and [n.file.name for n in report.ignored] == [session_file.name]
    row = summary_scene.summary.pupils[0]
    assert row.pupil.nickname == "小明" and row.completed == 1 and row.pre == 1.0
    assert summary_scene.tab == "pupils"
    for tab in ("topics", "missed", "check", "files", "pupils"):
        click(teacher, f"tab-{tab}")
        assert summary_scene.tab == tab
    click(teacher, "save-csv")
    click(teacher, "ok")
    click(teacher, "save-report")
    assert teacher.stack.top.name == "message"
    click(teacher, "ok")
    out = sorted(exports.glob("sango-class-*"))
    assert len(out) >= 1
    csv_rows = list(csv.reader(io.StringIO((out[0] / "summary.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert csv_rows[1][0] == "小明"
    from pypdf import PdfReader

    (pdf,) = exports.rglob("class-report-*.pdf")  # one PDF: the report, then the pupil's certificate
    reader = PdfReader(str(pdf))
    last = reader.pages[-1]
    assert float(last.mediabox.width) > float(last.mediabox.height)  # the certificate is landscape
    assert "小明" in last.extract_text().replace(" ", "").replace("\x00", "")  # the nickname, as real text
    assert all(f.read_bytes() for f in usb.rglob("*.json"))  # the import changed nothing on the stick

    # 6. End of the day on the PC: confirm, PIN, and the session's data is gone.
    pc = make_app("pc1")
    restore_class_session(pc)
    select_profile(pc, pc.store.get_profile(kid_id))
    open_lab(pc)
    pc.store.set_teacher_pin("2468")
    click(pc, "wipe")
    assert pc.stack.top.name == "confirm"
    click(pc, "yes")
    type_pin(pc, "1111")  # a wrong PIN deletes nothing
    assert pc.stack.top.name == "pin" and pc.store.session_attempts(session.id)
    pc.step([Action.type_text("2468")])
    click(pc, "ok")
    pc.step()
    assert pc.stack.top.name == "message"
    assert pc.class_session is None and pc.profile is None
    assert pc.store.session_attempts(session.id) == [] and pc.store.list_profiles() == []
    assert restore_class_session(pc) is None


def test_load_screen_explains_bad_session_files(make_app, folders):
    _, usb = folders
    (usb / "sango-session-broken.json").write_text("{not json", encoding="utf-8")
    app = make_app("pc")
    open_lab(app)
    click(app, "load")
    btn = app.stack.top.focus.find("session-0")
    assert "not readable JSON" in btn.detail
    click(app, "session-0")
    assert app.stack.top.name == "message" and "sango-session-broken.json" in app.stack.top.body
    assert app.class_session is None


def test_export_needs_a_session_and_check_after_opens_when_done(make_app, folders, catalog):
    from sango_game.classroom import check_level_id, new_session, pick_check_questions
    from sango_game.scenes.profiles import select_profile

    app = make_app("pc")
    levels = [catalog.levels["k-passwords-quiz"]]
    s = new_session("Mini", "9-12", "fr", [lv.id for lv in levels], pick_check_questions(levels, 2), catalog=catalog)
    lab.load_session(app, s)
    assert app.tr.code == "fr"  # the session's language
    kid = app.store.create_profile("Lina", "cat")
    select_profile(app, kid)
    for ref in s.check_for("pre"):
        app.store.record_attempt(kid.id, check_level_id("pre"), ref.key, '"a"', 0.0, 10, session_id=s.id)
    assert lab.session_check_phase(app) is None
    app.store.record_level_result(kid.id, "k-passwords-quiz", "passwords", "9-12", 1.0, 3)
    assert lab.session_check_phase(app) == "post"
    lab.start_session_check(app, "post")
    app.step()
    assert app.stack.top.name == "check" and len(app.stack.top.level.questions) == 2
    for ref in s.check_for("post"):
        app.store.record_attempt(kid.id, check_level_id("post"), ref.key, '"a"', 1.0, 10, session_id=s.id)
    assert lab.session_check_phase(app) is None


@pytest.mark.parametrize("language", ["en", "ar", "zh_Hans", "ru"])
def test_lab_screens_draw_without_overflow(make_app, folders, catalog, tmp_path, language):
    from sango_game.classroom import (
        import_results,
        new_session,
        pick_check_questions,
        write_session,
    )
    from sango_game.classroom.simulate import simulate_lab

    _, usb = folders
    app = make_app("pc", language=language, size=(1024, 600))
    levels = catalog.band_levels("13-18")
    s = new_session("Семинар / 研讨会 / ورشة", "13-18", language, [lv.id for lv in levels], pick_check_questions(levels, 10),
                    catalog=catalog)
    write_session(usb / s.file_name(), s)
    simulate_lab(s, catalog, usb / "Sango", pcs=12, shared=3, seed=9)
    lab.load_session(app, s)
    open_lab(app)
    app.overflows.clear()
    scenes = [lab.LabMenuScene(app), lab.PrepareSessionScene(app), lab.LoadSessionScene(app), lab.ImportFolderScene(app)]
    summary = lab.ClassSummaryScene(app, import_results(usb, s))
    for scene in scenes + [summary]:
        app.stack.push(scene)
        app.step()
        if scene is summary:
            for tab, _ in lab.TABS:
                summary.show(tab)
                app.step()
        app.stack.pop()
        app.step()
    app.stack.push(lab.PrepareSessionScene(app))
    app.step()
    prep = app.stack.top
    prep.toggle_all()
    app.step()
    assert not app.overflows, app.overflows[:3]
