"""The public job list's facet counts, read from a summary instead of a million postings.

Counting the facets of a selection over the postings themselves reads every posting of the selection, with its
skills and languages: seconds at a million. But the list's column filters (country, city, work arrangement,
employment type, shift, account type, role, currency, experience, education, employer type and the posted-within
band) take few values together: the open postings fall into about 65,000 *cells*, each one combination of them.
A `FacetCube` holds, as numpy arrays, each cell's code for every
column and how many postings it holds, and each open posting's cell and skills and languages, as bits
(`TermBits`). A selection of those filters is then a mask over the cells (and, for a skill or language, over the
postings' bits), and each facet a weighted count of the cells (or a count of the bits) its mask keeps: a few
milliseconds, exactly what counting the postings gives (`tests/jobs/test_facet_summary.py` holds the two to each other).

The cube is counted in the database (`jobs.services.facets.job_facet_summary`), stored packed in one row of
`core.models.Summary`, and kept by each process for as long as it is the latest one (`core.summaries`). The
posted-within band of a cell is taken when it is counted; as the cube is counted again every half minute, a
posting crosses a band's edge in the counts at most that late.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from core.bits import TermBits, TermBitsBuilder, rows_having
from core.summaries import pack_arrays, unpack_arrays

# The cube's columns: the posting's field (or expression, see the service) each cell shares.
COLUMNS = (
    "country",
    "city",
    "work_arrangement",
    "employment_type",
    "shift",
    "role",
    "account_type",
    "salary_currency",
    "min_experience_years",
    "education_level",
    "employer_kind",
    "posted_within",
)
# Related terms counted per cell: the relation's name and the term's key in it.
RELATIONS = {"skill": "skill_id", "language": "language_id"}
# The field naming each relation's terms in the list's filters (as `VocabularyChoices`).
TERM_VALUE = {"skill": "slug", "language": "code"}


class ColumnRows:
    """Rows (a cube's cells, a ledger's postings) as a code per row for each column, into the column's distinct
    values: what the list's column filters select from (`jobs.filters.CELL_FILTERS`). `pack_columns` and
    `unpack_columns` store them, with the relations' vocabularies, as named arrays of an `.npz` file."""

    codes: dict[str, np.ndarray]  # column -> each row's index into values[column]
    values: dict[str, list]  # column -> its distinct values (str, or None)

    @property
    def rows(self) -> int:
        return len(next(iter(self.codes.values())))

    def where(self, column: str, keep) -> np.ndarray:
        """The rows whose value of `column` satisfies `keep(value)` (a value is None or text)."""
        kept = np.array([bool(keep(value)) for value in self.values[column]], dtype=bool)
        return kept[self.codes[column]] if len(kept) else np.zeros(self.rows, dtype=bool)

    def pack_columns(self, arrays: dict, terms: dict[str, list[tuple[str, str, int]]]) -> None:
        """Add the codes, the values and the vocabularies `terms` (relation -> (value, label, id)) to `arrays`."""
        for column, codes in self.codes.items():
            arrays[f"code:{column}"] = codes
            # None is kept as a flag beside the text, so that no value can be mistaken for it.
            arrays[f"value:{column}"] = np.array([value or "" for value in self.values[column]], dtype=np.str_)
            arrays[f"none:{column}"] = np.array([value is None for value in self.values[column]], dtype=bool)
        for relation, listed in terms.items():
            values, labels, keys = zip(*listed, strict=True) if listed else ((), (), ())
            arrays[f"terms:{relation}:value"] = np.array(values, dtype=np.str_)
            arrays[f"terms:{relation}:label"] = np.array(labels, dtype=np.str_)
            arrays[f"terms:{relation}:id"] = np.array(keys, dtype=np.int64)

    @staticmethod
    def unpack_columns(arrays, columns, relations) -> tuple[dict, dict, dict]:
        """The codes, values and vocabularies `pack_columns` stored, for these columns and relations."""
        codes = {column: arrays[f"code:{column}"] for column in columns}
        values = {
            column: [
                None if none else str(text)
                for text, none in zip(arrays[f"value:{column}"], arrays[f"none:{column}"], strict=True)
            ]
            for column in columns
        }
        terms = {
            relation: [
                (str(value), str(label), int(key))
                for value, label, key in zip(
                    arrays[f"terms:{relation}:value"],
                    arrays[f"terms:{relation}:label"],
                    arrays[f"terms:{relation}:id"],
                    strict=True,
                )
            ]
            for relation in relations
        }
        return codes, values, terms


def smallest_codes(codes, distinct: int) -> np.ndarray:
    """Codes as the narrowest integers that hold `distinct` values (a country in one byte, not eight)."""
    dtype = np.uint8 if distinct <= 1 << 8 else np.uint16 if distinct <= 1 << 16 else np.int32
    return np.array(codes, dtype=dtype)


@dataclass
class FacetCube(ColumnRows, TermBits):
    built_at: datetime
    codes: dict[str, np.ndarray]  # column -> each cell's index into values[column]
    values: dict[str, list]  # column -> its distinct values (str, or None)
    postings: np.ndarray  # each cell's number of postings
    # relation -> its vocabulary when counted, in its order: (value, label, id) as `VocabularyChoices.terms()`
    terms: dict[str, list[tuple[str, str, int]]]
    # Each open posting's cell (in the order of their ids), and the skills and languages each asks for
    # (`TermBits`): what a selection by skill or language is counted from.
    posting_cell: np.ndarray
    bits: dict[str, np.ndarray]
    # Those postings' ids, ascending (None in a summary stored before they were kept): what a search's matches
    # are found among (`posting_rows`).
    posting_ids: np.ndarray | None = None

    def to_bytes(self) -> bytes:
        arrays = {"postings": self.postings}
        self.pack_columns(arrays, self.terms)
        for relation in RELATIONS:
            arrays[f"bits:{relation}"] = self.bits[relation]
        arrays["posting_cell"] = self.posting_cell
        if self.posting_ids is not None:
            # Stored as the gaps between ascending ids: small numbers, which compress to a fraction of the ids.
            dtype = np.int32 if self.posting_ids.max(initial=0) < 2**31 else np.int64
            arrays["posting_id_gaps"] = np.diff(self.posting_ids, prepend=0).astype(dtype)
        return pack_arrays(arrays)

    @classmethod
    def from_bytes(cls, built_at: datetime, data: bytes) -> FacetCube:
        arrays = unpack_arrays(data)
        codes, values, terms = cls.unpack_columns(arrays, COLUMNS, RELATIONS)
        bits = {relation: arrays[f"bits:{relation}"] for relation in RELATIONS}
        ids = None
        if "posting_id_gaps" in arrays:
            gaps = arrays["posting_id_gaps"]
            ids = np.cumsum(gaps, dtype=np.int64).astype(gaps.dtype)
        return cls(built_at, codes, values, arrays["postings"], terms, arrays["posting_cell"], bits, ids)

    @property
    def cells(self) -> int:
        return len(self.postings)

    def bit_rows(self) -> int:
        return len(self.posting_cell)

    def posting_rows(self, ids) -> np.ndarray:
        """The postings of `ids` as a mask over the cube's postings; an id the cube does not hold (a posting
        published since it was counted) is passed over."""
        return rows_having(self.posting_ids, ids)

    def cell_postings(self, postings: np.ndarray) -> np.ndarray:
        """How many of the postings of the mask `postings` (over `posting_cell`) each cell holds."""
        return np.bincount(self.posting_cell[postings], minlength=self.cells)

    def total(self, mask: np.ndarray, weights: np.ndarray | None = None) -> int:
        """The postings of the cells of `mask` (or as many of them as `weights`, a count per cell, says)."""
        return int((self.postings if weights is None else weights)[mask].sum())

    def per_value(self, column: str, mask: np.ndarray, weights: np.ndarray | None = None) -> dict[str | None, int]:
        """Postings per value of `column` among the cells of `mask` (values with none left out); `weights`: the
        postings to count per cell, when not all of them."""
        weights = self.postings if weights is None else weights
        counts = np.bincount(self.codes[column][mask], weights=weights[mask], minlength=len(self.values[column]))
        return {value: int(count) for value, count in zip(self.values[column], counts, strict=True) if count}

    def per_term(self, relation: str, mask: np.ndarray, postings: np.ndarray | None = None) -> dict[int, int]:
        """Postings per related term (its id) among the cells of `mask` (and, if given, the postings of the mask
        `postings`): their bits counted."""
        within = mask[self.posting_cell]
        return self.term_counts(relation, within if postings is None else within & postings)


class FacetCubeBuilder:
    """A `FacetCube` from the database's rows, read a chunk at a time: held as compact arrays meanwhile, so that
    counting it again in a worker's thread does not leave that worker holding the memory of half a million row
    tuples. Cells (`add_cells`): (cell key, *COLUMNS values, postings) rows in the order of their keys; then each
    open posting's cell (`add_posting_cells`) and its terms (`add_posting_terms`)."""

    def __init__(self):
        self.code_of: dict[str, dict] = {column: {} for column in COLUMNS}
        self.codes = {column: array("i") for column in COLUMNS}
        self.postings = array("q")
        self.posting_parts: list[list[np.ndarray]] = []
        self.term_bits: TermBitsBuilder | None = None

    def add_cells(self, rows) -> None:
        for row in rows:
            for position, column in enumerate(COLUMNS, start=1):
                code_of = self.code_of[column]
                code = code_of.setdefault(row[position], len(code_of))
                self.codes[column].append(code)
            self.postings.append(row[-1])

    def add_posting_cells(self, columns: list[np.ndarray]) -> None:
        """(posting id, cell position) rows of every open posting, a position being the cell's in `add_cells`."""
        self.posting_parts.append(columns)

    def add_posting_terms(self, relation: str, columns: list[np.ndarray]) -> None:
        """(posting id, term id) rows, once every posting's cell is read."""
        if self.term_bits is None:
            parts = [np.concatenate(column) for column in zip(*self.posting_parts, strict=True)]
            ids, cells = parts or (np.zeros(0, np.int64), np.zeros(0, np.int32))
            order = np.argsort(ids)
            self.posting_ids, self.posting_cell = ids[order], cells[order].astype(np.int32)
            self.term_bits = TermBitsBuilder(self.posting_ids, RELATIONS)
        self.term_bits.add_terms(relation, columns)

    def build(self, built_at: datetime, terms: dict[str, list[tuple]]) -> FacetCube:
        codes = {column: smallest_codes(self.codes[column], len(self.code_of[column])) for column in COLUMNS}
        values = {
            column: [None if value is None else str(value) for value in self.code_of[column]] for column in COLUMNS
        }
        postings = np.array(self.postings, dtype=np.int32)
        if self.term_bits is None:
            self.add_posting_terms(next(iter(RELATIONS)), [np.zeros(0, np.int64), np.zeros(0, np.int32)])
        terms = {name: list(rows) for name, rows in terms.items()}
        bits = self.term_bits.stacked(terms)
        return FacetCube(built_at, codes, values, postings, terms, self.posting_cell, bits, self.posting_ids)
