"""Regression guards for the job list's speed that do not depend on timing (see bench/README.md):

- the API list builds its JSON from one query per page (`card_rows`) and says exactly what the serializer says;
- at most 3 SQL queries per request whatever the page size, filtered, searched or not;
- on PostgreSQL, a page of the list, filtered or not, is read in order from one of the newest-first indexes
  (migration 0008) without sorting the matches, and a skill filter reads the requirement table's indexes.
"""

import json
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIRequestFactory

from core.sql import PagedRows
from demo.factories.directory import BpoEmployerFactory
from demo.seed import seed_demo
from jobs.api.serializers import JobPostingSerializer
from jobs.filters import JobFilter
from jobs.models import JobPosting
from tests.helpers import count_api_queries, make_job

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans of PostgreSQL")


@pytest.fixture
def postings():
    bpo = BpoEmployerFactory(name="Harbor Contact")
    return [
        make_job(
            "Bilingual customer support agent",
            employer=bpo,
            skills=["empathy", "typing"],
            preferred=["zendesk"],
            languages=["en", ("es", "C1")],
            certifications=["hdi-csr"],
            salary_min=25000,
            salary_max=32000.5,
            salary_currency="PHP",
            min_typing_wpm=40,
            call_direction="inbound",
            work_arrangement="remote",
            days_ago=1,
        ),
        make_job("Technical support representative", skills=["typing"], country="US", city="Austin", days_ago=2),
        make_job("Chat support", salary_max=900, salary_currency="USD", shift="night", days_ago=3),
    ]


def test_the_list_says_exactly_what_the_serializer_says(client, postings):
    request = APIRequestFactory().get("/api/v1/jobs/")
    expected = [
        json.loads(JSONRenderer().render(JobPostingSerializer(posting, context={"request": request}).data))
        for posting in JobPosting.objects.for_page().filter(pk__in=[p.pk for p in postings]).order_by("-published_at")
    ]
    listed = client.get("/api/v1/jobs/").json()["results"]
    assert listed == expected
    first = listed[0]
    assert {s["slug"]: s["importance"] for s in first["skills"]} == {
        "empathy": "required",
        "typing": "required",
        "zendesk": "preferred",
    }
    assert [language["code"] for language in first["languages"]] == ["en", "es"]
    assert first["salary"] == {"min": 25000.0, "max": 32000.5, "currency": "PHP", "period": "month"}


@pytest.mark.parametrize(
    "query",
    [
        "",
        "country=PH&work_arrangement=remote",
        "skill=typing&language=en&ordering=-posted_at",
        "q=support",
        "q=support&country=PH&ordering=-salary_max",
        "employer={employer}&shift=day",
    ],
)
def test_a_list_request_runs_at_most_3_queries_whatever_the_page_size(client, postings, query):
    query = query.format(employer=postings[0].employer.slug)
    for size in (1, 100):
        count, body = count_api_queries(client, f"/api/v1/jobs/?{query}&page_size={size}")
        assert count <= 3, f"{count} queries for ?{query}&page_size={size}"
        assert body["count"] >= 1


def plan(filters: dict) -> str:
    """The plan of the list page's keys (what `PagedRows` reads first), with sequential scans and sorts made
    prohibitively expensive so that the plan shows whether an index can give the order at all."""
    filterset = JobFilter(QueryDict(urlencode(filters)), queryset=JobPosting.objects.published())
    assert filterset.is_valid(), filterset.errors
    keys = filterset.qs.values("pk")[:50]
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("SET enable_sort = off")
        try:
            return keys.explain()
        finally:
            cursor.execute("RESET enable_seqscan")
            cursor.execute("RESET enable_sort")


@pytest.fixture
def many_postings():
    """Enough postings, analyzed, for the planner to choose as it would on a real board."""
    seed_demo(vendors=5, jobs=3000, seed=4)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@postgresql_only
@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"ordering": "-posted_at"},
        {"country": "PH", "work_arrangement": "remote"},
        {"work_arrangement": "remote"},
        {"shift": "night"},
        {"account_type": "non_voice"},
        {"country": "PH", "account_type": "voice"},
        {"country": "PH", "work_arrangement": "remote", "skill": "typing", "ordering": "-posted_at"},
        {"city": "makati"},  # case-insensitive: migration 0016's index on UPPER(city)
        {"city": "Makati", "language": "es"},
    ],
)
def test_a_list_page_is_read_in_order_from_a_newest_first_index(many_postings, filters):
    explained = plan(filters)
    assert "_newest_idx" in explained, explained
    assert "Sort" not in explained, explained


@postgresql_only
@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({"ordering": "-salary_max"}, "job_pub_salary_top_idx"),
        ({"country": "PH", "ordering": "-salary_max"}, "job_pub_country_salary_top_idx"),
        ({"currency": "USD", "ordering": "-salary_max"}, "job_pub_currency_salary_top_idx"),
    ],
)
def test_a_list_best_paid_first_is_read_in_order_from_a_salary_index_led_by_its_filter(many_postings, filters, index):
    """Within a currency, the whole board's salary index put pesos and rupees first: a page of US-dollar postings
    walked most of the board (1.8 s cold at a million postings, bench/README.md)."""
    explained = plan(filters)
    assert index in explained and "Sort" not in explained, explained
    if "currency" in filters:
        assert "Index Cond: ((salary_currency)" in explained, explained  # a range of the index, not a filter


@postgresql_only
def test_similar_jobs_read_the_newest_of_the_postings_country_and_account_type_from_their_own_index(many_postings):
    """A posting's page weighs the newest postings of its country and account type as similar jobs. Read down the
    account type's index, testing each row's country in the table, that took 11,000 rows for a country with few
    postings of the type (54 ms at a million; 200 ms while the order matched no index). It is a range of an index
    led by both (migration 0027), with the expiry in it."""
    posting = JobPosting.objects.published().exclude(country="PH").order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            explained = JobPosting.objects.similar_to(posting).explain()
        finally:
            cursor.execute("RESET enable_seqscan")
    lines = explained.splitlines()
    (at,) = [n for n, line in enumerate(lines) if " job_pub_country_account_newest_idx" in line]
    condition = lines[at + 1]  # both a range of the index, not a filter on the table's rows
    assert "Index Cond:" in condition and "(country)" in condition and "(account_type)" in condition, explained


@postgresql_only
def test_a_skill_filter_reads_the_requirements_from_an_index(many_postings):
    explained = plan({"skill": "typing"})
    # From the (skill, posting) index, or, for a common skill, by probing the newest postings' requirements in
    # the (posting, skill) one: never by reading the requirement table or sorting the matches.
    assert "Index Only Scan using job_skill_" in explained, explained
    assert "Seq Scan on jobs_jobskillrequirement" not in explained, explained
    assert "Sort" not in explained, explained


def test_a_skill_or_language_filter_matches_the_requirements_by_term_id(many_postings):
    """The terms asked are matched by id in the requirement table (`skill_id = 12`), not through a join to the
    vocabulary by slug: the planner then reads from the column's statistics how many postings a skill has (half
    of them, or one in a hundred) and plans for it. With the join it guessed, and counted a common skill's
    postings by probing half a million of them one by one (3.7 s at a million)."""
    filterset = JobFilter(QueryDict("skill=typing&language=es"), queryset=JobPosting.objects.published())
    assert filterset.is_valid(), filterset.errors
    sql = str(filterset.qs.query)
    assert '"jobs_skill"' not in sql and '"directory_language"' not in sql, sql
    assert "skill_id" in sql and "language_id" in sql, sql


@postgresql_only
def test_the_planner_knows_how_many_titles_have_a_common_word(many_postings):
    """The search's title tier reads the titles' words through their own GIN index; with the statistics of that
    expression (jobs migration 0018) the planner knows a common word is in many titles, and reads a page from the
    newest-first index instead of sorting every match (850 ms to 2 ms at a million). Without them it guessed a
    handful."""
    words = "to_tsvector('english'::regconfig, (COALESCE(title, ''::character varying))::text)"
    condition = f"{words} @@ to_tsquery('english', 'support') AND status = 'published'"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM jobs_jobposting WHERE {condition}")  # noqa: S608 - constants
        actual = cursor.fetchone()[0]
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT id FROM jobs_jobposting WHERE {condition}")  # noqa: S608
        estimated = cursor.fetchone()[0][0]["Plan"]["Plan Rows"]
    assert actual > 300  # a common word of the seeded titles
    assert actual / 3 <= estimated <= actual * 3, (estimated, actual)


@postgresql_only
def test_a_search_reads_the_later_tier_only_when_the_title_tier_leaves_the_page_short(many_postings):
    """A word found in every title it is in (most of the seeded words) leaves the second tier empty; read anyway,
    it walked the whole newest-first index for none (10 s for "representative" at a million, a 503). The second
    tier runs only when the first holds fewer rows than the page needs: a one-time filter on its count."""
    filterset = JobFilter(QueryDict("q=support"), queryset=JobPosting.objects.published())
    assert filterset.is_valid(), filterset.errors
    rows = PagedRows(filterset.qs, lambda page: page.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        first = rows[0:20]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {queries[-1]['sql']}")
        explained = json.dumps(cursor.fetchone()[0])
    assert len(first) == 20
    assert "One-Time Filter" in explained, explained
    assert '"Actual Loops": 0' in explained or '"Never Executed": true' in explained, explained


@postgresql_only
def test_a_postings_search_vector_and_description_stay_in_its_row(many_postings):
    """A search tests the vector of each of the newest postings; out of line, in the TOAST table, each test read
    its own index and pages too, more than twice the time at a million (jobs migration 0022)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT max(pg_column_size(p.*)), pg_relation_size(c.reltoastrelid) FROM jobs_jobposting p, pg_class c "
            "WHERE c.relname = 'jobs_jobposting' GROUP BY c.reltoastrelid"
        )
        longest_row, toasted_bytes = cursor.fetchone()
    assert longest_row > 2032  # longer than PostgreSQL moves out of a row by default
    assert toasted_bytes == 0


@postgresql_only
def test_the_newest_first_index_carries_what_a_salary_list_filters_on():
    """A minimum salary and the experience asked are no summary's columns: the list counts them, and reads its
    facets' newest keys, itself. The newest-first index carries those columns (jobs migration 0024), so both are
    read from the index alone (at a million postings a count went from 231 ms to 19 ms, bench/README.md)
    instead of visiting each posting's row in the table."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'job_pub_newest_idx'")
        (definition,) = cursor.fetchone()
    carried = definition.split(" INCLUDE (", 1)[1].split(")", 1)[0].split(", ")
    assert set(carried) >= {"expires_at", "salary_currency", "salary_min", "salary_max", "min_experience_years"}


@postgresql_only
def test_the_search_index_holds_the_published_postings_that_every_search_asks_for():
    """Every search asks for published postings. Over the whole table, the search index left that condition to a
    second index of every published posting, intersected with the matches (70 ms of a common search's 300 at a
    million postings, bench/README.md); the partial index answers it alone. No trigram index of the titles is
    kept: typos are matched against the vocabulary table, and nothing read it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'jobs_jobposting' AND indexdef LIKE %s",
            ["%USING gin%"],
        )
        gin = dict(cursor.fetchall())
    (search,) = [name for name, definition in gin.items() if "(search_vector)" in definition]
    assert gin[search].endswith("WHERE ((status)::text = 'published'::text)")
    assert not [name for name, definition in gin.items() if "gin_trgm_ops" in definition]
