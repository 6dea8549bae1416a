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
