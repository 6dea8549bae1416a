"""The one table of language facts (like Kolibri's ``language_info.json``).

Everything that needs to know something about a language reads it here: the translator
(``i18n``), the font chains and line metrics (``text.fonts``), read-aloud voices (``speech``),
sentence joining for pages (``scenes.base``) and the plural rules of the catalogs (``plurals``).
Adding a language means adding one record below, its catalog and, if its script needs one,
a font face.

This module imports nothing from the game but ``records`` (which imports nothing), so every layer may read it.
"""

from __future__ import annotations

from functools import cache

from .records import field, record


@record
class LanguageInfo:
    code: str  # folder name in locales/
    babel: str  # Babel/CLDR locale id (number formats, own name)
    english_name: str
    direction: str = "ltr"  # "ltr" or "rtl": paragraph direction, mirrored layouts
    font_key: str = "default"  # key of the font chain and line metrics in text.fonts
    font_faces: tuple[str, ...] = ("latin",)  # declared face chain (text.fonts.FACES keys)
    # Ink bounds and line pitch factor in ems (see text.fonts.LineMetrics): scripts with tall
    # marks (Arabic) or dense glyphs (CJK) need more room than Latin.
    line_metrics: tuple[float, float, float] = (0.95, 0.25, 1.0)
    voices: dict[str, str] = field(default_factory=dict)  # TTS engine -> voice name
    number_system: str = "latn"  # CLDR default numbering system of ``babel``
    # gettext Plural-Forms header as the catalog carries it (CLDR rules; plurals.py checks them).
    plural_forms: str = "nplurals=2; plural=(n != 1);"
    # How sentences join and lines break: "space" (words between spaces) or "char" (CJK: no
    # spaces, a line may break between most characters).
    line_break: str = "space"

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    @property
    def nplurals(self) -> int:
        return int(self.plural_forms.split("nplurals=", 1)[1].split(";", 1)[0])

    @property
    def sentence_separator(self) -> str:
        return "" if self.line_break == "char" else " "

    @property
    def native_name(self) -> str:
        return native_name(self.code)

    def voice(self, engine: str, default: str = "") -> str:
        return self.voices.get(engine, default)


TABLE: tuple[LanguageInfo, ...] = (
    LanguageInfo(
        "ar", "ar", "Arabic", direction="rtl", font_key="ar", font_faces=("arabic", "latin"),
        line_metrics=(1.30, 0.50, 1.45),
        voices={"espeak": "ar", "say": "Maged"},
        number_system="latn",  # CLDR default for "ar": Western digits (as the game shows them)
        plural_forms=("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
                      "n%100>=11 && n%100<=99 ? 4 : 5);"),
    ),
    LanguageInfo(
        "zh_Hans", "zh_Hans_CN", "Chinese (Simplified)", font_key="zh", font_faces=("cjk", "latin"),
        line_metrics=(0.97, 0.25, 1.15),
        voices={"espeak": "cmn", "say": "Tingting"},
        plural_forms="nplurals=1; plural=0;",
        line_break="char",
    ),
    LanguageInfo(
        "en", "en", "English",
        voices={"espeak": "en", "say": "Samantha"},
    ),
    LanguageInfo(
        "fr", "fr", "French",
        voices={"espeak": "fr", "say": "Thomas"},
        plural_forms="nplurals=3; plural=((n == 0 || n == 1) ? 0 : (n != 0 && n % 1000000 == 0) ? 1 : 2);",
    ),
    LanguageInfo(
        "ru", "ru", "Russian",
        voices={"espeak": "ru", "say": "Milena"},
        plural_forms="nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : 2);",
    ),
    LanguageInfo(
        "es", "es", "Spanish",
        voices={"espeak": "es", "say": "Monica"},
        plural_forms="nplurals=3; plural=(n == 1 ? 0 : (n != 0 && n % 1000000 == 0) ? 1 : 2);",
    ),
)

BY_CODE: dict[str, LanguageInfo] = {lang.code: lang for lang in TABLE}
DEFAULT = "en"
#: Font chain / metrics keys of the table, for text.fonts ("default" is every Latin-script language).
BY_FONT_KEY: dict[str, LanguageInfo] = {lang.font_key: lang for lang in TABLE if lang.font_key != "default"}
BY_FONT_KEY.setdefault("default", BY_CODE[DEFAULT])


@cache
def native_name(code: str) -> str:
    """The language's name in its own language and script, from CLDR via Babel."""
    from babel import Locale  # imported on first use: start-up stays light

    lang = BY_CODE[code]
    loc = Locale.parse("zh_Hans" if code == "zh_Hans" else lang.babel)
    name = loc.get_display_name(loc) if code == "zh_Hans" else loc.get_language_name(loc)
    return name[:1].upper() + name[1:] if name else code


def info(code: str | None) -> LanguageInfo:
    """The record of ``code`` (one of our codes), English for anything else."""
    return BY_CODE.get(code or "", BY_CODE[DEFAULT])
