"""Cache upkeep: a posting's stored search vector follows its text and its skills (core/search.py)."""

from django.db.models.signals import post_delete, post_save

from jobs.models import JobPosting, JobSkillRequirement
from jobs.search import refresh_job_search_vectors


def _posting_saved(sender, instance, **kwargs):
    refresh_job_search_vectors(job_ids=[instance.pk])


def _requirement_changed(sender, instance, **kwargs):
    refresh_job_search_vectors(job_ids=[instance.job_posting_id])


post_save.connect(_posting_saved, sender=JobPosting, dispatch_uid="jobs-search-posting")
post_save.connect(_requirement_changed, sender=JobSkillRequirement, dispatch_uid="jobs-search-skill-saved")
post_delete.connect(_requirement_changed, sender=JobSkillRequirement, dispatch_uid="jobs-search-skill-deleted")
