"""The kept demand trends (insights.summaries.demand_summary): the page and the API read the figures the database
gives, counted minutes ago rather than on the visitor's request, and a new posting is in them once they are counted
again."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from demo.factories.jobs import ClosedJobPostingFactory, PublishedJobPostingFactory
from insights.selectors import demand_insights
from insights.summaries import demand_now, demand_summary
from jobs.models import JobPosting, JobSkillRequirement, Skill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("weeks_of_postings")]


@pytest.fixture
def weeks_of_postings():
    """Postings published over the last twelve weeks (some since closed) asking for zendesk or salesforce, each
    a little before this moment of its week: an hour, or less early on a Monday, so the oldest stays in the window
    of twelve calendar weeks."""
    now = timezone.now()
    since_monday = now - now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=now.weekday())
    back = min(timedelta(hours=1), since_monday / 2)
    zendesk, salesforce = Skill.objects.get(slug="zendesk"), Skill.objects.get(slug="salesforce")
    for weeks_ago in range(12):
        for index in range(weeks_ago % 3 + 1):
            factory = ClosedJobPostingFactory if index == 2 else PublishedJobPostingFactory
            job = factory(country="PH" if index else "IN")
            JobPosting.objects.filter(pk=job.pk).update(published_at=now - timedelta(weeks=weeks_ago) - back)
            JobSkillRequirement.objects.get_or_create(job_posting=job, skill=zendesk if index else salesforce)
    cache.clear()
    demand_summary.forget()
    yield
    demand_summary.forget()


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_the_kept_trends_are_the_databases():
    kept = demand_now()
    counted = demand_insights()
    assert kept == counted
    zendesk = next(trend for trend in kept.skills if trend.value == "zendesk")
    assert zendesk.total >= sum(weeks_ago % 3 for weeks_ago in range(12))  # ours, and any the factory drew
    assert {trend.value for trend in kept.countries} >= {"PH", "IN"}


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_a_new_posting_is_in_the_trends_once_they_are_counted_again(client):
    def zendesk_this_week():
        trends = client.get("/api/v1/insights/demand/").json()["skills"]
        return next(trend for trend in trends if trend["value"] == "zendesk")["weekly"][-1]

    before = zendesk_this_week()
    job = PublishedJobPostingFactory(country="PH", published_at=timezone.now())
    JobSkillRequirement.objects.get_or_create(job_posting=job, skill=Skill.objects.get(slug="zendesk"))
    cache.clear()  # the figures' own cache aside: the summary is minutes old, read as it is
    assert zendesk_this_week() == before
    demand_summary.refresh()
    cache.clear()
    assert zendesk_this_week() == before + 1


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_the_demand_page_reads_the_summary_without_counting(client, django_assert_max_num_queries):
    demand_now()
    cache.clear()
    with django_assert_max_num_queries(3):
        response = client.get("/insights/demand/")
    assert response.status_code == 200
    assert "Zendesk" in response.content.decode()
