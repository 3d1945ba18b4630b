"""Reads of the job board that span models: what a signed-in user sees of their own."""

from directory.selectors import employers_of
from jobs.models import Application, JobPosting


def own_postings(user):
    """The postings of every employer `user` hires for, in every status."""
    return JobPosting.objects.filter(employer__in=employers_of(user))


def recent_applications_of(user, limit: int = 5):
    return Application.objects.filter(applicant=user).select_related("job_posting")[:limit]
