"""The database itself refuses impossible directory rows (and user accounts with a clashing email)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from demo.factories.accounts import UserFactory
from demo.factories.directory import (
    DeliveryCenterFactory,
    EmployerFactory,
    EmployerMembershipFactory,
    PendingVendorFactory,
    PublishedVendorFactory,
    VendorFactory,
    VendorMembershipFactory,
)
from directory.models import DeliveryCenter, Membership, Vendor

pytestmark = pytest.mark.django_db


def assert_update_refused(vendor: Vendor, **changes) -> None:
    before = Vendor.objects.filter(pk=vendor.pk).values().get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Vendor.objects.filter(pk=vendor.pk).update(**changes)
    assert Vendor.objects.filter(pk=vendor.pk).values().get() == before


# Vendors


def test_a_highest_rate_below_the_lowest_is_refused():
    assert_update_refused(VendorFactory(), hourly_rate_min=Decimal("20.00"), hourly_rate_max=Decimal("19.99"))


def test_a_negative_lowest_rate_is_refused():
    assert_update_refused(VendorFactory(), hourly_rate_min=Decimal("-1.00"), hourly_rate_max=None)


def test_a_negative_highest_rate_without_a_lowest_rate_is_refused():
    assert_update_refused(VendorFactory(), hourly_rate_min=None, hourly_rate_max=Decimal("-5.00"))


@pytest.mark.parametrize("year", [1700, 1799, 2101])
def test_an_implausible_founding_year_is_refused(year):
    assert_update_refused(VendorFactory(), founded_year=year)


def test_a_verified_vendor_without_a_verification_date_is_refused():
    assert_update_refused(PendingVendorFactory(), verified=True, verified_at=None)


@pytest.mark.parametrize("factory", [VendorFactory, PendingVendorFactory])
def test_featuring_a_vendor_that_is_not_published_is_refused(factory):
    assert_update_refused(factory(), featured=True, featured_at=timezone.now())


def test_a_published_vendor_without_a_publication_date_is_refused():
    assert_update_refused(VendorFactory(), status=Vendor.Status.PUBLISHED, published_at=None)


def test_an_unknown_vendor_status_is_refused():
    assert_update_refused(VendorFactory(), status="deleted")


def test_unknown_vendor_hours_are_refused():
    assert_update_refused(VendorFactory(), hours="weekends")


def test_two_vendors_cannot_share_a_slug():
    VendorFactory(slug="acme-contact")

    with pytest.raises(IntegrityError), transaction.atomic():
        VendorFactory(slug="acme-contact")

    assert Vendor.objects.filter(slug="acme-contact").count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"hourly_rate_min": Decimal("0.00"), "hourly_rate_max": Decimal("0.00")},
        {"hourly_rate_min": Decimal("12.50"), "hourly_rate_max": Decimal("12.50")},
        {"hourly_rate_min": Decimal("12.50"), "hourly_rate_max": None},
        {"hourly_rate_min": None, "hourly_rate_max": Decimal("30.00")},
        {"hourly_rate_min": None, "hourly_rate_max": None},
        {"founded_year": 1800},
        {"founded_year": 2100},
        {"founded_year": None},
        {"hours": Vendor.Hours.ALWAYS},
        {"verified": True, "verified_at": timezone.now()},
        {"status": Vendor.Status.ARCHIVED, "published_at": None},
    ],
    ids=lambda changes: ",".join(changes),
)
def test_a_plausible_vendor_row_is_stored(changes):
    vendor = VendorFactory()

    Vendor.objects.filter(pk=vendor.pk).update(**changes)

    assert Vendor.objects.filter(pk=vendor.pk).values(*changes).get() == changes


def test_a_featured_published_vendor_is_stored():
    vendor = PublishedVendorFactory(featured=True, featured_at=timezone.now())

    assert Vendor.objects.featured().get() == vendor


# Memberships


def test_a_membership_of_both_a_vendor_and_an_employer_is_refused():
    user, vendor, employer = UserFactory(), VendorFactory(), EmployerFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, vendor=vendor, employer=employer)

    assert not Membership.objects.filter(user=user).exists()


def test_a_membership_of_no_organization_is_refused():
    user = UserFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user)

    assert not Membership.objects.filter(user=user).exists()


def test_a_user_cannot_join_the_same_vendor_twice():
    membership = VendorMembershipFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, vendor=membership.vendor, role=Membership.Role.RECRUITER)

    assert Membership.objects.filter(user=membership.user).count() == 1


def test_a_user_cannot_join_the_same_employer_twice():
    membership = EmployerMembershipFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=membership.user, employer=membership.employer)

    assert Membership.objects.filter(user=membership.user).count() == 1


def test_a_user_may_belong_to_several_vendors_and_employers():
    user = UserFactory()

    VendorMembershipFactory(user=user)
    VendorMembershipFactory(user=user)
    EmployerMembershipFactory(user=user)
    EmployerMembershipFactory(user=user)

    assert user.memberships.filter(vendor__isnull=False).count() == 2
    assert user.memberships.filter(employer__isnull=False).count() == 2


def test_several_users_may_belong_to_one_vendor():
    vendor = VendorFactory()

    VendorMembershipFactory(vendor=vendor)
    VendorMembershipFactory(vendor=vendor, role=Membership.Role.RECRUITER)

    assert vendor.memberships.count() == 2


# Delivery centers


def test_a_vendor_cannot_list_the_same_center_twice():
    center = DeliveryCenterFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        DeliveryCenter.objects.create(
            vendor=center.vendor,
            city=center.city,
            name=center.name,
            country=center.country,
            time_zone=center.time_zone,
            seats=10,
        )

    assert center.vendor.centers.count() == 1


def test_a_vendor_may_have_two_centers_in_one_city_under_different_names():
    center = DeliveryCenterFactory(name="North tower")

    DeliveryCenterFactory(vendor=center.vendor, city=center.city, name="South tower")

    assert center.vendor.centers.filter(city=center.city).count() == 2


def test_two_vendors_may_each_have_a_center_with_the_same_city_and_name():
    center = DeliveryCenterFactory()

    DeliveryCenterFactory(city=center.city, name=center.name)

    assert DeliveryCenter.objects.filter(city=center.city, name=center.name).count() == 2


# User accounts


def test_two_accounts_cannot_share_an_email_differing_only_in_case():
    UserFactory(username="first", email="Agent.Smith@Example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="second", email="agent.smith@example.com")

    assert not User.objects.filter(username="second").exists()


def test_several_accounts_may_have_no_email():
    UserFactory(username="first", email="")
    UserFactory(username="second", email="")

    assert User.objects.filter(email="").count() == 2
