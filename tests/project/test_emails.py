"""The notification emails: every template set renders with what its service passes (a typo in a variable fails
here, not in someone's inbox), the HTML part escapes what users wrote while the text part shows it as typed,
subjects stay one line, and nothing is sent for a write that rolls back or fails because the mail server is down.
"""

import smtplib
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.mail import render_email, send_templated_after_commit
from demo.factories.accounts import CuratorFactory, SeekerFactory, VerifiedUserFactory
from demo.factories.directory import PendingVendorFactory, VendorMembershipFactory
from demo.factories.jobs import PendingJobPostingFactory
from directory.models import ClaimRequest, Employer, Inquiry, Invitation, Review, Vendor, VendorRevision
from directory.services.vendors import vendor_reject
from jobs.models import Application, JobPosting, SavedSearch
from jobs.services.alerts import alert_digest_send
from jobs.services.postings import job_posting_reject
from tests.helpers import make_job

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
USER_TEXT = "O'Brien & <Sons>"


class MissingVariable(str):
    """A `string_if_invalid` that fails the render instead of leaving a blank where a name was mistyped."""

    def __mod__(self, name):
        raise AssertionError(f"The template uses '{name}', which its context does not have")


@pytest.fixture
def strict_templates(settings):
    settings.TEMPLATES = [
        {**engine, "OPTIONS": {**engine.get("OPTIONS", {}), "string_if_invalid": MissingVariable("%s")}}
        for engine in settings.TEMPLATES
    ]


def contexts() -> dict[str, dict]:
    """What each service passes to its template set, built from unsaved rows (no database needed)."""
    employer = Employer(name=USER_TEXT, slug="obrien")
    posting = JobPosting(title="Chat Agent", slug="chat-agent", employer=employer, rejection_reason="Vague.")
    seeker = User(username="maria", first_name="Maria", last_name="Santos", email="maria@example.com")
    application = Application(job_posting=posting, applicant=seeker, stage=Application.Stage.INTERVIEW)
    vendor = Vendor(name=USER_TEXT, slug="harbor", rejection_reason="No website.")
    owner = User(username="olu", email="olu@harbor.example")  # no name: the username stands in
    inquiry = Inquiry(vendor=vendor, name="Ana", email="ana@shop.example", company="", seats=12, message="Hi")
    return {
        "jobs/email/application_received": {"application": application},
        "jobs/email/application_stage_changed": {"application": application},
        "jobs/email/job_posting_rejected": {"job_posting": posting},
        "jobs/email/alert_digest": {
            "saved_search": SavedSearch(user=seeker, query="shift=night&country=PH"),
            "postings": [posting],
            "unsubscribe_url": f"{settings.SITE_URL}/alerts/unsubscribe/signed-token/",
        },
        "directory/email/vendor_rejected": {"vendor": vendor},
        "directory/email/vendor_revision_approved": {"revision": VendorRevision(vendor=vendor, submitted_by=owner)},
        "directory/email/vendor_revision_rejected": {
            "revision": VendorRevision(vendor=vendor, submitted_by=owner, rejection_reason="Unverifiable.")
        },
        "directory/email/claim_request_approved": {"claim": ClaimRequest(vendor=vendor, user=owner)},
        "directory/email/claim_request_rejected": {
            "claim": ClaimRequest(vendor=vendor, user=owner, rejection_reason="No proof.")
        },
        "directory/email/membership_granted_owners": {
            "user": seeker,
            "organization": vendor,
            "role": "recruiter",
            "reason": USER_TEXT,
            "curator": "Cora Curator",
        },
        "directory/email/membership_granted_member": {"user": seeker, "organization": vendor, "role": "recruiter"},
        "directory/email/invitation": {
            "invitation": Invitation(vendor=vendor, email="new@harbor.example", invited_by=owner),
            "organization": vendor,
            "token": "signed-token",
        },
        "directory/email/inquiry_received": {"inquiry": inquiry},
        "directory/email/inquiry_confirm": {"inquiry": inquiry, "token": "signed-token"},
        "directory/email/review_rejected": {"review": Review(vendor=vendor, rejection_reason="Names a person.")},
    }


def test_every_template_set_on_disk_is_complete_and_tested_here():
    sets = {
        str(path.relative_to(TEMPLATES_DIR)).removesuffix("_subject.txt")
        for path in TEMPLATES_DIR.glob("*/email/*_subject.txt")
    }

    assert sets == set(contexts())
    for name in sets:
        for suffix in ("_subject.txt", ".txt", ".html"):
            assert (TEMPLATES_DIR / f"{name}{suffix}").is_file(), f"{name}{suffix}"


@pytest.mark.parametrize("template", list(contexts()))
def test_every_template_set_renders_without_a_missing_variable(strict_templates, template):
    subject, text, html = render_email(template, contexts()[template])

    assert subject and "\n" not in subject
    assert text.strip() and "&amp;" not in text and "&#x27;" not in text  # plain text, not escaped
    assert html.startswith("<!DOCTYPE html>") and "</html>" in html
    for link in (word for word in text.split() if word.startswith("http")):
        assert link.startswith(settings.SITE_URL)
        assert link.replace("&", "&amp;") in html  # the HTML part has the same absolute links


def test_the_html_part_escapes_what_users_wrote_and_the_text_part_shows_it_as_typed(
    db, django_capture_on_commit_callbacks
):
    employer_member = VerifiedUserFactory(email="hr@acme.example")
    posting = PendingJobPostingFactory(title="<script>alert(1)</script> Agent", created_by=employer_member)

    with django_capture_on_commit_callbacks(execute=True):
        job_posting_reject(job_posting=posting, actor=CuratorFactory(), reason="Fix <b>this</b> & that.")

    [message] = mail.outbox
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Agent" in html
    assert "Fix &lt;b&gt;this&lt;/b&gt; &amp; that." in html
    assert "“<script>alert(1)</script> Agent”" in message.body and "Fix <b>this</b> & that." in message.body
    assert message.subject == "Your job posting “<script>alert(1)</script> Agent” was not published"
    assert f"{settings.SITE_URL}/dashboard/" in message.body and f'href="{settings.SITE_URL}/dashboard/"' in html


def test_the_subject_is_one_line_when_a_title_has_line_breaks(db, django_capture_on_commit_callbacks):
    posting = PendingJobPostingFactory(title="Night\r\nShift\nLead", created_by=VerifiedUserFactory())

    with django_capture_on_commit_callbacks(execute=True):
        job_posting_reject(job_posting=posting, actor=CuratorFactory(), reason="Too vague.")

    assert mail.outbox[0].subject == "Your job posting “Night Shift Lead” was not published"


def test_nothing_is_sent_when_the_transaction_rolls_back(db, django_capture_on_commit_callbacks):
    vendor = PendingVendorFactory(name="Harbor Support")
    VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory(email="owner@harbor.example"))

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        vendor_reject(vendor=vendor, actor=CuratorFactory(), reason="No website.")
        send_templated_after_commit("directory/email/vendor_rejected", {"vendor": vendor}, ["other@example.com"])
        raise RuntimeError("something later in the same transaction fails")

    assert callbacks == [] and mail.outbox == []
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.PENDING


def test_a_mail_server_that_is_down_is_logged_and_the_write_stands(
    db, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    vendor = PendingVendorFactory(name="Harbor Support")
    VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory(email="owner@harbor.example"))

    with django_capture_on_commit_callbacks(execute=True):
        vendor_reject(vendor=vendor, actor=CuratorFactory(), reason="No website.")

    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.REJECTED
    assert "Mail not sent: 'Your listing Harbor Support was not published' to 1 recipient(s)" in caplog.text


def test_an_alert_digest_has_an_html_part_and_keeps_its_unsubscribe_headers(db):
    search = SavedSearch.objects.create(user=SeekerFactory(email="maria@example.com"), query="shift=night")
    SavedSearch.objects.filter(pk=search.pk).update(created_at=timezone.now() - timedelta(days=2))
    search.refresh_from_db()
    job = make_job("Night Agent", shift="night", days_ago=1)
    JobPosting.objects.filter(pk=job.pk).update(title="Night <em>Agent</em>")

    assert alert_digest_send(saved_search=search) == 1

    [message] = mail.outbox
    [(html, mimetype)] = message.alternatives
    assert message.subject == "1 new job for your saved search"
    assert f"- Night <em>Agent</em> at {job.employer.name}: {settings.SITE_URL}/jobs/night-agent/" in message.body
    assert mimetype == "text/html" and "Night &lt;em&gt;Agent&lt;/em&gt;" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith(f"{settings.SITE_URL}/alerts/unsubscribe/") and unsubscribe in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
