"""The home page: a vendor search and a job search side by side, with what each half holds."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from directory.models import ServiceCategory, ServiceType, Vendor
from jobs.models import JobPosting


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
