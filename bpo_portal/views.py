"""Project-wide views: the health check and the home page."""

import logging

from django.db import DatabaseError, connection
from django.db.models import Count, Q
from django.http import JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from directory.models import ServiceCategory, ServiceType, Vendor
from jobs.models import JobPosting

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not; load balancers poll this."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request, exception):
    """A 404 under /api/ is JSON like every other API answer (a path no route matches, such as a slug with
    characters a slug never has); elsewhere, the site's 404 page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Q(vendors__status=Vendor.Status.PUBLISHED)
        context["categories"] = [
            (
                label,
                ServiceType.objects.filter(category=value).annotate(vendor_count=Count("vendors", filter=published)),
            )
            for value, label in ServiceCategory.choices
        ]
        context["featured_vendors"] = Vendor.objects.featured().with_center_totals().prefetch_related("services")[:6]
        context["newest_jobs"] = JobPosting.objects.published().select_related("employer").order_by("-published_at")[:8]
        context["vendor_count"] = Vendor.objects.published().count()
        context["job_count"] = JobPosting.objects.published().count()
        context["remote_job_count"] = JobPosting.objects.published().remote().count()
        context["job_countries"] = (
            JobPosting.objects.published().order_by().values("country").annotate(n=Count("pk")).order_by("-n")[:8]
        )
        return context
