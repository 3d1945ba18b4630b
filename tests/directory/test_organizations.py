"""The organizations' side: members' edits wait for curators on a published profile, unclaimed vendors are
claimed through curators, and owners invite colleagues by email."""

import pytest
from django.core import mail

from demo.factories.accounts import CuratorFactory, VerifiedUserFactory
from demo.factories.directory import (
    DeliveryCenterFactory,
    EmployerFactory,
    EmployerMembershipFactory,
    PublishedVendorFactory,
    VendorFactory,
    VendorMembershipFactory,
)
from directory.models import ClaimRequest, Invitation, Membership, VendorRevision
from tests.helpers import run_action

pytestmark = pytest.mark.django_db


def profile_form(vendor, **overrides):
    form = {
        "name": vendor.name,
        "tagline": vendor.tagline,
        "description": vendor.description,
        "website": vendor.website,
        "founded_year": vendor.founded_year or "",
        "headquarters_country": vendor.headquarters_country.code or "",
        "employees": vendor.employees or "",
        "hours": vendor.hours,
        "pricing_model": vendor.pricing_model,
        "hourly_rate_min": vendor.hourly_rate_min or "",
        "hourly_rate_max": vendor.hourly_rate_max or "",
        "min_seats": vendor.min_seats or "",
        "min_contract_months": vendor.min_contract_months or "",
    }
    for name in ("services", "shore_models", "call_center_types", "channels", "industries", "compliance_standards"):
        form[name] = [term.pk for term in getattr(vendor, name).all()]
    form["languages"] = [language.pk for language in vendor.languages.all()]
    centers = list(vendor.centers.order_by("pk"))
    form |= {"centers-TOTAL_FORMS": str(len(centers)), "centers-INITIAL_FORMS": str(len(centers))}
    for index, center in enumerate(centers):
        form |= {
            f"centers-{index}-name": center.name,
            f"centers-{index}-city": center.city,
            f"centers-{index}-country": center.country.code,
            f"centers-{index}-time_zone": center.time_zone,
            f"centers-{index}-seats": str(center.seats),
        }
    return form | overrides


@pytest.fixture
def member_of(client):
    def login(vendor, role=Membership.Role.OWNER):
        person = VerifiedUserFactory(email=f"{vendor.slug}@vendor.example")
        VendorMembershipFactory(vendor=vendor, user=person, role=role)
        client.force_login(person)
        return person

    return login


def test_an_edit_to_a_published_profile_waits_for_a_curator(client, member_of, django_capture_on_commit_callbacks):
    vendor = PublishedVendorFactory(tagline="Old tagline")
    member_of(vendor)

    response = client.post(f"/dashboard/vendors/{vendor.slug}/edit/", profile_form(vendor, tagline="New tagline"))

    assert response.status_code == 302
    vendor.refresh_from_db()
    assert vendor.tagline == "Old tagline"
    assert "Old tagline" in client.get(vendor.get_absolute_url()).content.decode()
    revision = VendorRevision.objects.get(vendor=vendor)
    assert revision.changes == {"fields": {"tagline": "New tagline"}, "relations": {}}  # only what changed

    client.force_login(CuratorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, "admin:directory_vendorrevision_changelist", "approve", [revision], follow=False)

    vendor.refresh_from_db()
    revision.refresh_from_db()
    assert (vendor.tagline, revision.status) == ("New tagline", "approved")
    assert mail.outbox[-1].to == [f"{vendor.slug}@vendor.example"]


def test_a_second_edit_replaces_the_pending_one_and_a_rejection_is_emailed(
    client, member_of, django_capture_on_commit_callbacks
):
    vendor = PublishedVendorFactory()
    member_of(vendor)
    client.post(f"/dashboard/vendors/{vendor.slug}/edit/", profile_form(vendor, tagline="First try"))
    client.post(f"/dashboard/vendors/{vendor.slug}/edit/", profile_form(vendor, tagline="Second try"))
    revision = VendorRevision.objects.get(vendor=vendor)
    assert revision.changes["fields"]["tagline"] == "Second try"

    client.force_login(CuratorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        run_action(
            client,
            "admin:directory_vendorrevision_changelist",
            "reject",
            [revision],
            reason="Unverifiable claim.",
            follow=False,
        )

    revision.refresh_from_db()
    assert revision.status == "rejected"
    assert "Unverifiable claim." in mail.outbox[-1].body


def test_an_edit_to_an_unpublished_profile_applies_at_once(client, member_of):
    vendor = VendorFactory(tagline="Draft tagline")
    member_of(vendor)

    client.post(f"/dashboard/vendors/{vendor.slug}/edit/", profile_form(vendor, tagline="Better tagline"))

    vendor.refresh_from_db()
    assert vendor.tagline == "Better tagline"
    assert not VendorRevision.objects.exists()


def test_an_invalid_edit_shows_the_error_and_saves_nothing(client, member_of):
    vendor = PublishedVendorFactory()
    member_of(vendor)

    response = client.post(
        f"/dashboard/vendors/{vendor.slug}/edit/", profile_form(vendor, hourly_rate_min="20", hourly_rate_max="10")
    )

    assert response.status_code == 200
    assert not VendorRevision.objects.exists()


def test_nobody_else_edits_a_vendor(client):
    vendor = PublishedVendorFactory()
    outsider = VerifiedUserFactory()
    VendorMembershipFactory(user=outsider, vendor=PublishedVendorFactory())
    client.force_login(outsider)

    assert client.get(f"/dashboard/vendors/{vendor.slug}/edit/").status_code == 404
    assert client.post(f"/dashboard/vendors/{vendor.slug}/edit/", profile_form(vendor)).status_code == 404


def test_an_unclaimed_vendor_is_claimed_through_a_curator(client, django_capture_on_commit_callbacks):
    vendor = PublishedVendorFactory(name="Lone Desk")
    claimant = VerifiedUserFactory(email="ceo@lonedesk.example")
    client.force_login(claimant)
    assert "Claim this listing" in client.get(vendor.get_absolute_url()).content.decode()

    client.post(f"/vendors/{vendor.slug}/claim/", {"message": "I am the CEO; call our main line."})
    again = client.post(f"/vendors/{vendor.slug}/claim/", {"message": "Again"})
    assert "already waiting" in again.content.decode()
    claim = ClaimRequest.objects.get()

    client.force_login(CuratorFactory())
    with django_capture_on_commit_callbacks(execute=True):
        run_action(client, "admin:directory_claimrequest_changelist", "approve", [claim], follow=False)

    assert Membership.objects.get(vendor=vendor).user == claimant
    assert mail.outbox[-1].to == ["ceo@lonedesk.example"]
    client.force_login(VerifiedUserFactory())
    refused = client.post(f"/vendors/{vendor.slug}/claim/", {"message": "Me too"})
    assert "already managed" in refused.content.decode()
    assert "Claim this listing" not in client.get(vendor.get_absolute_url()).content.decode()


def test_an_owner_invites_a_colleague_who_accepts_with_the_invited_address(
    client, member_of, django_capture_on_commit_callbacks
):
    vendor = PublishedVendorFactory()
    member_of(vendor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/dashboard/invite/",
            {"organization": f"vendor:{vendor.slug}", "email": "colleague@vendor.example", "role": "recruiter"},
        )
    assert mail.outbox[-1].to == ["colleague@vendor.example"]
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/invitations/" in line)
    path = link[link.index("/invitations/") :]

    client.force_login(VerifiedUserFactory(email="intruder@else.example"))
    wrong = client.post(path)
    assert wrong.status_code == 400
    colleague = VerifiedUserFactory(email="Colleague@vendor.example")
    client.force_login(colleague)
    assert client.get(path).status_code == 200  # opening the link shows a Join button; it joins nothing
    assert not Membership.objects.filter(user=colleague).exists()
    accepted = client.post(path)

    assert accepted.status_code == 200
    assert Membership.objects.get(user=colleague, vendor=vendor).role == "recruiter"
    assert Invitation.objects.get().accepted_at is not None


def test_a_recruiter_cannot_invite_and_nobody_invites_into_another_organization(client, member_of):
    vendor = PublishedVendorFactory()
    member_of(vendor, role=Membership.Role.RECRUITER)
    client.post(
        "/dashboard/invite/", {"organization": f"vendor:{vendor.slug}", "email": "x@example.com", "role": "owner"}
    )
    assert not Invitation.objects.exists()

    employer = EmployerFactory()
    EmployerMembershipFactory(employer=employer)
    response = client.post(
        "/dashboard/invite/", {"organization": f"employer:{employer.slug}", "email": "x@example.com", "role": "owner"}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_members_propose_delivery_centers_too(client, member_of, curator):
    from directory.services.organizations import vendor_revision_approve

    vendor = PublishedVendorFactory()
    DeliveryCenterFactory(vendor=vendor, name="HQ", city="Manila", country="PH", time_zone="Asia/Manila", seats=100)
    member_of(vendor)
    form = profile_form(vendor) | {
        "centers-TOTAL_FORMS": "2",
        "centers-1-name": "Cebu site",
        "centers-1-city": "Cebu City",
        "centers-1-country": "PH",
        "centers-1-time_zone": "Asia/Manila",
        "centers-1-seats": "250",
    }

    client.post(f"/dashboard/vendors/{vendor.slug}/edit/", form)
    bad = client.post(f"/dashboard/vendors/{vendor.slug}/edit/", form | {"centers-1-time_zone": "Mars/Olympus"})

    assert vendor.centers.count() == 1  # published: nothing changes before the review
    assert bad.status_code == 200 and "time_zone" in str(bad.context["centers"].errors)
    revision = VendorRevision.objects.get(vendor=vendor)
    assert [c["city"] for c in revision.changes["centers"]] == ["Manila", "Cebu City"]
    vendor_revision_approve(vendor_revision=revision, actor=curator)
    assert sorted((c.city, c.seats) for c in vendor.centers.all()) == [("Cebu City", 250), ("Manila", 100)]


def test_a_members_edit_of_the_centers_keeps_the_languages_and_rates_a_curator_set(client, member_of, curator):
    from directory.models import Language
    from directory.services.organizations import vendor_revision_approve

    vendor = PublishedVendorFactory()
    manila = DeliveryCenterFactory(
        vendor=vendor, name="HQ", city="Manila", country="PH", time_zone="Asia/Manila", seats=100
    )
    manila.languages.set(Language.objects.filter(code__in=["en", "ja"]))
    type(manila).objects.filter(pk=manila.pk).update(hourly_rate_min=9, hourly_rate_max=13)
    member_of(vendor)
    form = profile_form(vendor) | {
        "centers-0-seats": "180",
        "centers-TOTAL_FORMS": "2",
        "centers-1-name": "Cebu site",
        "centers-1-city": "Cebu City",
        "centers-1-country": "PH",
        "centers-1-time_zone": "Asia/Manila",
        "centers-1-seats": "250",
    }

    client.post(f"/dashboard/vendors/{vendor.slug}/edit/", form)
    vendor_revision_approve(vendor_revision=VendorRevision.objects.get(vendor=vendor), actor=curator)

    kept = vendor.centers.get(city="Manila")
    assert (kept.seats, kept.hourly_rate_min, kept.hourly_rate_max) == (180, 9, 13)
    assert sorted(language.code for language in kept.languages.all()) == ["en", "ja"]
    added = vendor.centers.get(city="Cebu City")
    assert (added.hourly_rate_min, list(added.languages.all())) == (None, [])
    page = client.get(vendor.get_absolute_url()).content.decode()
    assert "English, Japanese" in page and "$9 to $13" in page
