"""Reads of the job board, as chainable queryset methods."""

from datetime import datetime

from django.db import models
from django.utils import timezone

from jobs.choices import JobPostingStatus, WorkArrangement


class JobPostingQuerySet(models.QuerySet):
    def published(self, now: datetime | None = None):
        """What the public sees: published and not past its expiry date, even before the expiry job has run."""
        return self.filter(status=JobPostingStatus.PUBLISHED, expires_at__gt=now or timezone.now())

    def pending_review(self):
        return self.filter(status=JobPostingStatus.PENDING)

    def due_to_expire(self, now: datetime | None = None):
        """Published postings whose expiry date has passed; `expire_job_postings` moves them to expired."""
        return self.filter(status=JobPostingStatus.PUBLISHED, expires_at__lte=now or timezone.now())

    def remote(self):
        return self.filter(work_arrangement=WorkArrangement.REMOTE)

    def by_employer(self, employer):
        return self.filter(employer=employer)
