"""A non-editable install into a fresh venv, run from another folder, finds levels, locales and assets."""

import os
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_carries_data(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    # The fresh venv may use this test environment's packages (pygame-ce, Babel, hatchling...)
    # through a .pth file, but sango_game itself only from the wheel installed below.
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    import site as site_mod

    outer = [p for p in site_mod.getsitepackages() + [site_mod.getusersitepackages()] if os.path.isdir(p)]
    Path(site, "sango-test-deps.pth").write_text("\n".join(outer) + "\n", encoding="utf-8")
    # --no-build-isolation and --no-deps: the build tools and dependencies come from the test
    # environment, so the test needs no network; the install itself is a normal, non-editable one.
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", str(ROOT)],
                   check=True, cwd=tmp_path)
    probe = (
        "import sango_game, sango_game.resources as r, json\n"
        "from sango_game.content import load_catalog\n"
        "from sango_game.i18n import Translator\n"
        "cat = load_catalog()\n"
        "print(json.dumps({'pkg': sango_game.__file__, 'root': str(r.data_root()), 'levels': len(cat.levels),"
        " 'errors': len(cat.errors), 'topics': len(cat.topics),"
        " 'sango': r.asset_path('sango', 'happy.svg').is_file(), 'font': any(r.asset_path('fonts').glob('*.[ot]tf')),"
        " 'mo': sorted(p.parent.parent.name for p in r.locales_path().glob('*/LC_MESSAGES/messages.mo')),"
        " 'play': Translator('fr')._('Play'),"
        " 'level': Translator('fr').level(cat.levels['k-passwords-quiz'].title)}))\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = subprocess.run([str(py), "-c", probe], capture_output=True, text=True, cwd=elsewhere,
                         env={**os.environ, "PYTHONPATH": ""})
    assert out.returncode == 0, out.stderr
    import json

    info = json.loads(out.stdout.strip().splitlines()[-1])
    assert str(ROOT) not in info["pkg"], "the installed copy must be used, not the source tree"
    assert info["root"].endswith(os.path.join("sango_game", "_data"))
    assert info["topics"] > 0 and info["levels"] >= 1 and info["errors"] == 0
    assert info["sango"] and info["font"]
    assert set(info["mo"]) >= {"ar", "en", "es", "fr", "ru", "zh_Hans"}
    assert info["play"] == "Jouer"
    assert info["level"] and info["level"] != "Password power"  # the level-text catalog part is in the wheel
    cli = env_dir / ("Scripts/sango-game.exe" if os.name == "nt" else "bin/sango-game")
    res = subprocess.run([str(cli), "check"], capture_output=True, text=True, cwd=elsewhere)
    assert res.returncode == 0 and "0 errors" in res.stdout
