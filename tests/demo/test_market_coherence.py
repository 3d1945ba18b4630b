"""What a BPO insider checks first, on seeded data: seed_demo draws from the market model (demo/market.py), and
nothing it writes contradicts itself or the market. A few hundred rows, seeded once for the module."""

import re
import statistics
from collections import defaultdict

import pytest
from django.db import connection
from django.db.models import Avg, Count, Q

from demo.fakers import LOCAL_ONLY_LANGUAGES
from demo.market import (
    AGENT_TEMPLATES_BY_TITLE,
    BACK_OFFICE,
    EU_COUNTRIES,
    FRONT_INBOUND,
    FRONT_OUTBOUND,
    HMO,
    HMO_SELF,
    HOURLY_PRICING,
    HUBS_BY_COUNTRY,
    NIGHT_DIFFERENTIAL,
    PAYMENT_SERVICES,
    RICE,
    TAGLINE_PROMISES,
    footprint_allows,
)
from demo.seed import REVIEWER_PREFIX, flush_seeded_data, seed_demo
from directory.models import DeliveryCenter, Review, Vendor
from directory.shore import shore_model_for
from insights.selectors import demand_insights
from jobs.choices import JobRole
from jobs.models import JobLanguageRequirement, JobPosting

pytestmark = pytest.mark.django_db
VENDORS, JOBS = 220, 1500


@pytest.fixture(
    scope="module",
    autouse=True,
    params=[
        "planned one by one",
        pytest.param(
            "in bulk",
            marks=pytest.mark.skipif(connection.vendor != "postgresql", reason="the bulk seed is PostgreSQL's"),
        ),
    ],
)
def seeded(request, django_db_setup, django_db_blocker):
    """The same rules hold whether Python plans each posting or PostgreSQL writes them in bulk (demo/bulk.py)."""
    with django_db_blocker.unblock():
        seed_demo(vendors=VENDORS, jobs=JOBS, seed=11, bulk=request.param == "in bulk")
        yield
        flush_seeded_data()


def template_of(posting):
    """The agent job a posting's title names: the longest template title in it ("Experienced Chat Support Agent
    - Fashion" is a Chat Support Agent)."""
    if posting.role != JobRole.AGENT:
        return None
    named = [title for title in AGENT_TEMPLATES_BY_TITLE if title in posting.title]
    return AGENT_TEMPLATES_BY_TITLE[max(named, key=len)] if named else None


def slugs(related) -> set[str]:
    return {term.slug for term in related.all()}


@pytest.fixture(scope="module")
def vendors(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        return list(
            Vendor.objects.prefetch_related(
                "services", "shore_models", "call_center_types", "channels", "languages", "industries",
                "compliance_standards", "centers__languages",
            )
        )  # fmt: skip


@pytest.fixture(scope="module")
def postings(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        return list(JobPosting.objects.select_related("employer").prefetch_related("language_requirements__language"))


def countries_of(vendor) -> set[str]:
    return {center.country.code for center in vendor.centers.all()}


# --- Vendors: names, centers, languages ---------------------------------------------------------------------


def test_names_are_unique_and_not_a_grid_of_prefixes_and_suffixes(vendors):
    names = [vendor.name.casefold() for vendor in vendors]
    brands = [vendor.name.split()[0].casefold() for vendor in vendors]

    assert len(set(names)) == len(names) == VENDORS
    assert len(set(brands)) == len(brands)  # each brand word once


def test_every_center_works_in_its_hubs_languages(vendors):
    """Every Colombian center lists Spanish, every Portuguese one Portuguese, every Egyptian one Arabic, every
    Polish one German; and a vendor's languages are its centers'."""
    seen = set()
    for vendor in vendors:
        for center in vendor.centers.all():
            hub = HUBS_BY_COUNTRY[center.country.code]
            codes = {language.code for language in center.languages.all()}
            assert set(hub.languages) <= codes, (vendor.name, center.city, codes)
            assert codes <= set(hub.languages) | set(hub.desks) | {"fr"}, (vendor.name, center.city, codes)
            seen.add(center.country.code)
        centers_speak = {language.code for center in vendor.centers.all() for language in center.languages.all()}
        assert {language.code for language in vendor.languages.all()} == centers_speak, vendor.name
    assert {"CO", "PT", "EG", "PL", "PH"} <= seen


def test_language_desks_clients_buy_are_there(vendors):
    desks = defaultdict(set)
    for vendor in vendors:
        for center in vendor.centers.all():
            desks[center.country.code] |= {language.code for language in center.languages.all()}
    assert {"de", "fr"} <= desks["PL"] | desks["PT"] | desks["RO"]
    assert desks["PT"] & {"sv", "da", "no", "fi", "nl"}  # Nordic and Dutch desks in Lisbon or Porto


def test_footprints_are_ones_bpos_have(vendors):
    """A vendor works from its home country and from where firms of that country expand (demo.market.FOOTPRINTS)."""
    for vendor in vendors:
        home = vendor.headquarters_country.code
        countries = countries_of(vendor)
        assert home in countries, vendor.name
        assert all(footprint_allows(home, country) for country in countries), (vendor.name, countries)
    # e.g. 180 seats split between Jamaica and Malaysia: no such vendor.
    assert not any({"JM", "MY"} <= countries_of(vendor) for vendor in vendors)


def test_declared_shore_models_match_the_centers(vendors):
    for vendor in vendors:
        expected = {
            shore_model_for(market, center.country.code)
            for center in vendor.centers.all()
            for market in HUBS_BY_COUNTRY[center.country.code].client_markets
        }
        assert slugs(vendor.shore_models) == expected, vendor.name
        countries = countries_of(vendor)
        if countries <= {"US", "GB", "CA"}:
            assert "offshore" not in expected, vendor.name
        if countries <= {"IN", "PH"}:
            assert slugs(vendor.shore_models) == {"offshore"}, vendor.name


def test_seats_and_employees_add_up(vendors):
    for vendor in vendors:
        seats = sum(center.seats for center in vendor.centers.all())
        assert all(center.seats >= 50 for center in vendor.centers.all()), vendor.name
        assert vendor.employees >= seats, vendor.name


# --- Vendors: what they sell, what they promise, what it costs -------------------------------------------------


def test_rates_belong_to_centers_and_stay_in_the_hubs_range(vendors):
    """A UK and India vendor does not offer UK onshore work at $8 an hour: each center has its own band."""
    priced = 0
    for vendor in vendors:
        bands = [(c.hourly_rate_min, c.hourly_rate_max) for c in vendor.centers.all() if c.hourly_rate_min]
        for center in vendor.centers.all():
            if center.hourly_rate_min is None:
                continue
            low, high = HUBS_BY_COUNTRY[center.country.code].rate_range
            assert low <= center.hourly_rate_min < center.hourly_rate_max <= high, (vendor.name, center.city)
        if bands:
            priced += 1
            assert vendor.hourly_rate_min == min(low for low, _ in bands), vendor.name
            assert vendor.hourly_rate_max == max(high for _, high in bands), vendor.name
    assert priced > VENDORS / 2


def test_no_contradictory_pricing(vendors):
    """Outcome, per-minute and per-ticket pricing quote no hourly band; per-hour and per-FTE pricing do."""
    for vendor in vendors:
        has_band = vendor.hourly_rate_min is not None
        assert has_band == (vendor.pricing_model in HOURLY_PRICING), (vendor.name, vendor.pricing_model)
        if not has_band:
            assert all(center.hourly_rate_min is None for center in vendor.centers.all()), vendor.name


def test_taglines_keep_their_promises(vendors):
    checks = {
        "around the clock": lambda v: v.hours == Vendor.Hours.ALWAYS,
        "back-office": lambda v: len(slugs(v.services) & BACK_OFFICE) >= 2,
        "multilingual": lambda v: v.languages.count() >= 3,
        "sales": lambda v: "sales" in slugs(v.services),
        "collections": lambda v: "collections" in slugs(v.services),
        "technical support": lambda v: "technical-support" in slugs(v.services),
        "healthcare": lambda v: "healthcare" in slugs(v.industries),
        "certified": lambda v: len(slugs(v.compliance_standards)) >= 2,
    }
    assert set(checks) == set(TAGLINE_PROMISES)
    promised = 0
    for vendor in vendors:
        for promise, keeps in checks.items():
            if promise in vendor.tagline.lower():
                promised += 1
                assert keeps(vendor), (vendor.name, vendor.tagline)
    assert promised > VENDORS / 3


def test_services_channels_and_call_center_types_agree(vendors):
    for vendor in vendors:
        services, types, channels = slugs(vendor.services), slugs(vendor.call_center_types), slugs(vendor.channels)
        assert ("inbound" in types) == bool(services & FRONT_INBOUND), vendor.name
        assert ("outbound" in types) == bool(services & FRONT_OUTBOUND), vendor.name
        assert ("blended" in types) == ({"inbound", "outbound"} <= types), vendor.name
        if types:
            assert "voice" in channels, vendor.name
        if "email-chat-support" in services:
            assert {"email", "chat"} <= channels, vendor.name
        if "social-media-support" in services:
            assert "social" in channels, vendor.name


def test_contact_center_hubs_sell_customer_support(vendors):
    """Not a third of vendors: most BPOs in the voice hubs offer customer support."""
    in_hubs = [v for v in vendors if countries_of(v) & {"PH", "MX", "CO", "JM", "DO", "GT", "CR"}]
    support = [v for v in in_hubs if "customer-support" in slugs(v.services)]

    assert len(support) >= 0.8 * len(in_hubs)
    assert len([v for v in vendors if "customer-support" in slugs(v.services)]) >= 0.65 * VENDORS


def test_compliance_follows_the_work(vendors):
    """GDPR wherever EU centers are; HIPAA only for healthcare work for US clients; PCI DSS only where card and
    bank details are handled."""
    for vendor in vendors:
        held = slugs(vendor.compliance_standards)
        markets = {m for c in vendor.centers.all() for m in HUBS_BY_COUNTRY[c.country.code].client_markets}
        if countries_of(vendor) & EU_COUNTRIES:
            assert "gdpr" in held, vendor.name
        if "hipaa" in held:
            assert "healthcare" in slugs(vendor.industries) and "US" in markets, vendor.name
        if "pci-dss" in held:
            assert slugs(vendor.services) & PAYMENT_SERVICES, vendor.name


def test_reviews_exist_and_ratings_are_their_average(vendors):
    published = [v for v in vendors if v.status == Vendor.Status.PUBLISHED]
    reviewed = [v for v in published if v.rating_count]
    approved = dict(
        Review.objects.filter(status=Review.Status.APPROVED)
        .values_list("vendor")
        .annotate(n=Count("pk"), average=Avg("overall"))
        .values_list("vendor", "average")
    )

    assert len(reviewed) >= 0.5 * len(published)
    for vendor in reviewed:
        assert float(vendor.rating_average) == pytest.approx(approved[vendor.pk], abs=0.01), vendor.name
        assert vendor.rating_count == vendor.reviews.filter(status=Review.Status.APPROVED).count()
    assert not Review.objects.exclude(vendor__status=Vendor.Status.PUBLISHED).exists()
    assert Review.objects.filter(reply__gt="").exists()
    assert not Review.objects.exclude(author__username__startswith=REVIEWER_PREFIX).exists()


# --- Job postings -------------------------------------------------------------------------------------------


def benefits(posting) -> list[str]:
    return posting.benefits.splitlines()


def night_differential(posting) -> int | None:
    for line in benefits(posting):
        if line.startswith(NIGHT_DIFFERENTIAL):
            return int(re.search(r"(\d+)%", line).group(1))
    return None


def test_every_night_shift_in_the_philippines_pays_a_night_differential(postings):
    nights = [p for p in postings if p.country.code == "PH" and p.shift == "night"]

    assert len(nights) > 100
    assert all((night_differential(p) or 0) >= 10 for p in nights)  # at least 10% by law
    daytime = [p for p in postings if p.shift in ("day", "mid", "flexible")]
    assert not [p for p in daytime if night_differential(p) is not None]


def test_philippine_postings_list_the_statutory_benefits_and_an_hmo(postings):
    employees = [p for p in postings if p.country.code == "PH" and p.employment_type != "internship"]

    for posting in employees:
        listed = benefits(posting)
        assert {"13th month pay", "SSS, PhilHealth and Pag-IBIG contributions"} <= set(listed), posting.pk
        assert HMO in listed or HMO_SELF in listed, posting.pk
    assert sum(HMO in benefits(p) for p in employees) > len(employees) / 3  # with dependents


def test_benefits_fit_the_country_and_the_arrangement(postings):
    for posting in postings:
        listed = benefits(posting)
        if RICE in listed:
            assert posting.country.code == "PH", posting.pk
        if any("work from home" in line or line == "Internet allowance" for line in listed):
            assert posting.work_arrangement != "onsite", posting.pk
        if posting.country.code != "PH":
            assert "13th month pay" not in listed and HMO not in listed, posting.pk


def test_no_internship_asks_for_experience(postings):
    internships = [p for p in postings if p.employment_type == "internship"]

    assert internships
    assert all(p.min_experience_years == 0 and p.role == JobRole.AGENT for p in internships)


def monthly_median(postings) -> float:
    return statistics.median(float(p.salary_min + p.salary_max) / 2 for p in postings)


def test_part_time_pays_less_than_full_time_where_pay_is_monthly(postings):
    agents = [p for p in postings if p.country.code == "PH" and p.role == JobRole.AGENT and p.shift == "day"]
    full_time = [p for p in agents if p.employment_type == "full_time"]
    part_time = [p for p in agents if p.employment_type == "part_time"]

    assert part_time
    assert max(float(p.salary_max) for p in part_time) < monthly_median(full_time)


def test_non_voice_postings_describe_no_phone_work(postings):
    written = [p for p in postings if p.account_type == "non_voice"]

    assert written
    for posting in written:
        assert not re.search(r"\b(call|calls|caller|callers|phone)\b", posting.description, re.I), posting.title


def test_english_speaking_countries_ask_for_neither_a_degree_nor_a_cefr_level_for_agents(postings):
    """A US order-processing clerk is not asked for a bachelor's degree and English at B2."""
    for posting in postings:
        hub = HUBS_BY_COUNTRY[posting.country.code]
        if not hub.native_english:
            continue
        english = {r.level for r in posting.language_requirements.all() if r.language.code == "en"}
        assert english == {"native"}, posting.pk
        if posting.role == JobRole.AGENT:
            assert posting.education_level != "bachelor", (posting.pk, posting.title)


def test_senior_high_school_is_asked_in_the_philippines_only(postings):
    k12 = [p for p in postings if p.education_level == "senior_high"]

    assert len(k12) > 50
    assert {p.country.code for p in k12} == {"PH"}


def test_the_ladder_above_the_agent_is_hired_for_and_pays_more(postings):
    roles = {p.role for p in postings}
    philippines = [p for p in postings if p.country.code == "PH" and p.employment_type == "full_time"]

    assert roles == set(JobRole.values)
    agents = monthly_median([p for p in philippines if p.role == JobRole.AGENT])
    leads = monthly_median([p for p in philippines if p.role == JobRole.TEAM_LEADER])
    assert leads > 1.3 * agents


def test_night_accounts_pay_more_than_day_ones_within_a_country(postings):
    philippines = [p for p in postings if p.country.code == "PH" and p.role == JobRole.AGENT]
    philippines = [p for p in philippines if p.employment_type == "full_time"]

    night = monthly_median([p for p in philippines if p.shift == "night"])
    day = monthly_median([p for p in philippines if p.shift == "day"])
    assert night > day


def test_postings_ask_for_languages_clients_buy_not_the_hubs_local_ones(postings):
    asked = JobLanguageRequirement.objects.exclude(language__code="en")

    assert not asked.filter(language__code__in=LOCAL_ONLY_LANGUAGES).exists()
    counts = dict(asked.values_list("language__code").annotate(n=Count("pk")))
    assert counts.get("es", 0) > 50 and counts.get("de", 0) > 0


def test_a_bpo_posts_at_its_own_centers_in_their_languages_for_services_it_offers(postings, vendors):
    by_vendor = {vendor.pk: vendor for vendor in vendors}
    checked = 0
    for posting in postings:
        if posting.employer.vendor_id is None:
            continue
        vendor = by_vendor[posting.employer.vendor_id]
        centers = {(c.city, c.country.code): c for c in vendor.centers.all()}
        center = centers[(posting.city, posting.country.code)]
        spoken = {language.code for language in center.languages.all()}
        asked = {r.language.code for r in posting.language_requirements.all()}
        assert asked - {"en"} <= spoken, (posting.pk, asked, spoken)
        template = template_of(posting)
        if template:
            assert template.service in slugs(vendor.services), (vendor.name, posting.title)
            checked += 1
    assert checked > JOBS / 3


def test_every_center_of_a_published_vendor_is_in_the_directory(vendors):
    centers = DeliveryCenter.objects.filter(vendor__status=Vendor.Status.PUBLISHED)

    assert centers.exists()
    assert not centers.filter(Q(languages__isnull=True)).exists()


def test_language_demand_lists_what_clients_buy_in_the_hubs(client):
    """The demand page's languages: English, the Spanish of the nearshore accounts and the European desks, not
    Tagalog, Tamil, Polish or Romanian."""
    demand = demand_insights(top=15)
    languages = [trend.value for trend in demand.languages]

    assert languages[:2] == ["en", "es"]
    assert "de" in languages
    assert not set(languages) & LOCAL_ONLY_LANGUAGES
    assert "Tagalog" not in client.get("/insights/demand/").content.decode()
