"""The vendor matcher: a business's brief against every published vendor, judged center by center.

A vendor is its delivery centers. The shore model (seen from the client's country), the delivery country, the
languages, the hours, the seats and the rates belong to a center; the services, call-center types, channels,
industries and compliance belong to the vendor. A vendor fits when one of its centers meets the brief. When the
buyer allows a split, the seats of every center that meets the center-level must-haves are pooled.

Each criterion the brief asks is met, partly met or unmet:

| brief field        | level  | weight | met                                 | partly met                          |
| ------------------ | ------ | ------ | ----------------------------------- | ----------------------------------- |
| shore_models       | center | 15     | the center is of a model asked      | -                                   |
| delivery_countries | center | 10     | the center is in a country asked    | -                                   |
| languages          | center | 15     | the center works in all of them     | in some of them                     |
| agents (seats)     | center | 15     | seats for the agents on duty        | half of them, or a minimum          |
|                    |        |        |                                     | engagement above the agents asked   |
| max_hourly_rate    | center | 15     | its top rate fits the budget        | its lowest fits, or rates on request|
| hours              | center | 10     | its opening hours cover the window  | half the window; extended for 24/7  |
| call_center_type   | vendor | 10     | runs that type                      | blended, when in- or outbound asked |
| channels           | vendor | 15     | all of them                         | some of them                        |
| industry           | vendor | 5      | serves it                           | -                                   |
| compliance         | vendor | 15     | every certification (checked by a   | some of them                        |
|                    |        |        | curator, unexpired) and regulation  |                                     |

The services asked are always must-haves. The buyer marks any other criterion as a must-have (`must_haves`);
without `must_haves`, compliance is the one must-have, as it always was. Must-haves exclude: a vendor whose best
center fails one is not a match. The score (0 to 100) weighs only the other criteria: met counts whole, partly met
half, over the weights of the criteria asked (100 when every criterion asked is a must-have). When no vendor
meets every must-have, the answer says so and lists the closest (fewest must-haves failed, then score), each
with what it lacks, and no score.

The whole ranking is one SQL query (`_Query.ranked`) over the matcher's index (directory/match_index.py: one
narrow row per center, vocabularies as bit masks): it scores every center of every candidate vendor and returns
the best rows with each criterion's status; a vendor's first row is its best center. Only those vendors are then read in
full, to word the reasons. The hours a center covers are computed here, per time zone, and handed to the query.

Cost: agents (FTE) x productive hours per FTE per month (`MATCHER_PRODUCTIVE_HOURS_PER_FTE`, 160 by default)
x the center's rate band. The hours to cover decide how many of those agents are on duty at once (and so the
seats they need): 24/7 is 730 hours a month, a weekday window its length x 21.67 days, no window one shift.
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone
from django_countries import countries

from core.scoring import weighted_score
from core.sql import distinct_values
from core.units import SEAT_HOURS_A_MONTH_24X7
from directory.choices import ComplianceKind, VendorHours
from directory.match_index import mask, match_rows_version
from directory.models import (
    CallCenterType,
    Channel,
    ComplianceStandard,
    DeliveryCenter,
    Industry,
    Language,
    ServiceType,
    ShoreModel,
    Vendor,
    VendorCertification,
    VendorMatchRow,
)
from directory.shore import NEARSHORE, shore_model_for

MET, PARTIAL, UNMET = "met", "partial", "unmet"
STATUS = {2: MET, 1: PARTIAL, 0: UNMET}

# Brief field -> (name in the reasons, weight, level).
CRITERIA = {
    "services": ("services", 0, "vendor"),
    "shore_models": ("shore model", 15, "center"),
    "delivery_countries": ("delivery country", 10, "center"),
    "languages": ("languages", 15, "center"),
    "agents": ("seats", 15, "center"),
    "max_hourly_rate": ("budget", 15, "center"),
    "hours": ("hours", 10, "center"),
    "call_center_type": ("call-center type", 10, "vendor"),
    "channels": ("channels", 15, "vendor"),
    "industry": ("industry", 5, "vendor"),
    "compliance": ("compliance", 15, "vendor"),
}
MARKABLE = tuple(name for name in CRITERIA if name != "services")
WEIGHTS = {label: weight for label, weight, _ in CRITERIA.values()}
WORKING_DAYS_A_MONTH = Decimal(5 * 52) / 12

# A center's opening hours, local time (DeliveryCenter.hours). 24/7 is open at every minute.
OPENING_HOURS = {VendorHours.BUSINESS: (time(8), time(18)), VendorHours.EXTENDED: (time(7), time(23))}
# What a window is for the agents who work it, local time.
SHIFTS = (("night", 0, 7), ("day", 7, 19), ("evening", 19, 23), ("night", 23, 24))
TIME_ZONES_CACHE_SECONDS = 600


@dataclass(frozen=True)
class Window:
    """The hours a program must be staffed, on weekdays, in the client's time zone."""

    start: time
    end: time
    time_zone: str

    @property
    def hours(self) -> Decimal:
        start = self.start.hour * 60 + self.start.minute
        end = self.end.hour * 60 + self.end.minute
        minutes = end - start if end > start else end + 24 * 60 - start
        return Decimal(minutes) / 60

    def local(self, zone: str, on: date | None = None) -> tuple[datetime, datetime]:
        """The window on a weekday (the next one from `on`), in `zone`'s local time."""
        client = ZoneInfo(self.time_zone)
        day = on or timezone.now().astimezone(client).date()
        while day.weekday() >= 5:
            day += timedelta(days=1)
        start = datetime.combine(day, self.start, tzinfo=client)
        end = start + timedelta(hours=float(self.hours))
        local = ZoneInfo(zone)
        return start.astimezone(local), end.astimezone(local)


@dataclass
class Needs:
    services: list = field(default_factory=list)  # ServiceType rows
    client_country: str = ""
    delivery_countries: list[str] = field(default_factory=list)
    shore_models: list[str] = field(default_factory=list)
    call_center_type: str = ""
    channels: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    industry: object = None
    compliance: list = field(default_factory=list)  # ComplianceStandard rows, certifications and regulations
    agents: int | None = None  # full-time agents (FTE) on the program
    max_hourly_rate: Decimal | None = None
    hours: str | Window | None = None  # "24x7" or a Window
    must_haves: frozenset[str] = frozenset({"compliance"})
    allow_split: bool = False

    def asked(self) -> list[str]:
        """The brief fields that were filled in, in CRITERIA order."""
        return [name for name in CRITERIA if getattr(self, name) not in (None, "", [], ())]

    def musts(self) -> list[str]:
        return [name for name in self.asked() if name in self.must_haves and name != "services"]


@dataclass(frozen=True)
class Criterion:
    name: str
    status: str
    reason: str
    must: bool = False


@dataclass(frozen=True)
class Cost:
    """A monthly range an advisor would quote, with what it assumes."""

    low: Decimal
    high: Decimal
    agents: int
    productive_hours: Decimal
    rate_min: Decimal
    rate_max: Decimal
    coverage_hours: Decimal
    on_duty: int

    @property
    def assumptions(self) -> str:
        return (
            f"{self.agents} agents x {self.productive_hours:.0f} productive hours a month x "
            f"${self.rate_min:.2f} to ${self.rate_max:.2f} an hour; {self.coverage_hours:.0f} hours a month to cover, "
            f"about {self.on_duty} agents on duty at a time"
        )


@dataclass
class Match:
    vendor: Vendor
    center: DeliveryCenter | None
    centers: list[DeliveryCenter]  # the center, or every center pooled when a split is allowed
    score: int | None  # None when a must-have fails: a score is not shown beside a failed must-have
    full_match: bool
    lacks: list[str]  # the must-haves failed, as brief fields
    criteria: list[Criterion]
    cost: Cost | None
    summaries: list[str] = field(default_factory=list)  # a line per center, as an advisor would write it

    @property
    def lacking(self) -> list[str]:
        return [CRITERIA[name][0] for name in self.lacks]

    @property
    def monthly_cost(self) -> tuple[Decimal, Decimal] | None:
        return (self.cost.low, self.cost.high) if self.cost else None


@dataclass
class MatchResult:
    matches: list[Match]
    full_match: bool  # False: nothing meets every must-have, and the matches are the closest


# --- Coverage: computed here, per time zone, and handed to the query -----------------------------------------


def productive_hours() -> Decimal:
    return Decimal(str(settings.MATCHER_PRODUCTIVE_HOURS_PER_FTE))


def coverage_hours(needs: Needs) -> Decimal:
    """Hours a month the program is staffed."""
    if needs.hours == "24x7":
        return SEAT_HOURS_A_MONTH_24X7
    if isinstance(needs.hours, Window):
        return needs.hours.hours * WORKING_DAYS_A_MONTH
    return productive_hours()


def agents_on_duty(needs: Needs) -> int | None:
    """How many of the agents work at the same time, so how many seats the program needs."""
    if not needs.agents:
        return None
    on_duty = (Decimal(needs.agents) * productive_hours() / coverage_hours(needs)).to_integral_value(ROUND_CEILING)
    return max(1, min(needs.agents, int(on_duty)))


def _minutes(moment: datetime) -> int:
    return moment.hour * 60 + moment.minute


def _local_pieces(window: Window, zone: str) -> list[tuple[int, int]]:
    """The window as local minute ranges within a day (split at local midnight)."""
    start, _ = window.local(zone)
    first, last = _minutes(start), _minutes(start) + int(window.hours * 60)
    return [(first, min(last, 1440))] + ([(0, last - 1440)] if last > 1440 else [])


def covered_share(window: Window, zone: str, hours: str) -> Decimal:
    """The share of the window a center open `hours` (local time) in `zone` covers."""
    if hours == VendorHours.ALWAYS:
        return Decimal(1)
    opens, closes = (_minutes(moment) for moment in OPENING_HOURS[hours])
    pieces = _local_pieces(window, zone)
    inside = sum(max(0, min(end, closes) - max(start, opens)) for start, end in pieces)
    return Decimal(inside) / sum(end - start for start, end in pieces)


def hours_status(needs: Needs, zone: str, hours: str) -> int:
    if needs.hours == "24x7":
        return {VendorHours.ALWAYS: 2, VendorHours.EXTENDED: 1}.get(hours, 0)
    share = covered_share(needs.hours, zone, hours)
    return 2 if share == 1 else 1 if share >= Decimal("0.5") else 0


def shift_names(window: Window, zone: str) -> str:
    """What the window is for a center's agents: its day shift, evening, night, or a mix, in order."""
    names = []
    for start, end in _local_pieces(window, zone):
        for name, first, last in SHIFTS:
            if min(end, last * 60) > max(start, first * 60) and (not names or names[-1] != name):
                names.append(name)
    if len(names) == 1:
        return f"its {names[0]} shift"
    return f"its {', '.join(names[:-1])} and {names[-1]} shifts"


def center_time_zones() -> list[str]:
    """The time zones of the published centers, from the matcher's index (a probe per zone, not a scan)."""
    zones = cache.get("matcher:center-time-zones")
    if zones is None:
        zones = distinct_values(VendorMatchRow, "time_zone", "published = %s AND time_zone <> ''", (True,))
        cache.set("matcher:center-time-zones", zones, TIME_ZONES_CACHE_SECONDS)
    return zones


# --- The ranking query ---------------------------------------------------------------------------------------


def _in(values) -> tuple[str, list]:
    values = list(values)
    return ", ".join(["%s"] * len(values)) or "NULL", values


def _shore_countries(needs: Needs) -> tuple[str, list]:
    """The SQL condition, over the center's country, of a shore model asked, seen from the client."""
    client = needs.client_country.upper()
    nearshore = sorted(NEARSHORE.get(client, ()))
    parts, params = [], []
    if "onshore" in needs.shore_models:
        parts.append("m.country = %s")
        params.append(client)
    if "nearshore" in needs.shore_models and nearshore:
        sql, values = _in(nearshore)
        parts.append(f"m.country IN ({sql})")
        params += values
    if "offshore" in needs.shore_models:
        sql, values = _in([client, *nearshore])
        parts.append(f"m.country NOT IN ({sql})")
        params += values
    return " OR ".join(parts) or "1 = 0", params


def _all_some(column: str, model, pks) -> tuple[str, list]:
    """Met when the row's mask holds every term asked, partly met when it holds some."""
    wanted = mask(model, pks)
    return (
        f"CASE WHEN ({column} & %s) = %s THEN 2 WHEN ({column} & %s) <> 0 THEN 1 ELSE 0 END",
        [wanted, wanted, wanted],
    )


class _Query:
    """The SQL of the ranking over the matcher's index (`VendorMatchRow`, alias m: one row per center, or per
    vendor listing none, with the vocabularies as bit masks). For each criterion asked: the SQL of its status
    (2 met, 1 partly met, 0 unmet). Every value goes in as a parameter."""

    ROWS = VendorMatchRow._meta.db_table

    def __init__(self, needs: Needs):
        self.needs = needs
        self.asked = [name for name in needs.asked() if name != "services"]
        self.musts = needs.musts()
        self.ctes: list[tuple[str, list]] = []
        self.joins: list[tuple[str, list]] = []
        self.statuses: dict[str, tuple[str, list]] = {}
        for name in self.asked:
            if name != "agents":
                self.statuses[name] = getattr(self, f"_{name}")()
        if "agents" in self.asked:
            self.statuses["agents"] = self._agents()

    def _languages(self):
        return _all_some("m.language_mask", Language, (language.pk for language in self.needs.languages))

    def _channels(self):
        return _all_some("m.channel_mask", Channel, (channel.pk for channel in self.needs.channels))

    def _compliance(self):
        """From the index while every certification it counted is still valid; from the certifications
        themselves for a vendor whose soonest one has expired since (until expire_certifications rebuilds it)."""
        standards = self.needs.compliance
        mask_sql, mask_params = _all_some("m.compliance_mask", ComplianceStandard, (s.pk for s in standards))
        regulations = _in(s.pk for s in standards if s.kind == ComplianceKind.REGULATION)
        certifications = _in(s.pk for s in standards if s.kind != ComplianceKind.REGULATION)
        today = timezone.localdate()
        held = (
            f"((SELECT COUNT(*) FROM {Vendor.compliance_standards.through._meta.db_table} x "
            f"WHERE x.vendor_id = m.vendor_id AND x.compliancestandard_id IN ({regulations[0]})) + "
            f"(SELECT COUNT(*) FROM {VendorCertification._meta.db_table} x WHERE x.vendor_id = m.vendor_id "
            f"AND x.standard_id IN ({certifications[0]}) AND x.checked_at IS NOT NULL AND x.valid_until >= %s))"
        )
        count = len(standards)
        return (
            f"CASE WHEN m.compliance_until IS NULL OR m.compliance_until >= %s THEN {mask_sql} "
            f"WHEN {held} = {count} THEN 2 WHEN {held} > 0 THEN 1 ELSE 0 END",
            [
                today,
                *mask_params,
                *regulations[1],
                *certifications[1],
                today,
                *regulations[1],
                *certifications[1],
                today,
            ],
        )

    def _hours(self):
        needs = self.needs
        if isinstance(needs.hours, Window):
            rows = [
                (zone, hours, hours_status(needs, zone, hours))
                for zone in center_time_zones()
                for hours in VendorHours.values
            ]
            on = "cover.time_zone = m.time_zone AND cover.hours = m.hours"
        else:
            rows = [("*", hours, hours_status(needs, "UTC", hours)) for hours in VendorHours.values]
            on = "cover.hours = m.hours"
        rows = [row for row in rows if row[2]]
        if not rows:
            return "0", []
        self.ctes.append(
            (
                f"cover (time_zone, hours, status) AS (VALUES {', '.join(['(%s, %s, %s)'] * len(rows))})",
                [value for row in rows for value in row],
            )
        )
        self.joins.append((f"LEFT JOIN cover ON {on}", []))
        return "COALESCE(cover.status, 0)", []

    def _shore_models(self):
        needs = self.needs
        if needs.client_country:
            sql, values = _shore_countries(needs)
            return f"CASE WHEN m.center_id IS NOT NULL AND ({sql}) THEN 2 ELSE 0 END", values
        declared = ShoreModel.objects.filter(slug__in=needs.shore_models).values_list("pk", flat=True)
        return "CASE WHEN (m.shore_mask & %s) <> 0 THEN 2 ELSE 0 END", [mask(ShoreModel, declared)]

    def _delivery_countries(self):
        sql, values = _in(self.needs.delivery_countries)
        return f"CASE WHEN m.country IN ({sql}) THEN 2 ELSE 0 END", values

    def _max_hourly_rate(self):
        budget = float(self.needs.max_hourly_rate)  # SQLite would compare a Decimal parameter as text
        return (
            "CASE WHEN m.center_id IS NULL THEN 0 WHEN m.rate_min IS NULL THEN 1 "
            "WHEN COALESCE(m.rate_max, m.rate_min) <= %s THEN 2 WHEN m.rate_min <= %s THEN 1 ELSE 0 END",
            [budget, budget],
        )

    def _call_center_type(self):
        types = dict(CallCenterType.objects.values_list("slug", "pk"))
        asked = (
            mask(CallCenterType, [types[self.needs.call_center_type]]) if self.needs.call_center_type in types else 0
        )
        blended = mask(CallCenterType, [types["blended"]]) if "blended" in types else 0
        partial = 1 if self.needs.call_center_type in ("inbound", "outbound") else 0
        return (
            f"CASE WHEN (m.type_mask & %s) <> 0 THEN 2 WHEN (m.type_mask & %s) <> 0 THEN {partial} ELSE 0 END",
            [asked, blended],
        )

    def _industry(self):
        return "CASE WHEN (m.industry_mask & %s) <> 0 THEN 2 ELSE 0 END", [mask(Industry, [self.needs.industry.pk])]

    def center_musts_met(self) -> tuple[str, list]:
        """Whether a row meets every center-level must-have but the seats."""
        names = [m for m in self.musts if CRITERIA[m][2] == "center" and m != "agents"]
        sql = " AND ".join(f"({self.statuses[m][0]}) = 2" for m in names) or "1 = 1"
        return sql, [p for m in names for p in self.statuses[m][1]]

    def _agents(self):
        """One center's seats, or (a split allowed) the seats of every center meeting the other center musts."""
        needs, on_duty = self.needs, agents_on_duty(self.needs)
        if needs.allow_split:
            ok, params = self.center_musts_met()
            self.joins.append(
                (
                    f"LEFT JOIN (SELECT m.vendor_id, SUM(m.seats) AS seats FROM {self.ROWS} m "
                    + "".join(f" {join}" for join, _ in self.joins)
                    + f" WHERE m.published AND {ok} GROUP BY m.vendor_id) pool ON pool.vendor_id = m.vendor_id",
                    [p for _, values in self.joins for p in values] + params,
                )
            )
            seats = "COALESCE(pool.seats, 0)"
        else:
            seats = "m.seats"
        return (
            f"CASE WHEN m.min_seats IS NOT NULL AND m.min_seats > %s THEN 1 WHEN {seats} >= %s THEN 2 "
            f"WHEN {seats} * 2 >= %s THEN 1 ELSE 0 END",
            [needs.agents, on_duty, on_duty],
        )

    def scored(self, full_only: bool = False) -> tuple[str, list]:
        """The CTEs, ending with `scored`: one row per (candidate vendor, center) with every status; with
        `full_only`, only the rows meeting every must-have (most briefs are answered from those alone)."""
        select, params = [], []
        for name in self.asked:
            sql, values = self.statuses[name]
            select.append(f"{sql} AS s_{name}")
            params += values
        services = mask(ServiceType, (service.pk for service in self.needs.services))
        ctes = [sql for sql, _ in self.ctes]
        cte_params = [value for _, values in self.ctes for value in values]
        joins = " ".join(join for join, _ in self.joins)
        join_params = [value for _, values in self.joins for value in values]
        must_sql = [self.statuses[name] for name in self.musts] if full_only else []
        # With a split the seats join a grouped pool; kept apart (materialized) so it is built once.
        materialized = "MATERIALIZED " if self.needs.allow_split else ""
        sql = f"""WITH {"".join(cte + ", " for cte in ctes)}scored AS {materialized}(
            SELECT m.vendor_id, m.center_id, m.seats AS center_seats, m.total_seats, m.vendor_name AS name
                {"".join(", " + column for column in select)}
            FROM {self.ROWS} m {joins}
            WHERE m.published AND (m.service_mask & %s) = %s{"".join(f" AND ({musts[0]}) = 2" for musts in must_sql)}
        )"""
        must_params = [value for _, values in must_sql for value in values]
        return sql, [*cte_params, *params, *join_params, services, services, *must_params]

    def ranked(self, limit: int, full_only: bool = False) -> tuple[str, list]:
        """Rows best first: fewest must-haves failed, then score, then the vendor's size and name, then the
        center's seats. A vendor's first row in this order is its best center."""
        scored, params = self.scored(full_only)
        # The weighed statuses as an integer (the score is earned x 50 / the weights asked): integers sort fast.
        earned = " + ".join(f"{CRITERIA[name][1]} * s_{name}" for name in self.soft()) or "0"
        failed = " + ".join(f"CASE WHEN s_{name} = 2 THEN 0 ELSE 1 END" for name in self.musts) or "0"
        columns = "".join(f", s_{name}" for name in self.asked)
        sql = f"""{scored}
        SELECT vendor_id, center_id, {failed} AS failed, {earned} AS earned{columns}
        FROM scored
        ORDER BY 3, 4 DESC, total_seats DESC, name, vendor_id, center_seats DESC, center_id
        LIMIT %s"""
        return sql, [*params, limit]

    def soft(self) -> list[str]:
        return [name for name in self.asked if name not in self.musts]

    def score(self, earned: int) -> int:
        """0 to 100: the soft criteria's weights earned (met whole, partly met half) over those asked."""
        total = sum(CRITERIA[name][1] for name in self.soft())
        return round(earned * 50 / total) if total else 100

    def pooled(self, vendor_ids: list[int]) -> tuple[str, list]:
        """The centers of these vendors that meet every center-level must-have but the seats (for a split)."""
        scored, params = self.scored()
        names = [m for m in self.musts if CRITERIA[m][2] == "center" and m != "agents"]
        condition = " AND ".join(f"s_{name} = 2" for name in names) or "1 = 1"
        ids, values = _in(vendor_ids)
        sql = f"""{scored}
        SELECT vendor_id, center_id FROM scored
        WHERE center_id IS NOT NULL AND vendor_id IN ({ids}) AND {condition}"""
        return sql, [*params, *values]


# --- Reasons, worded from the statuses the query returned -----------------------------------------------------


def _names(items) -> str:
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _place(center: DeliveryCenter | None) -> str:
    if center is None:
        return "No delivery center listed"
    return f"{center.name or center.city} ({_country_name(center.country.code)})"


@functools.lru_cache(maxsize=512)
def _country_name(code: str) -> str:
    return countries.name(code)


def _rate(center: DeliveryCenter) -> str:
    if center.hourly_rate_min is None:
        return "rates on request"
    high = center.hourly_rate_max or center.hourly_rate_min
    return f"${center.hourly_rate_min:.0f}-{high:.0f}/h"


def center_summary(center: DeliveryCenter, needs: Needs | None = None) -> str:
    """One line an advisor would write about a center."""
    parts = [f"{center.seats:,} seats", _names(center.languages.all()) or "languages not listed"]
    if needs and isinstance(needs.hours, Window):
        parts.append(_window_there(needs.hours, center, "there"))
    parts.append(center.get_hours_display())
    parts.append(_rate(center))
    return f"{_label(center)}: {', '.join(parts)}"


def _label(center: DeliveryCenter) -> str:
    name = center.name or center.city
    return name if name.lower().endswith("center") else f"{name} center"


def _window_there(window: Window, center: DeliveryCenter, where: str) -> str:
    """The client's window, what it is at the center ("... is 16:00-04:00 in Manila") and which shifts."""
    start, end = window.local(center.time_zone)
    return (
        f"{window.start:%H:%M}-{window.end:%H:%M} {_zone_city(window.time_zone)} is "
        f"{start:%H:%M}-{end:%H:%M} {where}, {shift_names(window, center.time_zone)}"
    )


def _zone_city(zone: str) -> str:
    return zone.rsplit("/", 1)[-1].replace("_", " ")


def _reason(name: str, status: str, needs: Needs, vendor: Vendor, center, centers) -> str:
    place = _place(center)
    if name == "services":
        return f"Offers {_names(needs.services)}."
    if name == "shore_models":
        if not needs.client_country:
            found = sorted(model.slug for model in vendor.shore_models.all())
            verb = "Lists" if status == MET else "Does not list"
            return f"{verb} {' or '.join(needs.shore_models)} delivery (it lists {', '.join(found) or 'none'})."
        if center is None:
            return "No delivery center listed to judge the shore model."
        model = shore_model_for(needs.client_country, center.country.code)
        wanted = " or ".join(needs.shore_models)
        if status == MET:
            return f"{place} is {model} for a client in {needs.client_country}."
        return f"{place} is {model} for a client in {needs.client_country}; {wanted} asked."
    if name == "delivery_countries":
        if status == MET:
            return f"{place} is in a country asked."
        return f"{place} is not in {', '.join(needs.delivery_countries)}."
    if name == "languages":
        spoken = set(center.languages.all()) if center else set()
        missing = [language for language in needs.languages if language not in spoken]
        if status == MET:
            return f"{place} works in {_names(needs.languages)}."
        if status == PARTIAL:
            return f"{place} works in {_names([x for x in needs.languages if x in spoken])}; not {_names(missing)}."
        return f"{place} works in none of {_names(needs.languages)}."
    if name == "agents":
        on_duty = agents_on_duty(needs)
        seats = sum(c.seats for c in centers) if centers else 0
        where = f"{len(centers)} centers together" if len(centers) > 1 else place
        if vendor.min_seats and vendor.min_seats > needs.agents:
            return f"Its minimum engagement is {vendor.min_seats} seats; {needs.agents} agents asked."
        verdict = "enough" if status == MET else "too few" if status == UNMET else "about half enough"
        return (
            f"{where}: {seats:,} seats, {verdict} for about {on_duty} agents on duty at a time "
            f"({needs.agents} agents in all)."
        )
    if name == "max_hourly_rate":
        if center is None:
            return "No delivery center listed to price."
        if center.hourly_rate_min is None:
            return f"{place}: rates on request."
        high = center.hourly_rate_max or center.hourly_rate_min
        rates = f"${center.hourly_rate_min} to ${high} an hour"
        if status == MET:
            return f"{place}: {rates}, within ${needs.max_hourly_rate}."
        if status == PARTIAL:
            return f"{place}: {rates}; only its lower rates fit ${needs.max_hourly_rate}."
        return f"{place}: from ${center.hourly_rate_min} an hour, above ${needs.max_hourly_rate}."
    if name == "hours":
        if center is None:
            return "No delivery center listed to check the hours."
        opening = center.get_hours_display().lower()
        if needs.hours == "24x7":
            verdicts = {MET: "works around the clock, every day", PARTIAL: "works extended hours, not 24/7"}
            return f"{place} {verdicts.get(status, 'works business hours only; 24/7 cover asked')}."
        window = _window_there(needs.hours, center, f"in {center.city}")
        if status == MET:
            return f"{window}; the center works {opening}, which covers it."
        if status == PARTIAL:
            return f"{window}; the center works {opening}, which covers only part of it."
        return f"{window}; the center works {opening}, which does not cover it."
    if name == "call_center_type":
        if status == MET:
            return f"Runs {needs.call_center_type} programs."
        if status == PARTIAL:
            return f"Runs blended programs, not {needs.call_center_type} alone."
        return f"Does not list {needs.call_center_type} programs."
    if name == "channels":
        offered = set(vendor.channels.all())
        missing = [channel for channel in needs.channels if channel not in offered]
        if status == MET:
            return f"Covers every channel asked: {_names(needs.channels)}."
        if status == PARTIAL:
            return f"Missing {_names(missing)}."
        return f"None of {_names(needs.channels)}."
    if name == "industry":
        if status == MET:
            return f"Serves {needs.industry}."
        return f"No stated experience in {needs.industry}."
    if name == "compliance":
        certified = {c.standard_id: c for c in vendor.valid_certifications}
        regulations = {s.pk for s in vendor.compliance_standards.all() if s.kind == ComplianceKind.REGULATION}
        held, missing = [], []
        for standard in needs.compliance:
            if standard.kind == ComplianceKind.REGULATION:
                (held if standard.pk in regulations else missing).append(
                    f"works under {standard}" if standard.pk in regulations else f"{standard}"
                )
            elif certification := certified.get(standard.pk):
                held.append(f"{standard} certified until {certification.valid_until:%Y-%m}")
            else:
                missing.append(f"{standard} (no valid certification)")
        text = "; ".join(held) if held else ""
        text = text[:1].upper() + text[1:]
        if missing:
            text = f"{text}; lacks {', '.join(missing)}" if text else f"Lacks {', '.join(missing)}"
        return text + "."
    raise ValueError(name)


def _cost(needs: Needs, centers: list[DeliveryCenter]) -> Cost | None:
    priced = [c for c in centers if c.hourly_rate_min is not None]
    if not needs.agents or not priced:
        return None
    low = min(c.hourly_rate_min for c in priced)
    high = max(c.hourly_rate_max or c.hourly_rate_min for c in priced)
    hours = productive_hours()
    billed = needs.agents * hours
    return Cost(
        low=(billed * low).quantize(Decimal(1)),
        high=(billed * high).quantize(Decimal(1)),
        agents=needs.agents,
        productive_hours=hours,
        rate_min=low,
        rate_max=high,
        coverage_hours=coverage_hours(needs).quantize(Decimal(1)),
        on_duty=agents_on_duty(needs),
    )


def _rows(sql: str, params: list) -> list[dict]:
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The many CASE expressions make the planner's estimate look expensive enough to compile the query
            # (JIT), which alone takes about a second; the query itself runs in tens of milliseconds.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, params)
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _best_per_vendor(query: _Query, limit: int, full_only: bool = False) -> list[dict]:
    """The first `limit` vendors of the ranking, each at its best row: read rows in the ranking's order until
    `limit` distinct vendors are in (a vendor's first row is its best center)."""
    # Most vendors have one to four centers, so eight rows a vendor almost always find `limit` vendors at once.
    fetch = limit * 8
    while True:
        rows = _rows(*query.ranked(fetch, full_only))
        best: dict[int, dict] = {}
        for row in rows:
            best.setdefault(row["vendor_id"], row)
        if len(best) >= limit or len(rows) < fetch:
            return list(best.values())[:limit]
        fetch *= 4


def _cache_key(needs: Needs, limit: int) -> str:
    """The brief as it was understood (rows by id, lists in order), the index's version and the day: the same
    brief on the same index on the same day has the same answer."""
    ids = lambda rows: sorted(row.pk for row in rows)  # noqa: E731
    hours = (
        (needs.hours.start.isoformat(), needs.hours.end.isoformat(), needs.hours.time_zone)
        if isinstance(needs.hours, Window)
        else needs.hours
    )
    brief = (
        ids(needs.services), needs.client_country, sorted(needs.delivery_countries), sorted(needs.shore_models),
        needs.call_center_type, ids(needs.channels), ids(needs.languages), needs.industry and needs.industry.pk,
        ids(needs.compliance), needs.agents, needs.max_hourly_rate and str(needs.max_hourly_rate), hours,
        sorted(needs.must_haves), needs.allow_split, limit, settings.MATCHER_PRODUCTIVE_HOURS_PER_FTE,
        match_rows_version(), timezone.localdate().isoformat(), _answer_shape(),
    )  # fmt: skip
    return "matcher:answer:" + hashlib.sha256(repr(brief).encode()).hexdigest()


@functools.cache
def _answer_shape() -> str:
    """The fields of what a cached answer holds: after a deploy that changes them, answers cached by the code
    before are not read back into the new classes."""
    models = (Vendor, DeliveryCenter, VendorCertification, *(f.related_model for f in Vendor._meta.many_to_many))
    shape = [(m._meta.label, [f.attname for f in m._meta.concrete_fields]) for m in models]
    shape += [(c.__name__, list(c.__dataclass_fields__)) for c in (MatchResult, Match, Criterion, Cost, Needs)]
    return hashlib.sha256(repr(shape).encode()).hexdigest()[:16]


def match_vendors(needs: Needs, limit: int = 25) -> MatchResult:
    """Vendors ranked for the brief: those meeting every must-have, best score first; when none does, the
    closest, each with what it lacks. One query ranks; the vendors shown are then read in full (and, with a
    split allowed, one more query finds the centers pooled). The answer is reused for the same brief for
    MATCHER_CACHE_SECONDS, until the index changes."""
    if not settings.MATCHER_CACHE_SECONDS:
        return _match_vendors(needs, limit)
    return _reused(_cache_key(needs, limit), lambda: _match_vendors(needs, limit))


def match_answer[T](needs: Needs, render: Callable[[MatchResult], T], variant: str, limit: int = 25) -> T:
    """What `render` makes of `match_vendors`'s answer to the brief (the API's serialized answer), reused like the
    answer itself: for the same brief, day and index, for MATCHER_CACHE_SECONDS. `variant` names what else the
    rendered answer depends on (the site's address its links carry, the shape of what `render` makes). A brief
    asked again then costs one cache read, not rebuilding twenty-five vendors with their centers from a cached
    answer and serializing them again (bench/README.md has the figures). The HTML page keeps its own answer
    (`match_vendors`) and its rendered page (`core.page_cache`)."""
    if not settings.MATCHER_CACHE_SECONDS:
        return render(_match_vendors(needs, limit))
    key = f"{_cache_key(needs, limit)}:rendered:{hashlib.sha256(variant.encode()).hexdigest()}"
    # Only what is rendered is kept: pickling the answer's vendors too would slow the first answer for nothing.
    return _reused(key, lambda: render(_match_vendors(needs, limit)))


def _reused[T](key: str, make: Callable[[], T]) -> T:
    """The answer kept under `key`, or `make`'s, then kept for MATCHER_CACHE_SECONDS. (Not `cache.get_or_set`,
    which reads a new entry back, unpickling what it has just made.)"""
    if (kept := cache.get(key)) is not None:
        return kept
    made = make()
    cache.set(key, made, settings.MATCHER_CACHE_SECONDS)
    return made


def _match_vendors(needs: Needs, limit: int) -> MatchResult:
    query = _Query(needs)
    # The full matches first, filtered in the query; only when there are none, the closest.
    rows = _best_per_vendor(query, limit, full_only=True) if needs.musts() else []
    rows = rows or _best_per_vendor(query, limit)
    full = bool(rows) and rows[0]["failed"] == 0
    if full:
        rows = [row for row in rows if row["failed"] == 0]
    vendors = Vendor.objects.filter(pk__in=[row["vendor_id"] for row in rows]).for_profile().in_bulk()
    pooled: dict[int, set[int]] = {}
    if needs.allow_split and rows:
        for found in _rows(*query.pooled([row["vendor_id"] for row in rows])):
            pooled.setdefault(found["vendor_id"], set()).add(found["center_id"])
    musts = set(needs.musts())
    matches = []
    for row in rows:
        vendor = vendors[row["vendor_id"]]
        center = next((c for c in vendor.centers.all() if c.pk == row["center_id"]), None)
        centers = [c for c in vendor.centers.all() if c.pk in pooled.get(vendor.pk, ())] or ([center] if center else [])
        criteria = []
        for name in needs.asked():
            status = MET if name == "services" else STATUS[int(row[f"s_{name}"])]
            reason = _reason(name, status, needs, vendor, center, centers)
            criteria.append(Criterion(CRITERIA[name][0], status, reason, must=name in musts or name == "services"))
        lacks = [name for name in needs.musts() if int(row[f"s_{name}"]) != 2]
        matches.append(
            Match(
                vendor=vendor,
                center=center,
                centers=centers,
                score=None if lacks else query.score(row["earned"]),
                full_match=not lacks,
                lacks=lacks,
                criteria=criteria,
                cost=_cost(needs, centers),
                summaries=[center_summary(each, needs) for each in centers],
            )
        )
    return MatchResult(matches=matches, full_match=full)


def score(criteria: list[Criterion]) -> int:
    """The soft criteria's weighted score, as the query computes it: met counts whole, partly met half."""
    shares = {MET: 1, PARTIAL: 0.5, UNMET: 0}
    return weighted_score((WEIGHTS[c.name], shares[c.status]) for c in criteria if not c.must)
