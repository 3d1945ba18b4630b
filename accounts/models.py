"""User accounts. A custom user model from the first migration, so accounts can grow without a rewrite."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower


class User(AbstractUser):
    class Kind(models.TextChoices):
        SEEKER = "seeker", "I am looking for customer service work"
        BUSINESS = "business", "I am looking for an outsourcing partner"
        EMPLOYER = "employer", "I hire for a BPO or an in-house team"

    email = models.EmailField("email address")
    kind = models.CharField(
        "account type",
        max_length=10,
        choices=Kind,
        blank=True,
        help_text="Chosen at sign-up; empty for staff accounts.",
    )
    # The vendors a business shortlisted to compare (slugs), kept across devices once signed in.
    vendor_shortlist = models.JSONField(default=list, blank=True, editable=False)
    # True while check_password() runs: a save then is Django re-hashing the same password (accounts/signals.py).
    rehashing_password = False

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
            ),
        ]

    def check_password(self, raw_password):
        self.rehashing_password = True
        try:
            return super().check_password(raw_password)
        finally:
            self.rehashing_password = False

    async def acheck_password(self, raw_password):
        self.rehashing_password = True
        try:
            return await super().acheck_password(raw_password)
        finally:
            self.rehashing_password = False
