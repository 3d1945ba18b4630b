"""What the pay figures cost a web worker's memory (insights/ledger.py). A worker holds the ledger for as long as it
runs, and reads the quartiles of a selection from it in a request: it must not keep a second copy of the pay (in
dollars) beside it, and a request's arrays must stay near the two index arrays a grouping needs. Measured with
tracemalloc, which numpy reports its arrays to: counted bytes, not timing."""

import tracemalloc
from datetime import UTC, datetime

import numpy as np

from insights.ledger import COLUMNS, RELATIONS, PayLedger
from insights.selectors import LedgerPay

ROWS = 400_000


def ledger() -> PayLedger:
    """A ledger of ROWS postings in two currencies (one without a rate), sorted by pay as the builder sorts it."""
    rng = np.random.default_rng(18)
    values = {column: [f"{column}-{n}" for n in range(12)] for column in COLUMNS}
    values["salary_currency"] = ["USD", "XXX"]
    codes = {column: rng.integers(0, len(values[column]), ROWS).astype(np.uint8) for column in COLUMNS}
    monthly = np.sort(rng.uniform(300, 3000, ROWS))
    terms = {relation: [(f"{relation}-{n}", f"{relation} {n}", n) for n in range(4)] for relation in RELATIONS}
    bits = {relation: np.packbits(rng.random((len(terms[relation]), ROWS)) < 0.3, axis=1) for relation in RELATIONS}
    return PayLedger(datetime.now(UTC), codes, values, monthly, {"USD": 1.0}, terms, bits)


def peak_bytes(call) -> int:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_pay_in_dollars_is_not_kept_beside_the_ledger():
    held = ledger()
    before = {name: id(value) for name, value in vars(held).items()}
    LedgerPay(held, np.ones(ROWS, dtype=bool)).stats(("country",), in_usd=True)
    assert {name: id(value) for name, value in vars(held).items()} == before


def test_a_grouping_reads_the_pay_where_its_quartiles_look_not_a_sorted_copy():
    held = ledger()
    everything = np.ones(ROWS, dtype=bool)
    peak = peak_bytes(lambda: LedgerPay(held, everything).stats(("country", "shift"), in_usd=True))
    # Half the postings are in the currency without a rate. Per posting kept: its row (8 bytes) and its place in
    # the order (8, and 8 more while numpy sorts), a mask and the keys: about 25 bytes, 12.5 a posting here. The
    # sorted copies of the rows and of their pay, and the pay in dollars, were 12 bytes a posting more.
    assert peak < 16 * ROWS


def test_the_skills_figures_read_one_skill_at_a_time():
    held = ledger()
    everything = np.ones(ROWS, dtype=bool)
    peak = peak_bytes(lambda: LedgerPay(held, everything).stats(("skill",), in_usd=True))
    # A mask per skill and the rows asking for it (4.4 bytes a posting); with the pay in dollars worked out for
    # the whole ledger first, 12.4.
    assert peak < 8 * ROWS
