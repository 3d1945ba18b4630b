"""Three briefs an outsourcing advisor was given, run on the demo data: each answer is checked against the
data itself (the center named must really be what the brief asks), and a brief nothing meets gets the honest
"no full match" with what each of the closest lacks."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from demo.seed import flush_seeded_data, seed_demo
from directory.brief import MatchRequestSerializer
from directory.matching import match_vendors
from directory.shore import shore_model_for

HEALTHTECH = {
    "services": ["customer-support"],
    "client_country": "US",
    "compliance": ["hipaa"],
    "hours": "24x7",
    "channels": ["voice", "chat"],
    "languages": ["en", "es"],
    "shore_models": ["nearshore"],
    "agents": 60,
    "max_hourly_rate": "22",
    "industry": "healthcare",
    "must_haves": ["compliance", "hours", "channels", "languages", "shore_models"],
}
UK_RETAILER = {
    "services": ["customer-support"],
    "client_country": "GB",
    "channels": ["chat", "email"],
    "delivery_countries": ["PH"],
    "agents": 25,
    "hours": {"start": "08:00", "end": "20:00", "time_zone": "Europe/London"},
    "must_haves": ["channels", "delivery_countries", "hours"],
}
GERMAN_FINTECH = {
    "services": ["customer-support"],
    "client_country": "DE",
    "languages": ["de"],
    "compliance": ["pci-dss", "gdpr"],
    "shore_models": ["nearshore", "onshore"],
    "hours": {"start": "08:00", "end": "20:00", "time_zone": "Europe/Berlin"},
    "must_haves": ["languages", "compliance", "shore_models"],
}


@pytest.fixture(scope="module", autouse=True)
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_demo(vendors=150, jobs=0, seed=1)
        yield
        flush_seeded_data()


@pytest.fixture(autouse=True)
def fresh_cache(db):
    cache.clear()


def run(data):
    serializer = MatchRequestSerializer(data=data)
    assert serializer.is_valid(), serializer.errors
    return serializer.needs(), match_vendors(serializer.needs())


def codes(related) -> set[str]:
    return {term.code if hasattr(term, "code") else term.slug for term in related.all()}


def test_us_healthtech_gets_a_nearshore_bilingual_center_that_works_around_the_clock():
    _, result = run(HEALTHTECH)

    assert result.full_match, [m.lacks for m in result.matches[:3]]
    for match in result.matches:
        center = match.center
        assert shore_model_for("US", center.country.code) == "nearshore"
        assert {"en", "es"} <= codes(center.languages)
        assert center.hours == "24x7"
        assert {"voice", "chat"} <= codes(match.vendor.channels)
        assert "hipaa" in codes(match.vendor.compliance_standards)
    best = result.matches[0]
    # 60 agents priced at 160 productive hours each, not 60 x 730 hours.
    assert best.cost is None or best.cost.low == 60 * 160 * best.cost.rate_min
    assert best.summaries[0].startswith(best.center.name or best.center.city)


def test_us_healthtech_on_a_budget_no_nearshore_center_meets_gets_the_honest_answer():
    _, result = run(
        {**HEALTHTECH, "max_hourly_rate": "11", "must_haves": [*HEALTHTECH["must_haves"], "max_hourly_rate"]}
    )

    assert not result.full_match
    assert result.matches
    for match in result.matches:
        assert match.score is None
        assert match.lacks
        failed = {c.name for c in match.criteria if c.must and c.status != "met"}
        assert failed == set(match.lacking)


def test_uk_retailer_from_the_philippines_gets_centers_whose_night_shift_covers_london_hours():
    _, result = run(UK_RETAILER)

    assert result.full_match
    for match in result.matches:
        assert match.center.country.code == "PH"
        assert match.center.hours == "24x7"  # 16:00 to 04:00 in Manila: no extended floor covers it
        hours = next(c for c in match.criteria if c.name == "hours")
        assert "night" in hours.reason and "is 16:00-04:00" in hours.reason
        assert "offshore" not in " ".join(c.reason for c in match.criteria)  # no shore model asked


def test_german_fintech_gets_german_speaking_centers_with_current_pci_dss_near_berlin():
    _, result = run(GERMAN_FINTECH)

    assert result.matches
    today = timezone.localdate()
    for match in result.matches if result.full_match else []:
        assert "de" in codes(match.center.languages)
        assert shore_model_for("DE", match.center.country.code) in ("nearshore", "onshore")
        pci = [c for c in match.vendor.valid_certifications if c.standard.slug == "pci-dss"]
        assert pci and pci[0].valid_until >= today
        assert "gdpr" in codes(match.vendor.compliance_standards)
    if not result.full_match:
        assert all(m.score is None and m.lacks for m in result.matches)
    languages = [next(c for c in m.criteria if c.name == "languages") for m in result.matches]
    assert all(c.status == "met" for c in languages) or not result.full_match
