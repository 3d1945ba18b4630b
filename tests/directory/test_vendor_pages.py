"""The public vendor pages: the list and its htmx updates, service and country landing pages, the profile,
compare, the shortlist, SEO tags, the sitemap, and query counts that do not grow with the rows shown."""

import re
from decimal import Decimal

import pytest
from django.utils.html import escape

from demo.factories.accounts import VerifiedUserFactory
from demo.factories.directory import (
    BpoEmployerFactory,
    EmployerFactory,
    PendingVendorFactory,
)
from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
)
from directory.models import DeliveryCenter, Language, ServiceType, Vendor
from directory.search import refresh_vendor_search_vectors
from directory.shortlist import SESSION_KEY
from tests.helpers import HIDDEN_VENDOR_FACTORIES, bulk_vendors, count_queries, make_vendor

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def names(response) -> list[str]:
    return [vendor.name for vendor in response.context["vendors"]]


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.headers.get("Vary", "").split(",")}


@pytest.fixture
def harbor():
    return make_vendor(
        "Harbor Support",
        tagline="Customer care from Manila",
        services=["customer-support"],
        centers=[("PH", "Manila", 300)],
        languages=["en"],
    )


@pytest.fixture
def summit():
    return make_vendor(
        "Summit Helpdesk",
        services=["technical-support"],
        centers=[("MX", "Guadalajara", 120)],
        languages=["en", "es"],
        verified=True,
    )


# --- The list and its htmx updates ----------------------------------------------------------------------


def test_vendor_list_shows_published_vendors_only(client, harbor, summit):
    for status, factory in HIDDEN_VENDOR_FACTORIES.items():
        make_vendor(f"Hidden {status} vendor", factory=factory, services=["customer-support"])

    response = client.get("/vendors/")

    html = html_of(response)
    assert set(names(response)) == {"Harbor Support", "Summit Helpdesk"}
    assert "<strong>2</strong> vendors" in html
    assert f'href="{harbor.get_absolute_url()}"' in html
    assert "Hidden" not in html


def test_htmx_request_gets_only_the_results_partial(client, harbor, summit):
    response = client.get("/vendors/?service=customer-support", headers=HX)

    html = html_of(response)
    assert "<html" not in html
    assert "<title>" not in html
    assert 'id="result-count"' in html
    assert 'id="vendor-filters"' in html  # the facets are swapped in with the results
    assert "Harbor Support" in html
    assert "Summit Helpdesk" not in html
    assert "hx-request" in vary(response)


def test_htmx_partial_carries_the_notices(client, harbor):
    html = html_of(client.get("/vendors/?hours=never", headers=HX))

    assert "<html" not in html
    assert '<div role="status">\n<ul class="notices">' in html
    assert "Hours of coverage:" in html
    assert "Harbor Support" in html


def test_full_page_varies_on_hx_request_too(client, harbor):
    response = client.get("/vendors/")

    html = html_of(response)
    assert html.lstrip().startswith("<!doctype html>")
    assert "hx-request" in vary(response)


def test_htmx_history_restore_request_gets_the_full_page(client, harbor):
    response = client.get("/vendors/?service=customer-support", headers={**HX, "HX-History-Restore-Request": "true"})

    html = html_of(response)
    assert "<html" in html
    assert "<title>" in html
    assert "Harbor Support" in html
    assert "hx-request" in vary(response)


@pytest.mark.parametrize("path", ["/vendors/services/customer-support/", "/vendors/countries/ph/"])
def test_landing_pages_answer_htmx_with_the_partial(client, harbor, summit, path):
    response = client.get(path, headers=HX)

    html = html_of(response)
    assert "<html" not in html
    assert "Harbor Support" in html
    assert "Summit Helpdesk" not in html
    assert "hx-request" in vary(response)


# --- Service landing pages ------------------------------------------------------------------------------


def test_service_page_lists_vendors_offering_it_with_what_the_service_is(client, harbor, summit):
    make_vendor("Pending Support Co", factory=PendingVendorFactory, services=["customer-support"])

    response = client.get("/vendors/services/customer-support/")

    html = html_of(response)
    assert names(response) == ["Harbor Support"]
    assert "<h1>Customer support outsourcing vendors</h1>" in html
    assert '<p class="kicker">Front office</p>' in html
    description = ServiceType.objects.get(slug="customer-support").description
    assert "first-contact resolution" in description
    assert escape(description) in html
    # The service is fixed by the URL: shown ticked and locked, with no chip to remove it.
    [option] = [o for o in response.context["facets"]["service"].options if o.value == "customer-support"]
    assert option.selected
    assert option.locked
    assert 'value="customer-support" checked disabled' in html
    assert "Remove filter Services: Customer support" not in html


def test_service_page_combines_with_the_query_string_filters(client, harbor, summit):
    both = make_vendor(
        "Twin Desk", services=["customer-support", "technical-support"], centers=[("MX", "Monterrey", 80)]
    )

    assert names(client.get("/vendors/services/customer-support/?country=MX")) == [both.name]
    assert names(client.get("/vendors/services/customer-support/?service=technical-support")) == [both.name]
    assert set(names(client.get("/vendors/services/customer-support/?country=PH&country=MX"))) == {
        "Harbor Support",
        "Twin Desk",
    }


@pytest.mark.parametrize(
    ("url", "notice"),
    [
        ("/vendors/services/customer-support/?service=no-such-service", "Services:"),
        ("/vendors/services/customer-support/?country=XX", "Delivery country:"),
        ("/vendors/countries/ph/?country=XX", "Delivery country:"),
        ("/vendors/countries/ph/?service=no-such-service", "Services:"),
    ],
)
def test_landing_page_stays_filtered_by_its_url_when_the_query_string_has_an_unusable_value(
    client, harbor, summit, url, notice
):
    response = client.get(url)

    html = html_of(response)
    assert names(response) == ["Harbor Support"]
    assert "Summit Helpdesk" not in html
    assert any(notice in text for text in response.context["notices"])


def test_service_page_of_an_unknown_service_is_not_found(client, harbor):
    assert client.get("/vendors/services/no-such-service/").status_code == 404


# --- Country landing pages ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["ph", "PH", "Ph"])
def test_country_page_lists_vendors_delivering_from_there_in_any_case(client, harbor, summit, code):
    response = client.get(f"/vendors/countries/{code}/", follow=True)

    # Every spelling ends on the one lowercase address, so the page has a single canonical URL.
    assert response.request["PATH_INFO"] == "/vendors/countries/ph/"

    html = html_of(response)
    assert names(response) == ["Harbor Support"]
    assert "<h1>BPO and call-center vendors in Philippines</h1>" in html
    [option] = [o for o in response.context["facets"]["country"].options if o.value == "PH"]
    assert option.selected
    assert option.locked


def test_country_page_shows_hub_figures_of_published_vendors_only(client):
    make_vendor(
        "Harbor Support",
        centers=[("PH", "Manila", 1200)],
        hourly_rate_min=Decimal("8.00"),
        hourly_rate_max=Decimal("12.00"),
    )
    make_vendor(
        "Island Voice",
        centers=[("PH", "Cebu City", 250), ("US", "Austin", 5000)],
        hourly_rate_min=Decimal("10.00"),
        hourly_rate_max=Decimal("15.00"),
    )
    make_vendor(
        "Pending Giant",
        factory=PendingVendorFactory,
        centers=[("PH", "Davao City", 9000)],
        hourly_rate_min=Decimal("1.00"),
        hourly_rate_max=Decimal("99.00"),
    )

    response = client.get("/vendors/countries/ph/")

    html = html_of(response)
    assert set(names(response)) == {"Harbor Support", "Island Voice"}
    assert response.context["landing"]["hub"] == {
        "vendors": 2,
        "seats": 1450,
        "cities": ["Cebu City", "Manila"],
        "rate_low": Decimal("8.00"),
        "rate_high": Decimal("15.00"),
    }
    assert "2 listed vendors with 1,450 seats here, mostly in Cebu City, Manila." in html
    assert "Listed rates from $8.00 to $15.00 per agent hour." in html
    assert "The largest voice-support hub in the world" in html  # the curated note on the country
    assert "Davao" not in html
    assert "Pending Giant" not in html


def test_country_page_of_a_valid_country_without_vendors_is_an_empty_list(client, harbor):
    response = client.get("/vendors/countries/jm/")

    html = html_of(response)
    assert names(response) == []
    assert "No vendor matches all of these filters." in html
    assert response.context["landing"]["hub"]["vendors"] == 0


@pytest.mark.parametrize("code", ["zz", "XX", "phl", "philippines", "p", "12"])
def test_country_page_of_an_invalid_code_is_not_found(client, harbor, code):
    assert client.get(f"/vendors/countries/{code}/").status_code == 404


# --- The profile ----------------------------------------------------------------------------------------


@pytest.fixture
def profiled():
    return make_vendor(
        "Alpha Care",
        tagline="Round-the-clock patient care",
        website="https://alpha-care.example.com",
        services=["payroll", "technical-support", "customer-support"],
        shore_models=["offshore", "nearshore"],
        call_center_types=["inbound"],
        channels=["chat", "voice"],
        languages=["tl", "en"],
        industries=["healthcare"],
        compliance_standards=["hipaa"],
        centers=[("PH", "Manila", 300), ("PH", "Cebu City", 1150)],
        hours=Vendor.Hours.ALWAYS,
        pricing_model=Vendor.PricingModel.PER_HOUR,
        hourly_rate_min=Decimal("8.00"),
        hourly_rate_max=Decimal("12.00"),
        min_seats=10,
        min_contract_months=6,
        verified=True,
        rating=Decimal("4.50"),
        founded_year=2005,
    )


def test_profile_shows_what_a_buyer_needs_to_know(client, profiled):
    response = client.get("/vendors/alpha-care/")

    html = html_of(response)
    assert '<h1>Alpha Care <span class="badge" title="Checked by our curators">Verified</span></h1>' in html
    assert '<p class="lead">Round-the-clock patient care</p>' in html
    grouped = [
        (category, [s.name for s in services]) for category, services in response.context["services_by_category"]
    ]
    assert grouped == [("Front office", ["Customer support", "Technical support"]), ("Back office", ["Payroll"])]
    assert re.search(
        r"<h3>Front office</h3>.*Customer support.*Technical support.*<h3>Back office</h3>.*Payroll", html, re.S
    )
    assert 'href="/vendors/services/customer-support/"' in html
    assert "<dt>Shore models</dt><dd>Nearshore, Offshore</dd>" in html
    assert "<dt>Call-center types</dt><dd>Inbound</dd>" in html
    assert "<dt>Channels</dt><dd>Voice, Chat</dd>" in html
    assert "<dt>Languages</dt><dd>English, Tagalog</dd>" in html
    assert "<dt>Industries</dt><dd>Healthcare</dd>" in html
    assert "<dt>Certifications</dt><dd>—</dd>" in html
    assert "<dt>Works under</dt><dd>HIPAA</dd>" in html
    assert "<dt>Hours</dt><dd>24/7</dd>" in html
    assert "<dt>Pricing</dt><dd>Per agent hour; $8.00\u2013$12.00 per agent hour (USD)</dd>" in html
    assert "<dt>Minimum engagement</dt><dd>10 seats, 6 months</dd>" in html
    assert "<caption>2 centers, 1,450 seats in all</caption>" in html
    assert (
        '<td>Cebu City</td><td><a href="/vendors/countries/ph/">Philippines</a></td><td>Asia/Manila</td><td>1,150</td>'
        in html
    )
    assert (
        '<td>Manila</td><td><a href="/vendors/countries/ph/">Philippines</a></td><td>Asia/Manila</td><td>300</td>'
        in html
    )
    assert "★ 4.50 from 12 reviews" in html
    assert "Founded 2005" in html
    assert '<a class="button cta" href="/vendors/alpha-care/contact/">Contact Alpha Care</a>' in html
    assert '<a href="https://alpha-care.example.com" rel="nofollow noopener" target="_blank">Website</a>' in html
    assert 'action="/vendors/alpha-care/shortlist/"' in html


def test_profile_without_website_or_terms_says_so(client):
    make_vendor("Plain Desk", website="", pricing_model="", min_seats=None, min_contract_months=None)

    html = html_of(client.get("/vendors/plain-desk/"))

    assert ">Website</a>" not in html
    assert '<a class="button cta" href="/vendors/plain-desk/contact/">Contact Plain Desk</a>' in html
    assert "<dt>Pricing</dt><dd>On request</dd>" in html
    assert "<dt>Minimum engagement</dt><dd>None stated</dd>" in html
    assert "No delivery centers listed." in html
    assert "No open jobs right now." in html
    assert 'class="badge"' not in html


def test_profile_lists_the_vendors_open_jobs_only(client, profiled):
    employer = BpoEmployerFactory(vendor=profiled)
    job = PublishedJobPostingFactory(employer=employer, title="Inbound Voice Agent")
    for make in (PendingJobPostingFactory, ClosedJobPostingFactory, ExpiredJobPostingFactory):
        make(employer=employer, title=f"Hidden {make.__name__}")
    PublishedJobPostingFactory(employer=EmployerFactory(), title="Hidden in-house job")
    PublishedJobPostingFactory(title="Hidden job of another vendor")

    response = client.get("/vendors/alpha-care/")

    html = html_of(response)
    assert list(response.context["open_jobs"]) == [job]
    assert f'<a href="{job.get_absolute_url()}">Inbound Voice Agent</a>' in html
    assert "Hidden" not in html


@pytest.mark.parametrize("status", HIDDEN_VENDOR_FACTORIES)
def test_profile_of_an_unpublished_vendor_is_not_found(client, status):
    vendor = make_vendor(f"Hidden {status}", factory=HIDDEN_VENDOR_FACTORIES[status], services=["customer-support"])

    assert client.get(f"/vendors/{vendor.slug}/").status_code == 404


def test_profile_of_an_unknown_vendor_is_not_found(client):
    assert client.get("/vendors/no-such-vendor/").status_code == 404


# --- Compare --------------------------------------------------------------------------------------------


@pytest.fixture
def five():
    """Five published vendors: only Alpha is verified; all but Echo work business hours."""
    vendors = [
        make_vendor("Alpha Care", services=["customer-support"], verified=True),
        make_vendor("Bravo Contact", services=["customer-support"]),
        make_vendor("Charlie Ledger", services=["payroll"]),
        make_vendor("Delta Voice", services=["sales"]),
        make_vendor("Echo Nights", services=["sales"], hours=Vendor.Hours.ALWAYS),
    ]
    return [vendor.slug for vendor in vendors]


def rows_by_label(response) -> dict:
    return {row.label: row for row in response.context["rows"]}


def test_compare_shows_vendors_side_by_side_and_marks_the_rows_that_differ(client, five):
    response = client.get("/vendors/compare/?v=bravo-contact&v=alpha-care")

    html = html_of(response)
    assert [v.name for v in response.context["vendors"]] == ["Bravo Contact", "Alpha Care"]  # in the order asked
    assert response.context["notices"] == []
    rows = rows_by_label(response)
    assert rows["Verified"].values == ["No", "Yes"]
    assert rows["Verified"].differs
    assert rows["Hours"].values == ["Business hours", "Business hours"]
    assert not rows["Hours"].differs
    assert rows["Front-office services"].values == ["Customer support", "Customer support"]
    # The mark for the eye, and the word for screen readers.
    marker = '<span class="differs-marker"><span aria-hidden="true">≠</span>'
    marker += '<span class="visually-hidden">Differs:</span></span>'
    assert re.search(rf'<tr class="differs">\s*<th scope="row">{marker} Verified</th>', html)
    assert re.search(r'<tr class="same">\s*<th scope="row">Hours</th>', html)
    assert re.search(
        r'href="/vendors/bravo-contact/">Bravo Contact</a>.*href="/vendors/alpha-care/">Alpha Care</a>', html
    )


def test_compare_diff_shows_only_the_rows_that_differ(client, five):
    html = html_of(client.get("/vendors/compare/?v=alpha-care&v=bravo-contact&diff=1"))

    assert "Verified</th>" in html
    assert '<th scope="row">Hours</th>' not in html
    assert '<th scope="row">Front-office services</th>' not in html
    assert '<tr class="same">' not in html
    assert "Show every row" in html


def test_compare_shows_four_vendors(client, five):
    response = client.get("/vendors/compare/?v=alpha-care&v=bravo-contact&v=charlie-ledger&v=delta-voice")

    assert len(response.context["vendors"]) == 4
    assert response.context["notices"] == []
    assert rows_by_label(response)["Back-office services"].values == ["—", "—", "Payroll", "—"]


def test_compare_of_more_than_four_shows_the_first_four_with_a_notice(client, five):
    response = client.get("/vendors/compare/?" + "&".join(f"v={slug}" for slug in reversed(five)))

    html = html_of(response)
    assert [v.name for v in response.context["vendors"]] == [
        "Echo Nights",
        "Delta Voice",
        "Charlie Ledger",
        "Bravo Contact",
    ]
    assert response.context["notices"] == ["You can compare up to 4 vendors at once; showing the first 4."]
    assert "You can compare up to 4 vendors at once" in html
    assert "Alpha Care" not in html


def test_compare_says_which_vendors_are_unknown_or_unlisted(client, five):
    PendingVendorFactory(name="Pending Co", slug="pending-co")

    response = client.get("/vendors/compare/?v=alpha-care&v=ghost&v=pending-co&v=bravo-contact")

    html = html_of(response)
    assert [v.name for v in response.context["vendors"]] == ["Alpha Care", "Bravo Contact"]
    assert response.context["notices"] == ["Not found, or no longer listed: ghost, pending-co."]
    assert '<table class="compare">' in html
    assert "Pending Co" not in html


@pytest.mark.parametrize("query", ["", "v=alpha-care", "v=alpha-care&v=alpha-care", "v=alpha-care&v=ghost", "v="])
def test_compare_of_fewer_than_two_vendors_shows_a_notice_and_no_table(client, five, query):
    response = client.get(f"/vendors/compare/?{query}")

    html = html_of(response)
    assert any(n.startswith("Choose at least two vendors to compare") for n in response.context["notices"])
    assert response.context["rows"] == []
    assert '<table class="compare">' not in html


# --- Shortlist ------------------------------------------------------------------------------------------


def add(client, slug, **data):
    return client.post(f"/vendors/{slug}/shortlist/", data)


def test_shortlist_keeps_vendors_in_the_session_across_requests(client, harbor, summit):
    first = add(client, harbor.slug, next="/vendors/?service=customer-support")
    second = add(client, summit.slug)

    assert first.status_code == 302
    assert first.url == "/vendors/?service=customer-support"
    assert second.url == summit.get_absolute_url()
    assert client.session[SESSION_KEY] == [harbor.slug, summit.slug]

    response = client.get("/vendors/shortlist/")
    html = html_of(response)
    assert [v.name for v in response.context["vendors"]] == ["Harbor Support", "Summit Helpdesk"]
    assert '<form method="get" action="/vendors/compare/">' in html
    assert f'<input type="checkbox" name="v" value="{harbor.slug}" checked>' in html
    assert f'<input type="checkbox" name="v" value="{summit.slug}" checked>' in html
    assert '<span class="pill">2</span>' in html  # the header's shortlist count

    listing = html_of(client.get("/vendors/"))
    assert '<span class="pill">2</span>' in listing
    assert "✓ On shortlist · remove" in listing
    assert "✓ On your shortlist · remove" in html_of(client.get(harbor.get_absolute_url()))


def test_shortlist_confirms_an_addition(client, harbor):
    response = client.post(f"/vendors/{harbor.slug}/shortlist/", follow=True)

    assert response.redirect_chain == [(harbor.get_absolute_url(), 302)]
    assert "Harbor Support is on your shortlist." in html_of(response)


def test_adding_a_vendor_twice_keeps_it_once(client, harbor):
    add(client, harbor.slug)
    add(client, harbor.slug)

    assert client.session[SESSION_KEY] == [harbor.slug]


def test_remove_takes_a_vendor_off_the_shortlist(client, harbor, summit):
    add(client, harbor.slug)
    add(client, summit.slug)

    response = client.post(
        f"/vendors/{harbor.slug}/shortlist/", {"action": "remove", "next": "/vendors/shortlist/"}, follow=True
    )

    html = html_of(response)
    assert client.session[SESSION_KEY] == [summit.slug]
    assert "Harbor Support is off your shortlist." in html
    assert [v.name for v in response.context["vendors"]] == ["Summit Helpdesk"]
    assert '<span class="pill">1</span>' in html


def test_shortlist_holds_at_most_ten_vendors(client):
    slugs = [make_vendor(f"Vendor {i:02}").slug for i in range(11)]
    for slug in slugs[:10]:
        add(client, slug)

    response = client.post(f"/vendors/{slugs[10]}/shortlist/", follow=True)

    html = html_of(response)
    assert "Your shortlist holds at most 10 vendors; remove one first." in html
    assert client.session[SESSION_KEY] == slugs[:10]
    assert '<span class="pill">10</span>' in html
    shortlist = client.get("/vendors/shortlist/")
    assert len(shortlist.context["vendors"]) == 10
    assert html_of(shortlist).count('name="v"') == 10
    assert html_of(shortlist).count(" checked>") == 4  # the compare form ticks as many as can be compared


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example.com/",
        "//evil.example.com/vendors/",
        "http://evil.example.com",
        "https:///evil.example.com",
        "javascript:alert(1)",
        "",
    ],
)
def test_shortlist_redirect_ignores_an_off_site_next(client, harbor, next_url):
    response = add(client, harbor.slug, next=next_url)

    assert response.status_code == 302
    assert response.url == harbor.get_absolute_url()
    assert client.session[SESSION_KEY] == [harbor.slug]


def test_shortlist_redirect_follows_a_local_next(client, harbor):
    response = add(client, harbor.slug, next="/vendors/countries/ph/?page_size=50")

    assert response.url == "/vendors/countries/ph/?page_size=50"


@pytest.mark.parametrize("status", HIDDEN_VENDOR_FACTORIES)
def test_an_unpublished_vendor_cannot_be_shortlisted(client, status):
    vendor = HIDDEN_VENDOR_FACTORIES[status]()

    assert add(client, vendor.slug).status_code == 404
    assert client.session.get(SESSION_KEY, []) == []


def test_an_unknown_vendor_cannot_be_shortlisted(client):
    assert add(client, "no-such-vendor").status_code == 404


def test_shortlist_update_only_accepts_post(client, harbor):
    response = client.get(f"/vendors/{harbor.slug}/shortlist/")

    assert response.status_code == 405
    assert client.session.get(SESSION_KEY, []) == []


def test_shortlist_page_forgets_vendors_no_longer_listed(client, harbor, summit):
    add(client, harbor.slug)
    add(client, summit.slug)
    Vendor.objects.filter(pk=harbor.pk).update(status=Vendor.Status.ARCHIVED)

    response = client.get("/vendors/shortlist/")

    html = html_of(response)
    assert [v.name for v in response.context["vendors"]] == ["Summit Helpdesk"]
    assert f'value="{harbor.slug}"' not in html
    assert "Remove Harbor Support" not in html
    assert client.session[SESSION_KEY] == [summit.slug]


def test_empty_shortlist_page_says_how_to_fill_it(client):
    html = html_of(client.get("/vendors/shortlist/"))

    assert "Your shortlist is empty." in html
    assert 'class="pill"' not in html


# --- SEO ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "title", "canonical"),
    [
        ("/vendors/", "BPO and call-center vendors", "/vendors/"),
        ("/vendors/?service=customer-support&ordering=name", "BPO and call-center vendors", "/vendors/"),
        ("/vendors/?page=2&page_size=1", "BPO and call-center vendors, page 2", "/vendors/?page=2"),
        ("/vendors/harbor-support/", "Harbor Support: BPO and call-center services", "/vendors/harbor-support/"),
        (
            "/vendors/services/customer-support/",
            "Customer support outsourcing vendors",
            "/vendors/services/customer-support/",
        ),
        ("/vendors/countries/ph/", "BPO and call-center vendors in Philippines", "/vendors/countries/ph/"),
        (
            "/vendors/compare/?v=harbor-support&v=summit-helpdesk",
            "Compare Harbor Support vs Summit Helpdesk",
            "/vendors/compare/",
        ),
        ("/vendors/shortlist/", "Your vendor shortlist", "/vendors/shortlist/"),
    ],
)
def test_every_page_has_a_title_a_description_and_a_canonical_link(client, harbor, summit, url, title, canonical):
    html = html_of(client.get(url))

    assert re.findall(r"<title>(.*?)</title>", html) == [f"{title} · BPO Portal"]
    [description] = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(description.strip()) > 30
    assert re.findall(r'<link rel="canonical" href="([^"]*)">', html) == [f"http://testserver{canonical}"]


def test_meta_descriptions_describe_the_page(client, harbor, summit):
    def description(url):
        return re.search(r'<meta name="description" content="([^"]*)">', html_of(client.get(url))).group(1)

    assert description("/vendors/").startswith("Compare 2 BPO and call-center vendors by service")
    assert description("/vendors/harbor-support/") == (
        "Customer care from Manila. Harbor Support offers customer support from Philippines."
    )
    assert description("/vendors/services/customer-support/").startswith("Agents who answer customers")
    assert description("/vendors/countries/ph/").startswith("The largest voice-support hub")


def test_meta_description_of_a_profile_without_services_or_centers_has_no_dangling_words(client):
    make_vendor("Plain Desk", tagline="")

    html = html_of(client.get("/vendors/plain-desk/"))

    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert "Plain Desk" in description
    assert not re.search(r"offers\s*\.", description), description


# --- Sitemap --------------------------------------------------------------------------------------------


def sitemap_locations(client, path="/sitemap.xml") -> set[str]:
    """The page URLs of the sitemap, following a sitemap index to each of its sitemaps."""
    response = client.get(path)
    assert response.status_code == 200
    xml = response.content.decode()
    locations = set(re.findall(r"<url>\s*<loc>(.*?)</loc>", xml))
    for sitemap in re.findall(r"<sitemap>\s*<loc>(.*?)</loc>", xml):
        locations |= sitemap_locations(client, sitemap.removeprefix("http://testserver"))
    return locations


def test_sitemap_lists_published_vendors_and_their_landing_pages_only(client, harbor, summit):
    for status, factory in HIDDEN_VENDOR_FACTORIES.items():
        make_vendor(f"Hidden {status}", factory=factory, services=["payroll"], centers=[("IN", f"Pune {status}", 100)])

    locations = sitemap_locations(client)

    # The profiles (the matcher's page is listed too, under the same prefix).
    vendor_pages = {loc for loc in locations if re.fullmatch(r"http://testserver/vendors/(?!match/)[^/]+/", loc)}
    assert vendor_pages == {"http://testserver/vendors/harbor-support/", "http://testserver/vendors/summit-helpdesk/"}
    assert {
        "http://testserver/vendors/",
        "http://testserver/vendors/match/",
        "http://testserver/vendors/services/customer-support/",
        "http://testserver/vendors/services/technical-support/",
        "http://testserver/vendors/countries/ph/",
        "http://testserver/vendors/countries/mx/",
    } <= locations
    assert "http://testserver/vendors/services/payroll/" not in locations  # only hidden vendors offer it
    assert "http://testserver/vendors/countries/in/" not in locations
    assert not any("hidden" in loc for loc in locations)


# --- Query counts ---------------------------------------------------------------------------------------


@pytest.fixture
def hundred_and_five_vendors():
    """105 published vendors, each with two services, English and two Philippine centers, made in bulk."""
    vendors = bulk_vendors(105, hours=Vendor.Hours.EXTENDED)
    services = list(ServiceType.objects.filter(slug__in=["customer-support", "technical-support"]))
    english = Language.objects.get(code="en")
    Vendor.services.through.objects.bulk_create(
        Vendor.services.through(vendor=vendor, servicetype=service) for vendor in vendors for service in services
    )
    Vendor.languages.through.objects.bulk_create(
        Vendor.languages.through(vendor=vendor, language=english) for vendor in vendors
    )
    DeliveryCenter.objects.bulk_create(
        DeliveryCenter(vendor=vendor, name=city, city=city, country="PH", time_zone="Asia/Manila", seats=100)
        for vendor in vendors
        for city in ("Manila", "Cebu City")
    )
    refresh_vendor_search_vectors(vendor_ids=[vendor.pk for vendor in vendors])  # bulk inserts send no signals


@pytest.mark.parametrize(
    "query",
    [
        "",
        "service=customer-support&country=ph&language=en&hours=business&min_seats=150&ordering=-seats",
        "q=vendor+support&verified=false&category=front_office&ordering=name",
    ],
)
def test_list_page_query_count_does_not_depend_on_the_page_size(client, hundred_and_five_vendors, query):
    few, few_page = count_queries(client, f"/vendors/?{query}&page_size=10")
    many, many_page = count_queries(client, f"/vendors/?{query}&page_size=100")

    assert many == few
    assert len(few_page.context["vendors"]) == 10
    assert len(many_page.context["vendors"]) == 100
    assert many_page.context["paginator"].count == 105


def test_profile_query_count_does_not_grow_with_centers_services_or_jobs(client):
    small = make_vendor(
        "Small Desk",
        services=["customer-support"],
        channels=["voice"],
        languages=["en"],
        centers=[("PH", "Manila", 50)],
    )
    PublishedJobPostingFactory(employer=BpoEmployerFactory(vendor=small))
    large = make_vendor(
        "Large Desk",
        services=["customer-support", "technical-support", "sales", "payroll", "data-entry", "billing"],
        shore_models=["offshore", "nearshore", "onshore"],
        call_center_types=["inbound", "outbound"],
        channels=["voice", "chat", "email", "sms"],
        languages=["en", "es", "tl", "fr"],
        industries=["healthcare", "telecom", "insurance"],
        compliance_standards=["hipaa", "pci-dss", "soc-2"],
        centers=[("PH", "Manila", 50), ("PH", "Cebu City", 60), ("MX", "Monterrey", 70), ("CO", "Bogota", 80)],
    )
    employer = BpoEmployerFactory(vendor=large)
    for _ in range(3):
        PublishedJobPostingFactory(employer=employer)

    few, _ = count_queries(client, small.get_absolute_url())
    many, response = count_queries(client, large.get_absolute_url())

    assert len(response.context["open_jobs"]) == 3
    assert many == few


def test_compare_query_count_does_not_grow_with_the_vendors_compared(client, five):
    two, _ = count_queries(client, "/vendors/compare/?v=alpha-care&v=bravo-contact")
    four, response = count_queries(
        client, "/vendors/compare/?v=alpha-care&v=bravo-contact&v=charlie-ledger&v=echo-nights"
    )

    assert len(response.context["vendors"]) == 4
    assert four == two


def test_shortlist_page_says_where_the_shortlist_is_kept(client, harbor):
    add(client, harbor.slug)
    anonymous = html_of(client.get("/vendors/shortlist/"))
    client.force_login(VerifiedUserFactory())
    add(client, harbor.slug)
    signed_in = html_of(client.get("/vendors/shortlist/"))

    assert "stays in this browser" in anonymous
    assert "stays in this browser" not in signed_in
    assert "kept on your account" in signed_in


def test_compare_says_one_month_and_one_seat_in_the_singular(client):
    one = make_vendor("Uno Contact", services=["customer-support"])
    many = make_vendor("Multi Contact", services=["customer-support"])
    Vendor.objects.filter(pk=one.pk).update(min_seats=1, min_contract_months=1)
    Vendor.objects.filter(pk=many.pk).update(min_seats=10, min_contract_months=12)

    rows = rows_by_label(client.get(f"/vendors/compare/?v={one.slug}&v={many.slug}"))

    assert rows["Minimum engagement"].values == ["1 seat, 1 month", "10 seats, 12 months"]


# --- Similar vendors on a vendor's page ---------------------------------------------------------------------------


def similar_names(client, vendor) -> list[str]:
    response = client.get(vendor.get_absolute_url())
    assert response.status_code == 200
    return [other.name for other in response.context["similar_vendors"]]


def test_similar_vendors_share_the_most_services_then_countries_and_are_all_published(client):
    vendor = make_vendor("Anchor CX", services=["customer-support", "technical-support"], centers=[("PH", 100)])
    make_vendor("Both Services", services=["customer-support", "technical-support"], centers=[("IN", 50)])
    make_vendor("One Service Same Country", services=["technical-support"], centers=[("PH", 50)])
    make_vendor("One Service", services=["customer-support"], centers=[("MX", 50)])
    make_vendor("Same Country Only", services=["payroll"], centers=[("PH", 50)])
    make_vendor("Nothing In Common", services=["payroll"], centers=[("US", 50)])
    for name, factory in HIDDEN_VENDOR_FACTORIES.items():
        make_vendor(f"Hidden {name}", factory=factory, services=["customer-support", "technical-support"])

    assert similar_names(client, vendor) == [
        "Both Services",
        "One Service Same Country",
        "One Service",
        "Same Country Only",
    ]
    html = client.get(vendor.get_absolute_url()).content.decode()
    assert 'Both Services</a> · <span class="muted">2 of the same services</span>' in html


def test_similar_vendors_are_weighed_among_the_newest_of_each_service_and_country(client, monkeypatch):
    """At 50,000 vendors a service is offered by thousands: only the newest few per service and per country are
    weighed (SIMILAR_CANDIDATES), so the page costs the same at any size."""
    vendor = make_vendor("Anchor CX", services=["customer-support", "technical-support"], centers=[("PH", 100)])
    make_vendor("Old Both Services", services=["customer-support", "technical-support"], centers=[("IN", 50)])
    for i in range(3):
        make_vendor(f"New Support {i}", services=["customer-support"], centers=[("MX", 50)])
        make_vendor(f"New Tech {i}", services=["technical-support"], centers=[("MX", 50)])
        make_vendor(f"New Manila {i}", services=["payroll"], centers=[("PH", 50)])

    monkeypatch.setattr("directory.querysets.SIMILAR_CANDIDATES", 2)
    narrow = similar_names(client, vendor)
    monkeypatch.setattr("directory.querysets.SIMILAR_CANDIDATES", 300)
    wide = similar_names(client, vendor)

    assert "Old Both Services" not in narrow
    assert len(narrow) == 4
    assert wide[0] == "Old Both Services"
