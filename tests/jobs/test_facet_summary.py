"""The job list's facet summary (jobs/facets.py): the counts it gives are the counts of the postings themselves,
it answers only the selections it can answer exactly, it never holds a posting the public must not see, and a
new posting is counted once it is half a minute old.

The postings are those of the job list's own tests (`board`: five open postings, one of each hidden state)."""

import threading
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.http import QueryDict
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.models import Summary
from core.summaries import count_summary
from demo.factories.jobs import PublishedJobPostingFactory
from jobs.filters import JobFilter
from jobs.models import JobPosting, JobSkillRequirement, Skill
from jobs.selectors import job_facet_cube
from jobs.services.facets import job_facet_summary, job_facet_summary_refresh

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("board")]

ANSWERED = [
    "",
    "country=PH",
    "country=PH&country=IN",
    "country=in",
    "city=manila",
    "city=Cebu+City&city=MANILA",
    "work_arrangement=remote",
    "work_arrangement=remote&work_arrangement=hybrid&country=PH",
    "employment_type=part_time",
    "shift=night&account_type=voice",
    "account_type=non_voice&role=agent",
    "role=team_lead",
    "currency=PHP",
    "currency=USD&country=PH",
    "max_experience=0",
    "max_experience=2&education=college",
    "education=none",
    "employer_kind=bpo",
    "employer_kind=in_house&shift=day",
    "posted_within=1",
    "posted_within=7&country=PH",
    "posted_within=30&work_arrangement=onsite&ordering=-salary_max",
    "country=ZZ",
    # Skills and languages: counted from the postings' bits
    "skill=zendesk",
    "skill=zendesk&skill=salesforce",
    "skill=zendesk&skill=collections",
    "skill=zendesk&country=PH",
    "language=tl",
    "language=en&language=es",
    "language=en&skill=zendesk&work_arrangement=remote",
    "skill=salesforce&language=hi&shift=night&posted_within=30",
    "skill=no-such-skill",
]


def counted(query: str, *, summary: bool) -> tuple[dict, int]:
    """{facet: {value: count}} of the options that match something, and the total, one way or the other."""
    filterset = JobFilter(QueryDict(query), queryset=JobPosting.objects.published())
    if summary:
        filterset.form.is_valid()
        counters = {name: filterset.counter(name) for name in filterset.facet_counters}
        found = filterset.summary_rows(counters)
        assert found is not None, f"the summary should answer {query!r}"
        options, total = filterset.options_from(counters, found[0]), found[1]
    else:
        options, total = filterset.count()
    return {name: {o.value: o.count for o in found if o.count} for name, found in options.items()}, total


@override_settings(FACETS_SUMMARY_REFRESH="inline")
@pytest.mark.parametrize("query", ANSWERED)
def test_the_summary_counts_what_counting_the_postings_gives(query):
    summarized, total = counted(query, summary=True)
    assert (summarized, total) == counted(query, summary=False)
    if not query:
        assert total == 5  # the five open postings; the draft, pending, rejected, closed and expired are not there
    if query == "skill=zendesk&country=PH":
        assert total and summarized["skill"]["zendesk"] == total and summarized["language"]


@override_settings(FACETS_SUMMARY_REFRESH="inline")
@pytest.mark.parametrize(
    "query",
    [
        "q=chat",
        "q=chat&skill=zendesk",
        "employer=harbor-cx",
        "min_salary=20000&currency=PHP",
        "posted_within=2",
    ],
)
def test_selections_outside_the_cells_are_counted_from_the_postings(query):
    filterset = JobFilter(QueryDict(query), queryset=JobPosting.objects.published())
    filterset.form.is_valid()
    assert filterset.summary_rows({name: filterset.counter(name) for name in filterset.facet_counters}) is None


SEARCHES = [
    "q=chat",
    "q=support",
    "q=chat&country=PH",
    "q=support&country=PH&country=IN&shift=night",
    "q=support&skill=zendesk",
    "q=support&language=en&work_arrangement=remote",
    "q=support&posted_within=7&ordering=-posted_at",
    "q=nothing+matches+this",
    # Neither search words nor cells: the filters no summary holds are the keys' own
    "min_salary=20000&currency=PHP",
    "min_salary=20000&currency=PHP&language=en&language=tl&country=PH",
    "employer=harbor-cx&shift=night",
    "q=support&min_salary=500&currency=USD",
]


def search_counts(query: str, bound: int | None = None) -> tuple[dict, int, bool]:
    filterset = JobFilter(QueryDict(query), queryset=JobPosting.objects.published())
    filterset.shared_records = True  # the public list's postings, as `cached_facets` says
    if bound is not None:
        filterset.facet_bound = bound
    options, total = filterset.count()
    return (
        {name: {o.value: o.count for o in found if o.count} for name, found in options.items()},
        total,
        filterset.facets_exact,
    )


@pytest.mark.parametrize("query", SEARCHES)
@pytest.mark.parametrize("bound", [None, 2])
def test_a_search_is_counted_from_the_summary_over_the_same_best_matches(query, bound, monkeypatch):
    """A search's facets (or a minimum salary's, or an employer's) come from the summary, over the keys of its
    first `facet_bound + 1` matches: the same counts (and the same word on whether they are exact) as counting
    those postings, with or without the bound biting. Counted from the postings, a minimum salary with two
    languages checked each of the newest 10,001 postings against a million language rows: past the time limit."""
    with override_settings(FACETS_SUMMARY_REFRESH="off"):
        expected = search_counts(query, bound)
    with override_settings(FACETS_SUMMARY_REFRESH="inline"):
        job_facet_summary_refresh()
        monkeypatch.setattr("core.facets.count_facets", lambda *args: pytest.fail("counted from the postings"))
        assert search_counts(query, bound) == expected
    if query == "q=support" and bound == 2:
        assert expected[1] == 3 and not expected[2]  # the bound bit: three postings counted, and said so


@override_settings(FACETS_SUMMARY_REFRESH="inline", FACETS_CACHE_SECONDS=60)
def test_a_search_lists_and_totals_a_posting_published_since_the_summary_was_counted(client):
    """The facets of a search lag the summary (within a minute), but its list and its total never do."""
    job_facet_summary_refresh()
    before = client.get("/jobs/?q=support")
    posting = PublishedJobPostingFactory(title="Fresh Support Agent", country="PH")
    cache.clear()  # no counts of the first request's: this one counts the search from the summary
    after = client.get("/jobs/?q=support")
    assert posting in after.context["job_postings"]
    assert after.context["paginator"].count == before.context["paginator"].count + 1


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_a_search_past_the_count_limit_is_not_counted_again_for_its_total(client, monkeypatch):
    """When every one of the `facet_bound + 1` newest matches read for the facets is in the selection, the
    selection is past the lists' count limit: the page says so without counting its matches once more."""
    job_facet_summary_refresh()
    monkeypatch.setattr(JobFilter, "facet_bound", 2)
    monkeypatch.setattr("core.listing.COUNT_LIMIT", 2)
    monkeypatch.setattr("jobs.filters.COUNT_LIMIT", 2)  # the bound at the count limit, as the API's facets have it
    with CaptureQueriesContext(connection) as ctx:
        past = client.get("/jobs/?q=support")
    assert past.context["paginator"].count == 2  # the (patched) count limit, as a list past it shows
    assert not [q for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    # The newest matches read for the facets include other countries: the selection's own total is counted with
    # their keys (in the same query on PostgreSQL).
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        narrowed = client.get("/jobs/?q=support&country=PH")
    apart = [q for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(apart) == (0 if connection.vendor == "postgresql" else 1)
    philippines = JobPosting.objects.published().filter(country="PH").search("support").count()
    assert narrowed.context["paginator"].count == min(philippines, 2)
    monkeypatch.setattr("core.listing.COUNT_LIMIT", 1000)
    cache.clear()
    assert client.get("/jobs/?q=support&country=PH").context["paginator"].count == philippines
    # The API's facets show no total: they do not count it.
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/jobs/facets/?q=support&country=PH").status_code == 200
    assert not [q for q in ctx.captured_queries if "COUNT(*)" in q["sql"]]


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_a_search_of_other_records_than_the_public_list_is_counted_from_them():
    """An employer's own postings (`mine=true`), in every status, are not the summary's: their search is counted
    from them, hidden ones included."""
    job_facet_summary_refresh()
    own = JobFilter(QueryDict("q=support+agent"), queryset=JobPosting.objects.all())
    options, total = own.count()
    public = JobFilter(QueryDict("q=support+agent"), queryset=JobPosting.objects.published())
    assert total == own.qs.count() > public.qs.count()  # the hidden "support agent" postings are counted too
    assert sum(option.count for option in options["work_arrangement"]) == total


@override_settings(FACETS_SUMMARY_REFRESH="off")
def test_turned_off_the_summary_is_neither_counted_nor_read():
    filterset = JobFilter(QueryDict("country=PH"), queryset=JobPosting.objects.published())
    filterset.form.is_valid()
    assert filterset.summary_rows({}) is None
    assert not Summary.objects.filter(name=job_facet_summary.name).exists()


@override_settings(FACETS_SUMMARY_REFRESH="inline", FACETS_CACHE_SECONDS=60)
def test_a_new_posting_is_counted_once_the_summary_is_half_a_minute_old(client):
    def philippines():
        response = client.get("/jobs/?shift=night")
        assert response.status_code == 200
        return next(o.count for o in response.context["facets"]["country"].options if o.value == "PH")

    before = philippines()
    PublishedJobPostingFactory(country="PH", shift="night")
    assert philippines() == before  # the summary is seconds old: read as it is
    Summary.objects.filter(name=job_facet_summary.name).update(built_at=timezone.now() - timedelta(seconds=31))
    cache.delete(job_facet_summary.built_at_key)
    job_facet_summary.forget()  # this process's copy ages with the row
    assert philippines() == before + 1  # counted again before this answer (inline)


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_the_summary_is_one_row_counted_again_in_place():
    job_facet_summary_refresh()
    first = Summary.objects.get(name=job_facet_summary.name)
    job_facet_summary_refresh()
    again = Summary.objects.get(name=job_facet_summary.name)
    assert (again.pk, again.size) == (first.pk, first.size)
    assert again.built_at > first.built_at


@pytest.mark.django_db(transaction=True)
@override_settings(FACETS_SUMMARY_REFRESH="background")
def test_in_the_background_the_request_does_not_wait_and_the_summary_follows():
    if connection.vendor != "postgresql":
        pytest.skip("a second connection sees the test's rows on PostgreSQL (SQLite's test database is in memory)")
    PublishedJobPostingFactory(country="PH")
    cache.delete(job_facet_summary.built_at_key)
    job_facet_summary.forget()  # and none in this process either
    assert job_facet_cube() is None  # none yet: this request counts the postings, a thread counts the summary
    for thread in threading.enumerate():
        if thread.name == job_facet_summary.name:
            thread.join(timeout=30)
    summary = Summary.objects.get(name=job_facet_summary.name)
    cube = job_facet_cube()
    assert (cube.built_at, cube.cells) == (summary.built_at, summary.size)
    assert cube.total(cube.where("country", lambda value: value == "PH")) >= 1


@pytest.mark.django_db(transaction=True)  # the worker commits, as it does in production
@override_settings(FACETS_SUMMARY_REFRESH="task", FACETS_CACHE_SECONDS=60)
def test_by_the_task_worker_a_stale_summary_is_counted_once_and_web_requests_only_read(client):
    """Production's mode: requests that find the summary stale answer from it and queue one count between them;
    the task worker counts it; a count queued again while the summary is fresh does nothing."""

    def philippines():
        response = client.get("/jobs/?shift=night")
        assert response.status_code == 200
        return next(o.count for o in response.context["facets"]["country"].options if o.value == "PH")

    def run_worker():
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=open("/dev/null", "w"))  # noqa: SIM115

    job_facet_summary_refresh()
    before = philippines()
    PublishedJobPostingFactory(country="PH", shift="night")
    stale = timezone.now() - timedelta(seconds=31)
    Summary.objects.filter(name=job_facet_summary.name).update(built_at=stale)
    cache.delete(job_facet_summary.built_at_key)
    job_facet_summary.forget()  # this process's copy ages with the row
    assert philippines() == before  # answered from the stale summary, which does not hold the new posting yet
    assert philippines() == before
    assert DBTaskResult.objects.filter(task_path="core.summaries.count_summary").count() == 1

    run_worker()
    counted = Summary.objects.get(name=job_facet_summary.name).built_at
    assert counted > stale
    assert philippines() == before + 1  # the worker's count, loaded by the web process

    count_summary.enqueue(job_facet_summary.name)
    run_worker()
    assert Summary.objects.get(name=job_facet_summary.name).built_at == counted
    assert list(DBTaskResult.objects.order_by("enqueued_at").values_list("return_value", flat=True)) == [True, False]


@pytest.mark.django_db(transaction=True)  # queued tasks are written at commit, as in production
@override_settings(FACETS_SUMMARY_REFRESH="task", FACETS_CACHE_SECONDS=60)
def test_with_the_cache_emptied_a_stale_summary_is_asked_for_and_queued_once_not_once_a_request(client):
    """Redis restarted (or full): the cache no longer says which summary is the latest, nor holds the lock of the
    count queued. A process then asks the database once, queues one count, and answers from its copy."""
    job_facet_summary_refresh()
    Summary.objects.filter(name=job_facet_summary.name).update(built_at=timezone.now() - timedelta(seconds=31))
    job_facet_summary.forget()
    assert client.get("/jobs/?shift=night").status_code == 200  # reads the stale row and queues its count
    for _ in range(3):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/jobs/?shift=night").status_code == 200
        assert not [q["sql"] for q in ctx.captured_queries if "core_summary" in q["sql"] or "dbtaskresult" in q["sql"]]
    assert DBTaskResult.objects.filter(task_path="core.summaries.count_summary").count() == 1


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_the_list_page_counts_a_search_over_the_matches_its_pages_reach_and_the_api_over_its_own(client, monkeypatch):
    """The page's facets of a search are counted from the summary over its newest matches its pages reach at the
    page size asked (100 pages of 20: 2,000); the API's facets endpoint, paged at up to 100, over 10,000. Each
    says whether its counts are whole, the page also when they come from the cache, and the page's total is the
    whole selection's, counted in the same query as the keys: at most three queries."""
    job_facet_summary_refresh()
    assert client.get("/jobs/?q=support").context["filterset"].facet_bound == 2_000
    assert client.get("/jobs/?q=support&page_size=100").context["filterset"].facet_bound == 10_000

    monkeypatch.setattr("core.listing.MAX_PAGE_NUMBER", 1)  # one page of 2: "support" matches three
    client.get("/jobs/?q=support&page_size=2")  # a worker that has answered before (`cold_queries`)
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/jobs/?q=support&page_size=2")
    assert len(ctx.captured_queries) <= 3, [q["sql"][:80] for q in ctx.captured_queries]
    assert response.context["paginator"].count == JobPosting.objects.published().search("support").count() == 3
    note = "The counts below are those of the 2 newest matches."
    assert note in response.content.decode()
    again = client.get("/jobs/?q=support&page_size=2")  # its counts from the cache now
    assert note in again.content.decode() and again.context["paginator"].count == 3
    assert client.get("/api/v1/jobs/facets/?q=support").headers["Facets-Exact"] == "true"


def test_a_selection_past_the_bound_is_counted_over_its_newest_postings_and_says_so(client, monkeypatch):
    """Outside the summary, a selection is counted over its newest `facet_bound + 1` postings (a million-posting
    search would read every match): exact up to the bound, and said to be partial beyond."""
    exact = JobFilter(QueryDict("q=agent"), queryset=JobPosting.objects.published())
    exact.count()
    assert exact.facets_exact

    monkeypatch.setattr(JobFilter, "facet_bound", 2)
    bounded = JobFilter(QueryDict(""), queryset=JobPosting.objects.published())
    options, total = bounded.count()
    assert not bounded.facets_exact
    assert total == 3  # the three newest of the five
    assert sum(option.count for option in options["work_arrangement"]) == 3
    page = client.get("/jobs/?skill=zendesk&skill=chat-support").content.decode()
    assert "newest matches" not in page  # one posting asks for both: well under the bound
    page = client.get("/jobs/?q=support").content.decode()
    assert "The counts below are those of the 2 newest matches." in page
    response = client.get("/api/v1/jobs/facets/?q=support")
    assert response.headers["Facets-Exact"] == "false"
    # The two counted are the newest two matches, whatever the list's order (best matches first).
    searched = JobFilter(QueryDict("q=support"), queryset=JobPosting.objects.published())
    searched.facet_bound = 1  # two read: the newest two of the three matches
    newest = sorted(searched.qs, key=lambda posting: (posting.published_at, posting.pk), reverse=True)[:2]
    options, total = searched.count()
    assert total == 2
    assert {o.value: o.count for o in options["country"] if o.count} == {
        country: sum(1 for posting in newest if posting.country == country) for country in {p.country for p in newest}
    }


def test_a_facet_flag_probes_each_posting_rather_than_listing_every_match():
    """Counted from the postings, a chosen language is a flag of each posting the facet query scans: `EXISTS`,
    one probe of the requirements' index a posting. As `id IN (every posting asking for it)` it was a list of a
    million rows that PostgreSQL, once they no longer fit in memory, searched row by row for each posting."""
    query = "language=en&language=tl&min_salary=20000&currency=PHP"
    filterset = JobFilter(QueryDict(query), queryset=JobPosting.objects.published())
    with CaptureQueriesContext(connection) as queries:
        options, total = filterset.count()  # not the public list's: counted from the postings
    facet_query = next(q["sql"] for q in queries.captured_queries if '"fx_f0"' in q["sql"])
    assert "EXISTS" in facet_query
    assert total == counted(query, summary=False)[1] and {o.value for o in options["language"] if o.count} >= {"en"}


def test_a_skill_facet_counted_from_the_postings_counts_their_requirements_before_it_lists_every_skill():
    """The skills a selection's postings ask for are counted per skill first, then every skill listed with its count
    (0 for none): listed first, PostgreSQL read every posting of each skill to meet the scanned ones, 115,000 a skill
    at a million postings, a second of a facet query (bench/README.md). The counts are those of the summary."""
    filterset = JobFilter(QueryDict("min_salary=20000&currency=PHP"), queryset=JobPosting.objects.published())
    with CaptureQueriesContext(connection) as queries:
        options, _ = filterset.count()
    facet_query = next(q["sql"] for q in queries.captured_queries if 'AS "fx_r"' in q["sql"])
    per_skill = facet_query.split(' FROM "jobs_skill") t LEFT JOIN (', 1)[1]
    assert per_skill.startswith("SELECT p.fx_k, COUNT(") and ") c ON c.fx_k = t.fx_k" in per_skill
    assert {o.value for o in options["skill"]} == set(Skill.objects.values_list("slug", flat=True))  # 0s too
    by_hand = (
        JobSkillRequirement.objects.filter(job_posting__in=filterset.qs)
        .values_list("skill__slug")
        .annotate(postings=Count("job_posting", distinct=True))
    )
    assert dict(by_hand) and {o.value: o.count for o in options["skill"] if o.count} == dict(by_hand)
