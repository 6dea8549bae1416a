"""A compiled catalog (``.mo``) read without :mod:`gettext`, for the lookups the translator makes.

An Arabic (or any translated) title needs its interface catalog before the first frame. Importing
``gettext`` (it compiles its plural-rule tokenizer) and ``GNUTranslations``' entry-by-entry reading
cost that frame about 2 ms. :class:`MoCatalog` reads the same file into the same messages as
``gettext.GNUTranslations`` (a test compares every entry of every catalog) with the two offset
tables unpacked at once, and answers ``gettext``, ``pgettext`` and ``ngettext`` exactly as it
does. The plural rule is compiled by ``gettext.c2py`` when a plural is first asked for (at once if
it is not one of the language table's rules, so a bad rule fails the catalog as gettext's would).
No pygame here.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

LE_MAGIC, BE_MAGIC = 0x950412DE, 0xDE120495
VERSIONS = (0, 1)
CONTEXT = "%s\x04%s"  # msgctxt + EOT + msgid, as gettext >= 0.15 writes it


def _known_rules() -> frozenset[str]:
    """The plural rules of the language table (plurals.py and its tests check each of them)."""
    from .languages import TABLE

    return frozenset(lang.plural_forms.split(";")[1].split("plural=")[1] for lang in TABLE)


def _germanic(n: int) -> int:
    return int(n != 1)  # gettext's rule when the catalog names none


class MoCatalog:
    """The messages of one ``.mo`` file (bytes), looked up like ``gettext.GNUTranslations``."""

    def __init__(self, data: bytes, name: str = ""):
        self._catalog: dict[str | tuple[str, int], str] = {}
        self._plural_ids: set[str] = set()  # msgids with plural forms: only they can answer (msgid, n)
        self._info: dict[str, str] = {}
        self._charset: str | None = None
        self._plural_rule: str | None = None
        self._plural: Callable[[int], int] | None = None
        self._parse(data, name)

    def _parse(self, buf: bytes, name: str) -> None:
        magic = struct.unpack_from("<I", buf)[0]
        if magic == LE_MAGIC:
            order = "<"
        elif magic == BE_MAGIC:
            order = ">"
        else:
            raise OSError(0, "Bad magic number", name)
        version, count, masteridx, transidx = struct.unpack_from(order + "4I", buf, 4)
        if version >> 16 not in VERSIONS:
            raise OSError(0, "Bad version number " + str(version >> 16), name)
        origs = struct.unpack_from(f"{order}{2 * count}I", buf, masteridx)
        trans = struct.unpack_from(f"{order}{2 * count}I", buf, transidx)
        buflen = len(buf)
        catalog = self._catalog
        for i in range(0, 2 * count, 2):
            mlen, moff = origs[i], origs[i + 1]
            tlen, toff = trans[i], trans[i + 1]
            mend, tend = moff + mlen, toff + tlen
            if not (mend < buflen and tend < buflen):
                raise OSError(0, "File is corrupt", name)
            msg, tmsg = buf[moff:mend], buf[toff:tend]
            if mlen == 0:
                self._header(tmsg)
            charset = self._charset or "ascii"
            if b"\x00" in msg:
                raw1, _raw2 = msg.split(b"\x00")
                msgid1 = str(raw1, charset)
                self._plural_ids.add(msgid1)
                for k, form in enumerate(tmsg.split(b"\x00")):
                    catalog[(msgid1, k)] = str(form, charset)
            else:
                catalog[str(msg, charset)] = str(tmsg, charset)

    def _header(self, tmsg: bytes) -> None:
        """The catalog description (the empty msgid), read as GNUTranslations reads it."""
        lastk = None
        for b_item in tmsg.split(b"\n"):
            item = b_item.decode().strip()
            if not item or (item.startswith("#-#-#-#-#") and item.endswith("#-#-#-#-#")):
                continue
            k = v = None
            if ":" in item:
                k, v = item.split(":", 1)
                k, v = k.strip().lower(), v.strip()
                self._info[k] = v
                lastk = k
            elif lastk:
                self._info[lastk] += "\n" + item
            if k == "content-type" and v is not None:
                self._charset = v.split("charset=")[1]
            elif k == "plural-forms" and v is not None:
                rule = v.split(";")[1].split("plural=")[1]
                self._plural_rule, self._plural = rule, None
                if rule not in _known_rules():
                    from gettext import c2py  # a rule not in the language table: checked now, as gettext does

                    self._plural = c2py(rule)

    def plural(self, n: int) -> int:
        if self._plural is None:
            if self._plural_rule is None:
                self._plural = _germanic
            else:
                from gettext import c2py  # only when a plural is asked for

                self._plural = c2py(self._plural_rule)
        return self._plural(n)

    def _get(self, key: str, message: str) -> str:
        tmsg = self._catalog.get(key)
        if tmsg is None and key in self._plural_ids:
            tmsg = self._catalog.get((key, self.plural(1)))
        return message if tmsg is None else tmsg

    def gettext(self, message: str) -> str:
        return self._get(message, message)

    def pgettext(self, context: str, message: str) -> str:
        return self._get(CONTEXT % (context, message), message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        try:
            return self._catalog[(msgid1, self.plural(n))]
        except KeyError:
            return msgid1 if n == 1 else msgid2

    def info(self) -> dict[str, str]:
        return self._info

    def charset(self) -> str | None:
        return self._charset
