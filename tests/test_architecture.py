"""The design rules the code must keep (see README "For developers")."""

import ast
import functools
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "sango_game"


def sources():
    for path in PKG.rglob("*.py"):
        yield path, path.read_text(encoding="utf-8")


@functools.cache
def parsed(path: Path) -> ast.Module:
    """Each module's syntax tree, parsed once for all the tests here (they only read it)."""
    return ast.parse(path.read_text(encoding="utf-8"))


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
    from sango_game.i18n import LANGUAGES
    from sango_game.text import missing_glyphs

    chars = set()
    for path in PKG.rglob("*.py"):
        if "text" in path.relative_to(PKG).parts[:1]:
            continue
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and not (
                    node.value.startswith(("\n", "\"", "'")) or node.value.strip().startswith(('"""', "A ", "The "))):
                chars |= {ch for ch in node.value if ord(ch) > 127}
    # Joiners and variation selectors are never drawn on their own (nickname clean-up lists them).
    chars -= {ch for ch in chars if 0xFE00 <= ord(ch) <= 0xFE0F or ch in "\u200c\u200d"}
    problems = {lang.code: missing_glyphs("".join(sorted(chars)), lang.code) for lang in LANGUAGES}
    assert all(not v for v in problems.values()), problems


def test_no_translated_literal_hides_inside_an_f_string():
    """Babel cannot extract a tr._("...") written inside an f-string: it would never be translated."""
    import ast

    found = []
    for path in PKG.rglob("*.py"):
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.JoinedStr):
                for sub in ast.walk(node):
                    if (isinstance(sub, ast.Call) and isinstance(sub.func, ast.Attribute)
                            and sub.func.attr in ("_", "f", "nf", "p", "pf", "ngettext", "gettext", "pgettext")
                            and sub.args and isinstance(sub.args[0], ast.Constant) and isinstance(sub.args[0].value, str)):
                        found.append(f"{path.relative_to(PKG)}:{sub.lineno}")
    assert found == []


# -- the import graph -----------------------------------------------------------------------------
LOWER = ("core", "content", "progress", "classroom", "text", "i18n", "languages", "kinds")
UPPER = ("scenes", "ui", "app")
#: Screens may import these from their own package (shared code, and QuizScene to subclass it);
#: every other screen is reached by name through the scene registry.
SCENE_SHARED = {"base", "dialogs", "shared", "quiz", "quiz_views"}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and (
        (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING")
        or (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"))


def _runtime_imports(tree):
    """Import nodes anywhere in the module (inside functions too), except under ``if TYPE_CHECKING``."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        stack.extend(ast.iter_child_nodes(node))


BROKEN: list[str] = []  # relative imports of modules that do not exist (filled by import_graph)


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """module -> the sango_game modules it imports at run time (``from .x import y`` counts as x.y
    when y is a module, else as x). Worked out once per test process; the tests only read it."""
    modules = {_module_name(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    BROKEN.clear()
    for name, path in modules.items():
        is_pkg = path.name == "__init__.py"
        out: set[str] = set()
        for node in _runtime_imports(parsed(path)):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                if node.level:
                    base = name.split(".") if is_pkg else name.split(".")[:-1]
                    base = base[:len(base) - node.level + 1]
                    mod = ".".join(base + ([node.module] if node.module else []))
                    if mod not in modules:
                        BROKEN.append(f"{name}: from {'.' * node.level}{node.module or ''}")
                else:
                    mod = node.module or ""
                targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in modules else mod for a in node.names]
            out |= {t for t in targets if t in modules and t != name}
        graph[name] = out
    return graph


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_import_graph_is_read_correctly():
    """The parser itself: a known import inside a function and a relative package import are seen."""
    graph = import_graph()
    assert "sango_game.scene" in graph["sango_game.app"]
    assert "sango_game.scenes" in graph["sango_game.app"]  # imported inside App.__init__
    assert "sango_game.classroom.checks" in graph["sango_game.scenes.shared"]  # inside a function
    assert "sango_game.app" not in graph["sango_game.scene"]  # only under TYPE_CHECKING


def test_every_relative_import_names_a_real_module():
    """Also the imports inside functions, which only fail when that code runs."""
    import_graph()
    assert BROKEN == []


def test_lower_layers_never_import_upper_ones():
    offenders = sorted(f"{m} -> {t}" for m, targets in import_graph().items() if _layer(m) in LOWER
                       for t in targets if _layer(t) in UPPER)
    assert offenders == []


def test_scene_stack_does_not_import_the_app():
    assert not {t for t in import_graph()["sango_game.scene"] if _layer(t) in UPPER}


def test_scenes_reach_each_other_by_name_only():
    """A screen imports no other screen (only the shared modules, or modules of its own package)."""
    def allowed(m: str, t: str) -> bool:
        return t.split(".")[2] in SCENE_SHARED or (len(m.split(".")) > 2 and m.split(".")[2] == t.split(".")[2])

    offenders = sorted(f"{m} -> {t}" for m, targets in import_graph().items() if m.startswith("sango_game.scenes.")
                       for t in targets if t.startswith("sango_game.scenes.") and not allowed(m, t))
    assert offenders == []


def _cycles(graph: dict[str, set[str]], nodes: set[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), restricted to ``nodes``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in nodes:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_among_scenes():
    graph = import_graph()
    scenes = {m for m in graph if m.startswith("sango_game.scenes")}
    assert _cycles(graph, scenes) == []


def test_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, {"a", "b", "c", "d"}) == [["a", "b", "c"]]


def test_every_registered_scene_exists_with_that_name():
    from sango_game.scene import registered_scenes, scene_factory
    from sango_game.scenes import SCENES

    assert set(SCENES) <= set(registered_scenes())
    for name in SCENES:
        assert scene_factory(name).name == name
    with pytest.raises(KeyError, match="no scene registered"):
        scene_factory("no-such-screen")


# A call of st.text (or strategies.text) whose first argument is a size or nothing: no alphabet.
_DEFAULT_ALPHABET = re.compile(r"\b(?:st|strategies)\.text\(\s*(?:\)|(?:min_size|max_size)\s*=)")


def test_property_tests_name_their_alphabet():
    """Hypothesis finds the default alphabet of ``st.text`` by encoding every code point, about
    2 s in each test process of a fresh checkout (CI's case): tests use examples.utf8_text instead
    (the same characters, found from Unicode's categories) or name their own alphabet."""
    tests = Path(__file__).resolve().parent
    found = [f"{p.name}: {m.group()}" for p in sorted(tests.glob("*.py"))
             if p.name != Path(__file__).name for m in _DEFAULT_ALPHABET.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found
    sample = "st.text(max_size=3) st.text() strategies.text( min_size=1) st.text(alphabet='ab') st.text(x) st.texts()"
    assert len(_DEFAULT_ALPHABET.findall(sample)) == 3
    # The same characters: UTF-8 refuses exactly the surrogates U+D800-DFFF, Unicode's category Cs.
    import unicodedata

    for cp, ok in ((0, True), (0xD7FF, True), (0xD800, False), (0xDBFF, False), (0xDFFF, False), (0xE000, True),
                   (0x10FFFF, True)):
        assert (unicodedata.category(chr(cp)) != "Cs") == ok
        try:
            chr(cp).encode("utf-8")
            assert ok
        except UnicodeEncodeError:
            assert not ok
