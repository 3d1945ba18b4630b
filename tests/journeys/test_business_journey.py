"""The business journey through the web pages: contact a vendor (signed in, or anonymous with an emailed
confirmation), never twice, review it after contacting it, curators approve or reject, the vendor replies once."""

import uuid
from decimal import Decimal

import pytest
from django.core import mail
from django.test import override_settings

from demo.factories.accounts import CuratorFactory, VerifiedUserFactory
from demo.factories.directory import PublishedVendorFactory, VendorFactory, VendorMembershipFactory
from directory.models import Inquiry, Review, Vendor
from directory.services.business import inquiry_confirm
from tests.helpers import run_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def vendor():
    vendor = PublishedVendorFactory(name="Harbor Support")
    VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory(username="harbor", email="sales@harbor.example"))
    return vendor


@pytest.fixture
def business(client):
    person = VerifiedUserFactory(username="buyer", email="buyer@shop.example", kind="business")
    client.force_login(person)
    return person


def inquiry_form(**overrides):
    return {
        "name": "Ana Buyer",
        "email": "buyer@shop.example",
        "company": "Shop Inc",
        "services": ["customer-support"],
        "seats": "25",
        "start_date": "2027-02-01",
        "budget": "5k_20k",
        "message": "We need chat support in English and Spanish.",
        "submission_key": str(uuid.uuid4()),
        "contact_me_by_fax": "",
    } | overrides


def test_a_signed_in_business_sends_an_inquiry_that_reaches_the_vendor_once(
    client, vendor, business, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/vendors/{vendor.slug}/contact/", inquiry_form())

    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert (inquiry.status, inquiry.sender, inquiry.seats) == ("sent", business, 25)
    assert [s.slug for s in inquiry.services.all()] == ["customer-support"]
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [["sales@harbor.example"]]
    own = client.get("/dashboard/").content.decode().split("Your inquiries to vendors")[1]
    assert "Harbor Support" in own.split("</ul>")[0]
    client.force_login(vendor.memberships.get().user)
    assert "We need chat support in English and Spanish." in client.get("/dashboard/").content.decode()


def test_the_same_form_sent_twice_makes_one_inquiry(client, vendor, business):
    form = inquiry_form()

    client.post(f"/vendors/{vendor.slug}/contact/", form)
    client.post(f"/vendors/{vendor.slug}/contact/", form)

    assert Inquiry.objects.count() == 1


def test_an_anonymous_inquiry_waits_for_the_email_confirmation(client, vendor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/vendors/{vendor.slug}/contact/", inquiry_form(email="someone@elsewhere.example"))

    inquiry = Inquiry.objects.get()
    assert inquiry.status == "unconfirmed"  # stored, so never lost
    assert [m.to for m in mail.outbox] == [["someone@elsewhere.example"]]  # the confirmation, not the vendor
    link = next(line for line in mail.outbox[0].body.splitlines() if "/vendors/inquiries/confirm/" in line)
    path = link[link.index("/vendors/") :]

    opened = client.get(path)  # opening the link (a mail scanner may) sends nothing
    assert Inquiry.objects.get().status == "unconfirmed"
    assert "Send my inquiry" in opened.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(path)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(path)  # a second press sends nothing more

    inquiry.refresh_from_db()
    assert first.status_code == second.status_code == 200
    assert inquiry.status == "sent"
    assert [m.to for m in mail.outbox] == [["someone@elsewhere.example"], ["sales@harbor.example"]]


def test_a_forged_confirmation_link_is_refused(client):
    response = client.post("/vendors/inquiries/confirm/not-a-token/")

    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_a_bot_filling_the_hidden_field_sends_nothing(client, vendor):
    client.post(f"/vendors/{vendor.slug}/contact/", inquiry_form(contact_me_by_fax="buy now"))

    assert not Inquiry.objects.exists()
    assert not mail.outbox


@override_settings(DAILY_LIMITS={"job_posting": 10, "inquiry": 2, "review": 5})
def test_inquiries_are_limited_per_account_per_day(client, business):
    vendors = [PublishedVendorFactory() for _ in range(3)]

    responses = [client.post(f"/vendors/{v.slug}/contact/", inquiry_form()) for v in vendors]

    assert Inquiry.objects.count() == 2
    assert responses[2].status_code == 200
    assert "at most 2 of these a day" in responses[2].content.decode()


@pytest.mark.parametrize("make", [VendorFactory])
def test_an_unlisted_vendor_cannot_be_contacted(client, make):
    hidden = make()

    assert client.get(f"/vendors/{hidden.slug}/contact/").status_code == 404


def contacted(vendor, business):
    return Inquiry.objects.create(
        vendor=vendor,
        sender=business,
        name="Ana",
        email=business.email,
        seats=10,
        message="Hello",
        status="sent",
        sent_at="2026-11-01T00:00:00Z",
        submission_key=uuid.uuid4(),
    )


REVIEW = {
    "overall": "5",
    "quality": "4",
    "communication": "5",
    "value": "4",
    "reliability": "5",
    "text": "Ramped 30 agents in three weeks.",
    "contact_me_by_fax": "",
}


def test_only_a_business_that_contacted_the_vendor_can_review_it(client, vendor, business):
    refused = client.post(f"/vendors/{vendor.slug}/review/", REVIEW)
    assert refused.status_code == 302
    assert not Review.objects.exists()

    contacted(vendor, business)
    client.post(f"/vendors/{vendor.slug}/review/", REVIEW)

    review = Review.objects.get()
    assert (review.status, review.overall, review.author) == ("pending", 5, business)
    assert "Ramped 30 agents" not in client.get(vendor.get_absolute_url()).content.decode()  # not yet approved


def test_curators_approve_and_the_rating_follows_or_reject_with_an_emailed_reason(
    client, vendor, business, django_capture_on_commit_callbacks
):
    contacted(vendor, business)
    client.post(f"/vendors/{vendor.slug}/review/", REVIEW)
    other = VerifiedUserFactory(email="second@shop.example")
    contacted(vendor, other)
    client.force_login(other)
    client.post(f"/vendors/{vendor.slug}/review/", REVIEW | {"overall": "2", "text": "Slow to answer."})
    first, second = Review.objects.order_by("created_at")
    client.force_login(CuratorFactory())

    run_action(client, "admin:directory_review_changelist", "approve", [first, second], follow=False)
    vendor.refresh_from_db()
    assert (vendor.rating_average, vendor.rating_count) == (Decimal("3.50"), 2)
    assert "Ramped 30 agents" in client.get(vendor.get_absolute_url()).content.decode()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_action(
            client, "admin:directory_review_changelist", "reject", [second], reason="Names a person.", follow=False
        )
    vendor.refresh_from_db()
    second.refresh_from_db()
    assert (second.status, vendor.rating_average, vendor.rating_count) == ("rejected", Decimal("5.00"), 1)
    assert mail.outbox[0].to == ["second@shop.example"]
    assert "Names a person." in mail.outbox[0].body
    ranked = client.get("/vendors/?ordering=-rating").context["vendors"]
    assert ranked[0] == vendor


def test_the_vendor_replies_once_and_nobody_else_can(client, vendor, business):
    contacted(vendor, business)
    review = Review.objects.create(
        vendor=vendor, author=business, text="Good", status="approved", **dict.fromkeys(Review.RATING_FIELDS, 4)
    )
    outsider = VerifiedUserFactory()
    VendorMembershipFactory(user=outsider, vendor=PublishedVendorFactory())
    client.force_login(outsider)
    assert client.post(f"/dashboard/reviews/{review.pk}/reply/", {"reply": "Hijack"}).status_code == 404

    client.force_login(vendor.memberships.get().user)
    client.post(f"/dashboard/reviews/{review.pk}/reply/", {"reply": "Thank you!"})
    again = client.post(f"/dashboard/reviews/{review.pk}/reply/", {"reply": "Edited"}, follow=True)

    review.refresh_from_db()
    assert review.reply == "Thank you!"
    assert "replies once" in again.content.decode()
    assert "Thank you!" in client.get(vendor.get_absolute_url()).content.decode()


def test_confirming_twice_through_the_service_keeps_one_sent_date(vendor):
    from django.core import signing

    inquiry = Inquiry.objects.create(
        vendor=vendor, name="A", email="a@example.com", seats=1, message="m", submission_key=uuid.uuid4()
    )
    token = signing.dumps(inquiry.pk, salt="directory.inquiry.confirm")

    first = inquiry_confirm(token=token).sent_at
    second = inquiry_confirm(token=token).sent_at

    assert first == second
    assert Vendor.objects.get(pk=vendor.pk).inquiries.get().status == "sent"


def test_the_shortlist_moves_onto_the_account_and_follows_it_to_another_device(client):
    first, second = PublishedVendorFactory(), PublishedVendorFactory()
    client.post(f"/vendors/{first.slug}/shortlist/")  # anonymous: kept in the session
    person = VerifiedUserFactory()
    client.force_login(person)
    client.post(f"/vendors/{second.slug}/shortlist/")

    person.refresh_from_db()
    assert person.vendor_shortlist == [first.slug, second.slug]
    from django.test import Client

    other_device = Client()
    other_device.force_login(person)
    page = other_device.get("/vendors/shortlist/")
    assert [vendor.slug for vendor in page.context["vendors"]] == [first.slug, second.slug]
