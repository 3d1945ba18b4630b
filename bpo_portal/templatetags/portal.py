"""Template filters shared by every page."""

from django import template
from django.utils.safestring import mark_safe

from bpo_portal.markdown import render_markdown

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
