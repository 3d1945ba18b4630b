"""A business's brief to the matcher, read and checked once: the matcher page sends its query string through
`match_request_data` and the API its JSON body, both into `MatchRequestSerializer`, whose `needs()` the matcher
(directory/matching.py) takes."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import SlugField
from directory.matching import Needs, Window
from directory.models import Channel, ComplianceStandard, Industry, Language, ServiceType


def _terms(model, field="slug"):
    return SlugField(slug_field=field, queryset=model.objects.all(), many=True, required=False)


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "enum": ["24x7"]},
            {
                "type": "object",
                "properties": {
                    "start": {"type": "string", "example": "09:00"},
                    "end": {"type": "string", "example": "17:00"},
                    "time_zone": {"type": "string", "example": "America/New_York"},
                },
                "required": ["start", "end", "time_zone"],
            },
        ]
    }
)
class HoursField(serializers.Field):
    """`"24x7"`, or the client's business hours:
    `{"start": "09:00", "end": "17:00", "time_zone": "America/New_York"}`."""

    def to_internal_value(self, data):
        if data == "24x7":
            return data
        if not isinstance(data, dict) or set(data) != {"start", "end", "time_zone"}:
            raise serializers.ValidationError(
                '"24x7", or {"start": "HH:MM", "end": "HH:MM", "time_zone": "Area/City"}.'
            )
        try:
            start = datetime.strptime(str(data["start"]), "%H:%M").time()
            end = datetime.strptime(str(data["end"]), "%H:%M").time()
        except ValueError as error:
            raise serializers.ValidationError("start and end are times such as 09:00.") from error
        if start == end:
            raise serializers.ValidationError("start and end must differ.")
        try:
            ZoneInfo(str(data["time_zone"]))
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise serializers.ValidationError("time_zone is an IANA name such as America/New_York.") from error
        return Window(start, end, str(data["time_zone"]))

    def to_representation(self, value):
        return value if isinstance(value, str) else {"start": f"{value.start:%H:%M}", "end": f"{value.end:%H:%M}"}


class MatchRequestSerializer(serializers.Serializer):
    """What a business needs. `services` and `compliance` are hard requirements; the rest weigh in the score."""

    services = _terms(ServiceType)
    client_country = serializers.ChoiceField(choices=list(countries), required=False, allow_blank=True)
    shore_models = serializers.MultipleChoiceField(choices=["onshore", "nearshore", "offshore"], required=False)
    call_center_type = serializers.ChoiceField(
        choices=["inbound", "outbound", "blended", "virtual"], required=False, allow_blank=True
    )
    channels = _terms(Channel)
    languages = _terms(Language, "code")
    industry = SlugField(slug_field="slug", queryset=Industry.objects.all(), required=False, allow_null=True)
    compliance = _terms(ComplianceStandard)
    seats = serializers.IntegerField(min_value=1, max_value=100_000, required=False, allow_null=True)
    max_hourly_rate = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    hours = HoursField(required=False, allow_null=True)

    def to_internal_value(self, data):
        if hasattr(data, "get") and isinstance(data.get("client_country"), str):
            data = {**data, "client_country": data["client_country"].upper()}
        return super().to_internal_value(data)

    def needs(self):
        data = self.validated_data
        return Needs(
            services=list(data.get("services", [])),
            client_country=data.get("client_country", ""),
            shore_models=sorted(data.get("shore_models", [])),
            call_center_type=data.get("call_center_type", ""),
            channels=list(data.get("channels", [])),
            languages=list(data.get("languages", [])),
            industry=data.get("industry"),
            compliance=list(data.get("compliance", [])),
            seats=data.get("seats"),
            max_hourly_rate=data.get("max_hourly_rate"),
            hours=data.get("hours"),
        )


MULTI_FIELDS = ("services", "shore_models", "channels", "languages", "compliance")


def match_request_data(query) -> dict:
    """The matcher form's query string as the API's JSON body: one validation for both."""
    data = {name: query.getlist(name) for name in MULTI_FIELDS if query.getlist(name)}
    for name in ("client_country", "call_center_type", "industry", "seats", "max_hourly_rate"):
        if query.get(name):
            data[name] = query.get(name)
    if query.get("hours") == "24x7":
        data["hours"] = "24x7"
    elif query.get("hours") == "window":
        data["hours"] = {
            "start": query.get("start", ""),
            "end": query.get("end", ""),
            "time_zone": query.get("time_zone", ""),
        }
    return data
