"""The game's screens, each reachable by name (``app.push("results", ...)``), see ``scene.register``.

Screens never import each other to navigate; they may only import the shared modules (``base``,
``dialogs``, ``shared``) and, to subclass it, ``quiz``. ``tests/test_architecture.py`` checks it.
"""

from __future__ import annotations

from ..scene import register

SCENES: dict[str, str] = {
    "title": "scenes.title:TitleScene",
    "language": "scenes.title:LanguageScene",
    "profiles": "scenes.profiles:ProfilesScene",
    "new-profile": "scenes.profiles:NewProfileScene",
    "band": "scenes.levelmap:BandScene",
    "levelmap": "scenes.levelmap:LevelMapScene",
    "worldmap": "scenes.worldmap:WorldMapScene",
    "topic": "scenes.levelmap:TopicScene",
    "intro": "scenes.levelmap:LevelIntroScene",
    "quiz": "scenes.quiz:QuizScene",
    "scenario": "scenes.scenario:ScenarioScene",
    "results": "scenes.results:ResultsScene",
    "settings": "scenes.settings:SettingsScene",
    "progress": "scenes.progress:ProgressScene",
    "profile": "scenes.progress:ProfileScene",
    "teacher": "scenes.teacher:TeacherMenuScene",
    "class-setup": "scenes.teacher:ClassSetupScene",
    "class-play": "scenes.teacher:ClassPlayScene",
    "class-results": "scenes.teacher:ClassResultsScene",
    "lab": "scenes.lab.menu:LabMenuScene",
    "check": "scenes.lab.check:CheckScene",
    "check-done": "scenes.lab.check:CheckDoneScene",
    "lab-prepare": "scenes.lab.prepare:PrepareSessionScene",
    "lab-load": "scenes.lab.load:LoadSessionScene",
    "lab-import": "scenes.lab.load:ImportFolderScene",
    "class-summary": "scenes.lab.summary:ClassSummaryScene",
    "packs": "scenes.packs:PacksScene",
    "practice": "scenes.practice.scene:PracticeScene",
    "practice-debrief": "scenes.practice.debrief:DebriefScene",
}

for _name, _target in SCENES.items():
    register(_name, _target)
