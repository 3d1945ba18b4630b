"""The vendor list's facet counts, read from a summary instead of counting the vendors' relations.

Counting the facets of a selection over the vendors themselves joins each of nine relations (services, their
categories, shore models, call-center types, channels, languages, delivery countries, industries, compliance) to
the selection: about a second at 50,000 vendors. A `VendorIndex` holds every published vendor once, by id, with
one bit per term of each relation (`core.bits.TermBits`), the columns the list filters and counts (hours,
verified) and the two numbers it filters on (the lowest hourly rate, the seats). A selection is then a mask over
the vendors, and each facet a count of bits or values among those its mask keeps: milliseconds, and the same
counts as the database's (`tests/directory/test_vendor_filters.py` compares the two).

The index is built from the vendor list's own facet counters (`VendorFilter.facet_counters`: each relation's
pairs and terms, each column's expression), counted by `directory.services.facets`, and kept by each process as
the latest `core.summaries` row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import Cast
from django_countries import countries

from core.bits import TermBits, rows_having, set_bits_within
from core.facets import ColumnCount, RelatedCount, related_counts
from core.summaries import pack_arrays, unpack_arrays
from directory.choices import ServiceCategory, VendorHours
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
)
from directory.querysets import HOURS_AT_LEAST

declared_shore_counts = related_counts(ShoreModel.objects.all(), "vendors")


def count_hours() -> ColumnCount:
    """Vendors per coverage asked for: 'business' counts every vendor, 24x7 only round-the-clock ones."""
    return ColumnCount(
        "hours",
        per_value=lambda counts: [
            (hours.value, hours.label, sum(counts.get(h, 0) for h in HOURS_AT_LEAST[hours]), "")
            for hours in VendorHours
        ],
    )


def count_categories() -> RelatedCount:
    """Vendors offering at least one service of each category."""
    through = Vendor.services.through
    return RelatedCount(
        through.objects.values(fx_r=F("vendor_id"), fx_k=F("servicetype__category")),
        distinct=True,
        per_value=lambda counts: [
            (category.value, category.label, counts.get(category.value, 0), "") for category in ServiceCategory
        ],
    )


def count_countries() -> RelatedCount:
    """Vendors per country they deliver from, by the country's name."""
    return RelatedCount(
        DeliveryCenter.objects.values(fx_r=F("vendor_id"), fx_k=Cast("country", TextField())),
        distinct=True,
        per_value=lambda counts: sorted(
            ((code, countries.name(code), n, "") for code, n in counts.items()), key=lambda row: row[1]
        ),
    )


def count_verified() -> ColumnCount:
    verified = Case(When(verified=True, then=Value("true")), default=Value("false"))
    return ColumnCount(verified, per_value=lambda counts: [("true", "Verified only", counts.get("true", 0), "")])


# The vendor list's facets with no client country, each counted by the database (`core.facets.count_facets`) or
# read from the index built from these same counters.
INDEX_COUNTERS = {
    "service": related_counts(
        ServiceType.objects.all(),
        "vendors",
        group_field="category",
        group_label=lambda category: ServiceCategory(category).label,
    ),
    "category": count_categories(),
    "shore_model": declared_shore_counts,
    "call_center_type": related_counts(CallCenterType.objects.all(), "vendors"),
    "channel": related_counts(Channel.objects.all(), "vendors"),
    "language": related_counts(Language.objects.all(), "vendors", value_field="code"),
    "country": count_countries(),
    "industry": related_counts(Industry.objects.all(), "vendors"),
    "compliance": related_counts(ComplianceStandard.objects.all(), "vendors"),
    "hours": count_hours(),
    "verified": count_verified(),
}


# A term of a relation: (value the filter names, label, position in the vocabulary or None, group or None).
Term = tuple[str, str, int | None, str | None]


@dataclass
class VendorIndex(TermBits):
    built_at: datetime
    ids: np.ndarray  # the published vendors' ids, ascending
    columns: dict[str, np.ndarray]  # column -> each vendor's code into values[column]
    values: dict[str, list[str]]
    rate: np.ndarray  # lowest hourly rate (NaN: none given)
    seats: np.ndarray
    vocabularies: dict[str, list[Term]]  # relation -> its terms, in the order of its bits' rows
    listed: dict[str, bool]  # relation -> whether every term is an option (at 0 too), or only those found
    bits: dict[str, np.ndarray]

    @property
    def terms(self) -> dict[str, list[tuple[str, str, int]]]:  # what TermBits.having reads: (value, label, key)
        return {name: [(value, label, index) for index, (value, label, _, _) in enumerate(rows)] for name, rows in
                self.vocabularies.items()}  # fmt: skip

    def bit_rows(self) -> int:
        return len(self.ids)

    def vendor_rows(self, ids) -> np.ndarray:
        """The vendors of `ids` as a mask (an id the index does not hold, a vendor published since, is passed
        over)."""
        return rows_having(self.ids, ids)

    def where(self, column: str, keep) -> np.ndarray:
        kept = np.array([bool(keep(value)) for value in self.values[column]], dtype=bool)
        return kept[self.columns[column]] if len(kept) else np.zeros(len(self.ids), dtype=bool)

    def column_counts(self, column: str, mask: np.ndarray) -> dict[str, int]:
        counts = np.bincount(self.columns[column][mask], minlength=len(self.values[column]))
        return {value: int(n) for value, n in zip(self.values[column], counts.tolist(), strict=True) if n}

    def relation_rows(self, relation: str, mask: np.ndarray) -> list[tuple]:
        """The facet's rows as `core.facets.count_facets` gives them: (value, label, position, group, count), every
        term of a listed vocabulary, the terms found otherwise."""
        packed = np.packbits(mask)
        counts = set_bits_within(self.bits[relation], packed)
        rows = zip(self.vocabularies[relation], counts, strict=True)
        listed = self.listed[relation]
        return [(value, label, position, group, n) for (value, label, position, group), n in rows if n or listed]

    def to_bytes(self) -> bytes:
        arrays = {"ids": self.ids, "rate": self.rate, "seats": self.seats}
        for column, codes in self.columns.items():
            arrays[f"column:{column}"] = codes
            arrays[f"values:{column}"] = np.array(self.values[column], dtype=np.str_)
        for relation, terms in self.vocabularies.items():
            values, labels, positions, groups = zip(*terms, strict=True) if terms else ((), (), (), ())
            arrays[f"bits:{relation}"] = self.bits[relation]
            arrays[f"terms:{relation}:value"] = np.array(values, dtype=np.str_)
            arrays[f"terms:{relation}:label"] = np.array(labels, dtype=np.str_)
            arrays[f"terms:{relation}:position"] = np.array([-1 if p is None else p for p in positions], np.int64)
            arrays[f"terms:{relation}:group"] = np.array([g or "" for g in groups], dtype=np.str_)
            arrays[f"terms:{relation}:listed"] = np.array(self.listed[relation])
        return pack_arrays(arrays)

    @classmethod
    def from_bytes(cls, built_at: datetime, data: bytes) -> VendorIndex:
        arrays = unpack_arrays(data)
        names = arrays.files
        columns = [name.split(":", 1)[1] for name in names if name.startswith("column:")]
        relations = [name.split(":", 1)[1] for name in names if name.startswith("bits:")]
        vocabularies = {
            relation: [
                (str(value), str(label), None if position < 0 else int(position), str(group) or None)
                for value, label, position, group in zip(
                    arrays[f"terms:{relation}:value"],
                    arrays[f"terms:{relation}:label"],
                    arrays[f"terms:{relation}:position"].tolist(),
                    arrays[f"terms:{relation}:group"],
                    strict=True,
                )
            ]
            for relation in relations
        }
        return cls(
            built_at,
            arrays["ids"],
            {column: arrays[f"column:{column}"] for column in columns},
            {column: [str(value) for value in arrays[f"values:{column}"]] for column in columns},
            arrays["rate"],
            arrays["seats"],
            vocabularies,
            {relation: bool(arrays[f"terms:{relation}:listed"]) for relation in relations},
            {relation: arrays[f"bits:{relation}"] for relation in relations},
        )
