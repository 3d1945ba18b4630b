"""Rows (postings, vendors) with one bit per related term each asks for or offers, packed eight rows a byte: what
the kept summaries (the job facet cube, the pay ledger, the vendor facet index) select and count related terms
with, by masks and set bits, without a join."""

from __future__ import annotations

import numpy as np


class TermBits:
    """Postings (rows in a fixed order) with one bit per related term they ask for, packed eight postings a byte:
    `bits[relation]` holds a row of bits per term of `terms[relation]`, in its order. A pay ledger's postings and
    a facet cube's open postings are read through it."""

    terms: dict[str, list[tuple[str, str, int]]]
    bits: dict[str, np.ndarray]

    def bit_rows(self) -> int:
        """How many postings the bits are of."""
        raise NotImplementedError

    def term_rows(self, relation: str, position: int) -> np.ndarray:
        """The postings asking for the term at `position` of the relation's terms, as a mask."""
        return np.unpackbits(self.bits[relation][position], count=self.bit_rows()).view(bool)

    def having(self, relation: str, values, every: bool) -> np.ndarray:
        """The postings asking for every one (`every`) or any one of the terms named by `values` (slugs or
        codes). A term added after the bits were counted has no posting in it."""
        position = {value: index for index, (value, _, _) in enumerate(self.terms[relation])}
        masks = [self.term_rows(relation, position[value]) for value in values if value in position]
        if every:
            if any(value not in position for value in values):
                return np.zeros(self.bit_rows(), dtype=bool)
            return np.logical_and.reduce(masks)
        return np.logical_or.reduce(masks) if masks else np.zeros(self.bit_rows(), dtype=bool)

    def term_counts(self, relation: str, postings: np.ndarray) -> dict[int, int]:
        """How many of the postings of the mask `postings` ask for each term (its id), by counting bits."""
        counts = set_bits_within(self.bits[relation], np.packbits(postings))
        return {pk: n for (_, _, pk), n in zip(self.terms[relation], counts, strict=True) if n}


def set_bits_within(bits: np.ndarray, packed: np.ndarray) -> list[int]:
    """How many bits of each row of `bits` are also set in `packed` (rows of the same width). A row at a time:
    the whole matrix's AND and its bit counts were two copies of it, 6 MB for a million postings' skills."""
    row = np.empty_like(packed)
    counts = []
    for term in bits:
        np.bitwise_and(term, packed, out=row)
        counts.append(int(np.bitwise_count(row, out=row).sum(dtype=np.int64)))
    return counts


def rows_having(sorted_ids: np.ndarray, ids) -> np.ndarray:
    """The rows of `sorted_ids` (ascending) whose id is among `ids`, as a mask; an id not held is passed over."""
    ids = np.asarray(ids, dtype=np.int64)
    mask = np.zeros(len(sorted_ids), dtype=bool)
    if len(ids) and len(sorted_ids):
        found = np.searchsorted(sorted_ids, ids).clip(0, len(sorted_ids) - 1)
        mask[found[sorted_ids[found] == ids]] = True
    return mask


class TermBitsBuilder:
    """Sets the bits of (posting id, term id) rows: `postings` are the ids in the rows' order, `by_id` the order
    that sorts them."""

    def __init__(self, postings: np.ndarray, relations):
        self.postings, self.by_id = postings, np.argsort(postings)
        self.width = (len(postings) + 7) // 8
        self.bits: dict[str, dict[int, np.ndarray]] = {relation: {} for relation in relations}
        self._row_of: np.ndarray | None = None

    def rows_of(self, ids: np.ndarray) -> np.ndarray:
        """The row of each posting id (-1: not among `postings`). Through a table indexed by id when the ids are
        dense enough (a million rows' lookups in milliseconds), else by binary search."""
        top = int(self.postings.max()) + 1
        if top <= 8 * len(self.postings) + 1024:
            if self._row_of is None:
                self._row_of = np.full(top, -1, dtype=np.int64)
                self._row_of[self.postings] = np.arange(len(self.postings))
            inside = (ids >= 0) & (ids < top)
            rows = np.full(len(ids), -1, dtype=np.int64)
            rows[inside] = self._row_of[ids[inside]]
            return rows
        found = np.searchsorted(self.postings, ids, sorter=self.by_id).clip(0, len(self.by_id) - 1)
        rows = self.by_id[found]
        return np.where(self.postings[rows] == ids, rows, -1)

    def add_terms(self, relation: str, columns: list[np.ndarray]) -> None:
        """(posting id, term id) rows; a posting not among `postings` is passed over."""
        ids, terms = columns
        if not len(ids) or not len(self.by_id):
            return
        rows = self.rows_of(np.asarray(ids, dtype=np.int64))
        held = rows >= 0
        rows, terms = rows[held], terms[held]
        order = np.argsort(terms, kind="stable")
        rows, terms = rows[order], terms[order]
        starts = np.flatnonzero(np.r_[True, terms[1:] != terms[:-1]]) if len(terms) else np.zeros(0, np.int64)
        for start, stop in zip(starts.tolist(), [*starts[1:].tolist(), len(terms)], strict=True):
            mask = np.zeros(len(self.postings), dtype=bool)
            mask[rows[start:stop]] = True
            term = int(terms[start])
            found = np.packbits(mask)
            packed = self.bits[relation].get(term)
            self.bits[relation][term] = found if packed is None else packed | found

    def stacked(self, terms: dict[str, list[tuple]]) -> dict[str, np.ndarray]:
        """Each relation's bits as one array, a row per term of `terms` (a term with no posting: zeros)."""
        return {
            relation: np.array(
                [packed.get(pk, np.zeros(self.width, np.uint8)) for _, _, pk in terms[relation]], dtype=np.uint8
            ).reshape(len(terms[relation]), self.width)
            for relation, packed in self.bits.items()
        }
