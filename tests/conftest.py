"""Headless, hermetic test setup: dummy SDL drivers and temporary data, cache and config folders."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
_TMP = Path(tempfile.mkdtemp(prefix="sango-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
for var in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
    os.environ[var] = str(_TMP / var.lower())
os.environ["SANGO_DATA_DIR"] = str(_TMP / "data")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# HYPOTHESIS_PROFILE=thorough: more examples everywhere (see tests/examples.py for the tests that set their own).
settings.register_profile("thorough", max_examples=500)
settings.load_profile("thorough" if os.environ.get("HYPOTHESIS_PROFILE", "") == "thorough" else "default")

FIXTURES = Path(__file__).parent / "fixtures"


_DATA_DIRS = iter(range(1, 10**9))


@pytest.fixture(autouse=True)
def _data_dir(monkeypatch):
    """Every test gets its own data folder, not yet made (the game makes it as it does on a new
    computer). A path in this process's temporary folder rather than a ``tmp_path``: pytest makes
    and numbers a folder for each test that asks for one, about 0.6 ms, and most tests never
    write their data folder."""
    monkeypatch.setenv("SANGO_DATA_DIR", str(_TMP / "data" / str(next(_DATA_DIRS))))
    yield


@pytest.fixture(autouse=True)
def _cheap_pin_hashes(request, monkeypatch):
    """Teacher PINs are hashed at a 16 times smaller scrypt cost in tests (about 3 ms instead of 50):
    a stored hash carries its own cost, so checking a PIN works exactly the same. Tests marked
    ``real_pin_cost`` keep the game's cost (test_progress_store checks it)."""
    if request.node.get_closest_marker("real_pin_cost") is None:
        from sango_game.progress import pin

        monkeypatch.setattr(pin, "SCRYPT_N", 2**10)
        monkeypatch.setattr(pin, "PBKDF2_ITERATIONS", 20_000)


@pytest.fixture
def fixture_catalog():
    from sango_game.content import load_catalog

    return load_catalog(FIXTURES / "levels")


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected: the shares are those xdist will make
def pytest_collection_modifyitems(config, items):
    """Tests marked ``heavy`` (seconds each: the screen tours, animations frame by frame, the Unicode
    conformance files) run first, dealt to the parallel workers heaviest first (``heavy(seconds,
    group=...)``: tests of one group stay on one worker, where they share what the process has
    measured, such as one language's text in both window sizes). xdist's work stealing hands each
    worker one contiguous share of this order, so each share begins with its long tests and ends
    with short ones, which the first worker to finish takes from the others: both finish at about
    the same time, instead of one starting the longest tour when the other has nothing left to do."""
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))

    def weight(item) -> float:
        mark = item.get_closest_marker("heavy")
        return float(mark.args[0]) if mark.args else 1.0

    groups: dict[str, list] = {}
    for item in items:
        mark = item.get_closest_marker("heavy")
        if mark is not None:
            groups.setdefault(mark.kwargs.get("group") or item.nodeid, []).append(item)
    loads = [0.0] * workers
    dealt: list[list] = [[] for _ in range(workers)]
    for group in sorted(groups.values(), key=lambda g: sum(map(weight, g)), reverse=True):
        k = loads.index(min(loads))  # to the worker with the least so far
        dealt[k] += sorted(group, key=weight, reverse=True)
        loads[k] += sum(map(weight, group))
    light = [i for i in items if i.get_closest_marker("heavy") is None]
    order, left = [], len(items)
    for k in range(workers):
        share = left // (workers - k)  # the share xdist gives the k-th worker
        take = max(0, share - len(dealt[k]))
        order += dealt[k] + light[:take]
        light = light[take:]
        left -= share
    assert len(order) + len(light) == len(items)
    items[:] = order + light


@pytest.fixture(autouse=True, scope="session")
def _svg_art_rasterised_once_per_process():
    """The suite builds hundreds of games, and each one's ``Art`` would rasterise the same SVG files
    at the same sizes again (about 1 ms a picture, 10 s in all). Pictures are rasterised once per
    test process and size here; each game still keeps them in its own byte-bounded cache, and a
    missing or broken file still takes the game's own path (logged, a plain shape drawn)."""
    import pygame

    from sango_game import art
    from sango_game.text.cache import LRUCache
    from sango_game.text.engine import surface_bytes

    kept: LRUCache = LRUCache(4096, 256 * 2**20, surface_bytes)
    real = art.Art._load

    def load(self, rel, size):
        key = (rel, size, pygame.display.get_surface() is not None)
        surf = kept.get(key)
        if surf is None:
            surf = real(self, rel, size)
            if rel not in self._missing:
                kept.put(key, surf)
        return surf

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(art.Art, "_load", load)
        yield


def pytest_collection_finish(session):
    """The garbage collector of a test process: what collection made (modules, test items, the
    catalogs loaded for parametrising) lives to the end, so it is frozen out of every later
    collection, and collections start after 10,000 new objects instead of 700. The screen tours
    keep hundreds of thousands of text measurements: with the defaults, 5-8 % of a tour's CPU was
    garbage collection walking them again and again (timed with gc.callbacks; bench/bench_suite.py
    compares tours). Cycles are still collected, only later."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def pytest_configure(config):
    """Compile the catalogs beside their .po files once (``sango-game i18n compile``, only where
    stale), before the parallel workers start: a fresh checkout has no compiled catalogs, and each
    worker would otherwise compile every language into its own cache (about 12 s of CPU). The
    languages are compiled side by side, one process per core: nothing else runs yet (2.0 -> 1.1 s)."""
    if hasattr(config, "workerinput"):
        return  # a worker: the controller has done it
    from sango_game.i18n_tools import compile_all

    try:
        compile_all(Path(__file__).resolve().parents[1], only_stale=True, jobs=os.cpu_count() or 1)
    except Exception:  # noqa: BLE001 - a read-only checkout or a broken .po must not stop the session:
        pass  # the game compiles into its user cache as it always can, and the i18n tests say what is wrong


def _worker_exit() -> None:
    """A parallel test worker whose session ended leaves at once, as multiprocessing's children do
    (os._exit after their work): every result has reached the controller, and the interpreter's
    own exit (garbage collections over the hundreds of MB the screen tours measured, then freeing
    them object by object) kept the controller waiting about a second. Registered last, so it runs
    first of the exit functions: it does what the others would need (the temporary folders, logging)."""
    import logging

    shutil.rmtree(_TMP, ignore_errors=True)
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(0)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config):
    if hasattr(config, "workerinput"):  # a worker whose session ended normally
        atexit.register(_worker_exit)
