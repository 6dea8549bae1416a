"""Feedback after an answer: at most two pages, in the free half beside the answers (or a checklist)."""

import pytest

from sango_game.autoplay import ScriptedPlayer


@pytest.mark.parametrize("code,size", [("en", (1280, 720)), ("ar", (1024, 600)), ("zh_Hans", (1024, 600))])
def test_every_answer_has_at_most_two_pages(code, size, tmp_path):
    from sango_game.app import App

    app = App(size=size, language=code, data_dir=tmp_path / "d", speech=False, audio=False)
    app.apply_settings({"text_size": "larger", "language": code})
    app.text.glyphs = False  # pages and panels are measured, not looked at (test_screens draws them)
    player = ScriptedPlayer(app, draw=False)  # pages and panels are laid out on answering, not drawing
    kinds = set()
    for level_id in ("k-scams-quiz", "t-passwords-quiz"):
        level = app.catalog.levels[level_id]
        player.start_level(level)
        for q in level.questions:
            player.answer_question(q, right=False)
            scene = app.stack.top
            kinds.add(q.type)
            assert 1 <= len(scene.pages) <= 2, (level_id, q.id, scene.pages)
            panel = scene.feedback_rect()
            content = scene.areas()[2]
            if scene.split_feedback:
                # The answers keep the start side; the panel takes the rest of the row.
                answers = scene.answer_area(content)
                assert not answers.colliderect(panel) and panel.w >= content.w // 3
                assert (panel.centerx < answers.centerx) == app.tr.rtl
            else:
                assert scene.list_feedback and panel.w == content.w
            player.finish_feedback()
        player.leave_results()
    assert {"single", "red_flags", "sort"} <= kinds
    app.shutdown()
