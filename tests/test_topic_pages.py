"""Topic toggles (class play set-up, lab session): every topic reachable, labels never cut, pages when needed."""

import pytest


@pytest.mark.parametrize("code,size,text_size", [("ar", (1024, 600), "larger"), ("ru", (1024, 600), "larger"),
                                                 ("en", (1280, 720), "normal")])
def test_every_topic_can_be_switched_on_every_label_fits(code, size, text_size, tmp_path):
    from sango_game.app import App

    app = App(size=size, language=code, data_dir=tmp_path / "data", audio=False, speech=False)
    app.apply_settings({"text_size": text_size, "language": code})
    app.teacher_unlocked = True
    setup = app.make_scene("class-setup")
    app.stack.push(setup)
    setup.set_band("13-18")
    app.step()
    topics = [t.id for t in app.catalog.band_topics("13-18")]
    assert len(topics) >= 29
    seen: list[str] = []
    for _ in range(5):  # every page once
        names = [w.name for w in setup.focus.widgets if w.name.startswith("topic-") and w.name != "topic-page"]
        assert not set(names) & set(seen), "a topic shown on two pages"
        seen += names
        for name in names:  # switch each on by pressing its button, as a teacher would
            setup.focus.find(name).on_click()
            app.step()
        more = setup.focus.find("topic-page")
        if more is None or len(seen) == len(topics):
            break
        more.on_click()
        app.step()
    assert sorted(seen) == sorted(f"topic-{t}" for t in topics)
    assert setup.topics == set(topics)
    assert not app.overflows, app.overflows[:3]
    label_h = 2 * app.text.line_height(code, app.theme.small)
    assert all(w.rect.h >= label_h for w in setup.focus.widgets if w.name.startswith("topic-"))
    if size == (1280, 720):
        assert setup.focus.find("topic-page") is None  # a normal window shows them all at once
    app.shutdown()
