"""The URL mix: what users ask of the site, built from the database's own values, deterministic with a seed.

`build_mix()` draws requests from a generative model of visitors (which page, which filters, which values, which
ordering, which page number), each value drawn with a Zipf distribution over the values ranked by how often they
occur in the data, until it holds `size` distinct requests. The distinct requests are then ranked by how often
they were drawn, and request i of that ranking is asked with weight 1 / i**ZIPF_S in the load: a few URLs
(the list with no filter, the commonest country) are asked very often, most of them rarely.

Every public page and endpoint is in it: the HTML and API job and vendor lists with every filter of their
FilterSets (read from `jobs.filters.JobFilter` and `directory.filters.VendorFilter`, so a filter added there is
asked here too) and every ordering, pages 1 to deep, searches (common phrases, rare words, typos, quoted phrases,
zero-hit), the facet counts, the landing pages, job and vendor detail (HTML and API), the feed, the sitemaps,
the insights (HTML and API) and the vendor matcher (the HTML page with a brief, and API POSTs). The matcher's
briefs come from one function, `matcher_brief()`, so a field the matcher gains is added in one place.
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
from collections import Counter
from dataclasses import asdict, dataclass
from urllib.parse import urlencode

ZIPF_S = 1.0  # the exponent of the popularity of the distinct requests in the load
VALUE_S = 1.1  # the exponent with which a filter's values are drawn by their rank in the data
DEFAULT_SIZE = 2400

# How the draws are shared between kinds of request (the generative model; the load's weights come from the
# ranking of what was drawn). Lists and detail pages dominate, as on a job board.
KIND_SHARES = {
    "html job list": 16,
    "api job list": 10,
    "html job search": 9,
    "api job search": 6,
    "html job detail": 12,
    "api job detail": 4,
    "job landing": 4,
    "api job facets": 3,
    "html vendor list": 6,
    "api vendor list": 4,
    "vendor search": 3,
    "vendor landing": 2,
    "html vendor detail": 5,
    "api vendor detail": 2,
    "api vendor facets": 2,
    "html matcher": 3,
    "api matcher": 3,
    "feed": 2,
    "sitemap": 1,
    "insights": 3,
}

# Filters that take a number: the values a visitor types or picks. Any other number filter is left out (and
# named in the mix's `skipped`), so a filter added later is noticed.
NUMBERS = {
    "min_salary": [15000, 20000, 25000, 30000, 500, 1000, 40000, 60000, 2000],
    "max_experience": [0, 1, 2, 5, 3],
    "posted_within": [7, 30, 1, 3, 14],
    "max_hourly_rate": [15, 10, 20, 8, 30, 12],
    "min_seats": [100, 500, 50, 1000, 2000, 5000],
}
JOB_ORDERINGS = ["", "-posted_at", "posted_at", "-salary_max", "salary_max"]
VENDOR_ORDERINGS = ["", "name", "-rating", "hourly_rate", "-seats", "-name", "-hourly_rate", "seats", "-founded_year"]
PAGE_SIZES = ["", "50", "100", "10"]
ZERO_HIT = ["xqzvtrpl", "zzyzx quorble", "flibbertigibbet", "qwxz"]


@dataclass(frozen=True)
class Request:
    kind: str
    method: str
    path: str
    body: str = ""  # JSON for a POST
    # A page past the last one of a selection the mix could not count is a 404, a right answer too.
    ok: tuple[int, ...] = (200,)

    @property
    def key(self) -> str:
        return f"{self.method} {self.path} {self.body}"


class Zipf:
    """Draws one of `items` (ranked, the commonest first) with probability proportional to 1 / rank**s."""

    def __init__(self, items, s: float = VALUE_S, *, multiple: bool = False):
        self.items = list(items)
        self.multiple = multiple  # a filter that takes several values (countries, skills)
        self.cumulative = list(itertools.accumulate(1 / (rank**s) for rank in range(1, len(self.items) + 1)))

    def __bool__(self):
        return bool(self.items)

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def _ranked(rows) -> list[str]:
    return [str(value) for value, _ in rows if value not in (None, "")]


def _unlimited(cursor) -> None:
    # Reading the data's values once is a scan of every posting at a million; the site's statement time limit
    # is for requests, not for this.
    from django.db import connection

    if connection.vendor == "postgresql":
        cursor.execute("SET statement_timeout = 0")


def _filter_values(filterset_class, queryset) -> tuple[dict[str, Zipf], list[str]]:
    """Each filter's values, the commonest in the data first where the data says, and the filters left out."""
    from django.db.models import Count

    from core.facets import ModelMultipleValuesFilter, MultipleValuesFilter

    values, skipped = {}, []
    for name, spec in filterset_class.base_filters.items():
        if name in ("q", "ordering"):
            continue
        if name in NUMBERS:
            values[name] = Zipf(NUMBERS[name])
            continue
        field = spec.field_name
        counted = []
        if isinstance(spec, MultipleValuesFilter) and field and not spec.method:
            rows = queryset.order_by().values_list(field).annotate(n=Count("pk")).order_by("-n", field)[:400]
            counted = _ranked(rows)
        choices = spec.extra.get("choices")
        if isinstance(spec, ModelMultipleValuesFilter):
            known = [str(value) for value, _ in choices()]
        elif choices:
            known = [str(value) for value, _ in (choices() if callable(choices) else choices)]
        else:
            known = []
        if name == "client_country":  # every country of the world: the clients' commonest ones
            known = ["US", "GB", "AU", "CA", "DE", "FR", "NL", "SG", "JP", "AE", "NZ", "IE", "ES", "SE"]
        ranked = counted + [value for value in known if value not in set(counted)]
        if not counted and known and isinstance(spec, MultipleValuesFilter) and name not in ("client_country",):
            # no count from the data (a method filter): keep the vocabulary's order
            ranked = known
        if ranked:
            values[name] = Zipf(ranked, multiple=isinstance(spec, MultipleValuesFilter))
        else:
            skipped.append(name)
    return values, skipped


def _search_terms(cursor, rng: random.Random) -> dict[str, list[str]]:
    """Common phrases (the commonest word pairs of titles), rare words (of few titles), typos of common words,
    quoted phrases and words that match nothing."""
    cursor.execute(
        "SELECT lower(title), count(*) FROM jobs_jobposting WHERE status = 'published' GROUP BY 1 ORDER BY 2 DESC"
    )
    titles = cursor.fetchall()
    words, pairs = Counter(), Counter()
    for title, n in titles:
        tokens = [t.strip(",.()/-&") for t in title.split()]
        tokens = [t for t in tokens if len(t) > 2 and t.isalpha()]
        for token in set(tokens):
            words[token] += n
        for pair in itertools.pairwise(tokens):
            pairs[" ".join(pair)] += n
    common_words = [w for w, _ in words.most_common(40)]
    common = [p for p, _ in pairs.most_common(40)] + common_words[:20]
    rare = [w for w, n in sorted(words.items(), key=lambda item: (item[1], item[0])) if len(w) > 4][:60]
    typos = []
    for word in common_words[:30] + rare[:10]:
        if len(word) < 5:
            continue
        i = rng.randrange(1, len(word) - 1)
        typo = rng.choice([word[:i] + word[i + 1 :], word[:i] + word[i + 1] + word[i] + word[i + 2 :]])
        typos.append(typo if typo != word else word[:-1])
    quoted = [f'"{p}"' for p in [p for p, _ in pairs.most_common(15)]] + [
        f'"{rare_word} {common_words[0]}"' for rare_word in rare[:5]
    ]
    return {"common": common, "rare": rare, "typo": typos, "quoted": quoted, "zero-hit": ZERO_HIT}


def read_values(seed: int) -> dict:
    """What the mix is built from, read from the database: the filter values by frequency, postings and vendors,
    services, landing pages, search terms, sitemap sections and how many pages the broad selections have."""
    from django.db import connection
    from django.db.models import Count, Max, Min

    from directory.filters import VendorFilter
    from directory.models import Vendor
    from jobs.filters import JobFilter
    from jobs.models import JobPosting

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        _unlimited(cursor)
        jobs_qs = JobPosting.objects.published()
        job_filters, job_skipped = _filter_values(JobFilter, jobs_qs)
        vendor_filters, vendor_skipped = _filter_values(VendorFilter, Vendor.objects.published())
        search = _search_terms(cursor, rng)
        bounds = jobs_qs.aggregate(low=Min("pk"), high=Max("pk"))
        low, high = bounds["low"] or 0, bounds["high"] or 0
        ids = rng.sample(range(low, high + 1), min(6000, high - low + 1))
        job_slugs = list(jobs_qs.filter(pk__in=ids).order_by("pk").values_list("slug", flat=True))
        rng.shuffle(job_slugs)
        vendor_slugs = list(Vendor.objects.published().order_by("pk").values_list("slug", flat=True))
        rng.shuffle(vendor_slugs)
        broad_counts = {"": jobs_qs.count()}
        for column in ("country", "work_arrangement", "shift"):
            for value, n in jobs_qs.order_by().values_list(column).annotate(n=Count("pk")):
                broad_counts[f"{column}={value}"] = n
        if connection.vendor == "postgresql":
            cursor.execute("RESET statement_timeout")
    from bpo_portal.sitemaps import SITEMAPS

    sitemap_pages = {}
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        try:
            sitemap_pages[section] = sitemap.paginator.num_pages
        except Exception:
            sitemap_pages[section] = 1
    return {
        "seed": seed,
        "job_filters": job_filters,
        "vendor_filters": vendor_filters,
        "skipped_filters": {"jobs": job_skipped, "vendors": vendor_skipped},
        "search": search,
        "job_slugs": job_slugs,
        "vendor_slugs": vendor_slugs,
        "broad_counts": broad_counts,
        "vendor_counts": {"": Vendor.objects.published().count()},
        "sitemap_pages": sitemap_pages,
    }


def matcher_brief(rng: random.Random, values: dict) -> dict:
    """One business's brief to the vendor matcher, as the API's JSON body (directory/brief.py reads it; the HTML
    page's query string is made from the same dict by `brief_query`). The one place to add a field the matcher
    gains."""
    vendor = values["vendor_filters"]
    brief: dict = {"services": sorted({vendor["service"].pick(rng) for _ in range(rng.choice([1, 1, 2, 3]))})}
    if rng.random() < 0.8:
        brief["client_country"] = vendor["client_country"].pick(rng)
    if rng.random() < 0.3:
        brief["shore_models"] = [rng.choice(["onshore", "nearshore", "offshore"])]
    if rng.random() < 0.3 and "call_center_type" in vendor:
        brief["call_center_type"] = rng.choice(["inbound", "outbound", "blended", "virtual"])
    if rng.random() < 0.4 and "channel" in vendor:
        brief["channels"] = sorted({vendor["channel"].pick(rng) for _ in range(rng.choice([1, 2]))})
    if rng.random() < 0.5 and "language" in vendor:
        brief["languages"] = sorted({vendor["language"].pick(rng) for _ in range(rng.choice([1, 2]))})
    if rng.random() < 0.4 and "industry" in vendor:
        brief["industry"] = vendor["industry"].pick(rng)
    if rng.random() < 0.2 and "compliance" in vendor:
        brief["compliance"] = [vendor["compliance"].pick(rng)]
    if rng.random() < 0.6:
        brief["seats"] = rng.choice([10, 25, 50, 100, 250, 500, 1000])
    if rng.random() < 0.4:
        brief["max_hourly_rate"] = str(rng.choice([8, 10, 12, 15, 20, 25]))
    roll = rng.random()
    if roll < 0.2:
        brief["hours"] = "24x7"
    elif roll < 0.4:
        start = rng.choice(["08:00", "09:00", "07:00"])
        zone = rng.choice(["America/New_York", "Europe/London", "Australia/Sydney", "America/Chicago"])
        brief["hours"] = {"start": start, "end": "17:00", "time_zone": zone}
    return brief


def brief_query(brief: dict) -> str:
    """The matcher page's query string for `brief` (directory.brief.match_request_data reads it back)."""
    pairs = []
    for name, value in brief.items():
        if name == "hours":
            if value == "24x7":
                pairs.append(("hours", "24x7"))
            else:
                pairs += [("hours", "window"), ("start", value["start"]), ("end", value["end"])]
                pairs.append(("time_zone", value["time_zone"]))
        elif isinstance(value, list):
            pairs += [(name, item) for item in value]
        else:
            pairs.append((name, value))
    return urlencode(pairs)


def _filters(rng: random.Random, filters: dict[str, Zipf], counts=(0.3, 0.4, 0.2, 0.1)) -> list[tuple[str, str]]:
    how_many = rng.choices(range(len(counts)), weights=counts)[0]
    names = rng.sample(sorted(filters), min(how_many, len(filters)))
    if "min_salary" in names and "currency" in filters and "currency" not in names:
        names.append("currency")  # a minimum salary is in a currency: the list asks for one
    pairs = []
    for name in sorted(names):
        pairs.append((name, filters[name].pick(rng)))
        # sometimes a second value of a filter that takes several (another country, another skill)
        if filters[name].multiple and rng.random() < 0.1:
            pairs.append((name, filters[name].pick(rng)))
    return list(dict.fromkeys(pairs))


def _page(rng: random.Random, pairs, counts: dict, page_size: int) -> tuple[list[tuple[str, str]], tuple]:
    """Page 1 mostly; 2 to 5 sometimes; deep pages of the broad selections, whose size is known (up to the
    last page the site serves, MAX_PAGE_NUMBER)."""
    from core.pagination import MAX_PAGE_NUMBER

    roll = rng.random()
    if roll < 0.7:
        return [], (200,)
    selection = "&".join(f"{k}={v}" for k, v in pairs)
    total = counts.get(selection)
    if total is not None and roll > 0.9:
        last = min(MAX_PAGE_NUMBER, max(1, -(-total // page_size)))
        return [("page", str(rng.randint(min(6, last), last)))], (200,)
    return [("page", str(rng.randint(2, 5)))], (200, 404)


def _search(rng: random.Random, values: dict) -> str:
    kind = rng.choices(["common", "rare", "typo", "quoted", "zero-hit"], weights=[60, 15, 12, 8, 5])[0]
    terms = values["search"][kind]
    return Zipf(terms).pick(rng) if terms else "support"


def _list(rng, values, kind, path, filters_key, orderings, api, search=False):
    filters = values[filters_key]
    pairs = [("q", _search(rng, values))] if search else []
    pairs += _filters(rng, filters, (0.6, 0.3, 0.1) if search else (0.3, 0.4, 0.2, 0.1))
    broad = [p for p in pairs if p[0] != "q"]
    ordering = Zipf(orderings, 1.3).pick(rng)
    if search and rng.random() < 0.2:
        ordering = "-posted_at" if "jobs" in path else ""
    if ordering:
        pairs.append(("ordering", ordering))
    size = 20
    if api:
        chosen = Zipf(PAGE_SIZES, 1.5).pick(rng)
        if chosen:
            pairs.append(("page_size", chosen))
            size = int(chosen)
    counts = values["broad_counts"] if "jobs" in path else values["vendor_counts"]
    page, ok = _page(rng, [("_", "_")] if search else broad, counts, size)
    if search:
        ok = (200, 404) if page else (200,)
    return Request(kind, "GET", f"{path}?{urlencode(pairs + page)}" if pairs + page else path, ok=ok)


def draw(rng: random.Random, values: dict, kind: str) -> Request:
    jobs, vendors = values["job_filters"], values["vendor_filters"]
    match kind:
        case "html job list":
            return _list(rng, values, kind, "/jobs/", "job_filters", JOB_ORDERINGS, api=False)
        case "api job list":
            return _list(rng, values, kind, "/api/v1/jobs/", "job_filters", JOB_ORDERINGS, api=True)
        case "html job search":
            return _list(rng, values, kind, "/jobs/", "job_filters", [""], api=False, search=True)
        case "api job search":
            return _list(rng, values, kind, "/api/v1/jobs/", "job_filters", [""], api=True, search=True)
        case "html job detail":
            return Request(kind, "GET", f"/jobs/{Zipf(values['job_slugs'], 0.8).pick(rng)}/")
        case "api job detail":
            return Request(kind, "GET", f"/api/v1/jobs/{Zipf(values['job_slugs'], 0.8).pick(rng)}/")
        case "job landing":
            which = rng.choice(["remote", "country", "skill", "employer"])
            if which == "remote":
                return Request(kind, "GET", "/jobs/remote/")
            value = jobs[which].pick(rng)
            folder = {"country": "countries", "skill": "skills", "employer": "employers"}[which]
            return Request(kind, "GET", f"/jobs/{folder}/{value.lower() if which == 'country' else value}/")
        case "api job facets":
            return Request(kind, "GET", f"/api/v1/jobs/facets/?{urlencode(_filters(rng, jobs))}".rstrip("?"))
        case "html vendor list":
            return _list(rng, values, kind, "/vendors/", "vendor_filters", VENDOR_ORDERINGS, api=False)
        case "api vendor list":
            return _list(rng, values, kind, "/api/v1/vendors/", "vendor_filters", VENDOR_ORDERINGS, api=True)
        case "vendor search":
            path = rng.choice(["/vendors/", "/api/v1/vendors/"])
            term = rng.choice([_search(rng, values), vendors["service"].pick(rng).replace("-", " ")])
            return Request(kind, "GET", f"{path}?{urlencode([('q', term)])}")
        case "vendor landing":
            if rng.random() < 0.5:
                return Request(kind, "GET", f"/vendors/services/{vendors['service'].pick(rng)}/")
            return Request(kind, "GET", f"/vendors/countries/{vendors['country'].pick(rng).lower()}/")
        case "html vendor detail":
            return Request(kind, "GET", f"/vendors/{Zipf(values['vendor_slugs'], 0.9).pick(rng)}/")
        case "api vendor detail":
            return Request(kind, "GET", f"/api/v1/vendors/{Zipf(values['vendor_slugs'], 0.9).pick(rng)}/")
        case "api vendor facets":
            return Request(kind, "GET", f"/api/v1/vendors/facets/?{urlencode(_filters(rng, vendors))}".rstrip("?"))
        case "html matcher":
            return Request(kind, "GET", f"/vendors/match/?{brief_query(matcher_brief(rng, values))}")
        case "api matcher":
            body = json.dumps(matcher_brief(rng, values), sort_keys=True)
            return Request(kind, "POST", "/api/v1/vendors/match/", body)
        case "feed":
            pairs = _filters(rng, jobs, (0.5, 0.4, 0.1))
            if rng.random() < 0.2:
                pairs.insert(0, ("q", _search(rng, values)))
            return Request(kind, "GET", f"/jobs/feed/?{urlencode(pairs)}".rstrip("?"))
        case "sitemap":
            if rng.random() < 0.15:
                return Request(kind, "GET", "/sitemap.xml")
            section = rng.choice(sorted(values["sitemap_pages"]))
            page = rng.randint(1, values["sitemap_pages"][section])
            return Request(kind, "GET", f"/sitemap-{section}.xml" + (f"?p={page}" if page > 1 else ""))
        case "insights":
            which = rng.choice(["home", "pay", "pay", "cost", "demand", "api pay", "api cost", "api demand"])
            if which == "home":
                return Request(kind, "GET", "/insights/")
            api = which.startswith("api ")
            name = which.removeprefix("api ")
            path = f"/api/v1/insights/{name}/" if api else f"/insights/{name}/"
            if name == "pay":
                query = urlencode(_filters(rng, {k: jobs[k] for k in ("country", "shift", "role") if k in jobs}))
            elif name == "cost":
                query = urlencode([("client_country", vendors["client_country"].pick(rng))])
            else:
                query = ""
            return Request(kind, "GET", f"{path}?{query}" if query else path)
    raise ValueError(kind)


def build_mix(values: dict, size: int = DEFAULT_SIZE, seed: int = 18) -> list[dict]:
    """At least `size` distinct requests, ranked by how often the visitor model drew them, each with its Zipf
    weight 1 / rank**ZIPF_S."""
    rng = random.Random(seed)
    kinds, shares = zip(*KIND_SHARES.items(), strict=True)
    drawn: Counter[str] = Counter()
    requests: dict[str, Request] = {}
    while len(requests) < size:
        request = draw(rng, values, rng.choices(kinds, weights=shares)[0])
        drawn[request.key] += 1
        requests.setdefault(request.key, request)
    ranked = sorted(requests, key=lambda key: -drawn[key])  # stable: first drawn first among equals
    return [
        {**asdict(requests[key]), "ok": list(requests[key].ok), "rank": rank, "weight": 1 / rank**ZIPF_S}
        for rank, key in enumerate(ranked, start=1)
    ]


def describe(mix: list[dict]) -> dict:
    """How many distinct requests of each kind, and what share of the load each kind gets."""
    total = sum(item["weight"] for item in mix)
    kinds = Counter(item["kind"] for item in mix)
    weights = Counter()
    for item in mix:
        weights[item["kind"]] += item["weight"]
    return {kind: {"distinct": kinds[kind], "share_of_load": round(weights[kind] / total, 3)} for kind in sorted(kinds)}
