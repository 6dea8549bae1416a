"""Generate Sango's own sound effects and music loop into assets/sounds/ (16-bit mono WAV).

Everything is synthesised here from sine waves and envelopes: no samples from elsewhere.
Run again after changing a sound:  python tools/make_sounds.py
"""

from __future__ import annotations

import array
import math
import random
import wave
from pathlib import Path

RATE = 22050
OUT = Path(__file__).resolve().parent.parent / "assets" / "sounds"


def note(freq: float, dur: float, vol: float = 0.5, attack: float = 0.01, release: float = 0.08,
         harmonics=(1.0, 0.3, 0.1), vibrato: float = 0.0) -> list[float]:
    n = int(RATE * dur)
    out = []
    for i in range(n):
        t = i / RATE
        env = min(1.0, t / attack) if attack else 1.0
        env *= min(1.0, (dur - t) / release) if release else 1.0
        f = freq * (1 + vibrato * math.sin(2 * math.pi * 5 * t))
        s = sum(a * math.sin(2 * math.pi * f * (k + 1) * t) for k, a in enumerate(harmonics))
        out.append(vol * env * s / sum(harmonics))
    return out


def seq(*parts: list[float]) -> list[float]:
    out: list[float] = []
    for p in parts:
        out.extend(p)
    return out


def mix(a: list[float], b: list[float], offset: int = 0) -> list[float]:
    out = a[:] + [0.0] * max(0, offset + len(b) - len(a))
    for i, v in enumerate(b):
        out[offset + i] += v
    return out


def save(name: str, samples: list[float]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    peak = max(1e-9, max(abs(s) for s in samples))
    scale = min(1.0, 0.9 / peak)
    data = array.array("h", (int(max(-1, min(1, s * scale)) * 32767) for s in samples))
    with wave.open(str(OUT / f"{name}.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(data.tobytes())


def music_loop(seconds: float = 16.0) -> list[float]:
    """A calm pentatonic loop: soft bass on the beat, a gentle melody over it."""
    rng = random.Random(7)
    bpm = 90
    beat = 60 / bpm
    scale = [261.63, 293.66, 329.63, 392.00, 440.00, 523.25]
    bass = [130.81, 98.00, 110.00, 87.31]
    total = int(RATE * seconds)
    out = [0.0] * total
    beats = int(seconds / beat)
    for b in range(beats):
        start = int(b * beat * RATE)
        if b % 4 == 0:
            chord = bass[(b // 4) % len(bass)]
            out = mix(out, note(chord, beat * 3.8, 0.22, 0.05, 0.8, (1.0, 0.2)), start)
        if rng.random() < 0.75:
            f = scale[rng.randrange(len(scale))]
            out = mix(out, note(f, beat * 0.9, 0.16, 0.02, 0.4, (1.0, 0.15, 0.05)), start)
    return out[:total]


def main() -> None:
    save("click", note(880, 0.05, 0.4, 0.002, 0.03, (1.0, 0.2)))
    save("page", seq(note(660, 0.06, 0.3, 0.003, 0.04), note(880, 0.08, 0.3, 0.003, 0.06)))
    save("correct", seq(note(523.25, 0.09, 0.5), note(659.25, 0.09, 0.5), note(783.99, 0.22, 0.5, release=0.18)))
    save("wrong", seq(note(392.0, 0.14, 0.35, release=0.1, vibrato=0.01), note(329.63, 0.26, 0.35, release=0.2, vibrato=0.01)))
    save("star", seq(*(note(f, 0.08, 0.4, 0.003, 0.05, (1.0, 0.4, 0.2)) for f in (783.99, 987.77, 1174.66, 1567.98))))
    save("badge", seq(note(523.25, 0.12, 0.45), note(659.25, 0.12, 0.45), note(783.99, 0.12, 0.45),
                      note(1046.5, 0.4, 0.45, release=0.3, vibrato=0.004)))
    save("music", music_loop())
    print(f"wrote sounds to {OUT}")


if __name__ == "__main__":
    main()
