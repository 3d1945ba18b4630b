"""Accounts and targets for the load test, in the database the harness started: job seekers with tokens (each
applies to postings no other seeker is given, so no application is a duplicate), and the published slugs the
users browse. Writes them as JSON for the locust file."""

import json
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from accounts.models import User  # noqa: E402
from directory.models import Vendor  # noqa: E402
from jobs.models import JobPosting  # noqa: E402


def main(out: Path, seekers: int) -> None:
    tokens = []
    for number in range(seekers):
        user, _ = User.objects.get_or_create(
            username=f"load-seeker-{number}", defaults={"email": f"load-seeker-{number}@example.com", "kind": "seeker"}
        )
        EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        tokens.append(Token.objects.get_or_create(user=user)[0].key)
    jobs = list(JobPosting.objects.published().order_by("pk").values_list("slug", flat=True))
    vendors = list(Vendor.objects.published().order_by("pk").values_list("slug", flat=True))
    out.write_text(json.dumps({"tokens": tokens, "jobs": jobs, "vendors": vendors}))
    print(f"prepared {len(tokens)} seekers, {len(jobs)} open postings, {len(vendors)} vendors")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
