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
            if len(masks) < len(set(values)):
                return np.zeros(self.bit_rows(), dtype=bool)
            return np.logical_and.reduce(masks)
        return np.logical_or.reduce(masks) if masks else np.zeros(self.bit_rows(), dtype=bool)

    def term_counts(self, relation: str, postings: np.ndarray) -> dict[int, int]:
        """How many of the postings of the mask `postings` ask for each term (its id), by counting bits."""
        packed = np.packbits(postings)
        counts = np.bitwise_count(self.bits[relation] & packed).sum(axis=1, dtype=np.int64)
        return {pk: int(n) for (_, _, pk), n in zip(self.terms[relation], counts.tolist(), strict=True) if n}


class TermBitsBuilder:
    """Sets the bits of (posting id, term id) rows: `postings` are the ids in the rows' order, `by_id` the order
    that sorts them."""

    def __init__(self, postings: np.ndarray, relations):
        self.postings, self.by_id = postings, np.argsort(postings)
        self.width = (len(postings) + 7) // 8
        self.bits: dict[str, dict[int, np.ndarray]] = {relation: {} for relation in relations}

    def add_terms(self, relation: str, columns: list[np.ndarray]) -> None:
        """(posting id, term id) rows; a posting not among `postings` is passed over."""
        ids, terms = columns
        if not len(ids) or not len(self.by_id):
            return
        found = np.searchsorted(self.postings, ids, sorter=self.by_id).clip(0, len(self.by_id) - 1)
        rows = self.by_id[found]
        held = self.postings[rows] == ids
        rows, terms = rows[held], terms[held]
        for term in np.unique(terms).tolist():
            packed = self.bits[relation].setdefault(term, np.zeros(self.width, dtype=np.uint8))
            rows_of_term = rows[terms == term]
            np.bitwise_or.at(packed, rows_of_term >> 3, (128 >> (rows_of_term & 7)).astype(np.uint8))

    def stacked(self, terms: dict[str, list[tuple]]) -> dict[str, np.ndarray]:
        """Each relation's bits as one array, a row per term of `terms` (a term with no posting: zeros)."""
        return {
            relation: np.array(
                [packed.get(pk, np.zeros(self.width, np.uint8)) for _, _, pk in terms[relation]], dtype=np.uint8
            ).reshape(len(terms[relation]), self.width)
            for relation, packed in self.bits.items()
        }
