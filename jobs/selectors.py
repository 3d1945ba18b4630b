"""Reads of the job board that span models: what a signed-in user sees of their own, and the facet summary."""

from directory.selectors import employers_of
from jobs.facets import FacetCube
from jobs.models import Application, JobPosting, SeekerProfile
from jobs.services.facets import job_facet_summary
from jobs.services.sitemap import JobSitemapIndex, job_sitemap_summary


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


def job_facet_cube() -> FacetCube | None:
    """The latest facet summary (None: none yet, or turned off; `core.summaries`): no query while this process's
    copy is the latest, one when it is not. Starts a new count when it is half a minute old."""
    return job_facet_summary.current()


def job_sitemap_index() -> JobSitemapIndex | None:
    """What the job board's sitemaps list, as last counted (None: none yet, or turned off; then they read the
    postings). Counted again when five minutes old."""
    return job_sitemap_summary.current()
