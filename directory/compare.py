"""The compare page's table: one row per attribute, one column per vendor, differences marked."""

from dataclasses import dataclass

from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import pluralize

MIN_VENDORS = 2
MAX_VENDORS = 4


@dataclass(frozen=True)
class Row:
    label: str
    values: list[str]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


def _names(items) -> str:
    return ", ".join(str(item) for item in items) or "—"


def _rate(vendor) -> str:
    if vendor.hourly_rate_min is None:
        return "On request"
    if vendor.hourly_rate_max is None or vendor.hourly_rate_max == vendor.hourly_rate_min:
        return f"${vendor.hourly_rate_min}"
    return f"${vendor.hourly_rate_min} to ${vendor.hourly_rate_max}"


def _rating(vendor) -> str:
    if not vendor.rating_count:
        return "No reviews yet"
    return f"{vendor.rating_average} / 5 ({vendor.rating_count} reviews)"


def _engagement(vendor) -> str:
    parts = []
    if vendor.min_seats:
        parts.append(f"{vendor.min_seats} seat{pluralize(vendor.min_seats)}")
    if vendor.min_contract_months:
        parts.append(f"{vendor.min_contract_months} month{pluralize(vendor.min_contract_months)}")
    return ", ".join(parts) or "None stated"


def _certifications(vendor) -> str:
    return _names(f"{c.standard} until {c.valid_until:%Y-%m}" for c in vendor.valid_certifications)


def _centers(vendor) -> str:
    """Each center's seats, languages, hours and rates: what a brief is judged on."""
    rows = []
    for center in vendor.centers.all():
        rate = (
            f"${center.hourly_rate_min:.0f}-{center.hourly_rate_max or center.hourly_rate_min:.0f}/h"
            if center.hourly_rate_min is not None
            else "rates on request"
        )
        languages = ", ".join(language.code for language in center.languages.all()) or "languages not listed"
        rows.append(
            f"{center.city} ({center.country.code}): {center.seats:,} seats, {languages}, "
            f"{center.get_hours_display()}, {rate}"
        )
    return "; ".join(rows) or "—"


def comparison_rows(vendors) -> list[Row]:
    """Rows for vendors fetched with their relations prefetched (`Vendor.objects.for_profile()`)."""
    attributes = [
        ("Verified", lambda v: "Yes" if v.verified else "No"),
        ("Rating", _rating),
        ("Headquarters", lambda v: v.headquarters_country.name or "—"),
        ("Founded", lambda v: str(v.founded_year or "—")),
        ("Front-office services", lambda v: _names(s for s in v.services.all() if s.category == "front_office")),
        ("Back-office services", lambda v: _names(s for s in v.services.all() if s.category == "back_office")),
        ("Shore models", lambda v: _names(v.shore_models.all())),
        ("Call-center types", lambda v: _names(v.call_center_types.all())),
        ("Channels", lambda v: _names(v.channels.all())),
        ("Languages", lambda v: _names(v.languages.all())),
        ("Delivery countries", lambda v: _names(sorted({c.country.name for c in v.centers.all()}))),
        ("Total seats", lambda v: intcomma(sum(c.seats for c in v.centers.all()))),
        ("Industries", lambda v: _names(v.industries.all())),
        ("Certifications", _certifications),
        ("Works under", lambda v: _names(v.regulations)),
        ("Centers", _centers),
        ("Hours", lambda v: v.get_hours_display()),
        ("Pricing model", lambda v: v.get_pricing_model_display() or "On request"),
        ("Hourly rate (USD)", _rate),
        ("Minimum engagement", _engagement),
    ]
    return [Row(label, [value(vendor) for vendor in vendors]) for label, value in attributes]
