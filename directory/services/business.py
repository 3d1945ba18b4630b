"""Writes of the business journey: contacting a vendor, reviewing it, and the vendor's reply.

Every write here is used by the web pages and the API alike. Emails leave only after the transaction that
caused them commits, so a rolled-back write never announces anything.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone

from accounts.models import User
from accounts.selectors import has_verified_email
from core.limits import enforce_daily_limit
from core.mail import send_templated, send_templated_after_commit
from core.page_cache import public_pages_changed
from core.workflow import lock_for_update, record_action, require_status
from directory.models import Inquiry, Review, Vendor
from directory.selectors import member_emails

CONFIRM_SALT = "directory.inquiry.confirm"
CONFIRM_MAX_AGE = timedelta(days=7)
DAILY_LIMIT_MESSAGE = "You can send at most {limit} of these a day; please try again tomorrow."


class ConfirmationLimitReached(ValidationError):
    """Too many confirmation emails asked for from one client address in the window: the form shows it, the API
    answers 429 with `retry_after`."""

    def __init__(self):
        self.retry_after = settings.INQUIRY_CONFIRMATION_WINDOW_SECONDS
        super().__init__(
            "Too many confirmation emails were asked for from your network: please try again in "
            f"{self.retry_after // 60} minutes, or sign in with an account whose email address is confirmed (its "
            "inquiries need no email)."
        )


def _confirmations_key(client: str) -> str:
    return f"inquiry-confirmations:{client}"


def _announce_inquiry(inquiry: Inquiry) -> None:
    send_templated("directory/email/inquiry_received", {"inquiry": inquiry}, member_emails(vendor=inquiry.vendor))


def _send_confirmation(inquiry: Inquiry) -> None:
    token = signing.dumps(inquiry.pk, salt=CONFIRM_SALT)
    send_templated("directory/email/inquiry_confirm", {"inquiry": inquiry, "token": token}, [inquiry.email])


def inquiry_create(
    *, vendor: Vendor, sender, fields: dict, services=(), submission_key, client: str
) -> tuple[Inquiry, bool]:
    """Store an inquiry to a published vendor; send it now if the sender confirmed the email address given,
    otherwise email them a confirmation link, at most INQUIRY_CONFIRMATIONS_PER_CLIENT an hour from one `client`
    address (core.client_address), so that the site cannot be made to mail strangers. The same
    `submission_key` twice returns the first inquiry (False)."""
    sender = sender if sender is not None and sender.is_authenticated else None
    existing = Inquiry.objects.filter(submission_key=submission_key).first()
    if existing:
        same = existing.vendor_id == vendor.pk and existing.sender_id == (sender.pk if sender else None)
        if not same or existing.email.lower() != fields.get("email", "").lower():
            raise ValidationError({"submission_key": "This key was already used for another inquiry; make a new one."})
        return existing, False
    if not vendor.is_public:
        raise ValidationError("This vendor is not listed.")
    if sender is not None:
        enforce_daily_limit(Inquiry.objects.filter(sender=sender), kind="inquiry", message=DAILY_LIMIT_MESSAGE)
    else:
        # Anonymous inquiries send confirmation emails: the same limit per address stops mail bombing.
        recent = Inquiry.objects.filter(email__iexact=fields.get("email", ""))
        enforce_daily_limit(recent, kind="inquiry", message=DAILY_LIMIT_MESSAGE)
    verified = has_verified_email(sender, fields.get("email", ""))
    if not verified and cache.get(_confirmations_key(client), 0) >= settings.INQUIRY_CONFIRMATIONS_PER_CLIENT:
        raise ConfirmationLimitReached
    inquiry = Inquiry(vendor=vendor, sender=sender, submission_key=submission_key, **fields)
    if verified:
        inquiry.status, inquiry.sent_at = Inquiry.Status.SENT, timezone.now()
    inquiry.full_clean(exclude=["submission_key"])
    try:
        with transaction.atomic():
            inquiry.save()
            inquiry.services.set(services)
    except IntegrityError:
        return Inquiry.objects.get(submission_key=submission_key), False
    if not verified:
        cache.add(_confirmations_key(client), 0, settings.INQUIRY_CONFIRMATION_WINDOW_SECONDS)
        cache.incr(_confirmations_key(client))
    transaction.on_commit(lambda: (_announce_inquiry if verified else _send_confirmation)(inquiry))
    return inquiry, True


@transaction.atomic
def inquiry_confirm(*, token: str) -> Inquiry:
    """The sender's click on the emailed link: the inquiry goes to the vendor, once however often it is clicked."""
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise ValidationError("This link has expired; please send the inquiry again.") from error
    except signing.BadSignature as error:
        raise ValidationError("This link is not valid.") from error
    inquiry = Inquiry.objects.select_for_update().filter(pk=pk).first()
    if inquiry is None:
        raise ValidationError("This inquiry no longer exists.")
    if inquiry.status == Inquiry.Status.UNCONFIRMED:
        inquiry.status, inquiry.sent_at = Inquiry.Status.SENT, timezone.now()
        inquiry.save(update_fields=["status", "sent_at"])
        transaction.on_commit(lambda: _announce_inquiry(inquiry))
    return inquiry


def can_review(user, vendor) -> bool:
    """Only a business that has contacted the vendor (a sent inquiry) may rate it, and never its own members."""
    return (
        user.is_authenticated
        and Inquiry.objects.filter(vendor=vendor, sender=user, status=Inquiry.Status.SENT).exists()
        and not vendor.memberships.filter(user=user).exists()
    )


def review_create(*, vendor: Vendor, author: User, ratings: dict[str, int], text: str) -> Review:
    if not can_review(author, vendor):
        raise ValidationError("Only a business that has contacted this vendor through BPO Portal can review it.")
    if Review.objects.filter(vendor=vendor, author=author).exists():
        raise ValidationError("You have already reviewed this vendor.")
    enforce_daily_limit(Review.objects.filter(author=author), kind="review", message=DAILY_LIMIT_MESSAGE)
    review = Review(vendor=vendor, author=author, text=text, **ratings)
    review.full_clean()
    try:
        with transaction.atomic():
            review.save()
    except IntegrityError:
        raise ValidationError("You have already reviewed this vendor.") from None
    return review


def vendor_rating_refresh(vendor: Vendor) -> None:
    """The vendor's rating: the average overall score of its approved reviews (what `-rating` sorts by)."""
    totals = Review.objects.filter(vendor=vendor, status=Review.Status.APPROVED).aggregate(
        average=Avg("overall"), count=Count("pk")
    )
    average = round(totals["average"], 2) if totals["average"] is not None else None
    Vendor.objects.filter(pk=vendor.pk).update(rating_average=average, rating_count=totals["count"])
    public_pages_changed()  # an update() sends no signal


@transaction.atomic
def review_approve(*, review: Review, actor: User) -> Review:
    review = lock_for_update(review)
    require_status(review, "approve", {Review.Status.PENDING, Review.Status.REJECTED})
    review.status, review.rejection_reason = Review.Status.APPROVED, ""
    review.save(update_fields=["status", "rejection_reason"])
    Vendor.objects.select_for_update().get(pk=review.vendor_id)  # rating refreshes of one vendor queue up
    vendor_rating_refresh(review.vendor)
    record_action(actor, review, "Approved")
    return review


@transaction.atomic
def review_reject(*, review: Review, actor: User, reason: str) -> Review:
    if not reason.strip():
        raise ValidationError({"rejection_reason": "Say why, so the author can fix it."})
    review = lock_for_update(review)
    require_status(review, "reject", {Review.Status.PENDING, Review.Status.APPROVED})
    review.status, review.rejection_reason = Review.Status.REJECTED, reason.strip()
    review.save(update_fields=["status", "rejection_reason"])
    Vendor.objects.select_for_update().get(pk=review.vendor_id)
    vendor_rating_refresh(review.vendor)
    record_action(actor, review, f"Rejected: {reason.strip()}")
    send_templated_after_commit("directory/email/review_rejected", {"review": review}, [review.author.email])
    return review


@transaction.atomic
def review_reply(*, review: Review, actor: User, text: str) -> Review:
    """The vendor's one public answer to an approved review."""
    if not text.strip():
        raise ValidationError({"reply": "Write the reply."})
    review = lock_for_update(review)
    if review.status != Review.Status.APPROVED:
        raise ValidationError("Only a published review can be answered.")
    if review.reply:
        raise ValidationError("This review already has your reply; a vendor replies once.")
    review.reply, review.replied_at = text.strip(), timezone.now()
    review.save(update_fields=["reply", "replied_at"])
    record_action(actor, review, "Vendor replied")
    return review
