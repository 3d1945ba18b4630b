"""What the load asks of the kept pages for a page lifetime (bench/render_demand.py): a page is rendered the
first time it is asked and again only once its copy is older than the lifetime; the load's draws are the same
as the load's own."""

import random

from bench.load import draws
from bench.render_demand import demand

A, B = {"method": "GET", "path": "/a"}, {"method": "GET", "path": "/b"}
TIMED = {("GET", "/a"): 100.0, ("GET", "/b"): 300.0}


def test_a_page_is_rendered_first_then_again_only_past_the_lifetime():
    # One request a second: /a at 0, 1 and 3 s, /b at 2 and 4 s.
    asked = [A, A, B, A, B]
    kept_two_seconds = demand(asked, TIMED, rate=1, lifetime=2, seconds=5)
    assert (kept_two_seconds["first"], kept_two_seconds["again"]) == (2, 1)  # /a again at 3 s
    assert kept_two_seconds["first_s"] == 0.4 and kept_two_seconds["again_s"] == 0.1
    assert kept_two_seconds["first_s_by_tenth"][0] == 0.1 and kept_two_seconds["first_s_by_tenth"][4] == 0.3
    kept_longer = demand(asked, TIMED, rate=1, lifetime=10, seconds=5)
    assert (kept_longer["first"], kept_longer["again"]) == (2, 0)


def test_a_page_the_first_renders_did_not_time_counts_at_their_mean():
    counted = demand([{"method": "GET", "path": "/untimed"}], TIMED, rate=1, lifetime=60, seconds=1)
    assert counted["first_s"] == 0.2


def test_the_draws_follow_the_weights_and_the_seed():
    mix = [{"weight": 9}, {"weight": 1}]
    drawn = draws(mix, 10_000, random.Random(18))  # noqa: S311 - a load's draws, not a secret
    assert drawn == draws(mix, 10_000, random.Random(18))  # noqa: S311
    assert 0.88 < drawn.count(0) / len(drawn) < 0.92
