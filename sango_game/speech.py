"""Read-aloud with an offline text-to-speech engine, in the current language.

Engines, first found wins: the ``espeak-ng`` (or ``espeak``) command, the ``pyttsx3`` library
(SAPI5 on Windows, NSSpeechSynthesizer on macOS, eSpeak on Linux), the macOS ``say`` command.
Nothing is ever downloaded. With no engine, ``available`` is False, the setting is shown as not
available, and ``say`` does nothing: no error, no delay.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .languages import TABLE
from .lazylog import LazyLogger

if TYPE_CHECKING:  # pragma: no cover
    import subprocess

log = LazyLogger(__name__)  # logging loads when the first record is written

# Voice names per engine come from the language table.
ESPEAK_VOICES = {lang.code: lang.voice("espeak", "en") for lang in TABLE}
SAY_VOICES = {lang.code: lang.voice("say", "Samantha") for lang in TABLE}


class Speech:
    def __init__(self, enabled: bool = False, engine: str | None = "auto"):
        self.enabled = enabled
        self.engine_name = ""
        self._cmd: str | None = None
        self._proc: subprocess.Popen | None = None
        self._pyttsx = None
        self._lock = threading.Lock()
        self._detected = not engine  # engine=None: read-aloud switched off entirely
        if engine and engine != "auto":
            self._detect()

    @property
    def available(self) -> bool:
        if not self._detected:
            self._detect()
        return bool(self.engine_name)

    def _detect(self) -> None:
        """Look for an engine (on first use, not at start-up)."""
        import shutil

        self._detected = True
        for cmd in ("espeak-ng", "espeak"):
            path = shutil.which(cmd)
            if path:
                self._cmd, self.engine_name = path, cmd
                return
        try:
            import pyttsx3  # noqa: F401  (optional extra: pip install "sango-game[tts]")

            self.engine_name = "pyttsx3"
            return
        except Exception:
            pass
        path = shutil.which("say")
        if path:
            self._cmd, self.engine_name = path, "say"

    def configure(self, enabled: bool) -> None:
        self.enabled = enabled
        if not enabled:
            self.stop()

    def command(self, text: str, lang: str) -> list[str] | None:
        """The command line that speaks ``text`` (for the command-line engines)."""
        cmd = self._cmd  # None for the pyttsx3 engine, which has no command line
        if not self.available or cmd is None:
            return None
        if self.engine_name in ("espeak-ng", "espeak"):
            return [cmd, "-v", ESPEAK_VOICES.get(lang, "en"), "-s", "150", "--", text]
        if self.engine_name == "say":
            return [cmd, "-v", SAY_VOICES.get(lang, "Samantha"), "--", text]
        return None

    def say(self, text: str, lang: str, force: bool = False) -> bool:
        """Speak ``text`` without blocking the game; a new text interrupts the previous one."""
        from .i18n import plain_text

        text = plain_text(text)  # isolate controls around values are for the screen only
        if not (self.enabled or force) or not self.available or not text.strip():
            return False
        self.stop()
        cmd = self.command(text, lang)
        try:
            import subprocess

            if cmd is not None:
                with self._lock:
                    self._proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                  stdin=subprocess.DEVNULL, env=child_env())
                return True
            threading.Thread(target=self._pyttsx_say, args=(text, lang), daemon=True).start()
            return True
        except Exception as exc:  # engine removed or broken: stay silent
            log.warning("read-aloud failed: %s", exc)
            return False

    def _pyttsx_say(self, text: str, lang: str) -> None:
        try:
            import pyttsx3

            with self._lock:
                engine = self._pyttsx or pyttsx3.init()
                self._pyttsx = engine
                want = lang.split("_")[0].lower()
                for voice in engine.getProperty("voices"):
                    langs = [str(x).lower() for x in (getattr(voice, "languages", []) or [])]
                    if any(want in x for x in langs) or want in str(getattr(voice, "id", "")).lower():
                        engine.setProperty("voice", voice.id)
                        break
                engine.say(text)
                engine.runAndWait()
        except Exception as exc:
            log.warning("read-aloud failed: %s", exc)

    def stop(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            try:
                proc.terminate()
            except Exception:  # pragma: no cover
                pass
        if self._pyttsx is not None:
            try:
                self._pyttsx.stop()
            except Exception:  # pragma: no cover
                pass


def child_env() -> dict[str, str] | None:
    """The environment for a speech program. In the standalone bundle, PyInstaller's loader may point
    the library search path at the bundle's own libraries; the system's espeak-ng must get the
    computer's own libraries back (the loader keeps the original value in ``*_ORIG``)."""
    import os
    import sys

    if not getattr(sys, "frozen", False):
        return None
    env = dict(os.environ)
    for var in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
        original = env.pop(f"{var}_ORIG", None)
        if original is not None:
            env[var] = original
        else:
            env.pop(var, None)
    return env
