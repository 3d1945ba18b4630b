"""The score both matchers give (directory/matching.py for vendors, jobs/matching.py for job seekers).

Each matcher checks its criteria one function each; a criterion that was not asked is left out. What a criterion
earns is its weight times the share of it that is met (0 to 1); the score is what was earned over the weights of
the criteria asked, 0 to 100.
"""

from collections.abc import Callable, Iterable


def weighted_score(weighed: Iterable[tuple[int, float]]) -> int:
    """0 to 100 from (weight, share met) pairs, in the order given; 100 when no criterion was asked."""
    earned, asked = 0, 0
    for weight, share in weighed:
        earned += weight * share
        asked += weight
    return 100 if not asked else round(100 * earned / asked)


def checked[C](checks: Iterable[Callable[..., C | None]], *subjects) -> list[C]:
    """Each check's criterion for `subjects`, in order; a check that returns None (not asked) is left out."""
    return [criterion for check in checks if (criterion := check(*subjects)) is not None]
