"""The pay ledger: every open posting's monthly pay with the columns the pay figures group and filter by, held as
numpy arrays, so that the quartiles of any selection are read in milliseconds instead of sorting a million
salaries in the database.

Each row is one open, paid posting: a code per column (country, city, shift, account type, work arrangement, role,
currency, experience asked; `jobs.facets.ColumnRows`, so the job list's own filters select from it), its monthly
pay in its own currency, and one bit per skill and per language it asks for (packed, eight postings a byte).
The rows are in the order of their pay in US dollars (those in a currency without a rate last), then of their own
currency's amount: the rows of any group, read in order, are then already sorted, in dollars, and in their own
currency too as long as the group holds one currency (every local figure does). A quartile is then PostgreSQL's
`percentile_cont` over a slice: the same interpolation between the same two values, so the figures are exactly
those the database gives (`tests/insights/test_pay_ledger.py` holds the two to each other).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from core.bits import TermBits, TermBitsBuilder
from core.summaries import pack_arrays, unpack_arrays
from jobs.facets import ColumnRows, smallest_codes

COLUMNS = (
    "country",
    "city",
    "shift",
    "account_type",
    "work_arrangement",
    "role",
    "salary_currency",
    "min_experience_years",
)
RELATIONS = ("skill", "language")
FRACTIONS = (0.25, 0.5, 0.75)

# (count, p25, median, p75) of one group
Stats = tuple[int, float, float, float]


@dataclass
class PayLedger(ColumnRows, TermBits):
    built_at: datetime
    codes: dict[str, np.ndarray]  # column -> each posting's index into values[column]
    values: dict[str, list]  # column -> its distinct values (text, or None)
    monthly: np.ndarray  # each posting's monthly pay in its own currency
    rates: dict[str, float]  # currency -> US dollars per unit, when counted
    terms: dict[str, list[tuple[str, str, int]]]  # relation -> (value, label, id) of each term with a bit
    bits: dict[str, np.ndarray]  # relation -> one packed row of bits per term, in the order of terms

    def to_bytes(self) -> bytes:
        arrays = {"monthly": self.monthly}
        self.pack_columns(arrays, self.terms)
        arrays["rates:currency"] = np.array(list(self.rates), dtype=np.str_)
        arrays["rates:usd"] = np.array(list(self.rates.values()), dtype=np.float64)
        for relation in RELATIONS:
            arrays[f"bits:{relation}"] = self.bits[relation]
        return pack_arrays(arrays)

    @classmethod
    def from_bytes(cls, built_at: datetime, data: bytes) -> PayLedger:
        arrays = unpack_arrays(data)
        codes, values, terms = cls.unpack_columns(arrays, COLUMNS, RELATIONS)
        rates = {str(code): float(usd) for code, usd in zip(arrays["rates:currency"], arrays["rates:usd"], strict=True)}
        bits = {relation: arrays[f"bits:{relation}"] for relation in RELATIONS}
        return cls(built_at, codes, values, arrays["monthly"], rates, terms, bits)

    @property
    def rows(self) -> int:
        return len(self.monthly)

    def bit_rows(self) -> int:
        return self.rows

    def __post_init__(self):
        # US dollars per unit of each of the currency column's values (NaN: no rate when counted): a few numbers,
        # read by every figure in dollars.
        per_code = [self.rates.get(code, np.nan) for code in self.values["salary_currency"]]
        self.usd_per_code = np.array(per_code, dtype=np.float64)

    def paid(self, mask: np.ndarray, in_usd: bool) -> np.ndarray:
        """The postings of `mask` with a pay figure: in US dollars, only those in a currency with a rate."""
        kept = mask & ~np.isnan(self.monthly)
        if in_usd:
            kept &= ~np.isnan(self.usd_per_code)[self.codes["salary_currency"]]
        return kept

    def pay_of(self, rows: np.ndarray, in_usd: bool) -> np.ndarray:
        """The pay of the postings at `rows`, in their own currency or in US dollars. Worked out for those rows
        only, not kept for the whole ledger: a request reads a few values of each group (its quartiles), and a
        copy of the ledger's pay in dollars was a worker's 7 MB at a million postings."""
        pay = self.monthly[rows]
        if in_usd:
            pay *= self.usd_per_code[self.codes["salary_currency"][rows]]
        return pay

    def grouped(self, mask: np.ndarray, keys: list[np.ndarray], labels: list[list], in_usd: bool) -> dict:
        """Count and quartiles (`Stats`) of the pay of the postings of `mask`, per combination of `keys` (one code
        array per grouping, into its `labels`); a combination's name is its labels joined with ':'."""
        kept = np.flatnonzero(self.paid(mask, in_usd))
        # 8- or 16-bit keys where the combinations fit (they do but for city by skill): numpy sorts them by radix,
        # stably, in linear time; the key never exceeds its final value on the way, so it cannot overflow.
        combinations = int(np.prod([len(names) for names in labels]))
        dtype = np.uint8 if combinations <= 1 << 8 else np.uint16 if combinations <= 1 << 16 else np.int64
        key = np.zeros(len(kept), dtype=dtype)
        for codes, names in zip(keys, labels, strict=True):
            key *= len(names)
            key += codes[kept].astype(key.dtype, copy=False)
        order = np.argsort(key, kind="stable")  # stable: each group's pay stays in the rows' (ascending) order
        key = key[order]
        starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1]))) if len(key) else np.zeros(0, int)
        counts = np.diff(np.append(starts, len(key)))
        groups = key[starts]
        del key
        # The pay of the sorted rows is read only where a quartile looks, not copied whole.
        quartiles = sorted_quartiles(lambda at: self.pay_of(kept[order[at]], in_usd), starts, counts)
        result = {}
        for group, count, stats in zip(groups.tolist(), counts.tolist(), zip(*quartiles, strict=True), strict=True):
            parts = []
            for names in reversed(labels):
                group, code = divmod(group, len(names))
                parts.append(names[code])
            result[":".join(str(part) for part in reversed(parts))] = (count, *stats)
        return result

    def per_term(self, relation: str, mask: np.ndarray, in_usd: bool) -> dict[str, Stats]:
        """Count and quartiles of the pay of the postings of `mask` asking for each term (its value)."""
        kept = self.paid(mask, in_usd)
        result = {}
        for position, (value, _, _) in enumerate(self.terms[relation]):
            rows = np.flatnonzero(kept & self.term_rows(relation, position))  # ascending rows: ascending pay
            if len(rows):
                (p25,), (median,), (p75,) = sorted_quartiles(
                    lambda at, rows=rows: self.pay_of(rows[at], in_usd), np.array([0]), np.array([len(rows)])
                )
                result[value] = (len(rows), float(p25), float(median), float(p75))
        return result


def sorted_quartiles(
    value_at: Callable[[np.ndarray], np.ndarray], starts: np.ndarray, counts: np.ndarray
) -> list[np.ndarray]:
    """The quartiles of each run of ascending values from `start` to `start + count`, as `percentile_cont` takes
    them: the value at (count - 1) x fraction, interpolated between its two neighbours. `value_at(positions)`
    gives the values at those positions (an array's `__getitem__`, or pay worked out only where it is read)."""
    result = []
    for fraction in FRACTIONS:
        position = (counts - 1) * fraction
        low = np.floor(position).astype(np.int64)
        high = np.ceil(position).astype(np.int64)
        below, above = value_at(starts + low), value_at(starts + high)
        result.append(below + (above - below) * (position - low))
    return result


class PayLedgerBuilder:
    """A `PayLedger` from the database's rows, read a chunk of arrays at a time: each column's distinct values
    first, then (posting id, a code per column, monthly pay) rows in any order (`add_rows`), put in the ledger's
    order once all are read (`order`), then (posting id, term id) rows of each relation (`add_terms`)."""

    def __init__(self, values: dict[str, list]):
        self.values = values
        self.parts: list[list[np.ndarray]] = []

    def add_rows(self, columns: list[np.ndarray]) -> None:
        self.parts.append([columns[0], *(smallest_codes(codes, 1 << 16) for codes in columns[1:-1]), columns[-1]])

    def order(self, rates: dict[str, float]) -> None:
        """Put the rows read in the ledger's order: pay in dollars (none last), pay in the own currency, id."""
        columns = [np.concatenate(column) for column in zip(*self.parts, strict=True)] if self.parts else None
        self.parts = []
        if columns is None:
            columns = [np.zeros(0, np.int64), *(np.zeros(0, np.uint16) for _ in COLUMNS), np.zeros(0, np.float64)]
        postings, codes, monthly = columns[0], dict(zip(COLUMNS, columns[1:-1], strict=True)), columns[-1]
        self.rates = rates
        per_code = np.array([rates.get(code, np.nan) for code in self.values["salary_currency"]] or [np.nan])
        usd = monthly * per_code[codes["salary_currency"]]
        order = np.lexsort((postings, monthly, np.where(np.isnan(usd), np.inf, usd)))
        del usd
        self.postings, self.monthly = postings[order], monthly[order]
        self.codes = {column: smallest_codes(codes.pop(column)[order], len(self.values[column])) for column in COLUMNS}
        self.term_bits = TermBitsBuilder(self.postings, RELATIONS)

    def add_terms(self, relation: str, columns: list[np.ndarray]) -> None:
        """(posting id, term id) rows; a posting the ledger does not hold is passed over."""
        self.term_bits.add_terms(relation, columns)

    def build(self, built_at: datetime, terms: dict[str, list[tuple]]) -> PayLedger:
        values = {
            column: [None if value is None else str(value) for value in self.values[column]] for column in COLUMNS
        }
        terms = {relation: list(rows) for relation, rows in terms.items()}
        bits = self.term_bits.stacked(terms)
        return PayLedger(built_at, self.codes, values, self.monthly, self.rates, terms, bits)
