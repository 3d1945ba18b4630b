"""Template filters shared by every page."""

import json
from datetime import datetime

from django import template
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> str:
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitized it


@register.simple_tag(takes_context=True)
def query_without(context, name: str, value: str = "") -> str:
    """The current query string without one value of `name` (or all of them), back on the first page."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if value:
        query.setlist(name, [v for v in query.getlist(name) if v != str(value)])
    else:
        query.pop(name, None)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


# Characters that could end the <script> element or open a comment, escaped as JSON allows.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data: dict) -> str:
    """`data` as JSON safe to put inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308


@register.simple_tag(takes_context=True)
def query_with(context, name: str, value: str) -> str:
    """The current query string with one more value of `name`, back on the first page."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    if str(value) not in query.getlist(name):
        query.appendlist(name, str(value))
    return f"?{query.urlencode()}"


@register.filter
def get_item(mapping, key):
    """`mapping[key]` in a template, or None."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def monthly(hourly_rate, hours_per_month):
    """An hourly rate times the hours of a full-time month."""
    return float(hourly_rate) * float(hours_per_month)


@register.filter
def machine_time(moment: datetime | None) -> str:
    """A moment for a <time datetime="...">: whole seconds, as HTML takes at most three digits of a fraction."""
    return moment.isoformat(timespec="seconds") if moment is not None else ""


@register.filter
def relative_time(moment: datetime | None) -> str:
    """A moment as people say it ("3 days ago"), in a <time> element with the exact date and time on hover."""
    if moment is None:
        return ""
    exact = date_format(localtime(moment), "j F Y, H:i e")
    return format_html('<time datetime="{}" title="{}">{}</time>', machine_time(moment), exact, naturaltime(moment))
