"""The local child helpline, set by the teacher (teacher area) or a lab's config.toml (`helpline = "..."`).

Level text never prints phone numbers (they differ by country); the game shows the local one, when
set, after levels on topics where a child may need it.
"""

from __future__ import annotations

import json
from pathlib import Path

FILE = "teacher-settings.json"
MAX_LEN = 60
HELP_TOPICS = frozenset({"getting-help", "helplines", "image-sharing", "grooming", "upsetting-content", "strangers",
                         "kindness", "bystanders", "known-people", "helping-friend", "deepfakes", "mean-groups",
                         "online-hate"})


def _folder(app) -> Path:
    from .paths import data_dir

    return Path(app.data_dir) if getattr(app, "data_dir", None) else data_dir()


def get_helpline(app) -> str:
    """The teacher's or the lab's helpline, else the one of an installed content pack in the
    child's language."""
    own = _own_helpline(app)
    if own:
        return own
    try:
        from .content.packs import pack_helplines

        lines = pack_helplines(app.catalog, getattr(getattr(app, "tr", None), "code", "en"))
    except Exception:  # noqa: BLE001 - a broken pack must not hide the results screen
        return ""
    return lines[0].text()[:MAX_LEN] if lines else ""


def _own_helpline(app) -> str:
    try:
        data = json.loads((_folder(app) / FILE).read_text(encoding="utf-8"))
        value = data.get("helpline") if isinstance(data, dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip()[:MAX_LEN]
    except (OSError, ValueError):
        pass
    try:
        from .paths import config_value

        value = config_value("helpline", "")
    except Exception:  # a broken config file must not hide the game
        value = ""
    return value.strip()[:MAX_LEN] if isinstance(value, str) else ""


def set_helpline(app, value: str) -> None:
    from .atomic import atomic_write_bytes

    text = " ".join(value.split())[:MAX_LEN]
    atomic_write_bytes(_folder(app) / FILE, json.dumps({"helpline": text}, ensure_ascii=False).encode("utf-8"),
                       make_parent=True)
