"""The directory's fixed choices, shared by models, querysets, filters and constraints."""

from django.db import models


class ServiceCategory(models.TextChoices):
    FRONT_OFFICE = "front_office", "Front office"
    BACK_OFFICE = "back_office", "Back office"


class VendorStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING = "pending", "Pending review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    ARCHIVED = "archived", "Archived"


class ReviewDecision(models.TextChoices):
    """Where a request a curator decides on stands: a review, a claim to a vendor, proposed profile changes."""

    PENDING = "pending", "Pending review"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class ComplianceKind(models.TextChoices):
    CERTIFICATION = "certification", "Certification"
    REGULATION = "regulation", "Regulation"


class VendorHours(models.TextChoices):
    BUSINESS = "business", "Business hours"
    EXTENDED = "extended", "Extended hours"
    ALWAYS = "24x7", "24/7"


class PricingModel(models.TextChoices):
    PER_HOUR = "per_hour", "Per agent hour"
    PER_FTE_MONTH = "per_fte_month", "Per full-time agent per month"
    PER_MINUTE = "per_minute", "Per minute"
    PER_INTERACTION = "per_interaction", "Per interaction or ticket"
    OUTCOME = "outcome", "Outcome or commission based"
