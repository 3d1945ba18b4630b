"""Reads of the job board that span models: what a signed-in user sees of their own, and the facet summary."""

import threading

from directory.selectors import employers_of
from jobs.facets import FacetCube
from jobs.models import Application, JobFacetSummary, JobPosting, SeekerProfile
from jobs.services.facets import job_facet_summary_refresh_if_stale


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


_cube_lock = threading.Lock()
_cube: FacetCube | None = None  # this process's copy of the latest summary


def job_facet_cube() -> FacetCube | None:
    """The latest facet summary (None: none yet, or turned off), read from the database once per count: each
    process keeps the one it read until a newer one is counted. Starts a new count when it is half a minute old."""
    global _cube
    built_at = job_facet_summary_refresh_if_stale()
    if built_at is None:
        return None
    with _cube_lock:
        if _cube is None or _cube.built_at != built_at:
            row = JobFacetSummary.objects.filter(built_at=built_at).values_list("data", flat=True).first()
            if row is None:  # counted again meanwhile: the next request reads the newer one
                return _cube
            _cube = FacetCube.from_bytes(built_at, row)
        return _cube
