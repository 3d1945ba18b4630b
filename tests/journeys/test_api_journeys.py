"""The journeys over the API: apply and follow applications, move them through the pipeline, contact and
review vendors, reply, claim and invite; each with who may and who gets 404."""

import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from demo.factories.accounts import SeekerFactory, UserFactory, VerifiedUserFactory
from demo.factories.directory import (
    EmployerFactory,
    EmployerMembershipFactory,
    PublishedVendorFactory,
    VendorMembershipFactory,
)
from demo.factories.jobs import ClosedJobPostingFactory
from directory.models import ClaimRequest, Inquiry, Membership, Review
from jobs.models import Application, SavedJob
from tests.helpers import client_for, pdf

# As every API test: throttle rates no journey reaches.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_api_rates")]


def apply(client, posting, **data):
    return client.post(f"/api/v1/jobs/{posting.slug}/apply/", {"resume": pdf(), **data}, format="multipart")


def test_a_seeker_applies_once_and_follows_the_application(hiring, django_capture_on_commit_callbacks):
    _, _, posting = hiring
    seeker = SeekerFactory(email="maria@example.com")
    client = client_for(seeker)

    with django_capture_on_commit_callbacks(execute=True):
        created = apply(client, posting, cover_note="Hello")
    again = apply(client, posting)

    assert created.status_code == 201, created.content
    assert created.json()["stage"] == "applied"
    assert "employer_note" not in created.json()
    assert again.status_code == 409
    assert again.json()["application"] == created.json()["id"]
    assert Application.objects.count() == 1
    assert mail.outbox[-1].to == ["hr@acme.example"]
    mine = client.get("/api/v1/applications/").json()
    assert [row["job"]["slug"] for row in mine["results"]] == [posting.slug]


@pytest.mark.parametrize(
    ("user_factory", "posting_state", "upload", "expected"),
    [
        (UserFactory, "open", pdf, 403),  # email not verified
        (SeekerFactory, "closed", pdf, 400),
        (SeekerFactory, "open", lambda: SimpleUploadedFile("cv.pdf", b"MZ\x90\x00binary"), 400),
    ],
)
def test_applications_that_cannot_be_made(hiring, user_factory, posting_state, upload, expected):
    employer, _, posting = hiring
    if posting_state == "closed":
        posting = ClosedJobPostingFactory(employer=employer)

    response = client_for(user_factory()).post(
        f"/api/v1/jobs/{posting.slug}/apply/", {"resume": upload()}, format="multipart"
    )

    assert response.status_code == expected, response.content
    if expected == 400 and posting_state == "open":
        assert "resume" in response.json()
    assert not Application.objects.exists()


def test_anonymous_cannot_apply(hiring):
    _, _, posting = hiring

    assert APIClient().post(f"/api/v1/jobs/{posting.slug}/apply/", {}, format="multipart").status_code == 401


def test_the_employer_moves_applications_and_others_get_404(hiring, django_capture_on_commit_callbacks):
    _, member, posting = hiring
    seeker = SeekerFactory(email="maria@example.com")
    application_id = apply(client_for(seeker), posting).json()["id"]
    rival = VerifiedUserFactory()
    EmployerMembershipFactory(user=rival, employer=EmployerFactory())
    url = f"/api/v1/applications/{application_id}/"

    received = client_for(member).get("/api/v1/applications/?received=true").json()["results"]
    assert [row["id"] for row in received] == [application_id]
    assert client_for(rival).get("/api/v1/applications/?received=true").json()["results"] == []
    assert client_for(rival).get(url).status_code == 404
    assert client_for(rival).patch(url, {"stage": "hired"}, format="json").status_code == 404
    assert client_for(seeker).patch(url, {"stage": "hired"}, format="json").status_code == 404
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moved = client_for(member).patch(url, {"stage": "interview", "employer_note": "Good"}, format="json")
    bad = client_for(member).patch(url, {"stage": "promoted"}, format="json")

    assert moved.status_code == 200
    assert (moved.json()["stage"], moved.json()["employer_note"]) == ("interview", "Good")
    assert bad.status_code == 400 and "stage" in bad.json()
    assert [m.to for m in mail.outbox] == [["maria@example.com"]]
    seen_by_seeker = client_for(seeker).get(url).json()
    assert seen_by_seeker["stage"] == "interview"
    assert "employer_note" not in seen_by_seeker


def test_resumes_over_the_api_go_to_the_applicant_and_the_employer_only(hiring):
    _, member, posting = hiring
    seeker = SeekerFactory()
    application_id = apply(client_for(seeker), posting).json()["id"]
    url = f"/api/v1/applications/{application_id}/resume/"

    assert client_for(seeker).get(url).status_code == 200
    download = client_for(member).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_for(VerifiedUserFactory()).get(url).status_code == 404
    assert APIClient().get(url).status_code == 401


def test_saving_a_posting(hiring):
    _, _, posting = hiring
    seeker = SeekerFactory()
    client = client_for(seeker)

    assert client.post(f"/api/v1/jobs/{posting.slug}/save/").status_code == 204
    assert client.post(f"/api/v1/jobs/{posting.slug}/save/").status_code == 204
    assert SavedJob.objects.filter(user=seeker).count() == 1
    assert client.delete(f"/api/v1/jobs/{posting.slug}/save/").status_code == 204
    assert not SavedJob.objects.exists()


INQUIRY = {"name": "Ana", "email": "ana@shop.example", "seats": 20, "message": "Chat in Spanish", "services": []}


def test_inquiries_over_the_api(django_capture_on_commit_callbacks):
    vendor = PublishedVendorFactory()
    VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory(email="sales@vendor.example"))
    business = VerifiedUserFactory(email="ana@shop.example")
    key = str(uuid.uuid4())

    anonymous = APIClient().post(
        f"/api/v1/vendors/{vendor.slug}/inquiries/", INQUIRY | {"email": "x@elsewhere.example"}, format="json"
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = client_for(business).post(
            f"/api/v1/vendors/{vendor.slug}/inquiries/", INQUIRY | {"submission_key": key}, format="json"
        )
    retried = client_for(business).post(
        f"/api/v1/vendors/{vendor.slug}/inquiries/", INQUIRY | {"submission_key": key}, format="json"
    )
    invalid = client_for(business).post(f"/api/v1/vendors/{vendor.slug}/inquiries/", {"seats": 0}, format="json")

    assert (anonymous.status_code, anonymous.json()["status"]) == (201, "unconfirmed")
    assert (sent.status_code, sent.json()["status"]) == (201, "sent")
    assert (retried.status_code, retried.json()["id"]) == (200, sent.json()["id"])
    assert invalid.status_code == 400 and {"seats", "name", "email", "message"} <= set(invalid.json())
    assert Inquiry.objects.count() == 2
    assert mail.outbox[-1].to == ["sales@vendor.example"]
    member = vendor.memberships.get().user
    received = client_for(member).get("/api/v1/inquiries/?received=true").json()["results"]
    assert [row["id"] for row in received] == [sent.json()["id"]]  # not the unconfirmed one
    assert [row["id"] for row in client_for(business).get("/api/v1/inquiries/").json()["results"]] == [
        sent.json()["id"]
    ]


def test_reviews_and_the_one_reply_over_the_api():
    vendor = PublishedVendorFactory()
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory()).user
    business = VerifiedUserFactory(email="ana@shop.example")
    ratings = {"overall": 4, "quality": 4, "communication": 5, "value": 3, "reliability": 4, "text": "Solid."}
    url = f"/api/v1/vendors/{vendor.slug}/reviews/"

    before_contact = client_for(business).post(url, ratings, format="json")
    client_for(business).post(f"/api/v1/vendors/{vendor.slug}/inquiries/", INQUIRY, format="json")
    created = client_for(business).post(url, ratings, format="json")
    out_of_range = client_for(business).post(url, ratings | {"overall": 9}, format="json")

    assert before_contact.status_code == 400
    assert (created.status_code, created.json()["status"]) == (201, "pending")
    assert out_of_range.status_code == 400
    assert APIClient().get(url).json() == []  # not approved yet
    Review.objects.update(status="approved")
    assert [row["text"] for row in APIClient().get(url).json()] == ["Solid."]

    review_id = created.json()["id"]
    outsider = VendorMembershipFactory(vendor=PublishedVendorFactory(), user=VerifiedUserFactory()).user
    assert (
        client_for(outsider).post(f"/api/v1/reviews/{review_id}/reply/", {"reply": "x"}, format="json").status_code
        == 404
    )
    first = client_for(member).post(f"/api/v1/reviews/{review_id}/reply/", {"reply": "Thanks"}, format="json")
    second = client_for(member).post(f"/api/v1/reviews/{review_id}/reply/", {"reply": "Again"}, format="json")
    assert first.status_code == 200 and first.json()["reply"] == "Thanks"
    assert second.status_code == 400


def test_claims_and_invitations_over_the_api(django_capture_on_commit_callbacks):
    unclaimed = PublishedVendorFactory()
    claimant = VerifiedUserFactory()

    claimed = client_for(claimant).post(
        f"/api/v1/vendors/{unclaimed.slug}/claim/", {"message": "I run it."}, format="json"
    )
    assert claimed.status_code == 201
    assert ClaimRequest.objects.get().user == claimant

    vendor = PublishedVendorFactory()
    owner = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory()).user
    refused = client_for(claimant).post(f"/api/v1/vendors/{vendor.slug}/claim/", {"message": "Mine"}, format="json")
    assert refused.status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        invited = client_for(owner).post(
            "/api/v1/invitations/",
            {"organization": f"vendor:{vendor.slug}", "email": "new@vendor.example", "role": "manager"},
            format="json",
        )
    assert invited.status_code == 201
    token = mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]
    colleague = VerifiedUserFactory(email="new@vendor.example")
    accepted = client_for(colleague).post("/api/v1/invitations/accept/", {"token": token}, format="json")
    assert accepted.status_code == 200
    assert Membership.objects.get(user=colleague).role == "manager"
    stranger = client_for(VerifiedUserFactory()).post(
        "/api/v1/invitations/", {"organization": f"vendor:{vendor.slug}", "email": "x@y.example"}, format="json"
    )
    assert stranger.status_code == 404


def test_a_member_whose_email_is_not_confirmed_cannot_post_a_job(client):
    employer = EmployerFactory()
    unconfirmed = UserFactory()
    EmployerMembershipFactory(employer=employer, user=unconfirmed)

    response = client_for(unconfirmed).post(
        "/api/v1/jobs/", {"title": "Agent", "description": "x", "country": "PH"}, format="json"
    )
    client.force_login(unconfirmed)
    page = client.get("/dashboard/jobs/new/", follow=True)

    assert response.status_code == 403
    assert "Confirm your email address" in response.json()["detail"]
    assert "Confirm your email address before you post a job." in page.content.decode()
    assert not employer.job_postings.exists()


def test_the_seeker_profile_and_saved_jobs_over_the_api(hiring):
    _, _, posting = hiring
    seeker = SeekerFactory()
    client = client_for(seeker)

    changed = client.patch(
        "/api/v1/me/profile/",
        {
            "headline": "Bilingual chat agent",
            "country": "PH",
            "experience_years": 3,
            "skills": ["zendesk"],
            "languages": [{"code": "en", "level": "C1"}, {"code": "es", "level": "B2"}],
        },
        format="json",
    )
    bad = client.patch("/api/v1/me/profile/", {"experience_years": 99, "languages": [{"code": "xx"}]}, format="json")
    resume = client.patch("/api/v1/me/profile/", {"resume": pdf()}, format="multipart")
    client.post(f"/api/v1/jobs/{posting.slug}/save/")

    assert changed.status_code == 200, changed.content
    body = client.get("/api/v1/me/profile/").json()
    assert (body["headline"], body["country"], body["skills"]) == ("Bilingual chat agent", "PH", ["zendesk"])
    assert sorted((row["code"], row["level"]) for row in body["languages"]) == [("en", "C1"), ("es", "B2")]
    assert bad.status_code == 400 and {"experience_years", "languages"} <= set(bad.json())
    assert resume.status_code == 200 and resume.json()["has_resume"] is True
    saved = client.get("/api/v1/saved-jobs/").json()["results"]
    assert [row["job"]["slug"] for row in saved] == [posting.slug]
    assert client_for(SeekerFactory()).get("/api/v1/saved-jobs/").json()["results"] == []
    assert APIClient().get("/api/v1/me/profile/").status_code == 401


def test_members_send_delivery_centers_over_the_api():
    from directory.models import Vendor

    vendor = PublishedVendorFactory()
    member = VendorMembershipFactory(vendor=vendor).user
    Vendor.objects.filter(pk=vendor.pk).update(status="draft")  # unpublished: applied at once
    centers = [{"name": "HQ", "city": "Manila", "country": "PH", "time_zone": "Asia/Manila", "seats": 120}]

    saved = client_for(member).patch(f"/api/v1/vendors/{vendor.slug}/", {"centers": centers}, format="json")
    bad = client_for(member).patch(
        f"/api/v1/vendors/{vendor.slug}/", {"centers": [centers[0] | {"time_zone": "Nowhere/Zone"}]}, format="json"
    )

    assert saved.status_code == 200, saved.content
    assert [(c["city"], c["seats"]) for c in saved.json()["centers"]] == [("Manila", 120)]
    assert bad.status_code == 400 and "time_zone" in bad.content.decode()
    assert vendor.centers.get().time_zone == "Asia/Manila"


def test_password_reset_is_emailed(client):
    VerifiedUserFactory(email="forgetful@example.com")

    client.post("/accounts/password/reset/", {"email": "forgetful@example.com"})

    assert mail.outbox[-1].to == ["forgetful@example.com"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body
