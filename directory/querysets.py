"""Reads of the directory, as chainable queryset methods."""

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from directory.choices import VendorStatus


class VendorQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=VendorStatus.PUBLISHED)

    def pending_review(self):
        return self.filter(status=VendorStatus.PENDING)

    def featured(self):
        return self.published().filter(featured=True)

    def with_center_totals(self):
        """Annotate `total_seats` and `center_count` with correlated subqueries.

        Subqueries rather than a join, so that other filters joining many-to-many tables
        cannot multiply the sums.
        """
        from directory.models import DeliveryCenter

        centers = DeliveryCenter.objects.filter(vendor=OuterRef("pk")).order_by().values("vendor")
        return self.annotate(
            total_seats=Coalesce(
                Subquery(centers.annotate(s=Sum("seats")).values("s")),
                0,
                output_field=IntegerField(),
            ),
            center_count=Coalesce(
                Subquery(centers.annotate(c=Count("pk")).values("c")),
                0,
                output_field=IntegerField(),
            ),
        )
