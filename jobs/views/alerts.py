"""Saved-search alerts in the browser: save the current job search, list and delete them, unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from jobs.models import SavedSearch
from jobs.services.alerts import saved_search_create, saved_search_unsubscribe


@login_required
def alerts(request):
    if request.method == "POST":
        try:
            _, created = saved_search_create(
                user=request.user,
                query=request.POST.get("query", "")[:2000],
                frequency=request.POST.get("frequency", ""),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Saved: we email you new jobs for this search." if created else "Updated.")
        query = request.POST.get("query", "")
        return redirect(f"{reverse('jobs:job_posting_list')}?{query}" if query else reverse("jobs:job_posting_list"))
    searches = SavedSearch.objects.filter(user=request.user)
    return render(request, "jobs/alerts.html", {"searches": searches})


@login_required
@require_POST
def alert_delete(request, pk):
    get_object_or_404(SavedSearch, pk=pk, user=request.user).delete()
    messages.success(request, "That alert is deleted.")
    return redirect("alerts")


@csrf_exempt  # the signed token is the authorization; mail clients POST here without a CSRF token
def unsubscribe(request, token):
    """No login needed. Mail clients POST here straight from the List-Unsubscribe header; people press the
    page's button (opening the link alone changes nothing, so link scanners cannot unsubscribe anyone)."""
    if request.method != "POST":
        return render(request, "jobs/unsubscribe.html", {"confirm": True})
    try:
        saved_search_unsubscribe(token=token)
    except ValidationError as error:
        return render(request, "jobs/unsubscribe.html", {"error": " ".join(error.messages)}, status=400)
    return render(request, "jobs/unsubscribe.html", {"done": True})
