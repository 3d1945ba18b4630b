# Compliance is two things: certifications a vendor holds (now rows with an issuer, an expiry and evidence a
# curator checks) and regulations it works under. This migration gives every standard its kind, adds the missing
# ones, and moves the certifications vendors listed into unchecked certification rows: a curator checks them
# before they count again. Each center gets its vendor's hours. The rows are frozen here, as of this migration.

from django.db import migrations

STANDARDS = [
    {'slug': 'pci-dss', 'name': 'PCI DSS', 'description': 'Payment Card Industry Data Security Standard, for handling card payments; assessed by a QSA each year.', 'kind': 'certification', 'position': 0},
    {'slug': 'soc-1', 'name': 'SOC 1 / ISAE 3402', 'description': 'Controls over financial reporting, reported by an independent auditor.', 'kind': 'certification', 'position': 1},
    {'slug': 'soc-2', 'name': 'SOC 2', 'description': 'AICPA System and Organization Controls 2 report on security and availability.', 'kind': 'certification', 'position': 2},
    {'slug': 'iso-27001', 'name': 'ISO 27001', 'description': 'ISO/IEC 27001 information security management.', 'kind': 'certification', 'position': 3},
    {'slug': 'iso-9001', 'name': 'ISO 9001', 'description': 'ISO 9001 quality management.', 'kind': 'certification', 'position': 4},
    {'slug': 'iso-22301', 'name': 'ISO 22301', 'description': 'ISO 22301 business continuity management.', 'kind': 'certification', 'position': 5},
    {'slug': 'hitrust', 'name': 'HITRUST', 'description': 'HITRUST CSF certification for healthcare information security.', 'kind': 'certification', 'position': 6},
    {'slug': 'copc', 'name': 'COPC', 'description': 'COPC customer experience standard for contact centers.', 'kind': 'certification', 'position': 7},
    {'slug': 'hipaa', 'name': 'HIPAA', 'description': 'US Health Insurance Portability and Accountability Act, for patient data.', 'kind': 'regulation', 'position': 8},
    {'slug': 'gdpr', 'name': 'GDPR', 'description': 'EU General Data Protection Regulation, for personal data of people in the EU.', 'kind': 'regulation', 'position': 9},
    {'slug': 'tcpa', 'name': 'TCPA', 'description': 'US Telephone Consumer Protection Act, for outbound calls and texts.', 'kind': 'regulation', 'position': 10},
    {'slug': 'fdcpa', 'name': 'FDCPA', 'description': 'US Fair Debt Collection Practices Act, for collections.', 'kind': 'regulation', 'position': 11},
    {'slug': 'ph-dpa', 'name': 'Philippine Data Privacy Act', 'description': 'Republic Act 10173, for personal data processed in the Philippines.', 'kind': 'regulation', 'position': 12},
]


def forwards(apps, schema_editor):
    Standard = apps.get_model("directory", "ComplianceStandard")
    for row in STANDARDS:
        Standard.objects.update_or_create(slug=row["slug"], defaults={k: v for k, v in row.items() if k != "slug"})
    Certification = apps.get_model("directory", "VendorCertification")
    through = apps.get_model("directory", "Vendor").compliance_standards.through
    listed = through.objects.filter(compliancestandard__kind="certification")
    Certification.objects.bulk_create(
        [
            Certification(vendor_id=vendor_id, standard_id=standard_id, issuer="Not stated")
            for vendor_id, standard_id in listed.values_list("vendor_id", "compliancestandard_id")
        ],
        ignore_conflicts=True,
    )
    listed.delete()
    Center = apps.get_model("directory", "DeliveryCenter")
    Vendor = apps.get_model("directory", "Vendor")
    for hours in ("extended", "24x7"):
        Center.objects.filter(vendor__in=Vendor.objects.filter(hours=hours)).update(hours=hours)


class Migration(migrations.Migration):
    dependencies = [("directory", "0014_certifications_center_hours")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
