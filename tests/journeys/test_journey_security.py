"""A security and correctness review of the journeys (applications, inquiries, reviews, organizations), as tests.

Two kinds of tests live here. Most pin down guarantees the journeys must keep: who sees and changes what,
CSRF and POST on every state-changing page, private fields (employer notes, resume paths, senders' emails,
moderation notes) never shown to the wrong person, signed tokens that do not cross purposes, nothing
half-saved and no email before the commit. The others, marked "BUG" in their docstring, show a problem the
review found; they fail until the code is fixed (some only on PostgreSQL, which refuses NUL bytes).
"""

import time
import uuid

import pytest
from django.core import mail, signing
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from demo.factories.accounts import SeekerFactory, UserFactory, VerifiedUserFactory
from demo.factories.directory import (
    EmployerFactory,
    EmployerMembershipFactory,
    PublishedVendorFactory,
    VendorMembershipFactory,
)
from directory.models import ClaimRequest, Inquiry, Invitation, Membership, Review, VendorRevision
from directory.services.business import inquiry_create, review_approve, review_reject
from directory.services.organizations import (
    claim_request_create,
    invitation_create,
    vendor_propose_changes,
)
from jobs.models import Application, SavedJob, SeekerProfile
from jobs.services.applications import application_move, application_submit
from jobs.services.postings import job_posting_update
from tests.helpers import client_for, pdf, run_action

# Throttle rates no journey reaches; the login throttle's test sets its own.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_api_rates")]

NUL = "x\u0000y"


@pytest.fixture
def applied(hiring, django_capture_on_commit_callbacks):
    """A seeker's application to the hiring posting, with a private employer note: (application, seeker)."""
    _, member, posting = hiring
    seeker = SeekerFactory(username="maria", email="maria@seeker.example")
    application = application_submit(job_posting=posting, applicant=seeker, cover_note="Hire me", resume=pdf())
    with django_capture_on_commit_callbacks(execute=True):
        application_move(application=application, actor=member, stage="screening", note="PRIVATE-NOTE-7431")
    mail.outbox.clear()
    application.refresh_from_db()
    return application, seeker


@pytest.fixture
def harbor():
    """A published vendor with one verified owner: (vendor, owner)."""
    vendor = PublishedVendorFactory(name="Harbor Support", slug="harbor-support")
    owner = VerifiedUserFactory(username="harbor-owner", email="owner@harbor.example")
    VendorMembershipFactory(vendor=vendor, user=owner)
    return vendor, owner


def inquiry_body(**overrides) -> dict:
    return {
        "name": "Ana Buyer",
        "email": "buyer@shop.example",
        "company": "Shop Inc",
        "seats": 25,
        "budget": "5k_20k",
        "message": "We need chat support in English and Spanish.",
    } | overrides


def sent_inquiry(vendor, sender, **fields) -> Inquiry:
    inquiry, _ = inquiry_create(
        vendor=vendor,
        sender=sender,
        fields=inquiry_body(email=sender.email, **fields),
        submission_key=uuid.uuid4(),
        client="192.0.2.1",
    )
    assert inquiry.status == Inquiry.Status.SENT
    return inquiry


def approved_review(vendor, author, curator, overall=5, text="Great partner.") -> Review:
    sent_inquiry(vendor, author)
    review = Review.objects.create(
        vendor=vendor,
        author=author,
        overall=overall,
        quality=overall,
        communication=overall,
        value=overall,
        reliability=overall,
        text=text,
    )
    return review_approve(review=review, actor=curator)


def token_from_last_mail(marker: str) -> str:
    return mail.outbox[-1].body.split(marker)[1].split("/")[0]


# --- Pages: POST only, and CSRF everywhere ----------------------------------------------------------------


@pytest.fixture
def world(hiring, applied, harbor, curator):
    """One of everything a state-changing page acts on."""
    _, member, posting = hiring
    application, seeker = applied
    vendor, owner = harbor
    buyer = VerifiedUserFactory(username="buyer", email="buyer@shop.example", kind="business")
    review = approved_review(vendor, buyer, curator)
    return {
        "member": member,
        "posting": posting,
        "application": application,
        "seeker": seeker,
        "vendor": vendor,
        "owner": owner,
        "buyer": buyer,
        "review": review,
    }


POST_ONLY = [
    ("member", "/dashboard/applications/{application.pk}/stage/"),
    ("member", "/dashboard/jobs/{posting.slug}/close/"),
    ("member", "/dashboard/preview/"),
    ("owner", "/dashboard/reviews/{review.pk}/reply/"),
    ("owner", "/dashboard/invite/"),
    ("seeker", "/jobs/{posting.slug}/save/"),
]


def test_state_changing_pages_refuse_get(client, world):
    for who, template in POST_ONLY:
        client.force_login(world[who])
        response = client.get(template.format(**world))
        assert response.status_code == 405, template


def test_every_state_changing_page_needs_the_csrf_token(world):
    """A forged cross-site POST is refused before any view code runs, signed in or not."""
    strict = Client(enforce_csrf_checks=True)
    pages = [
        *POST_ONLY,
        ("member", "/dashboard/jobs/new/"),
        ("member", "/dashboard/jobs/{posting.slug}/edit/"),
        ("owner", "/dashboard/vendors/{vendor.slug}/edit/"),
        ("seeker", "/jobs/{posting.slug}/apply/"),
        ("seeker", "/me/profile/"),
        ("buyer", "/vendors/{vendor.slug}/contact/"),
        ("buyer", "/vendors/{vendor.slug}/review/"),
        ("buyer", "/vendors/{vendor.slug}/claim/"),
        (None, "/vendors/{vendor.slug}/contact/"),
    ]
    before = (Application.objects.get().stage, Invitation.objects.count(), Inquiry.objects.count())
    for who, template in pages:
        strict.logout()
        if who:
            strict.force_login(world[who])
        response = strict.post(
            template.format(**world),
            {
                f"a{world['application'].pk}-stage": "hired",
                "email": "x@example.com",
                "organization": f"vendor:{world['vendor'].slug}",
                "role": "owner",
                "reply": "Thanks",
                "message": "Forged",
                "name": "Forged",
                "seats": "3",
                "submission_key": str(uuid.uuid4()),
            },
        )
        assert response.status_code == 403, template
    world["review"].refresh_from_db()
    assert world["review"].reply == ""
    assert (Application.objects.get().stage, Invitation.objects.count(), Inquiry.objects.count()) == before
    assert not SavedJob.objects.exists()


def test_api_writes_with_a_session_need_the_csrf_token_but_token_clients_do_not(applied, hiring):
    application, _ = applied
    _, member, _ = hiring
    url = f"/api/v1/applications/{application.pk}/"
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(member)

    forged = session.patch(url, {"stage": "hired"}, format="json")
    with_token = client_for(member).patch(url, {"stage": "interview"}, format="json")

    assert forged.status_code == 403
    assert with_token.status_code == 200
    application.refresh_from_db()
    assert application.stage == "interview"


# --- Private fields -------------------------------------------------------------------------------------


def test_the_candidate_never_sees_the_employers_note(client, applied):
    application, seeker = applied
    api = client_for(seeker)
    client.force_login(seeker)

    seen = [
        api.get("/api/v1/applications/").content.decode(),
        api.get(f"/api/v1/applications/{application.pk}/").content.decode(),
        client.get("/me/applications/").content.decode(),
        client.get("/dashboard/").content.decode(),
    ]

    assert all("PRIVATE-NOTE-7431" not in body for body in seen)
    assert "employer_note" not in seen[1]


def test_the_employers_members_see_their_note_and_nobody_else_does(client, applied, hiring):
    application, _ = applied
    _, member, posting = hiring
    rival = EmployerMembershipFactory(employer=EmployerFactory()).user

    assert client_for(member).get(f"/api/v1/applications/{application.pk}/").json()["employer_note"] == (
        "PRIVATE-NOTE-7431"
    )
    assert client_for(rival).get(f"/api/v1/applications/{application.pk}/").status_code == 404
    assert client_for(rival).get(f"/api/v1/applications/{application.pk}/resume/").status_code == 404
    client.force_login(rival)
    assert client.get(f"/dashboard/jobs/{posting.slug}/applications/").status_code == 404
    assert client.get(f"/applications/{application.pk}/resume/").status_code == 404


def test_no_response_reveals_where_a_resume_is_stored(client, applied, hiring):
    application, seeker = applied
    _, member, posting = hiring
    SeekerProfile.objects.create(user=seeker, resume=application.resume.name)
    stored = application.resume.name
    assert stored.startswith("resumes/")

    bodies = [
        client_for(seeker).get("/api/v1/applications/").content,
        client_for(seeker).get("/api/v1/me/profile/").content,
        client_for(member).get("/api/v1/applications/?received=true").content,
        client_for(member).get(f"/api/v1/applications/{application.pk}/").content,
    ]
    client.force_login(seeker)
    bodies.append(client.get("/me/applications/").content)
    client.force_login(member)
    bodies.append(client.get(f"/dashboard/jobs/{posting.slug}/applications/").content)
    download = client.get(f"/applications/{application.pk}/resume/")

    assert all(b"resumes/" not in body and stored.encode() not in body for body in bodies)
    assert stored.split("/")[-1] not in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_an_inquiry_reaches_only_its_vendor_and_only_once_confirmed(client, harbor):
    vendor, owner = harbor
    other_owner = VendorMembershipFactory(vendor=PublishedVendorFactory()).user
    buyer = VerifiedUserFactory(email="buyer@shop.example")
    sent_inquiry(vendor, buyer)
    inquiry_create(
        vendor=vendor,
        sender=None,
        fields=inquiry_body(email="anon@elsewhere.example", message="UNCONFIRMED-MESSAGE"),
        submission_key=uuid.uuid4(),
        client="192.0.2.1",
    )

    assert client_for(other_owner).get("/api/v1/inquiries/?received=true").json()["results"] == []
    received = client_for(owner).get("/api/v1/inquiries/?received=true").json()["results"]
    assert [row["email"] for row in received] == ["buyer@shop.example"]
    client.force_login(other_owner)
    assert "buyer@shop.example" not in client.get("/dashboard/").content.decode()
    client.force_login(owner)
    dashboard = client.get("/dashboard/").content.decode()
    assert "buyer@shop.example" in dashboard
    assert "anon@elsewhere.example" not in dashboard and "UNCONFIRMED-MESSAGE" not in dashboard
    client.logout()
    public = client.get(vendor.get_absolute_url()).content.decode()
    assert "buyer@shop.example" not in public


def test_pending_and_rejected_reviews_and_the_curators_reasons_stay_private(client, harbor, curator):
    vendor, _ = harbor
    approved_review(vendor, VerifiedUserFactory(), curator, text="APPROVED-TEXT")
    author = VerifiedUserFactory()
    sent_inquiry(vendor, author)
    pending = Review.objects.create(
        vendor=vendor, author=author, overall=1, quality=1, communication=1, value=1, reliability=1, text="PENDING-TEXT"
    )
    rejected_author = VerifiedUserFactory()
    sent_inquiry(vendor, rejected_author)
    rejected = Review.objects.create(
        vendor=vendor,
        author=rejected_author,
        overall=1,
        quality=1,
        communication=1,
        value=1,
        reliability=1,
        text="REJECTED-TEXT",
    )
    review_reject(review=rejected, actor=curator, reason="REASON-FOR-CURATORS")

    page = client.get(vendor.get_absolute_url()).content.decode()
    api = APIClient().get(f"/api/v1/vendors/{vendor.slug}/reviews/").content.decode()

    for body in (page, api):
        assert "APPROVED-TEXT" in body
        assert "PENDING-TEXT" not in body and "REJECTED-TEXT" not in body and "REASON-FOR-CURATORS" not in body
    assert pending.author.email not in page + api
    assert "rejection_reason" not in api


def test_a_pending_profile_edit_is_seen_by_the_vendors_members_only(client, harbor):
    vendor, owner = harbor
    vendor_propose_changes(vendor=vendor, actor=owner, fields={"tagline": "PROPOSED-TAGLINE"})
    outsider = VendorMembershipFactory(vendor=PublishedVendorFactory()).user

    assert "PROPOSED-TAGLINE" not in client.get(vendor.get_absolute_url()).content.decode()
    assert "PROPOSED-TAGLINE" not in APIClient().get(f"/api/v1/vendors/{vendor.slug}/").content.decode()
    client.force_login(outsider)
    assert client.get(f"/dashboard/vendors/{vendor.slug}/edit/").status_code == 404
    refused = client_for(outsider).patch(f"/api/v1/vendors/{vendor.slug}/", {"tagline": "Mine"}, format="json")
    assert refused.status_code == 404
    assert VendorRevision.objects.get().changes["fields"] == {"tagline": "PROPOSED-TAGLINE"}


def test_the_pipeline_changes_only_the_stage_and_the_note(applied, hiring):
    application, seeker = applied
    _, member, _ = hiring
    other = SeekerFactory()

    response = client_for(member).patch(
        f"/api/v1/applications/{application.pk}/",
        {"stage": "interview", "cover_note": "FORGED", "applicant": other.pk, "resume": "resumes/x.pdf"},
        format="json",
    )
    own = client_for(seeker).patch(f"/api/v1/applications/{application.pk}/", {"stage": "hired"}, format="json")

    assert response.status_code == 200
    assert own.status_code == 404
    fresh = Application.objects.get(pk=application.pk)
    assert (fresh.stage, fresh.cover_note, fresh.applicant, fresh.resume.name) == (
        "interview",
        "Hire me",
        seeker,
        application.resume.name,
    )


# --- Redirects and tokens ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com"])
def test_signing_in_never_redirects_off_site(client, target):
    VerifiedUserFactory(username="careful")

    response = client.post(
        f"/accounts/login/?next={target}", {"login": "careful", "password": "correct horse battery staple"}
    )

    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]


def test_signed_links_do_not_cross_purposes_and_expire(client, harbor, monkeypatch, django_capture_on_commit_callbacks):
    vendor, owner = harbor
    colleague = VerifiedUserFactory(email="new@harbor.example")
    with django_capture_on_commit_callbacks(execute=True):
        inquiry_create(
            vendor=vendor,
            sender=None,
            fields=inquiry_body(email="anon@x.example"),
            submission_key=uuid.uuid4(),
            client="192.0.2.1",
        )
    inquiry_token = token_from_last_mail("/vendors/inquiries/confirm/")
    fifteen_days_ago = signing.b62_encode(int(time.time()) - 15 * 24 * 3600)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: fifteen_days_ago)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(organization=vendor, email=colleague.email, role="manager", actor=owner)
    expired_token = token_from_last_mail("/invitations/")
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(organization=vendor, email=colleague.email, role="manager", actor=owner)
    fresh_token = token_from_last_mail("/invitations/")
    client.force_login(colleague)

    tampered = f"{fresh_token[:-1]}{'A' if fresh_token[-1] != 'A' else 'B'}"
    api = client_for(colleague)

    # POST, which works whether or not the pages first show a confirmation button on GET.
    assert client.post(f"/invitations/{inquiry_token}/").status_code == 400
    assert client.post(f"/invitations/{expired_token}/").status_code == 400
    assert client.post(f"/invitations/{tampered}/").status_code == 400
    assert api.post("/api/v1/invitations/accept/", {"token": inquiry_token}, format="json").status_code == 400
    assert api.post("/api/v1/invitations/accept/", {"token": expired_token}, format="json").status_code == 400
    assert not Membership.objects.filter(user=colleague).exists()
    assert client.post(f"/vendors/inquiries/confirm/{fresh_token}/").status_code == 400
    assert Inquiry.objects.get().status == Inquiry.Status.UNCONFIRMED


# --- Nothing half-saved, no email before the commit ----------------------------------------------------------


def test_a_refused_profile_change_saves_none_of_it(client):
    seeker = SeekerFactory()
    SeekerProfile.objects.create(user=seeker, headline="Before")

    api = client_for(seeker).patch(
        "/api/v1/me/profile/",
        {"headline": "After", "skills": ["zendesk"], "languages": [{"code": "xx", "level": "B2"}]},
        format="json",
    )
    client.force_login(seeker)
    page = client.post(
        "/me/profile/",
        {
            "headline": "After",
            "experience_years": "2",
            "education_level": "high_school",
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-0-language": "999999",
            "languages-0-level": "B2",
        },
    )

    assert api.status_code == 400
    assert page.status_code == 200
    profile = SeekerProfile.objects.get(user=seeker)
    assert profile.headline == "Before"
    assert not profile.skills.exists()


def test_no_email_leaves_when_the_transaction_that_caused_it_rolls_back(
    hiring, harbor, curator, django_capture_on_commit_callbacks
):
    _, member, posting = hiring
    vendor, owner = harbor
    seeker, earlier = SeekerFactory(), SeekerFactory()
    application = application_submit(job_posting=posting, applicant=earlier, resume=pdf())
    author = VerifiedUserFactory()
    sent_inquiry(vendor, author)
    review = Review.objects.create(
        vendor=vendor, author=author, overall=4, quality=4, communication=4, value=4, reliability=4, text="Fine."
    )
    writes = {
        "apply": lambda: application_submit(job_posting=posting, applicant=seeker, resume=pdf()),
        "move": lambda: application_move(application=application, actor=member, stage="offer", note=""),
        "invite": lambda: invitation_create(organization=vendor, email="x@harbor.example", role="manager", actor=owner),
        "reject review": lambda: review_reject(review=review, actor=curator, reason="Off topic"),
        "inquiry": lambda: inquiry_create(
            vendor=vendor,
            sender=None,
            fields=inquiry_body(email="a@b.example"),
            submission_key=uuid.uuid4(),
            client="192.0.2.1",
        ),
    }
    mail.outbox.clear()
    for name, write in writes.items():
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            write()
            raise RuntimeError("something later in the same transaction fails")
        assert callbacks == [], name
    assert mail.outbox == []
    assert not Application.objects.filter(applicant=seeker).exists()
    assert Application.objects.get(pk=application.pk).stage == "applied"
    assert not Invitation.objects.exists()
    review.refresh_from_db()
    assert review.status == Review.Status.PENDING


# --- BUGS: 500s on bad input ---------------------------------------------------------------------------------


def test_a_language_given_twice_in_the_profile_api_is_a_400_and_saves_nothing():
    """BUG: PATCH /api/v1/me/profile/ with the same language twice is a 500 (IntegrityError on
    seeker_language_once); SeekerLanguageSerializer(many=True) does not refuse duplicates."""
    seeker = SeekerFactory()
    SeekerProfile.objects.create(user=seeker, headline="Before")

    response = client_for(seeker).patch(
        "/api/v1/me/profile/",
        {"headline": "After", "languages": [{"code": "en", "level": "B2"}, {"code": "en", "level": "C1"}]},
        format="json",
    )

    assert response.status_code == 400
    assert "languages" in response.json()
    profile = SeekerProfile.objects.get(user=seeker)
    assert profile.headline == "Before"
    assert not profile.languages.exists()


def test_the_profile_page_still_opens_once_a_resume_is_saved(client):
    """BUG: GET /me/profile/ is a 500 for every seeker with a resume: the form's ClearableFileInput asks the file
    for its URL ("Currently: <a href=...>") and PrivateStorage.url raises ValueError by design."""
    seeker = SeekerFactory()
    client.force_login(seeker)
    saved = client.post(
        "/me/profile/",
        {
            "headline": "Chat agent",
            "experience_years": "2",
            "education_level": "high_school",
            "languages-TOTAL_FORMS": "0",
            "languages-INITIAL_FORMS": "0",
            "resume": pdf(),
        },
    )
    assert saved.status_code == 302
    assert SeekerProfile.objects.get(user=seeker).resume

    page = client.get("/me/profile/")

    assert page.status_code == 200
    assert b"resumes/" not in page.content


@pytest.mark.parametrize(
    "who,url,body",
    [
        ("seeker", "/api/v1/me/profile/", {"skills": [NUL]}),
        ("seeker", "/api/v1/me/profile/", {"certifications": [NUL]}),
        ("seeker", "/api/v1/me/profile/", {"languages": [{"code": NUL, "level": "B2"}]}),
        ("anonymous", "/api/v1/vendors/harbor-support/inquiries/", inquiry_body(services=[NUL])),
        ("owner", "/api/v1/vendors/harbor-support/", {"services": [NUL]}),
    ],
    ids=["profile-skills", "profile-certifications", "profile-languages", "anonymous-inquiry-services", "vendor-edit"],
)
def test_a_nul_byte_in_a_vocabulary_slug_is_a_400(harbor, who, url, body):
    """BUG on PostgreSQL: every SlugRelatedField(queryset=...) sends the NUL byte to the database, which refuses
    it (DataError), so the request is a 500; SQLite answers 400."""
    _, owner = harbor
    clients = {"seeker": client_for(SeekerFactory()), "anonymous": APIClient(), "owner": client_for(owner)}
    method = "post" if url.endswith("inquiries/") else "patch"

    response = getattr(clients[who], method)(url, body, format="json")

    assert response.status_code == 400


def test_a_nul_byte_in_the_applications_job_parameter_is_not_a_500(hiring):
    """BUG on PostgreSQL: GET /api/v1/applications/?received=true&job=<NUL> is a 500 (DataError): the `job`
    parameter goes to the database unchecked (ApplicationViewSet has no filter backend)."""
    _, member, _ = hiring

    response = client_for(member).get("/api/v1/applications/", {"received": "true", "job": NUL})

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["results"] == []


def test_a_line_break_in_an_inquirys_name_does_not_break_the_email_to_the_vendor(
    client, harbor, django_capture_on_commit_callbacks
):
    """BUG: the sender's name and company go into the subject of the vendor's email; with a line break in them,
    sending fails ("Header values may not contain linefeed") after the inquiry is stored as sent: the sender
    gets a 500 and the vendor never hears of it."""
    vendor, owner = harbor
    buyer = VerifiedUserFactory(email="buyer@shop.example")
    client.force_login(buyer)
    form = inquiry_body(company="Shop Inc\r\nBcc: everyone@example.com", services=[]) | {
        "submission_key": str(uuid.uuid4()),
        "contact_me_by_fax": "",
        "budget": "unknown",
    }

    try:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/vendors/{vendor.slug}/contact/", form)
    except ValueError as error:
        pytest.fail(f"the inquiry was stored as sent, then mailing it crashed: {error}")

    stored = Inquiry.objects.filter(vendor=vendor).first()
    if stored is not None and stored.status == Inquiry.Status.SENT:
        assert [message.to for message in mail.outbox] == [[owner.email]]
        assert "\n" not in mail.outbox[0].subject and "\r" not in mail.outbox[0].subject
        assert mail.outbox[0].bcc == []


# --- BUGS: authorization and integrity ----------------------------------------------------------------------


def test_an_inquiry_key_does_not_hand_out_another_senders_inquiry(harbor):
    """BUG: inquiry_create looks the submission key up across all inquiries, so the same key sent by another
    account (or to another vendor) answers 200 with the first inquiry: its sender's name, email and message;
    and the second vendor is never contacted."""
    vendor, _ = harbor
    other_vendor = VendorMembershipFactory(vendor=PublishedVendorFactory()).vendor
    alice = VerifiedUserFactory(email="alice@shop.example")
    key = str(uuid.uuid4())
    first = client_for(alice).post(
        f"/api/v1/vendors/{vendor.slug}/inquiries/",
        inquiry_body(name="Alice", email=alice.email, message="ALICE-SECRET-PLAN", submission_key=key),
        format="json",
    )
    bob = VerifiedUserFactory(email="bob@other.example")

    replay = client_for(bob).post(
        f"/api/v1/vendors/{other_vendor.slug}/inquiries/",
        inquiry_body(name="Bob", email=bob.email, submission_key=key),
        format="json",
    )

    assert first.status_code == 201
    assert "alice@shop.example" not in replay.content.decode()
    assert "ALICE-SECRET-PLAN" not in replay.content.decode()
    assert replay.status_code in (400, 409) or Inquiry.objects.filter(vendor=other_vendor, sender=bob).exists()


def test_opening_the_confirmation_link_does_not_send_the_inquiry_until_the_sender_confirms_with_post(
    client, harbor, django_capture_on_commit_callbacks
):
    """BUG: GET /vendors/inquiries/confirm/<token>/ sends the inquiry. Mail scanners and link previews open
    links in incoming mail, so an inquiry written in someone else's name gets "confirmed" without them; the
    page should ask for a POST (with CSRF) to confirm."""
    vendor, owner = harbor
    with django_capture_on_commit_callbacks(execute=True):
        APIClient().post(
            f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_body(email="victim@corp.example"), format="json"
        )
    token = token_from_last_mail("/vendors/inquiries/confirm/")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        opened = client.get(f"/vendors/inquiries/confirm/{token}/")

    assert opened.status_code == 200
    assert Inquiry.objects.get().status == Inquiry.Status.UNCONFIRMED
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/vendors/inquiries/confirm/{token}/")
    assert Inquiry.objects.get().status == Inquiry.Status.SENT
    assert [message.to for message in mail.outbox] == [[owner.email]]


def test_opening_an_invitation_link_does_not_join_before_a_post(client, harbor, django_capture_on_commit_callbacks):
    """BUG (low impact): GET /invitations/<token>/ creates the membership; state-changing pages must be POST
    with CSRF (a GET should show a "Join" button)."""
    vendor, owner = harbor
    colleague = VerifiedUserFactory(email="new@harbor.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(organization=vendor, email=colleague.email, role="recruiter", actor=owner)
    token = token_from_last_mail("/invitations/")
    client.force_login(colleague)

    opened = client.get(f"/invitations/{token}/")

    assert opened.status_code == 200
    assert not Membership.objects.filter(user=colleague).exists()
    client.post(f"/invitations/{token}/")
    assert Membership.objects.get(user=colleague).role == "recruiter"


def test_an_accepted_invitation_cannot_bring_a_removed_member_back(harbor, django_capture_on_commit_callbacks):
    """BUG: an invitation stays valid after it is accepted (14 days): a member whom a curator removed joins again
    with the same link."""
    vendor, owner = harbor
    colleague = VerifiedUserFactory(email="new@harbor.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(organization=vendor, email=colleague.email, role="manager", actor=owner)
    token = token_from_last_mail("/invitations/")
    api = client_for(colleague)
    assert api.post("/api/v1/invitations/accept/", {"token": token}, format="json").status_code == 200
    Membership.objects.filter(user=colleague).delete()  # a curator removes them

    again = api.post("/api/v1/invitations/accept/", {"token": token}, format="json")

    assert again.status_code == 400
    assert not Membership.objects.filter(user=colleague).exists()


def test_an_account_whose_address_is_not_confirmed_cannot_claim_or_invite_over_the_api(harbor):
    """BUG: the token endpoint gives unconfirmed accounts a token (the login page would not sign them in), and
    claims and invitations do not check the address (applying and posting do): claims reach the curators and
    invitations are emailed from unconfirmed addresses."""
    vendor, _ = harbor
    unconfirmed = UserFactory(username="unconfirmed", email="someone@unconfirmed.example")
    Membership.objects.create(user=unconfirmed, vendor=vendor, role=Membership.Role.MANAGER)
    unclaimed = PublishedVendorFactory()
    api = client_for(unconfirmed)

    claim = api.post(f"/api/v1/vendors/{unclaimed.slug}/claim/", {"message": "It is mine."}, format="json")
    invite = api.post(
        "/api/v1/invitations/", {"organization": f"vendor:{vendor.slug}", "email": "x@anywhere.example"}, format="json"
    )

    assert claim.status_code in (400, 403)
    assert invite.status_code == 403
    assert not ClaimRequest.objects.exists()
    assert not Invitation.objects.exists()


def test_a_vendors_own_member_cannot_review_it(harbor):
    """BUG: a member writes an inquiry to their own vendor, which makes can_review() true, and then rates it."""
    vendor, owner = harbor
    api = client_for(owner)
    api.post(f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_body(email=owner.email), format="json")

    review = api.post(
        f"/api/v1/vendors/{vendor.slug}/reviews/",
        {"overall": 5, "quality": 5, "communication": 5, "value": 5, "reliability": 5, "text": "The best!"},
        format="json",
    )

    assert review.status_code in (400, 403)
    assert not Review.objects.exists()


def test_approving_claims_in_bulk_gives_the_vendor_one_owner(client, curator):
    """BUG: claim_request_approve does not check that the vendor is still unclaimed: approving two people's
    claims (for example both selected in the admin list) makes both of them owners."""
    vendor = PublishedVendorFactory()
    first = claim_request_create(vendor=vendor, user=VerifiedUserFactory(), message="I am the CEO.")
    second = claim_request_create(vendor=vendor, user=VerifiedUserFactory(), message="No, I am.")
    client.force_login(curator)

    run_action(client, "admin:directory_claimrequest_changelist", "approve", [first, second], follow=False)

    assert Membership.objects.filter(vendor=vendor).count() == 1
    assert ClaimRequest.objects.filter(status=ClaimRequest.Status.APPROVED).count() == 1


def test_curators_see_the_proposed_delivery_centers_before_approving_them(client, harbor, curator):
    """BUG: VendorRevisionAdmin.proposed shows the fields and vocabularies of a proposal but not its centers, so
    a curator approves center changes they cannot see."""
    vendor, owner = harbor
    davao = {"name": "Davao site", "city": "Davao City", "country": "PH", "time_zone": "Asia/Manila", "seats": 77}
    revision = vendor_propose_changes(vendor=vendor, actor=owner, fields={}, centers=[davao])
    assert isinstance(revision, VendorRevision)
    client.force_login(curator)

    page = client.get(f"/admin/directory/vendorrevision/{revision.pk}/change/").content.decode()

    assert "Davao City" in page


def test_a_curators_change_to_an_approved_review_keeps_the_rating_in_step(client, harbor, curator):
    """BUG: the review admin lets curators change an approved review's scores and text (the author's words),
    and the vendor's rating is not recomputed: it keeps the old average."""
    vendor, _ = harbor
    review = approved_review(vendor, VerifiedUserFactory(), curator, overall=5)
    client.force_login(curator)

    client.post(
        f"/admin/directory/review/{review.pk}/change/",
        {"overall": 1, "quality": 1, "communication": 1, "value": 1, "reliability": 1, "text": "Terrible."},
    )

    review.refresh_from_db()
    vendor.refresh_from_db()
    assert vendor.rating_average == review.overall
    assert vendor.rating_count == 1


def test_saved_jobs_do_not_show_an_edit_that_waits_for_review(client, hiring):
    """BUG: an edit sends a published posting back to review (it leaves the board), but the saved-jobs API and
    page still show it, with the new, unreviewed title, salary and requirements."""
    _, member, posting = hiring
    seeker = SeekerFactory()
    client_for(seeker).post(f"/api/v1/jobs/{posting.slug}/save/")
    job_posting_update(job_posting=posting, actor=member, fields={"title": "UNREVIEWED-TITLE"})
    client.force_login(seeker)

    api = client_for(seeker).get("/api/v1/saved-jobs/")
    page = client.get("/me/saved-jobs/")

    assert api.status_code == page.status_code == 200
    assert "UNREVIEWED-TITLE" not in api.content.decode()
    assert "UNREVIEWED-TITLE" not in page.content.decode()


# --- BUGS: accounts and tokens --------------------------------------------------------------------------------


def test_the_token_endpoint_cannot_be_used_to_guess_passwords_from_spoofed_addresses(settings):
    """BUG: the login throttle counts per DRF get_ident(), which trusts X-Forwarded-For whole when NUM_PROXIES is
    unset: a client that sends a different X-Forwarded-For each time is never throttled (and the token endpoint
    has no per-account limit like the login page's "5/5m/key"), so passwords can be guessed without limit."""
    settings.API_THROTTLE_RATES = {"anon": "10000/minute", "user": "10000/minute", "login": "3/minute"}
    VerifiedUserFactory(username="target")
    api = APIClient()

    codes = [
        api.post(
            "/api/v1/auth/token/", {"username": "target", "password": f"guess {n}"}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}"
        ).status_code
        for n in range(6)
    ]

    assert 429 in codes


def test_changing_the_password_ends_the_api_tokens_issued_before(client):
    """BUG: API tokens never change: after a password change (or reset, after a leak) the old token still works,
    and there is no way to revoke it."""
    person = VerifiedUserFactory(username="careful")
    api = client_for(person)
    assert api.get("/api/v1/me/profile/").status_code == 200
    client.force_login(person)

    client.post(
        "/accounts/password/change/",
        {
            "oldpassword": "correct horse battery staple",
            "password1": "a brand new long passphrase",
            "password2": "a brand new long passphrase",
        },
    )

    person.refresh_from_db()
    assert person.check_password("a brand new long passphrase")
    assert api.get("/api/v1/me/profile/").status_code == 401
