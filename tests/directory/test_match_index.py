"""The matcher's index follows the directory: whatever changes a vendor changes its rows, and the rows the
migration built for existing vendors are the rows the live code builds."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from directory.match_index import mask, match_rows_rebuild
from directory.models import Channel, Language, VendorMatchRow
from tests.helpers import make_vendor

pytestmark = pytest.mark.django_db

COLUMNS = (
    "vendor_id", "center_id", "published", "vendor_name", "total_seats", "min_seats", "country", "time_zone", "hours",
    "seats", "rate_min", "rate_max", "service_mask", "channel_mask", "type_mask", "industry_mask", "shore_mask",
    "language_mask", "compliance_mask", "compliance_until",
)  # fmt: skip


def rows():
    return sorted(VendorMatchRow.objects.values_list(*COLUMNS), key=lambda row: (row[0], row[1] or 0))


def vendors():
    make_vendor(
        "Two Centers",
        services=["customer-support", "sales"],
        channels=["voice", "chat"],
        call_center_types=["inbound", "blended"],
        industries=["healthcare"],
        shore_models=["nearshore"],
        compliance_standards=["pci-dss", "hipaa"],
        centers=[
            {"country": "CO", "city": "Bogotá", "languages": ["en", "es"], "rates": (Decimal(14), Decimal(18))},
            {"country": "PH", "city": "Manila", "languages": ["en"], "hours": "24x7"},
        ],
    )
    make_vendor("No Centers", services=["payroll"])


def test_the_rows_follow_each_change_to_a_vendor():
    vendors()
    manila = VendorMatchRow.objects.get(country="PH")
    assert manila.language_mask == mask([Language.objects.get(code="en").pk])
    vendor = manila.vendor

    vendor.channels.add(Channel.objects.get(slug="email"))
    vendor.centers.get(city="Manila").languages.add(Language.objects.get(code="ja"))

    manila = VendorMatchRow.objects.get(country="PH")
    assert manila.channel_mask == mask(
        Channel.objects.filter(slug__in=["voice", "chat", "email"]).values_list("pk", flat=True)
    )
    assert manila.language_mask == mask(Language.objects.filter(code__in=["en", "ja"]).values_list("pk", flat=True))
    assert VendorMatchRow.objects.filter(vendor__name="No Centers", center=None).count() == 1


def test_the_migration_builds_the_rows_the_live_code_builds():
    vendors()
    live = rows()
    VendorMatchRow.objects.all().delete()
    migration = importlib.import_module("directory.migrations.0016_vendor_match_rows")

    migration.build_rows(apps, None)

    assert rows() == live
    assert match_rows_rebuild() == len(live)
    assert rows() == live
