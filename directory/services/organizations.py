"""Writes of the organizations' side: members' edits to a published profile (reviewed by curators), claims of
unclaimed vendors, invitations of colleagues by email, and the one membership a curator may grant by hand.

Memberships are made through claims (approved by a curator other than the claimant) and invitations (sent by an
owner or a manager). A member reads the applications, resumes included, of the organization's postings, so no
one, curator or superuser, makes themselves a member in the admin: `membership_grant_by_curator` is the only
other way in, for someone else, with a reason, written to the organization's history and mailed to its owners."""

from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from accounts.selectors import has_verified_email
from core.mail import send_templated_after_commit
from core.workflow import lock_for_update, record_action, require_status
from directory.models import (
    ClaimRequest,
    DeliveryCenter,
    Employer,
    Invitation,
    Language,
    Membership,
    Vendor,
    VendorRevision,
)
from directory.services.vendors import CENTER_FIELDS, VENDOR_EDITABLE_RELATIONS, vendor_update

INVITATION_SALT = "directory.invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600


# --- Profile edits ------------------------------------------------------------------------------------------


def _term_key(term) -> str:
    return getattr(term, "slug", None) or term.code


def _serializable(fields: dict) -> dict:
    return {name: str(value) if isinstance(value, Decimal) else value for name, value in fields.items()}


@transaction.atomic
def vendor_propose_changes(
    *, vendor: Vendor, actor: User, fields: dict, relations: dict | None = None, centers: list[dict] | None = None
):
    """A member's edit. On a published vendor it waits for a curator (the published version stays visible) and
    replaces any earlier proposal; on an unpublished one it applies at once. Returns the revision or the vendor."""
    relations = relations or {}
    if vendor.status != Vendor.Status.PUBLISHED:
        return vendor_update(vendor=vendor, actor=actor, fields=fields, relations=relations, centers=centers)
    # Curators review what changes, not the whole form.
    fields = {name: value for name, value in fields.items() if not _same(getattr(vendor, name), value)}
    relations = {
        name: terms
        for name, terms in relations.items()
        if {term.pk for term in terms} != set(getattr(vendor, name).values_list("pk", flat=True))
    }
    if centers is not None:
        current = [
            _center_json({**{name: getattr(c, name) for name in CENTER_FIELDS}, "languages": list(c.languages.all())})
            for c in vendor.centers.order_by("pk").prefetch_related("languages")
        ]
        centers = [_center_json(center) for center in centers]
        unchanged = len(centers) == len(current) and all(
            {name: now.get(name) for name in proposed} == proposed
            for proposed, now in zip(centers, current, strict=True)
        )
        if unchanged:
            centers = None
    if not fields and not relations and centers is None:
        return vendor
    # Check the proposal now, on a copy, so a curator never approves something that cannot be saved.
    trial = Vendor.objects.get(pk=vendor.pk)
    for name, value in fields.items():
        setattr(trial, name, value)
    trial.full_clean()
    if centers is not None:
        vendor_centers_check(centers)
    changes = {
        "fields": _serializable(fields),
        "relations": {name: sorted(_term_key(term) for term in terms) for name, terms in relations.items()},
    }
    if centers is not None:
        changes["centers"] = centers
    Vendor.objects.select_for_update().get(pk=vendor.pk)  # one proposal at a time per vendor
    revision = VendorRevision.objects.filter(vendor=vendor, status=VendorRevision.Status.PENDING).first()
    if revision is None:
        revision = VendorRevision(vendor=vendor)
    revision.submitted_by, revision.changes = actor, changes
    revision.save()
    record_action(actor, vendor, "Profile changes proposed for review")
    return revision


def _center_json(center: dict) -> dict:
    """A center as a revision stores it; what the member left out is left out (the center keeps its own)."""
    country = center.get("country")
    stored = {
        "name": center.get("name") or "",
        "city": center.get("city") or "",
        "country": getattr(country, "code", country) or "",
        "time_zone": center.get("time_zone") or "",
        "seats": int(center.get("seats") or 0),
    }
    if center.get("hours"):
        stored["hours"] = str(center["hours"])
    for name in ("hourly_rate_min", "hourly_rate_max"):
        if name in center:
            stored[name] = None if center[name] is None else str(center[name])
    if "languages" in center:
        stored["languages"] = sorted(getattr(language, "code", language) for language in center["languages"])
    return stored


def vendor_centers_check(centers: list[dict]) -> None:
    """Check proposed centers now, so that a curator never approves centers that cannot be saved."""

    for center in centers:
        fields = {name: value for name, value in center.items() if name != "languages"}
        DeliveryCenter(**fields).full_clean(exclude=["vendor"], validate_unique=False)
        known = set(Language.objects.filter(code__in=center.get("languages", ())).values_list("code", flat=True))
        unknown = sorted(set(center.get("languages", ())) - known)
        if unknown:
            raise ValidationError({"centers": f"Unknown language codes: {', '.join(unknown)}."})


def _same(current, proposed) -> bool:
    """Equal, counting text that differs only in line endings or surrounding blanks (forms strip them)."""
    if isinstance(current, str) and isinstance(proposed, str):
        return current.replace("\r\n", "\n").strip() == proposed.replace("\r\n", "\n").strip()
    return current == proposed


def _relation_terms(name: str, keys: list[str]):
    model = Vendor._meta.get_field(name).related_model
    field = "code" if name == "languages" else "slug"
    terms = list(model.objects.filter(**{f"{field}__in": keys}))
    if len(terms) != len(set(keys)):
        raise ValidationError({name: "Some of these terms no longer exist; reject and ask for a new proposal."})
    return terms


@transaction.atomic
def vendor_revision_approve(*, vendor_revision: VendorRevision, actor: User) -> VendorRevision:
    revision = lock_for_update(vendor_revision)
    require_status(revision, "approve", {VendorRevision.Status.PENDING})
    fields = {}
    for name, value in revision.changes.get("fields", {}).items():
        fields[name] = Vendor._meta.get_field(name).to_python(value)
    relations = {
        name: _relation_terms(name, keys)
        for name, keys in revision.changes.get("relations", {}).items()
        if name in VENDOR_EDITABLE_RELATIONS
    }
    vendor_update(
        vendor=revision.vendor, actor=actor, fields=fields, relations=relations, centers=revision.changes.get("centers")
    )
    revision.status, revision.decided_at, revision.decided_by = VendorRevision.Status.APPROVED, timezone.now(), actor
    revision.save(update_fields=["status", "decided_at", "decided_by"])
    if revision.submitted_by:
        send_templated_after_commit(
            "directory/email/vendor_revision_approved", {"revision": revision}, [revision.submitted_by.email]
        )
    return revision


@transaction.atomic
def vendor_revision_reject(*, vendor_revision: VendorRevision, actor: User, reason: str) -> VendorRevision:
    if not reason.strip():
        raise ValidationError({"rejection_reason": "Say why, so the member can fix it."})
    revision = lock_for_update(vendor_revision)
    require_status(revision, "reject", {VendorRevision.Status.PENDING})
    revision.status, revision.rejection_reason = VendorRevision.Status.REJECTED, reason.strip()
    revision.decided_at, revision.decided_by = timezone.now(), actor
    revision.save(update_fields=["status", "rejection_reason", "decided_at", "decided_by"])
    if revision.submitted_by:
        send_templated_after_commit(
            "directory/email/vendor_revision_rejected", {"revision": revision}, [revision.submitted_by.email]
        )
    return revision


# --- Claims -------------------------------------------------------------------------------------------------


def claim_request_create(*, vendor: Vendor, user: User, message: str) -> ClaimRequest:
    if not has_verified_email(user):
        raise ValidationError("Confirm your email address before you claim a vendor.")
    if not vendor.is_public:
        raise ValidationError("This vendor is not listed.")
    if vendor.memberships.exists():
        raise ValidationError(f"{vendor.name} is already managed by its team; ask them to invite you.")
    if not message.strip():
        raise ValidationError({"message": "Tell the curators who you are at the company and how to check it."})
    try:
        with transaction.atomic():
            return ClaimRequest.objects.create(vendor=vendor, user=user, message=message.strip())
    except IntegrityError:
        raise ValidationError("Your claim of this vendor is already waiting for a curator.") from None


@transaction.atomic
def claim_request_approve(*, claim_request: ClaimRequest, actor: User) -> ClaimRequest:
    claim = lock_for_update(claim_request)
    require_status(claim, "approve", {ClaimRequest.Status.PENDING})
    if claim.user_id == actor.pk:
        raise ValidationError(f"{claim.vendor.name}: another curator approves your own claim.")
    Vendor.objects.select_for_update().get(pk=claim.vendor_id)  # two approvals of one vendor queue up here
    if claim.vendor.memberships.exclude(user=claim.user).exists():
        raise ValidationError(f"{claim.vendor.name} already has an owner; reject this claim instead.")
    Membership.objects.get_or_create(user=claim.user, vendor=claim.vendor, defaults={"role": Membership.Role.OWNER})
    claim.status = ClaimRequest.Status.APPROVED
    claim.save(update_fields=["status"])
    record_action(actor, claim.vendor, f"Claim by {claim.user} approved")
    send_templated_after_commit("directory/email/claim_request_approved", {"claim": claim}, [claim.user.email])
    return claim


@transaction.atomic
def claim_request_reject(*, claim_request: ClaimRequest, actor: User, reason: str) -> ClaimRequest:
    if not reason.strip():
        raise ValidationError({"rejection_reason": "Say why."})
    claim = lock_for_update(claim_request)
    require_status(claim, "reject", {ClaimRequest.Status.PENDING})
    claim.status, claim.rejection_reason = ClaimRequest.Status.REJECTED, reason.strip()
    claim.save(update_fields=["status", "rejection_reason"])
    send_templated_after_commit("directory/email/claim_request_rejected", {"claim": claim}, [claim.user.email])
    return claim


# --- A curator's grant ---------------------------------------------------------------------------------------


def owner_emails(organization: Vendor | Employer) -> list[str]:
    """The owners' addresses: of the vendor, or of the employer and, for a BPO's employer, of its vendor."""
    owners = Q(vendor=organization) if isinstance(organization, Vendor) else Q(employer=organization)
    if isinstance(organization, Employer) and organization.vendor_id:
        owners |= Q(vendor_id=organization.vendor_id)
    return sorted(
        set(
            Membership.objects.filter(owners, role=Membership.Role.OWNER)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


def membership_grant_check(*, user: User, actor: User, reason: str) -> None:
    """The rules of a curator's grant that a form can check before saving (the admin's add form does)."""
    if user.pk == actor.pk:
        raise ValidationError(
            {
                "user": "Nobody grants themselves a membership, curators and superusers included: ask an owner of the "
                "organization to invite you, or another curator."
            }
        )
    if not reason.strip():
        raise ValidationError({"reason": "Say why, for the organization's owners and its history."})


@transaction.atomic
def membership_grant_by_curator(
    *, organization: Vendor | Employer, user: User, role: str, reason: str, actor: User
) -> Membership:
    """Make `user` a member of `organization` on a curator's word (an owner who lost access, a team with no one
    left to invite): recorded in the organization's admin history with the reason, and mailed, once committed,
    to the organization's owners and to the new member."""
    membership_grant_check(user=user, actor=actor, reason=reason)
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"One of: {', '.join(Membership.Role.values)}."})
    key = "vendor" if isinstance(organization, Vendor) else "employer"
    owners = owner_emails(organization)  # before the grant: a new owner is told as the new member
    try:
        with transaction.atomic():
            membership = Membership.objects.create(user=user, role=role, **{key: organization})
    except IntegrityError:
        raise ValidationError({"user": f"{user} is already a member of {organization}."}) from None
    reason = reason.strip()
    record_action(actor, organization, f"Membership granted by a curator to {user} as {role}. Reason: {reason}")
    curator = actor.get_full_name() or actor.username
    context = {"user": user, "organization": organization, "role": role, "reason": reason, "curator": curator}
    send_templated_after_commit("directory/email/membership_granted_owners", context, owners)
    send_templated_after_commit("directory/email/membership_granted_member", context, [user.email])
    return membership


# --- Invitations --------------------------------------------------------------------------------------------


def can_invite(user: User, organization) -> bool:
    """Owners and managers invite colleagues."""
    key = "vendor" if isinstance(organization, Vendor) else "employer"
    return Membership.objects.filter(
        user=user, **{key: organization}, role__in=[Membership.Role.OWNER, Membership.Role.MANAGER]
    ).exists()


@transaction.atomic
def invitation_create(*, organization: Vendor | Employer, email: str, role: str, actor: User) -> Invitation:
    if not has_verified_email(actor):
        raise ValidationError("Confirm your email address before you invite anyone.")
    if not can_invite(actor, organization):
        raise ValidationError("Only the owners and managers of an organization invite colleagues.")
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"One of: {', '.join(Membership.Role.values)}."})
    key = "vendor" if isinstance(organization, Vendor) else "employer"
    invitation = Invitation.objects.create(**{key: organization}, email=email.strip(), role=role, invited_by=actor)
    send_templated_after_commit(
        "directory/email/invitation",
        {
            "invitation": invitation,
            "organization": organization,
            "token": signing.dumps(invitation.pk, salt=INVITATION_SALT),
        },
        [invitation.email],
    )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Invitation:
    try:
        pk = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature as error:
        raise ValidationError("This invitation link is not valid or has expired.") from error
    invitation = Invitation.objects.select_for_update().filter(pk=pk).first()
    if invitation is None:
        raise ValidationError("This invitation no longer exists.")
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has been used already.")
    # The invited address, confirmed by this account: an address typed at sign-up proves nothing until then.
    if not has_verified_email(user, invitation.email):
        raise ValidationError(
            "This invitation was sent to another email address: accept it signed in to the account that has "
            "confirmed that address."
        )
    organization = {"vendor": invitation.vendor} if invitation.vendor_id else {"employer": invitation.employer}
    Membership.objects.get_or_create(user=user, **organization, defaults={"role": invitation.role})
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return invitation
