"""What it costs to render every page of the mix for the first time: the work the open-loop load asks of a site
whose cache starts empty (goal 1), one page after another, nothing else running.

Every distinct request of the mix once, in the order of its weight (the most asked first, as a load meets them),
through the whole stack with the production settings and Redis, the cache emptied once at the start: each page is
rendered, while what pages share (a selection's counts, the summaries) fills in as it would under the load. Prints
the time by kind of request, the spread, and the slowest requests; `--out FILE` saves every timing as JSON.

    DATABASE_URL is not read: the scale's bench database (bench/run.py's BENCH_DATABASE_URL) is.
    .venv/bin/python bench/first_renders.py [--scale large] [--seed 18] [--only KIND] [--out FILE]

Run it on a database `make bench` has seeded and counted (`count_summaries`), with nothing else running.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(run.SCALES), default="large")
    parser.add_argument("--seed", type=int, default=18, help="the mix's seed (the load's default: 18)")
    parser.add_argument("--mix-size", type=int, default=2400)
    parser.add_argument("--only", help="only the requests whose kind contains this")
    parser.add_argument("--out", type=Path, help="every timing, as JSON")
    args = parser.parse_args()
    run.setup_django(run.production_env(run.database_url(args.scale)))
    from bench import mix as mixes
    from core.heap import collect_between_requests, freeze_startup_objects

    requests = sorted(mixes.build_mix(mixes.read_values(args.seed), args.mix_size, args.seed), key=lambda r: r["rank"])
    requests = [r for r in requests if not args.only or args.only in r["kind"]]
    if not requests:
        sys.exit(f"No request of the mix is of a kind containing {args.only!r}.")
    freeze_startup_objects()
    collect_between_requests()
    run.flush_caches()
    run.load_reference_copies()
    call = run.Caller()
    timings, by_kind, started = [], defaultdict(list), time.perf_counter()
    for request in requests:
        ms, response = run.timed(lambda r=request: call(r["method"], r["path"], r.get("body", "")))
        if response.status_code in request["ok"]:
            by_kind[request["kind"]].append(ms)
        timings.append({"ms": round(ms, 1), "status": response.status_code, **request})
    wall = time.perf_counter() - started
    # An answer the mix does not expect (a 503, a 429, an error) is not a render: reported, and left out of the times.
    wrong = [t for t in timings if t["status"] not in t["ok"]]
    every = sorted(t["ms"] for t in timings if t["status"] in t["ok"])
    if not every:
        sys.exit(f"No request answered as the mix expects, e.g. {wrong[0]['status']} for {wrong[0]['path']}.")
    spread = run.spread(every)
    print(
        f"{len(timings)} first renders in {wall:.1f} s: mean {sum(every) / len(every):.1f} ms, p50 "
        f"{spread['p50_ms']:.1f}, p95 {spread['p95_ms']:.1f}, p99 {spread['p99_ms']:.1f}, max {spread['max_ms']:.1f}; "
        f"{sum(ms > run.COLD_P95_MS for ms in every)} over {run.COLD_P95_MS} ms"
    )
    if wrong:
        print(
            f"{len(wrong)} answers the mix does not expect, left out: e.g. {wrong[0]['status']} for {wrong[0]['path']}"
        )
    print(f"{'kind':22} {'n':>4} {'seconds':>8} {'mean':>7} {'p50':>7} {'p95':>7} {'max':>8}")
    for kind, samples in sorted(by_kind.items(), key=lambda item: -sum(item[1])):
        s = run.spread(samples)
        print(
            f"{kind:22} {len(samples):4} {sum(samples) / 1000:8.1f} {sum(samples) / len(samples):7.1f} "
            f"{s['p50_ms']:7.1f} {s['p95_ms']:7.1f} {s['max_ms']:8.1f}"
        )
    print("Slowest:")
    for timing in sorted(timings, key=lambda t: -t["ms"])[:15]:
        print(f"  {timing['ms']:8.1f} ms  {timing['kind']:20} {timing['method']} {timing['path']}")
    if args.out:
        args.out.write_text(json.dumps({"seconds": round(wall, 1), "timings": timings}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
