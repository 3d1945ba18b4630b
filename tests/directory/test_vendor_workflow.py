"""The vendor moderation workflow: which statuses allow each transition, and what it records."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE
from django.utils import timezone

from demo.factories.directory import ArchivedVendorFactory, PendingVendorFactory, PublishedVendorFactory, VendorFactory
from directory.models import Vendor, VendorReviewQueue
from directory.services import vendors as services
from tests.helpers import (
    assert_invalid_transition,
    assert_refused,
    assert_transition,
    history,
    other_statuses,
    vendor_in,
)

pytestmark = pytest.mark.django_db

Status = Vendor.Status


# Submit


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REJECTED, Status.ARCHIVED])
def test_submitting_puts_the_vendor_in_the_review_queue(status, user, clock):
    vendor = vendor_in(status)

    services.vendor_submit(vendor=vendor, actor=user)
    clock.stop()

    assert_transition(vendor, Status.PENDING, by=user, message="Submitted for review", clock=clock)
    assert list(Vendor.objects.pending_review()) == [vendor]


@pytest.mark.parametrize("status", other_statuses(Status, Status.DRAFT, Status.REJECTED, Status.ARCHIVED))
def test_submitting_a_pending_or_published_vendor_is_refused(status, user):
    error = assert_invalid_transition(services.vendor_submit, vendor_in(status), actor=user)

    assert error.messages == [f"Cannot submit {error.obj}: it is {Status(status).label.lower()}."]


def test_a_submission_by_the_system_is_recorded_on_the_vendor_only():
    vendor = VendorFactory()

    services.vendor_submit(vendor=vendor, actor=None)

    assert_transition(vendor, Status.PENDING, by=None)
    assert vendor.status_changed_at is not None


# Approve


@pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING])
def test_approving_publishes_the_vendor(status, curator, clock):
    vendor = vendor_in(status)

    returned = services.vendor_approve(vendor=vendor, actor=curator)
    clock.stop()

    assert_transition(vendor, Status.PUBLISHED, by=curator, message="Approved and published", clock=clock)
    assert returned.status == Status.PUBLISHED
    assert vendor.published_at == vendor.status_changed_at
    assert list(Vendor.objects.published()) == [vendor]


@pytest.mark.parametrize("status", other_statuses(Status, Status.DRAFT, Status.PENDING))
def test_approving_a_published_rejected_or_archived_vendor_is_refused(status, curator):
    error = assert_invalid_transition(services.vendor_approve, vendor_in(status), actor=curator)

    assert f"it is {Status(status).label.lower()}" in error.messages[0]


def test_approving_clears_the_reason_of_an_earlier_rejection(curator):
    vendor = PendingVendorFactory(rejection_reason="Website does not load.")

    services.vendor_approve(vendor=vendor, actor=curator)

    vendor.refresh_from_db()
    assert vendor.rejection_reason == ""


def test_approving_again_keeps_the_first_publication_date(curator):
    first_published = timezone.now() - timedelta(days=400)
    vendor = PendingVendorFactory(published_at=first_published)

    services.vendor_approve(vendor=vendor, actor=curator)

    vendor.refresh_from_db()
    assert vendor.status == Status.PUBLISHED
    assert vendor.published_at == first_published
    assert vendor.status_changed_at > first_published


def test_approving_from_the_review_queue_shows_in_the_vendors_history(curator):
    vendor = PendingVendorFactory()

    services.vendor_approve(vendor=VendorReviewQueue.objects.get(pk=vendor.pk), actor=curator)

    assert Vendor.objects.get(pk=vendor.pk).status == Status.PUBLISHED
    assert history(vendor) == [(curator.pk, CHANGE, "Approved and published")]


# Reject


def test_rejecting_records_the_reason_for_the_vendor(curator, clock):
    vendor = PendingVendorFactory()

    services.vendor_reject(vendor=vendor, actor=curator, reason="  The website shows no call-center services.\n")
    clock.stop()

    assert_transition(
        vendor, Status.REJECTED, by=curator, message="Rejected: The website shows no call-center services.", clock=clock
    )
    assert vendor.rejection_reason == "The website shows no call-center services."
    assert not Vendor.objects.pending_review().exists()


@pytest.mark.parametrize("status", other_statuses(Status, Status.PENDING))
def test_rejecting_a_vendor_that_is_not_pending_is_refused(status, curator):
    assert_invalid_transition(services.vendor_reject, vendor_in(status), actor=curator, reason="Not a BPO.")


@pytest.mark.parametrize("reason", ["", "   \n\t "], ids=["empty", "whitespace"])
def test_rejecting_without_a_reason_is_refused(reason, curator):
    assert_refused(services.vendor_reject, PendingVendorFactory(), field="reason", actor=curator, reason=reason)


# Archive


@pytest.mark.parametrize("status", other_statuses(Status, Status.ARCHIVED))
def test_archiving_takes_the_vendor_off_the_site(status, curator, clock):
    vendor = vendor_in(status)

    services.vendor_archive(vendor=vendor, actor=curator)
    clock.stop()

    assert_transition(vendor, Status.ARCHIVED, by=curator, message="Archived", clock=clock)
    assert not Vendor.objects.published().exists()


def test_archiving_an_archived_vendor_is_refused(curator):
    assert_invalid_transition(services.vendor_archive, ArchivedVendorFactory(), actor=curator)


def test_archiving_a_featured_vendor_stops_featuring_it(curator):
    vendor = PublishedVendorFactory(featured=True, featured_at=timezone.now(), featured_by=curator)

    services.vendor_archive(vendor=vendor, actor=curator)

    vendor.refresh_from_db()
    assert vendor.status == Status.ARCHIVED
    assert (vendor.featured, vendor.featured_at, vendor.featured_by) == (False, None, None)
    assert not Vendor.objects.featured().exists()


# Verify and unverify


@pytest.mark.parametrize("status", [Status.PENDING, Status.PUBLISHED])
def test_verifying_gives_the_vendor_the_verified_badge(status, curator, clock):
    vendor = vendor_in(status)

    services.vendor_verify(vendor=vendor, actor=curator)
    clock.stop()

    vendor.refresh_from_db()
    assert vendor.verified is True
    assert clock.saw(vendor.verified_at)
    assert vendor.verified_by == curator
    assert vendor.status == status
    assert history(vendor) == [(curator.pk, CHANGE, "Verified")]


@pytest.mark.parametrize("status", other_statuses(Status, Status.PENDING, Status.PUBLISHED))
def test_verifying_a_draft_rejected_or_archived_vendor_is_refused(status, curator):
    assert_invalid_transition(services.vendor_verify, vendor_in(status), actor=curator)


@pytest.mark.parametrize("status", [Status.PENDING, Status.PUBLISHED])
def test_verifying_an_already_verified_vendor_is_refused(status, curator, user):
    verified_at = timezone.now() - timedelta(days=3)
    vendor = vendor_in(status, verified=True, verified_at=verified_at, verified_by=user)

    assert_invalid_transition(services.vendor_verify, vendor, actor=curator)

    assert (vendor.verified_at, vendor.verified_by) == (verified_at, user)


@pytest.mark.parametrize("status", Status.values)
def test_removing_the_verified_badge_clears_who_verified_and_when(status, curator):
    vendor = vendor_in(status, verified=True, verified_at=timezone.now(), verified_by=curator)

    services.vendor_unverify(vendor=vendor, actor=curator)

    vendor.refresh_from_db()
    assert (vendor.verified, vendor.verified_at, vendor.verified_by) == (False, None, None)
    assert vendor.status == status
    assert history(vendor) == [(curator.pk, CHANGE, "Verification removed")]


@pytest.mark.parametrize("status", Status.values)
def test_removing_the_badge_of_an_unverified_vendor_is_refused(status, curator):
    assert_invalid_transition(services.vendor_unverify, vendor_in(status), actor=curator)


# Feature and unfeature


def test_featuring_puts_a_published_vendor_on_the_home_page(curator, clock):
    vendor = PublishedVendorFactory()

    services.vendor_feature(vendor=vendor, actor=curator)
    clock.stop()

    vendor.refresh_from_db()
    assert vendor.featured is True
    assert clock.saw(vendor.featured_at)
    assert vendor.featured_by == curator
    assert list(Vendor.objects.featured()) == [vendor]
    assert history(vendor) == [(curator.pk, CHANGE, "Featured")]


@pytest.mark.parametrize("status", other_statuses(Status, Status.PUBLISHED))
def test_featuring_a_vendor_that_is_not_published_is_refused(status, curator):
    assert_invalid_transition(services.vendor_feature, vendor_in(status), actor=curator)


def test_featuring_an_already_featured_vendor_is_refused(curator, user):
    featured_at = timezone.now() - timedelta(days=1)
    vendor = PublishedVendorFactory(featured=True, featured_at=featured_at, featured_by=user)

    assert_invalid_transition(services.vendor_feature, vendor, actor=curator)

    assert (vendor.featured_at, vendor.featured_by) == (featured_at, user)


def test_unfeaturing_takes_the_vendor_off_the_home_page(curator):
    vendor = PublishedVendorFactory(featured=True, featured_at=timezone.now(), featured_by=curator)

    services.vendor_unfeature(vendor=vendor, actor=curator)

    vendor.refresh_from_db()
    assert (vendor.featured, vendor.featured_at, vendor.featured_by) == (False, None, None)
    assert vendor.status == Status.PUBLISHED
    assert not Vendor.objects.featured().exists()
    assert history(vendor) == [(curator.pk, CHANGE, "No longer featured")]


@pytest.mark.parametrize("status", Status.values)
def test_unfeaturing_a_vendor_that_is_not_featured_is_refused(status, curator):
    assert_invalid_transition(services.vendor_unfeature, vendor_in(status), actor=curator)


# A whole life


def test_a_rejected_vendor_can_be_resubmitted_approved_and_archived(user, curator):
    vendor = PendingVendorFactory()

    services.vendor_reject(vendor=vendor, actor=curator, reason="Add your delivery centers.")
    services.vendor_submit(vendor=vendor, actor=user)
    services.vendor_approve(vendor=vendor, actor=curator)
    services.vendor_archive(vendor=vendor, actor=curator)

    vendor.refresh_from_db()
    assert vendor.status == Status.ARCHIVED
    assert vendor.rejection_reason == ""
    assert [(user_id, message) for user_id, _, message in history(vendor)] == [
        (curator.pk, "Rejected: Add your delivery centers."),
        (user.pk, "Submitted for review"),
        (curator.pk, "Approved and published"),
        (curator.pk, "Archived"),
    ]
