"""How much rendering the open-loop load asks of the kept pages, for a given page lifetime: the load's own
draws (bench/load.py, the same mix, rate and seed), each page timed by its first render (bench/first_renders.py).

A request is a first render when its page has not been asked before, and a new render of a kept page when its
copy is older than the lifetime (`PAGE_CACHE_SECONDS`); every other request is answered from the copy. Prints,
for each lifetime, how many renders of each sort the load asks and the seconds of one worker they take, then the
first renders' seconds in each tenth of the load. Needs no database:

    .venv/bin/python bench/first_renders.py --out /tmp/first-renders.json
    .venv/bin/python bench/render_demand.py --renders /tmp/first-renders.json --mix bench/results/large-...-mix.json

A page the first renders did not time (a request the mix could not answer as expected) counts at their mean.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load import draws


def demand(asked: list[dict], timed: dict[tuple, float], rate: float, lifetime: float, seconds: float) -> dict:
    """The renders `asked` (the load's requests in order, `rate` a second) make with pages kept `lifetime`
    seconds: first renders and new renders of a kept page, how many and their seconds (`timed`: each page's
    first render in ms; a page it lacks counts at their mean), and the first renders' seconds by tenth."""
    mean = sum(timed.values()) / len(timed)
    rendered_at: dict[tuple, float] = {}
    counted = {"first": 0, "first_s": 0.0, "again": 0, "again_s": 0.0, "first_s_by_tenth": [0.0] * 10}
    for n, request in enumerate(asked):
        at, page = n / rate, (request["method"], request["path"])
        seconds_taken = timed.get(page, mean) / 1000
        if page not in rendered_at:
            counted["first"] += 1
            counted["first_s"] += seconds_taken
            counted["first_s_by_tenth"][min(9, int(at * 10 // seconds))] += seconds_taken
        elif at - rendered_at[page] > lifetime:
            counted["again"] += 1
            counted["again_s"] += seconds_taken
        else:
            continue
        rendered_at[page] = at
    return counted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--renders", type=Path, required=True, help="bench/first_renders.py --out's file")
    parser.add_argument("--mix", type=Path, required=True, help="a run's -mix.json (the mix the load asks)")
    parser.add_argument("--rate", type=float, default=150.0)
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--lifetimes", default="60,120,300", help="page lifetimes to compare, in seconds")
    args = parser.parse_args()
    mix = json.loads(args.mix.read_text())["requests"]
    timed = {(t["method"], t["path"]): t["ms"] for t in json.loads(args.renders.read_text())["timings"]}
    total = int(args.rate * args.seconds)
    asked = [mix[n] for n in draws(mix, total, random.Random(args.seed))]
    print(f"{total:,} requests over {len(mix):,} distinct pages, {args.rate:g}/s for {args.seconds:g} s")
    print(f"{'lifetime':>9} {'first renders':>14} {'seconds':>8} {'new renders':>12} {'seconds':>8}")
    for lifetime in (float(s) for s in args.lifetimes.split(",")):
        counted = demand(asked, timed, args.rate, lifetime, args.seconds)
        print(
            f"{lifetime:>8g}s {counted['first']:>14,} {counted['first_s']:>8.1f} {counted['again']:>12,} "
            f"{counted['again_s']:>8.1f}"
        )
    tenths = ", ".join(f"{s:.1f}" for s in counted["first_s_by_tenth"])
    print(f"First renders' seconds in each tenth of the load: {tenths}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
