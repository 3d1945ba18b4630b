"""GET /api/v1/jobs/ and /api/v1/jobs/{slug}/: open postings for everyone.

Five open postings with known attributes, published 1, 2, 5, 10 and 40 days ago, and one posting of each kind
the public must not see (draft, pending, rejected, closed, expired, and published but past its expiry date)
that would match every filter, so each test names exactly which postings a query lists, and in which order.
"""

import pytest

from demo.factories.accounts import CuratorFactory
from demo.factories.directory import (
    BpoEmployerFactory,
    EmployerFactory,
    EmployerMembershipFactory,
    PublishedVendorFactory,
)
from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
    RejectedJobPostingFactory,
)
from tests.helpers import client_for, make_job, slugs

pytestmark = pytest.mark.django_db

ALPHA, BRAVO, CHARLIE, DELTA, ECHO = (
    "alpha-voice-agent",
    "bravo-chat-specialist",
    "charlie-tech-support",
    "delta-email-writer",
    "echo-collections-agent",
)
ALL = {ALPHA, BRAVO, CHARLIE, DELTA, ECHO}
NEWEST_FIRST = [ALPHA, BRAVO, CHARLIE, DELTA, ECHO]
HIDDEN = ["draft", "pending", "rejected", "closed", "expired", "past-expiry"]
SECRET_REASON = "SECRET-REJECTION-REASON"
JOB_KEYS = {
    "slug",
    "title",
    "url",
    "employer",
    "city",
    "country",
    "work_arrangement",
    "employment_type",
    "shift",
    "account_type",
    "salary",
    "experience_years_min",
    "education_level",
    "skills",
    "languages",
    "posted_at",
    "expires_at",
}


@pytest.fixture
def jobs():
    acme = EmployerFactory(name="Acme Care", slug="acme-care")
    initech = EmployerFactory(name="Initech Billing", slug="initech")
    harbor = BpoEmployerFactory(vendor=PublishedVendorFactory(name="Harbor Contact"), slug="harbor", name="Harbor")
    summit = BpoEmployerFactory(vendor=PublishedVendorFactory(name="Summit BPO"), slug="summit", name="Summit BPO")
    curator = CuratorFactory(username="curator-who-moderated")
    secrets = {"rejection_reason": SECRET_REASON, "status_changed_by": curator}
    built = {
        ALPHA: make_job(
            "Alpha Voice Agent",
            employer=acme,
            days_ago=1,
            country="PH",
            city="Manila",
            work_arrangement="onsite",
            employment_type="full_time",
            shift="night",
            account_type="voice",
            salary_min=20000,
            salary_max=25000,
            salary_currency="PHP",
            min_experience_years=0,
            education_level="high_school",
            skills=["communication", ("crm", "preferred")],
            languages=[("en", "C1")],
            **secrets,
        ),
        BRAVO: make_job(
            "Bravo Chat Specialist",
            employer=harbor,
            days_ago=2,
            country="PH",
            city="Cebu City",
            work_arrangement="remote",
            employment_type="part_time",
            shift="day",
            account_type="non_voice",
            salary_min=18000,
            salary_max=22000,
            salary_currency="PHP",
            min_experience_years=1,
            education_level="none",
            skills=["chat-support", "typing", "communication"],
            languages=["en", "tl"],
            **secrets,
        ),
        CHARLIE: make_job(
            "Charlie Tech Support",
            employer=summit,
            days_ago=5,
            country="IN",
            city="Bangalore",
            work_arrangement="hybrid",
            employment_type="full_time",
            shift="rotating",
            account_type="blended",
            salary_min=500,
            salary_max=800,
            salary_currency="USD",
            min_experience_years=2,
            education_level="bachelor",
            skills=["technical-troubleshooting", "communication", "crm"],
            languages=["en", "hi"],
            **secrets,
        ),
        DELTA: make_job(
            "Delta Email Writer",
            employer=acme,
            days_ago=10,
            country="US",
            city="Austin",
            work_arrangement="remote",
            employment_type="contract",
            shift="flexible",
            account_type="non_voice",
            salary_min=15,
            salary_max=18,
            salary_currency="USD",
            salary_period="hour",
            min_experience_years=3,
            education_level="some_college",
            skills=["email-support"],
            languages=["es"],
            **secrets,
        ),
        ECHO: make_job(
            "Echo Collections Agent",
            employer=initech,
            days_ago=40,
            country="MX",
            city="Monterrey",
            work_arrangement="onsite",
            employment_type="temporary",
            shift="mid",
            account_type="voice",
            min_experience_years=5,
            education_level="vocational",
            skills=["collections", "communication"],
            languages=["es", "en"],
            **secrets,
        ),
    }
    # Hidden postings: each would match every filter and sort first.
    everything = {
        "employer": acme,
        "country": "PH",
        "city": "Manila",
        "work_arrangement": "remote",
        "shift": "night",
        "account_type": "voice",
        "salary_min": 90000,
        "salary_max": 99000,
        "salary_currency": "PHP",
        "education_level": "none",
        "skills": ["communication", "crm", "chat-support", "collections", "email-support"],
        "languages": ["en", "tl", "hi", "es"],
        **secrets,
    }
    hidden = {
        "draft": JobPostingFactory,
        "pending": PendingJobPostingFactory,
        "rejected": RejectedJobPostingFactory,
        "closed": ClosedJobPostingFactory,
        "expired": ExpiredJobPostingFactory,
    }
    for status, factory in hidden.items():
        built[status] = make_job(f"Alpha Support Agent {status}", factory=factory, days_ago=0.5, **everything)
    # Published, but its expiry date has passed before the expiry command ran.
    built["past-expiry"] = make_job(
        "Alpha Support Agent past-expiry",
        days_ago=61,
        **everything,
    )
    return built


# The list -----------------------------------------------------------------------------------------------------


def test_list_is_paginated_and_each_item_carries_the_contract_fields(api, jobs):
    response = api.get("/api/v1/jobs/")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "count_exact", "next", "previous", "results"}
    assert body["count_exact"] is True
    assert (body["count"], body["next"], body["previous"]) == (5, None, None)
    alpha = body["results"][0]
    assert set(alpha) >= JOB_KEYS
    assert alpha["slug"] == ALPHA
    assert alpha["title"] == "Alpha Voice Agent"
    assert alpha["url"] == f"http://testserver/jobs/{ALPHA}/"
    assert alpha["employer"] == {"name": "Acme Care", "slug": "acme-care", "kind": "in_house"}
    assert (alpha["city"], alpha["country"]) == ("Manila", "PH")
    assert (alpha["work_arrangement"], alpha["employment_type"], alpha["shift"], alpha["account_type"]) == (
        "onsite",
        "full_time",
        "night",
        "voice",
    )
    assert alpha["salary"] == {"min": 20000, "max": 25000, "currency": "PHP", "period": "month"}
    assert (alpha["experience_years_min"], alpha["education_level"]) == (0, "high_school")
    assert sorted(alpha["skills"], key=lambda skill: skill["slug"]) == [
        {"slug": "communication", "name": "Communication", "importance": "required"},
        {"slug": "crm", "name": "CRM software", "importance": "preferred"},
    ]
    assert alpha["languages"] == [{"code": "en", "name": "English", "level": "C1"}]
    posting = jobs[ALPHA]
    assert alpha["posted_at"] == posting.published_at.isoformat().replace("+00:00", "Z")
    assert alpha["expires_at"] == posting.expires_at.isoformat().replace("+00:00", "Z")
    bravo = body["results"][1]
    assert bravo["employer"] == {"name": "Harbor", "slug": "harbor", "kind": "bpo"}
    echo = body["results"][4]
    assert echo["salary"] == {"min": None, "max": None, "currency": "", "period": "month"}


def test_list_shows_open_postings_only_newest_first(api, jobs):
    assert slugs(api.get("/api/v1/jobs/")) == NEWEST_FIRST


FILTER_CASES = [
    # q: every word in the title, description, city, employer's name or a skill's name, any case.
    ("q=collections", {ECHO}),
    ("q=CEBU", {BRAVO}),
    ("q=acme", {ALPHA, DELTA}),
    ("q=support", {BRAVO, CHARLIE, DELTA}),  # skills "Live chat support", "Email support"
    ("q=tech+support", {CHARLIE}),
    ("q=tech+acme", set()),
    # country (any case), city (any case), and every other single-column filter: any of the values.
    ("country=PH", {ALPHA, BRAVO}),
    ("country=ph&country=in", {ALPHA, BRAVO, CHARLIE}),
    ("city=manila", {ALPHA}),
    ("city=Manila&city=AUSTIN", {ALPHA, DELTA}),
    ("work_arrangement=remote", {BRAVO, DELTA}),
    ("work_arrangement=remote&work_arrangement=hybrid", {BRAVO, CHARLIE, DELTA}),
    ("employment_type=full_time", {ALPHA, CHARLIE}),
    ("employment_type=contract&employment_type=temporary", {DELTA, ECHO}),
    ("shift=night", {ALPHA}),
    ("shift=day&shift=mid", {BRAVO, ECHO}),
    ("account_type=non_voice", {BRAVO, DELTA}),
    ("account_type=voice&account_type=blended", {ALPHA, CHARLIE, ECHO}),
    # skill: the posting asks for all of them (required or preferred).
    ("skill=communication", {ALPHA, BRAVO, CHARLIE, ECHO}),
    ("skill=communication&skill=crm", {ALPHA, CHARLIE}),
    ("skill=crm&skill=collections", set()),
    # language: any of them.
    ("language=hi", {CHARLIE}),
    ("language=tl&language=hi", {BRAVO, CHARLIE}),
    ("language=es", {DELTA, ECHO}),
    # min_salary with currency: paid in that currency, top of the range at least that much.
    ("min_salary=20000&currency=PHP", {ALPHA, BRAVO}),
    ("min_salary=22001&currency=PHP", {ALPHA}),
    ("min_salary=600&currency=USD", {CHARLIE}),
    ("min_salary=0&currency=USD", {CHARLIE, DELTA}),
    ("currency=PHP", {ALPHA, BRAVO}),
    # max_experience: asks at most that many years.
    ("max_experience=0", {ALPHA}),
    ("max_experience=2", {ALPHA, BRAVO, CHARLIE}),
    ("max_experience=50", ALL),
    # education: asks at most that level (none < high school < vocational < some college < bachelor).
    ("education=none", {BRAVO}),
    ("education=high_school", {ALPHA, BRAVO}),
    ("education=some_college", {ALPHA, BRAVO, DELTA, ECHO}),
    ("education=postgraduate", ALL),
    # employer (slugs, any of them; an unknown one matches nothing) and its kind.
    ("employer=acme-care", {ALPHA, DELTA}),
    ("employer=acme-care&employer=harbor", {ALPHA, BRAVO, DELTA}),
    ("employer=no-such-employer", set()),
    ("employer_kind=bpo", {BRAVO, CHARLIE}),
    ("employer_kind=in_house", {ALPHA, DELTA, ECHO}),
    # posted_within: published in the last N days.
    ("posted_within=1", set()),
    ("posted_within=3", {ALPHA, BRAVO}),
    ("posted_within=7", {ALPHA, BRAVO, CHARLIE}),
    ("posted_within=30", {ALPHA, BRAVO, CHARLIE, DELTA}),
    ("posted_within=365", ALL),
    # Combinations narrow each other.
    ("country=PH&work_arrangement=remote&skill=communication", {BRAVO}),
    ("language=en&employer_kind=in_house&max_experience=0", {ALPHA}),
    ("skill=communication&language=es&shift=mid&shift=night", {ECHO}),
    ("employer_kind=bpo&min_salary=700&currency=USD&posted_within=7", {CHARLIE}),
    ("q=agent&education=vocational&account_type=voice", {ALPHA, ECHO}),
]


def test_filters(api, jobs):
    """Each query against the same postings (one test, so they are built once); every mismatch is reported."""
    wrong = {}
    for query, expected in FILTER_CASES:
        found = set(slugs(api.get(f"/api/v1/jobs/?{query}")))
        if found != expected:
            wrong[query] = {"expected": sorted(expected), "found": sorted(found)}
    assert wrong == {}


ORDERING_CASES = [
    ("-posted_at", NEWEST_FIRST),
    ("posted_at", NEWEST_FIRST[::-1]),
    # By the top of the salary range (amounts as stated, whatever the currency); no salary comes last.
    ("-salary_max", [ALPHA, BRAVO, CHARLIE, DELTA, ECHO]),
    ("salary_max", [DELTA, CHARLIE, BRAVO, ALPHA, ECHO]),
]


def test_ordering(api, jobs):
    wrong = {}
    for ordering, expected in ORDERING_CASES:
        found = slugs(api.get(f"/api/v1/jobs/?ordering={ordering}"))
        if found != expected:
            wrong[ordering] = {"expected": expected, "found": found}
    assert wrong == {}


def test_ordering_and_pages_of_a_filtered_list(api, jobs):
    assert slugs(api.get("/api/v1/jobs/?skill=communication&ordering=salary_max")) == [CHARLIE, BRAVO, ALPHA, ECHO]

    page = api.get("/api/v1/jobs/?skill=communication&ordering=-salary_max&page_size=2&page=2").json()
    assert page["count"] == 4
    assert [item["slug"] for item in page["results"]] == [CHARLIE, ECHO]
    assert page["next"] is None
    assert page["previous"] == "http://testserver/api/v1/jobs/?ordering=-salary_max&page_size=2&skill=communication"

    first = api.get("/api/v1/jobs/?page_size=2").json()
    assert [item["slug"] for item in first["results"]] == [ALPHA, BRAVO]
    assert first["next"] == "http://testserver/api/v1/jobs/?page=2&page_size=2"
    assert slugs(api.get(first["next"])) == [CHARLIE, DELTA]
    assert slugs(api.get("/api/v1/jobs/?page_size=2&page=3")) == [ECHO]
    assert api.get("/api/v1/jobs/?page_size=2&page=4").status_code == 404


def test_page_size_defaults_to_20(api):
    employer = EmployerFactory()
    PublishedJobPostingFactory.create_batch(21, employer=employer, skills=[])

    first = api.get("/api/v1/jobs/").json()
    assert (first["count"], len(first["results"])) == (21, 20)
    assert len(api.get("/api/v1/jobs/?page=2").json()["results"]) == 1


# One posting ------------------------------------------------------------------------------------------------


def test_detail_of_an_open_posting(api, jobs):
    response = api.get(f"/api/v1/jobs/{CHARLIE}/")

    assert response.status_code == 200
    posting = response.json()
    assert set(posting) >= JOB_KEYS | {"description"}
    assert posting["slug"] == CHARLIE
    assert posting["employer"] == {"name": "Summit BPO", "slug": "summit", "kind": "bpo"}
    assert posting["salary"] == {"min": 500, "max": 800, "currency": "USD", "period": "month"}
    assert sorted(skill["slug"] for skill in posting["skills"]) == ["communication", "crm", "technical-troubleshooting"]
    assert sorted(language["code"] for language in posting["languages"]) == ["en", "hi"]


def test_postings_the_public_may_not_see_are_not_found_and_not_listed(api, user_api, jobs):
    listed = api.get("/api/v1/jobs/?page_size=100").content.decode()
    for kind in HIDDEN:
        slug = jobs[kind].slug
        assert (kind, api.get(f"/api/v1/jobs/{slug}/").status_code) == (kind, 404)
        assert (kind, user_api.get(f"/api/v1/jobs/{slug}/").status_code) == (kind, 404)
        assert slug not in listed


def test_unknown_posting_is_not_found(api, jobs):
    response = api.get("/api/v1/jobs/no-such-posting/")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_members_see_their_own_unpublished_postings_but_not_others(jobs):
    member = EmployerMembershipFactory(employer=jobs["draft"].employer).user  # Acme Care
    client = client_for(member)

    assert client.get(f"/api/v1/jobs/{jobs['draft'].slug}/").status_code == 200
    assert client.get(f"/api/v1/jobs/{jobs['rejected'].slug}/").status_code == 200
    # The public list stays the public list.
    assert slugs(client.get("/api/v1/jobs/")) == NEWEST_FIRST
    stranger = EmployerMembershipFactory().user
    assert client_for(stranger).get(f"/api/v1/jobs/{jobs['draft'].slug}/").status_code == 404


def test_moderation_notes_never_appear(api, jobs):
    member = EmployerMembershipFactory(employer=jobs["rejected"].employer).user
    responses = [
        api.get("/api/v1/jobs/?page_size=100"),
        api.get(f"/api/v1/jobs/{ALPHA}/"),
        # Not even to the employer's own members, on their rejected posting or in their own list.
        client_for(member).get(f"/api/v1/jobs/{jobs['rejected'].slug}/"),
        client_for(member).get("/api/v1/jobs/?mine=true"),
    ]

    for response in responses:
        assert response.status_code == 200
        text = response.content.decode()
        for secret in [SECRET_REASON, "curator-who-moderated"]:
            assert secret not in text
        for key in ["rejection_reason", "status_changed", "created_by", "contact_"]:
            assert key not in text
