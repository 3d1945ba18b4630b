"""The business journey's pages: contact a vendor, confirm an inquiry by email, review a vendor, reply."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.client_address import client_address
from core.forms import add_service_errors
from directory.forms import InquiryForm, ReplyForm, ReviewForm
from directory.models import Inquiry, Review, Vendor
from directory.selectors import vendors_of
from directory.services.business import can_review, inquiry_confirm, inquiry_create, review_create, review_reply


def contact_vendor(request, slug):
    """ "Contact this vendor": signed in with a verified email, the inquiry goes at once; otherwise it waits for
    the sender to confirm their address. Either way it is stored before anything else happens."""
    vendor = get_object_or_404(Vendor.objects.published(), slug=slug)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form = InquiryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            inquiry, _ = inquiry_create(
                vendor=vendor, sender=request.user, client=client_address(request), **form.service_arguments()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if inquiry.status == Inquiry.Status.SENT:
                messages.success(request, f"Your inquiry was sent to {vendor.name}.")
            else:
                messages.info(
                    request,
                    f"Almost done: we emailed {inquiry.email} a link. Your inquiry goes to {vendor.name} when you "
                    "open it.",
                )
            return redirect(vendor.get_absolute_url())
    return render(request, "directory/contact.html", {"vendor": vendor, "form": form})


def confirm_inquiry(request, token):
    """The emailed link shows a button; only pressing it (a POST) sends the inquiry, so that mail scanners and
    link previews, which open links, cannot send one in someone's name."""
    if request.method != "POST":
        return render(request, "directory/inquiry_confirmed.html", {"confirm": True})
    try:
        inquiry = inquiry_confirm(token=token)
    except ValidationError as error:
        return render(request, "directory/inquiry_confirmed.html", {"error": " ".join(error.messages)}, status=400)
    return render(request, "directory/inquiry_confirmed.html", {"inquiry": inquiry})


@login_required
def review_vendor(request, slug):
    vendor = get_object_or_404(Vendor.objects.published(), slug=slug)
    if not can_review(request.user, vendor):
        messages.error(request, "You can review a vendor after contacting it through BPO Portal.")
        return redirect(vendor.get_absolute_url())
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ratings = {name: form.cleaned_data[name] for name in Review.RATING_FIELDS}
        try:
            review_create(vendor=vendor, author=request.user, ratings=ratings, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Thank you. Your review shows once a curator has checked it.")
            return redirect(vendor.get_absolute_url())
    return render(request, "directory/review_form.html", {"vendor": vendor, "form": form})


@login_required
@require_POST
def reply_to_review(request, pk):
    review = get_object_or_404(Review.objects.filter(vendor__in=vendors_of(request.user)), pk=pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            review_reply(review=review, actor=request.user, text=form.cleaned_data["reply"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Your reply is published under the review.")
    else:
        messages.error(request, "Write the reply (3,000 characters at most).")
    return redirect("dashboard")
