"""The `facets/` action beside a list endpoint: how many records each filter option gives under the current
selection, with the list's own validation and FilterSet (/api/v1/vendors/facets/, /api/v1/jobs/facets/)."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.base import FACETS_SCHEMA, StrictFilterBackend, facets_response_data


class FacetsMixin:
    """For a viewset with a `filterset_class`, whose `get_queryset()` answers `facets` as it answers `list`."""

    def facets_scope(self) -> str | None:
        """The cache scope of counts that are the same for everyone (see `facets_response_data`); None: not cached."""
        return None

    @extend_schema(
        summary="How many records each filter option gives under the current selection",
        responses={200: FACETS_SCHEMA},
    )
    @action(detail=False, methods=["get"])
    def facets(self, request):
        base = self.get_queryset()
        StrictFilterBackend().filter_queryset(request, base, self)  # the same validation as the list
        filterset = self.filterset_class(request.query_params, queryset=base)
        data = facets_response_data(filterset, scope=self.facets_scope())
        # false: the counts are those of the selection's newest records (`facet_bound`).
        return Response(data, headers={"Facets-Exact": "true" if filterset.facets_exact else "false"})
