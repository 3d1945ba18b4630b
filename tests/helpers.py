"""What the tests build with and read with; the one module a test imports besides its conftest.

The factories live beside the code (`<app>/factories.py`, `seed_demo` uses them too) and are imported from
there. Here are the builders made of them: vendors and postings with exactly the attributes a test names
(nothing random that a filter could match), the people of each role, uploads and API clients; the readers of
responses; and the workflow assertions both moderation workflows are tested with.
"""

import os
import secrets
import subprocess
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.text import camel_case_to_spaces, slugify
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from core.workflow import InvalidTransition
from demo.factories.accounts import CuratorFactory, SeekerFactory, SuperuserFactory, VerifiedUserFactory
from demo.factories.directory import (
    ArchivedVendorFactory,
    BpoEmployerFactory,
    DeliveryCenterFactory,
    EmployerFactory,
    PendingVendorFactory,
    PublishedVendorFactory,
    RejectedVendorFactory,
    VendorFactory,
    VendorMembershipFactory,
)
from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
    RejectedJobPostingFactory,
    WithdrawnJobPostingFactory,
)
from directory.models import (
    CallCenterType,
    Channel,
    ComplianceStandard,
    Industry,
    Language,
    ServiceType,
    ShoreModel,
    Vendor,
    VendorCertification,
)
from jobs.models import Certification, JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill

# --- Vocabularies -----------------------------------------------------------------------------------------------


def terms(model, *values, field="slug"):
    """Vocabulary rows (created by the migrations) by slug or code, in the order given."""
    found = {getattr(term, field): term for term in model.objects.filter(**{f"{field}__in": values})}
    assert set(found) == set(values), f"unknown {model.__name__}: {set(values) - set(found)}"
    return [found[value] for value in values]


# --- Vendors ----------------------------------------------------------------------------------------------------

# A vendor's many-to-many vocabularies: (model, the field a test names a term by).
VENDOR_VOCABULARIES = {
    "services": (ServiceType, "slug"),
    "shore_models": (ShoreModel, "slug"),
    "call_center_types": (CallCenterType, "slug"),
    "channels": (Channel, "slug"),
    "languages": (Language, "code"),
    "industries": (Industry, "slug"),
    "compliance_standards": (ComplianceStandard, "slug"),
}

# The time zone of a delivery center named by its city, by country.
TIME_ZONES = {
    "PH": "Asia/Manila",
    "MX": "America/Mexico_City",
    "CO": "America/Bogota",
    "IN": "Asia/Kolkata",
    "US": "America/Chicago",
}

VENDOR_FACTORIES = {
    Vendor.Status.DRAFT: VendorFactory,
    Vendor.Status.PENDING: PendingVendorFactory,
    Vendor.Status.PUBLISHED: PublishedVendorFactory,
    Vendor.Status.REJECTED: RejectedVendorFactory,
    Vendor.Status.ARCHIVED: ArchivedVendorFactory,
}
# A vendor of each status the public must not see, by status.
HIDDEN_VENDOR_FACTORIES = {
    status.value: factory for status, factory in VENDOR_FACTORIES.items() if status != Vendor.Status.PUBLISHED
}


def make_vendor(
    name, *, factory=PublishedVendorFactory, centers=(), verified=False, featured=False, rating=None, **fields
):
    """A vendor named `name` (slug from the name) with exactly the given attributes: vocabularies as lists of
    slugs (languages: codes); delivery centers as (country, seats), each "Center <n>" in "City <n>" on UTC, or
    as (country, city, seats) in the country's usual time zone; `rating` an average of 12 reviews. No tagline,
    description, rates or founding year unless given; any other field as given."""
    now = timezone.now()
    relations = {
        key: terms(model, *fields.pop(key), field=by)
        for key, (model, by) in VENDOR_VOCABULARIES.items()
        if key in fields
    }
    values = {
        "slug": slugify(name),
        "tagline": "",
        "description": "",
        "hours": Vendor.Hours.BUSINESS,
        "hourly_rate_min": None,
        "hourly_rate_max": None,
        "founded_year": None,
        "verified": verified,
        "verified_at": now if verified else None,
        "featured": featured,
        "featured_at": now if featured else None,
        "rating_average": rating,
        "rating_count": 12 if rating else 0,
        **fields,
    }
    vendor = factory(name=name, **values, **relations)
    for index, center in enumerate(centers):
        if isinstance(center, dict):
            center = dict(center)
            country = center.pop("country")
            city = center.pop("city", f"City {index}")
            languages = center.pop("languages", ())
            low, high = center.pop("rates", (None, None))
            row = DeliveryCenterFactory(
                vendor=vendor,
                name=center.pop("name", f"{city} center"),
                city=city,
                country=country,
                seats=center.pop("seats", 100),
                time_zone=center.pop("time_zone", TIME_ZONES.get(country, "UTC")),
                hours=center.pop("hours", vendor.hours),
                hourly_rate_min=low,
                hourly_rate_max=high,
                **center,
            )
            row.languages.set(terms(Language, *languages, field="code"))
            continue
        if len(center) == 2:
            (country, seats), city, center_name, time_zone = center, f"City {index}", f"Center {index}", "UTC"
        else:
            (country, city, seats), time_zone = center, TIME_ZONES[center[0]]
            center_name = f"{city} center"
        DeliveryCenterFactory(
            vendor=vendor,
            name=center_name,
            city=city,
            country=country,
            seats=seats,
            time_zone=time_zone,
            hours=vendor.hours,
            hourly_rate_min=vendor.hourly_rate_min,
            hourly_rate_max=vendor.hourly_rate_max,
        )
    # A certification listed on a test vendor is one a curator checked, valid for a year.
    for standard in vendor.compliance_standards.filter(kind=ComplianceStandard.Kind.CERTIFICATION):
        VendorCertification.objects.create(
            vendor=vendor,
            standard=standard,
            issuer="Test Registrar",
            valid_until=timezone.localdate() + timedelta(days=365),
            checked_at=now,
        )
    return vendor


def vendor_in(status: str, **fields) -> Vendor:
    """A vendor in `status`, otherwise as the factory of that state makes it."""
    vendor = VENDOR_FACTORIES[status](**fields)
    assert vendor.status == status
    return vendor


def bulk_vendors(count: int, **fields) -> list[Vendor]:
    """`count` published vendors "Bulk Vendor 000"..., in one INSERT (no signals, no vocabularies)."""
    now = timezone.now()
    values = {"status": Vendor.Status.PUBLISHED, "published_at": now, "hours": Vendor.Hours.BUSINESS, **fields}
    return Vendor.objects.bulk_create(
        Vendor(name=f"Bulk Vendor {i:03}", slug=f"bulk-vendor-{i:03}", **values) for i in range(count)
    )


def published_vendors_with_centers(n: int) -> None:
    """`n` published vendors, each with three services and two Philippine centers."""
    services = list(ServiceType.objects.all()[:3])
    for _ in range(n):
        vendor = PublishedVendorFactory(services=services)
        DeliveryCenterFactory(vendor=vendor, city="Manila", country="PH", time_zone="Asia/Manila")
        DeliveryCenterFactory(vendor=vendor, city="Cebu City", country="PH", time_zone="Asia/Manila")


# --- Job postings -----------------------------------------------------------------------------------------------

JOB_DEFAULTS = {
    "description": "Help our customers.",
    "city": "Manila",
    "country": "PH",
    "work_arrangement": "onsite",
    "employment_type": "full_time",
    "shift": "day",
    "role": "agent",
    "account_type": "voice",
    "call_direction": "",
    "client_industry": None,
    "salary_min": None,
    "salary_max": None,
    "salary_currency": "",
    "salary_period": "month",
    "min_experience_years": 0,
    "education_level": "high_school",
    "min_typing_wpm": None,
    "openings": 1,
    "benefits": "",
}

POSTING_FACTORIES = {
    JobPosting.Status.DRAFT: JobPostingFactory,
    JobPosting.Status.PENDING: PendingJobPostingFactory,
    JobPosting.Status.PUBLISHED: PublishedJobPostingFactory,
    JobPosting.Status.REJECTED: RejectedJobPostingFactory,
    JobPosting.Status.CLOSED: ClosedJobPostingFactory,
    JobPosting.Status.WITHDRAWN: WithdrawnJobPostingFactory,
    JobPosting.Status.EXPIRED: ExpiredJobPostingFactory,
}


def make_job(
    title,
    *,
    factory=PublishedJobPostingFactory,
    employer=None,
    skills=(),
    preferred=(),
    languages=(),
    certifications=(),
    days_ago=1.0,
    **fields,
):
    """A posting titled `title` (slug from the title) with exactly the given attributes: skills as slugs
    (required) or (slug, importance), `preferred` skills as slugs, languages as codes or (code, CEFR level),
    certifications as slugs; without an employer, an in-house "Northwind Services" of its own. Published
    postings (and the closed and expired ones, whose factories derive from it) were published `days_ago` days
    ago and run 60 days from then."""
    values = {"slug": slugify(title), **JOB_DEFAULTS, **fields}
    for key in ("salary_min", "salary_max"):
        if values[key] is not None:
            values[key] = Decimal(values[key])
    if issubclass(factory, PublishedJobPostingFactory):
        values.setdefault("published_at", timezone.now() - timedelta(days=days_ago))
        values.setdefault("expires_at", values["published_at"] + timedelta(days=60))
    if employer is None:
        employer = EmployerFactory(name="Northwind Services", slug=f"{values['slug']}-co")
    posting = factory(title=title, employer=employer, skills=[], **values)
    for item in skills:
        slug, importance = item if isinstance(item, tuple) else (item, JobSkillRequirement.Importance.REQUIRED)
        JobSkillRequirement.objects.create(
            job_posting=posting, skill=Skill.objects.get(slug=slug), importance=importance
        )
    for slug in preferred:
        JobSkillRequirement.objects.create(
            job_posting=posting, skill=Skill.objects.get(slug=slug), importance=JobSkillRequirement.Importance.PREFERRED
        )
    for item in languages:
        code, level = item if isinstance(item, tuple) else (item, "B2")
        JobLanguageRequirement.objects.create(
            job_posting=posting, language=Language.objects.get(code=code), level=level
        )
    if certifications:
        posting.certifications.set(Certification.objects.filter(slug__in=certifications))
    posting.refresh_from_db()
    return posting


def closed_posting(title, **kwargs) -> JobPosting:
    """Closed by its employer, ten days after it was published."""
    return make_job(title, factory=ClosedJobPostingFactory, days_ago=10, **kwargs)


def expired_posting(title, **kwargs) -> JobPosting:
    """Moved to "expired" by the expiry job."""
    return make_job(title, factory=ExpiredJobPostingFactory, days_ago=70, **kwargs)


def past_expiry_posting(title, **kwargs) -> JobPosting:
    """Still "published", but its expiry date has passed and the expiry job has not run yet."""
    now = timezone.now()
    return make_job(title, published_at=now - timedelta(days=61), expires_at=now - timedelta(minutes=5), **kwargs)


def posting_in(status: str, **fields) -> JobPosting:
    """A posting in `status` with no skills, otherwise as the factory of that state makes it."""
    posting = POSTING_FACTORIES[status](skills=[], **fields)
    assert posting.status == status
    return posting


def bulk_postings(count: int, *, employer, **fields) -> list[JobPosting]:
    """`count` open Philippine postings "Bulk Agent 000"..., in one INSERT (no signals, no requirements), one a
    minute apart, the first the newest, each running 30 more days."""
    now = timezone.now()
    values = {"description": "Bulk.", "country": "PH", "status": JobPosting.Status.PUBLISHED, **fields}
    return JobPosting.objects.bulk_create(
        JobPosting(
            title=f"Bulk Agent {i:03}",
            slug=f"bulk-agent-{i:03}",
            employer=employer,
            published_at=now - timedelta(minutes=i + 1),
            expires_at=now + timedelta(days=30),
            **values,
        )
        for i in range(count)
    )


# --- People -----------------------------------------------------------------------------------------------------

ROLES = ("anonymous", "seeker", "business", "member", "other_member", "curator", "superuser")


@dataclass
class Cast:
    """One of each role: `member` belongs to `vendor` (and posts for `employer`), `other_member` to
    `other_vendor`."""

    users: dict
    vendor: object
    employer: object
    other_vendor: object
    other_employer: object


def cast() -> Cast:
    """The people the reliability tests act as, one per role (anonymous: None), with their organizations."""
    vendor = PublishedVendorFactory(name="Harbor Contact", slug="harbor-contact")
    other_vendor = PublishedVendorFactory(name="Summit Outsourcing", slug="summit-outsourcing")
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory(username="member")).user
    other_member = VendorMembershipFactory(vendor=other_vendor, user=VerifiedUserFactory(username="other")).user
    users = {
        "anonymous": None,
        "seeker": SeekerFactory(username="seeker"),
        "business": VerifiedUserFactory(username="business", kind=User.Kind.BUSINESS),
        "member": member,
        "other_member": other_member,
        "curator": CuratorFactory(username="curator"),
        "superuser": SuperuserFactory(username="superuser"),
    }
    return Cast(
        users=users,
        vendor=vendor,
        employer=BpoEmployerFactory(vendor=vendor, slug="harbor-contact-jobs"),
        other_vendor=other_vendor,
        other_employer=BpoEmployerFactory(vendor=other_vendor, slug="summit-outsourcing-jobs"),
    )


def client_for(user) -> APIClient:
    """A client sending `user`'s token in the Authorization header, as an API consumer does (None: anonymous)."""
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


# --- Uploads ----------------------------------------------------------------------------------------------------


def pdf(name="cv.pdf", size=None) -> SimpleUploadedFile:
    """A small real PDF (padded to `size` bytes when given)."""
    body = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    if size:
        body = body + b"0" * (size - len(body))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


# --- Reading responses ------------------------------------------------------------------------------------------


def slugs(response) -> list[str]:
    """The slugs of an API list response's results, in order."""
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def count_queries(client, url):
    """GET `url` twice and return (queries of the second request, its response).

    The first request warms the session and content-type caches, so two counts measure the same work.
    """
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response


def count_api_queries(client, url):
    """`count_queries` of an API endpoint: (queries of the second request, its JSON body)."""
    count, response = count_queries(client, url)
    return count, response.json()


# --- The moderation workflows -----------------------------------------------------------------------------------


def run_action(client, changelist, action, objects, *, reason="", days="", follow=True):
    """Tick `objects` in the admin changelist (a URL name), pick `action` in the action bar and press Go, as a
    browser does."""
    return client.post(
        reverse(changelist),
        {"action": action, "_selected_action": [o.pk for o in objects], "reason": reason, "days": days},
        follow=follow,
    )


def other_statuses(statuses, *allowed: str) -> list[str]:
    """The values of the `statuses` choices, but the allowed ones."""
    return [status for status in statuses.values if status not in allowed]


def snapshot(obj, *relations: str) -> dict:
    """Every column of `obj` as stored now (and the pks of the given many-to-many or reverse relations), to
    compare before and after a refused change."""
    obj = type(obj)._default_manager.get(pk=obj.pk)
    # The search vector is a cache derived from the other columns, kept by signals.
    state = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if field.name != "search_vector"
    }
    for name in relations:
        state[name] = sorted(getattr(obj, name).values_list("pk", flat=True))
    return state


def history(obj) -> list[tuple]:
    """The object's admin "History" page: (user id, action flag, message) per entry, oldest first."""
    return list(
        LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .order_by("action_time", "pk")
        .values_list("user_id", "action_flag", "change_message")
    )


def assert_transition(obj, status: str, *, by, message: str = "", clock=None) -> None:
    """`obj` is now in `status`, changed by `by` (None: the system) while the `clock` ran, and its history
    records `message` by that person (a change by the system leaves no history)."""
    obj.refresh_from_db()
    assert obj.status == status
    if clock is not None:
        assert clock.saw(obj.status_changed_at)
    assert obj.status_changed_by == by
    assert history(obj) == ([(by.pk, CHANGE, message)] if by else [])


def assert_invalid_transition(service, obj, **kwargs) -> InvalidTransition:
    """The service refuses `obj` in its status, and neither the row nor its history changes."""
    error = _refused(service, obj, InvalidTransition, **kwargs)
    assert error.code == "invalid_transition"
    return error


def assert_refused(service, obj, *, field: str, **kwargs) -> ValidationError:
    """The service refuses `obj` with an error on `field` of what it was given, and neither the row nor its
    history changes."""
    error = _refused(service, obj, ValidationError, **kwargs)
    assert field in error.message_dict
    return error


def _refused(service, obj, error_class, **kwargs):
    # The services name their subject after its model: `vendor=`, `job_posting=`.
    subject = camel_case_to_spaces(obj._meta.object_name).replace(" ", "_")
    status, before = obj.status, snapshot(obj)
    with pytest.raises(error_class) as excinfo:
        service(**{subject: obj}, **kwargs)
    obj.refresh_from_db()
    assert obj.status == status
    assert snapshot(obj) == before
    assert history(obj) == []
    return excinfo.value


# --- Settings in a fresh interpreter ----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
# Variables the settings read; the subprocesses get only the ones a test sets.
CONTROLLED = ("DJANGO_", "DATABASE_URL", "DATABASE_REPLICA", "EMAIL_URL", "REDIS_URL")
SQLITE_URL = f"sqlite:///{ROOT / 'db.sqlite3'}"


def run(args, **variables):
    """Run `args` from the project's root with only the given settings variables, as a deployment starts. The
    limit leaves room for collectstatic, which compresses every static file (about 50 s on 2 busy cores)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(CONTROLLED)}
    env.update(variables)
    return subprocess.run(  # noqa: S603 - our own interpreter and project
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
    )


def production_variables(**overrides):
    """The environment production needs, with `overrides` (None removes a variable)."""
    variables = {
        "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(45),  # 60 characters
        "DJANGO_ALLOWED_HOSTS": "bpo.example.com",
        # Whatever database this test run uses, unchanged; production has no SQLite default of its own.
        "DATABASE_URL": os.environ.get("DATABASE_URL") or SQLITE_URL,
        "EMAIL_URL": "smtp+tls://u:p@mail.example.com:587",
    }
    variables.update(overrides)
    return {k: v for k, v in variables.items() if v is not None}


def is_project_module(name: str) -> bool:
    """Whether a dotted module name is the project's own code (its top package is a folder of the repository),
    not Django's or a library's."""
    top = name.partition(".")[0]
    return (settings.BASE_DIR / top / "__init__.py").is_file() or (settings.BASE_DIR / f"{top}.py").is_file()
