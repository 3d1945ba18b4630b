"""Time `seed_demo` loading N job postings into a fresh PostgreSQL database.

    make seed-benchmark                      # 100,000 postings, 2,000 vendors
    .venv/bin/python bench/seed_benchmark.py --database-url postgres://postgres@127.0.0.1/bpo_seedbench
    .venv/bin/python bench/seed_benchmark.py --database-url postgres://postgres@127.0.0.1/bpo_seedbench \
        --jobs 1000000 --vendors 50000 --runs 1   # the benchmark's large scale (issue 18's goal: 3 minutes)

Creates (and afterwards drops) the database named in the URL, migrates it, runs seed_demo three
times with --flush and prints the median. Never point it at a database you want to keep.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import psycopg

ROOT = Path(__file__).resolve().parent.parent


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--vendors", type=int, default=2_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    url = urlparse(args.database_url)
    name = url.path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        sys.exit("The database name may only hold lowercase letters, digits and underscores.")
    admin_dsn = args.database_url.replace(url.path, "/postgres", 1)
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    env = {**os.environ, "DATABASE_URL": args.database_url, "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.local"}
    print(f"load average before: {os.getloadavg()[0]:.1f} (other work on the machine slows every figure)")
    try:
        manage(env, "migrate", "--noinput", "-v0")
        timings = []
        for run in range(args.runs):
            started = time.perf_counter()
            out = manage(
                env, "seed_demo", "--flush", "--jobs", str(args.jobs), "--vendors", str(args.vendors), "--seed", "1"
            )
            timings.append(time.perf_counter() - started)
            print(f"run {run + 1}: {timings[-1]:.1f} s wall (process start included) | {out.strip().splitlines()[-1]}")
        print(
            f"seed_demo --jobs {args.jobs:,} --vendors {args.vendors:,} on PostgreSQL: "
            f"median {statistics.median(timings):.1f} s over {args.runs} runs; "
            f"load average after: {os.getloadavg()[0]:.1f}"
        )
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")


if __name__ == "__main__":
    main()
