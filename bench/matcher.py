"""The vendor matcher's own timing: six briefs (the three advisor briefs of issue 19, a language-only brief, an
empty one and a split), each run 20 times with the Django cache emptied before every run, against the database
DATABASE_URL names (e.g. make bench's large one). Prints median and p95
per brief; exits 1 when a p95 is over the goal (200 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bpo_bench .venv/bin/python bench/matcher.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bpo_portal.settings.local")

import django

django.setup()

from django.core.cache import cache  # noqa: E402

from directory.brief import MatchRequestSerializer  # noqa: E402
from directory.matching import match_vendors  # noqa: E402

GOAL_MS = 200
BRIEFS = {
    "US healthtech": {
        "services": ["customer-support"], "client_country": "US", "compliance": ["hipaa"], "hours": "24x7",
        "channels": ["voice", "chat"], "languages": ["en", "es"], "shore_models": ["nearshore"], "agents": 60,
        "max_hourly_rate": "22", "industry": "healthcare",
        "must_haves": ["compliance", "languages", "shore_models", "hours", "channels"],
    },
    "UK retailer": {
        "services": ["customer-support"], "client_country": "GB", "channels": ["chat", "email"],
        "delivery_countries": ["PH"], "agents": 25,
        "hours": {"start": "08:00", "end": "20:00", "time_zone": "Europe/London"},
        "must_haves": ["delivery_countries", "hours", "channels"],
    },
    "German fintech": {
        "services": ["customer-support"], "client_country": "DE", "languages": ["de"],
        "compliance": ["pci-dss", "gdpr"], "shore_models": ["nearshore", "onshore"],
        "hours": {"start": "08:00", "end": "20:00", "time_zone": "Europe/Berlin"},
        "must_haves": ["languages", "compliance", "shore_models"],
    },
    "English, 10 agents": {"languages": ["en"], "agents": 10},
    "no criteria": {},
    "split, 100 agents": {
        "services": ["customer-support"], "client_country": "US", "languages": ["en", "es"], "agents": 100,
        "allow_split": True, "must_haves": ["languages", "agents"],
    },
}  # fmt: skip


def main() -> int:
    missed = []
    for name, data in BRIEFS.items():
        serializer = MatchRequestSerializer(data=data)
        serializer.is_valid(raise_exception=True)
        times = []
        for _ in range(20):
            cache.clear()
            start = time.perf_counter()
            result = match_vendors(serializer.needs())
            times.append((time.perf_counter() - start) * 1000)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"{name:20} {len(result.matches):3} results  median {statistics.median(times):6.0f} ms  p95 {p95:6.0f} ms"
        )
        if p95 > GOAL_MS:
            missed.append(name)
    if missed:
        print(f"p95 over {GOAL_MS} ms: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
