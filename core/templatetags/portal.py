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
def breadcrumbs(context, *trail) -> str:
    """schema.org BreadcrumbList markup from the home page down: `{% breadcrumbs "Vendors" vendors_url name %}`
    gives name and address pairs; the last name alone is this page."""
    request = context["request"]
    names_and_paths = [("Home", "/"), *zip(trail[0::2], trail[1::2], strict=False)]
    if len(trail) % 2:
        names_and_paths.append((trail[-1], request.path))
    items = [
        {"@type": "ListItem", "position": position, "name": str(name), "item": request.build_absolute_uri(path)}
        for position, (name, path) in enumerate(names_and_paths, start=1)
    ]
    data = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}
    return format_html('<script type="application/ld+json">{}</script>', json_ld(data))


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)  # so that the {% block %}s inside stay blocks the child templates fill

    def __init__(self, nodelist, name: str):
        self.nodelist, self.name = nodelist, name

    def render(self, context) -> str:
        context[self.name] = self.nodelist.render(context).strip()
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}...{% endcapture %}`: what is inside, rendered once into a variable, for a page's
    title and description, which the <title>, the description and the Open Graph tags all repeat."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


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
