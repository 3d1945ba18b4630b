"""Writes of the application journey: applying, and moving an application through the employer's pipeline.

`application_submit` is the only way an application is made (web page and API alike); a unique constraint
makes "one application per posting per person" hold even for two requests at the same instant.
"""

import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from core.mail import send_templated
from core.workflow import lock_for_update
from directory.selectors import member_emails
from jobs.models import Application, JobPosting, SeekerProfile

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
RESUME_TYPES = "a PDF or a Word (.docx) file"


def validate_resume(upload) -> None:
    """A resume is a PDF or a DOCX by its content, not its name, and at most RESUME_MAX_BYTES."""
    if upload.size > settings.RESUME_MAX_BYTES:
        limit = settings.RESUME_MAX_BYTES // (1024 * 1024)
        raise ValidationError({"resume": f"The file is {upload.size / 1048576:.1f} MB; the limit is {limit} MB."})
    suffix = Path(upload.name or "").suffix.lower()
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf" and head.startswith(PDF_MAGIC):
        return
    if suffix == ".docx" and head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(upload) as archive:
                if "word/document.xml" in archive.namelist():
                    return
        except zipfile.BadZipFile:
            pass
        finally:
            upload.seek(0)
    raise ValidationError({"resume": f"Upload {RESUME_TYPES}; this file is neither, whatever its name says."})


class AlreadyApplied(ValidationError):
    def __init__(self, application: Application):
        self.application = application
        super().__init__(f"You applied to this job on {application.created_at:%d %b %Y}; it is in your applications.")


def application_submit(*, job_posting: JobPosting, applicant: User, cover_note: str = "", resume=None) -> Application:
    """Apply to an open posting with an uploaded resume or, without one, the profile's resume."""
    existing = Application.objects.filter(job_posting=job_posting, applicant=applicant).first()
    if existing:
        raise AlreadyApplied(existing)
    if not job_posting.is_open:
        raise ValidationError("This job is no longer open: it takes no more applications.")
    if resume is not None:
        validate_resume(resume)
        content, name = resume, resume.name
    else:
        profile = SeekerProfile.objects.filter(user=applicant).exclude(resume="").first()
        if profile is None:
            raise ValidationError({"resume": f"Attach {RESUME_TYPES}, or add a resume to your profile first."})
        with profile.resume.open("rb") as stored:
            content, name = ContentFile(stored.read()), profile.resume.name
    try:
        with transaction.atomic():
            application = Application(job_posting=job_posting, applicant=applicant, cover_note=cover_note)
            application.resume.save(Path(name).name, content, save=False)
            application.save()
    except IntegrityError:
        # The same person's other request won the race: report it as the earlier application.
        application.resume.delete(save=False)
        raise AlreadyApplied(Application.objects.get(job_posting=job_posting, applicant=applicant)) from None
    transaction.on_commit(lambda: _tell_employer(application))
    return application


def _tell_employer(application: Application) -> None:
    send_templated(
        "jobs/email/application_received",
        {"application": application},
        member_emails(employer=application.job_posting.employer),
    )


@transaction.atomic
def application_move(*, application: Application, actor: User, stage: str, note: str | None = None) -> Application:
    """Move an application to another stage of the pipeline (and keep the employer's private note).

    The candidate gets an email when the stage changes, sent only once the change is committed."""
    if stage not in Application.Stage.values:
        raise ValidationError({"stage": f"One of: {', '.join(Application.Stage.values)}."})
    application = lock_for_update(application)
    changed = application.stage != stage
    application.stage = stage
    fields = ["stage"]
    if note is not None:
        application.employer_note = note
        fields.append("employer_note")
    if changed:
        application.stage_changed_at = timezone.now()
        fields.append("stage_changed_at")
    application.save(update_fields=fields)
    if changed:
        transaction.on_commit(lambda: _tell_candidate(application))
    return application


def _tell_candidate(application: Application) -> None:
    send_templated("jobs/email/application_stage_changed", {"application": application}, [application.applicant.email])


def forget_replaced_resume(profile: SeekerProfile, previous_name: str) -> None:
    """Once a profile's new resume is saved (and committed), delete the file it replaced: a resume is kept only
    as long as someone can be served it. Application copies are separate files and stay."""
    if previous_name and previous_name != profile.resume.name:
        storage = profile.resume.storage
        transaction.on_commit(lambda: storage.delete(previous_name))
