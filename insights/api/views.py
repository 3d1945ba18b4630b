"""/api/v1/insights/pay/, /cost/ and /demand/: the insights pages' figures as JSON."""

from dataclasses import replace

from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.base import StrictFilterBackend
from core.api.schema import ApiSchema
from core.units import AGENT_HOURS_A_MONTH
from insights.api.serializers import CostInsightsSerializer, DemandInsightsSerializer, PayInsightsSerializer
from insights.cache import cached
from insights.selectors import (
    DEFAULT_CLIENT_COUNTRY,
    Quartiles,
    rates_as_of,
)
from insights.summaries import cost_for, demand_now, pay_insights_for
from jobs.filters import JobFilter
from jobs.models import JobPosting


class FilteredSchema(ApiSchema):
    """Declares the job filters on a view that answers one object rather than a list."""

    def get_filter_backends(self):
        return getattr(self.view, "filter_backends", [])


class PayInsightsView(APIView):
    """CSR pay (median and quartiles per month) for the postings the job list's filters select."""

    filter_backends = [StrictFilterBackend]
    filterset_class = JobFilter
    queryset = JobPosting.objects.none()
    schema = FilteredSchema()

    def get_queryset(self):
        return JobPosting.objects.published()

    @extend_schema(summary="What CSR work pays", responses={200: PayInsightsSerializer})
    def get(self, request):
        filterset = StrictFilterBackend().valid_filterset(request, self.get_queryset(), self)
        pay = cached("pay-api", request.query_params.urlencode(), lambda: pay_insights_for(filterset))
        return Response(PayInsightsSerializer(pay, context={"rates_as_of": rates_as_of()}).data)


class CostInsightsView(APIView):
    """Vendors' hourly rates per delivery country and per shore model seen from the client's country."""

    @extend_schema(
        summary="What outsourcing costs",
        parameters=[
            OpenApiParameter(
                "client_country",
                OpenApiTypes.STR,
                description="ISO 3166 alpha-2; default US.",
                required=False,
                enum=[code for code, _ in countries],
            )
        ],
        responses={200: CostInsightsSerializer},
    )
    def get(self, request):
        unknown = sorted(set(request.query_params) - {"client_country", "format"})
        if unknown:
            raise exceptions.ValidationError({name: ["Unknown parameter. Known: client_country."] for name in unknown})
        client = request.query_params.get("client_country", DEFAULT_CLIENT_COUNTRY).strip().upper()
        if client not in countries:
            raise exceptions.ValidationError({"client_country": ["An ISO 3166 alpha-2 country code, such as US."]})
        cost = cached("cost", client, lambda: cost_for(client))
        rows = []
        for row in cost.by_country:
            monthly = None
            if row.quartiles:
                h = float(AGENT_HOURS_A_MONTH)
                monthly = Quartiles(row.quartiles.p25 * h, row.quartiles.median * h, row.quartiles.p75 * h)
            rows.append(
                {
                    **vars(replace(row)),
                    "shore_model": cost.shore_of_country[row.value],
                    "seats": cost.seats.get(row.value, 0),
                    "monthly_cost_per_agent": monthly,
                }
            )
        return Response(
            CostInsightsSerializer(
                {
                    "client_country": cost.client_country,
                    "hourly_rate_usd_by_shore_model": cost.by_shore_model,
                    "hourly_rate_usd_by_country": rows,
                }
            ).data
        )


class DemandInsightsView(APIView):
    """Postings per skill, language and country in each of the last 12 weeks."""

    @extend_schema(summary="What employers ask for", responses={200: DemandInsightsSerializer})
    def get(self, request):
        unknown = sorted(set(request.query_params) - {"format"})
        if unknown:
            raise exceptions.ValidationError({name: ["This endpoint takes no parameters."] for name in unknown})
        return Response(DemandInsightsSerializer(cached("demand", "", demand_now)).data)
