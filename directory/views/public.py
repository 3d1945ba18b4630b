"""Public directory pages. Only published vendors exist for the public: anything else is a 404."""

from django.contrib import messages
from django.db.models import Count, Exists, Max, Min, OuterRef, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, TemplateView
from django_countries import countries

from core.facets import vocabulary_term
from core.limits import rate_exceeded
from core.listing import FacetedListView
from core.sql import first_rows_json, instances_from_json
from directory.brief import MULTI_FIELDS, MatchRequestSerializer, match_request_data
from directory.compare import MAX_VENDORS as MAX_COMPARED
from directory.compare import MIN_VENDORS as MIN_COMPARED
from directory.compare import comparison_rows
from directory.filters import VendorFilter
from directory.hubs import HUB_NOTES
from directory.matching import CRITERIA, MARKABLE, MatchResult, Needs, match_vendors
from directory.models import (
    Channel,
    ComplianceStandard,
    DeliveryCenter,
    Industry,
    Language,
    Membership,
    Review,
    ServiceType,
    Vendor,
)
from directory.selectors import delivery_countries
from directory.services.business import can_review
from directory.shore import NEARSHORE
from directory.shortlist import Shortlist, ShortlistFull

CLIENT_COUNTRIES = sorted(((code, countries.name(code)) for code in NEARSHORE), key=lambda pair: pair[1])
SORT_OPTIONS = [
    ("", "Best match"),
    ("name", "Name"),
    ("-rating", "Rating"),
    ("-seats", "Size (most seats)"),
    ("hourly_rate", "Hourly rate (lowest first)"),
]


class VendorListView(FacetedListView):
    filterset_class = VendorFilter
    template_name = "directory/vendor_list.html"
    context_object_name = "vendors"

    def get_queryset(self):
        self.queryset = Vendor.objects.published().for_cards()
        return super().get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sort_options"] = SORT_OPTIONS
        context["client_countries"] = CLIENT_COUNTRIES
        context["shortlist"] = Shortlist.for_request(self.request)
        return context


class ServiceVendorListView(VendorListView):
    """/vendors/services/<slug>/: the list of vendors offering one service, with what the service is."""

    def get_fixed_filters(self):
        return {"service": [self.service.slug]}

    def get(self, request, *args, **kwargs):
        self.service = vocabulary_term(ServiceType.objects.all(), "slug", kwargs["slug"])
        if self.service is None:
            raise Http404("No such service")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["landing"] = {
            "title": f"{self.service.name} outsourcing vendors",
            "kicker": self.service.get_category_display(),
            "intro": self.service.description,
        }
        return context


class CountryVendorListView(VendorListView):
    """/vendors/countries/<code>/: the vendors delivering from one country, with the country as a BPO hub."""

    def get_fixed_filters(self):
        return {"country": [self.country_code]}

    def get(self, request, *args, **kwargs):
        if kwargs["code"].upper() in countries and kwargs["code"] != kwargs["code"].lower():
            # One address per country page: /countries/ph/, whatever case was typed.
            path = request.path.replace(f"/{kwargs['code']}/", f"/{kwargs['code'].lower()}/")
            query = request.GET.urlencode()
            return redirect(f"{path}?{query}" if query else path, permanent=True)
        code = kwargs["code"].upper()
        if code not in countries:
            raise Http404("No such country")
        self.country_code = code
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        name = countries.name(self.country_code)
        context["landing"] = {
            "title": f"BPO and call-center vendors in {name}",
            "kicker": "Delivery country",
            "intro": HUB_NOTES.get(self.country_code, ""),
            "hub": hub_summary(self.country_code),
        }
        return context


def hub_summary(country_code: str) -> dict:
    """What the directory itself knows of a country as a delivery hub: centers, seats, cities, rates."""
    centers = DeliveryCenter.objects.filter(country=country_code, vendor__in=Vendor.objects.published())
    totals = centers.aggregate(seats=Sum("seats"), vendors=Count("vendor", distinct=True))
    cities = centers.values("city").annotate(n=Count("pk")).order_by("-n", "city")[:6]
    # The rates of the centers in this country (a center without its own band has its vendor's), not the whole
    # band of every vendor with a center here: a Manila and Glasgow vendor's Glasgow rate is no Philippine rate.
    rates = centers.aggregate(
        low=Min(Coalesce("hourly_rate_min", "vendor__hourly_rate_min")),
        high=Max(Coalesce("hourly_rate_max", "vendor__hourly_rate_max")),
    )
    return {
        "vendors": totals["vendors"] or 0,
        "seats": totals["seats"] or 0,
        "cities": [row["city"] for row in cities],
        "rate_low": rates["low"],
        "rate_high": rates["high"],
    }


class VendorDetailView(DetailView):
    context_object_name = "vendor"
    template_name = "directory/vendor_detail.html"

    def get_queryset(self):
        # The profile, its latest reviews and whether anyone manages it, in one query.
        approved = Review.objects.filter(status=Review.Status.APPROVED)
        return (
            Vendor.objects.published()
            .for_profile()
            .annotate(
                review_rows=first_rows_json(approved, "vendor", REVIEW_ORDER, limit=20),
                has_members=Exists(Membership.objects.filter(vendor=OuterRef("pk"))),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        vendor = self.object
        context["in_shortlist"] = vendor.slug in Shortlist.for_request(self.request)
        context["services_by_category"] = services_by_category(vendor.services.all())
        context["similar_vendors"] = Vendor.objects.similar_to(vendor)
        context["reviews"] = instances_from_json(Review, vendor.review_rows, REVIEW_ORDER)
        context["can_review"] = can_review(self.request.user, vendor)
        return context


REVIEW_ORDER = ("-created_at", "-pk")


def services_by_category(services) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for service in sorted(services, key=lambda s: (s.category != "front_office", s.position, s.name)):
        groups.setdefault(service.get_category_display(), []).append(service)
    return list(groups.items())


@require_POST
def shortlist_update(request, slug):
    """Add a published vendor to the visitor's shortlist or take it off (`action=remove`)."""
    vendor = get_object_or_404(Vendor.objects.published(), slug=slug)
    shortlist = Shortlist.for_request(request)
    if request.POST.get("action") == "remove":
        shortlist.remove(vendor.slug)
        messages.success(request, f"{vendor.name} is off your shortlist.")
    else:
        try:
            shortlist.add(vendor.slug)
        except ShortlistFull as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{vendor.name} is on your shortlist.")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = vendor.get_absolute_url()
    return redirect(next_url)


class ShortlistView(TemplateView):
    template_name = "directory/shortlist.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shortlist = Shortlist.for_request(self.request)
        vendors = Vendor.objects.published().filter(slug__in=shortlist.slugs).for_cards().in_bulk(field_name="slug")
        shortlist.keep_only(set(vendors))
        context["vendors"] = [vendors[slug] for slug in shortlist.slugs]
        context["max_compared"] = MAX_COMPARED
        return context


class CompareView(TemplateView):
    """/vendors/compare/?v=<slug>&v=<slug>: two to four published vendors side by side."""

    template_name = "directory/compare.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asked = list(dict.fromkeys(slug for slug in self.request.GET.getlist("v") if slug))
        notices = []
        if len(asked) > MAX_COMPARED:
            notices.append(f"You can compare up to {MAX_COMPARED} vendors at once; showing the first {MAX_COMPARED}.")
            asked = asked[:MAX_COMPARED]
        found = Vendor.objects.published().filter(slug__in=asked).for_profile().in_bulk(field_name="slug")
        missing = [slug for slug in asked if slug not in found]
        if missing:
            notices.append(f"Not found, or no longer listed: {', '.join(missing)}.")
        vendors = [found[slug] for slug in asked if slug in found]
        if len(vendors) < MIN_COMPARED:
            notices.append("Choose at least two vendors to compare: add them to your shortlist while you browse.")
        context.update(
            vendors=vendors,
            rows=comparison_rows(vendors) if len(vendors) >= MIN_COMPARED else [],
            only_differences=self.request.GET.get("diff") == "1",
            notices=notices,
            shortlist_size=len(Shortlist.for_request(self.request)),
        )
        return context


class VendorMatchView(TemplateView):
    """/vendors/match/: a brief in, vendors ranked with the reasons out (GET, so it can be shared). The API's
    matcher limit applies: each brief ranks every published vendor."""

    template_name = "directory/match.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET
        submitted = bool(query)
        serializer = MatchRequestSerializer(data=match_request_data(query))
        valid = submitted and serializer.is_valid()
        throttled = valid and rate_exceeded(self.request, "match")
        result = match_vendors(serializer.needs()) if valid and not throttled else MatchResult([], False)
        needs = serializer.needs() if valid else Needs()
        context.update(
            submitted=submitted,
            throttled=throttled,
            errors=serializer.errors if submitted and not valid else {},
            result=result,
            needs=needs,
            must_haves=query.getlist("must_haves") if query.get("brief") else ["compliance"],
            choices={
                "services": ServiceType.objects.all(),
                "channels": Channel.objects.all(),
                "languages": Language.objects.all(),
                "industries": Industry.objects.all(),
                "compliance": ComplianceStandard.objects.all(),
                "countries": CLIENT_COUNTRIES,
                "delivery_countries": delivery_countries(),
                "must_haves": [(name, CRITERIA[name][0].capitalize()) for name in MARKABLE],
            },
            selected={name: query.getlist(name) for name in MULTI_FIELDS},
        )
        return context

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context["throttled"]:
            response.status_code = 429
        return response
