"""The public job list's facet counts, read from a summary instead of a million postings.

Counting the facets of a selection over the postings themselves reads every posting of the selection, with its
skills and languages: seconds at a million. But the list's column filters (country, city, work arrangement,
employment type, shift, account type, role, currency, experience, education, employer type and the posted-within
band) take few values together: the open postings fall into about 65,000 *cells*, each one combination of them,
and 340,000 (cell, skill or language) pairs. A `FacetCube` holds, as numpy arrays, each cell's code for every
column, how many postings it holds, and its pairs. A selection of those filters is then a mask over the cells,
and each facet a weighted count of the cells (or pairs) its mask keeps: a few milliseconds, exactly what counting
the postings gives (`tests/jobs/test_facet_summary.py` holds the two to each other).

The cube is counted in the database (`jobs.services.facets.job_facet_summary_refresh`), stored packed in the one
row of `JobFacetSummary`, and kept by each process for as long as it is the latest one. The posted-within band of
a cell is taken when it is counted; as the cube is counted again every half minute, a posting crosses a band's
edge in the counts at most that late.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

import numpy as np

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


@dataclass
class FacetCube:
    built_at: datetime
    codes: dict[str, np.ndarray]  # column -> each cell's index into values[column]
    values: dict[str, list]  # column -> its distinct values (str, or None)
    postings: np.ndarray  # each cell's number of postings
    pairs: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]  # relation -> (cell, term id, postings)
    # relation -> its vocabulary when counted, in its order: (value, label, id) as `VocabularyChoices.terms()`
    terms: dict[str, list[tuple[str, str, int]]]

    @classmethod
    def from_rows(
        cls, built_at: datetime, cells: list[tuple], pairs: dict[str, list[tuple]], terms: dict[str, list[tuple]]
    ) -> FacetCube:
        """`cells`: (cell key, *COLUMNS values, postings) rows; `pairs`: per relation (cell key, term id,
        postings) rows; `terms`: per relation its vocabulary. A cell's key is any value naming it."""
        index = {row[0]: position for position, row in enumerate(cells)}
        codes, values = {}, {}
        for position, column in enumerate(COLUMNS, start=1):
            found = sorted({row[position] for row in cells}, key=lambda value: (value is None, str(value)))
            code_of = {value: code for code, value in enumerate(found)}
            codes[column] = np.array([code_of[row[position]] for row in cells], dtype=np.int32)
            values[column] = [None if value is None else str(value) for value in found]
        postings = np.array([row[-1] for row in cells], dtype=np.int64)
        packed = {}
        for relation, rows in pairs.items():
            cell = np.array([index[row[0]] for row in rows], dtype=np.int32)
            term = np.array([row[1] for row in rows], dtype=np.int64)
            count = np.array([row[2] for row in rows], dtype=np.int64)
            packed[relation] = (cell, term, count)
        return cls(built_at, codes, values, postings, packed, {name: list(rows) for name, rows in terms.items()})

    def to_bytes(self) -> bytes:
        arrays = {"postings": self.postings}
        for column in COLUMNS:
            arrays[f"code:{column}"] = self.codes[column]
            # None is kept as a flag beside the text, so that no value can be mistaken for it.
            arrays[f"value:{column}"] = np.array([value or "" for value in self.values[column]], dtype=np.str_)
            arrays[f"none:{column}"] = np.array([value is None for value in self.values[column]], dtype=bool)
        for relation, (cell, term, count) in self.pairs.items():
            arrays[f"pair:{relation}:cell"], arrays[f"pair:{relation}:term"] = cell, term
            arrays[f"pair:{relation}:postings"] = count
            values, labels, keys = zip(*self.terms[relation], strict=True) if self.terms[relation] else ((), (), ())
            arrays[f"terms:{relation}:value"] = np.array(values, dtype=np.str_)
            arrays[f"terms:{relation}:label"] = np.array(labels, dtype=np.str_)
            arrays[f"terms:{relation}:id"] = np.array(keys, dtype=np.int64)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, built_at: datetime, data: bytes) -> FacetCube:
        arrays = np.load(io.BytesIO(bytes(data)), allow_pickle=False)
        codes = {column: arrays[f"code:{column}"] for column in COLUMNS}
        values = {
            column: [
                None if none else str(text)
                for text, none in zip(arrays[f"value:{column}"], arrays[f"none:{column}"], strict=True)
            ]
            for column in COLUMNS
        }
        pairs = {
            relation: (
                arrays[f"pair:{relation}:cell"],
                arrays[f"pair:{relation}:term"],
                arrays[f"pair:{relation}:postings"],
            )
            for relation in RELATIONS
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
            for relation in RELATIONS
        }
        return cls(built_at, codes, values, arrays["postings"], pairs, terms)

    @property
    def cells(self) -> int:
        return len(self.postings)

    def where(self, column: str, keep) -> np.ndarray:
        """The cells whose value of `column` satisfies `keep(value)` (a value is None or text)."""
        kept = np.array([bool(keep(value)) for value in self.values[column]], dtype=bool)
        return kept[self.codes[column]] if len(kept) else np.zeros(self.cells, dtype=bool)

    def total(self, mask: np.ndarray) -> int:
        return int(self.postings[mask].sum())

    def per_value(self, column: str, mask: np.ndarray) -> dict[str | None, int]:
        """Postings per value of `column` among the cells of `mask` (values with none left out)."""
        counts = np.bincount(self.codes[column][mask], weights=self.postings[mask], minlength=len(self.values[column]))
        return {value: int(count) for value, count in zip(self.values[column], counts, strict=True) if count}

    def per_term(self, relation: str, mask: np.ndarray) -> dict[int, int]:
        """Postings per related term (its id) among the cells of `mask`."""
        cell, term, count = self.pairs[relation]
        if mask.all():
            sums = np.bincount(term, weights=count)
        else:
            kept = mask[cell]
            sums = np.bincount(term[kept], weights=count[kept])
        return {key: int(total) for key, total in enumerate(sums) if total}
