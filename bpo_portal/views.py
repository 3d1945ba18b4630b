"""The home page (a vendor search and a job search side by side, with what each half holds), and what crawlers and
browsers ask every site for: /robots.txt and /favicon.ico."""

from django.contrib.staticfiles import finders
from django.db.models import Count, Q
from django.http import FileResponse, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
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
        context["site_data"] = site_structured_data(self.request)
        return context


def site_structured_data(request) -> dict:
    """schema.org markup of the home page: who runs the site, and how to search it (for search engines)."""
    home = request.build_absolute_uri("/")

    def search(list_name: str) -> dict:
        return {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{request.build_absolute_uri(reverse(list_name))}?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        }

    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Organization",
                "@id": f"{home}#organization",
                "name": "BPO Portal",
                "url": home,
                "logo": request.build_absolute_uri(static("icons/icon-512.png")),
            },
            {
                "@type": "WebSite",
                "@id": f"{home}#website",
                "name": "BPO Portal",
                "url": home,
                "publisher": {"@id": f"{home}#organization"},
                "potentialAction": [search("jobs:job_posting_list"), search("directory:vendor_list")],
            },
        ],
    }


# What crawlers may fetch: everything public, not the signed-in pages, the forms behind the public pages or the API
# (its documentation excepted: the Allow line comes first for crawlers that take the first matching rule rather than
# the longest). The pages themselves also say noindex where they must not be listed.
ROBOTS_RULES = """User-agent: *
Disallow: /admin/
Disallow: /accounts/
Disallow: /dashboard/
Disallow: /me/
Disallow: /applications/
Disallow: /alerts/
Disallow: /invitations/
Disallow: /vendors/compare/
Disallow: /vendors/shortlist/
Disallow: /vendors/inquiries/
Disallow: /vendors/*/contact/
Disallow: /vendors/*/review/
Disallow: /vendors/*/claim/
Disallow: /vendors/*/shortlist/
Disallow: /jobs/*/apply/
Disallow: /jobs/*/save/
Allow: /api/v1/docs/
Disallow: /api/
"""


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap-index"))
    return HttpResponse(f"{ROBOTS_RULES}\nSitemap: {sitemap}\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=60 * 60 * 24)
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask for whatever the pages link to (the static file, served here)."""
    return FileResponse(open(finders.find("icons/favicon.ico"), "rb"), content_type="image/x-icon")
