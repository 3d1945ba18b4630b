"""The people the reliability tests act as, with the organizations and records each one has. Shared by the
fuzzing run (one token per role) and the permission matrix."""

from dataclasses import dataclass

from accounts.models import User
from tests.factories import (
    BpoEmployerFactory,
    CuratorFactory,
    PublishedVendorFactory,
    SeekerFactory,
    SuperuserFactory,
    VendorMembershipFactory,
    VerifiedUserFactory,
)

ROLES = ("anonymous", "seeker", "business", "member", "other_member", "curator", "superuser")


@dataclass
class Cast:
    """One of each role: `member` belongs to `vendor` (and posts for `employer`), `other_member` to
    `other_vendor`."""

    users: dict
    vendor: object
    employer: object
    other_vendor: object
    other_employer: object


def cast() -> Cast:
    vendor = PublishedVendorFactory(name="Harbor Contact", slug="harbor-contact")
    other_vendor = PublishedVendorFactory(name="Summit Outsourcing", slug="summit-outsourcing")
    member = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory(username="member")).user
    other_member = VendorMembershipFactory(vendor=other_vendor, user=VerifiedUserFactory(username="other")).user
    users = {
        "anonymous": None,
        "seeker": SeekerFactory(username="seeker"),
        "business": VerifiedUserFactory(username="business", kind=User.Kind.BUSINESS),
        "member": member,
        "other_member": other_member,
        "curator": CuratorFactory(username="curator"),
        "superuser": SuperuserFactory(username="superuser"),
    }
    return Cast(
        users=users,
        vendor=vendor,
        employer=BpoEmployerFactory(vendor=vendor, slug="harbor-contact-jobs"),
        other_vendor=other_vendor,
        other_employer=BpoEmployerFactory(vendor=other_vendor, slug="summit-outsourcing-jobs"),
    )
