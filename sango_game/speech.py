"""Read-aloud with an offline text-to-speech engine when one is installed; silent otherwise."""

from __future__ import annotations


class Speech:
    def __init__(self, enabled: bool = False):
        self.enabled = enabled
        self.available = False

    def configure(self, enabled: bool) -> None:
        self.enabled = enabled

    def say(self, text: str, lang: str, force: bool = False) -> None:
        return None

    def stop(self) -> None:
        return None
