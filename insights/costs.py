"""The cost table: every published vendor's hourly rates per delivery country, summed, held as numpy arrays, so
that the cost figures for any client country are read in milliseconds instead of grouping every delivery center
in the database per request.

One row per vendor and delivery country: the sum and number of its centers' rates there (each center's own band's
middle, or the vendor's for a center without one; `insights.selectors.cost_insights` says the same in SQL) and
the centers' seats. A vendor's rate in a country is the mean of its centers' rates there, and in a shore model
the mean over its centers in every country of that model, as the database's `avg` takes them; quartiles are
`percentile_cont`'s (`insights.ledger.sorted_quartiles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from core.summaries import pack_arrays, unpack_arrays
from directory.shore import NEARSHORE_MODEL, OFFSHORE, ONSHORE, shore_model_for
from insights.ledger import sorted_quartiles

SHORE_MODELS = (ONSHORE, NEARSHORE_MODEL, OFFSHORE)

# (count, p25, median, p75) of one group
Stats = tuple[int, float, float, float]


@dataclass
class CostTable:
    built_at: datetime
    countries: list[str]  # the delivery countries, each row's `country` an index into it
    country: np.ndarray
    vendor: np.ndarray  # the vendor's id
    rate_sum: np.ndarray  # the sum of the rates of its centers in the country that have one
    rated: np.ndarray  # how many of its centers there have a rate
    seats: np.ndarray  # its centers' seats there

    def to_bytes(self) -> bytes:
        return pack_arrays(
            {
                "countries": np.array(self.countries, dtype=np.str_),
                "country": self.country,
                "vendor": self.vendor,
                "rate_sum": self.rate_sum,
                "rated": self.rated,
                "seats": self.seats,
            }
        )

    @classmethod
    def from_bytes(cls, built_at: datetime, data: bytes) -> CostTable:
        arrays = unpack_arrays(data)
        return cls(
            built_at,
            [str(code) for code in arrays["countries"]],
            *(arrays[name] for name in ("country", "vendor", "rate_sum", "rated", "seats")),
        )

    @classmethod
    def from_rows(cls, built_at: datetime, rows: list[tuple]) -> CostTable:
        """From (country, vendor id, rate sum or None, rated centers, seats) rows."""
        countries = sorted({row[0] for row in rows})
        index = {code: position for position, code in enumerate(countries)}
        return cls(
            built_at,
            countries,
            np.array([index[row[0]] for row in rows], dtype=np.int32),
            np.array([row[1] for row in rows], dtype=np.int64),
            np.array([row[2] or 0.0 for row in rows], dtype=np.float64),
            np.array([row[3] for row in rows], dtype=np.int32),
            np.array([row[4] for row in rows], dtype=np.int64),
        )

    @property
    def rows(self) -> int:
        return len(self.vendor)

    def by_country(self) -> dict[str, Stats]:
        """Count of vendors and quartiles of their rate, per delivery country."""
        rated = self.rated > 0
        return _grouped(self.country[rated], self.rate_sum[rated] / self.rated[rated], self.countries)

    def by_shore_model(self, client_country: str) -> dict[str, Stats]:
        """Count of vendors and quartiles of their rate, per shore model seen from `client_country`."""
        shore_of = np.array(
            [SHORE_MODELS.index(shore_model_for(client_country, code)) for code in self.countries], dtype=np.int64
        )
        rated = self.rated > 0
        shore = shore_of[self.country[rated]] if len(self.countries) else np.zeros(0, dtype=np.int64)
        vendors, vendor = np.unique(self.vendor[rated], return_inverse=True)
        pairs, pair = np.unique(shore * len(vendors) + vendor, return_inverse=True)
        rate = np.bincount(pair, weights=self.rate_sum[rated]) / np.bincount(pair, weights=self.rated[rated])
        return _grouped(pairs // max(len(vendors), 1), rate, list(SHORE_MODELS))

    def seats_by_country(self) -> dict[str, int]:
        """The seats of the centers in each delivery country."""
        seats = np.bincount(self.country, weights=self.seats, minlength=len(self.countries))
        return {code: int(seats[position]) for position, code in enumerate(self.countries)}


def _grouped(groups: np.ndarray, values: np.ndarray, labels: list[str]) -> dict[str, Stats]:
    order = np.lexsort((values, groups))
    keys, starts, counts = np.unique(groups[order], return_index=True, return_counts=True)
    quartiles = sorted_quartiles(values[order].__getitem__, starts, counts)
    return {
        labels[key]: (count, *(float(value) for value in stats))
        for key, count, stats in zip(keys.tolist(), counts.tolist(), zip(*quartiles, strict=True), strict=True)
    }
