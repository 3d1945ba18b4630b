"""The job board's pages: a posting's page (open, closed or expired), the landing pages, htmx partial updates,
the SEO tags of every page and the number of queries each page runs."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.template.defaultfilters import date as format_date
from django.utils import timezone

from demo.factories.directory import BpoEmployerFactory, EmployerFactory, PendingVendorFactory, PublishedVendorFactory
from demo.factories.jobs import JobPostingFactory, PendingJobPostingFactory, RejectedJobPostingFactory
from directory.models import Industry, Language
from jobs.models import JobLanguageRequirement, JobPosting, JobSkillRequirement, Skill
from jobs.search import refresh_job_search_vectors
from tests.helpers import closed_posting, count_queries, expired_posting, make_job, past_expiry_posting

pytestmark = pytest.mark.django_db


NO_LONGER_OPEN = {"closed": closed_posting, "expired": expired_posting, "published_past_expiry": past_expiry_posting}
NEVER_PUBLISHED = {
    "draft": JobPostingFactory,
    "pending": PendingJobPostingFactory,
    "rejected": RejectedJobPostingFactory,
}


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return response


def titles(response) -> list[str]:
    return [posting.title for posting in response.context["job_postings"]]


def section(html: str, section_id: str) -> str:
    return re.search(rf'<section id="{section_id}">.*?</section>', html, re.S).group()


# --- A posting's page -------------------------------------------------------------------------------------------


@pytest.fixture
def night_desk_agent(db):
    """An open posting by a BPO listed in the directory, with every fact a posting can state."""
    vendor = PublishedVendorFactory(name="Harbor CX", slug="harbor-cx-vendor")
    employer = BpoEmployerFactory(
        name="Harbor CX", slug="harbor-cx", vendor=vendor, website="https://careers.harbor.example.com"
    )
    return make_job(
        "Night Desk Agent",
        employer=employer,
        description="We **value** patient people.\n\n- Paid training\n- Free shuttle\n",
        city="Manila",
        country="PH",
        work_arrangement="hybrid",
        employment_type="full_time",
        shift="night",
        account_type="blended",
        call_direction="inbound",
        client_industry=Industry.objects.get(slug="healthcare"),
        salary_min=Decimal("22000"),
        salary_max=Decimal("28000"),
        salary_currency="PHP",
        salary_period="month",
        min_experience_years=2,
        education_level="bachelor",
        min_typing_wpm=45,
        openings=3,
        benefits="HMO from day one\nNight differential\n\n",
        skills=["zendesk"],
        preferred=["salesforce"],
        languages=[("en", "C1"), ("tl", "native")],
        certifications=["hdi-csr"],
        days_ago=3,
    )


def test_open_posting_page_shows_every_fact_of_the_posting(client, night_desk_agent):
    posting = night_desk_agent
    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    assert "<h1>Night Desk Agent</h1>" in html
    # The employer, linked to its profile in the vendor directory.
    assert '<a href="/vendors/harbor-cx-vendor/">Harbor CX</a> <span class="badge neutral">BPO</span>' in html
    assert "· Manila, Philippines · Hybrid" in html
    assert "<dt>Employment</dt><dd>Full-time, 3 openings</dd>" in html
    assert "<dt>Shift</dt><dd>Night (graveyard) shift</dd>" in html
    assert "<dt>Role</dt><dd>Agent (CSR, TSR, chat or email)</dd>" in html
    # Blended, on the job board, is voice and non-voice; the call direction says inbound or outbound.
    assert "<dt>Account</dt><dd>Blended (voice and non-voice), inbound, healthcare client</dd>" in html
    assert "<dt>Pay</dt><dd>PHP 22,000\N{EN DASH}28,000 per month</dd>" in html
    assert "<dt>Experience</dt><dd>At least 2 years</dd>" in html
    assert "<dt>Education</dt><dd>Bachelor&#x27;s degree</dd>" in html
    assert "<dt>Typing speed</dt><dd>45 words per minute or more</dd>" in html
    assert '<a class="tag required" href="/jobs/skills/zendesk/">Zendesk <small>required</small></a>' in html
    assert '<a class="tag" href="/jobs/skills/salesforce/">Salesforce <small>preferred</small></a>' in html
    assert "<dt>Languages</dt><dd>English (C1 advanced), Tagalog (Native)</dd>" in html
    assert "<dt>Certifications</dt><dd>HDI Customer Service Representative</dd>" in html
    assert "<li>HMO from day one</li><li>Night differential</li></ul>" in html
    # The description, from Markdown.
    assert "<p>We <strong>value</strong> patient people.</p>" in html
    assert "<li>Paid training</li>" in html
    # Posted: how long ago, with the exact moment on hover; and the open-until date.
    # The machine-readable moments in whole seconds: HTML allows at most three digits of a fraction.
    posted, expires = posting.published_at, posting.expires_at
    posted_at, expires_at = (moment.isoformat(timespec="seconds") for moment in (posted, expires))
    assert (
        f'<dt>Posted</dt><dd><time datetime="{posted_at}" title="{format_date(posted, "j F Y, H:i e")}">'
        "3\N{NO-BREAK SPACE}days ago</time>, "
        f'open until <time datetime="{expires_at}">{format_date(expires, "j M Y")}</time></dd>'
    ) in html
    # How to apply.
    apply = re.search(r'<section class="contact-box" id="apply">.*?</section>', html, re.S).group()
    assert "<h2>How to apply</h2>" in apply
    assert "Harbor CX" in apply
    assert f"Applications close on {format_date(expires, 'j M Y')}." in apply
    assert '<meta name="robots"' not in html
    assert "This job is no longer open." not in html


@pytest.mark.parametrize(
    ("fields", "pay", "experience"),
    [
        (
            {"salary_min": Decimal("30000"), "salary_currency": "PHP", "min_experience_years": 0},
            "PHP 30,000 per month",
            "Entry level: no experience needed",
        ),
        (
            {
                "salary_max": Decimal("18.50"),
                "salary_currency": "USD",
                "salary_period": "hour",
                "min_experience_years": 1,
            },
            "USD up to 19 per hour",
            "At least 1 year",
        ),
        (
            {
                "salary_min": Decimal("40000"),
                "salary_max": Decimal("40000"),
                "salary_currency": "GBP",
                "salary_period": "year",
            },
            "GBP 40,000 per year",
            "Entry level: no experience needed",
        ),
        ({"min_experience_years": 5}, "Not stated", "At least 5 years"),
    ],
)
def test_posting_page_states_pay_and_experience_in_words(client, fields, pay, experience):
    posting = make_job("Care Agent", **fields)

    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    assert f"<dt>Pay</dt><dd>{pay}</dd>" in html
    assert f"<dt>Experience</dt><dd>{experience}</dd>" in html


def test_posting_without_requirements_says_none_are_listed(client):
    posting = make_job("Store Helpline Agent", employer=EmployerFactory(name="Orbit Retail care team", website=""))

    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    assert '<li class="muted">None listed</li>' in html
    assert "<dt>Languages</dt><dd>None listed</dd>" in html
    assert "Typing speed" not in html
    assert "Certifications" not in html
    assert "Benefits" not in html
    assert 'id="apply"' in html


@pytest.mark.parametrize("vendor_factory", [None, PendingVendorFactory])
def test_posting_page_links_the_employer_only_to_a_published_vendor_profile(client, vendor_factory):
    if vendor_factory is None:
        employer = EmployerFactory(name="Acme Retail care team")
    else:
        employer = BpoEmployerFactory(name="Quiet Bay BPO", vendor=vendor_factory(name="Quiet Bay BPO"))
    posting = make_job("Returns Desk Agent", employer=employer)

    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    lead = re.search(r'<p class="lead">.*?</p>', html, re.S).group()
    assert employer.name in lead
    assert "<a " not in lead
    assert not re.search(r'href="/vendors/(?!shortlist/)[^"]+/"', html)


@pytest.mark.parametrize("status", NEVER_PUBLISHED)
def test_posting_never_published_is_not_found(client, status):
    posting = NEVER_PUBLISHED[status](title="Secret Agent")

    assert client.get(f"/jobs/{posting.slug}/").status_code == 404


def test_unknown_posting_is_not_found(client):
    assert client.get("/jobs/no-such-posting/").status_code == 404


@pytest.mark.parametrize("status", NO_LONGER_OPEN)
def test_posting_no_longer_open_still_answers_says_so_and_offers_similar_open_jobs(client, status):
    employer = EmployerFactory(name="Northwind Services", website="")
    posting = NO_LONGER_OPEN[status]("Old Zendesk Agent", skills=["zendesk"], employer=employer)
    make_job("Fresh Zendesk Agent", skills=["zendesk", "typing"], country="MX", account_type="non_voice")

    response = get(client, f"/jobs/{posting.slug}/")

    html = response.content.decode()
    banner = re.search(r'<div class="closed-banner" role="status">.*?</div>', html, re.S).group()
    assert "<strong>This job is no longer open.</strong>" in banner
    assert ("The employer closed it" if status == "closed" else "It expired") in banner
    assert '<a href="#similar">See similar open jobs</a>' in banner
    assert '<meta name="robots" content="noindex">' in html
    assert "application/ld+json" not in html
    assert "json_ld" not in response.context
    assert 'id="apply"' not in html
    assert "Applications close" not in html
    assert "open until" not in html
    assert "<title>Old Zendesk Agent at Northwind Services, Manila (no longer open) · BPO Portal</title>" in html
    similar = section(html, "similar")
    assert '<a href="/jobs/fresh-zendesk-agent/">Fresh Zendesk Agent</a>' in similar
    assert "Old Zendesk Agent" not in similar


def test_similar_open_jobs_share_skills_most_shared_first_and_are_all_open(client):
    posting = make_job("Zendesk Salesforce Agent", skills=["zendesk", "salesforce"], country="PH", account_type="voice")
    make_job("Shares Two", skills=["zendesk", "salesforce", "typing"], country="IN", account_type="blended", days_ago=9)
    make_job("Shares One", skills=["salesforce"], country="IN", account_type="blended", days_ago=2)
    make_job("Shares Nothing", skills=["collections"], country="US", account_type="blended")
    for status, make in NO_LONGER_OPEN.items():
        make(f"Shares Two But {status}", skills=["zendesk", "salesforce"], country="IN", account_type="blended")
    make_job("Shares Two But Draft", factory=JobPostingFactory, skills=["zendesk", "salesforce"])

    response = get(client, f"/jobs/{posting.slug}/")

    assert [job.title for job in response.context["similar_jobs"]] == ["Shares Two", "Shares One"]
    similar = section(response.content.decode(), "similar")
    assert re.findall(r'<a href="/jobs/[^"]+/">([^<]+)</a>', similar) == ["Shares Two", "Shares One"]
    assert ">Shares Two</a> · Northwind Services · Manila, India · On-site</li>" in similar


def test_similar_jobs_are_ranked_on_their_keys_and_only_the_chosen_few_are_read_whole():
    """Ranked with every column, the sort of a thousand candidates carried each description and search vector
    and spilled to disk at a million postings (bench/README.md)."""
    posting = make_job("Zendesk Agent", skills=["zendesk", "salesforce"], country="PH", account_type="voice")
    similar = JobPosting.objects.similar_to(posting)
    assert not similar.query.is_sliced  # the whole rows: only those the ranking chose
    (ranking,) = [condition.rhs for condition in similar.query.where.children if condition.lookup_name == "in"]
    assert ranking.is_sliced and ranking.high_mark == 5
    assert [column.target.name for column in ranking.select] == ["id"]  # the ranking reads keys alone


def test_similar_jobs_are_weighed_among_the_newest_postings_of_each_skill_so_a_page_costs_the_same_at_any_size(
    client, monkeypatch
):
    """At a million postings a skill is asked by hundreds of thousands: only the newest few per skill are weighed
    (SIMILAR_CANDIDATES), newest meaning last created. An older posting sharing both skills loses its place to
    newer ones sharing one; with a wider window it is found first again."""
    posting = make_job("Zendesk Salesforce Agent", skills=["zendesk", "salesforce"], country="PH", account_type="voice")
    make_job("Old Shares Two", skills=["zendesk", "salesforce"], country="IN", account_type="blended", days_ago=20)
    for i in range(3):
        make_job(f"New Shares One {i}", skills=["zendesk"], country="IN", account_type="blended", days_ago=1)
        make_job(f"New Other {i}", skills=["salesforce"], country="IN", account_type="blended", days_ago=1)

    monkeypatch.setattr("jobs.querysets.SIMILAR_CANDIDATES", 2)
    narrow = [job.title for job in get(client, f"/jobs/{posting.slug}/").context["similar_jobs"]]
    monkeypatch.setattr("jobs.querysets.SIMILAR_CANDIDATES", 300)
    wide = [job.title for job in get(client, f"/jobs/{posting.slug}/").context["similar_jobs"]]

    assert "Old Shares Two" not in narrow
    assert len(narrow) == 4  # the two newest of each skill
    assert wide[0] == "Old Shares Two"


def test_posting_without_similar_open_jobs_points_to_the_list(client):
    posting = make_job("Lonely Agent", skills=["medical-terminology"], country="JM", account_type="blended")
    make_job("Unrelated Agent", skills=["collections"], country="US", account_type="voice")

    html = get(client, f"/jobs/{posting.slug}/").content.decode()

    similar = section(html, "similar")
    assert "No similar open jobs right now." in similar
    assert '<a href="/jobs/">Browse every open job</a>' in similar
    assert "Unrelated Agent" not in similar


# --- Landing pages ----------------------------------------------------------------------------------------------


@pytest.fixture
def landing_jobs(db):
    harbor = BpoEmployerFactory(
        name="Harbor CX",
        slug="harbor-cx",
        vendor=PublishedVendorFactory(name="Harbor CX", slug="harbor-cx-vendor"),
        description="Contact centers in Manila and Cebu.",
    )
    orbit = EmployerFactory(name="Orbit Retail", slug="orbit-retail", description="")
    lumen = EmployerFactory(name="Lumen Bank", slug="lumen-bank")
    make_job("Manila Voice Agent", employer=harbor, city="Manila", skills=["zendesk"], days_ago=1)
    make_job(
        "Cebu Chat Agent",
        employer=orbit,
        city="Cebu City",
        work_arrangement="remote",
        skills=["zendesk", "salesforce"],
        days_ago=2,
    )
    make_job(
        "Pune Email Agent",
        employer=lumen,
        city="Pune",
        country="IN",
        work_arrangement="remote",
        skills=["salesforce"],
        days_ago=3,
    )
    closed_posting("Closed Remote Zendesk Agent", employer=harbor, work_arrangement="remote", skills=["zendesk"])
    expired_posting("Expired Remote Zendesk Agent", employer=orbit, work_arrangement="remote", skills=["zendesk"])


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/jobs/remote/", ["Cebu Chat Agent", "Pune Email Agent"]),
        ("/jobs/remote/?country=IN", ["Pune Email Agent"]),
        ("/jobs/remote/?skill=zendesk", ["Cebu Chat Agent"]),
        ("/jobs/countries/ph/", ["Manila Voice Agent", "Cebu Chat Agent"]),
        ("/jobs/countries/ph/?work_arrangement=remote", ["Cebu Chat Agent"]),
        ("/jobs/countries/in/", ["Pune Email Agent"]),
        ("/jobs/countries/jm/", []),
        ("/jobs/skills/zendesk/", ["Manila Voice Agent", "Cebu Chat Agent"]),
        ("/jobs/skills/zendesk/?skill=salesforce", ["Cebu Chat Agent"]),  # skills combine with AND
        ("/jobs/skills/salesforce/?ordering=posted_at", ["Pune Email Agent", "Cebu Chat Agent"]),
        ("/jobs/employers/harbor-cx/", ["Manila Voice Agent"]),
        ("/jobs/employers/orbit-retail/", ["Cebu Chat Agent"]),
    ],
)
def test_landing_pages_list_the_open_postings_of_their_subject(client, landing_jobs, url, expected):
    response = get(client, url)

    assert titles(response) == expected
    assert response.context["notices"] == []


def test_country_page_has_one_address_whatever_the_case_typed(client, landing_jobs):
    response = client.get("/jobs/countries/PH/?work_arrangement=remote")

    assert response.status_code == 301
    assert response["Location"] == "/jobs/countries/ph/?work_arrangement=remote"
    assert titles(get(client, response["Location"])) == ["Cebu Chat Agent"]


@pytest.mark.parametrize(
    "url",
    [
        "/jobs/countries/xx/",
        "/jobs/countries/XX/",
        "/jobs/countries/phl/",
        "/jobs/countries/1/",
        "/jobs/skills/no-such-skill/",
        "/jobs/employers/no-such-employer/",
    ],
)
def test_landing_page_of_an_unknown_subject_is_not_found(client, landing_jobs, url):
    assert client.get(url).status_code == 404


def test_remote_landing_page_fixes_the_arrangement(client, landing_jobs):
    response = get(client, "/jobs/remote/")

    html = response.content.decode()
    assert "<h1>Remote customer service jobs</h1>" in html
    assert '<p class="kicker">Work from home</p>' in html
    options = {option.value: option for option in response.context["facets"]["work_arrangement"].options}
    assert options["remote"].locked
    assert options["remote"].selected
    assert not options["onsite"].locked
    assert 'name="work_arrangement" value="remote" checked disabled' in html
    assert "Remote only" not in html  # the toggle makes no sense here
    assert "Remove filter Work arrangement" not in html  # a fixed filter has no chip
    assert '<a class="feed-link" href="/jobs/feed/?work_arrangement=remote"' in html
    assert '<form id="job-filters" class="filters" method="get" action="/jobs/remote/"' in html


def test_country_skill_and_employer_landing_pages_say_what_they_list(client, landing_jobs):
    country = get(client, "/jobs/countries/ph/")
    assert "<h1>Customer service jobs in Philippines</h1>" in country.content.decode()
    assert {o.value for o in country.context["facets"]["country"].options if o.locked} == {"PH"}

    skill = get(client, "/jobs/skills/zendesk/")
    html = skill.content.decode()
    assert "<h1>Jobs asking for Zendesk</h1>" in html
    assert '<p class="kicker">Technical skill</p>' in html
    assert {o.value for o in skill.context["facets"]["skill"].options if o.locked} == {"zendesk"}

    bpo = get(client, "/jobs/employers/harbor-cx/").content.decode()
    assert "<h1>Jobs at Harbor CX</h1>" in bpo
    assert '<p class="kicker">BPO employer</p>' in bpo
    assert '<p class="lead">Contact centers in Manila and Cebu.</p>' in bpo
    assert '<a href="/vendors/harbor-cx-vendor/">Harbor CX\'s profile in the vendor directory</a>' in bpo

    in_house = get(client, "/jobs/employers/orbit-retail/").content.decode()
    assert "<h1>Jobs at Orbit Retail</h1>" in in_house
    assert '<p class="kicker">In-house team</p>' in in_house
    assert "profile in the vendor directory" not in in_house


def test_employer_landing_page_does_not_link_an_unpublished_vendor(client):
    employer = BpoEmployerFactory(name="Quiet Bay BPO", slug="quiet-bay", vendor=PendingVendorFactory())
    make_job("Quiet Bay Agent", employer=employer)

    response = get(client, "/jobs/employers/quiet-bay/")

    assert titles(response) == ["Quiet Bay Agent"]
    assert "profile in the vendor directory" not in response.content.decode()


def test_landing_page_with_an_unusable_query_string_still_answers_with_notices(client, landing_jobs):
    response = get(client, "/jobs/skills/zendesk/?page=abc&posted_within=0&country=ZZ")

    assert titles(response) == ["Manila Voice Agent", "Cebu Chat Agent"]
    assert len(response.context["notices"]) == 3


# --- htmx partial updates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/jobs/?work_arrangement=remote", ["Cebu Chat Agent", "Pune Email Agent"]),
        ("/jobs/countries/ph/?work_arrangement=remote", ["Cebu Chat Agent"]),
    ],
)
def test_htmx_request_gets_only_the_results_partial(client, landing_jobs, url, expected):
    full = get(client, url)
    partial = get(client, url, HX_Request="true")

    html = partial.content.decode()
    assert html.lstrip().startswith('<form id="job-filters"')
    assert "<html" not in html
    assert "<title>" not in html
    assert '<div id="browser"' not in html  # htmx swaps the partial into it
    assert '<ul class="job-list" data-hx-boost="false">' in html
    assert "Cebu Chat Agent" in html
    assert titles(partial) == titles(full) == expected
    assert "HX-Request" in partial.headers["Vary"]
    assert "HX-Request" in full.headers["Vary"]
    assert full.content.decode().startswith("<!doctype html>")


def test_htmx_history_restore_gets_the_full_page(client, landing_jobs):
    response = get(client, "/jobs/?work_arrangement=remote", HX_Request="true", HX_History_Restore_Request="true")

    html = response.content.decode()
    assert html.startswith("<!doctype html>")
    assert "<title>Customer service (CSR) jobs · BPO Portal</title>" in html
    assert "Cebu Chat Agent" in html


# --- SEO tags ---------------------------------------------------------------------------------------------------


def seo_tags(html: str) -> tuple[str, str, str]:
    """The page's (title, meta description, canonical URL); each must appear exactly once."""
    found = (
        re.findall(r"<title>(.*?)</title>", html, re.S),
        re.findall(r'<meta name="description" content="([^"]*)">', html),
        re.findall(r'<link rel="canonical" href="([^"]*)">', html),
    )
    assert all(len(values) == 1 for values in found), found
    return tuple(values[0] for values in found)


LIST_DESCRIPTION = (
    "{n} open customer service jobs: voice and non-voice, remote and on-site, day and night shifts, "
    "with salary, skills and languages on every posting."
)


@pytest.mark.parametrize(
    ("url", "title", "description", "canonical"),
    [
        ("/jobs/", "Customer service (CSR) jobs", LIST_DESCRIPTION.format(n=3), "/jobs/"),
        # Filtered and sorted views are not indexed: their canonical URL is the list's.
        ("/jobs/?country=PH&ordering=posted_at", "Customer service (CSR) jobs", LIST_DESCRIPTION.format(n=2), "/jobs/"),
        (
            "/jobs/?page_size=1&page=2",
            "Customer service (CSR) jobs, page 2",
            LIST_DESCRIPTION.format(n=3),
            "/jobs/?page=2",
        ),
        (
            "/jobs/remote/",
            "Remote customer service jobs",
            "CSR, chat, email and technical support jobs you can do from home. Most still ask for a quiet room, a "
            "wired connection and a minimum internet speed, and ma\N{HORIZONTAL ELLIPSIS}",
            "/jobs/remote/",
        ),
        (
            "/jobs/countries/ph/?skill=zendesk",
            "Customer service jobs in Philippines",
            "Open CSR, technical support and back-office jobs based in Philippines, and remote jobs open to people "
            "living there.",
            "/jobs/countries/ph/",
        ),
        (
            "/jobs/skills/zendesk/",
            "Jobs asking for Zendesk",
            "Open customer service jobs that list Zendesk as a required or preferred skill.",
            "/jobs/skills/zendesk/",
        ),
        (
            "/jobs/employers/harbor-cx/",
            "Jobs at Harbor CX",
            "Contact centers in Manila and Cebu.",
            "/jobs/employers/harbor-cx/",
        ),
        (
            "/jobs/employers/orbit-retail/",
            "Jobs at Orbit Retail",
            "Jobs at Orbit Retail",
            "/jobs/employers/orbit-retail/",
        ),
        (
            "/jobs/cebu-chat-agent/",
            "Cebu Chat Agent at Orbit Retail, Cebu City",
            "Cebu Chat Agent at Orbit Retail: remote in Cebu City, Philippines, day shift, voice.",
            "/jobs/cebu-chat-agent/",
        ),
        (
            "/jobs/closed-remote-zendesk-agent/",
            "Closed Remote Zendesk Agent at Harbor CX, Manila (no longer open)",
            "Closed Remote Zendesk Agent at Harbor CX: remote in Manila, Philippines, day shift, voice.",
            "/jobs/closed-remote-zendesk-agent/",
        ),
    ],
)
def test_every_page_has_a_title_a_description_and_a_canonical_url(
    client, landing_jobs, url, title, description, canonical
):
    html = get(client, url).content.decode()

    assert seo_tags(html) == (f"{title} · BPO Portal", description, f"http://testserver{canonical}")


def test_posting_page_description_states_the_top_of_the_pay(client, night_desk_agent):
    html = get(client, f"/jobs/{night_desk_agent.slug}/").content.decode()

    assert seo_tags(html) == (
        "Night Desk Agent at Harbor CX, Manila · BPO Portal",
        "Night Desk Agent at Harbor CX: hybrid in Manila, Philippines, night (graveyard) shift, "
        "blended (voice and non-voice), up to PHP 28,000 per month.",
        "http://testserver/jobs/night-desk-agent/",
    )


# --- Queries ----------------------------------------------------------------------------------------------------


def zendesk_postings(n: int) -> None:
    """`n` open remote Philippine postings asking for Zendesk and English, from a BPO and an in-house employer."""
    employers = [BpoEmployerFactory(), EmployerFactory()]
    now = timezone.now()
    postings = JobPosting.objects.bulk_create(
        JobPosting(
            title=f"Bulk Zendesk Agent {i:03}",
            slug=f"bulk-zendesk-agent-{i:03}",
            employer=employers[i % 2],
            description="Bulk.",
            country="PH",
            city="Manila",
            work_arrangement="remote",
            salary_min=Decimal(20000 + i),
            salary_max=Decimal(30000 + i),
            salary_currency="PHP",
            status=JobPosting.Status.PUBLISHED,
            published_at=now - timedelta(minutes=i + 1),
            expires_at=now + timedelta(days=30),
        )
        for i in range(n)
    )
    zendesk, typing = Skill.objects.get(slug="zendesk"), Skill.objects.get(slug="typing")
    english = Language.objects.get(code="en")
    JobSkillRequirement.objects.bulk_create(
        JobSkillRequirement(job_posting=posting, skill=skill) for posting in postings for skill in (zendesk, typing)
    )
    JobLanguageRequirement.objects.bulk_create(
        JobLanguageRequirement(job_posting=posting, language=english) for posting in postings
    )
    refresh_job_search_vectors(everything=True)  # bulk inserts send no signals (seed_demo does the same)


@pytest.mark.parametrize(
    "query",
    ["", "work_arrangement=remote&skill=zendesk&skill=typing&country=PH&language=en&q=zendesk&ordering=-salary_max"],
)
def test_list_runs_as_many_queries_for_100_postings_as_for_10(client, query):
    zendesk_postings(105)

    ten, ten_page = count_queries(client, f"/jobs/?{query}&page_size=10")
    hundred, hundred_page = count_queries(client, f"/jobs/?{query}&page_size=100")

    assert len(ten_page.context["job_postings"]) == 10
    assert len(hundred_page.context["job_postings"]) == 100
    assert hundred_page.content.decode().count('<li class="job-row">') == 100
    assert hundred == ten


def test_posting_page_runs_as_many_queries_for_many_requirements_as_for_one(client):
    few = make_job("Few Requirements Agent", skills=["zendesk"], languages=["en"])
    many = make_job(
        "Many Requirements Agent",
        skills=["zendesk", "salesforce", "typing", "crm"],
        preferred=["hubspot", "freshdesk"],
        languages=["en", "es", ("tl", "native"), "fr"],
        certifications=["hdi-csr", "ccxp-csia", "ccsp-ncsa"],
    )
    for i in range(4):
        make_job(f"Similar Agent {i}", skills=["zendesk", "salesforce"], employer=BpoEmployerFactory())

    few_queries, _ = count_queries(client, f"/jobs/{few.slug}/")
    many_queries, many_page = count_queries(client, f"/jobs/{many.slug}/")

    html = many_page.content.decode()
    assert html.count("<small>required</small>") == 4
    assert html.count("<small>preferred</small>") == 2
    assert len(many_page.context["similar_jobs"]) == 5
    assert many_queries == few_queries
