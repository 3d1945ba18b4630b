"""Builders the API tests share: token clients, and vendors and postings with exactly the attributes a test
names (nothing random that a filter could match), plus small readers of API responses."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from directory.models import CallCenterType, Channel, ComplianceStandard, Industry, Language, ServiceType, ShoreModel
from jobs.models import JobLanguageRequirement, JobSkillRequirement, Skill
from tests.factories import DeliveryCenterFactory, EmployerFactory, PublishedJobPostingFactory, PublishedVendorFactory

VOCABULARIES = {
    "services": ServiceType,
    "shore_models": ShoreModel,
    "call_center_types": CallCenterType,
    "channels": Channel,
    "industries": Industry,
    "compliance_standards": ComplianceStandard,
}


def client_for(user) -> APIClient:
    """A client sending `user`'s token in the Authorization header, as an API consumer does."""
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def terms(model, *values, field="slug"):
    """Vocabulary rows (created by the migrations) by slug or code, in the order given."""
    found = {getattr(term, field): term for term in model.objects.filter(**{f"{field}__in": values})}
    assert set(found) == set(values), f"unknown {model.__name__}: {set(values) - set(found)}"
    return [found[value] for value in values]


def slugify(text: str) -> str:
    return text.lower().replace(" ", "-")


def make_vendor(name, *, factory=PublishedVendorFactory, centers=(), languages=(), **fields):
    """A vendor named `name` (slug from the name) with exactly the given vocabularies (slugs), languages (codes)
    and delivery centers ((country, seats) pairs); no tagline or description, no rates, rating or founding year
    unless given."""
    relations = {key: terms(model, *fields.pop(key, ())) for key, model in VOCABULARIES.items()}
    defaults = {
        "slug": slugify(name),
        "tagline": "",
        "description": "",
        "hours": "business",
        "hourly_rate_min": None,
        "hourly_rate_max": None,
        "founded_year": None,
        "rating_average": None,
        "rating_count": 0,
    }
    if fields.get("verified"):
        defaults["verified_at"] = timezone.now()
    vendor = factory(name=name, **{**defaults, **fields}, **relations)
    if languages:
        vendor.languages.set(terms(Language, *languages, field="code"))
    for index, (country, seats) in enumerate(centers):
        DeliveryCenterFactory(
            vendor=vendor, name=f"Center {index}", city=f"City {index}", country=country, seats=seats, time_zone="UTC"
        )
    return vendor


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


def make_job(title, *, factory=PublishedJobPostingFactory, skills=(), languages=(), days_ago=1.0, **fields):
    """A posting titled `title` (slug from the title) with exactly the given attributes: skills as slugs or
    (slug, importance), languages as codes or (code, CEFR level). Published postings (and the closed and expired
    ones, whose factories derive from it) were published `days_ago` days ago and run 60 days from then."""
    if "employer" not in fields:
        fields["employer"] = EmployerFactory(name=f"{title} Employer", slug=f"{slugify(title)}-co")
    for key in ("salary_min", "salary_max"):
        if fields.get(key) is not None:
            fields[key] = Decimal(fields[key])
    if issubclass(factory, PublishedJobPostingFactory):
        published_at = timezone.now() - timedelta(days=days_ago)
        fields = {"published_at": published_at, "expires_at": published_at + timedelta(days=60), **fields}
    job = factory(title=title, slug=slugify(title), skills=[], **{**JOB_DEFAULTS, **fields})
    for item in skills:
        slug, importance = item if isinstance(item, tuple) else (item, "required")
        JobSkillRequirement.objects.create(job_posting=job, skill=Skill.objects.get(slug=slug), importance=importance)
    for item in languages:
        code, level = item if isinstance(item, tuple) else (item, "B2")
        JobLanguageRequirement.objects.create(job_posting=job, language=Language.objects.get(code=code), level=level)
    return job


def slugs(response) -> list[str]:
    """The slugs of a list response's results, in order."""
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


def snapshot(obj, *relations: str) -> dict:
    """Every column of `obj` as stored now (and the pks of the given many-to-many or reverse relations), to
    compare before and after a refused write."""
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
