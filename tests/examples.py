"""How many examples the property tests try.

By default (and in CI) a third of each test's thorough number, at least 40: the fuzz tests keep
checking every property on every run while the suite stays fast. ``HYPOTHESIS_PROFILE=thorough``
runs the full numbers (and 500 for tests that name none), e.g. before a release or after changing
a parser.
"""

import os

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE", "") == "thorough"


def examples(thorough: int) -> int:
    return thorough if THOROUGH else max(40, thorough // 3)


def utf8_text(**kwargs):
    """``st.text`` over every character UTF-8 can encode: all but the surrogates (category Cs), the
    alphabet of ``st.text``'s default, ``characters(codec="utf-8")``. That default is found by
    encoding all 1,114,112 code points (about 2 s in each test process of a fresh checkout, before
    Hypothesis caches it in .hypothesis/); the same set found from Unicode's categories takes 0.2 s.
    test_architecture checks that no property test uses the default."""
    from hypothesis import strategies as st

    return st.text(st.characters(exclude_categories=("Cs",)), **kwargs)
