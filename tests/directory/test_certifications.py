"""Certifications a vendor holds count only once a curator has checked the evidence, and only until they expire;
regulations are the vendor's own to list."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from directory.models import ComplianceStandard, VendorCertification
from directory.services.certifications import certification_check, vendor_regulations_set
from tests.helpers import make_vendor

pytestmark = pytest.mark.django_db


def listed(vendor) -> set[str]:
    return set(vendor.compliance_standards.values_list("slug", flat=True))


def test_a_certification_counts_once_a_curator_checks_its_evidence(curator, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    vendor = make_vendor("Claims PCI")
    certification = VendorCertification.objects.create(
        vendor=vendor,
        standard=ComplianceStandard.objects.get(slug="pci-dss"),
        issuer="Harbourline Security (PCI QSA)",
        valid_until=timezone.localdate() + timedelta(days=200),
    )
    assert "pci-dss" not in listed(vendor)
    with pytest.raises(ValidationError):
        certification_check(certification=certification, actor=curator)  # no evidence yet

    certification.evidence = SimpleUploadedFile("aoc.pdf", b"%PDF-1.4 attestation of compliance")
    certification.save()
    certification_check(certification=certification, actor=curator)

    assert "pci-dss" in listed(vendor)


def test_expired_certifications_leave_profiles_and_filters(curator):
    vendor = make_vendor("Lapsing", compliance_standards=["iso-27001", "gdpr"])
    VendorCertification.objects.filter(vendor=vendor).update(valid_until=timezone.localdate() - timedelta(days=1))

    call_command("expire_certifications", verbosity=0)

    assert listed(vendor) == {"gdpr"}


def test_vendors_list_regulations_not_certifications():
    vendor = make_vendor("Lists")
    with pytest.raises(ValidationError, match="evidence"):
        vendor_regulations_set(vendor=vendor, standards=list(ComplianceStandard.objects.filter(slug="soc-2")))
    vendor_regulations_set(vendor=vendor, standards=list(ComplianceStandard.objects.filter(slug__in=["hipaa", "tcpa"])))
    assert listed(vendor) == {"hipaa", "tcpa"}
