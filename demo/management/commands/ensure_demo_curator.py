from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.groups import ensure_curators_group
from accounts.models import User
from directory.models import Membership, Vendor

USERNAME = "curator"
PASSWORD = "curator"  # noqa: S105 - a local demo account; the command refuses to run without DEBUG


class Command(BaseCommand):
    help = "Create (or reset) the local demo curator account curator/curator. Refuses unless DEBUG is on."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo curator is for local development only (DJANGO_DEBUG is off).")
        user, _ = User.objects.get_or_create(username=USERNAME, defaults={"email": "curator@localhost"})
        user.is_staff = True
        user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(ensure_curators_group())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo curator (local only): http://127.0.0.1:8000/admin/  user {USERNAME!r}  password {PASSWORD!r}"
            )
        )
        for line in ensure_demo_people():
            self.stdout.write(line)


def ensure_demo_people() -> list[str]:
    """A job seeker, a business and a vendor member (of the first published BPO with an employer record),
    each with a confirmed email, so the journeys can be tried at once. Password = username."""

    lines = []
    vendor = Vendor.objects.published().filter(employer__isnull=False).order_by("name").first()
    for username, kind in [("seeker", User.Kind.SEEKER), ("business", User.Kind.BUSINESS), ("employer", "employer")]:
        if kind == "employer" and vendor is None:
            continue
        person, _ = User.objects.get_or_create(username=username, defaults={"email": f"{username}@localhost"})
        person.kind = kind
        person.set_password(username)
        person.save()
        EmailAddress.objects.update_or_create(
            user=person, email=person.email, defaults={"verified": True, "primary": True}
        )
        where = ""
        if kind == "employer":
            Membership.objects.get_or_create(user=person, vendor=vendor, defaults={"role": Membership.Role.OWNER})
            where = f" (owner of {vendor.name})"
        lines.append(f"Demo {kind} (local only): user {username!r}  password {username!r}{where}")
    return lines
