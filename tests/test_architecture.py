"""The design rules the code must keep (see README "For developers")."""

import re
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "sango_game"


def sources():
    for path in PKG.rglob("*.py"):
        yield path, path.read_text(encoding="utf-8")


def test_only_the_text_module_renders_fonts():
    offenders = [str(p.relative_to(PKG)) for p, src in sources()
                 if "text" not in p.relative_to(PKG).parts[:1]
                 and re.search(r"pygame\.(font|freetype)\b|\bFont\(|\.render_to\(|font\.render\(", src)]
    assert offenders == []


def test_only_the_input_module_reads_pygame_events():
    offenders = [str(p.relative_to(PKG)) for p, src in sources()
                 if p.name != "input.py" and re.search(r"pygame\.event\.(get|poll|wait|pump)\(", src)]
    assert offenders == []


def test_no_network_code_anywhere():
    offenders = [str(p.relative_to(PKG)) for p, src in sources()
                 if re.search(r"^\s*(import|from)\s+(socket|urllib|http|requests|ftplib|smtplib|ssl)\b", src, re.M)]
    assert offenders == []


def test_yaml_is_only_loaded_safely():
    for p, src in sources():
        assert not re.search(r"yaml\.(load|unsafe_load|full_load)\(", src), p
        assert "yaml.Loader" not in src and "FullLoader" not in src and "UnsafeLoader" not in src, p


def test_lab_state_file_name_is_shared():
    from sango_game.app import App
    from sango_game.classroom.state import STATE_FILE

    assert App.LAB_STATE_FILE == STATE_FILE


def test_start_up_imports_stay_light():
    """The title screen needs neither the level content, the lab code nor fontTools: they load on first use."""
    import subprocess
    import sys

    code = ("import sys, tempfile, pathlib, os\n"
            "os.environ['SDL_VIDEODRIVER'] = 'dummy'; os.environ['SDL_AUDIODRIVER'] = 'dummy'\n"
            "from sango_game.app import App\n"
            "app = App(data_dir=pathlib.Path(tempfile.mkdtemp()), language='en', speech=False)\n"
            "app.step()\n"
            "print(sorted(m for m in ('yaml', 'fontTools', 'sango_game.classroom', 'sango_game.content') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PKG.parent, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_every_character_the_code_draws_is_in_the_bundled_fonts():
    """Symbols written in the code (arrows, dots, quotes...) must exist in every language's fonts."""
    import ast

    from sango_game.i18n import LANGUAGES
    from sango_game.text import missing_glyphs

    chars = set()
    for path, src in sources():
        if "text" in path.relative_to(PKG).parts[:1]:
            continue
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and not (
                    node.value.startswith(("\n", "\"", "'")) or node.value.strip().startswith(('"""', "A ", "The "))):
                chars |= {ch for ch in node.value if ord(ch) > 127}
    problems = {lang.code: missing_glyphs("".join(sorted(chars)), lang.code) for lang in LANGUAGES}
    assert all(not v for v in problems.values()), problems


def test_no_translated_literal_hides_inside_an_f_string():
    """Babel cannot extract a tr._("...") written inside an f-string: it would never be translated."""
    import ast

    found = []
    for path, src in sources():
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.JoinedStr):
                for sub in ast.walk(node):
                    if (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)
                            and sub.func.attr in ("_", "f", "nf", "p", "pf", "ngettext", "gettext", "pgettext")
                            and sub.args and isinstance(sub.args[0], ast.Constant) and isinstance(sub.args[0].value, str)):
                        found.append(f"{path.relative_to(PKG)}:{sub.lineno}")
    assert found == []
