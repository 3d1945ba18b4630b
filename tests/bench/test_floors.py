"""The benchmark's floors (bench/floors.py) answer with the same bytes as the endpoints they are measured
against, on a small seeded dataset: otherwise `make bench`'s ratios would compare different work."""

from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.db.models import Count

from bench import floors
from demo.seed import seed_demo
from jobs.models import JobPosting

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the floors are PostgreSQL SQL"),
]

BASE = "http://testserver"


@pytest.fixture
def seeded(settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anon": "10000/minute"}
    seed_demo(vendors=12, jobs=400, seed=8)
    # The commonest skill, as bench/run.py picks it: the scenarios combining it with other filters list postings.
    skill = (
        JobPosting.objects.published()
        .exclude(skills__slug=None)
        .values_list("skills__slug")
        .annotate(n=Count("pk"))
        .order_by("-n", "skills__slug")
        .first()[0]
    )
    return {"skill": skill, "job": JobPosting.objects.published().order_by("pk").first().slug}


QUERIES = [
    "page_size=50",
    "country=PH&page_size=50",
    "work_arrangement=remote&page_size=50",
    "shift=night&account_type=voice&page_size=7&page=2",
    "skill={skill}&page_size=50",
    "country=PH&work_arrangement=remote&skill={skill}&ordering=-posted_at&page_size=50",
    "page_size=20&page=3",
    "q=customer+support&page_size=50",
    "q=technical+support&country=IN&page_size=50",
    "q=email&page_size=5&page=4",  # the page where the title tier (17 postings) gives way to the others
]


@pytest.mark.parametrize("best", [False, True], ids=["same plan", "best plan"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_job_list_floors_return_the_endpoints_bytes(client, seeded, query, best):
    query = query.format(**seeded)
    response = client.get(f"/api/v1/jobs/?{query}")
    assert response.status_code == 200
    assert response.json()["results"], "a scenario that lists nothing compares nothing"
    assert floors.job_list(parse_qs(query), base=BASE, best=best) == response.content


def test_the_job_detail_floor_returns_the_endpoints_bytes(client, seeded):
    response = client.get(f"/api/v1/jobs/{seeded['job']}/")
    assert response.status_code == 200
    assert floors.job_detail(seeded["job"], base=BASE) == response.content


def test_a_floor_refuses_a_filter_it_does_not_implement(seeded):
    with pytest.raises(ValueError, match="min_salary"):
        floors.job_list({"min_salary": ["100"]}, base=BASE)
