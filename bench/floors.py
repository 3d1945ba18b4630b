"""Floors: what an endpoint would cost if it were one hand-written SQL query serialized with orjson.

Each floor answers the same request as its endpoint with the same bytes (tests/bench/test_floors.py checks it
on a small dataset), so that "endpoint / floor" compares equal work. PostgreSQL only: the floors use json_agg,
websearch_to_tsquery and word_similarity.

A floor takes the query parameters it understands (the scenarios' filters) and refuses any other, rather than
silently answering a different question than its endpoint.
"""

# ruff: noqa: S608 - the SQL is assembled from fixed column names; every value is a query parameter

from __future__ import annotations

from urllib.parse import urlencode

import orjson
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.utils import timezone
from psycopg.types.json import set_json_loads
from rest_framework.utils.urls import remove_query_param, replace_query_param

from core.pagination import COUNT_LIMIT, MAX_PAGE_NUMBER
from core.sql import CACHED_COUNT_MIN, selection_key

# The columns a job card serializes, in JobPostingSerializer's order, and how each becomes JSON.
_CARD_SQL = """
SELECT p.slug, p.title, p.status, e.name, e.slug, e.vendor_id IS NOT NULL, p.city, p.country,
       p.work_arrangement, p.employment_type, p.shift, p.account_type, p.call_direction,
       p.salary_min, p.salary_max, p.salary_currency, p.salary_period, p.min_experience_years,
       p.education_level, p.min_typing_wpm, p.openings,
       (SELECT coalesce(json_agg(json_build_array(s.slug, s.name, r.importance) ORDER BY r.importance, s.position),
                        '[]')
          FROM jobs_jobskillrequirement r JOIN jobs_skill s ON s.id = r.skill_id
         WHERE r.job_posting_id = p.id),
       (SELECT coalesce(json_agg(json_build_array(l.code, l.name, r.level) ORDER BY l.name), '[]')
          FROM jobs_joblanguagerequirement r JOIN directory_language l ON l.id = r.language_id
         WHERE r.job_posting_id = p.id),
       (SELECT coalesce(json_agg(c.slug ORDER BY c.position, c.name), '[]')
          FROM jobs_jobposting_certifications pc JOIN jobs_certification c ON c.id = pc.certification_id
         WHERE pc.jobposting_id = p.id),
       p.published_at, p.expires_at, p.role{extra}
"""

# The same columns with each card's requirements joined LATERAL to the page's keys (the hand-written plan).
_BEST_CARD_SQL = """
SELECT p.slug, p.title, p.status, e.name, e.slug, e.vendor_id IS NOT NULL, p.city, p.country,
       p.work_arrangement, p.employment_type, p.shift, p.account_type, p.call_direction,
       p.salary_min, p.salary_max, p.salary_currency, p.salary_period, p.min_experience_years,
       p.education_level, p.min_typing_wpm, p.openings, sk.items, la.items, ce.items,
       p.published_at, p.expires_at, p.role{extra}
  FROM page JOIN jobs_jobposting p ON p.id = page.id JOIN directory_employer e ON e.id = p.employer_id
  LEFT JOIN LATERAL (
       SELECT coalesce(json_agg(json_build_array(s.slug, s.name, r.importance) ORDER BY r.importance, s.position),
                       '[]') AS items
         FROM jobs_jobskillrequirement r JOIN jobs_skill s ON s.id = r.skill_id WHERE r.job_posting_id = p.id) sk
    ON true
  LEFT JOIN LATERAL (
       SELECT coalesce(json_agg(json_build_array(l.code, l.name, r.level) ORDER BY l.name), '[]') AS items
         FROM jobs_joblanguagerequirement r JOIN directory_language l ON l.id = r.language_id
        WHERE r.job_posting_id = p.id) la
    ON true
  LEFT JOIN LATERAL (
       SELECT coalesce(json_agg(c.slug ORDER BY c.position, c.name), '[]') AS items
         FROM jobs_jobposting_certifications pc JOIN jobs_certification c ON c.id = pc.certification_id
        WHERE pc.jobposting_id = p.id) ce
    ON true
 ORDER BY page.n
"""

_MULTI = {"country", "work_arrangement", "employment_type", "shift", "account_type"}
_SEARCH = "websearch_to_tsquery('english'::regconfig, %(q)s)"


def _number(value):
    return None if value is None else float(value)


def _card(row, base: str) -> dict:
    skills, languages, certifications = row[21], row[22], row[23]
    return {
        "slug": row[0],
        "title": row[1],
        "url": f"{base}/jobs/{row[0]}/",
        "status": row[2],
        "employer": {"name": row[3], "slug": row[4], "kind": "bpo" if row[5] else "in_house"},
        "city": row[6],
        "country": row[7],
        "work_arrangement": row[8],
        "employment_type": row[9],
        "shift": row[10],
        "role": row[26],
        "account_type": row[11],
        "call_direction": row[12],
        "salary": {"min": _number(row[13]), "max": _number(row[14]), "currency": row[15], "period": row[16]},
        "experience_years_min": row[17],
        "education_level": row[18],
        "typing_wpm_min": row[19],
        "openings": row[20],
        "skills": [{"slug": slug, "name": name, "importance": importance} for slug, name, importance in skills],
        "languages": [{"code": code, "name": name, "level": level} for code, name, level in languages],
        "certifications": certifications,
        "posted_at": row[24],
        "expires_at": row[25],
    }


def dumps(data) -> bytes:
    """JSON as DRF's JSONRenderer writes it: compact, UTF-8, "Z" for UTC, U+2028 and U+2029 escaped."""
    body = orjson.dumps(data, option=orjson.OPT_UTC_Z)
    if b"\xe2\x80\xa8" in body or b"\xe2\x80\xa9" in body:
        body = body.replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")
    return body


def _fetch(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        set_json_loads(orjson.loads, cursor.cursor)
        cursor.execute(sql, params)
        return cursor.fetchall()


def _job_conditions(params: dict[str, list[str]], *, best: bool = False) -> tuple[str, dict]:
    conditions = ["j.status = 'published'", "j.expires_at > %(now)s"]
    values: dict = {"now": timezone.now()}
    for name in sorted(set(params) & _MULTI):
        items = [value.upper() for value in params[name]] if name == "country" else params[name]
        conditions.append(f"j.{name} = ANY(%({name})s)")
        values[name] = items
    for index, slug in enumerate(dict.fromkeys(params.get("skill", []))):
        if best:  # a probe per posting read newest first, which stops with the page, not a hash of every match
            conditions.append(
                f"EXISTS (SELECT 1 FROM jobs_jobskillrequirement r JOIN jobs_skill s ON s.id = r.skill_id "
                f"WHERE r.job_posting_id = j.id AND s.slug = %(skill{index})s)"
            )
            values[f"skill{index}"] = slug
            continue
        conditions.append(
            f"j.id IN (SELECT r.job_posting_id FROM jobs_jobskillrequirement r "
            f"WHERE r.skill_id = (SELECT id FROM jobs_skill WHERE slug = %(skill{index})s))"
        )
        values[f"skill{index}"] = slug
    if params.get("q"):
        conditions.append(f"j.search_vector @@ {_SEARCH}")
        values["q"] = params["q"][0]
    return " AND ".join(conditions), values


def job_list(params: dict[str, list[str]], *, base: str, path: str = "/api/v1/jobs/", best: bool = False) -> bytes:
    """GET /api/v1/jobs/ in one query: the page's ids from the indexes, then each card with its requirements
    aggregated by correlated subqueries, and the count as an init plan (or, as the endpoint does, from the cache
    when a large total was counted under a minute ago).

    Understands country, work_arrangement, employment_type, shift, account_type, skill, q (words that match as
    typed: the trigram fallback for typos is not part of any floor), ordering=-posted_at or relevance (the
    default with q), page and page_size.

    `best=False` is the floor of the same plan as the endpoint's (what the framework costs); `best=True` is the
    plan written by hand for the indexes (what the design costs): skills as EXISTS probes rather than
    `IN (subquery)`, the page's keys taken in a materialized step before anything else is read, and each card's
    requirements joined LATERAL. Both answer with the endpoint's bytes."""
    known = _MULTI | {"skill", "q", "ordering", "page", "page_size"}
    unknown = set(params) - known
    if unknown:
        raise ValueError(f"The floor does not know {sorted(unknown)}")
    ordering = params.get("ordering", ["relevance" if params.get("q") else "-posted_at"])[0]
    page = int(params.get("page", ["1"])[0])
    size = min(int(params.get("page_size", ["20"])[0]), 100)
    where, values = _job_conditions(params, best=best)
    newest = "published_at DESC NULLS LAST, id DESC"
    if ordering == "relevance":
        # Tier by tier (every word in the title, then every other match), newest first in
        # each, at most offset + size rows of each: core.search.page_keys explains why that is exact.
        in_title = f"to_tsvector('english'::regconfig, COALESCE(j.title, '')) @@ {_SEARCH}"
        tiers = [in_title, f"NOT {in_title}"]
        page_ids = " UNION ALL ".join(
            f"(SELECT j.id, {tier} AS tier, j.published_at FROM jobs_jobposting j WHERE {where} AND {condition} "
            f"ORDER BY j.{newest.replace(', ', ', j.')} LIMIT %(stop)s)"
            for tier, condition in enumerate(tiers)
        )
        page_ids = f"SELECT t.id FROM ({page_ids}) t ORDER BY t.tier, t.{newest.replace(', ', ', t.')}"
    elif ordering == "-posted_at":
        page_ids = f"SELECT j.id FROM jobs_jobposting j WHERE {where} ORDER BY j.{newest.replace(', ', ', j.')}"
    else:
        raise ValueError(f"The floor does not know ordering={ordering}")
    values.update(limit=size, offset=(page - 1) * size, stop=page * size)
    # The total as the endpoint has it: from the cache when a large one was counted under a minute ago.
    count_key = f"count:{selection_key('api:jobs', QueryDict(urlencode(params, doseq=True)))}"
    cached = cache.get(count_key) if settings.FACETS_CACHE_SECONDS else None
    # Counted up to one past COUNT_LIMIT, as the endpoint counts (core.sql.PagedRows.count).
    limited = f"(SELECT 1 FROM jobs_jobposting j WHERE {where} LIMIT {COUNT_LIMIT + 1})"
    count_sql = f"(SELECT count(*) FROM {limited} c)" if cached is None else "NULL"
    if best:
        sql = (
            f"WITH page AS MATERIALIZED (SELECT j.id, row_number() OVER () AS n "
            f"FROM ({page_ids} LIMIT %(limit)s OFFSET %(offset)s) j) " + _BEST_CARD_SQL.format(extra=f", {count_sql}")
        )
    else:
        sql = (
            _CARD_SQL.format(extra=f", {count_sql}")
            + f"""
  FROM (SELECT j.id, row_number() OVER () AS n FROM ({page_ids} LIMIT %(limit)s OFFSET %(offset)s) j) page
  JOIN jobs_jobposting p ON p.id = page.id JOIN directory_employer e ON e.id = p.employer_id
 ORDER BY page.n"""
        )
    rows = _fetch(sql, values)
    counted = cached if cached is not None else (rows[0][27] if rows else 0)
    if cached is None and counted >= CACHED_COUNT_MIN and settings.FACETS_CACHE_SECONDS:
        cache.set(count_key, counted, settings.FACETS_CACHE_SECONDS)
    count = min(counted, COUNT_LIMIT)
    url = f"{base}{path}?{urlencode(params, doseq=True)}" if params else f"{base}{path}"
    # The site serves pages up to MAX_PAGE_NUMBER: the last of them links to none after it.
    following = replace_query_param(url, "page", page + 1) if page * size < count and page < MAX_PAGE_NUMBER else None
    if page <= 1:
        previous = None
    elif page == 2:
        previous = remove_query_param(url, "page")
    else:
        previous = replace_query_param(url, "page", page - 1)
    return dumps(
        {
            "count": count,
            "count_exact": counted <= COUNT_LIMIT,
            "next": following,
            "previous": previous,
            "results": [_card(row, base) for row in rows],
        }
    )


def job_detail(slug: str, *, base: str) -> bytes:
    """GET /api/v1/jobs/{slug}/ of a published posting in one query."""
    sql = _CARD_SQL.format(
        extra=", p.description, p.benefits, (SELECT slug FROM directory_industry WHERE id = p.client_industry_id), "
        "p.created_at"
    ) + (
        " FROM jobs_jobposting p JOIN directory_employer e ON e.id = p.employer_id"
        " WHERE p.slug = %(slug)s AND p.status = 'published' AND p.expires_at > %(now)s"
    )
    row = _fetch(sql, {"slug": slug, "now": timezone.now()})[0]
    card = _card(row, base)
    card["description"] = row[27]
    card["benefits"] = [line.strip() for line in row[28].splitlines() if line.strip()]
    card["client_industry"] = row[29]
    card["created_at"] = row[30]
    return dumps(card)
