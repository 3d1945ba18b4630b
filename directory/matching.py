"""The vendor matcher: what a business needs, scored against every published vendor, with the reasons.

Hard requirements exclude: a vendor must offer every service asked for and hold every compliance standard asked
for. Every other criterion the business states is soft and weighs in the score (0 to 100):

| criterion        | weight | met                                   | partly met                              |
| ---------------- | ------ | ------------------------------------- | --------------------------------------- |
| shore model      | 15     | a center of a preferred shore model   | -                                       |
| call-center type | 10     | offers that type                      | blended, when inbound or outbound asked |
| channels         | 15     | all of them                           | some of them                            |
| languages        | 15     | all of them                           | some of them                            |
| industry         | 5      | serves that industry                  | -                                       |
| seats            | 15     | enough seats and no larger minimum    | at least half the seats, or a minimum   |
|                  |        |                                       | engagement above the seats asked        |
| budget           | 15     | its top rate fits the budget          | its lowest rate fits, or rates on request |
| hours            | 10     | covers the hours asked                | extended hours where 24/7 is asked      |

Score = the weights met, plus half the weights partly met, over the weights of the criteria asked, x 100. With no
soft criterion every vendor that passes the hard requirements scores 100.

The estimated monthly cost is seats x hours a month per seat x the vendor's rate band (USD): a seat's 24/7 cover
(core.units.SEAT_HOURS_A_MONTH_24X7) when 24/7 is asked, the window's length x 21.67 working days for given business
hours, else one full-time agent's paid hours (core.units.AGENT_HOURS_A_MONTH).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.scoring import checked, weighted_score
from core.units import AGENT_HOURS_A_MONTH, SEAT_HOURS_A_MONTH_24X7
from directory.models import Vendor
from directory.shore import shore_model_for

MET, PARTIAL, UNMET = "met", "partial", "unmet"
SHARES = {MET: 1, PARTIAL: 0.5, UNMET: 0}
WEIGHTS = {
    "shore model": 15,
    "call-center type": 10,
    "channels": 15,
    "languages": 15,
    "industry": 5,
    "seats": 15,
    "budget": 15,
    "hours": 10,
}
WORKING_DAYS_A_MONTH = Decimal(5 * 52) / 12
# The names this module gave the two figures before core.units held them.
HOURS_24X7, FULL_TIME_HOURS = SEAT_HOURS_A_MONTH_24X7, AGENT_HOURS_A_MONTH
LOCAL_DAY = (time(7, 0), time(19, 0))  # what counts as daytime at a delivery center


@dataclass(frozen=True)
class Window:
    start: time
    end: time
    time_zone: str

    @property
    def hours(self) -> Decimal:
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        minutes = end - start if end > start else end + 24 * 60 - start
        return Decimal(minutes) / 60


@dataclass
class Needs:
    services: list = field(default_factory=list)  # ServiceType rows
    client_country: str = ""
    shore_models: list[str] = field(default_factory=list)
    call_center_type: str = ""
    channels: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    industry: object = None
    compliance: list = field(default_factory=list)
    seats: int | None = None
    max_hourly_rate: Decimal | None = None
    hours: str | Window | None = None  # "24x7" or a Window


@dataclass(frozen=True)
class Criterion:
    name: str
    status: str
    reason: str


@dataclass
class Match:
    vendor: Vendor
    score: int
    criteria: list[Criterion]
    monthly_cost: tuple[Decimal, Decimal] | None


def candidates(needs: Needs):
    """Published vendors that meet the hard requirements, with what scoring reads prefetched."""
    vendors = Vendor.objects.published()
    for service in needs.services:
        vendors = vendors.filter(pk__in=Vendor.objects.filter(services=service).values("pk"))
    for standard in needs.compliance:
        vendors = vendors.filter(pk__in=Vendor.objects.filter(compliance_standards=standard).values("pk"))
    return vendors.for_profile()


def _names(items) -> str:
    return ", ".join(str(item) for item in items)


def _services(needs, vendor) -> Criterion | None:
    """Hard: `candidates` keeps only the vendors that offer them all."""
    return Criterion("services", MET, f"Offers {_names(needs.services)}.") if needs.services else None


def _compliance(needs, vendor) -> Criterion | None:
    """Hard: `candidates` keeps only the vendors that hold them all."""
    return Criterion("compliance", MET, f"Holds {_names(needs.compliance)}.") if needs.compliance else None


def _shore(needs, vendor) -> Criterion | None:
    if not needs.shore_models:
        return None
    countries = sorted({center.country.code for center in vendor.centers.all()})
    if needs.client_country:
        found = {shore_model_for(needs.client_country, country) for country in countries}
        basis = f"its centers ({', '.join(countries) or 'none listed'}) seen from {needs.client_country}"
    else:
        found = {model.slug for model in vendor.shore_models.all()}
        basis = "the shore models it lists"
    wanted = set(needs.shore_models)
    if found & wanted:
        return Criterion("shore model", MET, f"{', '.join(sorted(found & wanted)).capitalize()}, from {basis}.")
    return Criterion("shore model", UNMET, f"Not {' or '.join(sorted(wanted))}, from {basis}.")


def _call_center_type(needs, vendor) -> Criterion | None:
    if not needs.call_center_type:
        return None
    types = {t.slug for t in vendor.call_center_types.all()}
    if needs.call_center_type in types:
        return Criterion("call-center type", MET, f"Runs {needs.call_center_type} programs.")
    if needs.call_center_type in {"inbound", "outbound"} and "blended" in types:
        return Criterion("call-center type", PARTIAL, f"Runs blended programs, not {needs.call_center_type} alone.")
    return Criterion("call-center type", UNMET, f"Does not list {needs.call_center_type} programs.")


def _all_of(name, asked, offered, noun) -> Criterion | None:
    if not asked:
        return None
    missing = [item for item in asked if item not in offered]
    if not missing:
        return Criterion(name, MET, f"Covers every {noun} asked: {_names(asked)}.")
    if len(missing) < len(asked):
        return Criterion(name, PARTIAL, f"Missing {_names(missing)}.")
    return Criterion(name, UNMET, f"None of {_names(asked)}.")


def _channels(needs, vendor) -> Criterion | None:
    return _all_of("channels", needs.channels, set(vendor.channels.all()), "channel")


def _languages(needs, vendor) -> Criterion | None:
    return _all_of("languages", needs.languages, set(vendor.languages.all()), "language")


def _industry(needs, vendor) -> Criterion | None:
    if not needs.industry:
        return None
    if needs.industry in vendor.industries.all():
        return Criterion("industry", MET, f"Serves {needs.industry}.")
    return Criterion("industry", UNMET, f"No stated experience in {needs.industry}.")


def _seats(needs, vendor) -> Criterion | None:
    if not needs.seats:
        return None
    total = sum(center.seats for center in vendor.centers.all())
    if vendor.min_seats and vendor.min_seats > needs.seats:
        return Criterion("seats", PARTIAL, f"Its minimum engagement is {vendor.min_seats} seats; {needs.seats} asked.")
    if total >= needs.seats:
        return Criterion("seats", MET, f"{total:,} seats for the {needs.seats:,} needed.")
    if total * 2 >= needs.seats:
        return Criterion("seats", PARTIAL, f"{total:,} seats where {needs.seats:,} are needed.")
    return Criterion("seats", UNMET, f"{total:,} seats where {needs.seats:,} are needed.")


def _budget(needs, vendor) -> Criterion | None:
    if needs.max_hourly_rate is None:
        return None
    low, high = vendor.hourly_rate_min, vendor.hourly_rate_max or vendor.hourly_rate_min
    budget = needs.max_hourly_rate
    if low is None:
        return Criterion("budget", PARTIAL, "Rates on request.")
    if high <= budget:
        return Criterion("budget", MET, f"${low} to ${high} an hour, within ${budget}.")
    if low <= budget:
        return Criterion("budget", PARTIAL, f"${low} to ${high} an hour: only its lower rates fit ${budget}.")
    return Criterion("budget", UNMET, f"From ${low} an hour, above ${budget}.")


def _local_window(window: Window, zone: str) -> tuple[time, time]:
    """The client's window (on a weekday) in a center's local time."""
    client = ZoneInfo(window.time_zone)
    day = timezone.now().astimezone(client).date()
    start = datetime.combine(day, window.start, tzinfo=client)
    end = start + timedelta(hours=float(window.hours))
    local = ZoneInfo(zone)
    return start.astimezone(local).time(), end.astimezone(local).time()


def _hours(needs, vendor) -> Criterion | None:
    if not needs.hours:
        return None
    if needs.hours == "24x7":
        if vendor.hours == Vendor.Hours.ALWAYS:
            return Criterion("hours", MET, "Works around the clock, every day.")
        if vendor.hours == Vendor.Hours.EXTENDED:
            return Criterion("hours", PARTIAL, "Works extended hours, not around the clock.")
        return Criterion("hours", UNMET, "Works business hours only; 24/7 cover asked.")
    window = needs.hours
    centers = list(vendor.centers.all())
    for center in centers:
        start, end = _local_window(window, center.time_zone)
        if LOCAL_DAY[0] <= start and end <= LOCAL_DAY[1] and start < end:
            return Criterion(
                "hours",
                MET,
                f"{center.city}'s local time ({start:%H:%M} to {end:%H:%M}) covers your business day in daytime.",
            )
    if centers and vendor.hours in (Vendor.Hours.ALWAYS, Vendor.Hours.EXTENDED):
        center = centers[0]
        start, end = _local_window(window, center.time_zone)
        return Criterion(
            "hours",
            MET,
            f"{center.city}'s local time is {start:%H:%M} to {end:%H:%M}: your business day runs on its night shift, "
            f"and it works {vendor.get_hours_display().lower()}.",
        )
    if not centers:
        return Criterion("hours", UNMET, "No delivery center listed to check the time zones.")
    center = centers[0]
    start, end = _local_window(window, center.time_zone)
    return Criterion(
        "hours",
        UNMET,
        f"Your business day is {start:%H:%M} to {end:%H:%M} in {center.city}, and it works business hours only.",
    )


def monthly_cost(needs: Needs, vendor: Vendor) -> tuple[Decimal, Decimal] | None:
    if vendor.hourly_rate_min is None or not needs.seats:
        return None
    if needs.hours == "24x7":
        hours = SEAT_HOURS_A_MONTH_24X7
    elif isinstance(needs.hours, Window):
        hours = needs.hours.hours * WORKING_DAYS_A_MONTH
    else:
        hours = AGENT_HOURS_A_MONTH
    high = vendor.hourly_rate_max or vendor.hourly_rate_min
    per_seat = hours * needs.seats
    return (vendor.hourly_rate_min * per_seat).quantize(Decimal(1)), (high * per_seat).quantize(Decimal(1))


def score(criteria: list[Criterion]) -> int:
    """The soft criteria's weighted score: met counts whole, partly met half."""
    return weighted_score((WEIGHTS[c.name], SHARES[c.status]) for c in criteria)


# In the order the reasons are told.
HARD_CRITERIA = (_services, _compliance)
SOFT_CRITERIA = (_shore, _call_center_type, _channels, _languages, _industry, _seats, _budget, _hours)


def match_vendors(needs: Needs, limit: int = 50) -> list[Match]:
    """Vendors that pass the hard requirements, best score first (ties: more seats, then name)."""
    results = []
    for vendor in candidates(needs):
        hard, soft = checked(HARD_CRITERIA, needs, vendor), checked(SOFT_CRITERIA, needs, vendor)
        results.append(Match(vendor, score(soft), hard + soft, monthly_cost(needs, vendor)))
    results.sort(key=lambda m: (-m.score, -m.vendor.total_seats, m.vendor.name))
    return results[:limit]
