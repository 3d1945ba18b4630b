"""The vendor matcher's index (`VendorMatchRow`): what a brief is judged on, one row per delivery center, so the
ranking reads one narrow table instead of joining nine. Vocabularies are bit masks: a term's bit is its rank
among its vocabulary's terms by id (the first term is bit 0), whatever its id; 63 terms a vocabulary at most (a
term past that is not judged: `TERM_BITS`). Adding or deleting a term moves the ranks after it, so the whole
index is rebuilt then (directory/signals.py).

Kept current by directory/signals.py (a vendor, its centers, its terms, its certifications changed), by the
services that write in bulk (`vendor_update`), by seed_demo after its bulk load, and daily by
`expire_certifications`. One SQL statement builds the rows of any set of vendors, on PostgreSQL and SQLite."""

import time

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from directory.choices import ComplianceKind, VendorStatus
from directory.models import (
    CallCenterType,
    Channel,
    ComplianceStandard,
    DeliveryCenter,
    Industry,
    Language,
    ServiceType,
    ShoreModel,
    Vendor,
    VendorCertification,
    VendorMatchRow,
)

TERM_BITS = 63
VOCABULARIES = (ServiceType, Channel, CallCenterType, Industry, ShoreModel, Language, ComplianceStandard)
BITS_KEY = "matcher:term-bits"


def term_bits() -> dict[str, dict[int, int]]:
    """Each vocabulary's term ids -> their bits (their ranks by id), read in one query and cached for ten minutes
    or until a term is added or deleted."""
    bits = cache.get(BITS_KEY)
    if bits is None:
        sql = " UNION ALL ".join(
            f"SELECT '{model._meta.label_lower}', id FROM {model._meta.db_table}" for model in VOCABULARIES
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM ({sql}) t ORDER BY 1, 2")
            rows = cursor.fetchall()
        bits = {model._meta.label_lower: {} for model in VOCABULARIES}
        for label, pk in rows:
            bits[label][pk] = len(bits[label])
        cache.set(BITS_KEY, bits, 600)
    return bits


def mask(model, pks) -> int:
    """The bit mask of these terms of `model`'s vocabulary, as the index stores them."""
    bits = term_bits()[model._meta.label_lower]
    return sum(1 << bits[pk] for pk in set(pks) if bits.get(pk, TERM_BITS) < TERM_BITS)


def terms_changed() -> None:
    """A term was added or deleted: the ranks after it moved, so every mask is rebuilt."""
    cache.delete(BITS_KEY)
    match_rows_rebuild()


def _bits(alias: str, table: str, column: str, owner: str, scope: str, vocabulary, extra: str = "") -> str:
    """A derived table of (owner, bit mask of `column`) for the owners in scope, to join as `alias`: each term's
    bit is its rank among `vocabulary`'s terms by id."""
    ranks = f"(SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS rank FROM {vocabulary._meta.db_table})"
    return (
        f"LEFT JOIN (SELECT x.{owner} AS owner_id, "
        f"CAST(SUM(DISTINCT CAST(1 AS BIGINT) << CAST(r.rank AS INTEGER)) AS BIGINT) AS bits "
        f"FROM {table} x JOIN {ranks} r ON r.id = x.{column} "
        f"WHERE r.rank < {TERM_BITS}{scope}{extra} GROUP BY x.{owner}) {alias}"
    )


def _build_sql(vendors: str) -> str:
    """The INSERT of the index rows of the vendors matching `vendors` (an SQL condition on a vendor id column,
    such as "IN (...)", or "IS NOT NULL" for all)."""
    m2m = {
        name: getattr(Vendor, name).through._meta.db_table
        for name in ("services", "channels", "call_center_types", "industries", "shore_models", "compliance_standards")
    }
    centers = DeliveryCenter._meta.db_table
    standards = m2m["compliance_standards"]
    certifications = VendorCertification._meta.db_table
    languages = DeliveryCenter.languages.through._meta.db_table
    scope = f" AND x.vendor_id {vendors}"
    valid = " AND x.checked_at IS NOT NULL AND x.valid_until >= %(today)s"
    regulation = (
        " AND x.compliancestandard_id IN (SELECT id FROM directory_compliancestandard WHERE kind = %(regulation)s)"
    )
    center_scope = f" AND x.deliverycenter_id IN (SELECT id FROM {centers} WHERE vendor_id {vendors})"
    return f"""
        INSERT INTO {VendorMatchRow._meta.db_table} (
            vendor_id, center_id, published, vendor_name, total_seats, min_seats, country, time_zone, hours, seats,
            rate_min, rate_max, service_mask, channel_mask, type_mask, industry_mask, shore_mask, language_mask,
            compliance_mask, compliance_until
        )
        SELECT v.id, c.id, CASE WHEN v.status = %(published)s THEN TRUE ELSE FALSE END, v.name,
            COALESCE(total.seats, 0), v.min_seats, COALESCE(c.country, ''), COALESCE(c.time_zone, ''),
            COALESCE(c.hours, ''), COALESCE(c.seats, 0), c.hourly_rate_min, c.hourly_rate_max,
            COALESCE(sv.bits, 0), COALESCE(ch.bits, 0), COALESCE(ty.bits, 0), COALESCE(ind.bits, 0),
            COALESCE(sh.bits, 0), COALESCE(lang.bits, 0), COALESCE(reg.bits, 0) + COALESCE(cert.bits, 0),
            cert_until.until
        FROM {Vendor._meta.db_table} v
        LEFT JOIN {centers} c ON c.vendor_id = v.id
        LEFT JOIN (SELECT vendor_id, SUM(seats) AS seats FROM {centers} WHERE vendor_id {vendors} GROUP BY vendor_id)
            total ON total.vendor_id = v.id
        {_bits("sv", m2m["services"], "servicetype_id", "vendor_id", scope, ServiceType)} ON sv.owner_id = v.id
        {_bits("ch", m2m["channels"], "channel_id", "vendor_id", scope, Channel)} ON ch.owner_id = v.id
        {_bits("ty", m2m["call_center_types"], "callcentertype_id", "vendor_id", scope, CallCenterType)}
            ON ty.owner_id = v.id
        {_bits("ind", m2m["industries"], "industry_id", "vendor_id", scope, Industry)} ON ind.owner_id = v.id
        {_bits("sh", m2m["shore_models"], "shoremodel_id", "vendor_id", scope, ShoreModel)} ON sh.owner_id = v.id
        {_bits("reg", standards, "compliancestandard_id", "vendor_id", scope, ComplianceStandard, regulation)}
            ON reg.owner_id = v.id
        {_bits("cert", certifications, "standard_id", "vendor_id", scope, ComplianceStandard, valid)}
            ON cert.owner_id = v.id
        LEFT JOIN (SELECT x.vendor_id, MIN(x.valid_until) AS until FROM {certifications} x
            WHERE x.vendor_id {vendors}{valid} GROUP BY x.vendor_id) cert_until ON cert_until.vendor_id = v.id
        {_bits("lang", languages, "language_id", "deliverycenter_id", center_scope, Language)} ON lang.owner_id = c.id
        WHERE v.id {vendors}
    """


def _params() -> dict:
    return {
        "published": VendorStatus.PUBLISHED,
        "regulation": ComplianceKind.REGULATION,
        "today": timezone.localdate(),
    }


VERSION_KEY = "matcher:index-version"


def match_rows_version() -> int:
    """A number that changes whenever the index does (kept in the cache: 0 once the cache is emptied, along with
    every answer cached under an older number)."""
    return cache.get(VERSION_KEY, 0)


def _index_changed() -> None:
    """A new version now (this transaction's own reads), and again once it commits (what others read next)."""

    def bump():
        cache.set(VERSION_KEY, time.time_ns(), None)

    bump()
    transaction.on_commit(bump)


@transaction.atomic
def match_rows_refresh(vendor_ids) -> None:
    """Rebuild the index rows of these vendors (a vendor deleted leaves none)."""
    vendor_ids = sorted({int(pk) for pk in vendor_ids if pk is not None})
    if not vendor_ids:
        return
    _index_changed()
    VendorMatchRow.objects.filter(vendor_id__in=vendor_ids).delete()
    placeholders = ", ".join(f"%(v{n})s" for n in range(len(vendor_ids)))
    params = {**_params(), **{f"v{n}": pk for n, pk in enumerate(vendor_ids)}}
    with connection.cursor() as cursor:
        cursor.execute(_build_sql(f"IN ({placeholders})"), params)


@transaction.atomic
def match_rows_rebuild() -> int:
    """Rebuild the whole index (after a bulk load, or daily for certifications that expired). Returns the rows."""
    _index_changed()
    VendorMatchRow.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(_build_sql("IS NOT NULL"), _params())
    return VendorMatchRow.objects.count()
