"""The benchmark's URL mix (bench/mix.py) asks what users ask: every public page and endpoint, every filter and
ordering of the lists, deep pages, every kind of search and the matcher, from the data's own values, the same
mix for the same seed, and every request of it answered as a visitor would be answered."""

import json
import random
from urllib.parse import parse_qs, urlsplit

import pytest

from bench import mix as mixes
from demo.seed import seed_demo
from directory.brief import MatchRequestSerializer, match_request_data
from directory.filters import VendorFilter
from jobs.filters import JobFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def values(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anon": "100000/minute"}
    seed_demo(vendors=12, jobs=300, seed=8)
    return mixes.read_values(seed=18)


@pytest.fixture
def mix(values):
    return mixes.build_mix(values, size=2000, seed=18)


def params(items, path_prefix):
    seen = {}
    for item in items:
        if item["path"].startswith(path_prefix):
            for name, given in parse_qs(urlsplit(item["path"]).query).items():
                seen.setdefault(name, set()).update(given)
    return seen


def test_the_mix_holds_2000_distinct_requests_ranked_for_zipf_and_the_same_for_a_seed(values, mix):
    assert len({item["method"] + item["path"] + item["body"] for item in mix}) == 2000
    assert [item["weight"] for item in mix] == [1 / rank for rank in range(1, 2001)]
    assert mixes.build_mix(values, size=2000, seed=18) == mix
    assert mixes.build_mix(values, size=2000, seed=19) != mix


def test_the_mix_asks_every_kind_of_public_request(mix):
    assert {item["kind"] for item in mix} == set(mixes.KIND_SHARES)
    paths = [item["path"] for item in mix]
    for prefix in ("/jobs/feed/", "/sitemap", "/insights/", "/api/v1/insights/", "/vendors/match/?", "/jobs/remote/"):
        assert any(path.startswith(prefix) for path in paths), prefix
    assert any(item["method"] == "POST" and item["path"] == "/api/v1/vendors/match/" for item in mix)


@pytest.mark.parametrize(("prefix", "filterset"), [("/api/v1/jobs/?", JobFilter), ("/vendors/?", VendorFilter)])
def test_the_lists_are_asked_with_every_filter_every_ordering_and_deep_pages(mix, prefix, filterset):
    seen = params(mix, prefix)
    assert set(filterset.base_filters) <= set(seen)
    orderings = mixes.JOB_ORDERINGS if "jobs" in prefix else mixes.VENDOR_ORDERINGS
    assert {o for o in orderings if o} <= seen["ordering"]
    if "jobs" in prefix:  # 300 postings have deep pages; 12 vendors have one
        assert max(int(page) for page in seen["page"]) > 5


def test_searches_are_common_rare_typos_quoted_and_zero_hit(values, mix):
    asked = params(mix, "/jobs/?")["q"] | params(mix, "/api/v1/jobs/?")["q"]
    for kind in ("common", "rare", "typo", "quoted", "zero-hit"):
        assert asked & set(values["search"][kind]), kind


def test_the_matcher_briefs_are_briefs_the_matcher_accepts(values):
    rng = random.Random(1)  # noqa: S311 - picks briefs
    for _ in range(30):
        brief = mixes.matcher_brief(rng, values)
        serializer = MatchRequestSerializer(data=json.loads(json.dumps(brief)))
        assert serializer.is_valid(), serializer.errors
        from django.http import QueryDict

        assert MatchRequestSerializer(data=match_request_data(QueryDict(mixes.brief_query(brief)))).is_valid()


def test_every_kind_of_request_in_the_mix_is_answered_as_the_mix_expects(client, mix):
    by_kind = {}
    for item in mix:
        by_kind.setdefault(item["kind"], []).append(item)
    for kind, items in by_kind.items():
        for item in items[:3] + items[-2:]:
            if item["method"] == "POST":
                response = client.post(item["path"], item["body"], content_type="application/json")
            else:
                response = client.get(item["path"])
            assert response.status_code in item["ok"], (kind, item["path"], item["body"], response.status_code)
