"""Content packs: a sample pack installs from a USB-like folder, shows on the map (catalog) in two
languages with its helpline, is removed again; broken packs and hostile zips are refused."""

import io
import shutil
import stat
import zipfile
from pathlib import Path

import pytest

from sango_game.cli import main
from sango_game.content import load_catalog
from sango_game.content.packs import (
    PackError,
    add_packs,
    extract_zip,
    install_pack,
    pack_helplines,
    remove_pack,
)
from sango_game.i18n import Translator

SAMPLE = Path(__file__).parent / "fixtures" / "sample-pack"


def test_sample_pack_installs_from_a_usb_folder_shows_on_the_map_and_is_removed(tmp_path):
    usb = tmp_path / "usb"
    shutil.copytree(SAMPLE, usb / "ke-sample")
    packs_dir = tmp_path / "data" / "packs"
    loaded = install_pack(usb / "ke-sample", packs_dir)
    assert sorted(loaded.levels) == ["ke-sample/example-quiz", "ke-sample/example-story"]
    assert (usb / "ke-sample" / "pack.toml").exists()  # copied, the stick is untouched

    catalog = load_catalog()
    builtin = len(catalog.levels)
    add_packs(catalog, [packs_dir])
    assert len(catalog.levels) == builtin + 2 and not catalog.errors
    quiz = catalog.levels["ke-sample/example-quiz"]
    assert quiz.pack == "Kenya: help near you"
    assert quiz in catalog.topic_levels("9-12", "getting-help")  # under a built-in topic
    assert "ke-sample/local-help" in [t.id for t in catalog.band_topics("9-12")]  # and a topic of its own
    story = catalog.levels["ke-sample/example-story"]
    assert story in catalog.topic_levels("9-12", "ke-sample/local-help")
    # Two languages: English source, French from the pack's own catalog.
    assert Translator("en").level(quiz.title) == "Who can I tell?"
    assert Translator("fr").level(quiz.title) == "À qui puis-je en parler ?"
    assert Translator("fr").level(catalog.topics["ke-sample/local-help"].title) == "De l'aide près de chez toi"
    # The pack's helpline, for a child in either language.
    assert [h.text() for h in pack_helplines(catalog, "fr")] == ["Childline Kenya 116 (24/7)"]

    assert remove_pack(packs_dir, "ke-sample")
    again = load_catalog()
    add_packs(again, [packs_dir])
    assert len(again.levels) == builtin and not any(lid.startswith("ke-sample/") for lid in again.levels)


def test_a_broken_level_is_skipped_with_a_notice_and_a_broken_pack_is_not_installed(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(SAMPLE, pack)
    (pack / "levels" / "9-12" / "example-story.yaml").write_text("id: example-story\nkind: nope\n", encoding="utf-8")
    with pytest.raises(PackError):
        install_pack(pack, tmp_path / "packs")
    assert not any((tmp_path / "packs").glob("*/pack.toml"))
    # Already installed and broken later: the good level still loads, the broken one is a notice.
    installed = tmp_path / "installed"
    shutil.copytree(pack, installed / "ke-sample")
    catalog = load_catalog()
    add_packs(catalog, [installed])
    assert "ke-sample/example-quiz" in catalog.levels and "ke-sample/example-story" not in catalog.levels
    assert any("example-story" in i.path for i in catalog.errors)


def _zip(entries) -> io.BytesIO:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data, *mode in entries:
            info = zipfile.ZipInfo(name)
            if mode:
                info.external_attr = mode[0] << 16
            zf.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    buf.seek(0)
    return buf


def test_a_zipped_pack_installs(tmp_path):
    entries = [(f"ke-sample/{p.relative_to(SAMPLE).as_posix()}", p.read_bytes()) for p in SAMPLE.rglob("*") if p.is_file()]
    z = tmp_path / "ke-sample.zip"
    z.write_bytes(_zip(entries).getvalue())
    loaded = install_pack(z, tmp_path / "packs")
    assert len(loaded.levels) == 2 and (tmp_path / "packs" / "ke-sample" / "pack.toml").is_file()


@pytest.mark.parametrize("entries, words", [
    ([("../evil.yaml", b"x")], "leaves the pack"),
    ([("/etc/evil.yaml", b"x")], "leaves the pack"),
    ([("C:/evil.yaml", b"x")], "leaves the pack"),
    ([("pack/link", b"/etc/passwd", stat.S_IFLNK | 0o777)], "link"),
    ([("pack/run.py", b"print(1)")], "not pack data"),
    ([("pack/bomb.txt", b"\0" * (20 * 1024 * 1024))], "too big"),
])
def test_hostile_zips_are_refused_and_nothing_is_written(tmp_path, entries, words):
    z = tmp_path / "bad.zip"
    z.write_bytes(_zip(entries).getvalue())
    with pytest.raises(PackError) as err:
        extract_zip(z, tmp_path / "out")
    assert words in err.value.message
    assert not (tmp_path / "evil.yaml").exists()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*"))


def test_pack_new_scaffolds_a_pack_that_checks_clean(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LANGUAGE", "en")
    monkeypatch.chdir(tmp_path)
    assert main(["pack", "new", "My School Pack"]) == 0
    root = tmp_path / "my-school-pack"
    assert sorted(p.name for p in (root / "levels" / "9-12").iterdir()) == ["example-quiz.yaml", "example-story.yaml"]
    capsys.readouterr()
    assert main(["check", str(root)]) == 0
    assert "checked 2 level files: 0 errors, 0 warnings" in capsys.readouterr().out
    assert main(["pack", "install", str(root), "--packs-dir", str(tmp_path / "packs")]) == 0
    assert "installed My School Pack (2 levels)" in capsys.readouterr().out
    assert main(["pack", "remove", "my-school-pack", "--packs-dir", str(tmp_path / "packs")]) == 0


def test_teacher_imports_a_pack_from_a_usb_stick_sees_it_on_the_map_and_removes_it_behind_the_pin(tmp_path):
    from sango_game.app import App
    from sango_game.input import Act, Action
    from sango_game.scenes.packs import PacksScene

    stick = tmp_path / "usb"
    shutil.copytree(SAMPLE, stick / "Sango" / "ke-sample")
    app = App(size=(1280, 720), language="fr", data_dir=tmp_path / "data", audio=False, speech=False)
    try:
        app.store.set_teacher_pin("2468")
        app.teacher_unlocked = True
        scene = PacksScene(app)
        app.stack.push(scene)
        app.step()
        scene.import_from_usb([stick])
        app.step()
        assert app.stack.top.name != "packs"  # a message says what was installed
        assert "ke-sample/example-quiz" in app.catalog.levels
        assert app.catalog.levels["ke-sample/example-quiz"] in app.catalog.topic_levels("9-12", "getting-help")
        app.stack.pop()
        app.step()
        assert app.stack.top is scene
        assert any(getattr(w, "name", "") == "remove-ke-sample" for w in scene.focus.widgets)
        scene.remove(scene.installed()[0])
        app.step()
        app.stack.top.on_yes()  # "Remove ... ?" -> yes
        app.step()
        app.step([Action(Act.TEXT, text="1111"), Action(Act.CONFIRM)])  # wrong PIN: nothing removed
        assert (tmp_path / "data" / "packs" / "ke-sample").is_dir()
        app.step([Action(Act.TEXT, text="2468"), Action(Act.CONFIRM)])
        app.step()
        assert not (tmp_path / "data" / "packs" / "ke-sample").exists()
        assert not any(lid.startswith("ke-sample/") for lid in app.catalog.levels)
    finally:
        app.shutdown()


def test_pack_levels_can_be_played_in_a_lab_session_and_translated_with_i18n_tools(tmp_path, capsys, monkeypatch):
    from sango_game.classroom import new_session, read_session, write_session

    packs_dir = tmp_path / "packs"
    install_pack(SAMPLE, packs_dir)
    catalog = load_catalog()
    add_packs(catalog, [packs_dir])
    session = new_session("Kenya day", "9-12", "fr", ["ke-sample/example-quiz", "k-passwords-quiz"], catalog=catalog)
    again = read_session(write_session(tmp_path / "s.json", session), catalog)
    assert again.playlist[0] == "ke-sample/example-quiz"
    monkeypatch.setenv("LANGUAGE", "en")
    assert main(["i18n", "check", "--root", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "fr       42 of 42 translated" in out and "ru" not in out  # only the pack's own languages


def test_the_packs_helpline_shows_in_the_childs_language_unless_the_teacher_set_one(tmp_path):
    from types import SimpleNamespace

    from sango_game.helpline import get_helpline, set_helpline

    packs_dir = tmp_path / "packs"
    install_pack(SAMPLE, packs_dir)
    catalog = load_catalog()
    add_packs(catalog, [packs_dir])
    child = SimpleNamespace(catalog=catalog, tr=Translator("fr"), data_dir=tmp_path / "data")
    assert get_helpline(child) == "Childline Kenya 116 (24/7)"
    set_helpline(child, "Ligne locale 119")
    assert get_helpline(child) == "Ligne locale 119"  # the teacher's own helpline wins
    none = SimpleNamespace(catalog=load_catalog(), tr=Translator("fr"), data_dir=tmp_path / "other")
    assert get_helpline(none) == ""


def test_a_pack_level_plays_to_the_end_and_the_results_show_the_packs_helpline(tmp_path):
    from sango_game.app import App
    from sango_game.autoplay import ScriptedPlayer
    from sango_game.helpline import get_helpline

    install_pack(SAMPLE, tmp_path / "data" / "packs")
    app = App(size=(1280, 720), language="fr", data_dir=tmp_path / "data", audio=False, speech=False)
    try:
        quiz = app.catalog.levels["ke-sample/example-quiz"]
        results = ScriptedPlayer(app).play_quiz(quiz, right=True)
        assert results.stars == 3 and results.score == 1.0
        assert app.stack.top.name == "results"
        assert get_helpline(app) == "Childline Kenya 116 (24/7)"  # shown after this getting-help level
        story = app.catalog.levels["ke-sample/example-story"]
        ending = ScriptedPlayer(app).play_scenario(story, ["tell"])
        assert app.stack.top.name == "results" and ending is not None
    finally:
        app.shutdown()
