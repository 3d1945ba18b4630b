"""Writes to the directory: the vendor moderation workflow.

Every transition locks the row, checks the current status, records who did it and when, and
runs in one transaction. The admin actions (and later the API and the dashboards) call these.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.mail import send_templated_after_commit
from core.workflow import InvalidTransition, lock_for_update, record_action, require_status, set_status
from directory.match_index import match_rows_refresh
from directory.models import DeliveryCenter, Language, Vendor
from directory.selectors import member_emails
from directory.services.certifications import vendor_regulations_set

Status = Vendor.Status


@transaction.atomic
def vendor_submit(*, vendor: Vendor, actor: User | None) -> Vendor:
    """Send a draft, rejected or archived listing to the curators' review queue."""
    vendor = lock_for_update(vendor)
    require_status(vendor, "submit", {Status.DRAFT, Status.REJECTED, Status.ARCHIVED})
    fields = set_status(vendor, Status.PENDING, actor, timezone.now())
    vendor.save(update_fields=fields)
    record_action(actor, vendor, "Submitted for review")
    return vendor


@transaction.atomic
def vendor_approve(*, vendor: Vendor, actor: User) -> Vendor:
    """Publish a listing. Curators may publish a draft directly; rejected listings must be resubmitted first."""
    vendor = lock_for_update(vendor)
    require_status(vendor, "approve", {Status.DRAFT, Status.PENDING})
    now = timezone.now()
    fields = set_status(vendor, Status.PUBLISHED, actor, now)
    vendor.published_at = vendor.published_at or now
    vendor.rejection_reason = ""
    vendor.save(update_fields=[*fields, "published_at", "rejection_reason"])
    record_action(actor, vendor, "Approved and published")
    return vendor


@transaction.atomic
def vendor_reject(*, vendor: Vendor, actor: User, reason: str) -> Vendor:
    """Turn down a listing under review, with a reason the vendor will read."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the listing is rejected; the vendor sees this reason."})
    vendor = lock_for_update(vendor)
    require_status(vendor, "reject", {Status.PENDING})
    fields = set_status(vendor, Status.REJECTED, actor, timezone.now())
    vendor.rejection_reason = reason
    vendor.save(update_fields=[*fields, "rejection_reason"])
    record_action(actor, vendor, f"Rejected: {reason}")
    send_templated_after_commit("directory/email/vendor_rejected", {"vendor": vendor}, member_emails(vendor=vendor))
    return vendor


@transaction.atomic
def vendor_archive(*, vendor: Vendor, actor: User) -> Vendor:
    """Take a listing off the site for good; it stops being featured."""
    vendor = lock_for_update(vendor)
    require_status(vendor, "archive", {Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.REJECTED})
    fields = set_status(vendor, Status.ARCHIVED, actor, timezone.now())
    vendor.featured, vendor.featured_at, vendor.featured_by = False, None, None
    vendor.save(update_fields=[*fields, "featured", "featured_at", "featured_by"])
    record_action(actor, vendor, "Archived")
    return vendor


def _set_badge(
    vendor: Vendor, actor: User, badge: str, on: bool, *, refusal: str, message: str, action="", statuses=None
) -> Vendor:
    """Give (`on`) or take away a curator's badge, `verified` or `featured` with its `_at` and `_by`, and record it.
    When `statuses` are given, only a vendor in one of them may get it (`action` names the attempt); giving it twice,
    or taking away what is not there, is an invalid transition said by `refusal`."""
    vendor = lock_for_update(vendor)
    if statuses is not None:
        require_status(vendor, action, statuses)
    if getattr(vendor, badge) == on:
        raise InvalidTransition(vendor, refusal)
    setattr(vendor, badge, on)
    setattr(vendor, f"{badge}_at", timezone.now() if on else None)
    setattr(vendor, f"{badge}_by", actor if on else None)
    vendor.save(update_fields=[badge, f"{badge}_at", f"{badge}_by", "updated_at"])
    record_action(actor, vendor, message)
    return vendor


@transaction.atomic
def vendor_verify(*, vendor: Vendor, actor: User) -> Vendor:
    """Mark a pending or published vendor as checked by a curator (the "verified" badge)."""
    return _set_badge(
        vendor,
        actor,
        "verified",
        True,
        refusal="verify an already verified",
        message="Verified",
        action="verify",
        statuses={Status.PENDING, Status.PUBLISHED},
    )


@transaction.atomic
def vendor_unverify(*, vendor: Vendor, actor: User) -> Vendor:
    return _set_badge(
        vendor, actor, "verified", False, refusal="remove the badge of an unverified", message="Verification removed"
    )


@transaction.atomic
def vendor_feature(*, vendor: Vendor, actor: User) -> Vendor:
    """Show a published vendor on the home page and first in the list."""
    return _set_badge(
        vendor,
        actor,
        "featured",
        True,
        refusal="feature an already featured",
        message="Featured",
        action="feature",
        statuses={Status.PUBLISHED},
    )


@transaction.atomic
def vendor_unfeature(*, vendor: Vendor, actor: User) -> Vendor:
    return _set_badge(
        vendor, actor, "featured", False, refusal="unfeature a non-featured", message="No longer featured"
    )


# What a vendor's members edit on its profile; status, badges, the slug and the private contact are not theirs.
VENDOR_EDITABLE_FIELDS = (
    "name",
    "tagline",
    "description",
    "website",
    "founded_year",
    "headquarters_country",
    "employees",
    "hours",
    "pricing_model",
    "hourly_rate_min",
    "hourly_rate_max",
    "min_seats",
    "min_contract_months",
)
VENDOR_EDITABLE_RELATIONS = (
    "services",
    "shore_models",
    "call_center_types",
    "channels",
    "languages",
    "industries",
    "compliance_standards",
)


CENTER_FIELDS = ("name", "city", "country", "time_zone", "seats", "hours", "hourly_rate_min", "hourly_rate_max")
HOURS_ORDER = (Vendor.Hours.BUSINESS, Vendor.Hours.EXTENDED, Vendor.Hours.ALWAYS)


@transaction.atomic
def vendor_update(
    *, vendor: Vendor, actor: User, fields: dict, relations: dict | None = None, centers: list[dict] | None = None
) -> Vendor:
    """A member changes the vendor's profile: plain fields, the vocabularies it offers and its delivery centers
    (each list, when given, replaced whole)."""
    relations = relations or {}
    unknown = (set(fields) - set(VENDOR_EDITABLE_FIELDS)) | (set(relations) - set(VENDOR_EDITABLE_RELATIONS))
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    vendor = lock_for_update(vendor)
    require_status(vendor, "edit", {Status.DRAFT, Status.PENDING, Status.PUBLISHED, Status.REJECTED})
    for name, value in fields.items():
        setattr(vendor, name, value)
    vendor.full_clean()
    vendor.save()
    for name, terms in relations.items():
        if name == "compliance_standards":
            vendor_regulations_set(vendor=vendor, standards=terms)
        else:
            getattr(vendor, name).set(terms)
    if centers is not None:
        vendor_centers_replace(vendor=vendor, centers=centers)
    vendor_figures_derive(vendor=vendor)
    record_action(actor, vendor, "Profile edited")
    return vendor


def vendor_centers_replace(*, vendor: Vendor, centers: list[dict]) -> None:
    """Replace the vendor's centers with `centers`. A value a center leaves out (an older client's) is kept from
    the center it replaces (the same name, city and country): its hours, rates and languages."""
    kept = {(old.name, old.city, old.country.code): old for old in vendor.centers.prefetch_related("languages")}
    rows, languages = [], {}
    for center in centers:
        country = center.get("country")
        key = (center.get("name") or "", center.get("city"), str(getattr(country, "code", country)))
        old = kept.get(key)
        values = {name: center[name] for name in CENTER_FIELDS if name in center}
        for name in ("hours", "hourly_rate_min", "hourly_rate_max"):
            if name not in values and old is not None:
                values[name] = getattr(old, name)
        row = DeliveryCenter(vendor=vendor, **values)
        row.full_clean(exclude=["vendor"], validate_unique=False)
        if "languages" in center:
            languages[key] = _language_ids(center["languages"])
        elif old is not None:
            languages[key] = [language.pk for language in old.languages.all()]
        rows.append((key, row))
    keys = [key for key, _ in rows]
    if len(keys) != len(set(keys)):
        raise ValidationError({"centers": "Each center once (the same name in the same city)."})
    vendor.centers.all().delete()
    DeliveryCenter.objects.bulk_create([row for _, row in rows])
    through = DeliveryCenter.languages.through
    through.objects.bulk_create(
        through(deliverycenter_id=row.pk, language_id=language)
        for key, row in rows
        for language in languages.get(key, ())
    )


def _language_ids(languages) -> list[int]:
    """Language rows or ISO codes, as ids; an unknown code is a ValidationError."""
    codes = [getattr(language, "code", language) for language in languages]
    found = dict(Language.objects.filter(code__in=codes).values_list("code", "pk"))
    unknown = sorted(set(codes) - set(found))
    if unknown:
        raise ValidationError({"centers": f"Unknown language codes: {', '.join(unknown)}."})
    return sorted({found[code] for code in codes})


def vendor_figures_derive(*, vendor: Vendor) -> None:
    """A vendor is its centers: where they say it, its hours are its longest center's, its rate band spans its
    centers' and its languages are theirs together. What no center says stays as the vendor gave it."""
    centers = list(vendor.centers.prefetch_related("languages"))
    changed = []
    if centers:
        vendor.hours = max((center.hours for center in centers), key=HOURS_ORDER.index)
        changed.append("hours")
    lows = [center.hourly_rate_min for center in centers if center.hourly_rate_min is not None]
    if lows:
        highs = [c.hourly_rate_max or c.hourly_rate_min for c in centers if c.hourly_rate_min is not None]
        vendor.hourly_rate_min, vendor.hourly_rate_max = min(lows), max(highs or lows)
        changed += ["hourly_rate_min", "hourly_rate_max"]
    if changed:
        vendor.save(update_fields=[*changed, "updated_at"])
    spoken = {language for center in centers for language in center.languages.all()}
    if spoken:
        vendor.languages.set(spoken)
    match_rows_refresh([vendor.pk])  # the centers were written in bulk, which sends no signal
