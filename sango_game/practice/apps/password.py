"""Password and 2-step set-up: a passphrase with a live strength meter (zxcvbn, a maintained
estimator, instead of home-made character rules), 2-step verification, recovery codes and signing
out sessions the child does not recognise.

What the child types is never stored or logged: only the meter's verdict (strong or weak) is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...i18n import N_
from ..engine import Note
from . import Action, AppKind, register

if TYPE_CHECKING:
    from ..engine import PracticeRun

STRONG_SCORE = 3  # zxcvbn score 0-4; 3 = "safely unguessable" for online attacks
METER = (N_("Very weak"), N_("Weak"), N_("Okay"), N_("Strong"), N_("Very strong"))
# Our own translatable hints, chosen from length and the meter: zxcvbn's own texts are English only.
HINTS = {
    "short": N_("Add more words. Three random words make a strong passphrase."),
    "common": N_("This is one of the most common passwords. Pick three random words instead."),
    "good": N_("Great: long and hard to guess. Keep it secret and use it only here."),
}
SAMPLE = "otter lantern pickle"  # what the scripted player types (never a real password)
RECOVERY_CODES = ("4821-7730", "1958-2046", "6603-3917", "7245-8810")  # pretend codes, same for everyone


def strength(text: str) -> int:
    """zxcvbn's 0-4 score for ``text``. The text is not kept anywhere."""
    if not text:
        return 0
    from zxcvbn import zxcvbn  # imported on first use: it takes ~0.1 s

    return int(zxcvbn(text[:100])["score"])  # zxcvbn is slow on very long inputs


def hint(text: str, score: int) -> str:
    if score >= STRONG_SCORE:
        return HINTS["good"]
    if score == 0 and len(text) >= 4:
        return HINTS["common"]
    return HINTS["short"]


@register
class Password(AppKind):
    name = "password"
    title = N_("Account")
    icon = "lock"
    verbs = frozenset({"passphrase", "twostep", "codes", "signout"})

    def start(self, run: PracticeRun) -> None:
        run.state.update(strong=None, twostep=False, codes=False, signed_out=set())

    def apply(self, run: PracticeRun, verb: str, target: str, detail: str | None) -> Note:
        s = run.state
        setup = run.p.password
        if verb == "passphrase":
            if target not in ("strong", "weak"):
                raise ValueError("passphrase is strong or weak")
            s["strong"] = target == "strong"
            if s["strong"]:
                return Note("good", None, N_("Passphrase saved. Nobody else can see it, not even Sango."))
            return Note("risky", None, N_("Saved, but it is easy to guess. Try three random words."))
        if verb == "twostep":
            if target != "on" or setup is None or not setup.twostep:
                raise ValueError("2-step is not offered here")
            s["twostep"] = True
            return Note("good", None, N_("2-step is on. A new sign-in now also needs a code sent to your phone."))
        if verb == "codes":
            if target != "saved" or setup is None or not setup.codes or not s["twostep"]:
                raise ValueError("recovery codes come after turning on 2-step")
            s["codes"] = True
            return Note("good", None, N_("Recovery codes saved. Keep them somewhere safe offline, never in a chat."))
        sess = next((x for x in run.p.sessions if x.id == target), None)
        if sess is None or target in s["signed_out"]:
            raise ValueError(f"no session '{target}'")
        s["signed_out"].add(target)
        if sess.yours:
            return Note("okay", None, N_("That was one of your own devices. You can sign in there again."))
        return Note("good", None, N_("Signed out. That device can't use the account any more."))

    def available(self, run: PracticeRun) -> list[Action]:
        s = run.state
        out: list[Action] = [("passphrase", "strong", None), ("passphrase", "weak", None)]
        if run.p.password and run.p.password.twostep and not s["twostep"]:
            out.append(("twostep", "on", None))
        if run.p.password and run.p.password.codes and s["twostep"] and not s["codes"]:
            out.append(("codes", "saved", None))
        out += [("signout", x.id, None) for x in run.p.sessions if x.id not in s["signed_out"]]
        return out

    def best(self, run: PracticeRun) -> list[Action]:
        s = run.state
        if not s["strong"]:
            return [("passphrase", "strong" if strength(SAMPLE) >= STRONG_SCORE else "weak", None)]
        for x in run.p.sessions:
            if not x.yours and x.id not in s["signed_out"]:
                return [("signout", x.id, None)]
        return [a for a in self.available(run) if a[0] in ("twostep", "codes")][:1]

    def risky(self, run: PracticeRun) -> list[Action]:
        return [("passphrase", "weak", None)] if run.state["strong"] is None else []

    def speech(self, run: PracticeRun, tr: Any) -> str:
        return tr._("Type a passphrase: three random words. The meter shows how hard it is to guess.")
