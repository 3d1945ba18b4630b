"""Build realistic, deterministic demo data for both halves of the site.

Vendors and employers come from the factories (a few hundred rows); job postings and their
requirements come from the same Faker provider (`fake.bpo_job_posting`) and are written with
PostgreSQL's COPY, or batched INSERTs on SQLite, so 100,000 postings load in well under a minute.
"""

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import timedelta

import factory.random
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from demo.factories.directory import VendorFactory
from demo.fakers import fake
from demo.market import HUBS_BY_COUNTRY
from directory.models import (
    CallCenterType,
    Channel,
    ComplianceStandard,
    DeliveryCenter,
    Employer,
    Industry,
    Language,
    Membership,
    ServiceType,
    ShoreModel,
    Vendor,
)
from directory.search import refresh_vendor_search_vectors
from jobs.models import Certification, JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill
from jobs.search import refresh_job_search_vectors

logger = logging.getLogger(__name__)

OFFSHORE_HUBS = {"PH", "IN", "EG", "MY", "VN", "ZA"}
NEARSHORE_HUBS = {"MX", "CO", "CR", "GT", "DO", "JM", "PL", "RO", "PT"}

# Tables seed_demo owns, children first; the vocabularies and user accounts are left alone.
SEEDED_MODELS: Sequence[type[models.Model]] = (
    JobSkillRequirement,
    JobLanguageRequirement,
    JobPosting.certifications.through,
    JobPosting,
    Membership,
    Employer,
    DeliveryCenter,
    *(field.remote_field.through for field in Vendor._meta.many_to_many),
    Vendor,
)


@dataclass
class SeedReport:
    vendors: int
    employers: int
    job_postings: int
    skill_requirements: int
    language_requirements: int


def has_seeded_data() -> bool:
    return Vendor.objects.exists() or Employer.objects.exists() or JobPosting.objects.exists()


def flush_seeded_data() -> None:
    """Empty the directory and job board tables (not the vocabularies, not the accounts)."""
    tables = [m._meta.db_table for m in SEEDED_MODELS]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(map(connection.ops.quote_name, tables))} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names


def bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert plain tuples into `model`'s table: COPY on PostgreSQL, executemany elsewhere.

    Values must already be what the database stores (str for CountryField, aware datetimes).
    """
    table = connection.ops.quote_name(model._meta.db_table)
    column_sql = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({column_sql}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            placeholders = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({column_sql}) VALUES ({placeholders})"  # noqa: S608 - our own names
            adapt = connection.ops.adapt_datetimefield_value
            batch = []
            for row in rows:
                batch.append([adapt(v) if hasattr(v, "tzinfo") and hasattr(v, "hour") else v for v in row])
                if len(batch) == 5000:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
    return count


# From this many postings, the job tables' indexes are built after the load (`indexes_built_after`). Below it
# they are kept: small loads are quick either way, and an index built in the loading transaction after the
# search vectors' UPDATE cannot serve that same transaction (PostgreSQL's indcheckxmin), which tests need.
BUILD_INDEXES_AFTER_MIN = 20_000


@contextmanager
def indexes_built_after(*models_: type[models.Model]) -> Iterator[None]:
    """On PostgreSQL, load `models_`' tables without their secondary indexes and foreign keys, then build each
    index and check each foreign key once, in one pass over the loaded rows.

    Keeping a dozen B-tree and GIN indexes current row by row, and queueing a deferred foreign-key check per
    row, costs far more than building them afterwards. Primary keys and unique constraints stay, so duplicates
    still fail at once. Everything happens in the caller's transaction: if the load fails, the indexes and
    constraints come back with the rollback. Elsewhere (SQLite) this does nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        # Pending deferred checks on these tables would forbid ALTER TABLE; run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = ANY(%s::regclass[]) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [tables],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = ANY(%s::regclass[]) AND contype = 'f'",
            [tables],
        )
        foreign_keys = cursor.fetchall()
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _reset_sequences(*models_: type[models.Model]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


def _pick(rnd, rows, probability: float):
    return [row for row in rows if rnd.random() < probability]


def seed_vendors(count: int, now) -> list[Vendor]:
    """Vendors in the BPO hubs with their centers, offerings and moderation states."""
    rnd = fake.random
    services = list(ServiceType.objects.all())
    front = [s for s in services if s.category == "front_office"]
    back = [s for s in services if s.category == "back_office"]
    shore = ShoreModel.objects.in_bulk(field_name="slug")
    cc_types = CallCenterType.objects.in_bulk(field_name="slug")
    channels = Channel.objects.in_bulk(field_name="slug")
    channel_odds = {"voice": 0.9, "email": 0.85, "chat": 0.75, "sms": 0.3, "social": 0.35, "video": 0.1}
    languages = Language.objects.in_bulk(field_name="code")
    industries = list(Industry.objects.all())
    compliance = ComplianceStandard.objects.in_bulk(field_name="slug")
    compliance_odds = {"pci-dss": 0.45, "hipaa": 0.3, "iso-27001": 0.4, "soc-2": 0.3, "gdpr": 0.35, "copc": 0.15}

    vendors, centers, links = [], [], {f.name: [] for f in Vendor._meta.many_to_many}
    used_slugs: set[str] = set()
    for i in range(count):
        hub = fake.bpo_hub()
        status = rnd.choices(["published", "pending", "draft", "rejected", "archived"], [85, 6, 4, 3, 2])[0]
        vendor = VendorFactory.build(hub=hub, status=status)
        slug = slugify(vendor.name)
        vendor.slug = slug if slug not in used_slugs else f"{slug}-{i}"
        used_slugs.add(vendor.slug)
        vendor.website = f"https://{vendor.slug}.example.com"
        vendor.contact_email = f"sales@{vendor.slug}.example.com"
        if status in ("published", "archived"):
            vendor.published_at = now - timedelta(days=rnd.randint(5, 900))
            vendor.status_changed_at = vendor.published_at
        if status == "published":
            vendor.featured = rnd.random() < 0.08
            vendor.featured_at = now if vendor.featured else None
        if status in ("published", "pending") and rnd.random() < 0.45:
            vendor.verified, vendor.verified_at = True, now - timedelta(days=rnd.randint(1, 400))
        if status == "rejected":
            vendor.rejection_reason = "We could not confirm the delivery centers listed."
        vendor.id = None
        vendors.append(vendor)

        hubs = [hub]
        if rnd.random() < 0.3:
            hubs.append(fake.bpo_hub())
        total_seats = 0
        seen_places = set()
        for center_hub in hubs:
            for city, tz in rnd.sample(center_hub.cities, min(len(center_hub.cities), rnd.randint(1, 2))):
                if city in seen_places:
                    continue
                seen_places.add(city)
                seats = rnd.choice((60, 120, 250, 400, 600, 900, 1500, 2500))
                total_seats += seats
                centers.append(
                    (
                        i,
                        DeliveryCenter(
                            name=f"{city} center", city=city, country=center_hub.country, time_zone=tz, seats=seats
                        ),
                    )
                )
        vendor.employees = int(total_seats * rnd.uniform(1.1, 1.6))

        countries = {h.country for h in hubs}
        models_offered = set()
        if countries & OFFSHORE_HUBS:
            models_offered.add("offshore")
        if countries & NEARSHORE_HUBS:
            models_offered.add("nearshore")
        if countries - OFFSHORE_HUBS - NEARSHORE_HUBS:
            models_offered.add("onshore")
        if rnd.random() < 0.3:
            models_offered.add(rnd.choice(["onshore", "nearshore", "offshore"]))
        links["shore_models"] += [(i, shore[m]) for m in models_offered]
        picked = rnd.sample(front, rnd.randint(2, 7)) + rnd.sample(back, rnd.randint(0, 4))
        links["services"] += [(i, s) for s in picked]
        types = {"inbound"} if rnd.random() < 0.9 else set()
        if rnd.random() < 0.5:
            types.add("outbound")
        if {"inbound", "outbound"} <= types:
            types.add("blended")
        if rnd.random() < 0.15 or not types:
            types.add("virtual")
        links["call_center_types"] += [(i, cc_types[t]) for t in types]
        links["channels"] += [(i, channels[c]) for c, odds in channel_odds.items() if rnd.random() < odds] or [
            (i, channels["voice"])
        ]
        codes = {"en"} | {code for h in hubs for code in h.languages if rnd.random() < 0.7}
        links["languages"] += [(i, languages[c]) for c in codes]
        links["industries"] += [(i, ind) for ind in rnd.sample(industries, rnd.randint(2, 5))]
        eu = bool(countries & {"PL", "RO", "PT", "IE"})
        links["compliance_standards"] += [
            (i, compliance[slug])
            for slug, odds in compliance_odds.items()
            if rnd.random() < (0.9 if slug == "gdpr" and eu else odds)
        ]

    Vendor.objects.bulk_create(vendors, batch_size=1000)
    if connection.vendor != "postgresql" or any(v.pk is None for v in vendors):
        # bulk_create sets primary keys on PostgreSQL and SQLite; re-read defensively if a backend did not.
        by_slug = Vendor.objects.in_bulk([v.slug for v in vendors], field_name="slug")
        for v in vendors:
            v.pk = v.id = by_slug[v.slug].pk
    for i, center in centers:
        center.vendor_id = vendors[i].pk
    DeliveryCenter.objects.bulk_create([c for _, c in centers], batch_size=2000)
    for field in Vendor._meta.many_to_many:
        through = field.remote_field.through
        target = field.m2m_reverse_field_name()
        through.objects.bulk_create(
            [through(vendor_id=vendors[i].pk, **{f"{target}_id": term.pk}) for i, term in links[field.name]],
            batch_size=5000,
            ignore_conflicts=True,
        )
    return vendors


def seed_employers(vendors: list[Vendor]) -> tuple[list[Employer], list[Employer]]:
    """Employer records for most published vendors (BPOs hiring CSRs) and for in-house teams."""
    rnd = fake.random
    bpo = [
        Employer(
            name=v.name, slug=v.slug, vendor_id=v.pk, website=v.website, headquarters_country=v.headquarters_country
        )
        for v in vendors
        if v.status == "published" and rnd.random() < 0.75
    ]
    in_house, slugs = [], {e.slug for e in bpo}
    for n in range(max(8, len(vendors) // 4)):
        name, _industry = fake.bpo_in_house_employer()
        slug = slugify(name)
        slug = slug if slug not in slugs else f"{slug}-{n}"
        slugs.add(slug)
        in_house.append(
            Employer(
                name=name,
                slug=slug,
                website=f"https://{slug}.example.com",
                headquarters_country=rnd.choice(("US", "GB", "CA", "AU")),
                description=f"{name} runs its own customer care team.",
            )
        )
    Employer.objects.bulk_create(bpo + in_house, batch_size=1000)
    by_slug = Employer.objects.in_bulk([e.slug for e in bpo + in_house], field_name="slug")
    for e in bpo + in_house:
        e.pk = e.id = by_slug[e.slug].pk
    return bpo, in_house


_JOB_COLUMNS = (
    "id", "title", "slug", "employer_id", "description", "city", "country", "work_arrangement", "employment_type",
    "shift", "role", "account_type", "call_direction", "client_industry_id", "salary_min", "salary_max",
    "salary_currency", "salary_period", "min_experience_years", "education_level", "min_typing_wpm", "openings",
    "benefits", "status",
    "status_changed_at", "rejection_reason", "published_at", "expires_at", "created_at", "updated_at",
)  # fmt: skip


def seed_job_postings(count: int, bpo: list[Employer], in_house: list[Employer], now) -> tuple[int, int, int]:
    """`count` postings with skill and language requirements; returns the three row counts."""
    rnd = fake.random
    centers_by_vendor: dict[int, list[tuple[str, str]]] = {}
    for vendor_id, city, country in DeliveryCenter.objects.values_list("vendor_id", "city", "country"):
        centers_by_vendor.setdefault(vendor_id, []).append((city, country))
    skills = dict(Skill.objects.values_list("slug", "pk"))
    languages = dict(Language.objects.values_list("code", "pk"))
    industries = dict(Industry.objects.values_list("slug", "pk"))
    certifications = list(Certification.objects.values_list("pk", flat=True))
    first_id = _next_id(JobPosting)
    skill_rows, language_rows, certification_rows = [], [], []
    lifetime = timedelta(days=60)
    cached_slug = functools.lru_cache(maxsize=4096)(slugify)  # titles and cities repeat across postings

    def rows():
        for n in range(count):
            job_id = first_id + n
            if bpo and (not in_house or rnd.random() < 0.7):
                employer = rnd.choice(bpo)
                city, country = rnd.choice(centers_by_vendor.get(employer.vendor_id) or [("", "PH")])
            else:
                employer, city = rnd.choice(in_house), ""
                country = fake.bpo_hub().country
            spec = fake.bpo_job_posting(country, employer.name)
            city = city or spec["city"]
            status = rnd.choices(
                ("published", "pending", "draft", "closed", "expired", "rejected"), (88, 4, 3, 2, 2, 1)
            )[0]
            published_at = expires_at = None
            created_at = now - timedelta(days=rnd.randint(0, 20), minutes=rnd.randint(0, 1440))
            if status in ("published", "closed"):
                published_at = now - fake.bpo_posted_ago()
                expires_at = published_at + lifetime
            elif status == "expired":
                published_at = now - timedelta(days=rnd.randint(61, 120))
                expires_at = published_at + lifetime
            if published_at:
                created_at = published_at - timedelta(hours=rnd.randint(1, 72))
            slug = f"{cached_slug(spec['title'])}-{cached_slug(city)}-{job_id}"
            industry = industries.get(spec["client_industry"]) if spec["client_industry"] else None
            yield (
                job_id, spec["title"], slug, employer.pk, spec["description"], city, spec["country"],
                spec["work_arrangement"], spec["employment_type"], spec["shift"], "agent", spec["account_type"],
                spec["call_direction"], industry, spec["salary_min"], spec["salary_max"], spec["salary_currency"],
                spec["salary_period"], spec["min_experience_years"], spec["education_level"], spec["min_typing_wpm"],
                spec["openings"], spec["benefits"], status, published_at or created_at,
                "The posting does not say what the job pays." if status == "rejected" else "",
                published_at, expires_at, created_at, published_at or created_at,
            )  # fmt: skip
            skill_specs, language_specs = fake.bpo_job_requirements(
                spec["title"], spec["account_type"], spec["country"]
            )
            skill_rows.extend((job_id, skills[slug], importance) for slug, importance in skill_specs)
            language_rows.extend((job_id, languages[code], level) for code, level in language_specs)
            if certifications and rnd.random() < 0.05:
                certification_rows.append((job_id, rnd.choice(certifications)))

    jobs = bulk_insert(JobPosting, _JOB_COLUMNS, rows())
    n_skills = bulk_insert(JobSkillRequirement, ("job_posting_id", "skill_id", "importance"), skill_rows)
    n_languages = bulk_insert(JobLanguageRequirement, ("job_posting_id", "language_id", "level"), language_rows)
    bulk_insert(JobPosting.certifications.through, ("jobposting_id", "certification_id"), certification_rows)
    _reset_sequences(JobPosting, JobSkillRequirement, JobLanguageRequirement, JobPosting.certifications.through)
    return jobs, n_skills, n_languages


@transaction.atomic
def seed_demo(*, vendors: int, jobs: int, seed: int) -> SeedReport:
    """Fill an empty directory and job board; all or nothing."""
    factory.random.reseed_random(seed)
    now = timezone.now().replace(microsecond=0)
    vendor_rows = seed_vendors(vendors, now)
    bpo, in_house = seed_employers(vendor_rows)
    loaded = (JobPosting, JobSkillRequirement, JobLanguageRequirement, JobPosting.certifications.through)
    with indexes_built_after(*loaded) if jobs >= BUILD_INDEXES_AFTER_MIN else nullcontext():
        n_jobs, n_skills, n_languages = seed_job_postings(jobs, bpo, in_house, now)
        # Bulk inserts send no signals. Before the indexes exist, the vectors are written once, not indexed twice.
        refresh_job_search_vectors(everything=True)
        refresh_vendor_search_vectors(everything=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return SeedReport(len(vendor_rows), len(bpo) + len(in_house), n_jobs, n_skills, n_languages)


__all__ = ["HUBS_BY_COUNTRY", "SeedReport", "flush_seeded_data", "has_seeded_data", "seed_demo"]
