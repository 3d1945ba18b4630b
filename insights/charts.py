"""Server-rendered SVG charts: readable at a glance, with a title and a description for screen readers.

Every chart on the pages has a table with the same numbers beside it; the charts add the picture.
"""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

LABEL_WIDTH = 190
CHART_WIDTH = 640
ROW_HEIGHT = 30


def _money(value: float, unit: str) -> str:
    return f"{unit}{value:,.0f}" if value >= 100 else f"{unit}{value:,.2f}"


def range_chart(chart_id: str, title: str, rows, unit: str = "$") -> SafeString:
    """Horizontal bars from the 25th to the 75th percentile with a mark at the median, one row per group.

    `rows` are GroupFigures; groups without enough data are drawn as a note, not as a bar.
    """
    drawable = [row for row in rows if row.quartiles]
    top = max((row.quartiles.p75 for row in drawable), default=0) * 1.08 or 1
    plot = CHART_WIDTH - LABEL_WIDTH - 20
    height = ROW_HEIGHT * len(rows) + 30

    def x(value: float) -> float:
        return LABEL_WIDTH + plot * value / top

    parts = []
    for index, row in enumerate(rows):
        y = 10 + index * ROW_HEIGHT
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>',
                LABEL_WIDTH - 8,
                y + 17,
                row.label[:28],
            )
        )
        if row.quartiles is None:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" class="chart-note">not enough data ({} {})</text>',
                    LABEL_WIDTH,
                    y + 17,
                    row.count,
                    "posting" if row.count == 1 else "postings or vendors",
                )
            )
            continue
        q = row.quartiles
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="16" rx="3" class="chart-range"></rect>'
                '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-median"></line>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                f"{x(q.p25):.1f}",
                y + 5,
                f"{max(x(q.p75) - x(q.p25), 2):.1f}",
                f"{x(q.median):.1f}",
                f"{x(q.median):.1f}",
                y + 2,
                y + 24,
                f"{min(x(q.p75) + 6, CHART_WIDTH - 60):.1f}",
                y + 18,
                _money(q.median, unit),
            )
        )
    description = "; ".join(
        f"{row.label}: median {_money(row.quartiles.median, unit)}, middle half "
        f"{_money(row.quartiles.p25, unit)} to {_money(row.quartiles.p75, unit)}"
        if row.quartiles
        else f"{row.label}: not enough data"
        for row in rows
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
        'preserveAspectRatio="xMinYMin meet"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        CHART_WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe("".join(parts)),  # noqa: S308 - each part built with format_html
    )


def sparkline(label: str, values: list[int], width: int = 140, height: int = 32) -> SafeString:
    """A small line of weekly counts, oldest on the left."""
    top = max(values, default=0) or 1
    step = width / max(len(values) - 1, 1)
    points = " ".join(f"{i * step:.1f},{height - 3 - (height - 6) * v / top:.1f}" for i, v in enumerate(values))
    return format_html(
        '<svg class="sparkline" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">'
        '<polyline points="{}" fill="none" stroke="currentColor" stroke-width="2"></polyline></svg>',
        width,
        height,
        width,
        height,
        f"{label}: weekly postings {', '.join(str(v) for v in values)}",
        points,
    )
