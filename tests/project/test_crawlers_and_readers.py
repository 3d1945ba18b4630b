"""What crawlers, link previews and feed readers read: /robots.txt and the sitemaps it names, /favicon.ico and the
icons the pages link to, the Open Graph tags and schema.org markup of the pages, and the Atom feed, checked with
feedparser (what many feed readers use) and against the rules RFC 4287 states."""

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from io import BytesIO
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import feedparser
import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from demo.factories.directory import EmployerFactory
from tests.helpers import make_job, make_vendor

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# RFC 3339's date-time, as RFC 4287 section 3.3 requires it (an uppercase T and Z, a time zone always).
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


@pytest.fixture
def site(db):
    vendor = make_vendor(
        "Harbor Support", services=["customer-support"], centers=[("PH", 100)], tagline="Voice support from Manila"
    )
    employer = EmployerFactory(name="Lumen Bank", slug="lumen-bank")
    postings = [
        make_job(
            "Manila Voice Agent",
            employer=employer,
            skills=["zendesk"],
            salary_min=Decimal("20000"),
            salary_max=Decimal("25000"),
            salary_currency="PHP",
        ),
        make_job("Remote Chat Agent", employer=employer, work_arrangement="remote", days_ago=2),
    ]
    return {"vendor": vendor, "employer": employer, "postings": postings}


def get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def meta(html: str, attribute: str, name: str) -> list[str]:
    return re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)


def structured_data(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def sitemap_locations(client, path="/sitemap.xml") -> set[str]:
    root = ET.fromstring(get(client, path).content)  # noqa: S314 - our own server's sitemap
    locations = set()
    for item in root:
        location = item.findtext(f"{SITEMAP}loc")
        if root.tag == f"{SITEMAP}sitemapindex":
            parts = urlsplit(location)
            locations |= sitemap_locations(client, f"{parts.path}?{parts.query}" if parts.query else parts.path)
        else:
            locations.add(location)
        lastmod = item.findtext(f"{SITEMAP}lastmod")
        assert lastmod is None or re.fullmatch(r"\d{4}-\d\d-\d\d|" + RFC3339.pattern, lastmod), lastmod
    return locations


# --- robots.txt and the sitemaps ------------------------------------------------------------------------------


def robots(client) -> RobotFileParser:
    response = get(client, "/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "max-age=86400" in response["Cache-Control"]
    parser = RobotFileParser()
    parser.parse(response.content.decode().splitlines())
    return parser


def test_robots_txt_names_the_sitemap_index_and_keeps_crawlers_out_of_private_pages(client):
    parser = robots(client)

    assert parser.site_maps() == ["http://testserver/sitemap.xml"]
    for private in ["/admin/", "/dashboard/", "/me/profile/", "/accounts/login/", "/api/v1/jobs/", "/alerts/x/"]:
        assert not parser.can_fetch("*", f"http://testserver{private}"), private
    for public in ["/", "/vendors/", "/jobs/", "/insights/pay/", "/api/v1/docs/", "/sitemap.xml"]:
        assert parser.can_fetch("*", f"http://testserver{public}"), public


def test_every_page_the_sitemaps_list_may_be_crawled_and_answers(client, site):
    parser = robots(client)

    locations = sitemap_locations(client)

    sections = {urlsplit(location).path.split("/")[1] for location in locations}
    assert {"vendors", "jobs", "insights"} <= sections
    for kind in ["/jobs/employers/lumen-bank/", "/jobs/skills/zendesk/", "/insights/demand/", "/vendors/match/"]:
        assert f"http://testserver{kind}" in locations, kind
    for location in locations:
        assert parser.can_fetch("*", location), location
        html = get(client, urlsplit(location).path).content.decode()
        assert '<meta name="robots" content="noindex">' not in html, location


def test_listing_sitemaps_page_by_key_range_so_every_open_posting_is_listed_once_and_no_page_counts(
    client, monkeypatch
):
    """Each page of a listing sitemap is a range of keys (`KeyRangePaginator`): no COUNT of a million postings
    for the index, no OFFSET walk for the last page. A range whose postings closed is an empty page, and a page
    past the last key is not found."""
    monkeypatch.setattr("core.seo.ListingSitemap.limit", 2)
    postings = [make_job(f"Agent {i}") for i in range(7)]
    for closed in postings[2:4]:  # the second page's keys: an empty page
        closed.status = "closed"
        closed.save()
    before = postings[0].pk - 1  # pages count from the first open posting's key
    last = (postings[-1].pk - before + 1) // 2
    pages = {f"/sitemap-jobs.xml?p={n}" for n in range(1, last + 1)}

    index = sitemap_locations(client)
    listed = [location for path in pages for location in sitemap_locations(client, path)]

    open_postings = {f"http://testserver{p.get_absolute_url()}" for p in postings[:2] + postings[4:]}
    assert sorted(listed) == sorted(open_postings)
    assert open_postings <= index
    assert client.get("/sitemap-jobs.xml?p=2").content.count(b"<url>") == 0  # the closed postings' keys
    assert client.get(f"/sitemap-jobs.xml?p={last + 1}").status_code == 404


# --- Icons --------------------------------------------------------------------------------------------------


def test_favicon_ico_answers_an_icon(client):
    response = get(client, "/favicon.ico")

    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=86400" in response["Cache-Control"]
    icon = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= set(icon.info["sizes"])


def test_pages_link_their_icons_and_the_files_are_there(client):
    html = get(client, "/").content.decode()

    links = dict(re.findall(r'<link rel="(icon|apple-touch-icon)" href="/static/([^"]+)"', html))
    icons = re.findall(r'<link rel="icon" href="/static/([^"]+)"', html)
    assert icons == ["icons/favicon.ico", "icons/icon.svg"]
    assert links["apple-touch-icon"] == "icons/apple-touch-icon.png"
    with Image.open(finders.find("icons/apple-touch-icon.png")) as touch:
        assert (touch.size, touch.mode) == ((180, 180), "RGB")  # square and opaque, as iOS wants it
    assert finders.find("icons/icon.svg") and finders.find("icons/favicon.ico")


# --- Link previews and schema.org ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "vendor", "posting", "landing", "insights"])
def test_pages_carry_open_graph_tags_matching_their_title_description_and_address(client, site, page):
    path = {
        "home": "/",
        "vendor": site["vendor"].get_absolute_url(),
        "posting": site["postings"][0].get_absolute_url(),
        "landing": "/jobs/skills/zendesk/",
        "insights": "/insights/pay/",
    }[page]
    html = get(client, path).content.decode()

    title = re.search(r"<title>(.*?) · BPO Portal</title>", html).group(1)
    assert meta(html, "property", "og:title") == [title]
    assert meta(html, "property", "og:description") == meta(html, "name", "description")
    assert meta(html, "property", "og:url") == re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    assert meta(html, "property", "og:site_name") == ["BPO Portal"]
    image = meta(html, "property", "og:image")[0]
    assert image.startswith("http://testserver/static/") and finders.find(
        image.removeprefix("http://testserver/static/")
    )
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]


def test_home_page_describes_the_site_and_how_to_search_it(client, site):
    html = get(client, "/").content.decode()

    (data,) = structured_data(html)
    graph = {node["@type"]: node for node in data["@graph"]}
    assert graph["Organization"]["name"] == "BPO Portal"
    assert graph["Organization"]["url"] == "http://testserver/"
    assert finders.find(graph["Organization"]["logo"].removeprefix("http://testserver/static/"))
    website = graph["WebSite"]
    assert website["publisher"] == {"@id": graph["Organization"]["@id"]}
    templates = [action["target"]["urlTemplate"] for action in website["potentialAction"]]
    assert templates == [
        "http://testserver/jobs/?q={search_term_string}",
        "http://testserver/vendors/?q={search_term_string}",
    ]
    assert {action["query-input"] for action in website["potentialAction"]} == {"required name=search_term_string"}
    for template in templates:
        found = get(client, template.removeprefix("http://testserver").replace("{search_term_string}", "Manila"))
        assert found.status_code == 200


@pytest.mark.parametrize(
    ("page", "trail"),
    [
        ("vendor", ["Home", "BPO vendors", "Harbor Support"]),
        ("posting", ["Home", "CSR jobs", "Manila Voice Agent"]),
        ("/jobs/skills/zendesk/", ["Home", "CSR jobs", "Jobs asking for Zendesk"]),
        ("/vendors/services/customer-support/", ["Home", "BPO vendors", "Customer support outsourcing vendors"]),
        ("/insights/cost/", ["Home", "Market insights", "What outsourcing costs"]),
    ],
)
def test_pages_below_a_list_carry_their_breadcrumbs(client, site, page, trail):
    path = {"vendor": site["vendor"].get_absolute_url(), "posting": site["postings"][0].get_absolute_url()}.get(
        page, page
    )
    html = get(client, path).content.decode()

    (breadcrumbs,) = [data for data in structured_data(html) if data["@type"] == "BreadcrumbList"]
    items = breadcrumbs["itemListElement"]
    assert [item["name"] for item in items] == trail
    assert [item["position"] for item in items] == [1, 2, 3]
    assert items[0]["item"] == "http://testserver/" and items[-1]["item"] == f"http://testserver{path}"
    for item in items:
        get(client, urlsplit(item["item"]).path)


# --- The Atom feed ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "?work_arrangement=remote", "?q=nothing-matches-this"])
def test_the_feed_is_valid_atom_for_feed_readers(client, site, query):
    response = get(client, f"/jobs/feed/{query}")
    body = response.content

    assert response["Content-Type"].startswith("application/atom+xml")
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert rfc4287_problems(body) == []
    expected = {"": 2, "?work_arrangement=remote": 1, "?q=nothing-matches-this": 0}[query]
    assert len(parsed.entries) == expected
    for entry in parsed.entries:
        assert entry.link.startswith("http://testserver/jobs/") and entry.title and entry.summary


def rfc4287_problems(body: bytes) -> list[str]:
    """What the feed document breaks of RFC 4287's MUST rules (sections 4.1.1, 4.1.2, 4.2.6, 3.3, 3.1)."""
    feed = ET.fromstring(body)  # noqa: S314 - our own server's feed
    problems = []
    if feed.tag != f"{ATOM}feed":
        return [f"the root is {feed.tag}, not atom:feed"]

    def check_common(element, where):
        for name in ["id", "title", "updated"]:
            if len(element.findall(f"{ATOM}{name}")) != 1:
                problems.append(f"{where}: not exactly one atom:{name}")
        identifier = element.findtext(f"{ATOM}id") or ""
        if not re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", identifier):
            problems.append(f"{where}: atom:id {identifier!r} is not an absolute IRI")
        for name in ["updated", "published"]:
            for date in element.findall(f"{ATOM}{name}"):
                if not RFC3339.fullmatch(date.text or ""):
                    problems.append(f"{where}: atom:{name} {date.text!r} is not an RFC 3339 date-time")
        for text in [*element.findall(f"{ATOM}title"), *element.findall(f"{ATOM}summary")]:
            if text.get("type", "text") not in {"text", "html", "xhtml"}:
                problems.append(f"{where}: a text construct of type {text.get('type')!r}")
        alternates = [
            (link.get("type"), link.get("hreflang"))
            for link in element.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: two alternate links of one type and language")
        if any(not link.get("href") for link in element.findall(f"{ATOM}link")):
            problems.append(f"{where}: a link without href")

    check_common(feed, "feed")
    if len([link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self"]) != 1:
        problems.append("feed: no single rel=self link (RFC 4287 says SHOULD; feed readers rely on it)")
    entries = feed.findall(f"{ATOM}entry")
    if not feed.findall(f"{ATOM}author") and any(not entry.findall(f"{ATOM}author") for entry in entries):
        problems.append("feed: no atom:author, and an entry without one")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    if len(ids) != len(set(ids)):
        problems.append("feed: two entries share an atom:id")
    for index, entry in enumerate(entries):
        check_common(entry, f"entry {index}")
        if not entry.findall(f"{ATOM}content") and not any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
        ):
            problems.append(f"entry {index}: neither atom:content nor an alternate link")
        for author in entry.findall(f"{ATOM}author"):
            if len(author.findall(f"{ATOM}name")) != 1:
                problems.append(f"entry {index}: an author without exactly one name")
    return problems


def test_the_rfc_4287_checks_catch_a_broken_feed():
    broken = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><id>not-an-iri</id><updated>2026-01-01 10:00</updated>
<entry><title>a</title><id>urn:x:1</id><updated>2026-01-01T10:00:00Z</updated></entry></feed>"""

    problems = rfc4287_problems(broken)

    assert "feed: atom:id 'not-an-iri' is not an absolute IRI" in problems
    assert "feed: atom:updated '2026-01-01 10:00' is not an RFC 3339 date-time" in problems
    assert "feed: no atom:author, and an entry without one" in problems
    assert "entry 0: neither atom:content nor an alternate link" in problems
