"""Sound and read-aloud: work when present, silent (never a traceback) when absent; clear message without a screen."""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_py(code: str, **env):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1", **env}, timeout=60)


def test_sound_effects_play_on_a_device():
    out = run_py("from sango_game.audio import Sound, EFFECTS\n"
                 "s = Sound()\n"
                 "print(s.available, all(s.play(n) for n in EFFECTS), s.music('title'))\n"
                 "s.configure(muted=True); print(s.play('click'))\n"
                 "s.configure(volume=0.0, muted=False); print(s.play('click'))", SDL_AUDIODRIVER="dummy")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "True", "False", "False"]


def test_no_audio_device_is_silent_not_an_error():
    out = run_py("from sango_game.audio import Sound\n"
                 "s = Sound(); print(s.available, s.play('correct'), s.music('title'), bool(s.reason))",
                 SDL_AUDIODRIVER="no-such-audio-driver")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False", "False", "True"]


def test_game_starts_and_plays_without_audio_device(tmp_path):
    code = ("import pathlib\n"
            "from sango_game.app import App\n"
            "from sango_game.input import Action, Act\n"
            f"app = App(language='en', data_dir=pathlib.Path({str(tmp_path)!r}))\n"
            "app.step([Action(Act.CONFIRM)])\n"
            "print(app.sound.available, app.stack.top.name)")
    out = run_py(code, SDL_AUDIODRIVER="no-such-audio-driver", SDL_VIDEODRIVER="dummy")
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-2:] == ["False", "profiles"]
    assert "Traceback" not in out.stderr


def test_no_display_gives_a_clear_message():
    out = subprocess.run([sys.executable, "-m", "sango_game"], capture_output=True, text=True, cwd=ROOT, timeout=60,
                         env={**os.environ, "SDL_VIDEODRIVER": "no-such-video-driver", "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    assert out.returncode == 1
    assert "Sango needs a screen" in out.stderr
    assert "Traceback" not in out.stderr


def test_speech_without_engine_is_silent(monkeypatch):
    import builtins
    import shutil

    from sango_game import speech as sp

    monkeypatch.setattr(shutil, "which", lambda name: None)
    real_import = builtins.__import__

    def no_pyttsx3(name, *a, **k):
        if name == "pyttsx3":
            raise ImportError("not installed")
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_pyttsx3)
    s = sp.Speech(enabled=True)
    assert not s.available
    assert s.say("Hello", "en") is False
    s.stop()


def test_speech_uses_espeak_with_the_language_voice(tmp_path, monkeypatch):
    log = tmp_path / "spoken.txt"
    fake = tmp_path / "bin" / "espeak-ng"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {log}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    from sango_game.speech import Speech

    s = Speech(enabled=False)
    assert s.available and s.engine_name == "espeak-ng"
    assert s.say("ignored", "en") is False  # read-aloud is off
    assert s.say("لديك 3 نجوم", "ar", force=True) is True
    for _ in range(100):
        if log.exists() and log.read_text(encoding="utf-8").strip():
            break
        time.sleep(0.05)
    args = log.read_text(encoding="utf-8").split("\n")
    assert args[:2] == ["-v", "ar"] and "لديك 3 نجوم" in args
    assert s.command("你好", "zh_Hans")[1:3] == ["-v", "cmn"]


def test_sounds_are_our_own_generated_files():
    import wave

    from sango_game.audio import EFFECTS
    from sango_game.resources import asset_path

    for name in (*EFFECTS, "music"):
        with wave.open(str(asset_path("sounds", f"{name}.wav"))) as w:
            assert w.getnframes() > 0 and w.getframerate() == 22050
    assert (ROOT / "tools" / "make_sounds.py").exists()
