"""Reads of the job board that span models: what a signed-in user sees of their own, and the facet summary."""

import threading

from django.conf import settings
from django.core.cache import cache

from directory.selectors import employers_of
from jobs.facets import FacetCube
from jobs.models import Application, JobFacetSummary, JobPosting, SeekerProfile
from jobs.services.facets import BUILT_AT_KEY, job_facet_summary_refresh_if_stale


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
    """The latest facet summary (None: none yet, or turned off). Each process keeps the one it read until a
    newer one is counted (when it was is in the cache): no query while it is the latest, one when it is not.
    Starts a new count when it is half a minute old."""
    global _cube
    if getattr(settings, "FACETS_SUMMARY_REFRESH", "background") == "off":
        return None
    with _cube_lock:
        built_at = cache.get(BUILT_AT_KEY)
        if built_at is None or _cube is None or _cube.built_at != built_at:
            summaries = JobFacetSummary.objects.order_by("-built_at")
            if _cube is not None and built_at is None:  # the cache was emptied: is ours still the latest?
                built_at = summaries.values_list("built_at", flat=True).first()
            if _cube is None or _cube.built_at != built_at:
                row = summaries.values_list("built_at", "data").first()
                _cube = FacetCube.from_bytes(*row) if row else None
            if _cube is not None:
                cache.set(BUILT_AT_KEY, _cube.built_at, None)
        cube = _cube
    counted = job_facet_summary_refresh_if_stale(cube.built_at if cube else None)
    if counted is not None and (cube is None or counted != cube.built_at):
        cache.delete(BUILT_AT_KEY)  # what it holds is set once the new count is committed
        return job_facet_cube()  # counted just now, before answering (inline): read that one
    return cube
