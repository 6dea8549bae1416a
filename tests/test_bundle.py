"""The standalone bundle (PyInstaller onedir), the Linux packages and the offline lab kit, built
and run here the way a school would use them: no Python on the path, another working folder,
headless (SDL dummy drivers). Slow (the bundle build is ~30-60 s), still part of the full suite."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
pytestmark = [pytest.mark.slow]

EXE = "sango-game.exe" if os.name == "nt" else "sango-game"
LINUX = sys.platform.startswith("linux")


def _clean_env(home: Path, **extra: str) -> dict[str, str]:
    """No Python of ours leaks in, and every folder the game writes to is inside the test's tmp."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "PIP_", "VIRTUAL_ENV", "XDG_", "SANGO_"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
               XDG_CONFIG_HOME=str(home / "config"), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    started = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "tools" / "build.py"), "bundle", "--out", str(out),
                    "--work", str(out / "work")], check=True, cwd=ROOT, timeout=900)
    print(f"bundle built in {time.perf_counter() - started:.0f} s")
    return out / "sango-game"


@pytest.fixture
def home(tmp_path) -> Path:
    (tmp_path / "home").mkdir()
    (tmp_path / "elsewhere").mkdir()
    return tmp_path / "home"


def _run(bundle: Path, home: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([str(bundle / EXE), *args], capture_output=True, text=True, timeout=timeout,
                          cwd=home.parent / "elsewhere", env=_clean_env(home))


def test_bundle_contents_are_trimmed(bundle):
    # Symlinks (shared libraries under a second name) take no space.
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size: {size / 1e6:.1f} MB")
    assert size <= 90e6, f"the bundle is {size / 1e6:.1f} MB unpacked (target <= 90 MB)"
    data = next(bundle.rglob("sango_game/_data"))
    mos = sorted(p.relative_to(data / "locales").as_posix() for p in (data / "locales").rglob("*.mo"))
    assert {m.split("/")[0] for m in mos} == {"ar", "en", "es", "fr", "ru", "zh_Hans"}
    assert any(m.endswith("messages-levels.mo") for m in mos)
    assert not list(data.rglob("*.po")) and not list(data.rglob("*.pot")), "no catalog sources: nothing to recompile"
    assert list((data / "levels").rglob("*.yaml")) and list((data / "assets" / "fonts").glob("*.[ot]tf"))
    babel_data = {p.stem for p in bundle.rglob("babel/locale-data/*.dat")}
    assert {"root", "ar", "en", "fr", "ru", "es", "zh_Hans_CN"} <= babel_data and len(babel_data) < 15
    names = {p.name for p in bundle.rglob("*")}
    for test_only in ("pytest", "_pytest", "hypothesis", "hatchling", "PyInstaller", "tkinter", "pypdf", "mypy"):
        assert test_only not in names, f"{test_only} is in the bundle"


def test_bundle_version_and_check(bundle, home):
    from sango_game import __version__

    res = _run(bundle, home, "--version")
    assert res.returncode == 0 and res.stdout.strip() == f"sango-game {__version__}", res.stderr
    res = _run(bundle, home, "check")
    assert res.returncode == 0 and "0 errors" in res.stdout, res.stdout + res.stderr
    assert "checked 0 level" not in res.stdout
    res = _run(bundle, home, "--help")
    assert "SANGO_DATA_DIR" in res.stdout and "exit codes" in res.stdout


def test_bundle_report_on_a_generated_lab(bundle, home, tmp_path):
    from sango_game.classroom import new_session, pick_check_questions, write_session
    from sango_game.classroom.simulate import simulate_lab
    from sango_game.content import load_catalog

    catalog = load_catalog()
    levels = [lv for lv in catalog.band_levels("13-18") if lv.topic in ("scams", "grooming")]
    session = new_session("Лаборатория", "13-18", "ru", [lv.id for lv in levels], pick_check_questions(levels, 4),
                          catalog=catalog)
    session_file = write_session(tmp_path / "sango-session.json", session)
    simulate_lab(session, catalog, tmp_path / "usb" / "Sango", pcs=4, shared=1, seed=3)
    out = tmp_path / "report"
    res = _run(bundle, home, "report", "--session", str(session_file), str(tmp_path / "usb"), "--out", str(out))
    assert res.returncode == 0, res.stderr
    assert "5 pupils in the class" in res.stdout
    assert "missing the following glyphs" not in res.stderr  # every character of the PDF is in its fonts
    assert (out / "summary.csv").read_text(encoding="utf-8-sig").count("\n") == 1 + 5
    pdfs = list(out.glob("*.pdf"))  # one PDF per class: the report, then a certificate per pupil
    assert len(pdfs) == 1
    from pypdf import PdfReader

    assert len(PdfReader(pdfs[0]).pages) >= 1 + 5


def test_bundle_scripted_title_screen_and_game_start(bundle, home, tmp_path):
    """The real screens from the bundle (fonts, shaping, SVG art, compiled catalogs), then the game
    itself stays up; nothing is compiled into the user cache."""
    shots = tmp_path / "shots"
    res = _run(bundle, home, "screenshots", "--out", str(shots), "-l", "ar", timeout=300)
    assert res.returncode == 0, res.stderr
    title = shots / "ar-title.png"
    assert title.is_file() and title.stat().st_size > 20_000
    proc = subprocess.Popen([str(bundle / EXE), "--language", "fr"], cwd=home.parent / "elsewhere",
                            env=_clean_env(home, SANGO_LOG="INFO"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        time.sleep(6)
        assert proc.poll() is None, f"the game stopped: {proc.communicate()[1]}"
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err, err
    assert not (home / "cache" / "sango-game" / "mo").exists(), "the bundle must never compile catalogs"
    assert (home / "data" / "sango-game").is_dir()


@pytest.mark.skipif(not LINUX or not shutil.which("dpkg-deb"), reason="the .deb is built on Linux with dpkg-deb")
def test_deb_package(bundle, tmp_path):
    from build_linux import build_deb

    from sango_game import __version__

    deb = build_deb(bundle, tmp_path, __version__, compression="none")  # fast; the format is the same
    info = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "Package: sango-game" in info and f"Version: {__version__}" in info and "Depends: libc6" in info
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    files = {line.split()[-1].removeprefix(".") for line in listing.splitlines()}
    app = "io.github.sango_game.Sango"
    for needed in ("/opt/sango-game/sango-game", "/usr/bin/sango-game", f"/usr/share/applications/{app}.desktop",
                   f"/usr/share/metainfo/{app}.metainfo.xml", f"/usr/share/icons/hicolor/scalable/apps/{app}.svg",
                   f"/usr/share/icons/hicolor/256x256/apps/{app}.png", "/usr/share/doc/sango-game/copyright"):
        assert needed in files, needed
    assert all(line.split()[1] == "root/root" for line in listing.splitlines())
    assert not any(f.startswith(("/home", "/tmp", "/usr/local")) for f in files)
    extracted = tmp_path / "x"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(extracted)], check=True)
    if shutil.which("desktop-file-validate"):
        res = subprocess.run(["desktop-file-validate", str(extracted / f"usr/share/applications/{app}.desktop")],
                             capture_output=True, text=True)
        assert res.returncode == 0 and "error" not in res.stdout.lower(), res.stdout
    if shutil.which("appstreamcli"):
        res = subprocess.run(["appstreamcli", "validate", "--no-net",
                              str(extracted / f"usr/share/metainfo/{app}.metainfo.xml")], capture_output=True, text=True)
        assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.skipif(not LINUX, reason="the tarball is the Linux bundle")
def test_tarball_installs_for_one_user_and_uninstalls(bundle, home, tmp_path):
    from build_linux import build_tarball

    from sango_game import __version__

    archive = build_tarball(bundle, tmp_path, __version__)
    with tarfile.open(archive) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    top = next((tmp_path / "unpacked").iterdir())
    env = _clean_env(home)
    subprocess.run(["sh", str(top / "install.sh")], check=True, env=env, capture_output=True, timeout=120)
    local = home / ".local"
    res = subprocess.run([str(local / "bin" / "sango-game"), "--version"], capture_output=True, text=True, env=env)
    assert res.returncode == 0 and __version__ in res.stdout, res.stderr
    desktop = (local / "share/applications/io.github.sango_game.Sango.desktop").read_text(encoding="utf-8")
    assert f"Exec={local}/opt/sango-game/sango-game" in desktop
    assert (local / "share/icons/hicolor/48x48/apps/io.github.sango_game.Sango.png").is_file()
    (home / "data" / "sango-game").mkdir(parents=True)  # progress must survive an uninstall
    subprocess.run(["sh", str(local / "opt" / "sango-game" / "uninstall.sh")], check=True, env=env,
                   capture_output=True)
    left = sorted(p.relative_to(local).as_posix() for p in local.rglob("*") if p.is_file() or p.is_symlink())
    assert left == [], left
    assert (home / "data" / "sango-game").is_dir()


@pytest.mark.skipif(os.name == "nt", reason="install.bat cannot be run by this test; install.sh covers Linux/macOS")
def test_lab_kit_installs_offline_and_starts_headless(home, tmp_path):
    """The kit is built for this computer's platform and Python only (wheels cached in build/), then
    installed with install.sh (pip --no-index) into a fresh venv; the game opens its first frame."""
    from build_labkit import build_labkit, current_platform

    from sango_game import __version__

    py = f"{sys.version_info.major}.{sys.version_info.minor}"
    try:
        kit = build_labkit(tmp_path / "dist", __version__, platforms=[current_platform()],
                           cache=ROOT / "build" / "labkit-wheels", python_versions=(py,))
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"the dependency wheels could not be downloaded once (PyPI unreachable?): {exc}")
    wheels = {p.name.split("-")[0].lower() for p in (kit / "wheels").glob("*.whl")}
    # python-bidi is a test oracle now, not a runtime dependency: the kit carries what the game runs on.
    assert {"sango_game", "pygame_ce", "babel", "pyyaml", "platformdirs", "fpdf2", "uharfbuzz", "zxcvbn"} <= wheels
    env = _clean_env(home, PYTHON=_base_python())
    target = tmp_path / "venv"
    res = subprocess.run(["sh", str(kit / "install.sh"), str(target)], env=env, capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    probe = ("import json, sango_game\nfrom sango_game.app import App\n"
             "app = App(size=(1024, 600), language='zh_Hans', speech=False)\napp.step()\n"
             "print(json.dumps({'file': sango_game.__file__, 'frame': app.first_frame_at is not None,"
             " 'top': type(app.top).__name__}))\napp.shutdown()\n")
    res = subprocess.run([str(target / "bin" / "python"), "-c", probe], env=env, capture_output=True, text=True,
                         cwd=home.parent / "elsewhere", timeout=120)
    assert res.returncode == 0, res.stderr
    info = json.loads(res.stdout.strip().splitlines()[-1])
    assert str(target) in info["file"] and info["frame"] and info["top"] == "TitleScene"
    res = subprocess.run([str(target / "bin" / "sango-game"), "check"], env=env, capture_output=True, text=True)
    assert res.returncode == 0 and "0 errors" in res.stdout
    assert (home / "data" / "applications" / "io.github.sango_game.Sango.desktop").is_file()


def _base_python() -> str:
    """The interpreter this test venv was made from: the kit makes a venv of its own, like a lab PC."""
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    return str(base) if base.exists() else sys.executable
