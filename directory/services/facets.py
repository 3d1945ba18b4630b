"""The facet index of the public vendor list (`directory.facets.VendorIndex`), a `core.summaries.KeptSummary`:
counted from the published vendors in one transaction when it is `FACETS_CACHE_SECONDS` old (a minute), so a
vendor published or changed is counted within a minute."""

from __future__ import annotations

from datetime import datetime

import numpy as np
from django.conf import settings
from django.db import connections

from core.bits import TermBitsBuilder
from core.facets import ColumnCount, RelatedCount
from core.sql import number_columns
from core.summaries import KeptSummary
from directory.facets import INDEX_COUNTERS, VendorIndex
from directory.models import Vendor


def _count(now: datetime) -> tuple[bytes, int]:
    vendors = Vendor.objects.published()
    counters = INDEX_COUNTERS
    columns = {name: counter for name, counter in counters.items() if isinstance(counter, ColumnCount)}
    rows = list(
        vendors.with_center_totals()
        .order_by("pk")
        .values_list("pk", "hourly_rate_min", "total_seats", *(counter.value for counter in columns.values()))
    )
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    rate = np.array([np.nan if row[1] is None else float(row[1]) for row in rows], dtype=np.float64)
    seats = np.array([row[2] or 0 for row in rows], dtype=np.int64)
    codes, values = {}, {}
    for position, name in enumerate(columns, start=3):
        found = [str(row[position]) for row in rows]
        values[name] = sorted(set(found))
        code_of = {value: code for code, value in enumerate(values[name])}
        codes[name] = np.array([code_of[value] for value in found], dtype=np.uint8)
    builder = TermBitsBuilder(ids, [name for name, c in counters.items() if isinstance(c, RelatedCount)])
    vocabularies, listed = {}, {}
    connection = connections[Vendor.objects.db]
    for name, counter in counters.items():
        if not isinstance(counter, RelatedCount):
            continue
        pairs = counter.pairs.order_by().filter(fx_r__in=vendors.values("pk"))
        if counter.terms is not None:
            terms = list(counter.terms.order_by("fx_o").values_list("fx_k", "fx_v", "fx_l", "fx_o", "fx_g"))
            vocabularies[name] = [(value, label, position, group) for _, value, label, position, group in terms]
            listed[name] = True
            index_of = np.full(max((key for key, *_ in terms), default=0) + 1, -1, dtype=np.int64)
            index_of[[key for key, *_ in terms]] = np.arange(len(terms))
            sql, params = pairs.values_list("fx_r", "fx_k").query.sql_with_params()
            for vendor_ids, keys in number_columns(connection, sql, params, ("i8", "i8")):
                known = (keys < len(index_of)) & (index_of[keys.clip(0, len(index_of) - 1)] >= 0)
                builder.add_terms(name, [vendor_ids[known], index_of[keys[known]]])
        else:  # a term is its key (a category, a country): the ones found, in order
            found = list(pairs.values_list("fx_r", "fx_k").distinct())
            keys = sorted({str(key) for _, key in found})
            vocabularies[name] = [(key, key, None, None) for key in keys]
            listed[name] = False
            position = {key: index for index, key in enumerate(keys)}
            builder.add_terms(
                name,
                [
                    np.array([vendor for vendor, _ in found], dtype=np.int64),
                    np.array([position[str(key)] for _, key in found], dtype=np.int64),
                ],
            )
    # The bits' rows in each vocabulary's order (TermBitsBuilder keys them by the term's index).
    bits = builder.stacked(
        {name: [(term[0], term[1], index) for index, term in enumerate(terms)] for name, terms in vocabularies.items()}
    )
    index = VendorIndex(now, ids, codes, values, rate, seats, vocabularies, listed, bits)
    return index.to_bytes(), len(ids)


vendor_facet_summary = KeptSummary(
    "directory:facet-index",
    count=_count,
    load=VendorIndex.from_bytes,
    fresh_seconds=lambda: max(getattr(settings, "FACETS_CACHE_SECONDS", 60), 1),
)
