"""What the job board shows on other apps' pages: the directory's vendor profile lists the BPO's open postings
through `{% vendor_open_jobs vendor %}`, so the directory never reads the job board's tables itself."""

from django import template

from jobs.models import JobPosting

register = template.Library()


@register.inclusion_tag("jobs/vendor_open_jobs.html")
def vendor_open_jobs(vendor, limit: int = 10):
    open_jobs = (
        JobPosting.objects.published()
        .filter(employer__vendor=vendor)
        .select_related("employer")
        .order_by("-published_at")[:limit]
    )
    return {"vendor": vendor, "open_jobs": open_jobs}
