"""The vendor list's filters, facet counts, sorting and pagination: what /vendors/?<query string> shows.

Four published vendors with known attributes (and one hidden vendor of each unpublished status that would
match every filter), so that each test can name exactly which vendors a query string returns and what each
filter option counts.
"""

import re
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.test import override_settings
from django.utils.html import escape

import core.facets
from demo.factories.directory import (
    ArchivedVendorFactory,
    PendingVendorFactory,
    RejectedVendorFactory,
    VendorFactory,
)
from directory.filters import VendorFilter
from directory.models import Vendor
from directory.selectors import vendor_facet_index
from directory.services.facets import vendor_facet_summary
from tests.helpers import bulk_vendors, make_vendor

pytestmark = pytest.mark.django_db

ALPHA, BRAVO, CHARLIE, DELTA = "Alpha Care", "Bravo Contact", "Charlie Ledger", "Delta Voice"
EVERYONE = {ALPHA, BRAVO, CHARLIE, DELTA}

# The facets whose values combine with AND (the vendor offers all of them); the others accept any one.
ALL_FACETS = {"service", "channel", "language", "compliance"}


@pytest.fixture
def catalog(db):
    """Four published vendors, and hidden ones (draft, pending, rejected, archived) that match every filter."""
    vendors = {
        ALPHA: make_vendor(
            ALPHA,
            tagline="Voice and chat care around the clock",
            description="Patient support for clinics.",
            services=["customer-support", "technical-support"],
            shore_models=["offshore"],
            call_center_types=["inbound"],
            channels=["voice", "chat"],
            languages=["en", "tl"],
            industries=["healthcare"],
            compliance_standards=["hipaa", "pci-dss"],
            centers=[("PH", "Manila", 300)],
            hours=Vendor.Hours.ALWAYS,
            hourly_rate_min=Decimal("8.00"),
            hourly_rate_max=Decimal("12.00"),
            verified=True,
            rating=Decimal("4.50"),
            founded_year=2005,
        ),
        BRAVO: make_vendor(
            BRAVO,
            tagline="Nearshore retail care",
            description="Bilingual agents in Guadalajara and Bogota.",
            services=["customer-support"],
            shore_models=["nearshore"],
            call_center_types=["inbound", "outbound"],
            channels=["voice"],
            languages=["en", "es"],
            industries=["retail-ecommerce"],
            compliance_standards=["pci-dss"],
            centers=[("MX", "Guadalajara", 200), ("CO", "Bogota", 100)],
            hours=Vendor.Hours.EXTENDED,
            hourly_rate_min=Decimal("14.00"),
            hourly_rate_max=Decimal("18.00"),
            featured=True,
            rating=Decimal("3.80"),
            founded_year=2012,
        ),
        CHARLIE: make_vendor(
            CHARLIE,
            tagline="Finance back office",
            description="Bookkeeping and claims processing.",
            services=["accounting-finance", "data-entry"],
            shore_models=["offshore"],
            call_center_types=["virtual"],
            channels=["email"],
            languages=["en"],
            industries=["finance-banking", "insurance"],
            compliance_standards=["iso-27001"],
            centers=[("IN", "Pune", 500)],
            hours=Vendor.Hours.BUSINESS,
            hourly_rate_min=Decimal("6.50"),
            hourly_rate_max=Decimal("9.00"),
            verified=True,
            founded_year=1998,
        ),
        DELTA: make_vendor(
            DELTA,
            tagline="Sales and tech help desks",
            description="Bilingual sales desk in Austin.",
            services=["technical-support", "sales"],
            shore_models=["onshore"],
            call_center_types=["outbound"],
            channels=["voice", "chat", "email"],
            languages=["en", "es", "fr"],
            industries=["technology-saas", "healthcare"],
            compliance_standards=["hipaa", "soc-2"],
            centers=[("US", "Austin", 50), ("PH", "Cebu City", 150)],
            hours=Vendor.Hours.BUSINESS,
            rating=Decimal("4.90"),
        ),
    }
    for status, factory in {
        "draft": VendorFactory,
        "pending": PendingVendorFactory,
        "rejected": RejectedVendorFactory,
        "archived": ArchivedVendorFactory,
    }.items():
        make_vendor(
            f"Hidden {status} voice support",
            factory=factory,
            tagline="Bilingual patient support, retail, clinics, ledger, Austin",
            services=["customer-support", "technical-support", "sales", "accounting-finance", "data-entry"],
            shore_models=["offshore", "nearshore", "onshore"],
            call_center_types=["inbound", "outbound", "virtual"],
            channels=["voice", "chat", "email"],
            languages=["en", "es", "fr", "tl"],
            industries=["healthcare", "insurance", "retail-ecommerce"],
            compliance_standards=["hipaa", "pci-dss", "iso-27001", "soc-2"],
            centers=[("PH", "Davao City", 900), ("US", "Tulsa", 900), ("IN", "Chennai", 900)],
            hours=Vendor.Hours.ALWAYS,
            hourly_rate_min=Decimal("1.00"),
            hourly_rate_max=Decimal("2.00"),
            verified=True,
            rating=Decimal("5.00"),
            founded_year=2020,
        )
    return vendors


def get_list(client, query="", path="/vendors/"):
    response = client.get(f"{path}?{query}" if query else path)
    assert response.status_code == 200
    return response


def names(response) -> list[str]:
    return [vendor.name for vendor in response.context["vendors"]]


def counts(response, facet: str) -> dict[str, int]:
    """The facet's options that match something, as {value: count} (options counting 0 are not shown)."""
    return {option.value: option.count for option in response.context["facets"][facet].options if option.count}


def selected(response, facet: str) -> set[str]:
    return {option.value for option in response.context["facets"][facet].options if option.selected}


# --- Each filter on its own -----------------------------------------------------------------------------


def test_list_without_filters_shows_every_published_vendor_and_nothing_else(client, catalog):
    response = get_list(client)

    assert set(names(response)) == EVERYONE
    assert response.context["paginator"].count == 4
    assert response.context["notices"] == []
    html = response.content.decode()
    assert "<strong>4</strong> vendors" in html
    assert "Hidden" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("service=customer-support", {ALPHA, BRAVO}),
        ("service=technical-support", {ALPHA, DELTA}),
        ("service=payroll", set()),
        ("category=front_office", {ALPHA, BRAVO, DELTA}),
        ("category=back_office", {CHARLIE}),
        ("shore_model=offshore", {ALPHA, CHARLIE}),
        ("shore_model=onshore", {DELTA}),
        ("call_center_type=outbound", {BRAVO, DELTA}),
        ("call_center_type=virtual", {CHARLIE}),
        ("channel=email", {CHARLIE, DELTA}),
        ("channel=voice", {ALPHA, BRAVO, DELTA}),
        ("language=es", {BRAVO, DELTA}),
        ("language=tl", {ALPHA}),
        ("country=PH", {ALPHA, DELTA}),
        ("country=ph", {ALPHA, DELTA}),
        ("country=Co", {BRAVO}),
        ("country=JM", set()),
        ("industry=healthcare", {ALPHA, DELTA}),
        ("industry=insurance", {CHARLIE}),
        ("compliance=pci-dss", {ALPHA, BRAVO}),
        ("compliance=soc-2", {DELTA}),
        ("max_hourly_rate=8", {ALPHA, CHARLIE}),  # the bound is included; "on request" is not under any bound
        ("max_hourly_rate=7.99", {CHARLIE}),
        ("max_hourly_rate=100", {ALPHA, BRAVO, CHARLIE}),
        ("min_seats=250", {ALPHA, BRAVO, CHARLIE}),  # Bravo: 200 + 100 seats over its two centers
        ("min_seats=300", {ALPHA, BRAVO, CHARLIE}),
        ("min_seats=301", {CHARLIE}),
        ("min_seats=0", EVERYONE),
        ("hours=business", EVERYONE),  # every vendor covers at least business hours
        ("hours=extended", {ALPHA, BRAVO}),  # 24x7 covers extended hours
        ("hours=24x7", {ALPHA}),
        ("verified=true", {ALPHA, CHARLIE}),
        ("verified=false", {BRAVO, DELTA}),
        ("q=support", {ALPHA, BRAVO, DELTA}),  # service names: customer / technical support
        ("q=LEDGER", {CHARLIE}),  # the name, in any case
        ("q=retail", {BRAVO}),  # the tagline
        ("q=clinics", {ALPHA}),  # the description
        ("q=bilingual", {BRAVO, DELTA}),
        ("q=bilingual+austin", {DELTA}),  # every word must appear
        ("q=bilingual+manila", set()),
        ("q=patient+technical", {ALPHA}),  # words may come from different fields
        ("q=++", EVERYONE),  # nothing but spaces: no search
    ],
)
def test_each_filter_on_its_own_lists_exactly_the_matching_published_vendors(client, catalog, query, expected):
    response = get_list(client, query)

    assert set(names(response)) == expected
    assert response.context["paginator"].count == len(expected)
    assert response.context["notices"] == []
    assert "Hidden" not in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("service=customer-support&service=technical-support", {ALPHA}),
        ("service=sales&service=accounting-finance", set()),
        ("channel=voice&channel=chat", {ALPHA, DELTA}),
        ("channel=voice&channel=chat&channel=email", {DELTA}),
        ("language=en&language=es", {BRAVO, DELTA}),
        ("language=es&language=fr", {DELTA}),
        ("compliance=hipaa&compliance=pci-dss", {ALPHA}),
        ("compliance=hipaa&compliance=hipaa", {ALPHA, DELTA}),  # a repeated value is one condition
    ],
)
def test_several_values_of_service_channel_language_or_compliance_require_all_of_them(client, catalog, query, expected):
    assert set(names(get_list(client, query))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("shore_model=offshore&shore_model=nearshore", {ALPHA, BRAVO, CHARLIE}),
        ("call_center_type=inbound&call_center_type=virtual", {ALPHA, BRAVO, CHARLIE}),
        ("country=PH&country=mx", {ALPHA, BRAVO, DELTA}),
        ("country=IN&country=us", {CHARLIE, DELTA}),
        ("industry=healthcare&industry=insurance", {ALPHA, CHARLIE, DELTA}),
    ],
)
def test_several_values_of_shore_model_type_country_or_industry_accept_any_of_them(client, catalog, query, expected):
    assert set(names(get_list(client, query))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("service=customer-support&country=PH", {ALPHA}),
        ("country=PH&country=IN&service=customer-support", {ALPHA}),
        ("shore_model=offshore&shore_model=onshore&max_hourly_rate=10", {ALPHA, CHARLIE}),
        ("channel=voice&hours=extended&verified=true", {ALPHA}),
        ("q=bilingual&language=fr", {DELTA}),
        ("category=front_office&min_seats=250", {ALPHA, BRAVO}),
        ("language=en&compliance=hipaa&country=US", {DELTA}),
        ("industry=healthcare&industry=finance-banking&channel=email", {CHARLIE, DELTA}),
        ("category=back_office&channel=voice", set()),
        ("service=customer-support&service=technical-support&hours=24x7&max_hourly_rate=8&min_seats=300", {ALPHA}),
    ],
)
def test_filters_of_different_names_all_apply_together(client, catalog, query, expected):
    assert set(names(get_list(client, query))) == expected


def test_a_vendor_matching_several_chosen_values_is_listed_once_with_its_true_seat_total(client, catalog):
    response = get_list(
        client, "country=PH&country=US&industry=healthcare&industry=technology-saas&channel=voice&channel=email"
    )

    assert names(response) == [DELTA]
    assert response.context["paginator"].count == 1
    assert response.context["vendors"][0].total_seats == 200  # 50 + 150, not multiplied by the joins


# --- Facet counts ---------------------------------------------------------------------------------------


def test_facet_counts_with_nothing_chosen_count_published_vendors_per_option(client, catalog):
    response = get_list(client)

    assert counts(response, "service") == {
        "customer-support": 2,
        "technical-support": 2,
        "sales": 1,
        "accounting-finance": 1,
        "data-entry": 1,
    }
    assert counts(response, "category") == {"front_office": 3, "back_office": 1}
    assert counts(response, "shore_model") == {"offshore": 2, "nearshore": 1, "onshore": 1}
    assert counts(response, "call_center_type") == {"inbound": 2, "outbound": 2, "virtual": 1}
    assert counts(response, "channel") == {"voice": 3, "chat": 2, "email": 2}
    assert counts(response, "language") == {"en": 4, "es": 2, "tl": 1, "fr": 1}
    assert counts(response, "country") == {"PH": 2, "MX": 1, "CO": 1, "IN": 1, "US": 1}
    assert counts(response, "industry") == {
        "healthcare": 2,
        "retail-ecommerce": 1,
        "finance-banking": 1,
        "insurance": 1,
        "technology-saas": 1,
    }
    assert counts(response, "compliance") == {"hipaa": 2, "pci-dss": 2, "iso-27001": 1, "soc-2": 1}
    assert counts(response, "hours") == {"business": 4, "extended": 2, "24x7": 1}
    assert counts(response, "verified") == {"true": 2}
    assert all(not option.selected for facet in response.context["facets"].values() for option in facet.options)


def test_facet_counts_are_shown_beside_each_option_and_empty_options_are_hidden(client, catalog):
    html = get_list(client).content.decode()

    services = re.search(r'<fieldset class="facet" id="facet-service">.*?</fieldset>', html, re.S).group()
    customer_support = r'value="customer-support">\s*<span>Customer support</span> '
    # The count, and for screen readers what it counts (a visually hidden word, not an aria-label on a span).
    count = r'<span class="count">{}<span class="visually-hidden"> matching</span></span>'
    assert re.search(customer_support + count.format(2), services)
    assert re.search(r'value="sales">\s*<span>Sales</span> ' + count.format(1), services)
    assert "Payroll" not in services  # no published vendor offers it
    countries = re.search(r'<fieldset class="facet" id="facet-country">.*?</fieldset>', html, re.S).group()
    assert re.search(r"<span>Philippines</span> " + count.format(2), countries)


def test_an_any_facet_counts_ignore_its_own_selection(client, catalog):
    response = get_list(client, "country=PH")

    assert set(names(response)) == {ALPHA, DELTA}
    # Country is an "any" facet: each country counts what it alone would list, the chosen one included.
    assert counts(response, "country") == {"PH": 2, "MX": 1, "CO": 1, "IN": 1, "US": 1}
    assert selected(response, "country") == {"PH"}
    # The other facets count within the current result (Alpha and Delta).
    assert counts(response, "service") == {"customer-support": 1, "technical-support": 2, "sales": 1}
    assert counts(response, "shore_model") == {"offshore": 1, "onshore": 1}
    assert counts(response, "hours") == {"business": 2, "extended": 1, "24x7": 1}
    assert counts(response, "verified") == {"true": 1}


def test_an_any_facet_counts_still_apply_the_other_filters(client, catalog):
    response = get_list(client, "country=PH&service=customer-support")

    assert names(response) == [ALPHA]
    assert counts(response, "country") == {"PH": 1, "MX": 1, "CO": 1}  # among Alpha and Bravo
    assert counts(response, "service") == {"customer-support": 1, "technical-support": 1}


def test_an_all_facet_counts_within_the_current_result_and_ticking_an_option_lists_that_many(client, catalog):
    response = get_list(client, "service=customer-support")

    assert set(names(response)) == {ALPHA, BRAVO}
    assert counts(response, "service") == {"customer-support": 2, "technical-support": 1}
    assert counts(response, "channel") == {"voice": 2, "chat": 1}
    assert counts(response, "country") == {"PH": 1, "MX": 1, "CO": 1}
    assert selected(response, "service") == {"customer-support"}

    narrowed = get_list(client, "service=customer-support&service=technical-support")
    assert names(narrowed) == [ALPHA]
    assert len(names(narrowed)) == counts(response, "service")["technical-support"]

    voice = get_list(client, "channel=voice")
    assert counts(voice, "channel") == {"voice": 3, "chat": 2, "email": 1}
    assert set(names(get_list(client, "channel=voice&channel=chat"))) == {ALPHA, DELTA}


def test_single_choice_facets_count_what_choosing_that_option_instead_would_list(client, catalog):
    hours = get_list(client, "hours=24x7")
    assert names(hours) == [ALPHA]
    assert counts(hours, "hours") == {"business": 4, "extended": 2, "24x7": 1}
    assert selected(hours, "hours") == {"24x7"}

    category = get_list(client, "category=back_office")
    assert names(category) == [CHARLIE]
    assert counts(category, "category") == {"front_office": 3, "back_office": 1}


@pytest.mark.parametrize(
    "query",
    [
        "service=customer-support&country=PH&country=MX&verified=true",
        "q=support&channel=voice&hours=extended&shore_model=offshore&shore_model=nearshore&language=en",
    ],
)
def test_every_shown_count_equals_the_number_of_vendors_listed_after_choosing_that_option(client, catalog, query):
    """'All' facets add the option to the selection; other facets replace their selection with it."""
    response = get_list(client, query)
    checked = 0
    for name, facet in response.context["facets"].items():
        for option in facet.visible_options:
            data = QueryDict(query, mutable=True)
            if name in ALL_FACETS:
                data.setlist(name, list(dict.fromkeys([*data.getlist(name), option.value])))
            else:
                data.setlist(name, [option.value])
            after = get_list(client, data.urlencode())
            assert after.context["notices"] == []
            assert after.context["paginator"].count == option.count, (name, option.value)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("facet", "value", "label", "chip"),
    [
        ("service", "payroll", "Payroll", "Remove filter Services: Payroll"),
        ("language", "ja", "Japanese", "Remove filter Languages: Japanese"),
        ("country", "JM", "Jamaica", "Remove filter Delivery country: Jamaica"),
    ],
)
def test_a_chosen_option_that_matches_nothing_stays_shown_so_it_can_be_removed(
    client, catalog, facet, value, label, chip
):
    response = get_list(client, f"{facet}={value}")

    assert names(response) == []
    options = {option.value: option for option in response.context["facets"][facet].options}
    assert value in options, f"the chosen {label} is missing from the {facet} facet"
    assert options[value].selected
    assert options[value].count == 0
    html = response.content.decode()
    assert f'value="{value}" checked' in html
    assert f'aria-label="{chip}"' in html


# --- Sorting --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", [ALPHA, BRAVO, CHARLIE, DELTA]),
        ("-name", [DELTA, CHARLIE, BRAVO, ALPHA]),
        ("-rating", [DELTA, ALPHA, BRAVO, CHARLIE]),  # 4.9, 4.5, 3.8, no reviews last
        ("rating", [BRAVO, ALPHA, DELTA, CHARLIE]),  # no reviews last in both directions
        ("hourly_rate", [CHARLIE, ALPHA, BRAVO, DELTA]),  # 6.50, 8.00, 14.00, on request last
        ("-hourly_rate", [BRAVO, ALPHA, CHARLIE, DELTA]),
        ("-seats", [CHARLIE, ALPHA, BRAVO, DELTA]),  # 500, 300, 300 (tie by name), 200
        ("seats", [DELTA, ALPHA, BRAVO, CHARLIE]),
        ("-founded_year", [BRAVO, ALPHA, CHARLIE, DELTA]),  # 2012, 2005, 1998, unknown last
        ("founded_year", [CHARLIE, ALPHA, BRAVO, DELTA]),
    ],
)
def test_ordering_sorts_the_list(client, catalog, ordering, expected):
    response = get_list(client, f"ordering={ordering}")

    assert names(response) == expected
    assert response.context["notices"] == []


def test_default_order_is_relevance_featured_then_verified_then_rating(client, catalog):
    assert names(get_list(client)) == [BRAVO, ALPHA, CHARLIE, DELTA]


def test_relevance_puts_vendors_whose_name_contains_the_search_first(client, catalog):
    # Alpha (verified) would come first, but Delta's name contains the words searched.
    assert names(get_list(client, "q=voice")) == [DELTA, ALPHA]


def test_ordering_combines_with_filters(client, catalog):
    assert names(get_list(client, "country=PH&ordering=-seats")) == [ALPHA, DELTA]
    assert names(get_list(client, "service=customer-support&ordering=hourly_rate")) == [ALPHA, BRAVO]


# --- Pagination -----------------------------------------------------------------------------------------


def test_pages_split_the_list_and_keep_the_filters_in_their_links(client, catalog):
    first = get_list(client, "ordering=name&page_size=3")
    second = get_list(client, "ordering=name&page_size=3&page=2")

    assert names(first) == [ALPHA, BRAVO, CHARLIE]
    assert names(second) == [DELTA]
    assert first.context["paginator"].num_pages == 2
    html = first.content.decode()
    assert "page 1 of 2" in html
    next_link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    assert QueryDict(next_link.lstrip("?")) == QueryDict("ordering=name&page_size=3&page=2")
    assert "page 2 of 2" in second.content.decode()
    assert second.context["notices"] == []


def test_pages_of_a_filtered_list(client, catalog):
    query = "service=customer-support&ordering=name&page_size=1"

    assert names(get_list(client, query)) == [ALPHA]
    assert names(get_list(client, query + "&page=2")) == [BRAVO]


def test_a_page_past_the_end_shows_the_last_page_with_a_notice(client, catalog):
    response = get_list(client, "ordering=name&page_size=3&page=9")

    assert names(response) == [DELTA]
    assert response.context["page_obj"].number == 2
    [notice] = response.context["notices"]
    assert "9" in notice
    assert escape(notice) in response.content.decode()


@pytest.fixture
def many_vendors(db):
    """105 published vendors, made in bulk."""
    bulk_vendors(105)


@pytest.mark.parametrize(
    # 105 vendors with a page size of 1 would be 105 pages: pages stop at 100 (core/pagination.py)
    ("page_size", "shown", "pages"),
    [(None, 20, 6), ("10", 10, 11), ("100", 100, 2), ("101", 100, 2), ("5000", 100, 2), ("0", 1, 100), ("-3", 1, 100)],
)
def test_page_size_defaults_to_20_and_stays_between_1_and_100(client, many_vendors, page_size, shown, pages):
    response = get_list(client, f"page_size={page_size}" if page_size else "")

    assert len(response.context["vendors"]) == shown
    assert response.context["paginator"].num_pages == pages
    assert response.context["paginator"].count == 105


def test_last_page_holds_the_remainder(client, many_vendors):
    response = get_list(client, "ordering=name&page_size=100&page=2")

    assert names(response) == [
        "Bulk Vendor 100",
        "Bulk Vendor 101",
        "Bulk Vendor 102",
        "Bulk Vendor 103",
        "Bulk Vendor 104",
    ]


# --- Query strings the page cannot use in full ----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected", "notice"),
    [
        ("service=no-such-service", EVERYONE, "Services:"),
        ("service=customer-support&service=no-such-service", {ALPHA, BRAVO}, "Services:"),  # the known one applies
        ("service=no-such-service&country=PH", {ALPHA, DELTA}, "Services:"),  # the other filters still apply
        ("category=middle_office", EVERYONE, "Service category:"),
        ("shore_model=moonshore", EVERYONE, "Shore model:"),
        ("call_center_type=telepathic", EVERYONE, "Call-center type:"),
        ("channel=fax", EVERYONE, "Channels:"),
        ("language=english", EVERYONE, "Languages:"),
        ("country=XX", EVERYONE, "Delivery country:"),
        ("country=PHL", EVERYONE, "Delivery country:"),
        ("industry=mining", EVERYONE, "Industry:"),
        ("compliance=iso-9999", EVERYONE, "Compliance:"),
        ("max_hourly_rate=cheap", EVERYONE, "Maximum hourly rate (USD):"),
        ("max_hourly_rate=-1", EVERYONE, "Maximum hourly rate (USD):"),
        ("max_hourly_rate=NaN", EVERYONE, "Maximum hourly rate (USD):"),
        ("max_hourly_rate=Infinity", EVERYONE, "Maximum hourly rate (USD):"),
        ("max_hourly_rate=1e400", EVERYONE, "Maximum hourly rate (USD):"),
        ("min_seats=lots", EVERYONE, "Minimum seats:"),
        ("min_seats=2.5", EVERYONE, "Minimum seats:"),
        ("min_seats=-1", EVERYONE, "Minimum seats:"),
        ("min_seats=99999999999999999999999", EVERYONE, "Minimum seats:"),
        ("hours=always", EVERYONE, "Hours of coverage:"),
        ("verified=yes", EVERYONE, "Verified:"),
        ("ordering=price", EVERYONE, "Sort by:"),
        ("q=" + "x" * 201, EVERYONE, "Search:"),
        ("q=call%00center", EVERYONE, "Search:"),
        ("page=abc", EVERYONE, "There is no page 'abc'; showing page 1."),
        ("page=-1", EVERYONE, "There is no page '-1'"),
        ("page=99999999999999999999", EVERYONE, "There is no page '99999999999999999999'; showing page 1."),
        ("page_size=abc", EVERYONE, "Page size must be a whole number; showing 20 per page."),
        ("page_size=2.5", EVERYONE, "Page size must be a whole number; showing 20 per page."),
    ],
)
def test_an_unusable_query_string_still_shows_the_list_with_a_notice(client, catalog, query, expected, notice):
    response = client.get(f"/vendors/?{query}")

    assert response.status_code == 200
    notices = response.context["notices"]
    assert any(notice in text for text in notices), notices
    if expected is not None:
        assert set(names(response)) == expected
    assert '<div role="status">\n<ul class="notices">' in response.content.decode()
    # The facets are still counted, from the filters that could be used.
    assert sum(option.count for option in response.context["facets"]["hours"].options) > 0


def test_an_unusable_ordering_falls_back_to_relevance(client, catalog):
    assert names(get_list(client, "ordering=price")) == [BRAVO, ALPHA, CHARLIE, DELTA]


def test_several_unusable_filters_each_get_a_notice(client, catalog):
    response = get_list(client, "service=nope&min_seats=many&hours=never&country=PH")

    assert set(names(response)) == {ALPHA, DELTA}
    assert len(response.context["notices"]) == 3
    assert all("left out" in text for text in response.context["notices"])


# --- The facet index (directory/facets.py) ------------------------------------------------------------------------
# The counts it gives are those of counting the vendors themselves, for selections of every filter and with search
# words; it holds published vendors only; and a vendor published since is counted once it is counted again.

SELECTIONS = [
    "",
    "service=customer-support",
    "service=customer-support&service=technical-support",
    "category=back_office",
    "category=front_office&country=PH",
    "shore_model=offshore&shore_model=nearshore",
    "call_center_type=inbound",
    "channel=voice&channel=chat",
    "language=en&language=es",
    "country=PH&country=MX&industry=healthcare",
    "compliance=hipaa&hours=extended",
    "hours=24x7",
    "verified=true",
    "verified=false&service=customer-support",
    "max_hourly_rate=10",
    "min_seats=200&channel=voice",
    "service=no-such-service",
    "ordering=-rating_average&country=IN",
    "q=care",
    "q=support&country=PH&country=MX",
    "q=care&service=customer-support&verified=true",
    "q=nothing+matches+this",
]


def index_counted(query: str) -> tuple[dict, int]:
    filterset = VendorFilter(QueryDict(query), queryset=Vendor.objects.published().with_center_totals())
    filterset.shared_records = True  # the public list's vendors, as `cached_facets` says
    filterset.form.is_valid()
    counters = {name: filterset.counter(name) for name in filterset.facet_counters}
    from_index = filterset.summary_rows(counters)
    if from_index is not None:
        options, total = filterset.options_from(counters, from_index[0]), from_index[1]
    else:
        options, total = filterset.count()
    return {
        name: {(o.value, o.label, o.group): o.count for o in found if o.count} for name, found in options.items()
    }, total


@pytest.mark.parametrize("query", SELECTIONS)
def test_the_index_counts_what_counting_the_vendors_gives(query, catalog, monkeypatch):
    with override_settings(FACETS_SUMMARY_REFRESH="off"):
        expected = index_counted(query)
    with override_settings(FACETS_SUMMARY_REFRESH="inline"):
        vendor_facet_summary.refresh()
        monkeypatch.setattr(core.facets, "count_facets", lambda *args: pytest.fail("counted from the vendors"))
        assert index_counted(query) == expected
    if query == "":
        assert expected[1] == 4  # the four published vendors; none of the hidden ones
        assert expected[0]["service"] and expected[0]["country"] and expected[0]["hours"]


@override_settings(FACETS_SUMMARY_REFRESH="inline")
def test_a_client_country_is_counted_from_the_vendors(catalog):
    filterset = VendorFilter(QueryDict("client_country=US&shore_model=nearshore"), queryset=Vendor.objects.published())
    filterset.form.is_valid()
    assert filterset.summary_rows({name: filterset.counter(name) for name in filterset.facet_counters}) is None


@override_settings(FACETS_SUMMARY_REFRESH="inline", FACETS_CACHE_SECONDS=60)
def test_a_vendor_published_since_is_counted_once_the_index_is_counted_again(
    client, catalog, django_capture_on_commit_callbacks
):
    def philippines():
        response = client.get("/vendors/")
        return next(o.count for o in response.context["facets"]["country"].options if o.value == "PH")

    with django_capture_on_commit_callbacks(execute=True):
        vendor_facet_summary.refresh()
    before = philippines()
    make_vendor("Echo Manila", centers=[("PH", "Manila", 50)])
    assert philippines() == before  # the index is seconds old: read as it is
    with django_capture_on_commit_callbacks(execute=True):
        vendor_facet_summary.refresh()
    assert philippines() == before + 1
    assert len(vendor_facet_index().ids) == 5
