"""After `seed_demo` and `ensure_demo_curator`: the demo business has contacted a vendor (so it may review it) and the
demo seeker has applied to a posting of the demo employer (so the applicant pipeline lists someone)."""

import uuid

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from directory.models import Inquiry, Membership, Vendor
from jobs.models import Application, JobPosting


def add_demo_records() -> None:
    business, seeker = User.objects.get(username="business"), User.objects.get(username="seeker")
    employer = Membership.objects.get(user__username="employer").vendor.employer
    vendor = Vendor.objects.published().exclude(employer=employer).order_by("name").first()
    Inquiry.objects.get_or_create(
        vendor=vendor,
        sender=business,
        defaults={
            "name": "Demo Business",
            "email": business.email,
            "seats": 20,
            "message": "Twenty seats of voice support.",
            "status": Inquiry.Status.SENT,
            "sent_at": timezone.now(),
            "submission_key": uuid.uuid4(),
        },
    )
    posting = JobPosting.objects.published().filter(employer=employer).order_by("title").first()
    if not Application.objects.filter(job_posting=posting, applicant=seeker).exists():
        application = Application(job_posting=posting, applicant=seeker, cover_note="Two years of chat support.")
        application.resume.save("resume.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        application.save()
