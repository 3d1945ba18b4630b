"""Reads of the job board that span models: what a signed-in user sees of their own."""

from directory.selectors import employers_of
from jobs.models import Application, JobPosting, SeekerProfile


def own_postings(user):
    """The postings of every employer `user` hires for, in every status."""
    return JobPosting.objects.filter(employer__in=employers_of(user))


def recent_applications_of(user, limit: int = 5):
    return Application.objects.filter(applicant=user).select_related("job_posting")[:limit]


def seeker_profile_of(user):
    """The signed-in user's job seeker profile with what matching reads, or None."""
    if not user.is_authenticated:
        return None
    return SeekerProfile.objects.filter(user=user).prefetch_related("skills", "certifications", "languages").first()


def resume_filename(application) -> str:
    suffix = application.resume.name.rsplit(".", 1)[-1].lower()
    return f"resume-{application.applicant.username}-{application.pk}.{suffix}"
