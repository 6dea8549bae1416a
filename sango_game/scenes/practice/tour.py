"""Every screen of a practice level, for the screenshots command and the every-screen overflow tour:
the home screen, each app, each chat (with its reply choices and menu), each message and post, the
report reasons, then the debrief pages and results. Time is stepped through the scene's clock."""

from __future__ import annotations

from collections.abc import Callable


def tour_practice(app, level, visit: Callable[[str], None], draw: Callable[[str], None]) -> None:
    from .scene import PracticeScene

    scene = PracticeScene(app, level)
    app.stack.push(scene)
    draw(f"{level.id}-home")
    run = scene.run
    # Let the whole script arrive (replies stay open: nothing is blocked on this tour).
    for _ in range(200):
        if run.script_over and not [ev for ev in run.pending if ev.at > run.now()]:
            break
        app.step(dt=0.5)
    for name in run.p.apps:
        scene.go("app", name)
        draw(f"{level.id}-{name}")
    for chat in run.p.chats:
        if not run.messages(chat.id):
            continue
        scene.go("chat", chat.id)
        draw(f"{level.id}-chat-{chat.id}")
        scene.go("menu", chat.id)
        draw(f"{level.id}-chat-{chat.id}-menu")
        talker = next((ev.sender for ev, _ in run.messages(chat.id) if ev.sender), None)
        if talker:
            scene.go("report", chat.id, talker)
            draw(f"{level.id}-chat-{chat.id}-report")
    for m in run.p.mail:
        scene.go("mail", m.id)
        scene.act("sender", m.id)
        if m.target:
            scene.act("peek", m.id)
        draw(f"{level.id}-mail-{m.id}")
    for p in run.p.posts:
        scene.go("post", p.id)
        scene.act("check", p.id, p.checks[-1].id)
        draw(f"{level.id}-post-{p.id}")
    if "password" in run.p.apps:
        scene.go("app", "password")
        scene.typed = "otter lantern"
        draw(f"{level.id}-password-typing")
        scene.typed = ""
    scene.done()
    app.step()
    draw(f"{level.id}-debrief-1")
    debrief = app.stack.top
    debrief.next_page()
    draw(f"{level.id}-debrief-2")
    debrief.finish()
    app.step()
    if app.stack.top.name == "results":
        draw(f"{level.id}-results")
