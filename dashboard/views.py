"""The signed-in dashboard: an employer's postings in every status with their applications; a vendor member's
inquiries and reviews received; a business's inquiries and reviews sent; a job seeker's latest applications."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from accounts.models import User
from directory.selectors import (
    employers_of,
    inquiries_received,
    inquiries_sent,
    reviews_received,
    reviews_written,
    vendors_of,
)
from jobs.selectors import own_postings, recent_applications_of


@login_required
def dashboard(request):
    employers = list(employers_of(request.user).order_by("name"))
    postings = (
        own_postings(request.user)
        .select_related("employer")
        .annotate(application_count=Count("applications"))
        .order_by("-created_at")
    )
    vendors = list(vendors_of(request.user).order_by("name"))
    applications = list(recent_applications_of(request.user))
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "employers": employers,
            "postings": postings if employers else [],
            "recent_applications": applications,
            # A job seeker's block; a business or an employer sees it only if they applied somewhere themselves.
            "show_applications": request.user.kind == User.Kind.SEEKER or bool(applications),
            "vendors": vendors,
            "inquiries_received": inquiries_received(vendors)[:50],
            "reviews_received": reviews_received(vendors)[:50],
            "inquiries_sent": inquiries_sent(request.user)[:50],
            "reviews_written": reviews_written(request.user)[:50],
        },
    )
