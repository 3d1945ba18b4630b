"""The directory over HTTP: what a vendor looks like to a client, and what its members may change.

Private contact details and moderation notes never appear here.
"""

from django.urls import reverse
from rest_framework import serializers

from core.api.base import SentEmptyRefusedMixin
from core.fields import COUNTRY_CHOICES, SlugField
from core.sql import json_rows
from directory.choices import PricingModel, VendorHours
from directory.models import (
    CallCenterType,
    Channel,
    ComplianceStandard,
    DeliveryCenter,
    Industry,
    Inquiry,
    Language,
    Membership,
    Review,
    ServiceType,
    ShoreModel,
    Vendor,
)


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceType
        fields = ["slug", "name", "category"]


class LanguageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Language
        fields = ["code", "name"]


class RatingSerializer(serializers.Serializer):
    average = serializers.DecimalField(source="rating_average", max_digits=3, decimal_places=2, allow_null=True)
    count = serializers.IntegerField(source="rating_count")


class DeliveryCenterSerializer(serializers.ModelSerializer):
    country = serializers.SerializerMethodField(help_text="ISO 3166 alpha-2 code.")
    languages = serializers.SerializerMethodField(help_text="ISO 639-1 codes of the languages its agents work in.")

    class Meta:
        model = DeliveryCenter
        fields = [
            "name",
            "city",
            "country",
            "time_zone",
            "seats",
            "languages",
            "hours",
            "hourly_rate_min",
            "hourly_rate_max",
        ]

    def get_country(self, center) -> str:
        return center.country.code

    def get_languages(self, center) -> list[str]:
        return sorted(language.code for language in center.languages.all())


class VendorSerializer(serializers.ModelSerializer):
    """A vendor in a list: what a comparison site shows, without a second request."""

    url = serializers.SerializerMethodField(help_text="The vendor's profile page.")
    services = ServiceSerializer(many=True)
    shore_models = TermSerializer(many=True)
    call_center_types = TermSerializer(many=True)
    channels = TermSerializer(many=True)
    languages = LanguageSerializer(many=True)
    industries = TermSerializer(many=True)
    compliance = TermSerializer(source="compliance_standards", many=True)
    countries = serializers.SerializerMethodField(help_text="ISO 3166 alpha-2 codes of its delivery centers.")
    total_seats = serializers.IntegerField(help_text="Seats over all its delivery centers.")
    headquarters_country = serializers.SerializerMethodField()
    rating = RatingSerializer(source="*")

    class Meta:
        model = Vendor
        fields = [
            "slug",
            "name",
            "url",
            "tagline",
            "services",
            "shore_models",
            "call_center_types",
            "channels",
            "languages",
            "industries",
            "countries",
            "total_seats",
            "hourly_rate_min",
            "hourly_rate_max",
            "pricing_model",
            "hours",
            "min_seats",
            "min_contract_months",
            "compliance",
            "verified",
            "featured",
            "rating",
            "founded_year",
            "headquarters_country",
            "employees",
        ]
        read_only_fields = fields

    def get_url(self, vendor) -> str:
        return self.context["request"].build_absolute_uri(vendor.get_absolute_url())

    def get_countries(self, vendor) -> list[str]:
        return sorted({center.country.code for center in vendor.centers.all()})

    def get_headquarters_country(self, vendor) -> str:
        return vendor.headquarters_country.code or ""

    @classmethod
    def cards(cls, rows, request) -> list[dict]:
        """What `to_representation` gives for each vendor, built from `VendorQuerySet.card_rows()` dicts without
        model instances: the API list's fast path (a test checks both agree). Decimals go through the
        serializer's own fields, so they read the same."""
        url = request.build_absolute_uri(reverse("directory:vendor_detail", kwargs={"slug": "-"}))[:-2]
        fields = cls().fields
        rate_min, rate_max = fields["hourly_rate_min"], fields["hourly_rate_max"]
        average = fields["rating"].fields["average"]

        def decimal(field, value):
            return None if value is None else field.to_representation(value)

        def terms(text):  # by position, then name: the vocabularies' order
            return [{"slug": slug, "name": name} for _, name, slug in sorted(json_rows(text))]

        cards = []
        for row in rows:
            services = sorted(json_rows(row["services_rows"]), key=lambda s: (s[1], s[2]))
            services.sort(key=lambda s: s[0], reverse=True)  # front office first, as ServiceType orders them
            cards.append(
                {
                    "slug": row["slug"],
                    "name": row["name"],
                    "url": f"{url}{row['slug']}/",
                    "tagline": row["tagline"],
                    "services": [{"slug": slug, "name": name, "category": c} for c, _, name, slug in services],
                    "shore_models": terms(row["shore_models_rows"]),
                    "call_center_types": terms(row["call_center_types_rows"]),
                    "channels": terms(row["channels_rows"]),
                    "languages": [
                        {"code": code, "name": name} for name, code in sorted(json_rows(row["languages_rows"]))
                    ],
                    "industries": terms(row["industries_rows"]),
                    "countries": sorted({country for (country,) in json_rows(row["country_rows"])}),
                    "total_seats": row["total_seats"],
                    "hourly_rate_min": decimal(rate_min, row["hourly_rate_min"]),
                    "hourly_rate_max": decimal(rate_max, row["hourly_rate_max"]),
                    "pricing_model": row["pricing_model"],
                    "hours": row["hours"],
                    "min_seats": row["min_seats"],
                    "min_contract_months": row["min_contract_months"],
                    "compliance": terms(row["compliance_standards_rows"]),
                    "verified": row["verified"],
                    "featured": row["featured"],
                    "rating": {"average": decimal(average, row["rating_average"]), "count": row["rating_count"]},
                    "founded_year": row["founded_year"],
                    "headquarters_country": row["headquarters_country"] or "",
                    "employees": row["employees"],
                }
            )
        return cards


class VendorDetailSerializer(VendorSerializer):
    centers = DeliveryCenterSerializer(many=True)

    class Meta(VendorSerializer.Meta):
        fields = [*VendorSerializer.Meta.fields, "description", "website", "centers", "status"]
        read_only_fields = fields


class DeliveryCenterInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    city = serializers.CharField(max_length=100)
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES)
    time_zone = serializers.CharField(max_length=64, help_text="IANA name, e.g. Asia/Manila.")
    seats = serializers.IntegerField(min_value=0, max_value=1_000_000)
    hours = serializers.ChoiceField(
        choices=VendorHours.choices,
        required=False,
        help_text="Local opening hours: business (08:00-18:00 weekdays), extended (07:00-23:00), 24x7.",
    )
    hourly_rate_min = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    hourly_rate_max = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=3),
        required=False,
        max_length=20,
        help_text="ISO 639-1 codes of the languages the center's agents work in.",
    )

    def validate(self, attrs):
        low, high = attrs.get("hourly_rate_min"), attrs.get("hourly_rate_max")
        if low is not None and high is not None and high < low:
            raise serializers.ValidationError({"hourly_rate_max": ["Must be at least hourly_rate_min."]})
        return attrs


def _terms(model, field="slug"):
    return SlugField(slug_field=field, queryset=model.objects.all(), many=True, required=False)


class VendorWriteSerializer(SentEmptyRefusedMixin, serializers.Serializer):
    """What a vendor's members may change. Status, verified, featured, the slug and dates are the curators' and
    the system's: sent, they are ignored. Vocabulary lists, when sent, replace the vendor's whole list."""

    name = serializers.CharField(max_length=200, required=False)
    tagline = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, help_text="Markdown.")
    website = serializers.URLField(required=False, allow_blank=True)
    founded_year = serializers.IntegerField(min_value=1800, max_value=2100, required=False, allow_null=True)
    headquarters_country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False, allow_blank=True)
    employees = serializers.IntegerField(min_value=0, max_value=10_000_000, required=False, allow_null=True)
    hours = serializers.ChoiceField(choices=VendorHours.choices, required=False)
    pricing_model = serializers.ChoiceField(choices=PricingModel, required=False, allow_blank=True)
    hourly_rate_min = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    hourly_rate_max = serializers.DecimalField(
        max_digits=7, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    min_seats = serializers.IntegerField(min_value=0, max_value=1_000_000, required=False, allow_null=True)
    min_contract_months = serializers.IntegerField(min_value=0, max_value=600, required=False, allow_null=True)
    services = _terms(ServiceType)
    shore_models = _terms(ShoreModel)
    call_center_types = _terms(CallCenterType)
    channels = _terms(Channel)
    languages = _terms(Language, "code")
    industries = _terms(Industry)
    compliance = SlugField(
        slug_field="slug",
        queryset=ComplianceStandard.objects.filter(kind=ComplianceStandard.Kind.REGULATION),
        many=True,
        required=False,
        help_text="The regulations the vendor works under (hipaa, gdpr, tcpa, fdcpa, ph-dpa). Certifications are "
        "added with their evidence and checked by a curator.",
    )
    centers = DeliveryCenterInputSerializer(many=True, required=False, max_length=50)

    RELATIONS = {
        "services": "services",
        "shore_models": "shore_models",
        "call_center_types": "call_center_types",
        "channels": "channels",
        "languages": "languages",
        "industries": "industries",
        "compliance": "compliance_standards",
    }

    def validate(self, attrs):
        low = attrs.get("hourly_rate_min", getattr(self.instance, "hourly_rate_min", None))
        high = attrs.get("hourly_rate_max", getattr(self.instance, "hourly_rate_max", None))
        if low is not None and high is not None and high < low:
            raise serializers.ValidationError({"hourly_rate_max": ["Must be at least hourly_rate_min."]})
        return attrs

    def service_arguments(self) -> dict:
        data = dict(self.validated_data)
        relations = {model_name: data.pop(wire) for wire, model_name in self.RELATIONS.items() if wire in data}
        centers = data.pop("centers", None)
        return {"fields": data, "relations": relations, "centers": centers}


class PendingChangesSerializer(serializers.Serializer):
    detail = serializers.CharField()
    pending_changes = serializers.JSONField(help_text='{"fields": {...}, "relations": {name: [slug or code]}}')
    vendor = VendorDetailSerializer(help_text="The profile as published now.")


class SubmissionKeyField(serializers.UUIDField):
    """A UUID written as text, as the schema says. REST framework would also make a UUID of a number (7, or even
    true), and two clients sending the same number would share a key (schemathesis: `make fuzz`)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)


class InquirySerializer(SentEmptyRefusedMixin, serializers.ModelSerializer):
    """An inquiry to a vendor. `submission_key` (a UUID the client makes) makes a retried request safe: the same
    key returns the first inquiry instead of sending a second one."""

    vendor = SlugField(slug_field="slug", read_only=True)
    services = SlugField(slug_field="slug", queryset=ServiceType.objects.all(), many=True, required=False)
    submission_key = SubmissionKeyField(required=False, write_only=True)

    class Meta:
        model = Inquiry
        fields = [
            "id",
            "vendor",
            "name",
            "email",
            "company",
            "services",
            "seats",
            "start_date",
            "budget",
            "message",
            "status",
            "created_at",
            "sent_at",
            "submission_key",
        ]
        read_only_fields = ["id", "vendor", "status", "created_at", "sent_at"]
        extra_kwargs = {"seats": {"min_value": 1, "max_value": 100_000}}


class ReviewSerializer(serializers.ModelSerializer):
    vendor = SlugField(slug_field="slug", read_only=True)

    class Meta:
        model = Review
        fields = [
            "id",
            "vendor",
            "overall",
            "quality",
            "communication",
            "value",
            "reliability",
            "text",
            "status",
            "reply",
            "replied_at",
            "created_at",
        ]
        read_only_fields = ["id", "vendor", "status", "reply", "replied_at", "created_at"]
        extra_kwargs = {name: {"min_value": 1, "max_value": 5} for name in Review.RATING_FIELDS}


class ReplySerializer(serializers.Serializer):
    reply = serializers.CharField(max_length=3000)


class ClaimSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=3000)


class InvitationSerializer(serializers.Serializer):
    organization = serializers.RegexField(
        r"^(vendor|employer):[-a-zA-Z0-9_]+$", help_text='"vendor:<slug>" or "employer:<slug>", one of yours.'
    )
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Membership.Role.choices, default=Membership.Role.RECRUITER)


class InvitationAcceptSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=500, help_text="The token from the emailed link.")


class CriterionSerializer(serializers.Serializer):
    name = serializers.CharField()
    status = serializers.ChoiceField(choices=["met", "partial", "unmet"])
    reason = serializers.CharField()
    must = serializers.BooleanField(help_text="A must-have of the brief.")


class CostSerializer(serializers.Serializer):
    min = serializers.DecimalField(max_digits=14, decimal_places=0, source="low")
    max = serializers.DecimalField(max_digits=14, decimal_places=0, source="high")
    currency = serializers.SerializerMethodField()
    agents = serializers.IntegerField(help_text="Full-time agents (FTE) priced.")
    productive_hours_per_agent = serializers.DecimalField(
        max_digits=6, decimal_places=0, source="productive_hours", help_text="A month, per FTE."
    )
    hourly_rate_min = serializers.DecimalField(max_digits=8, decimal_places=2, source="rate_min")
    hourly_rate_max = serializers.DecimalField(max_digits=8, decimal_places=2, source="rate_max")
    coverage_hours = serializers.DecimalField(
        max_digits=6, decimal_places=0, help_text="Hours a month the program is staffed."
    )
    agents_on_duty = serializers.IntegerField(source="on_duty", help_text="Agents at work at the same time.")
    assumptions = serializers.CharField()

    def get_currency(self, cost) -> str:
        return "USD"


class MatchSerializer(serializers.Serializer):
    vendor = VendorSerializer()
    full_match = serializers.BooleanField(help_text="Meets every must-have of the brief.")
    score = serializers.IntegerField(
        min_value=0,
        max_value=100,
        allow_null=True,
        help_text="The criteria that are not must-haves, weighed; null when a must-have fails.",
    )
    lacks = serializers.ListField(child=serializers.CharField(), help_text="The must-haves it fails (brief fields).")
    center = DeliveryCenterSerializer(allow_null=True, help_text="The delivery center that fits the brief best.")
    centers = DeliveryCenterSerializer(
        many=True, help_text="The centers the match stands on: the center, or every center pooled for a split."
    )
    criteria = CriterionSerializer(many=True)
    cost = CostSerializer(allow_null=True, help_text="Null without agents or published rates.")
    estimated_monthly_cost = serializers.SerializerMethodField(
        help_text="Kept for older clients: cost's min, max and currency."
    )

    def get_estimated_monthly_cost(self, match) -> dict | None:
        if match.monthly_cost is None:
            return None
        low, high = match.monthly_cost
        return {"min": low, "max": high, "currency": "USD"}


class MatchResponseSerializer(serializers.Serializer):
    full_match = serializers.BooleanField(
        help_text="False when no vendor meets every must-have: the results are then the closest, each with what it "
        "lacks."
    )
    results = MatchSerializer(many=True)
