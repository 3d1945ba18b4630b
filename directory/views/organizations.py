"""Pages of the organizations' side: a member edits the vendor profile, someone claims an unclaimed vendor,
owners and managers invite colleagues, and colleagues accept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from directory.forms import CenterFormSet, ClaimForm, InvitationForm, VendorProfileForm, formset_centers
from directory.models import Vendor, VendorRevision
from directory.selectors import employers_of, vendors_of
from directory.services.organizations import (
    claim_request_create,
    invitation_accept,
    invitation_create,
    vendor_propose_changes,
)
from directory.services.vendors import CENTER_FIELDS


@login_required
def vendor_edit(request, slug):
    vendor = get_object_or_404(vendors_of(request.user), slug=slug)
    pending = VendorRevision.objects.filter(vendor=vendor, status=VendorRevision.Status.PENDING).first()
    form = VendorProfileForm(request.POST or None, instance=Vendor.objects.get(pk=vendor.pk))
    centers = CenterFormSet(
        request.POST or None,
        prefix="centers",
        initial=[
            {**{name: getattr(c, name) for name in CENTER_FIELDS}, "languages": list(c.languages.all())}
            for c in vendor.centers.order_by("pk").prefetch_related("languages")
        ],
    )
    if request.method == "POST" and form.is_valid() and centers.is_valid():
        try:
            result = vendor_propose_changes(
                vendor=vendor, actor=request.user, **form.service_arguments(), centers=formset_centers(centers)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if isinstance(result, VendorRevision):
                messages.success(
                    request, "Your changes are waiting for a curator; the published profile stays as it is."
                )
            else:
                messages.success(request, "Your profile is saved.")
            return redirect("dashboard")
    return render(
        request, "directory/vendor_edit.html", {"vendor": vendor, "form": form, "centers": centers, "pending": pending}
    )


@login_required
def claim_vendor(request, slug):
    vendor = get_object_or_404(Vendor.objects.published(), slug=slug)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim_request_create(vendor=vendor, user=request.user, message=form.cleaned_data["message"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, f"Your claim of {vendor.name} is with the curators; we email you their answer.")
            return redirect(vendor.get_absolute_url())
    return render(request, "directory/claim.html", {"vendor": vendor, "form": form})


@login_required
@require_POST
def invite(request):
    form = InvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give a valid email address and role.")
        return redirect("dashboard")
    kind, _, slug = form.cleaned_data["organization"].partition(":")
    organizations = {"vendor": vendors_of(request.user), "employer": employers_of(request.user)}.get(kind)
    if organizations is None:
        return redirect("dashboard")
    organization = get_object_or_404(organizations, slug=slug)
    try:
        invitation_create(
            organization=organization,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            actor=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"We emailed an invitation to {form.cleaned_data['email']}.")
    return redirect("dashboard")


@login_required
def accept_invitation(request, token):
    """The emailed link shows a Join button; only pressing it (a POST) makes the account a member."""
    if request.method != "POST":
        return render(request, "directory/invitation.html", {"confirm": True})
    try:
        invitation = invitation_accept(token=token, user=request.user)
    except ValidationError as error:
        return render(request, "directory/invitation.html", {"error": " ".join(error.messages)}, status=400)
    return render(request, "directory/invitation.html", {"invitation": invitation})
