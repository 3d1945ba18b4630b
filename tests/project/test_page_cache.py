"""Whole public pages kept for visitors with no session (core/page_cache.py): asked again, a page costs no query;
whoever has a session, an account or credentials gets their own page; a taken-down vendor leaves the kept pages at
once; each visitor's forms carry their own CSRF token; the API's anonymous limit still counts."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from core.page_cache import CSRF_HOLE, NONCE_HOLE, VERSION_KEY
from demo.factories.jobs import PublishedJobPostingFactory
from directory.services.vendors import vendor_archive
from tests.helpers import make_vendor

pytestmark = pytest.mark.django_db

VENDORS = "/vendors/"


@pytest.fixture(autouse=True)
def _pages_kept(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def vendors():
    return [make_vendor("Harbor Contact"), make_vendor("Summit BPO")]


def test_a_page_asked_again_by_another_visitor_runs_no_query_and_is_the_same_page(vendors, django_assert_num_queries):
    first = Client().get(VENDORS)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = Client().get(VENDORS)
    assert again["X-Page-Cache"] == "hit"
    assert "Harbor Contact" in again.text and "Summit BPO" in again.text
    # The same page, apart from each visitor's own CSRF token and each answer's own nonce.
    assert impersonal(again.text) == impersonal(first.text)


def impersonal(text: str) -> str:
    return re.sub(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"', r"\1=", text)


def test_each_answer_from_the_kept_page_has_its_own_nonce_the_policy_allows(vendors):
    Client().get(VENDORS)
    nonces = []
    for _ in range(2):
        page = Client().get(VENDORS)
        nonce = re.search(r'<script [^>]*nonce="([^"]+)"', page.text).group(1)
        assert f"'nonce-{nonce}'" in page["Content-Security-Policy"]
        assert NONCE_HOLE not in page.text
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_a_query_string_an_api_format_or_an_htmx_request_is_a_page_of_its_own(vendors):
    Client().get(VENDORS)
    assert Client().get(VENDORS, {"q": "harbor"})["X-Page-Cache"] == "miss"
    assert Client().get(VENDORS, headers={"HX-Request": "true"})["X-Page-Cache"] == "miss"
    api = Client().get("/api/v1/vendors/", headers={"Accept": "application/json"})
    assert api["X-Page-Cache"] == "miss" and api["Content-Type"].startswith("application/json")
    again = Client().get("/api/v1/vendors/", headers={"Accept": "application/json"})
    assert again["X-Page-Cache"] == "hit" and again.json()["count"] == 2


def test_a_taken_down_vendor_leaves_every_kept_page_at_once(vendors, curator):
    detail = reverse("directory:vendor_detail", args=["harbor-contact"])
    assert "Harbor Contact" in Client().get(VENDORS).text
    assert Client().get(detail).status_code == 200
    assert Client().get("/api/v1/vendors/")["X-Page-Cache"] == "miss"

    vendor_archive(vendor=vendors[0], actor=curator)

    listed = Client().get(VENDORS)
    assert listed["X-Page-Cache"] == "miss" and "Harbor Contact" not in listed.text and "Summit BPO" in listed.text
    assert Client().get(detail).status_code == 404
    assert [row["slug"] for row in Client().get("/api/v1/vendors/").json()["results"]] == ["summit-bpo"]


def test_a_page_kept_after_the_cache_lost_its_version_is_not_answered_after_a_change(vendors, curator):
    """A lost version is replaced with a new one, never "none": a page kept before the loss cannot match it."""
    Client().get(VENDORS)
    cache.delete(VERSION_KEY)
    assert Client().get(VENDORS)["X-Page-Cache"] == "miss"
    vendor_archive(vendor=vendors[0], actor=curator)
    cache.delete(VERSION_KEY)
    assert "Harbor Contact" not in Client().get(VENDORS).text


def test_a_new_posting_shows_on_the_kept_job_list_at_once(hiring):
    employer, _, _ = hiring
    assert "Chat Support Agent" in Client().get("/jobs/").text
    PublishedJobPostingFactory(employer=employer, title="Collections Specialist")
    assert "Collections Specialist" in Client().get("/jobs/").text


def test_every_visitor_posts_the_kept_page_with_their_own_csrf_token(vendors):
    Client().get(VENDORS)
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(VENDORS)
        assert page["X-Page-Cache"] == "hit"
        assert CSRF_HOLE not in page.text
        token = page.text.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        assert visitor.cookies["csrftoken"].value
        added = visitor.post(
            reverse("directory:shortlist_update", args=["harbor-contact"]), {"csrfmiddlewaretoken": token}
        )
        assert added.status_code == 302
        tokens.append(visitor.cookies["csrftoken"].value)
    assert tokens[0] != tokens[1]


def test_a_visitor_with_a_shortlist_gets_their_own_page_and_others_the_kept_one(vendors):
    Client().get(VENDORS)
    visitor = Client()
    visitor.post(reverse("directory:shortlist_update", args=["harbor-contact"]))
    theirs = visitor.get(VENDORS)
    assert "X-Page-Cache" not in theirs and "✓ On shortlist" in theirs.text
    others = Client().get(VENDORS)
    assert others["X-Page-Cache"] == "hit" and "✓ On shortlist" not in others.text


def test_a_signed_in_user_and_an_api_token_are_never_answered_from_the_kept_pages(vendors, user, user_api):
    Client().get(VENDORS)
    Client().get("/api/v1/vendors/")
    signed_in = Client()
    signed_in.force_login(user)
    page = signed_in.get(VENDORS)
    assert "X-Page-Cache" not in page and "Log out" in page.text
    assert "X-Page-Cache" not in user_api.get("/api/v1/vendors/")


def test_an_api_answer_from_the_kept_pages_still_counts_against_the_anonymous_limit(vendors, settings):
    settings.API_THROTTLE_RATES = {**settings.API_THROTTLE_RATES, "anon": "3/minute", "user": "100/minute"}
    answers = [Client().get("/api/v1/vendors/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[1]["X-Page-Cache"] == "hit"
    assert Client(REMOTE_ADDR="10.9.9.9").get("/api/v1/vendors/")["X-Page-Cache"] == "hit"


def test_pages_are_not_kept_when_turned_off(vendors, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    Client().get(VENDORS)
    again = Client().get(VENDORS)
    assert "X-Page-Cache" not in again and "Harbor Contact" in again.text


def kept_entry(path):
    """The kept copy of `path` for a visitor with no session (the test client's headers)."""
    from django.test import RequestFactory

    from core.page_cache import _key

    key = _key(RequestFactory().get(path))
    return key, cache.get(key)


def test_a_page_past_its_freshness_is_answered_from_its_copy_while_another_request_renders_it(vendors):
    from directory.models import Vendor

    Client().get(VENDORS)
    key, (version, _, *rest) = kept_entry(VENDORS)
    cache.set(key, (version, 0, *rest))  # past its freshness
    Vendor.objects.filter(slug="harbor-contact").update(name="Harbor Renamed")  # no signal: as if by time alone
    cache.add(f"{key}:rendering", 1)  # another request is rendering it
    stale = Client().get(VENDORS)
    assert stale["X-Page-Cache"] == "hit" and "Harbor Contact" in stale.text
    cache.delete(f"{key}:rendering")
    renewed = Client().get(VENDORS)
    assert renewed["X-Page-Cache"] == "miss" and "Harbor Renamed" in renewed.text
    assert "Harbor Renamed" in Client().get(VENDORS).text


def test_a_request_for_a_page_being_rendered_for_the_first_time_waits_for_it(
    vendors, monkeypatch, django_assert_num_queries
):
    from core import page_cache

    Client().get(VENDORS)
    key, rendered = kept_entry(VENDORS)
    cache.delete(key)
    cache.add(f"{key}:rendering", 1)  # another request is rendering it...
    monkeypatch.setattr(page_cache.time, "sleep", lambda seconds: cache.set(key, rendered))  # ...and keeps it
    with django_assert_num_queries(0):
        waited = Client().get(VENDORS)
    assert waited["X-Page-Cache"] == "hit" and "Harbor Contact" in waited.text


def test_a_request_waiting_for_a_render_that_kept_nothing_renders_the_page_itself(vendors, monkeypatch):
    from core import page_cache

    key, _ = kept_entry(VENDORS)
    cache.add(f"{key}:rendering", 1)  # another request is rendering it, and fails
    monkeypatch.setattr(page_cache.time, "sleep", lambda seconds: cache.delete(f"{key}:rendering"))
    page = Client().get(VENDORS)
    assert page.status_code == 200 and "Harbor Contact" in page.text and page["X-Page-Cache"] == "miss"


def test_a_request_whose_client_hung_up_while_it_waited_is_not_run(vendors, django_assert_num_queries):
    import socket

    server_side, client_side = socket.socketpair()
    client_side.close()
    with django_assert_num_queries(0):
        gone = Client().get(VENDORS, **{"gunicorn.socket": server_side})
    assert gone.status_code == 499 and "X-Page-Cache" not in gone
    server_side.close()
    server_side, client_side = socket.socketpair()
    waiting = Client().get(VENDORS, **{"gunicorn.socket": server_side})
    assert waiting.status_code == 200 and "Harbor Contact" in waiting.text
    server_side.close()
    client_side.close()


def test_when_every_render_slot_is_taken_a_page_gets_its_older_copy_or_a_503_to_retry(vendors, settings):
    settings.PAGE_CACHE_RENDER_SLOTS = 1
    Client().get(VENDORS)
    key, (version, _, *rest) = kept_entry(VENDORS)
    cache.set(key, (version, 0, *rest))  # past its freshness
    cache.add("page-cache:slot:0", 1)  # another page is being rendered
    older = Client().get(VENDORS)
    assert older.status_code == 200 and older["X-Page-Cache"] == "hit" and "Harbor Contact" in older.text
    busy = Client().get(VENDORS, {"q": "harbor"})
    assert busy.status_code == 503 and busy["Retry-After"] and "try again" in busy.text
    assert Client().get("/api/v1/vendors/").json()["detail"].startswith("The site is very busy")
    cache.delete("page-cache:slot:0")
    assert Client().get(VENDORS, {"q": "harbor"}).status_code == 200
    assert cache.get("page-cache:slot:0") is None  # given back


def test_a_page_with_no_copy_waits_in_the_queue_for_a_busy_render_slot_and_is_rendered_once_it_is_free(
    vendors, settings, monkeypatch
):
    from core import page_cache

    settings.PAGE_CACHE_RENDER_SLOTS = 1
    settings.PAGE_CACHE_RENDER_QUEUE = 1
    cache.add("page-cache:slot:0", 1)  # another page is being rendered...
    places_held = []

    def other_render_ends(seconds):
        places_held.append(cache.get("page-cache:queue:0"))
        cache.delete("page-cache:slot:0")  # ...and is done

    monkeypatch.setattr(page_cache.time, "sleep", other_render_ends)
    page = Client().get(VENDORS)
    assert page.status_code == 200 and page["X-Page-Cache"] == "miss" and "Harbor Contact" in page.text
    assert places_held and places_held[0] is not None  # it waited in the queue
    assert cache.get("page-cache:queue:0") is None and cache.get("page-cache:slot:0") is None  # both given back


def test_a_page_with_no_copy_gets_a_503_when_the_queue_is_full_or_no_render_slot_comes_free_in_time(
    vendors, settings, monkeypatch
):
    from core import page_cache

    settings.PAGE_CACHE_RENDER_SLOTS = 1
    settings.PAGE_CACHE_RENDER_QUEUE = 1
    cache.add("page-cache:slot:0", 1)  # a page is being rendered, for longer than anyone waits
    cache.add("page-cache:queue:0", 1)  # and another request waits for the slot already
    full = Client().get(VENDORS)
    assert full.status_code == 503 and full["Retry-After"]
    cache.delete("page-cache:queue:0")
    monkeypatch.setattr(page_cache, "SLOT_WAIT_SECONDS", 0.1)
    late = Client().get(VENDORS)
    assert late.status_code == 503 and "try again" in late.text
    assert cache.get("page-cache:queue:0") is None  # its place given back
    cache.delete("page-cache:slot:0")
    assert Client().get(VENDORS).status_code == 200


def test_while_a_request_waits_in_the_queue_a_new_page_does_not_take_the_free_slot_before_it(vendors, settings):
    settings.PAGE_CACHE_RENDER_SLOTS = 1
    settings.PAGE_CACHE_RENDER_QUEUE = 1
    cache.add("page-cache:queue:0", 1)  # a request waits for the slot, which is just coming free
    behind = Client().get(VENDORS)
    assert behind.status_code == 503  # the queue's one place is taken: no jumping ahead of it
    assert cache.get("page-cache:slot:0") is None
    cache.delete("page-cache:queue:0")
    assert Client().get(VENDORS)["X-Page-Cache"] == "miss"


def test_a_request_for_a_page_whose_first_render_waits_for_a_slot_gets_a_503_at_once_rather_than_waiting_too(
    vendors, settings, monkeypatch
):
    from core import page_cache

    settings.PAGE_CACHE_RENDER_SLOTS = 1
    settings.PAGE_CACHE_RENDER_QUEUE = 1
    key, _ = kept_entry(VENDORS)
    cache.add("page-cache:slot:0", 1)  # another page is being rendered
    seen_by_another = []

    def another_request_meanwhile(seconds):
        if not seen_by_another:
            monkeypatch.setattr(page_cache.time, "sleep", lambda s: pytest.fail("a second request waited"))
            seen_by_another.append(Client().get(VENDORS))
            monkeypatch.setattr(page_cache.time, "sleep", another_request_meanwhile)
        cache.delete("page-cache:slot:0")  # the other page is done: this one's turn

    monkeypatch.setattr(page_cache.time, "sleep", another_request_meanwhile)
    first = Client().get(VENDORS)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    (meanwhile,) = seen_by_another
    assert meanwhile.status_code == 503 and meanwhile["Retry-After"]
    assert cache.get(f"{key}:rendering") is None  # the lock given back once rendered
    assert Client().get(VENDORS)["X-Page-Cache"] == "hit"


def test_while_a_first_render_waits_a_page_with_a_copy_is_answered_from_it_and_not_rendered_again(
    vendors, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_RENDER_SLOTS = 1
    settings.PAGE_CACHE_RENDER_QUEUE = 1
    Client().get(VENDORS)
    key, (version, _, *rest) = kept_entry(VENDORS)
    cache.set(key, (version, 0, *rest))  # past its freshness, and the slot is free
    cache.add("page-cache:queue:0", 1)  # but a request for a page with no copy waits for it
    with django_assert_num_queries(0):
        older = Client().get(VENDORS)
    assert older.status_code == 200 and older["X-Page-Cache"] == "hit" and "Harbor Contact" in older.text
    cache.delete("page-cache:queue:0")
    assert Client().get(VENDORS)["X-Page-Cache"] == "miss"


def test_a_file_answer_the_health_check_and_sign_in_are_not_kept_nor_held_back_by_a_busy_render(settings):
    settings.PAGE_CACHE_RENDER_SLOTS = 1
    cache.add("page-cache:slot:0", 1)  # a page is being rendered
    icon = Client().get("/favicon.ico")
    assert icon.status_code == 200 and icon.streaming
    health = Client().get("/healthz")
    assert health.status_code == 200 and "X-Page-Cache" not in health
    assert Client().get(reverse("account_login")).status_code == 200


def test_the_holes_depend_on_the_secret_key_so_no_visitor_can_name_one(settings):
    from django.utils.crypto import salted_hmac

    settings.SECRET_KEY = "another-secret-for-this-test-only"
    assert "csrf-" + salted_hmac("page-cache-hole", "csrf", algorithm="sha256").hexdigest()[:24] != CSRF_HOLE


def test_the_version_is_drawn_again_when_the_takedown_commits(vendors, curator, django_capture_on_commit_callbacks):
    """A page rendered from the old rows while the takedown's transaction was open is not answered after it."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        vendor_archive(vendor=vendors[0], actor=curator)
        during = cache.get(VERSION_KEY)
    assert callbacks
    for callback in callbacks:
        callback()
    assert cache.get(VERSION_KEY) != during


def test_an_expiry_run_and_a_rating_change_which_send_no_signal_draw_a_new_version(hiring, vendors):
    from datetime import timedelta

    from django.utils import timezone

    from directory.services.business import vendor_rating_refresh
    from jobs.models import JobPosting
    from jobs.services.postings import job_postings_expire_due

    _, _, posting = hiring
    JobPosting.objects.filter(pk=posting.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    Client().get(VENDORS)
    before = cache.get(VERSION_KEY)
    assert job_postings_expire_due() == 1
    assert cache.get(VERSION_KEY) != before
    before = cache.get(VERSION_KEY)
    vendor_rating_refresh(vendors[0])
    assert cache.get(VERSION_KEY) != before


def test_a_change_to_a_private_models_relations_keeps_the_pages():
    from django.db.models.signals import m2m_changed

    from core.page_cache import public_pages_changed

    def watched(label, field):
        return public_pages_changed in m2m_changed._live_receivers(sender=_through(label, field))[0]

    assert watched("directory.Vendor", "services")
    assert not watched("directory.Inquiry", "services")


def _through(label, field):
    from django.apps import apps

    return apps.get_model(label)._meta.get_field(field).remote_field.through


def test_a_page_that_asked_for_the_visitors_csrf_token_itself_is_not_kept(vendors, monkeypatch):
    """A token written into the page other than through the hole would be one visitor's token shown to all."""
    from django.middleware.csrf import get_token

    from directory.views import public

    original = public.VendorListView.get_context_data

    def with_token(view, **kwargs):
        return {**original(view, **kwargs), "token_for_a_script": get_token(view.request)}

    monkeypatch.setattr(public.VendorListView, "get_context_data", with_token)
    assert "X-Page-Cache" not in Client().get(VENDORS)
    assert "X-Page-Cache" not in Client().get(VENDORS)


def test_a_new_posting_is_in_the_kept_pages_counts_once_its_summary_counts_it_and_a_quiet_count_keeps_them(
    hiring, settings, django_capture_on_commit_callbacks
):
    """The kept facet counts follow the summary, not the pages' PAGE_CACHE_SECONDS: a summary counted again after
    the public content changed draws a new version; one counted with nothing changed since draws none."""
    from jobs.services.facets import job_facet_summary, job_facet_summary_refresh

    settings.FACETS_SUMMARY_REFRESH = "inline"
    settings.PAGE_CACHE_SECONDS = 300

    def count_summary():
        with django_capture_on_commit_callbacks(execute=True):
            job_facet_summary_refresh()

    def remote():
        answer = Client().get("/api/v1/jobs/facets/")
        counts = {option["value"]: option["count"] for option in answer.json()["work_arrangement"]}
        return answer["X-Page-Cache"], counts.get("remote", 0)

    before = int(hiring[2].work_arrangement == "remote")  # the fixture's posting is of any arrangement
    count_summary()
    assert remote() == ("miss", before)
    count_summary()  # nothing changed since the last count
    assert remote() == ("hit", before)

    PublishedJobPostingFactory(employer=hiring[0], work_arrangement="remote")
    # The save drew a new version: rendered again, from the summary counted before it.
    assert remote() == ("miss", before)
    assert remote() == ("hit", before)
    count_summary()  # counts the new posting, and the kept pages follow
    assert remote() == ("miss", before + 1)
    count_summary()
    assert remote() == ("hit", before + 1)
    job_facet_summary.forget()


def test_a_change_made_while_a_summary_counted_draws_a_new_version_again_at_its_next_count(settings):
    """The count may have read the rows before that change: the pages are drawn again once the next count has it."""
    from core.page_cache import content_version, public_pages_changed, summary_counted

    settings.PAGE_CACHE_SECONDS = 300
    summary_counted("jobs:facet-summary", content_version())  # the first count
    public_pages_changed()
    began = content_version()
    public_pages_changed()  # while the next count runs
    before = cache.get(VERSION_KEY)
    summary_counted("jobs:facet-summary", began)
    assert cache.get(VERSION_KEY) != before  # the change it began after

    before = cache.get(VERSION_KEY)
    summary_counted("jobs:facet-summary", content_version())  # it may have missed the one during it: drawn again
    assert cache.get(VERSION_KEY) != before
    before = cache.get(VERSION_KEY)
    summary_counted("jobs:facet-summary", content_version())  # nothing changed since: the pages stay
    assert cache.get(VERSION_KEY) == before


def test_summaries_counted_in_turn_after_one_change_draw_once_each_then_never_again(settings):
    """One summary's draw is not a change to the others: six summaries counting every half minute do not throw the
    kept pages away for ever after one new posting."""
    from core.page_cache import content_version, public_pages_changed, summary_counted

    settings.PAGE_CACHE_SECONDS = 300
    names = ["jobs:facet-summary", "directory:facet-index", "insights:pay-ledger"]
    for name in names:
        summary_counted(name, content_version())
    public_pages_changed()
    drawn = []
    for _ in range(3):
        for name in names:
            before = cache.get(VERSION_KEY)
            summary_counted(name, content_version())
            drawn.append(cache.get(VERSION_KEY) != before)
    assert drawn == [True] * len(names) + [False] * 2 * len(names)


def test_a_change_made_after_the_cache_was_emptied_is_drawn_for_by_the_first_count(settings):
    from core.page_cache import content_version, public_pages_changed, summary_counted

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    summary_counted("jobs:facet-summary", content_version())  # nothing changed since: nothing to draw
    assert cache.get(VERSION_KEY) is None
    cache.clear()
    public_pages_changed()
    before = cache.get(VERSION_KEY)
    summary_counted("jobs:facet-summary", content_version())
    assert cache.get(VERSION_KEY) != before
