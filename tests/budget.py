"""How many examples each property and fuzz test tries.

In CI every test tries its full budget: Hypothesis loads its `ci` profile when the environment
variable CI is set (as `.ci/run` runs), and `pytest --hypothesis-profile ci` does the same
anywhere. Any other profile (a developer's run, the fast run above all) tries a quarter of
it. The fuzz tests draw from a fixed seed (`derandomize`), so a run of a commit tries the
same inputs as the last run of that commit with the same profile; the property tests of
`tests/unit` draw anew each run, as Hypothesis does, and it keeps what failed to try first.
"""
from __future__ import annotations

from hypothesis import settings

FULL_BUDGET_PROFILES = ("ci",)
DEVELOPER_SHARE = 4


def examples(full: int) -> int:
    """The number of examples to try: `full` in CI, a quarter of it (at least one) elsewhere."""
    if settings.get_current_profile_name() in FULL_BUDGET_PROFILES:
        return full
    return max(1, round(full / DEVELOPER_SHARE))
