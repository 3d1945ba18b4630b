from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from bpo_portal.sitemaps import SITEMAPS
from bpo_portal.views import HomeView, favicon, robots_txt
from core.admin_login import rate_limited
from core.views import healthz, not_found

admin.site.site_header = "BPO Portal curation"
admin.site.site_title = "BPO Portal curation"
admin.site.index_title = "Directory and job board"
admin.site.login = rate_limited(admin.site.login)

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("vendors/", include("directory.urls")),
    path("jobs/", include("jobs.urls")),
    path("insights/", include("insights.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("dashboard.urls")),
    path("", include("jobs.account_urls")),
    path("", include("directory.account_urls")),
    path("api/v1/", include("bpo_portal.api_urls")),
    path("admin/", admin.site.urls),
    # An index of one sitemap per section, each paged (?p=2...) so it scales: see core/seo.py.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = not_found
handler500 = "core.outage.server_error"
