"""The insights' summaries (`core.summaries.KeptSummary`), counted ahead of the pages that read them: the pay
ledger (`insights.ledger`), the cost table (`insights.costs`) and the demand trends. Each is counted again when
a third of the insights' cache time (`insights.cache.CACHE_SECONDS`, 15 minutes) old: a new posting or vendor
is in the figures within five minutes. The pages read them through `pay_insights_for`, `cost_for` and
`demand_now`, which count from the database when there is no summary (none counted yet, or
`FACETS_SUMMARY_REFRESH=off`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
from django.db import connections
from django.db.models import F

from core.models import Summary
from core.sql import number_columns
from core.summaries import KeptSummary
from core.summary_service import answered_by_summaries
from directory.models import Vendor
from insights.cache import CACHE_SECONDS
from insights.costs import CostTable
from insights.ledger import COLUMNS, RELATIONS, PayLedger, PayLedgerBuilder
from insights.models import ExchangeRate
from insights.querysets import monthly_salary, paid
from insights.selectors import (
    CostInsights,
    DemandInsights,
    LedgerPay,
    PayInsights,
    Quartiles,
    Trend,
    cost_figures,
    cost_insights,
    cost_rows,
    demand_insights,
    pay_insights,
)
from jobs.filters import SummaryQuestion, summary_conditions
from jobs.models import JobPosting
from jobs.services.facets import relation_terms, requirement_pairs

SCAN_TABLE = "insights_pay_scan"


def _count_pay(now: datetime) -> tuple[bytes, int]:
    """Every open, paid posting with its columns, its monthly pay and its skills and languages, in the ledger's
    order, packed."""
    connection = connections[Summary.objects.db]
    postings = (
        paid(JobPosting.objects.published(now))
        .order_by()
        .values(*COLUMNS, posting=F("pk"), local=monthly_salary(in_usd=False))
    )
    scan, params = postings.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL work_mem = '128MB'")
        cursor.execute(f"DROP TABLE IF EXISTS {SCAN_TABLE}")
        # The postings as one statement saw them: their requirements are then read for exactly these.
        cursor.execute(f"CREATE TEMPORARY TABLE {SCAN_TABLE} AS {scan}", params)
    values, cases, case_params = {}, [], []
    with connection.cursor() as cursor:
        for column in COLUMNS:
            cursor.execute(f"SELECT DISTINCT {column} FROM {SCAN_TABLE}")  # noqa: S608 - own SQL
            values[column] = [value for (value,) in cursor.fetchall()]
            # Each value's code (its place in values[column]) computed by the database: the rows come as numbers.
            whens = []
            for code, value in enumerate(values[column]):
                whens.append(
                    f"WHEN {column} IS NULL THEN {code}" if value is None else f"WHEN {column} = %s THEN {code}"
                )
                case_params += [] if value is None else [value]
            cases.append(f"CASE {' '.join(whens)} ELSE 0 END" if whens else "0")  # no paid posting: no values
    builder = PayLedgerBuilder(values)
    rows = f"SELECT posting, {', '.join(cases)}, local FROM {SCAN_TABLE}"  # noqa: S608
    for columns in number_columns(connection, rows, case_params, ("i8", *("i4" for _ in COLUMNS), "f8")):
        builder.add_rows(columns)
    builder.order({code: float(usd) for code, usd in ExchangeRate.objects.values_list("currency", "usd_per_unit")})
    for relation, columns in requirement_pairs(connection):  # those of postings the ledger does not hold: passed over
        builder.add_terms(relation, columns)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {SCAN_TABLE}")
    ledger = builder.build(now, relation_terms())
    return ledger.to_bytes(), ledger.rows


pay_ledger = KeptSummary(
    "insights:pay-ledger", count=_count_pay, load=PayLedger.from_bytes, fresh_seconds=lambda: CACHE_SECONDS / 3
)


def pay_insights_for(filterset) -> PayInsights:
    """The pay figures of the postings `filterset` (a bound `JobFilter` over the published postings) selects:
    from the pay ledger when its filters are all columns of it (the pay page's are), else counted by the
    database."""
    kept = ledger_pay_insights(filterset.summary_question())
    return kept if kept is not None else pay_insights(filterset.qs)


@answered_by_summaries
def ledger_pay_insights(question: SummaryQuestion) -> PayInsights | None:
    """The pay figures of the selection `question` from the pay ledger (None: none yet, turned off, or a filter
    chosen that is not a column of it)."""
    ledger = pay_ledger.current()
    conditions = summary_conditions(ledger, question, relations=RELATIONS) if ledger is not None else None
    if conditions is None:
        return None
    mask = np.logical_and.reduce([np.ones(ledger.rows, dtype=bool), *conditions.values()])
    return pay_insights(source=LedgerPay(ledger, mask))


@dataclass(frozen=True)
class KeptDemand:
    built_at: datetime
    demand: DemandInsights


TREND_GROUPS = ("skills", "languages", "countries")


def _count_demand(now: datetime) -> tuple[bytes, int]:
    demand = demand_insights(now=now)
    packed = {"weeks": [week.isoformat() for week in demand.weeks]}
    for group in TREND_GROUPS:
        packed[group] = [[t.value, t.label, t.weekly, t.total] for t in getattr(demand, group)]
    return json.dumps(packed).encode(), sum(len(packed[group]) for group in TREND_GROUPS)


def _load_demand(built_at: datetime, data: bytes) -> KeptDemand:
    packed = json.loads(bytes(data))
    weeks = [date.fromisoformat(week) for week in packed.pop("weeks")]
    trends = {group: [Trend(*row) for row in rows] for group, rows in packed.items()}
    return KeptDemand(built_at, DemandInsights(weeks=weeks, **trends))


demand_summary = KeptSummary(
    "insights:demand", count=_count_demand, load=_load_demand, fresh_seconds=lambda: CACHE_SECONDS / 3
)


def demand_now() -> DemandInsights:
    """The demand trends of the last twelve weeks: the kept summary's, else counted now."""
    kept = demand_summary.current()
    return kept.demand if kept is not None else demand_insights()


def _count_costs(now: datetime) -> tuple[bytes, int]:
    table = CostTable.from_rows(now, list(cost_rows(Vendor.objects.published())))
    return table.to_bytes(), table.rows


cost_table = KeptSummary(
    "insights:cost-table", count=_count_costs, load=CostTable.from_bytes, fresh_seconds=lambda: CACHE_SECONDS / 3
)


def cost_for(client_country: str) -> CostInsights:
    """The cost figures for a client in `client_country`: from the cost table, else counted now."""
    table = cost_table.current()
    if table is None:
        return cost_insights(Vendor.objects.published(), client_country)

    def stats(grouped):
        return {key: (count, Quartiles(*quartiles)) for key, (count, *quartiles) in grouped.items()}

    return cost_figures(
        client_country,
        stats(table.by_country()),
        stats(table.by_shore_model(client_country)),
        table.seats_by_country(),
    )
