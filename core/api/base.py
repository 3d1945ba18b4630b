"""Shared pieces of the REST API (/api/v1/): pagination, strict filtering, throttles, errors and the schema.

The API is strict where the pages are forgiving: an unknown parameter, an unknown choice or a malformed
number is a 400 whose body names the parameter and says what is allowed.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.utils import html
from rest_framework.views import exception_handler

from core.facets import MultipleValuesFilter
from core.pagination import COUNT_LIMIT, DEFAULT_PAGE_SIZE, MAX_PAGE_NUMBER, MAX_PAGE_SIZE, CappedPaginator

# Parameters every list endpoint takes besides its filters.
COMMON_PARAMETERS = {"page", "page_size", "format"}
# Choice lists longer than this are described, not spelled out, in error messages.
LISTED_CHOICES_MAX = 40


class Pagination(PageNumberPagination):
    """`page` and `page_size` (core.pagination's default; more than its maximum is capped, not refused). Pages
    stop at MAX_PAGE_NUMBER: a page past it is a 404 that says so."""

    django_paginator_class = CappedPaginator
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None:
            try:
                size = int(raw)
            except ValueError:
                size = 0
            if size < 1:
                raise exceptions.ValidationError({"page_size": [f"A whole number from 1 to {self.max_page_size}."]})
            return min(size, self.max_page_size)
        return self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        page = request.query_params.get(self.page_query_param)
        if page is not None and page != "last" and not (page.isdigit() and int(page) >= 1):
            raise exceptions.ValidationError({"page": ["A page number from 1, or 'last'."]})
        if page is not None and page.isdigit() and int(page) > MAX_PAGE_NUMBER:
            raise exceptions.NotFound(
                f"Pages stop at {MAX_PAGE_NUMBER}: narrow the search with a filter or a search word to reach the rest."
            )
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        """DRF's page, with `count_exact`: false when the count stopped at COUNT_LIMIT (core/pagination.py)."""
        response = super().get_paginated_response(data)
        exact = getattr(self.page.paginator.object_list, "count_exact", True)
        response.data = {"count": response.data["count"], "count_exact": exact, **response.data}
        return response

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        properties = described["properties"]
        properties["count_exact"] = {
            "type": "boolean",
            "description": f"False when the selection holds more than {COUNT_LIMIT:,} records: `count` then stops "
            f"there, past the last page any page size reaches.",
        }
        described["required"] = [*described.get("required", []), "count_exact"]
        described["properties"] = {"count": properties.pop("count"), **properties}
        return described

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters


def allowed_values(filter_) -> str:
    """What a filter accepts, in words, for error messages."""
    choices = getattr(filter_.field, "choices", None)
    values = [str(value) for value, _ in choices if value != ""] if choices is not None else []
    if values:
        if len(values) <= LISTED_CHOICES_MAX:
            return f"Allowed: {', '.join(values)}."
        return f"One of {len(values)} codes or slugs (see the taxonomy endpoints)."
    return ""


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, plus: unknown parameters are refused, and each error says what is allowed."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.valid_filterset(request, queryset, view)
        return queryset if filterset is None else filterset.qs

    def valid_filterset(self, request, queryset, view):
        """The view's filterset bound to the request, once every parameter is known and valid (else a 400 naming
        each one); None when the view has none."""
        filterset = self.get_filterset(request, queryset, view)
        filters = filterset.filters if filterset is not None else {}
        known = set(filters) | COMMON_PARAMETERS | set(getattr(view, "extra_query_parameters", ()))
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise exceptions.ValidationError(
                {name: [f"Unknown parameter. Known: {', '.join(sorted(known))}."] for name in unknown}
            )
        empty = sorted(name for name, values in request.query_params.lists() if "" in values)
        if empty:
            message = "Empty value: leave the parameter out instead."
            raise exceptions.ValidationError({name: [message] for name in empty})
        if filterset is None:
            return None
        if not filterset.is_valid():
            errors = {}
            for name, messages in filterset.errors.items():
                hint = allowed_values(filterset.filters[name]) if name in filterset.filters else ""
                errors[name] = [f"{message} {hint}".strip() for message in messages]
            raise exceptions.ValidationError(errors)
        for name, filter_ in filterset.filters.items():
            if not isinstance(filter_, MultipleValuesFilter) and len(request.query_params.getlist(name)) > 1:
                raise exceptions.ValidationError({name: ["Give this parameter once."]})
        return filterset


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def api_exception_handler(exc, context):
    """Model validation raised by a service (a constraint, a workflow rule) is a 400 like any other; a body over
    DATA_UPLOAD_MAX_MEMORY_SIZE (Django refuses to read it) a 413 that says the limit."""
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        exc = PayloadTooLarge(f"The request body, files aside, is over the limit of {limit:,} bytes.")
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    return exception_handler(exc, context)


FACETS_SCHEMA = {
    "type": "object",
    "additionalProperties": {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}},
        },
    },
}


def facets_response_data(filterset, scope: str | None = None) -> dict:
    """`{"<filter>": [{"value", "label", "count"}, ...]}`: the same counts the list pages show beside each option.
    With a `scope` (records that are the same for everyone), counts come from the cache when they are under a
    minute old (`FacetedFilterSet.cached_facets`)."""
    facets = filterset.cached_facets(scope) if scope else filterset.facets()
    return {
        name: [{"value": option.value, "label": option.label, "count": option.count} for option in facet.options]
        for name, facet in facets.items()
    }


class ListItemSerializer(serializers.Serializer):
    """An item of a list that, when sent, replaces the whole list: it is read whole even in a PATCH (REST framework
    skips the missing required fields of everything under a partial update, and the item would be half read)."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            missing = [name for name, field in self.fields.items() if field.required and name not in data]
            if missing:
                raise exceptions.ValidationError({name: ["This field is required."] for name in missing})
        return super().to_internal_value(data)


class SentEmptyRefusedMixin:
    """For serializers that take form-encoded bodies: REST framework reads an empty form value of an optional field
    as "not sent" (or as null), so `submission_key=` would quietly get a fresh key (and lose the protection against
    a retried request), `name=` in a PATCH would quietly change nothing and `start_date=` would be taken for a
    date. Here an empty value is refused by name, as it is in JSON, unless the field allows blank text; null is
    sent as JSON, or the field left out."""

    def to_internal_value(self, data):
        if html.is_html_input(data):
            empty = [
                name
                for name, field in self.fields.items()
                if data.get(name) == ""
                and not (field.read_only or getattr(field, "allow_blank", False))
                # Lists and nested objects read their own keys; an empty file input is not sent by browsers.
                and not isinstance(
                    field,
                    serializers.ManyRelatedField
                    | serializers.ListField
                    | serializers.BaseSerializer
                    | serializers.FileField,
                )
            ]
            if empty:
                raise exceptions.ValidationError({name: ["This field may not be blank."] for name in empty})
        return super().to_internal_value(data)
