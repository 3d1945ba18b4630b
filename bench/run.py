"""The benchmark harness: `make bench` (1,000,000 postings, 50,000 vendors) or `make bench BENCH_SCALE=small`.

1. Seeds the scale's PostgreSQL database with seed_demo, or reuses it when it already holds that scale.
2. Builds the URL mix from the database's values (bench/mix.py): at least 2,000 distinct requests over every
   public page and endpoint, ranked for a Zipf distribution, deterministic with --seed, saved with the results.
3. Runs every scenario in process, with the production settings and the Redis cache the site uses: per round,
   cold (the cache database flushed, no warm-up call before it) then warm (the same request again), and each
   floor the same way (bench/floors.py: the same plan as the endpoint's, and the best plan written by hand).
   Query counts are those of the first cold request; `EXPLAIN (ANALYZE, BUFFERS)` of each of its queries is
   saved. One scenario asks distinct URLs of the mix, each cold then warm: any public request, as a first
   visitor gets it.
4. Serves the site with gunicorn (the production settings, Redis) and runs the open-loop load (bench/load.py)
   over the whole mix at a fixed arrival rate, the cache starting empty; records the achieved rate, the
   latency spread from each request's scheduled start, errors, timeouts, the largest worker RSS, and the CPU
   of the server and of the load generator.
5. Prints the tables, writes bench/results/<scale>-<time>.json (with -mix.json and -plans.txt beside it) and the
   -latest copies, and exits 1 naming every goal missed.

See bench/README.md.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psutil
import psycopg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SCALES = {
    # rounds: cold + warm pairs per scenario, within scenario_seconds once MIN_ROUNDS are done
    "large": {"jobs": 1_000_000, "vendors": 50_000, "rounds": 200, "scenario_seconds": 150, "load_seconds": 300},
    "small": {"jobs": 20_000, "vendors": 1_000, "rounds": 20, "scenario_seconds": 15, "load_seconds": 30},
}
DATABASES = {"large": "bpo_bench", "small": "bpo_bench_small"}
MIN_ROUNDS = 5
# The mix scenario asks this many distinct URLs of the mix, each cold, whatever --rounds and --scenario-seconds say:
# its p95 is goal 2's "any single public request", and 20 draws of 2,400 URLs would seldom meet the slow tail.
MIX_ROUNDS = 200
PAGE = "page_size=50"

# The goals of issue 18 (and the matcher's of issue 19).
COLD_P95_MS = 300  # goal 2: any single public request, every cache empty
WARM_P95_MS = 50  # goal 2: the same request again
SEARCH_WARM_P95_MS = 50  # goal 3: ranked search
QUERIES_MAX = 3  # goal 5: lists, searches, facets and detail, counted cold
MATCHER_COLD_P95_MS = 200  # issue 19, at 50,000 vendors
LOAD_RATE = 150  # goal 1: requests/s for LOAD_SECONDS
LOAD_P95_MS = 100
LOAD_P99_MS = 300
RSS_MAX_MB = 150  # goal 7
# The settings of the kept pages the load ran with, in the results (the environment may set each).
PAGE_CACHE_SETTINGS = ("PAGE_CACHE_SECONDS", "PAGE_CACHE_RENDER_SLOTS", "PAGE_CACHE_RENDER_QUEUE")
SEED_MAX_S = 180  # goal 6, at the large scale


@dataclass
class Scenario:
    name: str
    path: str
    kind: str  # list, search, facets, detail, matcher, page, mix
    method: str = "GET"
    body: str = ""
    floor_params: dict | None = None  # the job list floors' parameters, where a floor is written


@dataclass
class Result:
    name: str
    kind: str
    method: str
    path: str
    body: str
    rounds: int
    queries: int | None
    cold: dict
    warm: dict
    floor_same: dict | None = None  # cold and warm spreads of the floor with the endpoint's plan
    floor_best: dict | None = None  # ... and of the floor with the best plan written by hand
    ratio_same: float | None = None  # endpoint cold p50 / floor cold p50
    ratio_best: float | None = None
    same_bytes: bool | None = None
    statuses: dict = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def database_url(scale: str) -> str:
    return os.environ.get("BENCH_DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/{DATABASES[scale]}"


def redis_url() -> str:
    # Its own database number on the shared Redis: flushing it empties this site's cache and nobody else's.
    return os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")


def production_env(url: str) -> dict:
    """The production settings, as a deployment behind one TLS proxy sets them; Redis as the cache."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "API_", "DATABASE_", "REDIS_"))},
        "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.production",
        "DATABASE_URL": url,
        "REDIS_URL": redis_url(),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "EMAIL_URL": "consolemail://",
        # The proxy in front sets X-Forwarded-For: the throttles see each visitor, with their production rates.
        "TRUSTED_PROXY_COUNT": "1",
        "DJANGO_STATIC_ROOT": str(ROOT / "staticfiles"),
    }


def manage(env: dict, *args: str) -> str:
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout


def ensure_dataset(scale: str, url: str) -> dict:
    """Migrate, and seed unless the database already holds this scale. Returns what the seeding record says."""
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.local"}
    spec = SCALES[scale]
    name = urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        sys.exit("The benchmark database name may only hold lowercase letters, digits and underscores.")
    admin = url.replace(f"/{name}", "/postgres", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f"CREATE DATABASE {name}")
    manage(env, "migrate", "--noinput", "-v0")
    with psycopg.connect(url) as conn:
        jobs = conn.execute("SELECT count(*) FROM jobs_jobposting").fetchone()[0]
        vendors = conn.execute("SELECT count(*) FROM directory_vendor").fetchone()[0]
    record_path = RESULTS / f"seed-{scale}.json"
    if jobs == spec["jobs"] and vendors == spec["vendors"] and record_path.exists():
        record = json.loads(record_path.read_text())
        print(f"Reusing {name}: {jobs:,} postings, {vendors:,} vendors (seeded in {record['seconds']:.0f} s)")
        vacuum(url)
        count_facets(env)
        return {**record, "reused": True}
    print(f"Seeding {name} with {spec['jobs']:,} postings and {spec['vendors']:,} vendors...", flush=True)
    started = time.perf_counter()
    out = manage(env, "seed_demo", "--flush", "--jobs", str(spec["jobs"]), "--vendors", str(spec["vendors"]))
    record = {"seconds": round(time.perf_counter() - started, 1), "output": out.strip().splitlines()[-1]}
    record["at"] = datetime.now(UTC).isoformat(timespec="seconds")
    RESULTS.mkdir(exist_ok=True)
    record_path.write_text(json.dumps(record, indent=2) + "\n")
    print(f"Seeded in {record['seconds']:.1f} s (process start and migrations check included)")
    vacuum(url)
    count_facets(env)
    return {**record, "reused": False}


def count_facets(env: dict) -> None:
    """The summaries (the job facet cube, the pay ledger) counted as a deployment counts them (`count_summaries`),
    outside every timing: the site then counts each again by itself, in the background, when it is no longer
    fresh, as the scenarios and the load run."""
    print(manage(env, "count_summaries").strip())


def vacuum(url: str) -> None:
    """What autovacuum does some time after a bulk load: mark the pages all-visible and refresh the planner's
    statistics. Quick when there is nothing to do."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def setup_django(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def flush_caches() -> None:
    """Every cache the site shares empty: the Redis database of its cache (FLUSHDB of that number only). A
    worker's own minute-long copies of the small reference tables (`core.memo`) are not a shared cache: see
    `load_reference_copies`."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


def load_reference_copies() -> None:
    """What a worker that has answered in the last minute holds in its memory (`core.memo`): the search synonyms
    and the vocabularies of the filters. Loaded before each scenario, outside its timings and query counts, as
    a running site's workers hold them: a worker reads each once a minute, not once a request."""
    from core.facets import VocabularyChoices
    from core.search import synonym_table
    from directory.filters import VendorFilter
    from jobs.filters import JobFilter

    synonym_table("jobs")
    for filterset in (JobFilter, VendorFilter):
        for each in filterset.base_filters.values():
            choices = each.extra.get("choices")
            if isinstance(choices, VocabularyChoices):
                choices.terms()


def scenarios(values: dict, mix: list[dict], seed: int) -> list[Scenario]:
    """What the goals are checked on: each kind of public request with the data's commonest and rarer values.
    The mix scenario adds the long tail."""
    from bench import mix as mixes

    jobs, vendors, search = values["job_filters"], values["vendor_filters"], values["search"]
    top = {name: zipf.items[0] for name, zipf in jobs.items()}
    skill, country, city, employer = top["skill"], top["country"], top["city"], top["employer"]
    second_country = jobs["country"].items[1]
    service, vcountry = vendors["service"].items[0], vendors["country"].items[0]
    job, vendor = values["job_slugs"][0], values["vendor_slugs"][0]
    from core.pagination import MAX_PAGE_NUMBER

    # The last page of a country's postings, or the deepest page the site serves (MAX_PAGE_NUMBER) if that is less.
    selection = values["broad_counts"].get(f"country={second_country}", values["broad_counts"][""])
    last_page = min(MAX_PAGE_NUMBER, max(1, -(-selection // 50)))
    common, rare, typo, quoted = search["common"][0], search["rare"][0], search["typo"][0], search["quoted"][0]
    brief = mixes.matcher_brief(random.Random(seed), values)

    def api_jobs(name, query, kind="list", floor=True):
        return Scenario(
            name,
            f"/api/v1/jobs/?{query}",
            kind,
            floor_params=parse_qs(query, keep_blank_values=True) if floor else None,
        )

    q = lambda text: text.replace(" ", "+").replace('"', "%22")  # noqa: E731
    return [
        api_jobs("api jobs: no filter", PAGE),
        api_jobs("api jobs: country + night shift", f"country={country}&shift=night&{PAGE}"),
        api_jobs("api jobs: skill + remote", f"skill={skill}&work_arrangement=remote&{PAGE}"),
        api_jobs(
            "api jobs: 3 filters, newest",
            f"country={country}&account_type=voice&skill={skill}&ordering=-posted_at&{PAGE}",
        ),
        api_jobs("api jobs: page 100, the deepest", f"{PAGE}&page={MAX_PAGE_NUMBER}"),
        api_jobs("api jobs: last page of a country", f"country={second_country}&{PAGE}&page={last_page}", floor=False),
        api_jobs("api jobs: city + language", f"city={city}&language=es&{PAGE}", floor=False),
        api_jobs("api jobs: employer", f"employer={employer}&{PAGE}", floor=False),
        api_jobs(
            "api jobs: salary, experience, new",
            f"min_salary=20000&currency=PHP&max_experience=1&posted_within=7&{PAGE}",
            floor=False,
        ),
        api_jobs(
            "api jobs: highest salary first", f"country={second_country}&ordering=-salary_max&{PAGE}", floor=False
        ),
        api_jobs("api jobs: oldest first", f"ordering=posted_at&{PAGE}", floor=False),
        api_jobs("api search: common phrase", f"q={q(common)}&{PAGE}", "search"),
        api_jobs("api search: common phrase + country", f"q={q(common)}&country={country}&{PAGE}", "search"),
        api_jobs("api search: rare word", f"q={q(rare)}&{PAGE}", "search"),
        api_jobs("api search: typo", f"q={q(typo)}&{PAGE}", "search", floor=False),
        api_jobs("api search: quoted phrase", f"q={q(quoted)}&{PAGE}", "search", floor=False),
        api_jobs("api search: zero hit", f"q=xqzvtrpl&{PAGE}", "search"),
        Scenario("api job facets: none", "/api/v1/jobs/facets/", "facets"),
        Scenario(
            "api job facets: country + remote",
            f"/api/v1/jobs/facets/?country={country}&work_arrangement=remote",
            "facets",
        ),
        Scenario("api job detail", f"/api/v1/jobs/{job}/", "detail"),
        Scenario("html jobs: no filter", "/jobs/", "list"),
        Scenario("html jobs: country + night shift", f"/jobs/?country={country}&shift=night", "list"),
        Scenario("html jobs: skill, page 3", f"/jobs/?skill={skill}&page=3", "list"),
        Scenario("html search: common phrase", f"/jobs/?q={q(common)}", "search"),
        Scenario("html search: typo + country", f"/jobs/?q={q(typo)}&country={country}", "search"),
        Scenario("html job detail (similar jobs)", f"/jobs/{job}/", "detail"),
        Scenario("html job landing: skill", f"/jobs/skills/{skill}/", "list"),
        Scenario("api vendors: no filter", f"/api/v1/vendors/?{PAGE}", "list"),
        Scenario(
            "api vendors: service + country", f"/api/v1/vendors/?service={service}&country={vcountry}&{PAGE}", "list"
        ),
        Scenario("api vendors: search", f"/api/v1/vendors/?q={q(service.replace('-', ' '))}", "search"),
        Scenario("api vendor facets: service", f"/api/v1/vendors/facets/?service={service}", "facets"),
        Scenario("api vendor detail", f"/api/v1/vendors/{vendor}/", "detail"),
        Scenario(
            "html vendors: service + country, by rating",
            f"/vendors/?service={service}&country={vcountry}&ordering=-rating",
            "list",
        ),
        Scenario("html vendor detail", f"/vendors/{vendor}/", "detail"),
        Scenario("api matcher (POST)", "/api/v1/vendors/match/", "matcher", "POST", json.dumps(brief, sort_keys=True)),
        Scenario("html matcher", f"/vendors/match/?{mixes.brief_query(brief)}", "matcher"),
        Scenario("feed", f"/jobs/feed/?country={country}", "page"),
        Scenario("sitemap: jobs", "/sitemap-jobs.xml", "page"),
        Scenario("insights: pay (html)", f"/insights/pay/?country={country}", "page"),
        Scenario("insights: pay (api)", "/api/v1/insights/pay/", "page"),
        Scenario("insights: cost", "/insights/cost/?client_country=US", "page"),
        Scenario("insights: demand (api)", "/api/v1/insights/demand/", "page"),
        Scenario("mix: distinct URLs, cold then warm", "", "mix"),
    ]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def spread(samples: list[float]) -> dict:
    if not samples:
        return {}
    return {
        "n": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(percentile(samples, 95), 2),
        "p99_ms": round(percentile(samples, 99), 2),
        "max_ms": round(max(samples), 2),
    }


class Caller:
    """One request through the whole stack (Django's test client under the production settings): middleware,
    GZip, filters, serializers, templates. Each call comes from its own visitor address, as through the proxy."""

    def __init__(self):
        from django.test import Client

        self.client = Client(raise_request_exception=False)
        self.rng = random.Random(18)

    def __call__(self, method: str, path: str, body: str = ""):
        headers = {
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_X_FORWARDED_FOR": f"10.{self.rng.randrange(256)}.{self.rng.randrange(256)}.{self.rng.randrange(256)}",
            "HTTP_ACCEPT_ENCODING": "gzip",
            "HTTP_ACCEPT": "application/json" if path.startswith("/api/") else "text/html",
        }
        if method == "POST":
            return self.client.post(path, body, content_type="application/json", secure=True, **headers)
        return self.client.get(path, secure=True, **headers)


def timed(call) -> tuple[float, object]:
    from core.heap import collect_if_due, give_back_freed_memory

    started = time.perf_counter()
    value = call()
    ms = (time.perf_counter() - started) * 1000
    # as gunicorn.conf.py's post_request does, once the response is sent
    collect_if_due()
    give_back_freed_memory()
    return ms, value


def explain(queries: list[str]) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of each SELECT of a request, run after it, with no time limit."""
    from django.db import connection

    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 0")
        for sql in queries:
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            try:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                plans.append({"sql": sql, "plan": "\n".join(row[0] for row in cursor.fetchall())})
            except Exception as error:
                plans.append({"sql": sql, "plan": f"could not explain: {error}"})
                connection.rollback() if not connection.get_autocommit() else None
        cursor.execute("RESET statement_timeout")
    return plans


def measure(scenario: Scenario, spec: dict, mix: list[dict], seed: int) -> tuple[Result, list[dict]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import floors

    call = Caller()
    rng = random.Random(seed)
    # The mix scenario asks a different URL of the mix every round, drawn uniformly: the long tail too.
    targets = (
        [mix[i] for i in rng.sample(range(len(mix)), len(mix))]
        if scenario.kind == "mix"
        else [{"method": scenario.method, "path": scenario.path, "body": scenario.body, "ok": [200]}]
    )
    cold, warm, statuses = [], [], {}
    floor_runs = {"same": ([], []), "best": ([], [])}
    queries, captured, same_bytes = None, [], None
    slowest = (0.0, [], "")
    budget = time.monotonic() + spec["scenario_seconds"]
    rounds, at_least = spec["rounds"], MIN_ROUNDS
    if scenario.kind == "mix":  # distinct URLs: no more rounds than the mix has
        at_least = min(MIX_ROUNDS, len(mix))
        rounds = min(max(rounds, at_least), len(mix))
    for n in range(rounds):
        if n >= at_least and time.monotonic() > budget:
            break
        target = targets[n % len(targets)]

        def request(target=target):
            return call(target["method"], target["path"], target["body"])

        flush_caches()
        with CaptureQueriesContext(connection) as ctx:
            ms, response = timed(request)
        cold.append(ms)
        statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
        if response.status_code not in target["ok"]:
            statuses.setdefault("failed", []).append(f"{target['method']} {target['path']} {response.status_code}")
        if n == 0:
            queries = len(ctx.captured_queries)
            captured = [query["sql"] for query in ctx.captured_queries]
        if scenario.kind == "mix":
            queries = max(queries or 0, len(ctx.captured_queries))
            if ms > slowest[0]:
                slowest = (ms, [query["sql"] for query in ctx.captured_queries], target["path"])
        ms, response = timed(request)
        warm.append(ms)
        if scenario.floor_params is not None:
            for name, best in (("same", False), ("best", True)):
                flush_caches()
                ms, body = timed(
                    lambda best=best: floors.job_list(scenario.floor_params, base="https://testserver", best=best)
                )
                floor_runs[name][0].append(ms)
                ms, _ = timed(
                    lambda best=best: floors.job_list(scenario.floor_params, base="https://testserver", best=best)
                )
                floor_runs[name][1].append(ms)
                if n == 0 and name == "same":
                    import gzip

                    content = response.content
                    if response.get("Content-Encoding") == "gzip":
                        content = gzip.decompress(content)
                    same_bytes = body == content
    if scenario.kind == "mix":
        captured = slowest[1]
    result = Result(
        scenario.name,
        scenario.kind,
        scenario.method,
        scenario.path if scenario.kind != "mix" else f"{len(cold)} distinct URLs of the mix; slowest: {slowest[2]}",
        scenario.body,
        len(cold),
        queries,
        spread(cold),
        spread(warm),
        statuses=statuses,
    )
    if scenario.floor_params is not None:
        result.floor_same = {"cold": spread(floor_runs["same"][0]), "warm": spread(floor_runs["same"][1])}
        result.floor_best = {"cold": spread(floor_runs["best"][0]), "warm": spread(floor_runs["best"][1])}
        result.ratio_same = round(result.cold["p50_ms"] / result.floor_same["cold"]["p50_ms"], 2)
        result.ratio_best = round(result.cold["p50_ms"] / result.floor_best["cold"]["p50_ms"], 2)
        result.same_bytes = same_bytes
    judge(result)
    return result, explain(captured)


def judge(result: Result) -> None:
    """The goals this scenario is held to."""
    failed = result.statuses.get("failed")
    if failed:
        result.misses.append(f"{len(failed)} answers with a wrong status, e.g. {failed[0]}")
    if result.cold["p95_ms"] > COLD_P95_MS:
        result.misses.append(f"goal 2: cold p95 {result.cold['p95_ms']:.0f} ms > {COLD_P95_MS} ms")
    if result.warm["p95_ms"] > WARM_P95_MS:
        result.misses.append(f"goal 2: warm p95 {result.warm['p95_ms']:.0f} ms > {WARM_P95_MS} ms")
    if result.kind == "search" and result.warm["p95_ms"] > SEARCH_WARM_P95_MS:
        result.misses.append(f"goal 3: warm p95 {result.warm['p95_ms']:.0f} ms > {SEARCH_WARM_P95_MS} ms")
    if result.kind in ("list", "search", "facets", "detail") and (result.queries or 0) > QUERIES_MAX:
        result.misses.append(f"goal 5: {result.queries} queries cold > {QUERIES_MAX}")
    if result.kind == "matcher" and result.cold["p95_ms"] > MATCHER_COLD_P95_MS:
        result.misses.append(f"matcher: cold p95 {result.cold['p95_ms']:.0f} ms > {MATCHER_COLD_P95_MS} ms")
    if result.same_bytes is False:
        result.misses.append("the same-plan floor's bytes differ from the endpoint's")


def search_index_size() -> dict:
    """The job search's on-disk cost, scaled to one million postings."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), coalesce(sum(pg_column_size(search_vector)), 0) FROM jobs_jobposting")
        postings, vectors = cursor.fetchone()
        cursor.execute(
            "SELECT indexname, pg_relation_size(quote_ident(indexname)::regclass) FROM pg_indexes "
            "WHERE tablename = 'jobs_jobposting' AND (indexdef ILIKE %s OR indexdef ILIKE %s)",
            ["%search_vector%", "%trgm%"],
        )
        indexes = dict(cursor.fetchall())
    per_million = 1_000_000 / max(postings, 1)
    mib = 1024 * 1024
    return {
        "postings": postings,
        "indexes_mib": {name: round(size / mib, 1) for name, size in indexes.items()},
        "index_mib_per_million_postings": round(sum(indexes.values()) * per_million / mib, 1),
        "stored_vectors_mib_per_million_postings": round(vectors * per_million / mib, 1),
    }


def serve(env: dict, port: int, workers: int) -> subprocess.Popen:
    """gunicorn with the production settings on 127.0.0.1:port, once it answers /healthz."""
    import urllib.request

    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bpo_portal.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--backlog",
            "2048",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"})
        try:
            urllib.request.urlopen(request, timeout=5)  # noqa: S310 - our own server
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.terminate()
                sys.exit("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.5)


def task_worker(env: dict) -> subprocess.Popen:
    """The task worker a deployment runs beside gunicorn (`manage.py db_worker`), for the whole run: with the
    production settings it is what counts the kept summaries again once they are no longer fresh
    (`FACETS_SUMMARY_REFRESH=task`), while the scenarios and the load run. Stopped when the harness exits."""
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-startup-delay"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    atexit.register(stop_process, worker)
    return worker


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if it has not stopped within a minute."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()


def summary_service(env: dict) -> subprocess.Popen:
    """The summary service a deployment runs beside gunicorn (`manage.py serve_summaries`), for the whole run, on
    a socket in a folder of its own (a Unix socket's path is at most 107 bytes: not under the project); `env`
    gets its `SUMMARY_SERVICE_SOCKET`, for the workers and this process's scenarios. Stopped, and its folder
    removed, when the harness exits."""
    folder = tempfile.mkdtemp(prefix="bpo-bench-")
    env["SUMMARY_SERVICE_SOCKET"] = socket = str(Path(folder) / "summaries.sock")
    service = subprocess.Popen(
        [sys.executable, "manage.py", "serve_summaries"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    atexit.register(stop_process, service)  # run first: the last registered
    deadline = time.monotonic() + 60
    while not Path(socket).exists():
        if time.monotonic() > deadline or service.poll() is not None:
            sys.exit("the summary service did not start within 60 s")
        time.sleep(0.2)
    return service


def load(env: dict, mix_path: Path, args, worker: subprocess.Popen, service: subprocess.Popen | None) -> dict:
    """The open-loop load (bench/load.py, its own process) against gunicorn, the cache starting empty; the
    workers' RSS read every half second, the CPU of both sides from /proc."""
    server = serve(env, args.port, args.workers)
    try:
        master = psutil.Process(server.pid)
        flush_caches()
        # The summary service answers for the workers: its CPU is theirs.
        serving = [psutil.Process(service.pid)] if service is not None else []
        server_cpu_before = sum(sum(p.cpu_times()[:2]) for p in [master, *serving, *master.children()])
        out = RESULTS / f".load-{os.getpid()}.tmp"
        generator = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "bench" / "load.py"),
                "--mix",
                str(mix_path),
                "--base",
                f"http://127.0.0.1:{args.port}",
                "--rate",
                str(args.load_rate),
                "--seconds",
                str(args.load_seconds),
                "--seed",
                str(args.seed),
                "--out",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
        )
        peak, task_peak, service_peak, started = {}, 0.0, 0.0, time.monotonic()
        while generator.poll() is None:
            for web in master.children():
                with contextlib.suppress(psutil.NoSuchProcess):
                    peak[web.pid] = max(peak.get(web.pid, 0), web.memory_info().rss / 2**20)
            with contextlib.suppress(psutil.NoSuchProcess):
                task_peak = max(task_peak, psutil.Process(worker.pid).memory_info().rss / 2**20)
            for process in serving:
                with contextlib.suppress(psutil.NoSuchProcess):
                    service_peak = max(service_peak, process.memory_info().rss / 2**20)
            time.sleep(0.5)
        wall = time.monotonic() - started
        server_cpu = sum(sum(p.cpu_times()[:2]) for p in [master, *serving, *master.children()]) - server_cpu_before
        if generator.returncode != 0:
            sys.exit("bench/load.py failed")
        stats = json.loads(out.read_text())
        out.unlink()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    stats["workers"] = args.workers
    stats["worker_rss_peak_mb"] = round(max(peak.values(), default=0), 1)
    stats["task_worker_rss_peak_mb"] = round(task_peak, 1)
    stats["summary_service_rss_peak_mb"] = round(service_peak, 1)
    stats["server_cpu_share_of_one_core"] = round(server_cpu / wall, 3)
    return stats


def fmt(value, digits=1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(results: list[Result]) -> str:
    lines = [
        "| scenario | queries cold | n | cold p50 | p95 | p99 | max | warm p50 | p95 | p99 | max "
        "| floor same cold p50 | floor best cold p50 | x same | x best | goal |",
        "| --- " + "| ---: " * 14 + "| --- |",
    ]
    for r in results:
        same = (r.floor_same or {}).get("cold", {}).get("p50_ms")
        best = (r.floor_best or {}).get("cold", {}).get("p50_ms")
        c, w = r.cold, r.warm
        lines.append(
            f"| {r.name} | {r.queries} | {r.rounds} | {fmt(c['p50_ms'])} | {fmt(c['p95_ms'])} | {fmt(c['p99_ms'])} "
            f"| {fmt(c['max_ms'])} | {fmt(w['p50_ms'])} | {fmt(w['p95_ms'])} | {fmt(w['p99_ms'])} | {fmt(w['max_ms'])} "
            f"| {fmt(same)} | {fmt(best)} | {fmt(r.ratio_same, 2)} | {fmt(r.ratio_best, 2)} "
            f"| {'; '.join(r.misses) or 'met'} |"
        )
    return "\n".join(lines)


def load_misses(loaded: dict, rate: float) -> list[str]:
    misses = []
    if loaded["started_per_s"] < 0.98 * rate:
        misses.append(f"goal 1: the load started {loaded['started_per_s']} requests/s < {rate}")
    if loaded["answered_ok_per_s"] < 0.98 * rate:
        misses.append(f"goal 1: {loaded['answered_ok_per_s']} requests/s answered right < {rate}")
    if loaded["p95_ms"] > LOAD_P95_MS:
        misses.append(f"goal 1: load p95 {loaded['p95_ms']:.0f} ms > {LOAD_P95_MS} ms")
    if loaded["p99_ms"] > LOAD_P99_MS:
        misses.append(f"goal 1: load p99 {loaded['p99_ms']:.0f} ms > {LOAD_P99_MS} ms")
    if loaded["errors"]:
        misses.append(f"goal 1: {loaded['errors']} errors under load")
    if loaded["timeouts"]:
        misses.append(f"goal 1: {loaded['timeouts']} timeouts under load")
    if loaded["worker_rss_peak_mb"] > RSS_MAX_MB:
        misses.append(f"goal 7: worker RSS {loaded['worker_rss_peak_mb']} MB > {RSS_MAX_MB} MB")
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), default="large")
    parser.add_argument("--seed", type=int, default=18, help="the mix's and the load's random seed")
    parser.add_argument("--mix-size", type=int, default=2400, help="distinct requests in the mix (at least 2,000)")
    parser.add_argument("--rounds", type=int, help="cold + warm pairs per scenario (the scale's default)")
    parser.add_argument("--scenario-seconds", type=float, help="time per scenario once 5 rounds are done")
    parser.add_argument("--only", help="run only the scenarios whose name contains this")
    parser.add_argument("--no-scenarios", action="store_true", help="skip the in-process scenarios")
    parser.add_argument("--no-load", action="store_true", help="skip the open-loop load")
    parser.add_argument(
        "--no-summary-service",
        action="store_true",
        help="each process reads the summaries itself, as without SUMMARY_SERVICE_SOCKET (for comparison)",
    )
    parser.add_argument("--load-rate", type=float, default=LOAD_RATE)
    parser.add_argument("--load-seconds", type=float, help="the scale's default: 300 large, 30 small")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("BENCH_WORKERS", "8")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8108")))
    args = parser.parse_args()
    spec = dict(SCALES[args.scale])
    if args.rounds:
        spec["rounds"] = args.rounds
    if args.scenario_seconds:
        spec["scenario_seconds"] = args.scenario_seconds
    args.load_seconds = args.load_seconds or spec["load_seconds"]
    url = database_url(args.scale)
    started = time.perf_counter()
    seeding = ensure_dataset(args.scale, url)
    env = production_env(url)
    manage(env, "collectstatic", "--noinput", "-v0")  # the production storage reads the manifest
    worker = task_worker(env)
    # The summaries are held by the summary service, not by each worker (and this process asks it too).
    service = None if args.no_summary_service else summary_service(env)
    if service is None:
        env["SUMMARY_SERVICE_SOCKET"] = ""  # each process reads the summaries, whatever the environment says
    setup_django(env)
    from bench import mix as mixes

    values = mixes.read_values(args.seed)
    mix = mixes.build_mix(values, args.mix_size, args.seed)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    RESULTS.mkdir(exist_ok=True)
    mix_path = RESULTS / f"{args.scale}-{stamp}-mix.json"
    mix_path.write_text(json.dumps({"seed": args.seed, "kinds": mixes.describe(mix), "requests": mix}, indent=1))
    print(f"Mix: {len(mix)} distinct requests ({mix_path.name})", flush=True)
    # This process stands for a gunicorn worker, with its settings (gunicorn.conf.py): what is loaded now (the
    # mix and its values too, which no worker holds) stays out of the collector's walk, and full collections
    # wait until a response is sent (`timed`).
    from core.heap import collect_between_requests, freeze_startup_objects

    freeze_startup_objects()
    collect_between_requests()

    results, plans = [], {}
    if not args.no_scenarios:
        for scenario in scenarios(values, mix, args.seed):
            if args.only and args.only not in scenario.name:
                continue
            load_reference_copies()
            result, plan = measure(scenario, spec, mix, args.seed)
            results.append(result)
            plans[scenario.name] = plan
            print(
                f"  {scenario.name}: cold p50 {result.cold['p50_ms']:.1f} / p95 {result.cold['p95_ms']:.1f} ms, "
                f"warm p50 {result.warm['p50_ms']:.1f} ms, {result.queries} queries"
                + (f"  [{'; '.join(result.misses)}]" if result.misses else ""),
                flush=True,
            )
        index = search_index_size()
    else:
        index = None
    from django.db import connections

    connections.close_all()
    loaded = None
    if not args.no_load:
        print(f"Load: {args.load_rate:g} requests/s for {args.load_seconds:g} s over the mix...", flush=True)
        loaded = load(env, mix_path, args, worker, service)
    misses = [f"{r.name}: {miss}" for r in results for miss in r.misses]
    if loaded:
        misses += load_misses(loaded, args.load_rate)
    if args.scale == "large" and seeding["seconds"] > SEED_MAX_S:
        misses.append(f"goal 6: seeding {seeding['seconds']} s > {SEED_MAX_S} s")

    print()
    if results:
        print(table(results))
        print()
    if loaded:
        print(
            f"Load (open loop, gunicorn {loaded['workers']} workers, production settings, Redis empty at the start): "
            f"asked {loaded['rate_asked']:g}/s for {loaded['seconds']:g} s, started {loaded['started_per_s']}/s, "
            f"answered right {loaded['answered_ok_per_s']}/s; p50 {loaded['p50_ms']} ms, p95 {loaded['p95_ms']} ms, "
            f"p99 {loaded['p99_ms']} ms, max {loaded['max_ms']} ms; {loaded['errors']} errors, "
            f"{loaded['timeouts']} timeouts; worker RSS peak {loaded['worker_rss_peak_mb']} MB (task worker "
            f"{loaded['task_worker_rss_peak_mb']} MB, summary service {loaded['summary_service_rss_peak_mb']} MB); "
            "CPU: server "
            f"{loaded['server_cpu_share_of_one_core']:.2f} cores, load generator "
            f"{loaded['client_cpu_share_of_one_core']:.2f} cores"
        )
        for part in loaded["over_time"]:
            print(
                f"  {part['from_s']:>4}-{part['to_s']} s: answered right {part['answered_ok_per_s']}/s, "
                f"p50 {part['p50_ms']} ms, p95 {part['p95_ms']} ms, p99 {part['p99_ms']} ms"
            )
    from django.conf import settings

    print(", ".join(f"{name} {getattr(settings, name)}" for name in PAGE_CACHE_SETTINGS))
    print(f"Seeding: {seeding['seconds']} s{' (recorded earlier)' if seeding['reused'] else ''}")
    print("Goals missed:" if misses else "Every goal met.")
    for miss in misses:
        print(f"  - {miss}")
    report = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "postings": spec["jobs"],
        "vendors": spec["vendors"],
        "settings": {
            "rounds": spec["rounds"],
            "scenario_seconds": spec["scenario_seconds"],
            "seed": args.seed,
            # What the served site ran with (the production settings, or what the environment set).
            **{name: getattr(settings, name) for name in PAGE_CACHE_SETTINGS},
        },
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_average": os.getloadavg()},
        "values": {
            "job_filters": {name: zipf.items[:20] for name, zipf in values["job_filters"].items()},
            "vendor_filters": {name: zipf.items[:20] for name, zipf in values["vendor_filters"].items()},
            "skipped_filters": values["skipped_filters"],
            "search": values["search"],
            "broad_counts": values["broad_counts"],
            "sitemap_pages": values["sitemap_pages"],
        },
        "plans": f"{args.scale}-{stamp}-plans.txt",
        "mix": {"file": mix_path.name, "distinct": len(mix), "kinds": mixes.describe(mix)},
        "scenarios": [asdict(r) for r in results],
        "load": loaded,
        "seeding": seeding,
        "search_index": index,
        "misses": misses,
        "seconds": round(time.perf_counter() - started, 1),
    }
    plan_text = "\n\n".join(
        f"=== {name}\n" + "\n\n".join(f"{p['sql']}\n{p['plan']}" for p in plan) for name, plan in plans.items()
    )
    (RESULTS / f"{args.scale}-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / f"{args.scale}-{stamp}-plans.txt").write_text(plan_text + "\n")
    # The latest summary names its plans and mix files.
    (RESULTS / f"{args.scale}-latest.json").write_bytes((RESULTS / f"{args.scale}-{stamp}.json").read_bytes())
    print(f"Written to bench/results/{args.scale}-{stamp}.json, -plans.txt, -mix.json ({report['seconds']:.0f} s)")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
