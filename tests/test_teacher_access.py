"""Teacher area access: wrong PINs throttled across restarts, a reset for a forgotten PIN, the idle lock,
and a full disk told to the child once (then a banner) with the folder shown to the teacher."""

import pytest

from sango_game.input import Act, Action
from sango_game.progress import ProgressStore, StorageFullError
from sango_game.progress.teacher_access import FIRST_WAIT_SECONDS, IDLE_LOCK_SECONDS, WAIT_FILE, IdleLock, PinGuard


class FakeClock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_wait_grows_after_three_wrong_pins_and_survives_a_restart(tmp_path):
    clock = FakeClock()
    guard = PinGuard(tmp_path / WAIT_FILE, clock)
    right = "2468".__eq__
    assert guard.check(right, "1111") == (False, 0)
    assert guard.check(right, "1112") == (False, 0)
    assert guard.check(right, "1113") == (False, FIRST_WAIT_SECONDS)
    assert guard.check(right, "2468") == (False, FIRST_WAIT_SECONDS)  # not even checked while waiting
    clock.now += FIRST_WAIT_SECONDS
    assert guard.check(right, "1114") == (False, 2 * FIRST_WAIT_SECONDS)
    clock.now += 10
    restarted = PinGuard(tmp_path / WAIT_FILE, clock)  # the game was quit and started again
    assert restarted.wait_seconds() == 2 * FIRST_WAIT_SECONDS - 10
    clock.now -= 3600  # putting the clock back does not skip the wait
    assert restarted.wait_seconds() == 2 * FIRST_WAIT_SECONDS
    clock.now += 2 * FIRST_WAIT_SECONDS
    assert restarted.check(right, "2468") == (True, 0)
    assert not (tmp_path / WAIT_FILE).exists()
    assert restarted.check(right, "1111") == (False, 0)  # three free tries again


def test_waits_are_capped(tmp_path):
    clock = FakeClock()
    guard = PinGuard(tmp_path / WAIT_FILE, clock)
    for _ in range(40):
        clock.now += guard.wait_seconds()
        guard.check("2468".__eq__, "0000")
    assert 0 < guard.wait_seconds() <= 30 * 60


def test_store_pin_check_is_throttled_across_reopen(tmp_path):
    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        store.set_teacher_pin("2468")
        for pin in ("1111", "2222", "3333"):
            assert not store.verify_teacher_pin(pin)
        assert store.pin_wait_seconds() > 0
        assert not store.verify_teacher_pin("2468")
    with ProgressStore.open(db) as store:
        assert store.pin_wait_seconds() > 0
        assert not store.verify_teacher_pin("2468")
        with pytest.raises(PermissionError):
            store.erase_all("2468")


def test_reset_pin_command_forgets_pin_and_wait_keeps_players(tmp_path, capsys):
    from sango_game.cli import main

    db = tmp_path / "progress.sqlite3"
    with ProgressStore.open(db) as store:
        store.create_profile("Ada", "cat")
        store.set_teacher_pin("2468")
        for pin in ("1111", "2222", "3333"):
            store.verify_teacher_pin(pin)
    assert main(["reset-pin", "--data-dir", str(tmp_path), "--yes"]) == 0
    assert "PIN was removed" in capsys.readouterr().out
    with ProgressStore.open(db) as store:
        assert not store.has_teacher_pin() and store.pin_wait_seconds() == 0
        assert [p.nickname for p in store.list_profiles()] == ["Ada"]
    assert main(["reset-pin", "--data-dir", str(tmp_path / "nowhere"), "--yes"]) == 1


def test_idle_lock_counts_from_the_last_input_and_not_during_class_play():
    clock = FakeClock()
    lock = IdleLock(clock=clock)
    clock.now += IDLE_LOCK_SECONDS - 1
    assert not lock.expired()
    lock.touch()
    clock.now += IDLE_LOCK_SECONDS - 1
    assert not lock.expired()
    clock.now += 1
    assert lock.expired()
    clock.now += 3600
    assert not lock.expired(class_playing=True)
    clock.now += IDLE_LOCK_SECONDS - 1
    assert not lock.expired()


@pytest.fixture
def app(tmp_path):
    from sango_game.app import App

    a = App(size=(1280, 720), language="en", data_dir=tmp_path / "data", audio=False, speech=False)
    a.clock = FakeClock()
    yield a
    a.shutdown()


def type_pin(app, pin):
    app.step([Action(Act.TEXT, text=pin)])
    app.step([Action(Act.CONFIRM)])


def unlock(app, pin="2468"):
    from sango_game.scenes.teacher import open_teacher_area

    open_teacher_area(app)
    app.step()
    type_pin(app, pin)
    if app.stack.top.name == "pin":  # first time: the PIN is asked twice
        type_pin(app, pin)
    assert app.stack.top.name == "teacher" and app.teacher_unlocked


def test_pin_dialog_says_how_long_to_wait_even_after_a_restart(app, tmp_path):
    from sango_game.app import App
    from sango_game.scenes.teacher import open_teacher_area

    unlock(app)
    app.step([Action(Act.BACK)])
    open_teacher_area(app)
    app.step()
    for pin in ("1111", "2222", "3333"):
        type_pin(app, pin)
    dialog = app.stack.top
    assert dialog.name == "pin" and "wait 30 seconds" in dialog.error, dialog.error
    type_pin(app, "2468")
    assert app.stack.top.name == "pin" and not app.teacher_unlocked
    app.shutdown()

    again = App(size=(1280, 720), language="en", data_dir=tmp_path / "data", audio=False, speech=False)
    try:
        again.step()
        open_teacher_area(again)
        again.step()
        assert again.stack.top.name == "pin" and "Please wait" in again.stack.top.error
        type_pin(again, "2468")
        assert not again.teacher_unlocked
    finally:
        again.shutdown()


def test_teacher_area_locks_after_minutes_without_input(app):
    unlock(app)
    app.step([Action(Act.FOCUS_NEXT)])
    app.clock.now += IDLE_LOCK_SECONDS - 5
    app.step()
    assert app.teacher_unlocked
    app.step([Action(Act.FOCUS_NEXT)])  # input restarts the count
    app.clock.now += IDLE_LOCK_SECONDS - 5
    app.step()
    assert app.teacher_unlocked
    app.clock.now += 10
    app.step()
    app.step()
    assert not app.teacher_unlocked and app.stack.top.name == "title"


def test_class_play_keeps_the_teacher_area_open(app):
    from sango_game.scenes.teacher import ClassSetupScene

    unlock(app)
    setup = ClassSetupScene(app)
    app.stack.push(setup)
    app.step()
    setup.toggle_topic("passwords")
    setup.start()
    app.step()
    assert app.stack.top.name == "class-play"
    app.clock.now += 3 * IDLE_LOCK_SECONDS  # a long class discussion
    app.step()
    assert app.teacher_unlocked and app.stack.top.name == "class-play"


def test_teacher_area_locks_whenever_the_title_is_shown(app):
    unlock(app)
    app.stack.pop()  # back to the title without pressing Close
    app.step()
    app.step()
    assert app.stack.top.name == "title" and not app.teacher_unlocked


def full_disk_error(where):
    return StorageFullError(f"Could not save the answer: the disk is full ({where}).", where=str(where))


def test_full_disk_during_play_is_told_once_then_a_banner(app):
    app.step()
    where = app.data_dir / "progress.sqlite3"
    for _ in range(7):  # one quiz: seven answers that cannot be saved
        app.report_storage_error(full_disk_error(where))
        app.step()
    dialogs = [s for s in app.stack if s.name == "message"]
    assert len(dialogs) == 1
    assert dialogs[0].title_text == "The computer's disk is full." and str(where) not in dialogs[0].body
    app.step([Action(Act.CONFIRM)])
    app.step()
    assert app.storage_full and app.stack.top.name == "title"
    w, h = app.size
    px = app.theme.px
    assert app.screen.get_at((w // 2, h - px(4) - 1))[:3] == app.theme.colors.okay  # the banner's frame
    assert str(where) in app.store_error  # what the teacher sees


def test_full_disk_at_start_is_told_in_a_childs_words(tmp_path, monkeypatch):
    from sango_game.app import App
    from sango_game.progress import store as store_module

    def full(*a, **kw):
        raise full_disk_error(tmp_path / "data")

    monkeypatch.setattr(store_module.ProgressStore, "open", classmethod(full))
    a = App(size=(1280, 720), language="en", data_dir=tmp_path / "data", audio=False, speech=False)
    try:
        a.step()
        a.step()
        top = a.stack.top
        assert top.name == "message" and "disk is full" in top.title_text
        assert str(tmp_path) not in top.title_text + top.body and "I/O" not in top.body
        assert a.storage_full and str(tmp_path / "data") in a.store_error
    finally:
        a.shutdown()
