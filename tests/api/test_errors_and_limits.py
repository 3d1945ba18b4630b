"""The API is strict where the pages are forgiving: unknown parameters, unknown choices, malformed numbers and
pages are 400s whose JSON body names the parameter (and says what is allowed); a page past the end is a 404;
hostile input never makes a 500. Also the throttles (429 with Retry-After)."""

import pytest
from rest_framework.test import APIClient

from demo.factories.accounts import UserFactory, VerifiedUserFactory
from demo.factories.directory import EmployerMembershipFactory
from tests.helpers import client_for, make_job, make_vendor, slugs

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    """One published vendor and one open posting, so that lists have something to filter."""
    make_vendor("Alpha Voice", services=["customer-support"], channels=["voice"], centers=[("PH", 100)])
    make_job("Alpha Voice Agent", skills=["communication"], languages=["en"])


# (query string, the parameter named in the 400, a phrase the message must contain)
VENDOR_ERRORS = [
    ("foo=1", "foo", "Unknown parameter"),
    ("Service=sales", "Service", "Unknown parameter"),
    ("service=juggling", "service", "customer-support"),
    ("category=middle_office", "category", "front_office, back_office"),
    ("shore_model=moonshore", "shore_model", "onshore"),
    ("call_center_type=psychic", "call_center_type", "inbound"),
    ("channel=pigeon", "channel", "voice"),
    ("language=xx", "language", "en"),
    ("country=ZZ", "country", ""),
    ("industry=piracy", "industry", "healthcare"),
    ("compliance=iso-9999", "compliance", "pci-dss"),
    ("hours=always", "hours", "business, extended, 24x7"),
    ("verified=yes", "verified", "true, false"),
    ("ordering=price", "ordering", ""),
    ("min_seats=ten", "min_seats", ""),
    ("min_seats=1.5", "min_seats", ""),
    ("min_seats=-1", "min_seats", ""),
    ("max_hourly_rate=abc", "max_hourly_rate", ""),
    ("max_hourly_rate=-5", "max_hourly_rate", ""),
    ("max_hourly_rate=NaN", "max_hourly_rate", ""),
    ("q=" + "a" * 201, "q", ""),
    ("page=abc", "page", ""),
    ("page=0", "page", ""),
    ("page=-1", "page", ""),
    ("page_size=0", "page_size", "1 to 100"),
    ("page_size=abc", "page_size", "1 to 100"),
    ("page_size=-5", "page_size", "1 to 100"),
    # Single-valued parameters given twice.
    ("hours=business&hours=24x7", "hours", "once"),
    ("q=a&q=b", "q", "once"),
    ("verified=true&verified=false", "verified", "once"),
    ("min_seats=1&min_seats=2", "min_seats", "once"),
]
JOB_ERRORS = [
    ("foo=1", "foo", "Unknown parameter"),
    ("salary=100", "salary", "Unknown parameter"),
    ("country=ZZ", "country", ""),
    ("work_arrangement=office", "work_arrangement", "onsite, remote, hybrid"),
    ("employment_type=gig", "employment_type", "full_time"),
    ("shift=graveyard", "shift", "day, mid, night, rotating, flexible"),
    ("shift=day&shift=graveyard", "shift", "day, mid, night, rotating, flexible"),
    ("account_type=email", "account_type", "voice, non_voice, blended"),
    ("skill=juggling", "skill", "communication"),
    ("language=xx", "language", "en"),
    ("currency=XXX", "currency", "USD"),
    ("min_salary=abc&currency=USD", "min_salary", ""),
    ("min_salary=-1&currency=USD", "min_salary", ""),
    ("min_salary=1000", "min_salary", "currency"),
    ("max_experience=-1", "max_experience", ""),
    ("max_experience=lots", "max_experience", ""),
    ("education=phd", "education", "high_school"),
    ("employer_kind=agency", "employer_kind", "bpo, in_house"),
    ("posted_within=0", "posted_within", ""),
    ("posted_within=abc", "posted_within", ""),
    ("posted_within=9999", "posted_within", ""),
    ("ordering=salary", "ordering", ""),
    ("mine=yes", "mine", "true, false"),
    ("page=abc", "page", ""),
    ("page_size=0", "page_size", "1 to 100"),
    ("page_size=abc", "page_size", "1 to 100"),
    ("currency=USD&currency=PHP", "currency", "once"),
    ("employer_kind=bpo&employer_kind=in_house", "employer_kind", "once"),
    ("posted_within=1&posted_within=3", "posted_within", "once"),
]


def assert_names(response, parameter, phrase):
    assert response.status_code == 400, (response.status_code, response.content)
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {parameter}
    assert isinstance(body[parameter], list)
    assert all(isinstance(message, str) for message in body[parameter])
    assert phrase in " ".join(body[parameter])


@pytest.mark.parametrize(("query", "parameter", "phrase"), VENDOR_ERRORS, ids=[case[0][:40] for case in VENDOR_ERRORS])
def test_vendor_list_names_the_bad_parameter(api, query, parameter, phrase):
    assert_names(api.get(f"/api/v1/vendors/?{query}"), parameter, phrase)


@pytest.mark.parametrize(("query", "parameter", "phrase"), JOB_ERRORS, ids=[case[0] for case in JOB_ERRORS])
def test_job_list_names_the_bad_parameter(api, query, parameter, phrase):
    client = client_for(VerifiedUserFactory()) if "mine" in query else api
    assert_names(client.get(f"/api/v1/jobs/?{query}"), parameter, phrase)


def test_unknown_parameters_are_all_named_with_the_known_ones(api):
    response = api.get("/api/v1/vendors/?foo=1&bar=2&service=sales")

    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"foo", "bar"}
    assert "service" in body["foo"][0]
    assert "max_hourly_rate" in body["foo"][0]


@pytest.mark.parametrize(
    "path", ["services", "industries", "languages", "compliance-standards", "skills", "certifications"]
)
def test_vocabularies_refuse_unknown_parameters(api, path):
    assert_names(api.get(f"/api/v1/{path}/?q=voice"), "q", "Unknown parameter")


@pytest.mark.parametrize("path", ["vendors", "jobs"])
def test_page_past_the_end_is_404(api, data, path):
    assert api.get(f"/api/v1/{path}/?page=1").status_code == 200
    assert slugs(api.get(f"/api/v1/{path}/?page=last")) != []

    response = api.get(f"/api/v1/{path}/?page=2")

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


def test_an_empty_list_has_a_first_page(api):
    for path in ["vendors", "jobs"]:
        assert api.get(f"/api/v1/{path}/").json() == {
            "count": 0,
            "count_exact": True,
            "next": None,
            "previous": None,
            "results": [],
        }


HOSTILE = [
    "a" * 5000,
    "a " * 150,
    "名前 ünïcödé 🚀 مرحبا",
    "' OR 1=1; DROP TABLE directory_vendor; --",
    '" OR ""="',
    "%",
    "_",
    "\\",
    "%00",
    "\x00",
    "abc\x00def",
    "<script>alert(1)</script>",
    "${jndi:ldap://x}",
    "\u202e\u0000",
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_search_text_is_never_a_server_error(api, data, value):
    for path in ["vendors", "jobs"]:
        response = api.get(f"/api/v1/{path}/", {"q": value})
        assert response.status_code in (200, 400), (path, response.status_code)
        if response.status_code == 400:
            assert set(response.json()) == {"q"}
        else:
            # Wildcards and quotes are text, not SQL: nothing here matches "Alpha Voice".
            assert response.json()["results"] == []


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("vendors", "service"),
        ("vendors", "country"),
        ("vendors", "language"),
        ("vendors", "min_seats"),
        ("vendors", "max_hourly_rate"),
        ("vendors", "ordering"),
        ("vendors", "page"),
        ("vendors", "page_size"),
        ("jobs", "city"),
        ("jobs", "employer"),
        ("jobs", "skill"),
        ("jobs", "country"),
        ("jobs", "max_experience"),
        ("jobs", "posted_within"),
        ("jobs", "page"),
    ],
)
def test_hostile_parameter_values_are_never_a_server_error(api, data, path, parameter):
    values = [
        "' OR 1=1 --",
        "1; DROP TABLE jobs_jobposting",
        "\x00",
        "x\x00y",
        "9" * 40,
        "1e309",
        "0x10",
        "名前",
        "%",
        "a" * 3000,
    ]
    for value in values:
        response = api.get(f"/api/v1/{path}/", {parameter: value})
        assert response.status_code in (200, 400, 404), (value, response.status_code)
        if response.status_code == 400:
            assert set(response.json()) == {parameter}, value
        elif response.status_code == 200 and not parameter.startswith("page"):
            assert response.json()["results"] == [], value


@pytest.mark.parametrize(
    "slug", ["no-such", "%00", "a%00b", "名前", "'%20OR%201=1", "x" * 300, "..%2F..%2Fetc%2Fpasswd"]
)
@pytest.mark.parametrize("path", ["vendors", "jobs"])
def test_hostile_slugs_are_not_found(api, data, path, slug):
    assert api.get(f"/api/v1/{path}/{slug}/").status_code == 404


@pytest.mark.parametrize("value", ["\x00", "abc\x00", "a" * 100_000, "名前 🚀", "' OR 1=1 --"])
def test_hostile_write_bodies_are_never_a_server_error(value):
    membership = EmployerMembershipFactory()
    client = client_for(membership.user)
    body = {"title": value, "description": value, "city": value, "country": "PH", "benefits": [value]}

    created = client.post("/api/v1/jobs/", body, format="json")
    assert created.status_code in (201, 400), created.status_code
    if created.status_code == 400:
        assert set(created.json()) <= {"title", "description", "city", "benefits"}

    posting = make_job("Safe Title", employer=membership.employer)
    changed = client.patch(f"/api/v1/jobs/{posting.slug}/", {"city": value, "employer": value}, format="json")
    assert changed.status_code in (200, 400), changed.status_code


def test_malformed_json_body_is_400(in_house):
    client = client_for(in_house[1])

    response = client.post("/api/v1/jobs/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()) == {"detail"}


# Throttling ---------------------------------------------------------------------------------------------------

LOW_RATES = {"anon": "3/minute", "user": "5/minute", "login": "2/minute"}


def assert_throttled(response):
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert set(response.json()) == {"detail"}


def test_anonymous_requests_beyond_the_rate_get_429_with_retry_after(api, settings):
    settings.API_THROTTLE_RATES = LOW_RATES

    codes = [api.get("/api/v1/vendors/").status_code for _ in range(3)]
    throttled = api.get("/api/v1/jobs/")

    assert codes == [200, 200, 200]
    assert_throttled(throttled)
    assert_throttled(api.get("/api/v1/services/"))


def test_authenticated_users_have_their_own_higher_rate(api, settings):
    settings.API_THROTTLE_RATES = LOW_RATES
    first, second = client_for(VerifiedUserFactory()), client_for(VerifiedUserFactory())

    codes = [first.get("/api/v1/vendors/").status_code for _ in range(5)]
    assert codes == [200] * 5
    assert_throttled(first.get("/api/v1/vendors/"))
    # Another user, and anonymous clients, each have their own allowance.
    assert second.get("/api/v1/vendors/").status_code == 200
    assert [api.get("/api/v1/vendors/").status_code for _ in range(3)] == [200, 200, 200]
    assert_throttled(api.get("/api/v1/vendors/"))


def test_writes_are_throttled_too(settings, in_house):
    settings.API_THROTTLE_RATES = LOW_RATES
    employer, member = in_house
    posting = make_job("Chat Agent", employer=employer)
    client = client_for(member)

    url = f"/api/v1/jobs/{posting.slug}/"
    codes = [client.patch(url, {"city": f"City {n}"}, format="json").status_code for n in range(5)]
    throttled = client.patch(url, {"city": "Too Many"}, format="json")

    assert codes == [200] * 5
    assert_throttled(throttled)
    posting.refresh_from_db()
    assert posting.city == "City 4"


def test_the_token_endpoint_has_its_own_login_rate(api, settings):
    user = VerifiedUserFactory()
    settings.API_THROTTLE_RATES = LOW_RATES
    right = {"username": user.username, "password": "correct horse battery staple"}

    assert api.post("/api/v1/auth/token/", {**right, "password": "guess"}, format="json").status_code == 400
    assert api.post("/api/v1/auth/token/", right, format="json").status_code == 200
    # The third attempt in the minute is refused, even with the right password.
    assert_throttled(api.post("/api/v1/auth/token/", right, format="json"))
    # Reads have their own allowance.
    assert api.get("/api/v1/vendors/").status_code == 200


def test_the_login_rate_is_per_client_address_whoever_they_claim_to_be(settings):
    settings.API_THROTTLE_RATES = LOW_RATES
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    elsewhere = APIClient(REMOTE_ADDR="198.51.100.9")
    names = [UserFactory().username for _ in range(3)]

    codes = [client.post("/api/v1/auth/token/", {"username": name, "password": "x"}).status_code for name in names]

    assert codes[:2] == [400, 400]
    assert codes[2] == 429
    assert elsewhere.post("/api/v1/auth/token/", {"username": names[0], "password": "x"}).status_code == 400
