"""Cache invalidation only: any change to what the insights count makes their cached figures stale."""

from django.db.models.signals import post_delete, post_save

from directory.models import DeliveryCenter, Vendor
from insights.cache import insights_invalidate
from insights.models import ExchangeRate
from jobs.models import JobPosting, JobSkillRequirement


def _invalidate(**kwargs):
    insights_invalidate()


for model in (JobPosting, JobSkillRequirement, Vendor, DeliveryCenter, ExchangeRate):
    post_save.connect(_invalidate, sender=model, dispatch_uid=f"insights-{model.__name__}-save")
    post_delete.connect(_invalidate, sender=model, dispatch_uid=f"insights-{model.__name__}-delete")
