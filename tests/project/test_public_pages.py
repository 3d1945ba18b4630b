"""The public pages: only published vendors and open postings exist for visitors; user Markdown is made safe."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from core.markdown import render_markdown
from demo.factories.directory import (
    DeliveryCenterFactory,
    EmployerFactory,
    PendingVendorFactory,
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
from directory.models import ServiceType
from tests.helpers import HIDDEN_VENDOR_FACTORIES, count_queries, published_vendors_with_centers

pytestmark = pytest.mark.django_db


def past_expiry_posting(**kwargs):
    """Published, but its expiry date has passed and the expiry job has not run yet."""
    now = timezone.now()
    return PublishedJobPostingFactory(
        published_at=now - timedelta(days=61), expires_at=now - timedelta(minutes=5), **kwargs
    )


HIDDEN_POSTINGS = {
    "draft": JobPostingFactory,
    "pending": PendingJobPostingFactory,
    "rejected": RejectedJobPostingFactory,
    "closed": ClosedJobPostingFactory,
    "expired": ExpiredJobPostingFactory,
    "published_past_expiry": past_expiry_posting,
}


@pytest.fixture
def listings():
    """One public vendor and posting, and one of each hidden kind, all with names a test can look for."""
    vendor = PublishedVendorFactory(name="Visible Harbor Support")
    hidden_vendors = [make(name=f"Hidden {status} vendor") for status, make in HIDDEN_VENDOR_FACTORIES.items()]
    # In-house employers, so that the postings bring no vendors of their own.
    posting = PublishedJobPostingFactory(title="Visible Chat Support Agent", employer=EmployerFactory())
    hidden_postings = [
        make(title=f"Hidden {status} posting", employer=EmployerFactory()) for status, make in HIDDEN_POSTINGS.items()
    ]
    return vendor, hidden_vendors, posting, hidden_postings


def test_home_page_counts_and_lists_only_public_items(client, listings):
    vendor, _hidden_vendors, _posting, _hidden_postings = listings
    featured = PublishedVendorFactory(name="Featured Lighthouse CX", featured=True, featured_at=timezone.now())

    page = client.get("/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "2 BPO and call-center vendors, 1 open CSR jobs." in html
    assert "Featured Lighthouse CX" in html
    assert featured.get_absolute_url() in html
    assert "Visible Chat Support Agent" in html
    assert "Hidden" not in html
    assert vendor.name not in html  # not featured: the home page shows featured vendors only


def test_home_page_counts_published_vendors_per_service(client):
    service = ServiceType.objects.get(slug="technical-support")
    PublishedVendorFactory(services=[service])
    PendingVendorFactory(services=[service])

    page = client.get("/")

    [(_label, front_office)] = [c for c in page.context["categories"] if c[0] == "Front office"]
    assert {s.slug: s.vendor_count for s in front_office}["technical-support"] == 1


def test_vendor_list_shows_only_published_vendors(client, listings):
    page = client.get("/vendors/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Visible Harbor Support" in html
    assert "Hidden" not in html


def test_job_list_shows_only_open_postings(client, listings):
    page = client.get("/jobs/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Visible Chat Support Agent" in html
    assert "Hidden" not in html


@pytest.mark.parametrize("status", HIDDEN_VENDOR_FACTORIES)
def test_unpublished_vendor_profile_is_not_found(client, status):
    vendor = HIDDEN_VENDOR_FACTORIES[status]()

    assert client.get(f"/vendors/{vendor.slug}/").status_code == 404


def test_published_vendor_profile_shows_name_centers_and_services(client):
    services = list(ServiceType.objects.filter(slug__in=["technical-support", "payroll"]))
    vendor = PublishedVendorFactory(name="Bluewater Contact Solutions", services=services)
    DeliveryCenterFactory(vendor=vendor, name="Iloilo hub", city="Iloilo City", country="PH", time_zone="Asia/Manila")

    page = client.get(f"/vendors/{vendor.slug}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Bluewater Contact Solutions" in html
    assert "Iloilo City" in html
    assert "Philippines" in html
    assert "Asia/Manila" in html
    assert "Technical support" in html
    assert "Payroll" in html


@pytest.mark.parametrize("status", ["draft", "pending", "rejected"])
def test_posting_never_published_is_not_found(client, status):
    posting = HIDDEN_POSTINGS[status]()

    assert client.get(f"/jobs/{posting.slug}/").status_code == 404


@pytest.mark.parametrize("status", ["closed", "expired", "published_past_expiry"])
def test_posting_no_longer_open_still_answers_but_says_so(client, status):
    posting = HIDDEN_POSTINGS[status]()

    page = client.get(f"/jobs/{posting.slug}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "This job is no longer open." in html
    assert '<meta name="robots" content="noindex">' in html
    assert "application/ld+json" not in html


def test_open_posting_page_shows_its_employer_pay_and_requirements(client):
    posting = PublishedJobPostingFactory(title="Technical Support Representative")

    page = client.get(f"/jobs/{posting.slug}/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "Technical Support Representative" in html
    assert posting.employer.name in html
    assert posting.salary_currency in html
    assert "English" in html


def test_posting_page_links_to_the_bpo_profile_only_for_a_listed_vendor(client):
    bpo_posting = PublishedJobPostingFactory()
    in_house_posting = PublishedJobPostingFactory(employer=EmployerFactory(name="Acme Retail care team"))

    bpo_page = client.get(f"/jobs/{bpo_posting.slug}/").content.decode()
    in_house_page = client.get(f"/jobs/{in_house_posting.slug}/").content.decode()

    assert f'href="{bpo_posting.employer.vendor.get_absolute_url()}"' in bpo_page
    assert "Acme Retail care team" in in_house_page
    assert not re.search(r'href="/vendors/(?!shortlist/)[^"]+/"', in_house_page)


# --- Markdown -----------------------------------------------------------------------------------

HOSTILE = 'Hello\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) and <a href="javascript:alert(2)">y</a>\n'


def test_vendor_description_is_rendered_without_scripts_or_javascript_links(client):
    vendor = PublishedVendorFactory(description=HOSTILE + "\n**Reliable** partner.\n")

    page = client.get(f"/vendors/{vendor.slug}/")

    assert page.status_code == 200
    html = page.content.decode().lower()
    assert "alert(" not in html
    assert "javascript:" not in html
    assert "<strong>reliable</strong> partner." in html


def test_job_description_is_rendered_without_scripts(client):
    posting = PublishedJobPostingFactory(description=HOSTILE)

    html = client.get(f"/jobs/{posting.slug}/").content.decode().lower()

    assert "alert(" not in html
    assert "javascript:" not in html


def test_render_markdown_removes_scripts_and_javascript_links():
    html = render_markdown(HOSTILE + '<img src=x onerror="alert(3)">\n')

    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "Hello" in html


def test_render_markdown_keeps_ordinary_formatting():
    html = render_markdown(
        "Some **bold** and *italic* text.\n\n"
        "- first\n- second\n\n"
        "1. one\n2. two\n\n"
        "See [our site](https://example.com/about).\n"
    )

    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html
    assert "<ul>\n<li>first</li>\n<li>second</li>\n</ul>" in html
    assert "<ol>" in html
    assert '<a href="https://example.com/about" rel="nofollow noopener noreferrer">our site</a>' in html


def test_render_markdown_of_nothing_is_empty():
    assert render_markdown("") == ""
    assert render_markdown(None) == ""


# --- No query per row ---------------------------------------------------------------------------


def _queries(client, url):
    return count_queries(client, url)[0]


_vendors = published_vendors_with_centers


def _postings(n):
    for i in range(n):
        if i % 2:
            PublishedJobPostingFactory(employer=EmployerFactory())
        else:
            PublishedJobPostingFactory()


@pytest.mark.parametrize(
    ("url", "make_rows", "rows"),
    [("/vendors/?page_size=100", _vendors, "vendors"), ("/jobs/?page_size=100", _postings, "job_postings")],
)
def test_list_page_query_count_does_not_grow_with_rows(client, url, make_rows, rows):
    make_rows(5)
    few = _queries(client, url)
    make_rows(20)
    many = _queries(client, url)

    assert len(client.get(url).context[rows]) > 20
    assert many == few


def test_home_page_query_count_does_not_grow_with_rows(client):
    def make_rows(n):
        for _ in range(n):
            vendor = PublishedVendorFactory(
                featured=True, featured_at=timezone.now(), services=list(ServiceType.objects.all()[:2])
            )
            DeliveryCenterFactory(vendor=vendor)
            PublishedJobPostingFactory()

    make_rows(2)
    few = _queries(client, "/")
    make_rows(10)
    many = _queries(client, "/")

    assert many == few
