# The matcher's index rebuilt with a term's bit as its rank in its vocabulary, not its id (ids past 63, after
# terms were deleted and added again, overflowed the masks).

from django.db import migrations, models


def build_rows(apps, schema_editor):
    """The index rows of the vendors there are, as the index defines them from this migration (frozen here): a
    term's bit is its rank among its vocabulary's terms by id, not its id."""
    import datetime

    Vendor = apps.get_model("directory", "Vendor")
    Row = apps.get_model("directory", "VendorMatchRow")
    Certification = apps.get_model("directory", "VendorCertification")
    today = datetime.date.today()

    def ranks(model_name):
        ids = apps.get_model("directory", model_name).objects.order_by("pk").values_list("pk", flat=True)
        return {pk: rank for rank, pk in enumerate(ids)}

    vocabularies = {
        name: ranks(name)
        for name in (
            "ServiceType",
            "Channel",
            "CallCenterType",
            "Industry",
            "ShoreModel",
            "Language",
            "ComplianceStandard",
        )
    }

    def bits(pks, vocabulary):
        ranks_of = vocabularies[vocabulary]
        return sum(1 << ranks_of[pk] for pk in set(pks) if ranks_of.get(pk, 63) < 63)

    rows = []
    vendors = Vendor.objects.prefetch_related(
        "services",
        "channels",
        "call_center_types",
        "industries",
        "shore_models",
        "compliance_standards",
        "centers__languages",
        models.Prefetch(
            "certifications",
            queryset=Certification.objects.filter(checked_at__isnull=False, valid_until__gte=today),
            to_attr="valid",
        ),
    )
    for vendor in vendors.iterator(chunk_size=500):
        valid = vendor.valid
        regulations = [s.pk for s in vendor.compliance_standards.all() if s.kind == "regulation"]
        common = dict(
            vendor_id=vendor.pk,
            published=vendor.status == "published",
            vendor_name=vendor.name,
            total_seats=sum(c.seats for c in vendor.centers.all()),
            min_seats=vendor.min_seats,
            service_mask=bits((t.pk for t in vendor.services.all()), "ServiceType"),
            channel_mask=bits((t.pk for t in vendor.channels.all()), "Channel"),
            type_mask=bits((t.pk for t in vendor.call_center_types.all()), "CallCenterType"),
            industry_mask=bits((t.pk for t in vendor.industries.all()), "Industry"),
            shore_mask=bits((t.pk for t in vendor.shore_models.all()), "ShoreModel"),
            compliance_mask=bits([*regulations, *(c.standard_id for c in valid)], "ComplianceStandard"),
            compliance_until=min((c.valid_until for c in valid), default=None),
        )
        centers = list(vendor.centers.all())
        for center in centers:
            rows.append(
                Row(
                    **common,
                    center_id=center.pk,
                    country=str(center.country),
                    time_zone=center.time_zone,
                    hours=center.hours,
                    seats=center.seats,
                    rate_min=center.hourly_rate_min,
                    rate_max=center.hourly_rate_max,
                    language_mask=bits((t.pk for t in center.languages.all()), "Language"),
                )
            )
        if not centers:
            rows.append(Row(**common, center_id=None, seats=0, language_mask=0))
    Row.objects.bulk_create(rows, batch_size=2000)


def rebuild(apps, schema_editor):
    apps.get_model("directory", "VendorMatchRow").objects.all().delete()
    build_rows(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("directory", "0017_match_row_skip_indexes")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
