"""An open-loop load at a fixed arrival rate: `python bench/load.py --mix MIX.json --rate 150 --seconds 300`.

Request i starts at start + i / rate whether or not the earlier ones have answered (each is its own asyncio task),
so a slow server makes requests queue, not the client wait: latency is measured from the scheduled start, and
queueing shows in it (no coordinated omission). Which request is asked is drawn from the mix's Zipf weights with
a seed. A request that does not answer within --timeout is a timeout; one answered with a status its mix entry does
not allow (200, or 404 for a page past the end of a selection the mix could not count), or that fails to connect,
is an error. Both count as failures.

Each request is its own connection (`Connection: close`, as gunicorn's sync workers answer anyway), so no
client-side pool can make a request wait for another. Each request comes from one of --visitors addresses
(X-Forwarded-For, with the site trusting one proxy as behind a real TLS proxy, which also sets
X-Forwarded-Proto), so the API's per-client throttle sees visitors, not one address. The client's own CPU time
is measured and reported, since it shares the machine with the server.

Prints one JSON object (also written to --out).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit


def percentile(samples: list[float], p: float) -> float | None:
    if not samples:
        return None
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def spread(samples: list[float]) -> dict:
    return {
        "n": len(samples),
        "p50_ms": percentile(samples, 50),
        "p95_ms": percentile(samples, 95),
        "p99_ms": percentile(samples, 99),
        "max_ms": max(samples) if samples else None,
    }


async def ask(host: str, port: int, item: dict, headers: dict) -> int:
    """One request on its own connection (gunicorn's sync workers close each one after answering), read to the
    end; its status code."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        body = item["body"].encode() if item["method"] == "POST" else b""
        lines = [f"{item['method']} {item['path']} HTTP/1.1", f"Host: {host}:{port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if item["method"] == "POST":
            lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        await writer.drain()
        status_line = await reader.readline()
        while await reader.read(65536):
            pass
        return int(status_line.split()[1])
    finally:
        writer.close()


def draws(mix: list[dict], total: int, rng: random.Random) -> list[int]:
    """Which request of the mix each of the load's `total` requests asks, in order: drawn by the mix's Zipf
    weights (bench/render_demand.py draws the same)."""
    return rng.choices(range(len(mix)), weights=[item["weight"] for item in mix], k=total)


async def attack(mix: list[dict], *, base: str, rate: float, seconds: float, timeout: float, seed: int, visitors: int):
    rng = random.Random(seed)
    total = int(rate * seconds)
    chosen = draws(mix, total, rng)
    addresses = [f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in range(1, visitors + 1)]
    visitor = [rng.choice(addresses) for _ in range(total)]
    location = urlsplit(base)
    # (kind, latency ms from the scheduled start, status or failure, seconds from the load's start, path)
    outcomes: list[tuple] = []

    async def fire(item: dict, address: str, scheduled: float):
        api = item["path"].startswith("/api/")
        headers = {
            "X-Forwarded-For": address,
            "X-Forwarded-Proto": "https",
            "Accept": "application/json" if api else "text/html,application/xhtml+xml",
            "Accept-Encoding": "gzip",
            "User-Agent": "bpo-bench-openloop",
        }
        try:
            code = await asyncio.wait_for(ask(location.hostname, location.port or 80, item, headers), timeout)
            status = code if code in item["ok"] else f"error {code}"
        except TimeoutError:
            status = "timeout"
        except (OSError, ValueError, IndexError) as error:
            status = f"error {type(error).__name__}"
        outcomes.append(
            (item["kind"], (time.perf_counter() - scheduled) * 1000, status, scheduled - start, item["path"])
        )

    tasks = set()
    start = time.perf_counter() + 0.2
    max_lag = 0.0
    for i, index in enumerate(chosen):
        scheduled = start + i / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        lag = max(0.0, (time.perf_counter() - scheduled) * 1000)
        max_lag = max(max_lag, lag)
        task = asyncio.create_task(fire(mix[index], visitor[i], scheduled))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    sent_seconds = time.perf_counter() - start
    if tasks:
        await asyncio.wait(tasks)
    wall = time.perf_counter() - start
    return outcomes, sent_seconds, wall, max_lag


def summarize(outcomes, sent_seconds: float, wall: float, max_lag: float, args) -> dict:
    ok = [latency for _, latency, status, _, _ in outcomes if isinstance(status, int)]
    failures = Counter(status for _, _, status, _, _ in outcomes if not isinstance(status, int))
    statuses = Counter(str(status) for _, _, status, _, _ in outcomes)
    by_kind = defaultdict(list)
    failed_by_kind = Counter()
    for kind, latency, status, _, _ in outcomes:
        by_kind[kind].append(latency)
        if not isinstance(status, int):
            failed_by_kind[kind] += 1
    slowest = sorted(outcomes, key=lambda outcome: -outcome[1])[:15]
    # The same figures per slice of the run, by when each request was started: how the site does as its caches
    # fill, from the first visitors to the steady state.
    width = max(5.0, args.seconds / 10)
    slices = defaultdict(list)
    for _, latency, status, at, _ in outcomes:
        slices[int(at // width)].append((latency, isinstance(status, int)))
    # Latency of every request, failures included (a timeout counts as the timeout): what a visitor waited.
    every = [latency for _, latency, _, _, _ in outcomes]
    return {
        "rate_asked": args.rate,
        "seconds": args.seconds,
        "requests": len(outcomes),
        "started_per_s": round(len(outcomes) / sent_seconds, 1),
        "answered_ok_per_s": round(len(ok) / wall, 1),
        **{key: round(value, 1) for key, value in spread(every).items() if key != "n" and value is not None},
        "errors": sum(n for status, n in failures.items() if status != "timeout"),
        "timeouts": failures.get("timeout", 0),
        "statuses": dict(statuses),
        "client_max_start_lag_ms": round(max_lag, 1),
        "timeout_s": args.timeout,
        "visitors": args.visitors,
        "by_kind": {
            kind: {
                **{k: (round(v, 1) if isinstance(v, float) else v) for k, v in spread(samples).items()},
                "failures": failed_by_kind[kind],
            }
            for kind, samples in sorted(by_kind.items())
        },
        "over_time": [
            {
                "from_s": round(n * width),
                "to_s": round((n + 1) * width),
                "answered_ok_per_s": round(sum(ok for _, ok in rows) / width, 1),
                **{
                    key: round(value, 1)
                    for key, value in spread([latency for latency, _ in rows]).items()
                    if key not in {"n", "max_ms"}
                },
            }
            for n, rows in sorted(slices.items())
        ],
        "slowest": [
            {"kind": kind, "path": path, "ms": round(latency, 1), "status": str(status)}
            for kind, latency, status, _, path in slowest
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mix", required=True, type=Path, help="a mix file written by bench/run.py")
    parser.add_argument("--base", default="http://127.0.0.1:8108")
    parser.add_argument("--rate", type=float, default=150.0, help="requests started per second")
    parser.add_argument("--seconds", type=float, default=300.0)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a request is a timeout")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--visitors", type=int, default=5000, help="distinct client addresses")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    mix = json.loads(args.mix.read_text())
    mix = mix["requests"] if isinstance(mix, dict) else mix
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    outcomes, sent, wall, lag = asyncio.run(
        attack(
            mix,
            base=args.base,
            rate=args.rate,
            seconds=args.seconds,
            timeout=args.timeout,
            seed=args.seed,
            visitors=args.visitors,
        )
    )
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    result = summarize(outcomes, sent, wall, lag, args)
    result["client_cpu_s"] = round(cpu, 1)
    result["client_cpu_share_of_one_core"] = round(cpu / wall, 3)
    text = json.dumps(result, indent=2)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
