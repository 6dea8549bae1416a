"""Age bands as people read them (the band ids themselves are ``model.BANDS``)."""

from __future__ import annotations

from ..i18n import N_

#: Translated with ``tr._(BAND_LABELS[band])`` where shown.
BAND_LABELS: dict[str, str] = {"9-12": N_("Ages 9-12"), "13-18": N_("Ages 13-18")}


def band_label(tr, band: str) -> str:
    """The band's label in ``tr``'s language, or the band id itself for an unknown band."""
    return tr._(BAND_LABELS[band]) if band in BAND_LABELS else band
