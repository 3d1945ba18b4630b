"""The pay ledger (insights/ledger.py): the pay figures it gives are the figures the database gives for the same
postings, to the last digit, under every filter the pay page and the API offer it; it never holds a posting the
public must not see; and the selections it cannot answer are figured by the database."""

import random
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.test import override_settings

from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
)
from insights.models import ExchangeRate
from insights.querysets import paid
from insights.selectors import pay_insights
from insights.summaries import pay_insights_for, pay_ledger
from jobs.filters import JobFilter, summary_conditions
from jobs.models import JobPosting, Skill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("market")]


@pytest.fixture
def market():
    """A hundred and twenty open postings as the demo makes them (the hubs' cities, pay, skills and languages),
    some paid by the hour or the year, in dollars, in a currency without a rate or not at all, and postings of
    every hidden state that pay far above the rest."""
    rng = random.Random(18)  # noqa: S311 - test data
    for index in range(120):
        fields = {}
        if index % 9 == 0:
            fields["salary_period"] = "hour"
            fields["salary_min"], fields["salary_max"] = Decimal("3.50"), Decimal(rng.choice(["4.25", "5.10"]))
            fields["salary_currency"] = "USD"
        elif index % 13 == 0:
            fields["salary_period"] = "year"
            fields["salary_min"], fields["salary_max"] = Decimal(rng.randint(200, 400) * 1000), None
        elif index % 17 == 0:
            fields["salary_min"] = fields["salary_max"] = None  # not paid: left out of every figure
        elif index % 19 == 0:
            fields["salary_currency"] = "ZAR"  # its rate is deleted below: in local figures, not in dollars
        PublishedJobPostingFactory(**fields)
    for factory in (JobPostingFactory, PendingJobPostingFactory, ClosedJobPostingFactory, ExpiredJobPostingFactory):
        factory(country="PH", salary_min=Decimal("900000"), salary_max=Decimal("990000"), salary_currency="PHP")
    ExchangeRate.objects.filter(currency="ZAR").delete()
    cache.clear()
    pay_ledger.forget()
    yield
    pay_ledger.forget()


def common_skills(count=2):
    return list(
        Skill.objects.filter(job_postings__in=JobPosting.objects.published())
        .order_by("slug")
        .values_list("slug", flat=True)
        .distinct()[:count]
    )


def selections():
    skills = common_skills()
    return [
        "",
        "country=PH",
        "country=PH&country=IN",
        "country=IN&shift=night",
        "shift=night",
        "account_type=voice&work_arrangement=remote",
        "role=team_lead",
        "role=agent&max_experience=1",
        "max_experience=0",
        "city=Manila",
        f"skill={skills[0]}",
        f"skill={skills[0]}&skill={skills[1]}",
        f"skill={skills[1]}&country=PH",
        "language=en",
        "language=es&language=tl",
        "currency=USD",
        "country=ZA",
        "country=XX",  # an error: left out, as the database's figures leave it out
    ]


def figured_both_ways(query):
    data = QueryDict(query)
    with override_settings(FACETS_SUMMARY_REFRESH="off"):
        expected = pay_insights(JobFilter(data, queryset=JobPosting.objects.published()).qs)
    with override_settings(FACETS_SUMMARY_REFRESH="inline"):
        ledger = pay_ledger.current()
        filterset = JobFilter(data, queryset=JobPosting.objects.published())
        filterset.form.is_valid()
        assert (
            summary_conditions(ledger, filterset.summary_question(), ("skill", "language")) is not None
        )  # the ledger's
        got = pay_insights_for(filterset)
    return got, expected


def test_the_ledger_gives_the_databases_figures_for_every_selection():
    for query in selections():
        got, expected = figured_both_ways(query)
        assert got == expected, query


def test_the_figures_compared_are_not_empty_and_the_hidden_postings_are_not_in_them():
    got, _ = figured_both_ways("country=PH")
    assert got.total == paid(JobPosting.objects.published().filter(country="PH")).count() > 5
    assert got.currency == "PHP" and got.breakdowns.by_shift
    assert max(figure.quartiles.p75 for figure in got.by_country if figure.quartiles) < 900000 * 0.02 * 2
    everything, _ = figured_both_ways("")
    assert everything.total == paid(JobPosting.objects.published()).count()
    assert {figure.value for figure in everything.by_skill} and len(everything.by_country) > 2
    without_rate = paid(JobPosting.objects.published().filter(salary_currency="ZAR")).count()
    assert without_rate  # in the total, in no figure in dollars
    assert sum(figure.count for figure in everything.by_country) == everything.total - without_rate


def test_selections_the_ledger_does_not_hold_are_figured_by_the_database(django_assert_max_num_queries):
    with override_settings(FACETS_SUMMARY_REFRESH="inline"):
        pay_ledger.current()
        for query in ("q=support", "employment_type=part_time", "min_salary=20000&currency=PHP"):
            filterset = JobFilter(QueryDict(query), queryset=JobPosting.objects.published())
            filterset.form.is_valid()
            assert summary_conditions(pay_ledger.current(), filterset.summary_question(), ("skill", "language")) is None
            assert pay_insights_for(filterset) == pay_insights(filterset.qs), query


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_a_new_posting_is_in_the_figures_once_the_ledger_is_counted_again(client):
    def philippines():
        return client.get("/api/v1/insights/pay/?country=PH").json()["total"]

    before = philippines()
    PublishedJobPostingFactory(
        country="PH", salary_min=Decimal("20000"), salary_max=Decimal("26000"), salary_currency="PHP"
    )
    cache.clear()  # the figures' own cache aside: the ledger is minutes old, read as it is
    assert philippines() == before
    pay_ledger.refresh()
    cache.clear()
    assert philippines() == before + 1


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_the_pay_page_reads_the_ledger_in_fixed_queries(client, django_assert_max_num_queries):
    pay_ledger.current()
    cache.clear()
    with django_assert_max_num_queries(8):
        response = client.get("/insights/pay/?country=PH&shift=night")
    assert response.status_code == 200
    assert "PHP" in response.content.decode()
