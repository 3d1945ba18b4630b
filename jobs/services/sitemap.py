"""What the job board's sitemaps list, counted ahead of the crawlers that read them (`core.summaries`): the
employers with open postings and when each last changed, the countries and skills of the landing pages, and
when an open posting last changed. Counting these reads every open posting (seconds at a million), so the task
worker counts them every five minutes; a sitemap is a hint a crawler revisits, and its pages (an employer's, a
landing page) answer from the postings themselves. Only open postings are read: nothing unreviewed is listed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from django.db.models import Max

from core.summaries import KeptSummary, pack_arrays, unpack_arrays
from directory.models import Employer
from jobs.models import JobPosting, Skill

FRESH_SECONDS = 300


@dataclass
class JobSitemapIndex:
    built_at: datetime
    latest_change: datetime | None  # of any open posting
    countries: list[str]  # ISO codes of the open postings' countries, in order
    skills: list[str]  # slugs of the skills open postings ask for, in order
    # The employers with open postings, by slug: their slugs one after another (UTF-8), where each ends, and
    # when each one's open postings last changed (microseconds since the epoch). A few bytes an employer, not a
    # Python object each: every web process keeps a copy.
    slug_bytes: bytes
    slug_ends: np.ndarray
    employer_latest: np.ndarray

    def __len__(self) -> int:
        return len(self.slug_ends)

    def employers(self, start: int, stop: int) -> list[tuple[str, datetime]]:
        """(slug, last change) of the employers from `start` to `stop` in slug order."""
        stop = min(stop, len(self))
        ends = self.slug_ends[start:stop].tolist()
        begin = int(self.slug_ends[start - 1]) if start > 0 else 0
        found = []
        for end, latest in zip(ends, self.employer_latest[start:stop].tolist(), strict=True):
            found.append((self.slug_bytes[begin:end].decode(), _from_micros(latest)))
            begin = end
        return found

    @property
    def latest_employer_change(self) -> datetime | None:
        return _from_micros(int(self.employer_latest.max())) if len(self) else None

    def to_bytes(self) -> bytes:
        header = {
            "latest_change": self.latest_change.isoformat() if self.latest_change else None,
            "countries": self.countries,
            "skills": self.skills,
        }
        return pack_arrays(
            {
                "header": np.frombuffer(json.dumps(header).encode(), dtype=np.uint8),
                "slugs": np.frombuffer(self.slug_bytes, dtype=np.uint8),
                "ends": self.slug_ends,
                "latest": self.employer_latest,
            }
        )

    @classmethod
    def from_bytes(cls, built_at: datetime, data: bytes) -> JobSitemapIndex:
        arrays = unpack_arrays(data)
        header = json.loads(arrays["header"].tobytes())
        latest = datetime.fromisoformat(header["latest_change"]) if header["latest_change"] else None
        return cls(
            built_at,
            latest,
            header["countries"],
            header["skills"],
            arrays["slugs"].tobytes(),
            arrays["ends"],
            arrays["latest"],
        )


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _from_micros(micros: int) -> datetime:
    return EPOCH + timedelta(microseconds=micros)


def _micros(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(microseconds=1)


def open_employers(now: datetime | None = None):
    """(slug, last change of its open postings) of every employer with open postings, by slug."""
    return (
        Employer.objects.filter(job_postings__in=JobPosting.objects.published(now))
        .annotate(latest=Max("job_postings__updated_at"))
        .order_by("slug")
        .values_list("slug", "latest")
    )


def open_countries(now: datetime | None = None):
    postings = JobPosting.objects.published(now)
    return postings.order_by("country").values_list("country", flat=True).distinct()


def open_skills(now: datetime | None = None):
    postings = JobPosting.objects.published(now)
    return Skill.objects.filter(job_postings__in=postings).distinct().order_by("slug").values_list("slug", flat=True)


def latest_open_change(now: datetime | None = None) -> datetime | None:
    return JobPosting.objects.published(now).aggregate(latest=Max("updated_at"))["latest"]


def _count(now: datetime) -> tuple[bytes, int]:
    slugs, ends, latest, size = bytearray(), [], [], 0
    for slug, changed in open_employers(now).iterator(chunk_size=5000):
        slugs += slug.encode()
        ends.append(len(slugs))
        latest.append(_micros(changed))
        size += 1
    index = JobSitemapIndex(
        now,
        latest_open_change(now),
        list(open_countries(now)),
        list(open_skills(now)),
        bytes(slugs),
        np.array(ends, dtype=np.int64),
        np.array(latest, dtype=np.int64),
    )
    return index.to_bytes(), size


job_sitemap_summary = KeptSummary(
    "jobs:sitemap", count=_count, load=JobSitemapIndex.from_bytes, fresh_seconds=lambda: FRESH_SECONDS
)
