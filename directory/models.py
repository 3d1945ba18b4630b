"""The directory: BPO and call-center vendors, their delivery centers, employers and members."""

import zoneinfo

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from core.models import ModeratedModel, TaxonomyTerm
from core.slugs import validate_public_slug
from core.storage import PrivateStorage
from directory.choices import (
    ComplianceKind,
    PricingModel,
    ReviewDecision,
    ServiceCategory,
    VendorHours,
    VendorStatus,
)
from directory.querysets import VendorCertificationQuerySet, VendorQuerySet


class ServiceType(TaxonomyTerm):
    category = models.CharField(max_length=20, choices=ServiceCategory, db_index=True)
    description = models.TextField(blank=True, help_text="Shown on the service's landing page.")

    class Meta(TaxonomyTerm.Meta):
        ordering = ["-category", "position", "name"]  # front office first


class Industry(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name_plural = "industries"


class ComplianceStandard(TaxonomyTerm):
    """A certification a vendor holds (audited, with an issuer and an expiry: `VendorCertification`) or a
    regulation it works under (listed by the vendor: `Vendor.compliance_standards`)."""

    Kind = ComplianceKind

    description = models.TextField(blank=True)
    kind = models.CharField(max_length=15, choices=ComplianceKind, default=ComplianceKind.CERTIFICATION)

    class Meta(TaxonomyTerm.Meta):
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ComplianceKind.values), name="compliance_kind_valid")
        ]


class Channel(TaxonomyTerm):
    """A way customers reach the agents: voice, email, chat, SMS, social media, video."""


class ShoreModel(TaxonomyTerm):
    """Onshore, nearshore or offshore, as a vendor declares it offers them."""

    description = models.TextField(blank=True)


class CallCenterType(TaxonomyTerm):
    description = models.TextField(blank=True)


class Language(models.Model):
    code = models.CharField(max_length=3, unique=True, help_text="ISO 639-1 code, e.g. en, es, tl.")
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Vendor(ModeratedModel):
    Status = VendorStatus
    Hours = VendorHours
    PricingModel = PricingModel

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, validators=[validate_public_slug])
    tagline = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True, help_text="Markdown. Rendered sanitized on the public profile.")
    website = models.URLField(blank=True)
    logo = models.ImageField(upload_to="vendors/logos/", blank=True)
    founded_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    headquarters_country = CountryField(blank=True, db_index=True)
    employees = models.PositiveIntegerField(null=True, blank=True)

    services = models.ManyToManyField(ServiceType, related_name="vendors", blank=True)
    shore_models = models.ManyToManyField(ShoreModel, related_name="vendors", blank=True)
    call_center_types = models.ManyToManyField(CallCenterType, related_name="vendors", blank=True)
    channels = models.ManyToManyField(Channel, related_name="vendors", blank=True)
    languages = models.ManyToManyField(Language, related_name="vendors", blank=True)
    industries = models.ManyToManyField(Industry, related_name="vendors", blank=True)
    # The regulations the vendor works under, and the certifications a curator has checked and that have not
    # expired (kept by directory.services.certifications): what filters, search and the profile read.
    compliance_standards = models.ManyToManyField(ComplianceStandard, related_name="vendors", blank=True)

    hours = models.CharField(max_length=10, choices=Hours, default=Hours.BUSINESS)
    pricing_model = models.CharField(max_length=20, choices=PricingModel, blank=True)
    hourly_rate_min = models.DecimalField(
        "lowest hourly rate (USD)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    hourly_rate_max = models.DecimalField(
        "highest hourly rate (USD)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    min_seats = models.PositiveIntegerField("minimum seats per engagement", null=True, blank=True)
    min_contract_months = models.PositiveSmallIntegerField("minimum contract (months)", null=True, blank=True)

    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    verified = models.BooleanField(default=False, editable=False)
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    featured = models.BooleanField(default=False, editable=False)
    featured_at = models.DateTimeField(null=True, blank=True, editable=False)
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # Kept by the review service from approved reviews; read by the profile, the list and `-rating` ordering.
    rating_average = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True, editable=False)
    rating_count = models.PositiveIntegerField(default=0, editable=False)

    # Private: shown to curators and the vendor's members, never on public pages or the public API.
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # PostgreSQL only: name (A), tagline and services (B), description (C); kept by directory/signals.py.
    search_vector = SearchVectorField(null=True, editable=False)

    objects = VendorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [
            (
                "moderate_vendor",
                "Can approve, reject, verify, feature and archive vendors",
            )
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=VendorStatus.values), name="vendor_status_valid"),
            models.CheckConstraint(condition=Q(hours__in=VendorHours.values), name="vendor_hours_valid"),
            models.CheckConstraint(
                condition=Q(hourly_rate_min__gte=0) | Q(hourly_rate_min__isnull=True),
                name="vendor_rate_min_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate_max__gte=0) | Q(hourly_rate_max__isnull=True),
                name="vendor_rate_max_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate_max__gte=F("hourly_rate_min"))
                | Q(hourly_rate_max__isnull=True)
                | Q(hourly_rate_min__isnull=True),
                name="vendor_rate_max_gte_min",
            ),
            models.CheckConstraint(
                condition=Q(founded_year__gte=1800, founded_year__lte=2100) | Q(founded_year__isnull=True),
                name="vendor_founded_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(verified=False) | Q(verified_at__isnull=False),
                name="vendor_verified_has_date",
            ),
            models.CheckConstraint(
                condition=Q(featured=False) | Q(status=VendorStatus.PUBLISHED),
                name="vendor_featured_only_published",
            ),
            models.CheckConstraint(
                condition=~Q(status=VendorStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="vendor_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(rating_average__gte=1, rating_average__lte=5) | Q(rating_average__isnull=True),
                name="vendor_rating_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "name"], name="vendor_status_name_idx"),
            models.Index(
                fields=["status", "-featured", "name"],
                name="vendor_status_featured_idx",
            ),
            models.Index(fields=["status", "hourly_rate_min"], name="vendor_status_rate_idx"),
            models.Index(fields=["status", "hours"], name="vendor_status_hours_idx"),
            models.Index(fields=["status", "verified"], name="vendor_status_verified_idx"),
            models.Index(fields=["status", "-founded_year"], name="vendor_status_founded_idx"),
            models.Index(fields=["status", "-rating_average"], name="vendor_status_rating_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:vendor_detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def valid_certifications(self) -> list:
        """Its certifications a curator checked that have not expired (from the prefetched certifications)."""
        today = timezone.localdate()
        return [
            c
            for c in self.certifications.all()
            if c.checked_at is not None and c.valid_until and c.valid_until >= today
        ]

    @property
    def regulations(self) -> list:
        """The regulations it works under (from the prefetched compliance standards)."""
        return [s for s in self.compliance_standards.all() if s.kind == ComplianceKind.REGULATION]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            "%(value)s is not an IANA time zone (e.g. Asia/Manila).",
            params={"value": value},
        )


class DeliveryCenter(models.Model):
    """A site where a vendor's agents work. A vendor's countries and total seats come from these; so do the
    languages and the rates a client gets there, which differ from one center to the next (a vendor's Manila
    floor and its Glasgow floor neither speak nor cost the same)."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="centers")
    name = models.CharField(max_length=120, blank=True)
    city = models.CharField(max_length=100)
    country = CountryField()
    time_zone = models.CharField(
        max_length=64,
        validators=[validate_time_zone],
        help_text="IANA name, e.g. Asia/Manila.",
    )
    seats = models.PositiveIntegerField(default=0)
    languages = models.ManyToManyField(
        Language, related_name="centers", blank=True, help_text="The languages this center's agents work in."
    )
    hourly_rate_min = models.DecimalField(
        "lowest hourly rate here (USD)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    hourly_rate_max = models.DecimalField(
        "highest hourly rate here (USD)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    hours = models.CharField(
        max_length=10,
        choices=VendorHours,
        default=VendorHours.BUSINESS,
        help_text="Local time: business hours are 08:00 to 18:00 on weekdays, extended hours 07:00 to 23:00 every "
        "day, 24/7 around the clock.",
    )

    class Meta:
        ordering = ["-seats", "city"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__in=VendorHours.values), name="center_hours_valid"),
            models.CheckConstraint(
                condition=Q(hourly_rate_min__gte=0) | Q(hourly_rate_min__isnull=True),
                name="center_rate_min_non_negative",
            ),
            models.CheckConstraint(
                condition=Q(hourly_rate_max__gte=F("hourly_rate_min"))
                | Q(hourly_rate_max__isnull=True)
                | Q(hourly_rate_min__isnull=True),
                name="center_rate_max_gte_min",
            ),
            models.UniqueConstraint(
                fields=["vendor", "city", "name"],
                name="center_unique_per_vendor_city_name",
            ),
        ]
        indexes = [models.Index(fields=["country", "vendor"], name="center_country_vendor_idx")]

    def __str__(self) -> str:
        return f"{self.name or self.city}, {self.country.name}"


class VendorMatchRow(models.Model):
    """The vendor matcher's index: one row per delivery center (one per vendor that lists none) holding what a
    brief is judged on, the vocabularies as bit masks (bit n-1 for the term with id n). Rebuilt for a vendor
    whenever it, its centers or its terms change (directory.match_index); never edited by hand."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="+")
    center = models.OneToOneField(DeliveryCenter, null=True, on_delete=models.CASCADE, related_name="+")
    published = models.BooleanField()
    vendor_name = models.CharField(max_length=200)
    total_seats = models.PositiveIntegerField()
    min_seats = models.PositiveIntegerField(null=True)
    country = models.CharField(max_length=2, blank=True)
    time_zone = models.CharField(max_length=64, blank=True)
    hours = models.CharField(max_length=10, blank=True)
    seats = models.PositiveIntegerField()
    rate_min = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    rate_max = models.DecimalField(max_digits=7, decimal_places=2, null=True)
    service_mask = models.BigIntegerField()
    channel_mask = models.BigIntegerField()
    type_mask = models.BigIntegerField()
    industry_mask = models.BigIntegerField()
    shore_mask = models.BigIntegerField()
    language_mask = models.BigIntegerField()
    # Regulations worked under and certifications checked and valid when the row was built; the matcher checks
    # the certification table itself once the soonest of them has expired.
    compliance_mask = models.BigIntegerField()
    compliance_until = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["vendor"], name="match_row_vendor_idx"),
            # The delivery countries and time zones there are, read by skipping through these
            # (core.sql.distinct_values).
            models.Index(fields=["published", "country"], name="match_row_country_idx"),
            models.Index(fields=["published", "time_zone"], name="match_row_zone_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.vendor_name}: {self.country or 'no center'}"


def certification_evidence_path(certification, filename: str) -> str:
    return f"vendors/certifications/{certification.vendor_id}/{filename}"


def private_storage():
    return PrivateStorage()


class VendorCertification(models.Model):
    """A certification a vendor holds: who issued it, until when, and the evidence a curator checked. Only a
    checked certification that has not expired counts: on the profile, in filters and in the matcher."""

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="certifications")
    standard = models.ForeignKey(
        ComplianceStandard,
        on_delete=models.PROTECT,
        related_name="certifications",
        limit_choices_to={"kind": ComplianceKind.CERTIFICATION},
    )
    issuer = models.CharField(max_length=200, help_text="The certification body or auditor, e.g. a PCI QSA.")
    valid_until = models.DateField(null=True, blank=True, help_text="The expiry date on the certificate.")
    evidence = models.FileField(
        upload_to=certification_evidence_path,
        storage=private_storage,
        blank=True,
        help_text="The certificate or the auditor's letter; curators only.",
    )
    checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VendorCertificationQuerySet.as_manager()

    class Meta:
        ordering = ["standard__position", "standard__name"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "standard"], name="certification_once_per_vendor"),
            models.CheckConstraint(
                condition=Q(checked_at__isnull=True) | Q(valid_until__isnull=False),
                name="certification_checked_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.standard} ({self.vendor})"


class Employer(models.Model):
    """Whoever a job posting is for: a vendor of the directory (a BPO) or an in-house company."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    vendor = models.OneToOneField(
        Vendor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employer",
        help_text="Set when the employer is a BPO listed in the directory; empty for an in-house team.",
    )
    website = models.URLField(blank=True)
    headquarters_country = CountryField(blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_bpo(self) -> bool:
        return self.vendor_id is not None


class Membership(models.Model):
    """A user account acting for a vendor or for an in-house employer (exactly one of the two)."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MANAGER = "manager", "Manager"
        RECRUITER = "recruiter", "Recruiter"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    vendor = models.ForeignKey(
        Vendor,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    employer = models.ForeignKey(
        Employer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(max_length=10, choices=Role, default=Role.MANAGER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(vendor__isnull=False, employer__isnull=True)
                | Q(vendor__isnull=True, employer__isnull=False),
                name="membership_exactly_one_organization",
            ),
            models.UniqueConstraint(
                fields=["user", "vendor"],
                condition=Q(vendor__isnull=False),
                name="membership_unique_vendor",
            ),
            models.UniqueConstraint(
                fields=["user", "employer"],
                condition=Q(employer__isnull=False),
                name="membership_unique_employer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.vendor or self.employer} ({self.get_role_display()})"


class VendorReviewQueue(Vendor):
    """The curators' queue of vendors waiting for review (an admin view over Vendor)."""

    class Meta:
        proxy = True
        verbose_name = "vendor awaiting review"
        verbose_name_plural = "vendors awaiting review"


class Inquiry(models.Model):
    """A business asking a vendor for a proposal. A signed-in business's inquiry is sent at once; an anonymous
    visitor's waits until they confirm their email address. Sent inquiries reach the vendor's members."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", "Waiting for email confirmation"
        SENT = "sent", "Sent"

    class Budget(models.TextChoices):
        UNDER_5K = "under_5k", "Under $5,000 a month"
        FROM_5K = "5k_20k", "$5,000 to $20,000 a month"
        FROM_20K = "20k_50k", "$20,000 to $50,000 a month"
        OVER_50K = "over_50k", "Over $50,000 a month"
        UNKNOWN = "unknown", "Not sure yet"

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="inquiries")
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="inquiries"
    )
    name = models.CharField(max_length=120)
    email = models.EmailField()
    company = models.CharField(max_length=200, blank=True)
    services = models.ManyToManyField(ServiceType, related_name="+", blank=True)
    seats = models.PositiveIntegerField(help_text="How many agents.")
    start_date = models.DateField(null=True, blank=True)
    budget = models.CharField(max_length=10, choices=Budget, default=Budget.UNKNOWN)
    message = models.TextField(max_length=5000)
    status = models.CharField(max_length=12, choices=Status, default=Status.UNCONFIRMED)
    # The form's one-time key: a double click or a resubmitted form cannot send the inquiry twice.
    submission_key = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "inquiries"
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1, seats__lte=100_000), name="inquiry_seats_plausible"),
            models.CheckConstraint(condition=~Q(status="sent") | Q(sent_at__isnull=False), name="inquiry_sent_date"),
        ]
        indexes = [
            models.Index(fields=["vendor", "status", "-created_at"], name="inquiry_vendor_idx"),
            models.Index(fields=["sender", "-created_at"], name="inquiry_sender_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.company or self.name} → {self.vendor}"


class Review(models.Model):
    """A business's rating of a vendor it contacted. Shows once a curator approves it; the vendor replies once."""

    Status = ReviewDecision

    RATING_FIELDS = ("overall", "quality", "communication", "value", "reliability")

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    overall = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    quality = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    communication = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    value = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    reliability = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.TextField(max_length=5000)
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    rejection_reason = models.TextField(blank=True)
    reply = models.TextField(blank=True, max_length=3000)
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "author"], name="review_once_per_vendor"),
            *[
                models.CheckConstraint(condition=Q(**{f"{name}__gte": 1, f"{name}__lte": 5}), name=f"review_{name}_1_5")
                for name in ("overall", "quality", "communication", "value", "reliability")
            ],
        ]
        indexes = [models.Index(fields=["vendor", "status", "-created_at"], name="review_vendor_idx")]

    def __str__(self) -> str:
        return f"{self.author} on {self.vendor}: {self.overall}/5"


class VendorRevision(models.Model):
    """Changes a member proposes to a published vendor profile. The published version stays as it is until a
    curator approves them; then they are applied as a whole."""

    Status = ReviewDecision

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="revisions")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="vendor_revisions"
    )
    # {"fields": {name: value}, "relations": {name: [slug or code, ...]}}, as the members sent them.
    changes = models.JSONField()
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    rejection_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            # One open proposal per vendor: a new one replaces the old.
            models.UniqueConstraint(
                fields=["vendor"], condition=Q(status=ReviewDecision.PENDING), name="one_pending_revision"
            ),
        ]

    def __str__(self) -> str:
        return f"Changes to {self.vendor} ({self.get_status_display()})"


class ClaimRequest(models.Model):
    """Someone asking to manage a listed vendor that has no members yet; curators approve it."""

    Status = ReviewDecision

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="claims")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vendor_claims")
    message = models.TextField(max_length=3000, help_text="Who you are at the company, and how we can check it.")
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    rejection_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "user"], condition=Q(status=ReviewDecision.PENDING), name="one_pending_claim_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} claims {self.vendor}"


class Invitation(models.Model):
    """An organization's member invites a colleague by email; the colleague accepts from the emailed link."""

    vendor = models.ForeignKey(Vendor, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Membership.Role, default=Membership.Role.RECRUITER)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(vendor__isnull=False, employer__isnull=True)
                | Q(vendor__isnull=True, employer__isnull=False),
                name="invitation_exactly_one_organization",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.vendor or self.employer}"
