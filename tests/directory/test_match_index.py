"""The matcher's index follows the directory: whatever changes a vendor changes its rows, and the rows the
migration built for existing vendors are the rows the live code builds."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from directory.brief import MatchRequestSerializer
from directory.match_index import mask, match_rows_rebuild
from directory.matching import match_vendors
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
    assert manila.language_mask == mask(Language, [Language.objects.get(code="en").pk])
    vendor = manila.vendor

    vendor.channels.add(Channel.objects.get(slug="email"))
    vendor.centers.get(city="Manila").languages.add(Language.objects.get(code="ja"))

    manila = VendorMatchRow.objects.get(country="PH")
    assert manila.channel_mask == mask(
        Channel, Channel.objects.filter(slug__in=["voice", "chat", "email"]).values_list("pk", flat=True)
    )
    assert manila.language_mask == mask(
        Language, Language.objects.filter(code__in=["en", "ja"]).values_list("pk", flat=True)
    )
    assert VendorMatchRow.objects.filter(vendor__name="No Centers", center=None).count() == 1


def test_the_migration_builds_the_rows_the_live_code_builds():
    vendors()
    live = rows()
    VendorMatchRow.objects.all().delete()
    migration = importlib.import_module("directory.migrations.0018_match_bits_by_rank")

    migration.build_rows(apps, None)

    assert rows() == live
    assert match_rows_rebuild() == len(live)
    assert rows() == live


def test_terms_with_ids_past_63_still_match():
    """A term's bit is its rank in its vocabulary, not its id: after terms are deleted and added again (ids in
    the hundreds), the masks still hold them, and the matcher answers by them."""
    for n in range(70):  # ids run past 63
        Language.objects.create(code=f"x{n}", name=f"Extinct {n}").delete()
    late = Language.objects.create(code="zzl", name="Late Language")
    assert late.pk > 63
    make_vendor("Cebu Voice", centers=[{"country": "PH", "languages": ["en", "zzl"]}], channels=["voice"])
    make_vendor("Lima Chat", centers=[{"country": "PE", "languages": ["es"]}], channels=["chat"])
    request = MatchRequestSerializer(data={"languages": ["zzl"], "must_haves": ["languages"]})
    assert request.is_valid(), request.errors

    result = match_vendors(request.needs())

    assert result.full_match and [m.vendor.name for m in result.matches] == ["Cebu Voice"]
