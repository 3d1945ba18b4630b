from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.groups import ensure_curators_group
from accounts.models import User

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
