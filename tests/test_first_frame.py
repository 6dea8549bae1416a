"""The title's first frame kept from the last start (firstframe.py): pixel for pixel what a fresh
start draws, used only for the same version, language, window size and theme, and replaced when
the real drawing differs."""

from __future__ import annotations

import pygame
import pytest

from sango_game import firstframe
from sango_game.app import App


@pytest.fixture
def frames(tmp_path, monkeypatch):
    folder = tmp_path / "frames"
    monkeypatch.setattr(firstframe, "cache_folder", lambda: folder)
    return folder


def start(tmp_path, language="en", size=(1280, 720), **kw) -> App:
    return App(size=size, language=language, speech=False, audio=False, data_dir=tmp_path / "data", title_cache=True, **kw)


def counting_draws(app: App) -> list[int]:
    drawn: list[int] = []
    real = app.draw
    app.draw = lambda: (drawn.append(app.frames), real())[1]  # type: ignore[method-assign]
    return drawn


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_kept_first_frame_is_the_fresh_title_pixel_for_pixel(tmp_path, frames, language):
    fresh = start(tmp_path, language)
    assert fresh.step() and fresh._title_frame is not None and fresh._title_frame.data is None
    drawn_fresh = pygame.image.tobytes(fresh.screen, "RGBX")
    assert not fresh.step()  # idle: the frame is written now
    assert len(list(frames.glob("title-*.frame"))) == 1

    again = start(tmp_path, language)
    drawn = counting_draws(again)
    assert again.step()
    assert drawn == [], "the first frame must come from the kept one"
    assert pygame.image.tobytes(again.screen, "RGBX") == drawn_fresh
    assert again.dirty and again.store is not None  # ready for input; the title is drawn for real next
    assert again.step() and drawn == [1]
    assert pygame.image.tobytes(again.screen, "RGBX") == drawn_fresh
    assert again._title_frame is not None and again._title_frame.to_save is None  # nothing to replace
    assert not again.step() and again._title_frame is None


def test_a_kept_frame_is_only_used_for_the_same_version_language_size_and_theme(tmp_path, frames, monkeypatch):
    first = start(tmp_path, "en")
    first.step()
    first.step()
    assert start(tmp_path, "en")._title_frame.data is not None
    assert start(tmp_path, "fr")._title_frame.data is None
    assert start(tmp_path, "en", size=(1366, 768))._title_frame.data is None
    import sango_game

    monkeypatch.setattr(sango_game, "__version__", "99.0")
    assert start(tmp_path, "en")._title_frame.data is None
    monkeypatch.undo()
    monkeypatch.setattr(firstframe, "cache_folder", lambda: frames)
    app = start(tmp_path, "en")
    app.theme.high_contrast = True
    assert firstframe.TitleFrame.for_app(app).data is None
    app.theme.high_contrast = False
    app.notices.append(("store_reset", {}))  # anything drawn from the player's state: not the plain title
    assert firstframe.TitleFrame.for_app(app) is None


def test_a_damaged_or_stale_kept_frame_is_replaced_by_the_real_title(tmp_path, frames):
    first = start(tmp_path, "en")
    first.step()
    real = pygame.image.tobytes(first.screen, "RGBX")
    first.step()
    [kept] = frames.glob("title-*.frame")
    head = kept.read_bytes().partition(b"\n")[0]
    kept.write_bytes(head + b"\n" + b"\x00" * 100)  # cut short: not used
    app = start(tmp_path, "en")
    drawn = counting_draws(app)
    app.step()
    assert drawn == [0] and pygame.image.tobytes(app.screen, "RGBX") == real
    app.step()
    assert kept.read_bytes() == head + b"\n" + real
    # Same key, other pixels (art changed without a new version): shown once, then replaced.
    kept.write_bytes(head + b"\n" + b"\x7f" * len(real))
    stale = start(tmp_path, "en")
    stale.step()
    assert pygame.image.tobytes(stale.screen, "RGBX") != real
    stale.step()
    assert pygame.image.tobytes(stale.screen, "RGBX") == real
    stale.step()
    assert kept.read_bytes() == head + b"\n" + real


def test_without_the_option_every_frame_is_drawn(tmp_path, frames):
    app = App(size=(1280, 720), language="en", speech=False, audio=False, data_dir=tmp_path / "data")
    drawn = counting_draws(app)
    app.step()
    app.step()
    assert drawn == [0] and not frames.exists()


def test_a_game_closed_before_an_idle_frame_still_keeps_its_title(tmp_path, frames):
    app = start(tmp_path, "en")
    app.step()
    assert not frames.exists()
    app.shutdown()
    assert len(list(frames.glob("title-*.frame"))) == 1
    again = start(tmp_path, "en")
    assert again._title_frame is not None and again._title_frame.data is not None
