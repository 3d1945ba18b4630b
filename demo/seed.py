"""Build realistic, deterministic demo data for both halves of the site.

Vendors and employers come from the factories (a few hundred rows); job postings and their
requirements come from the same Faker provider (`fake.bpo_job_posting`) and are written with
PostgreSQL's COPY, or batched INSERTs on SQLite, so 100,000 postings load in well under a minute.
"""

import functools
import logging
import random
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

import factory.random
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from core.search import refresh_search_words
from core.sql import statement_timeout_lifted
from demo.bulk import BULK_MIN, seed_job_postings_in_bulk
from demo.fakers import VendorNamer, VendorPlan, fake
from demo.market import CERTIFICATION_ISSUERS, CERTIFICATION_YEARS, FIRST_NAMES, LAST_NAMES
from demo.models import DeferredIndex
from demo.planning import posting_planner
from directory.match_index import match_rows_rebuild
from directory.models import (
    CallCenterType,
    Channel,
    ComplianceStandard,
    DeliveryCenter,
    Employer,
    Industry,
    Language,
    Membership,
    Review,
    ServiceType,
    ShoreModel,
    Vendor,
    VendorCertification,
    VendorMatchRow,
)
from directory.search import refresh_vendor_search_vectors
from jobs.models import Certification, JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill
from jobs.search import refresh_job_search_vectors

logger = logging.getLogger(__name__)

UNUSABLE_PASSWORD = make_password(None)  # the demo clients who wrote the reviews never sign in

# Tables seed_demo owns, children first; the vocabularies and user accounts are left alone.
SEEDED_MODELS: Sequence[type[models.Model]] = (
    JobSkillRequirement,
    JobLanguageRequirement,
    JobPosting.certifications.through,
    JobPosting,
    Membership,
    Employer,
    Review,
    VendorMatchRow,
    VendorCertification,
    DeliveryCenter.languages.through,
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
    """Empty the directory and job board tables (not the vocabularies, not the accounts). The demo clients who
    wrote the seeded reviews stay, for the next seeding to reuse (`_seed_reviews`): deleting the tens of
    thousands of a large seeding was most of a flush, PostgreSQL checking that no other table points at them."""
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
BUILD_INDEXES_AFTER_MIN_VENDORS = 5_000


@contextmanager
def indexes_built_after(*models_: type[models.Model], unique: bool = False, defer: bool = False) -> Iterator[None]:
    """On PostgreSQL, load `models_`' tables without their secondary indexes and foreign keys, then build each
    index and check each foreign key once, in one pass over the loaded rows.

    Keeping a dozen B-tree and GIN indexes current row by row, and queueing a deferred foreign-key check per
    row, costs far more than building them afterwards. Primary keys stay, and unique constraints too unless
    `unique` (a load whose keys are unique by construction), so duplicates still fail at once. Everything
    happens in the caller's transaction: if the load fails, the indexes and constraints come back with the
    rollback. Elsewhere (SQLite) this does nothing.

    With `defer`, the secondary indexes are not built here but recorded (`DeferredIndex`, in the same
    transaction), for `deferred_indexes_build` to build once the transaction has committed, two at a time over
    their own connections: PostgreSQL 15 builds a GIN index on one core, and the B-trees then use the other.
    The unique keys and foreign keys are still checked here, so the data committed is whole. An index recorded
    by a seeding that was stopped before building it is dropped and built again with these tables' own.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in models_]
    pending = list(DeferredIndex.objects.filter(table__in=tables).values_list("name", "definition"))
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
        if unique:
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid = ANY(%s::regclass[]) AND contype = 'u'",
                [tables],
            )
            foreign_keys += cursor.fetchall()  # dropped and added back the same way
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    indexes += [(name, definition) for name, definition in pending if name not in dict(indexes)]
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        # A unique index is built here even when deferring: duplicates must fail the load, not follow it.
        now = [(name, definition) for name, definition in indexes if not defer or " UNIQUE " in definition]
        for _name, definition in now:
            cursor.execute(definition)
        DeferredIndex.objects.filter(table__in=tables).delete()
        DeferredIndex.objects.bulk_create(
            DeferredIndex(name=name, table=_table_of(definition), definition=definition)
            for name, definition in indexes
            if (name, definition) not in now
        )
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _table_of(definition: str) -> str:
    """The table of `pg_get_indexdef`'s `CREATE [UNIQUE] INDEX name ON [ONLY] public.table USING ...`."""
    return definition.split(" ON ", 1)[1].removeprefix("ONLY ").split(" ", 1)[0].rsplit(".", 1)[-1]


def deferred_indexes_build(*, workers: int = 2) -> int:
    """Build the indexes seedings recorded (`indexes_built_after(defer=True)`), `workers` at a time, each on its
    own connection and in its own transaction with its record: the GIN indexes first (the longest), the B-trees
    beside them. A record whose index exists by now (a migration made it meanwhile) is dropped unbuilt. Returns
    how many were built. Call it outside any transaction, once the load has committed (`seed_demo` does;
    `seed_demo --build-indexes` after a seeding stopped before)."""
    if connection.vendor != "postgresql":
        return 0
    deferred = list(DeferredIndex.objects.values_list("name", "definition"))
    # The longest builds first, so that the B-trees fill the other connection meanwhile.
    deferred.sort(key=lambda index: (" USING gin " not in index[1], index[0]))

    def build(name: str, definition: str) -> None:
        try:
            with statement_timeout_lifted(), transaction.atomic():
                if DeferredIndex.objects.select_for_update(skip_locked=True).filter(name=name).exists():
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT to_regclass(%s) IS NULL", [name])
                        if cursor.fetchone()[0]:
                            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                            # One core per build: the two builds take both already, and a B-tree's parallel
                            # workers beside the GIN build slowed both (bench/README.md, "Seeding").
                            cursor.execute("SET LOCAL max_parallel_maintenance_workers = 0")
                            cursor.execute(definition)
                    DeferredIndex.objects.filter(name=name).delete()
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(build, name, definition) for name, definition in deferred]:
            future.result()
    if deferred:
        # The planner's statistics of the expression indexes (a title's words) are taken with the index.
        with statement_timeout_lifted(), connection.cursor() as cursor:
            for table in sorted({_table_of(definition) for _, definition in deferred}):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return len(deferred)


def create_in_bulk(model: type[models.Model], objs: list[models.Model]) -> None:
    """`bulk_create` for thousands of model instances: on PostgreSQL one COPY of every concrete field (ids given
    here, then the sequence moved on), which skips building an INSERT statement per batch; elsewhere
    `bulk_create`. Fields added to the model later are written too."""
    if connection.vendor != "postgresql" or not objs:
        model.objects.bulk_create(objs, batch_size=1000)
        return
    first_id = _next_id(model)
    for n, obj in enumerate(objs):
        obj.pk = first_id + n
    fields = model._meta.concrete_fields
    values = [_copy_value(field) for field in fields]
    bulk_insert(model, [field.column for field in fields], ([value(obj) for value in values] for obj in objs))
    for obj in objs:
        obj._state.adding = False
        obj._state.db = "default"
    _reset_sequences(model)


# Fields whose value, as the instance holds it, is what COPY writes: no conversion to ask the field for (half the
# time of a 50,000-vendor load went to asking).
_AS_HELD = {"AutoField", "BigAutoField", "CharField", "TextField", "SlugField", "EmailField", "URLField",
            "IntegerField", "BigIntegerField", "SmallIntegerField", "PositiveIntegerField",
            "PositiveSmallIntegerField", "BooleanField", "ForeignKey", "OneToOneField"}  # fmt: skip


def _copy_value(field):
    """How to read `field`'s value for COPY from an instance: as held (a country as its code: the instance keeps
    the code, its descriptor wraps it), or as the field prepares it for saving (dates, decimals, auto_now)."""
    if field.get_internal_type() in _AS_HELD and not getattr(field, "auto_now_add", False):
        name = field.attname
        return lambda obj: obj.__dict__.get(name)
    return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)


def _reset_sequences(*models_: type[models.Model]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1


REVIEWER_PREFIX = "demo-reviewer-"


def seed_vendors(count: int, now) -> list[tuple[Vendor, VendorPlan]]:
    """Vendors planned from the market model (`fake.bpo_vendor_plan`): their centers with languages and rates,
    offerings, moderation states, and the reviews of the published ones."""
    rnd = fake.random
    namer = VendorNamer(rnd)
    terms = {
        "services": ServiceType.objects.in_bulk(field_name="slug"),
        "shore_models": ShoreModel.objects.in_bulk(field_name="slug"),
        "call_center_types": CallCenterType.objects.in_bulk(field_name="slug"),
        "channels": Channel.objects.in_bulk(field_name="slug"),
        "languages": Language.objects.in_bulk(field_name="code"),
        "industries": Industry.objects.in_bulk(field_name="slug"),
        "compliance_standards": ComplianceStandard.objects.in_bulk(field_name="slug"),
    }
    planned = {
        "services": "services",
        "shore_models": "shore_models",
        "call_center_types": "call_center_types",
        "channels": "channels",
        "languages": "languages",
        "industries": "industries",
        "compliance_standards": "compliance",
    }

    rows: list[tuple[Vendor, VendorPlan]] = []
    reviews: list[tuple[int, dict, str, datetime]] = []  # (vendor index, review, status, written at)
    used_slugs: set[str] = set()
    for i in range(count):
        plan = fake.bpo_vendor_plan(namer)
        status = rnd.choices(["published", "pending", "draft", "rejected", "archived"], [85, 6, 4, 3, 2])[0]
        slug = slugify(plan.name) or f"vendor-{i}"
        slug = slug if slug not in used_slugs else f"{slug}-{i}"
        used_slugs.add(slug)
        vendor = Vendor(
            name=plan.name,
            slug=slug,
            tagline=plan.tagline,
            description=plan.description,
            website=f"https://{slug}.example.com",
            founded_year=plan.founded_year,
            headquarters_country=plan.hub.country,
            employees=plan.employees,
            hours=plan.hours,
            pricing_model=plan.pricing_model,
            hourly_rate_min=plan.rate_min,
            hourly_rate_max=plan.rate_max,
            min_seats=plan.min_seats,
            min_contract_months=plan.min_contract_months,
            contact_name=f"{rnd.choice(FIRST_NAMES)} {rnd.choice(LAST_NAMES)}",
            contact_email=f"sales@{slug}.example.com",
            contact_phone=f"+1 555 01{rnd.randint(10, 99)} {rnd.randint(1000, 9999)}",
            status=status,
        )
        if status in ("published", "archived"):
            vendor.published_at = now - timedelta(days=rnd.randint(30, 900))
            vendor.status_changed_at = vendor.published_at
        if status == "published":
            vendor.featured = rnd.random() < 0.08
            vendor.featured_at = now if vendor.featured else None
        if status in ("published", "pending") and rnd.random() < 0.45:
            vendor.verified, vendor.verified_at = True, now - timedelta(days=rnd.randint(1, 400))
        if status == "rejected":
            vendor.rejection_reason = "We could not confirm the delivery centers listed."
        if status == "published" and rnd.random() < 0.65:
            # Clients review a vendor they have worked with for a while: ratings around its own quality.
            quality = min(4.8, max(2.2, rnd.gauss(3.9, 0.6)))
            approved = []
            for _ in range(rnd.randint(1, 6)):
                review = fake.bpo_review(plan, quality)
                review_status = rnd.choices(("approved", "pending", "rejected"), (85, 10, 5))[0]
                written = vendor.published_at + (now - vendor.published_at) * rnd.uniform(0.1, 0.95)
                reviews.append((i, review, review_status, written))
                if review_status == "approved":
                    approved.append(review["overall"])
            if approved:
                vendor.rating_average = round(Decimal(sum(approved)) / len(approved), 2)
                vendor.rating_count = len(approved)
        rows.append((vendor, plan))

    vendors = [vendor for vendor, _ in rows]
    create_in_bulk(Vendor, vendors)
    if any(v.pk is None for v in vendors):
        # bulk_create sets primary keys on PostgreSQL and SQLite; re-read defensively if a backend did not.
        by_slug = Vendor.objects.in_bulk([v.slug for v in vendors], field_name="slug")
        for v in vendors:
            v.pk = v.id = by_slug[v.slug].pk

    centers = [
        (
            center,
            DeliveryCenter(
                vendor_id=vendor.pk,
                name=center.name,
                city=center.city,
                country=center.country,
                time_zone=center.time_zone,
                seats=center.seats,
                hourly_rate_min=center.rate_min,
                hourly_rate_max=center.rate_max,
                hours=center.hours,
            ),
        )
        for vendor, plan in rows
        for center in plan.centers
    ]
    create_in_bulk(DeliveryCenter, [row for _, row in centers])
    # The plans hold each term once: the link rows go in as plain tuples, like the postings'.
    languages = terms["languages"]
    bulk_insert(
        DeliveryCenter.languages.through,
        ("deliverycenter_id", "language_id"),
        ((row.pk, languages[code].pk) for center, row in centers for code in center.languages),
    )
    for field in Vendor._meta.many_to_many:
        by_key = terms[field.name]
        bulk_insert(
            field.remote_field.through,
            ("vendor_id", f"{field.m2m_reverse_field_name()}_id"),
            ((vendor.pk, by_key[key].pk) for vendor, plan in rows for key in getattr(plan, planned[field.name])),
        )
    _seed_certifications(rows, terms["compliance_standards"], now)
    _seed_reviews(rows, reviews)
    match_rows_rebuild()  # the bulk load sent no signals
    return rows


def _seed_certifications(rows: list[tuple[Vendor, VendorPlan]], standards: dict, now) -> None:
    """The certifications among each plan's compliance, with an issuer and an expiry a curator checked; a few
    vendors also carry one that has lapsed (it shows nowhere and counts for nothing). Written as plain rows, not
    model instances through `bulk_create` (bench/README.md, "Seeding")."""
    rnd = fake.random
    today = now.date()
    certifications = []
    for vendor, plan in rows:
        for slug in plan.compliance:
            if standards[slug].kind != ComplianceStandard.Kind.CERTIFICATION:
                continue
            years = CERTIFICATION_YEARS.get(slug, 3)
            issued = today - timedelta(days=rnd.randint(20, 365 * years - 20))
            issuer = rnd.choice(CERTIFICATION_ISSUERS[slug])
            checked_at = now - timedelta(days=rnd.randint(1, 20))
            certifications.append(
                (vendor.pk, standards[slug].pk, issuer, issued + timedelta(days=365 * years), "", checked_at, now)
            )
        lapsed = [slug for slug in ("copc", "iso-9001", "soc-2") if slug not in plan.compliance]
        if lapsed and rnd.random() < 0.06:
            slug = rnd.choice(lapsed)
            issuer = rnd.choice(CERTIFICATION_ISSUERS[slug])
            valid_until = today - timedelta(days=rnd.randint(10, 300))
            checked_at = now - timedelta(days=rnd.randint(400, 700))
            certifications.append((vendor.pk, standards[slug].pk, issuer, valid_until, "", checked_at, now))
    columns = ("vendor_id", "standard_id", "issuer", "valid_until", "evidence", "checked_at", "created_at")
    bulk_insert(VendorCertification, columns, certifications)


def _seed_reviews(rows: list[tuple[Vendor, VendorPlan]], reviews: list) -> None:
    """The reviews planned in `seed_vendors`, by demo client accounts (each reviews a vendor at most once)."""
    if not reviews:
        return
    rnd = fake.random
    pool = max(8, len(reviews) // 3)
    # The pool's accounts, numbered from 0: those an earlier seeding made are reused as they are (each one's name
    # is drawn from its number alone), the missing ones made, any beyond the pool removed.
    reviewers = User.objects.filter(username__startswith=REVIEWER_PREFIX)
    author_ids = dict(reviewers.values_list("username", "pk"))
    usernames = [f"{REVIEWER_PREFIX}{n}" for n in range(pool)]
    wanted = set(usernames)
    beyond = [pk for username, pk in author_ids.items() if username not in wanted]
    for start in range(0, len(beyond), 1000):
        User.objects.filter(pk__in=beyond[start : start + 1000]).delete()
    missing = []
    for n, username in enumerate(usernames):
        if username not in author_ids:
            named = random.Random(username)
            first_name, last_name = named.choice(FIRST_NAMES), named.choice(LAST_NAMES)
            missing.append(
                User(
                    username=username,
                    email=f"{REVIEWER_PREFIX}{n}@clients.example.com",
                    first_name=first_name,
                    last_name=last_name,
                    kind=User.Kind.BUSINESS,
                    password=UNUSABLE_PASSWORD,
                )
            )
    User.objects.bulk_create(missing, batch_size=2000)
    author_ids = dict(reviewers.values_list("username", "pk"))
    by_vendor: dict[int, list] = {}
    for index, review, status, written in reviews:
        by_vendor.setdefault(index, []).append((review, status, written))
    columns = (
        "vendor_id", "author_id", "overall", "quality", "communication", "value", "reliability", "text", "status",
        "rejection_reason", "reply", "replied_at", "created_at",
    )  # fmt: skip

    def review_rows():
        for index, planned in by_vendor.items():
            authors = rnd.sample(range(pool), len(planned))
            for (review, status, written), author in zip(planned, authors, strict=True):
                reply = review["reply"] if status == "approved" else ""
                yield (
                    rows[index][0].pk, author_ids[f"{REVIEWER_PREFIX}{author}"], review["overall"],
                    review["quality"], review["communication"], review["value"], review["reliability"],
                    review["text"], status, "It names no program or time frame we could check." if status ==
                    "rejected" else "", reply, written + timedelta(days=3) if reply else None, written,
                )  # fmt: skip

    bulk_insert(Review, columns, review_rows())


def seed_employers(vendors: list[Vendor]) -> tuple[list[Employer], list[Employer], dict[int, str]]:
    """Employer records for most published vendors (BPOs hiring CSRs) and for in-house teams, each with a name
    of its own; the in-house teams' industries by employer id."""
    rnd = fake.random
    bpo = [
        Employer(
            name=v.name, slug=v.slug, vendor_id=v.pk, website=v.website, headquarters_country=v.headquarters_country
        )
        for v in vendors
        if v.status == "published" and rnd.random() < 0.75
    ]
    in_house, slugs = [], {e.slug for e in bpo}
    used_names = {v.name.casefold() for v in vendors}
    for n in range(max(8, len(vendors) // 4)):
        name, industry, country = fake.bpo_in_house_plan(used_names)
        slug = slugify(name)
        slug = slug if slug not in slugs else f"{slug}-{n}"
        slugs.add(slug)
        employer = Employer(
            name=name,
            slug=slug,
            website=f"https://{slug}.example.com",
            headquarters_country=country,
            description=f"{name} runs its own customer care team.",
        )
        employer.industry = industry
        in_house.append(employer)
    create_in_bulk(Employer, bpo + in_house)
    by_slug = Employer.objects.in_bulk([e.slug for e in bpo + in_house], field_name="slug")
    for e in bpo + in_house:
        e.pk = e.id = by_slug[e.slug].pk
    return bpo, in_house, {e.pk: e.industry for e in in_house}


_JOB_COLUMNS = (
    "id", "title", "slug", "employer_id", "description", "city", "country", "work_arrangement", "employment_type",
    "shift", "role", "account_type", "call_direction", "client_industry_id", "salary_min", "salary_max",
    "salary_currency", "salary_period", "min_experience_years", "education_level", "min_typing_wpm", "openings",
    "benefits", "status", "status_changed_at", "rejection_reason", "published_at", "expires_at", "created_at",
    "updated_at",
)  # fmt: skip


def seed_job_postings(
    count: int,
    bpo: list[Employer],
    in_house: list[Employer],
    plans: dict[int, VendorPlan],
    industries_of: dict[int, str],
    now,
) -> tuple[int, int, int]:
    """`count` postings with skill and language requirements, planned one by one (`posting_planner`); returns
    the three row counts."""
    rnd = fake.random
    skills = dict(Skill.objects.values_list("slug", "pk"))
    languages = dict(Language.objects.values_list("code", "pk"))
    industries = dict(Industry.objects.values_list("slug", "pk"))
    certifications = list(Certification.objects.values_list("pk", flat=True))
    first_id = _next_id(JobPosting)
    skill_rows, language_rows, certification_rows = [], [], []
    lifetime = timedelta(days=60)
    cached_slug = functools.lru_cache(maxsize=4096)(slugify)  # titles and cities repeat across postings
    draw = posting_planner(bpo, in_house, plans, industries_of)

    def rows():
        for n in range(count):
            job_id = first_id + n
            employer, city, spec = draw()
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
                spec["work_arrangement"], spec["employment_type"], spec["shift"], spec["role"], spec["account_type"],
                spec["call_direction"], industry, spec["salary_min"], spec["salary_max"], spec["salary_currency"],
                spec["salary_period"], spec["min_experience_years"], spec["education_level"], spec["min_typing_wpm"],
                spec["openings"], spec["benefits"], status, published_at or created_at,
                "The posting does not say what the job pays." if status == "rejected" else "",
                published_at, expires_at, created_at, published_at or created_at,
            )  # fmt: skip
            skill_rows.extend((job_id, skills[slug], importance) for slug, importance in spec["skills"])
            language_rows.extend((job_id, languages[code], level) for code, level in spec["languages"])
            if certifications and rnd.random() < 0.05:
                certification_rows.append((job_id, rnd.choice(certifications)))

    jobs = bulk_insert(JobPosting, _JOB_COLUMNS, rows())
    n_skills = bulk_insert(JobSkillRequirement, ("job_posting_id", "skill_id", "importance"), skill_rows)
    n_languages = bulk_insert(JobLanguageRequirement, ("job_posting_id", "language_id", "level"), language_rows)
    bulk_insert(JobPosting.certifications.through, ("jobposting_id", "certification_id"), certification_rows)
    _reset_sequences(JobPosting, JobSkillRequirement, JobLanguageRequirement, JobPosting.certifications.through)
    return jobs, n_skills, n_languages


@transaction.atomic
def seed_demo(
    *, vendors: int, jobs: int, seed: int, bulk: bool | None = None, defer_indexes: bool = False
) -> SeedReport:
    """Fill an empty directory and job board; all or nothing.

    On PostgreSQL, `bulk` (by default: from `BULK_MIN` postings) has the database write the postings
    (demo/bulk.py); otherwise Python plans each one. With `defer_indexes`, the secondary indexes of a large
    load are left for `deferred_indexes_build` to build after the commit (`indexes_built_after`)."""
    factory.random.reseed_random(seed)
    now = timezone.now().replace(microsecond=0)
    # The directory's tables too, from a few thousand vendors: their foreign keys checked once at the end
    # rather than a deferred check queued per row (at 50,000 vendors the queued checks alone took 13 s).
    directory = [m for m in SEEDED_MODELS if m._meta.app_label == "directory"]
    many_vendors = vendors >= BUILD_INDEXES_AFTER_MIN_VENDORS
    # Their indexes are built here even when deferring: the postings' load reads the directory's tables.
    with indexes_built_after(*directory) if many_vendors else nullcontext():
        vendor_rows = seed_vendors(vendors, now)
        bpo, in_house, industries_of = seed_employers([vendor for vendor, _ in vendor_rows])
        refresh_vendor_search_vectors(everything=True)
    plans = {vendor.pk: plan for vendor, plan in vendor_rows}
    loaded = (JobPosting, JobSkillRequirement, JobLanguageRequirement, JobPosting.certifications.through)
    if bulk is None:
        bulk = jobs >= BULK_MIN
    bulk = bulk and connection.vendor == "postgresql"
    many_jobs = bulk or jobs >= BUILD_INDEXES_AFTER_MIN
    with indexes_built_after(*loaded, unique=bulk, defer=defer_indexes) if many_jobs else nullcontext():
        if bulk:
            # PostgreSQL writes the postings and their search vectors itself (demo/bulk.py).
            first_id = _next_id(JobPosting)
            n_jobs, n_skills, n_languages = seed_job_postings_in_bulk(
                jobs, bpo, in_house, plans, industries_of, now, seed, first_id
            )
            _reset_sequences(*loaded)
            refresh_search_words(JobPosting.objects.visible_to_public(), "title", everything=True)
        else:
            n_jobs, n_skills, n_languages = seed_job_postings(jobs, bpo, in_house, plans, industries_of, now)
            # Bulk inserts send no signals. Before the indexes exist, the vectors are written once, not indexed
            # twice.
            refresh_job_search_vectors(everything=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return SeedReport(len(vendor_rows), len(bpo) + len(in_house), n_jobs, n_skills, n_languages)


__all__ = [
    "REVIEWER_PREFIX",
    "SeedReport",
    "deferred_indexes_build",
    "flush_seeded_data",
    "has_seeded_data",
    "seed_demo",
]
