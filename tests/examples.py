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
