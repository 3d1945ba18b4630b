"""Writes to vendors' certifications: a curator checks the evidence, and only checked certifications that have
not expired appear among a vendor's compliance standards (the set filters, search and profiles read)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.workflow import lock_for_update, record_action
from directory.match_index import match_rows_refresh
from directory.models import ComplianceStandard, Vendor, VendorCertification, VendorMatchRow

CERTIFICATION = ComplianceStandard.Kind.CERTIFICATION


def vendor_compliance_sync(*, vendor: Vendor) -> None:
    """Make the vendor's certification entries exactly its valid certifications; its regulations stay."""
    through = Vendor.compliance_standards.through
    valid = set(VendorCertification.objects.valid().filter(vendor=vendor).values_list("standard_id", flat=True))
    listed = through.objects.filter(vendor=vendor, compliancestandard__kind=CERTIFICATION)
    listed.exclude(compliancestandard_id__in=valid).delete()
    present = set(listed.values_list("compliancestandard_id", flat=True))
    through.objects.bulk_create(
        [through(vendor_id=vendor.pk, compliancestandard_id=pk) for pk in sorted(valid - present)],
        ignore_conflicts=True,
    )
    match_rows_refresh([vendor.pk])


def vendor_regulations_set(*, vendor: Vendor, standards) -> None:
    """Replace the regulations a vendor works under; certifications are not the vendor's to list."""
    certifications = [standard for standard in standards if standard.kind == CERTIFICATION]
    if certifications:
        names = ", ".join(str(standard) for standard in certifications)
        raise ValidationError({"compliance_standards": f"{names}: a certification is added with its evidence."})
    kept = vendor.compliance_standards.filter(kind=CERTIFICATION)
    vendor.compliance_standards.set([*kept, *standards])


@transaction.atomic
def certification_check(*, certification: VendorCertification, actor: User) -> VendorCertification:
    """A curator has read the evidence: the certification counts until it expires."""
    certification = lock_for_update(certification)
    if certification.valid_until is None:
        raise ValidationError({"valid_until": "Enter the expiry date on the certificate before checking it."})
    if not certification.evidence:
        raise ValidationError({"evidence": "Attach the certificate or the auditor's letter before checking it."})
    certification.checked_at, certification.checked_by = timezone.now(), actor
    certification.save(update_fields=["checked_at", "checked_by"])
    vendor_compliance_sync(vendor=certification.vendor)
    record_action(actor, certification.vendor, f"{certification.standard} certification checked")
    return certification


@transaction.atomic
def certification_uncheck(*, certification: VendorCertification, actor: User | None) -> VendorCertification:
    """The certification no longer counts until a curator checks it again (its details changed, or doubt)."""
    certification = lock_for_update(certification)
    certification.checked_at, certification.checked_by = None, None
    certification.save(update_fields=["checked_at", "checked_by"])
    vendor_compliance_sync(vendor=certification.vendor)
    record_action(actor, certification.vendor, f"{certification.standard} certification unchecked")
    return certification


def certifications_expire() -> int:
    """Take expired certifications off the vendors that still list them (daily, from cron). Returns the number
    of vendors changed. The matcher does not wait for this: it reads the expiry date itself."""
    expired = VendorCertification.objects.filter(valid_until__lt=timezone.localdate())
    listed = Vendor.compliance_standards.through.objects.filter(
        vendor_id__in=expired.values("vendor_id"), compliancestandard_id__in=expired.values("standard_id")
    )
    vendors = Vendor.objects.filter(pk__in=listed.values("vendor_id"))
    count = 0
    for vendor in vendors:
        with transaction.atomic():
            vendor_compliance_sync(vendor=vendor)
        count += 1
    stale = VendorMatchRow.objects.filter(compliance_until__lt=timezone.localdate()).values_list("vendor_id", flat=True)
    match_rows_refresh(list(stale))
    return count
