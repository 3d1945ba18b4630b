"""The benchmark harness: `make bench` (1,000,000 postings) or `make bench BENCH_SCALE=small`.

1. Seeds the scale's PostgreSQL database with seed_demo, or reuses it when it already holds that scale.
2. Runs every scenario in process, paired with its floor (bench/floors.py) and interleaved A B A B, and
   records queries per request, median and p95 of each and their ratio.
3. Serves the site with gunicorn (2 workers, 127.0.0.1) and loads it with wrk for a fixed time with a mix of
   list, search, detail and facet requests; records requests/s, p95, errors and the workers' largest RSS.
4. Prints the table, writes it as JSON to bench/results/, and exits 1 when a goal of issue 8 is missed.

See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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

import psycopg

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SCALES = {
    "large": {"jobs": 1_000_000, "vendors": 50_000, "rounds": 30, "load_seconds": 20},
    "small": {"jobs": 20_000, "vendors": 1_000, "rounds": 15, "load_seconds": 8},
}
DATABASES = {"large": "bpo_bench", "small": "bpo_bench_small"}
PORT = int(os.environ.get("BENCH_PORT", "8108"))
PAGE = "page_size=50"
# A slow scenario stops after this many seconds, once it has MIN_ROUNDS pairs.
SCENARIO_SECONDS = 45
MIN_ROUNDS = 5

# The goals of issue 8.
LIST_RATIO_MAX = 1.5
QUERIES_MAX = 3
SEARCH_P95_MS = 50
FACETS_P95_MS = 100
LOAD_RPS_MIN = 150
LOAD_P95_MS = 100
RSS_MAX_MB = 150
SEED_MAX_S = 180


@dataclass
class Scenario:
    name: str
    url: str
    kind: str  # list, search, facets, detail, other
    floor: object = None  # a callable returning the floor's bytes, or None where no floor is written
    method: str = "get"
    body: dict | None = None


@dataclass
class Result:
    name: str
    url: str
    kind: str
    queries: int
    rounds: int
    median_ms: float
    p95_ms: float
    floor_median_ms: float | None = None
    floor_p95_ms: float | None = None
    ratio: float | None = None
    same_bytes: bool | None = None
    misses: list[str] = field(default_factory=list)


def database_url(scale: str) -> str:
    return os.environ.get("BENCH_DATABASE_URL") or f"postgres://postgres@127.0.0.1:5432/{DATABASES[scale]}"


def django_env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.local",
        "DJANGO_DEBUG": "false",
        # The load would otherwise be throttled to 120 requests a minute per address, the API's default.
        "API_THROTTLE_ANON": "1000000/minute",
        "DJANGO_CONN_MAX_AGE": "600",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    }


def manage(env: dict, *args: str) -> str:
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout


def ensure_dataset(scale: str, url: str, env: dict) -> dict:
    """Migrate, and seed unless the database already holds this scale. Returns what the seeding record says."""
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
    return {**record, "reused": False}


def vacuum(url: str) -> None:
    """What autovacuum does some time after a bulk load: mark the pages all-visible, so that counts and page keys
    are read from the indexes alone, and refresh the planner's statistics. Quick when there is nothing to do."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


def setup_django(env: dict) -> None:
    os.environ.update({k: v for k, v in env.items() if k not in os.environ or k.startswith(("DJANGO", "API_"))})
    os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pick_values() -> dict:
    """Filter values that exist in the dataset: the commonest skill, a rare search phrase, a vendor, a posting."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.slug FROM jobs_jobskillrequirement r JOIN jobs_skill s ON s.id = r.skill_id "
            "GROUP BY s.slug ORDER BY count(*) DESC LIMIT 1"
        )
        skill = cursor.fetchone()[0]
        cursor.execute(
            "SELECT slug FROM jobs_jobposting WHERE status = 'published' AND expires_at > now() ORDER BY id LIMIT 1"
        )
        job = cursor.fetchone()[0]
        cursor.execute("SELECT slug FROM directory_vendor WHERE status = 'published' ORDER BY id LIMIT 1")
        vendor = cursor.fetchone()[0]
        cursor.execute("SELECT slug FROM directory_servicetype ORDER BY position LIMIT 1")
        service = cursor.fetchone()[0]
    return {"skill": skill, "job": job, "vendor": vendor, "service": service}


def scenarios(values: dict) -> list[Scenario]:
    from bench import floors

    base = "http://testserver"

    def jobs(name, query, kind="list"):
        params = parse_qs(query, keep_blank_values=True)
        return Scenario(name, f"/api/v1/jobs/?{query}", kind, lambda: floors.job_list(params, base=base))

    skill = values["skill"]
    return [
        jobs("jobs: no filter", PAGE),
        jobs("jobs: country", f"country=PH&{PAGE}"),
        jobs("jobs: remote", f"work_arrangement=remote&{PAGE}"),
        jobs("jobs: shift", f"shift=night&{PAGE}"),
        jobs("jobs: skill", f"skill={skill}&{PAGE}"),
        jobs("jobs: 3 filters", f"country=PH&work_arrangement=remote&skill={skill}&ordering=-posted_at&{PAGE}"),
        jobs("jobs: page 200", f"{PAGE}&page=200"),
        jobs("search: common", f"q=customer+support&{PAGE}", "search"),
        jobs("search: common+filter", f"q=technical+support&country=PH&{PAGE}", "search"),
        jobs("search: rare", f"q=medical+billing&{PAGE}", "search"),
        Scenario("jobs: facets", "/api/v1/jobs/facets/?country=PH&work_arrangement=remote", "facets"),
        Scenario(
            "job detail",
            f"/api/v1/jobs/{values['job']}/",
            "detail",
            lambda: floors.job_detail(values["job"], base=base),
        ),
        Scenario("vendors: filtered", f"/api/v1/vendors/?service={values['service']}&country=PH&{PAGE}", "list"),
        Scenario("vendor detail", f"/api/v1/vendors/{values['vendor']}/", "detail"),
        Scenario(
            "vendor matcher",
            "/api/v1/vendors/match/",
            "other",
            method="post",
            body={"services": [values["service"]], "client_country": "US", "seats": 50},
        ),
        Scenario("HTML job list", "/jobs/?country=PH", "list"),
    ]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(scenario: Scenario, rounds: int) -> Result:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def call():
        if scenario.method == "post":
            response = client.post(scenario.url, scenario.body, content_type="application/json")
        else:
            response = client.get(scenario.url)
        if response.status_code != 200:
            raise RuntimeError(f"{scenario.name}: {scenario.url} answered {response.status_code}")
        return response.content

    body = call()
    reset_queries()  # a request resets the log on its start; count from an empty one
    with CaptureQueriesContext(connection) as ctx:
        call()
    queries = len(ctx.captured_queries)  # now: the next request empties the log
    same = None
    if scenario.floor is not None:
        same = scenario.floor() == body
    endpoint, floor = [], []
    budget = time.monotonic() + SCENARIO_SECONDS
    for n in range(rounds):  # A B A B: both see the same noise of a shared machine
        if n >= MIN_ROUNDS and time.monotonic() > budget:
            break
        started = time.perf_counter()
        call()
        endpoint.append((time.perf_counter() - started) * 1000)
        if scenario.floor is not None:
            started = time.perf_counter()
            scenario.floor()
            floor.append((time.perf_counter() - started) * 1000)
    result = Result(
        scenario.name,
        scenario.url,
        scenario.kind,
        queries,
        len(endpoint),
        statistics.median(endpoint),
        percentile(endpoint, 95),
    )
    if floor:
        result.floor_median_ms = statistics.median(floor)
        result.floor_p95_ms = percentile(floor, 95)
        result.ratio = result.median_ms / result.floor_median_ms
        result.same_bytes = same
    if scenario.kind in ("list", "search") and result.queries > QUERIES_MAX:
        result.misses.append(f"{result.queries} queries > {QUERIES_MAX}")
    if scenario.kind == "list" and result.ratio is not None and result.ratio > LIST_RATIO_MAX:
        result.misses.append(f"ratio {result.ratio:.2f} > {LIST_RATIO_MAX}")
    if scenario.kind == "search" and result.p95_ms > SEARCH_P95_MS:
        result.misses.append(f"p95 {result.p95_ms:.0f} ms > {SEARCH_P95_MS} ms")
    if scenario.kind == "facets" and result.p95_ms > FACETS_P95_MS:
        result.misses.append(f"p95 {result.p95_ms:.0f} ms > {FACETS_P95_MS} ms")
    if same is False:
        result.misses.append("the floor's bytes differ from the endpoint's")
    return result


def search_index_size() -> dict:
    """The job search's on-disk cost, scaled to one million postings: the GIN index over the stored vectors,
    the trigram index over titles, and the stored vectors themselves."""
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


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: installing Debian's package (apt-get install wrk)", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)  # noqa: S607
    found = shutil.which("wrk")
    if not found:
        sys.exit("Could not install wrk; run `apt-get update && apt-get install wrk` and try again.")
    return found


WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('WRKJSON {"requests": %%d, "seconds": %%f, "p50_ms": %%f, "p95_ms": %%f, '
    .. '"p99_ms": %%f, "errors": %%d, "non_2xx": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, errors, summary.errors.status))
end
"""


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def worker_pids(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def load(env: dict, scenario_list: list[Scenario], seconds: int) -> dict:
    """gunicorn with 2 workers on 127.0.0.1:PORT, wrk with 2 threads and 8 connections for `seconds`."""
    wrk = ensure_wrk()
    mix = [s.url.replace("http://testserver", "") for s in scenario_list if s.method == "get"]
    mix = [url for url in mix if not url.startswith("/jobs/")]  # the API mix; the HTML page is measured above
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "bpo_portal.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.local"},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with psycopg.connect(env["DATABASE_URL"]):
                    pass
                import urllib.request

                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/v1/jobs/?page_size=1", timeout=5)
                break
            except OSError:
                time.sleep(0.5)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT % ", ".join(json.dumps(url) for url in mix))
        # Warm both workers (connections, caches) before measuring.
        subprocess.run(  # noqa: S603
            [wrk, "-t2", "-c4", "-d3s", "-s", script.name, f"http://127.0.0.1:{PORT}"], capture_output=True, check=True
        )
        wrk_run = subprocess.Popen(  # noqa: S603
            [wrk, "-t2", "-c8", f"-d{seconds}s", "--timeout", "5s", "-s", script.name, f"http://127.0.0.1:{PORT}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        peak = 0.0
        while wrk_run.poll() is None:
            peak = max([peak, *(rss_mb(pid) for pid in worker_pids(server.pid))])
            time.sleep(0.5)
        out = wrk_run.stdout.read()
        os.unlink(script.name)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    line = next(line for line in out.splitlines() if line.startswith("WRKJSON "))
    stats = json.loads(line.removeprefix("WRKJSON "))
    stats["requests_per_s"] = round(stats["requests"] / stats["seconds"], 1)
    stats["worker_rss_peak_mb"] = round(peak, 1)
    stats["urls"] = mix
    return stats


def fmt(value, digits=1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def table(results: list[Result]) -> str:
    lines = [
        "| scenario | queries | pairs | median ms | p95 ms | floor median ms | floor p95 ms | ratio | same bytes "
        "| goal |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for r in results:
        same = "—" if r.same_bytes is None else ("yes" if r.same_bytes else "NO")
        goal = "; ".join(r.misses) if r.misses else "met"
        lines.append(
            f"| {r.name} | {r.queries} | {r.rounds} | {fmt(r.median_ms)} | {fmt(r.p95_ms)} | "
            f"{fmt(r.floor_median_ms)} | {fmt(r.floor_p95_ms)} | {fmt(r.ratio, 2)} | {same} | {goal} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), default="large")
    parser.add_argument("--no-load", action="store_true", help="Skip the gunicorn + wrk part.")
    args = parser.parse_args()
    spec = SCALES[args.scale]
    url = database_url(args.scale)
    env = django_env(url)
    started = time.perf_counter()
    seeding = ensure_dataset(args.scale, url, env)
    setup_django(env)
    values = pick_values()
    scenario_list = scenarios(values)
    results = []
    for scenario in scenario_list:
        results.append(measure(scenario, spec["rounds"]))
        print(f"  {scenario.name}: {results[-1].median_ms:.1f} ms", flush=True)
    index = search_index_size()
    loaded = None if args.no_load else load(env, scenario_list, spec["load_seconds"])
    misses = [f"{r.name}: {miss}" for r in results for miss in r.misses]
    if loaded:
        if loaded["requests_per_s"] < LOAD_RPS_MIN:
            misses.append(f"load: {loaded['requests_per_s']} requests/s < {LOAD_RPS_MIN}")
        if loaded["p95_ms"] > LOAD_P95_MS:
            misses.append(f"load: p95 {loaded['p95_ms']:.0f} ms > {LOAD_P95_MS} ms")
        if loaded["errors"]:
            misses.append(f"load: {loaded['errors']} errors")
        if loaded["worker_rss_peak_mb"] > RSS_MAX_MB:
            misses.append(f"memory: worker RSS {loaded['worker_rss_peak_mb']} MB > {RSS_MAX_MB} MB")
    if args.scale == "large" and seeding["seconds"] > SEED_MAX_S:
        misses.append(f"seeding: {seeding['seconds']} s > {SEED_MAX_S} s")

    print()
    print(table(results))
    print()
    if loaded:
        print(
            f"Load (gunicorn, 2 workers, wrk 8 connections, {spec['load_seconds']} s, API mix of "
            f"{len(loaded['urls'])} URLs): {loaded['requests_per_s']} requests/s, p50 {loaded['p50_ms']:.1f} ms, "
            f"p95 {loaded['p95_ms']:.1f} ms, {loaded['errors']} errors; worker RSS peak "
            f"{loaded['worker_rss_peak_mb']} MB"
        )
    print(
        f"Seeding {spec['jobs']:,} postings: {seeding['seconds']} s{' (recorded earlier)' if seeding['reused'] else ''}"
    )
    print(
        f"Search index per million postings: {index['index_mib_per_million_postings']} MiB of indexes "
        f"{index['indexes_mib']}, {index['stored_vectors_mib_per_million_postings']} MiB of stored vectors"
    )
    print("Goals missed:" if misses else "Every goal met.")
    for miss in misses:
        print(f"  - {miss}")
    report = {
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "postings": spec["jobs"],
        "vendors": spec["vendors"],
        "rounds": spec["rounds"],
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "values": values,
        "scenarios": [asdict(r) for r in results],
        "load": loaded,
        "seeding": seeding,
        "search_index": index,
        "misses": misses,
        "seconds": round(time.perf_counter() - started, 1),
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in (f"{args.scale}-{stamp}.json", f"{args.scale}-latest.json"):
        (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n")
    print(f"Written to bench/results/{args.scale}-{stamp}.json ({report['seconds']:.0f} s)")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
