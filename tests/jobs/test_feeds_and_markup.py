"""What machines read from the job board: the Atom feeds of any search, the sitemaps, the schema.org JobPosting
JSON-LD of a posting's page; and the Markdown of a description, which must come out safe."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Summary
from demo.factories.directory import BpoEmployerFactory, EmployerFactory, PendingVendorFactory, PublishedVendorFactory
from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
    RejectedJobPostingFactory,
)
from directory.models import Vendor
from jobs.models import JobPosting
from jobs.services.postings import job_posting_close
from jobs.services.sitemap import job_sitemap_summary
from jobs.sitemaps import EmployerSitemap
from tests.helpers import bulk_postings, make_job

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def hidden_postings(**fields) -> list[JobPosting]:
    """One posting of each state the public must not find in a list, feed or sitemap."""
    now = timezone.now()
    return [
        make_job("Hidden draft agent", factory=JobPostingFactory, **fields),
        make_job("Hidden pending agent", factory=PendingJobPostingFactory, **fields),
        make_job("Hidden rejected agent", factory=RejectedJobPostingFactory, **fields),
        make_job("Hidden closed agent", factory=ClosedJobPostingFactory, days_ago=0.1, **fields),
        make_job("Hidden expired agent", factory=ExpiredJobPostingFactory, days_ago=70, **fields),
        make_job(
            "Hidden past expiry agent",
            published_at=now - timedelta(days=61),
            expires_at=now - timedelta(hours=1),
            **fields,
        ),
    ]


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


# --- Atom feeds -------------------------------------------------------------------------------------------------


@pytest.fixture
def feed_jobs(db):
    """Four open postings (newest first) and the hidden ones, with attributes the feed's filters can tell apart."""
    harbor = BpoEmployerFactory(name="Harbor CX", slug="harbor-cx", vendor=PublishedVendorFactory(name="Harbor CX"))
    lumen = EmployerFactory(name="Lumen Bank", slug="lumen-bank")
    postings = [
        make_job(
            "Manila Voice Agent",
            employer=harbor,
            skills=["zendesk", "communication"],
            salary_min=Decimal("20000"),
            salary_max=Decimal("25000"),
            salary_currency="PHP",
            days_ago=0.5,
        ),
        make_job(
            "Cebu Chat Support",
            employer=harbor,
            city="Cebu City",
            work_arrangement="remote",
            shift="night",
            account_type="non_voice",
            skills=["zendesk", "salesforce"],
            languages=["en", "tl"],
            salary_min=Decimal("30000"),
            salary_currency="PHP",
            min_experience_years=1,
            days_ago=2,
        ),
        make_job(
            "Pune Email Support",
            employer=lumen,
            city="Pune",
            country="IN",
            work_arrangement="remote",
            account_type="non_voice",
            skills=["salesforce"],
            languages=["hi", "en"],
            min_experience_years=3,
            days_ago=5,
        ),
        make_job(
            "Austin Collections Agent",
            employer=lumen,
            city="Austin",
            country="US",
            skills=["collections"],
            salary_min=Decimal("15"),
            salary_max=Decimal("20"),
            salary_currency="USD",
            salary_period="hour",
            days_ago=20,
        ),
    ]
    hidden_postings(employer=harbor, work_arrangement="remote", skills=["zendesk", "salesforce"], languages=["en"])
    return postings


def parse_feed(response):
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314 - the feed our own server just rendered


def entry_paths(feed) -> list[str]:
    """The path of each entry's page, in the feed's order."""
    return [urlsplit(entry.find(f"{ATOM}link").get("href")).path for entry in feed.findall(f"{ATOM}entry")]


def list_paths(client, query: str) -> list[str]:
    return [posting.get_absolute_url() for posting in get(client, f"/jobs/?{query}").context["job_postings"]]


def links(element) -> dict[str, str]:
    return {link.get("rel"): link.get("href") for link in element.findall(f"{ATOM}link")}


def test_feed_lists_the_newest_open_postings(client, feed_jobs):
    feed = parse_feed(get(client, "/jobs/feed/"))

    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title") == "Newest CSR jobs · BPO Portal"
    assert feed.findtext(f"{ATOM}id") == "http://testserver/jobs/"
    assert links(feed) == {"alternate": "http://testserver/jobs/", "self": "http://testserver/jobs/feed/"}
    newest_change = max(posting.updated_at for posting in feed_jobs)
    assert datetime.fromisoformat(feed.findtext(f"{ATOM}updated")) == newest_change

    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Manila Voice Agent at Harbor CX",
        "Cebu Chat Support at Harbor CX",
        "Pune Email Support at Lumen Bank",
        "Austin Collections Agent at Lumen Bank",
    ]
    for entry, posting in zip(entries, feed_jobs, strict=True):
        url = f"http://testserver{posting.get_absolute_url()}"
        assert links(entry) == {"alternate": url}
        assert entry.findtext(f"{ATOM}id") == url
        assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == posting.updated_at
        assert datetime.fromisoformat(entry.findtext(f"{ATOM}published")) == posting.published_at
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == posting.employer.name
    assert b"Hidden" not in get(client, "/jobs/feed/").content


def test_feed_entry_summarises_place_arrangement_shift_pay_and_skills(client, feed_jobs):
    feed = parse_feed(get(client, "/jobs/feed/"))

    summaries = {
        entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}summary") for entry in feed.findall(f"{ATOM}entry")
    }
    assert summaries["Manila Voice Agent at Harbor CX"] == (
        "Manila, Philippines · On-site · Day shift · PHP 20,000 to 25,000 per month · Skills: Communication, Zendesk"
    )
    # A pay stated as a minimum only is still pay, as on the job card ("PHP 30,000 per month").
    assert summaries["Cebu Chat Support at Harbor CX"].startswith(
        "Cebu City, Philippines · Remote · Night (graveyard) shift"
    )
    assert "PHP 30,000" in summaries["Cebu Chat Support at Harbor CX"]
    assert summaries["Cebu Chat Support at Harbor CX"].endswith("Skills: Salesforce, Zendesk")
    assert summaries["Pune Email Support at Lumen Bank"] == "Pune, India · Remote · Day shift · Skills: Salesforce"
    assert summaries["Austin Collections Agent at Lumen Bank"] == (
        "Austin, United States of America · On-site · Day shift · USD 15 to 20 per hour · Skills: Collections"
    )


FEED_QUERIES = [
    "country=PH",
    "country=ph&country=US",
    "work_arrangement=remote",
    "skill=zendesk&skill=salesforce",
    "skill=salesforce",
    "language=tl&language=hi",
    "q=support",
    "q=support&ordering=relevance",
    "q=harbor+cebu",
    "currency=PHP&min_salary=26000",
    "currency=USD&ordering=salary_max",
    "ordering=-salary_max",
    "ordering=posted_at",
    "max_experience=1&employer_kind=bpo",
    "employer=lumen-bank",
    "posted_within=3",
    "account_type=non_voice&shift=night",
    "work_arrangement=onsite&country=IN",
    # Unusable filters are left out of the feed as they are of the list.
    "min_salary=26000",
    "country=ZZ&skill=juggling&posted_within=0",
    "max_experience=lots&work_arrangement=remote",
]


def test_a_filtered_feed_has_exactly_the_postings_of_the_filtered_list_in_the_same_order(client, feed_jobs):
    feeds = {query: entry_paths(parse_feed(get(client, f"/jobs/feed/?{query}"))) for query in FEED_QUERIES}

    assert feeds == {query: list_paths(client, query) for query in FEED_QUERIES}
    assert all(feeds[query] for query in ["q=support", "ordering=posted_at", "work_arrangement=remote"])


def test_a_searched_feed_reads_its_postings_as_the_list_reads_a_page(client, feed_jobs):
    """A common phrase matches hundreds of thousands of postings at real size: the feed reads the keys of its 50
    tier by tier (`page_keys`), as the list does, instead of ranking and sorting every match."""
    if connection.vendor != "postgresql":
        pytest.skip("tiers of relevance are PostgreSQL's (SQLite orders by a title match)")
    with CaptureQueriesContext(connection) as queries:
        feed = parse_feed(get(client, "/jobs/feed/?q=support"))
    postings = [query["sql"] for query in queries.captured_queries if 'FROM "jobs_jobposting"' in query["sql"]]
    assert entry_paths(feed) == list_paths(client, "q=support")
    assert any(" AS page" in sql and "UNION ALL" in sql for sql in postings)


def test_a_filtered_feed_says_it_follows_a_search(client, feed_jobs):
    feed = parse_feed(get(client, "/jobs/feed/?work_arrangement=remote&skill=zendesk"))

    assert feed.findtext(f"{ATOM}title") == "CSR jobs matching your search · BPO Portal"
    assert links(feed) == {
        "alternate": "http://testserver/jobs/?work_arrangement=remote&skill=zendesk",
        "self": "http://testserver/jobs/feed/?work_arrangement=remote&skill=zendesk",
    }
    assert [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")] == [
        "Cebu Chat Support at Harbor CX"
    ]


@pytest.mark.parametrize(
    "url",
    [
        "/jobs/?work_arrangement=remote&skill=salesforce",
        "/jobs/remote/",
        "/jobs/countries/ph/",
        "/jobs/skills/zendesk/?work_arrangement=remote",
        "/jobs/employers/lumen-bank/",
    ],
)
def test_each_list_page_links_to_the_feed_of_its_own_postings(client, feed_jobs, url):
    page = get(client, url)
    html = page.content.decode()

    head_link = re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="These jobs as a feed" href="([^"]+)">', html
    ).group(1)
    body_link = re.search(r'<a class="feed-link" href="([^"]+)"', html).group(1)
    assert head_link == body_link
    feed = parse_feed(get(client, head_link.replace("&amp;", "&")))

    assert entry_paths(feed) == [posting.get_absolute_url() for posting in page.context["job_postings"]]
    assert entry_paths(feed)


def test_feed_holds_the_50_newest_postings(client):
    bulk_postings(55, employer=EmployerFactory(name="Bulk Employer"))

    feed = parse_feed(get(client, "/jobs/feed/"))

    assert entry_paths(feed) == [f"/jobs/bulk-agent-{i:03}/" for i in range(50)]


def test_feed_without_postings_is_still_a_valid_feed(client):
    feed = parse_feed(get(client, "/jobs/feed/?country=JM"))

    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}title") == "CSR jobs matching your search · BPO Portal"
    assert datetime.fromisoformat(feed.findtext(f"{ATOM}updated"))


def test_no_query_string_breaks_the_feed(client, feed_jobs):
    queries = [
        "city=%00",
        "employer=%00",
        "q=%00&country=%00&skill=%00&page=%00&page_size=%00",
        "min_salary=1e400&currency=USD&max_experience=99999999999999999999&posted_within=-1",
        "q=%FF%FE&ordering=%27%3B--",
    ]
    client.raise_request_exception = False  # a server error is reported as its status, for every query at once
    statuses = {query: client.get(f"/jobs/feed/?{query}").status_code for query in queries}

    assert statuses == dict.fromkeys(queries, 200)


# --- Sitemaps ---------------------------------------------------------------------------------------------------


def sitemap_urls(client, url) -> dict[str, str | None]:
    """{location: lastmod} of a sitemap or a sitemap index."""
    response = get(client, url)
    root = ET.fromstring(response.content)  # noqa: S314 - the sitemap our own server just rendered
    return {item.findtext(f"{SITEMAP}loc"): item.findtext(f"{SITEMAP}lastmod") for item in root}


def test_sitemap_index_points_at_one_sitemap_per_section(client, feed_jobs):
    index = sitemap_urls(client, "/sitemap.xml")

    assert set(index) == {
        f"http://testserver/sitemap-{section}.xml"
        for section in ["pages", "vendors", "vendor-landing", "jobs", "job-landing", "employers", "insights"]
    }
    for url in index:
        get(client, urlsplit(url).path)
    # The jobs sitemap changed when the last open posting did (a later change to a hidden posting does not count).
    hidden = JobPosting.objects.get(slug="hidden-closed-agent")
    hidden.save()
    index = sitemap_urls(client, "/sitemap.xml")
    assert datetime.fromisoformat(index["http://testserver/sitemap-jobs.xml"]) == max(
        posting.updated_at for posting in feed_jobs
    )


def test_jobs_sitemap_lists_open_postings_only_with_their_last_change(client, feed_jobs):
    urls = sitemap_urls(client, "/sitemap-jobs.xml")

    assert urls == {
        f"http://testserver{posting.get_absolute_url()}": posting.updated_at.date().isoformat() for posting in feed_jobs
    }


def test_job_landing_sitemap_lists_the_remote_page_and_the_countries_and_skills_with_open_postings(client, feed_jobs):
    make_job("Expired Kingston Agent", factory=ExpiredJobPostingFactory, country="JM", days_ago=70, skills=["hubspot"])
    skills = {requirement.skill.slug for posting in feed_jobs for requirement in posting.skill_requirements.all()}

    urls = sitemap_urls(client, "/sitemap-job-landing.xml")

    assert set(urls) == {
        "http://testserver/jobs/remote/",
        "http://testserver/jobs/countries/in/",
        "http://testserver/jobs/countries/ph/",
        "http://testserver/jobs/countries/us/",
        *(f"http://testserver/jobs/skills/{slug}/" for slug in skills),
    }
    assert skills and "http://testserver/jobs/skills/hubspot/" not in urls
    for url in urls:
        get(client, urlsplit(url).path)


def test_vendors_sitemap_lists_published_vendors_only(client):
    listed = PublishedVendorFactory(name="Listed Harbor Support")
    PendingVendorFactory(name="Pending Harbor Support")

    urls = sitemap_urls(client, "/sitemap-vendors.xml")

    assert set(urls) == {f"http://testserver{vendor.get_absolute_url()}" for vendor in Vendor.objects.published()}
    assert f"http://testserver{listed.get_absolute_url()}" in urls
    assert len(urls) == 1


def test_pages_sitemap_lists_the_list_pages_and_the_matcher(client):
    assert set(sitemap_urls(client, "/sitemap-pages.xml")) == {
        "http://testserver/",
        "http://testserver/vendors/",
        "http://testserver/vendors/match/",
        "http://testserver/jobs/",
    }


def test_employers_sitemap_lists_the_employers_with_open_postings_changed_with_their_last_posting(client, feed_jobs):
    open_by_employer = {}
    for posting in feed_jobs:
        latest = open_by_employer.get(posting.employer.slug)
        open_by_employer[posting.employer.slug] = max(filter(None, [latest, posting.updated_at]))
    make_job("Expired Kingston Agent", factory=ExpiredJobPostingFactory, days_ago=70)  # its own employer

    urls = sitemap_urls(client, "/sitemap-employers.xml")

    assert urls == {
        f"http://testserver/jobs/employers/{slug}/": latest.date().isoformat()
        for slug, latest in open_by_employer.items()
    }
    for url in urls:
        get(client, urlsplit(url).path)


@pytest.mark.parametrize("employers_a_page", [1000, 1])
def test_the_sitemaps_from_their_summary_are_those_of_the_postings(
    client, feed_jobs, employers_a_page, monkeypatch, django_capture_on_commit_callbacks
):
    """The summary (`jobs.services.sitemap`, counted ahead of the crawlers) lists what reading the postings lists,
    page by page; and a posting hidden since is gone from it once it is counted again."""
    make_job("Expired Kingston Agent", factory=ExpiredJobPostingFactory, country="JM", days_ago=70, skills=["hubspot"])
    monkeypatch.setattr(EmployerSitemap, "limit", employers_a_page)

    def read():  # the index, and every page it lists of the landing pages and the employers
        index = sitemap_urls(client, "/sitemap.xml")
        pages = [urlsplit(url) for url in index if "employers" in url or "job-landing" in url]
        return index, {page: sitemap_urls(client, f"{page.path}?{page.query}") for page in pages}

    with override_settings(FACETS_SUMMARY_REFRESH="off"):
        from_postings = read()
    with override_settings(FACETS_SUMMARY_REFRESH="inline"):
        with django_capture_on_commit_callbacks(execute=True):  # as committed: every process learns of it
            job_sitemap_summary.refresh()
        employers = [urls for page, urls in from_postings[1].items() if "employers" in page.path]
        assert len(employers) == (1 if employers_a_page == 1000 else 2)  # two employers with open postings
        assert Summary.objects.get(name=job_sitemap_summary.name).size == sum(map(len, employers))
        with CaptureQueriesContext(connection) as queries:
            from_summary = read()
        # No posting read, but the probe of the smallest and largest key that pages the jobs' own sitemap.
        read_postings = [q["sql"] for q in queries.captured_queries if "jobs_jobposting" in q["sql"]]
        assert [sql for sql in read_postings if 'MIN("jobs_jobposting"."id")' not in sql] == []
        assert from_summary == from_postings

        only = JobPosting.objects.get(slug=feed_jobs[0].slug)
        for posting in JobPosting.objects.published().filter(employer=only.employer):
            job_posting_close(job_posting=posting, actor=None)
        with django_capture_on_commit_callbacks(execute=True):
            job_sitemap_summary.refresh()
        employers = sitemap_urls(client, "/sitemap-employers.xml")
        assert f"http://testserver/jobs/employers/{only.employer.slug}/" not in employers


def test_insights_sitemap_lists_the_insights_pages(client):
    urls = sitemap_urls(client, "/sitemap-insights.xml")

    assert set(urls) == {f"http://testserver/insights/{page}" for page in ["", "pay/", "cost/", "demand/"]}
    for url in urls:
        get(client, urlsplit(url).path)


# --- schema.org JobPosting JSON-LD ------------------------------------------------------------------------------


def json_ld(html: str) -> dict:
    """The page's one JobPosting object, read the way a crawler does: the text up to the first </script> (the page
    also has its BreadcrumbList)."""
    blocks = [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    assert [block["@type"] for block in blocks] == ["JobPosting", "BreadcrumbList"], blocks
    return blocks[0]


@pytest.fixture
def bpo_employer(db):
    return BpoEmployerFactory(
        name="Harbor CX",
        vendor=PublishedVendorFactory(name="Harbor CX", slug="harbor-cx-vendor"),
        website="https://careers.harbor.example.com",
    )


def test_open_posting_carries_job_posting_json_ld(client, bpo_employer):
    posting = make_job(
        "Night Desk Agent",
        employer=bpo_employer,
        description="We **value** patient people.",
        city="Manila",
        country="PH",
        work_arrangement="onsite",
        employment_type="full_time",
        shift="night",
        salary_min=Decimal("22000"),
        salary_max=Decimal("28000.50"),
        salary_currency="PHP",
        salary_period="month",
        min_experience_years=2,
        education_level="bachelor",
        openings=3,
        skills=["zendesk"],
        preferred=["salesforce"],
    )

    data = json_ld(get(client, f"/jobs/{posting.slug}/").content.decode())

    assert data["@context"] == "https://schema.org/"
    assert data["@type"] == "JobPosting"
    assert data["title"] == "Night Desk Agent"
    assert data["description"] == "<p>We <strong>value</strong> patient people.</p>"
    assert data["url"] == "http://testserver/jobs/night-desk-agent/"
    assert data["identifier"] == {"@type": "PropertyValue", "name": "Harbor CX", "value": "night-desk-agent"}
    assert datetime.fromisoformat(data["datePosted"]) == posting.published_at
    assert datetime.fromisoformat(data["validThrough"]) == posting.expires_at
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": "Harbor CX",
        "sameAs": "https://careers.harbor.example.com",
    }
    assert data["jobLocation"] == {
        "@type": "Place",
        "address": {"@type": "PostalAddress", "addressCountry": "PH", "addressLocality": "Manila"},
    }
    assert "jobLocationType" not in data
    assert "applicantLocationRequirements" not in data
    assert data["employmentType"] == "FULL_TIME"
    assert data["baseSalary"] == {
        "@type": "MonetaryAmount",
        "currency": "PHP",
        "value": {"@type": "QuantitativeValue", "unitText": "MONTH", "minValue": 22000, "maxValue": 28000.5},
    }
    assert data["experienceRequirements"] == {
        "@type": "OccupationalExperienceRequirements",
        "monthsOfExperience": 24,
    }
    assert data["educationRequirements"] == {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": "bachelor degree",
    }
    assert set(data["skills"].split(", ")) == {"Zendesk", "Salesforce"}
    assert data["workHours"] == "Night (graveyard) shift"
    assert data["totalJobOpenings"] == 3


def test_remote_posting_json_ld_says_telecommute_and_where_applicants_must_live(client):
    posting = make_job("Remote Chat Agent", work_arrangement="remote", city="", country="PH")

    data = json_ld(get(client, f"/jobs/{posting.slug}/").content.decode())

    assert data["jobLocationType"] == "TELECOMMUTE"
    assert data["applicantLocationRequirements"] == {"@type": "Country", "name": "Philippines"}
    assert "jobLocation" not in data


def test_hybrid_posting_json_ld_has_a_job_location(client):
    posting = make_job("Hybrid Agent", work_arrangement="hybrid", city="", country="IN")

    data = json_ld(get(client, f"/jobs/{posting.slug}/").content.decode())

    assert data["jobLocation"] == {"@type": "Place", "address": {"@type": "PostalAddress", "addressCountry": "IN"}}
    assert "jobLocationType" not in data


def test_json_ld_maps_employment_type_education_and_salary_period(client):
    cases = {
        # employment type, education, salary period: employmentType, educationRequirements, unitText
        ("full_time", "none", "month"): ("FULL_TIME", "no requirements", "MONTH"),
        ("part_time", "high_school", "hour"): ("PART_TIME", "high school", "HOUR"),
        ("contract", "vocational", "year"): ("CONTRACTOR", "professional certificate", "YEAR"),
        ("temporary", "some_college", "hour"): ("TEMPORARY", "associate degree", "HOUR"),
        ("internship", "postgraduate", "month"): ("INTERN", "postgraduate degree", "MONTH"),
    }
    results = {}
    for employment_type, education, period in cases:
        posting = make_job(
            f"Agent {employment_type} {education} {period}",
            employment_type=employment_type,
            education_level=education,
            salary_max=Decimal("900"),
            salary_currency="USD",
            salary_period=period,
        )
        data = json_ld(get(client, f"/jobs/{posting.slug}/").content.decode())
        education_ld = data["educationRequirements"]
        results[employment_type, education, period] = (
            data["employmentType"],
            education_ld if isinstance(education_ld, str) else education_ld["credentialCategory"],
            data["baseSalary"]["value"]["unitText"],
        )
        assert data["baseSalary"]["value"] == {
            "@type": "QuantitativeValue",
            "unitText": cases[employment_type, education, period][2],
            "maxValue": 900,
        }

    assert results == cases


def test_json_ld_leaves_out_a_salary_that_is_not_stated(client):
    posting = make_job("Unpaid Mystery Agent", min_experience_years=0)

    data = json_ld(get(client, f"/jobs/{posting.slug}/").content.decode())

    assert "baseSalary" not in data
    assert data["experienceRequirements"]["monthsOfExperience"] == 0
    assert data["skills"] == ""


def test_json_ld_names_the_vendor_profile_when_the_employer_has_no_website(client):
    vendor = PublishedVendorFactory(name="Quiet Bay BPO", slug="quiet-bay")
    listed = make_job("Quiet Bay Agent", employer=BpoEmployerFactory(vendor=vendor, website=""))
    unlisted = make_job("Hidden Bay Agent", employer=BpoEmployerFactory(vendor=PendingVendorFactory(), website=""))
    in_house = make_job("In House Agent", employer=EmployerFactory(name="Acme care team", website=""))

    def organization(posting):
        return json_ld(get(client, f"/jobs/{posting.slug}/").content.decode())["hiringOrganization"]

    assert organization(listed)["sameAs"] == "http://testserver/vendors/quiet-bay/"
    assert "sameAs" not in organization(unlisted)
    assert organization(in_house) == {"@type": "Organization", "name": "Acme care team"}


def test_a_closing_script_tag_in_the_posting_cannot_break_out_of_the_json_ld(client):
    payload = "</script><script>alert('pwned')</script><!--"
    posting = make_job(
        f"Agent {payload}",
        slug="agent-script",
        description=f"Text with {payload} inside and `</script>` in code.",
        city=f"Manila {payload}",
    )

    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    data = json_ld(html)  # the whole object parses from the text before the first </script>
    assert data["title"] == f"Agent {payload}"
    assert data["jobLocation"]["address"]["addressLocality"] == f"Manila {payload}"
    assert "alert('pwned')" not in data["description"]
    assert "<script>alert" not in html.lower()
    assert html.count("</script>") == html.count("<script")  # none closed early, none opened by the payload


@pytest.mark.parametrize("status", ["closed", "expired"])
def test_no_longer_open_posting_has_no_json_ld(client, status):
    factory = ClosedJobPostingFactory if status == "closed" else ExpiredJobPostingFactory
    posting = make_job("Gone Agent", factory=factory, days_ago=70 if status == "expired" else 5)

    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    assert "application/ld+json" not in html
    assert '<meta name="robots" content="noindex">' in html


# --- Markdown ---------------------------------------------------------------------------------------------------

HOSTILE = (
    'Hello\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) and <a href="javascript:alert(3)">y</a>\n\n'
    '<img src=x onerror="alert(4)">\n\n<iframe src="https://evil.example.com"></iframe>\n\n'
    '<a href="https://example.com" onclick="alert(5)">site</a>\n'
)


@pytest.mark.parametrize("factory", [PublishedJobPostingFactory, ClosedJobPostingFactory])
def test_job_description_is_rendered_without_scripts_handlers_or_javascript_links(client, factory):
    posting = make_job("Careful Agent", factory=factory, description=HOSTILE + "\n**Reliable** team.\n")

    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    prose = re.search(r'<section class="prose">(.*?)</section>', html, re.S).group(1)
    assert "<p>Hello</p>" in prose
    assert "<strong>Reliable</strong> team." in prose
    lowered = html.lower()
    assert "alert(" not in lowered
    assert "javascript:" not in lowered
    assert "onerror" not in lowered
    assert "onclick" not in lowered
    assert "<iframe" not in lowered
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer">site</a>' in prose


def test_job_description_keeps_ordinary_formatting(client):
    posting = make_job(
        "Formatted Agent",
        description=(
            "## What you'll do\n\nSome **bold** and *italic* text.\n\n- first\n- second\n\n1. one\n2. two\n\n"
            "See [our site](https://example.com/about).\n\n| Shift | Pay |\n|---|---|\n| Night | More |\n"
        ),
    )

    prose = re.search(
        r'<section class="prose">(.*?)</section>', get(client, f"/jobs/{posting.slug}/").content.decode(), re.S
    ).group(1)

    assert "<h2>What you'll do</h2>" in prose
    assert "<strong>bold</strong>" in prose
    assert "<em>italic</em>" in prose
    assert "<ul>\n<li>first</li>\n<li>second</li>\n</ul>" in prose
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in prose
    assert '<a href="https://example.com/about" rel="nofollow noopener noreferrer">our site</a>' in prose
    assert "<td>Night</td>" in prose


def test_benefits_are_shown_as_plain_text(client):
    posting = make_job("Perks Agent", benefits="<b>Free</b> lunch\n<script>alert(1)</script>\n")

    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    assert "<li>&lt;b&gt;Free&lt;/b&gt; lunch</li>" in html
    assert "<script>alert" not in html
