"""A business's brief to the matcher, read and checked once: the matcher page sends its query string through
`match_request_data` and the API its JSON body, both into `MatchRequestSerializer`, whose `needs()` the matcher
(directory/matching.py) takes."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import COUNTRY_CHOICES, SlugField
from directory.matching import MARKABLE, Needs, Window
from directory.models import Channel, ComplianceStandard, Industry, Language, ServiceType
from directory.taxonomy import COMPLIANCE_STANDARDS


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


def _bounded(model, field="slug", limit=20):
    """A list of vocabulary terms, at most `limit` of them (the whole vocabulary at most)."""
    term = SlugField(slug_field=field, queryset=model.objects.all())
    return serializers.ListField(child=term, required=False, max_length=limit)


class MatchRequestSerializer(serializers.Serializer):
    """What a business needs. `services` are always must-haves; `must_haves` marks any other field as one (without
    it, `compliance` is the one must-have). The rest weigh in the score."""

    services = _bounded(ServiceType)
    client_country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False, allow_blank=True)
    delivery_countries = serializers.ListField(
        child=serializers.ChoiceField(choices=COUNTRY_CHOICES),
        required=False,
        max_length=30,
        help_text="Countries the agents may work in (ISO 3166 codes), judged per delivery center.",
    )
    shore_models = serializers.MultipleChoiceField(choices=["onshore", "nearshore", "offshore"], required=False)
    call_center_type = serializers.ChoiceField(
        choices=["inbound", "outbound", "blended", "virtual"], required=False, allow_blank=True
    )
    channels = _bounded(Channel)
    languages = _bounded(Language, "code")
    industry = SlugField(slug_field="slug", queryset=Industry.objects.all(), required=False, allow_null=True)
    compliance = _bounded(ComplianceStandard, limit=len(COMPLIANCE_STANDARDS))
    agents = serializers.IntegerField(
        min_value=1,
        max_value=100_000,
        required=False,
        allow_null=True,
        help_text="Full-time agents (FTE) on the program. The cost is agents x productive hours x the rate.",
    )
    seats = serializers.IntegerField(
        min_value=1,
        max_value=100_000,
        required=False,
        allow_null=True,
        help_text="The former name of `agents`, still read as the number of agents (FTE).",
    )
    max_hourly_rate = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    hours = HoursField(required=False, allow_null=True)
    must_haves = serializers.MultipleChoiceField(
        choices=MARKABLE,
        required=False,
        help_text="The fields of this brief a vendor must meet to be a match; the others only weigh in the score.",
    )
    allow_split = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Let a vendor meet the seats with several centers that each meet the center-level must-haves.",
    )

    def to_internal_value(self, data):
        if hasattr(data, "get"):
            data = {**data}
            if isinstance(data.get("client_country"), str):
                data["client_country"] = data["client_country"].upper()
            if isinstance(data.get("delivery_countries"), list):
                data["delivery_countries"] = [
                    code.upper() if isinstance(code, str) else code for code in data["delivery_countries"]
                ]
        return super().to_internal_value(data)

    def validate(self, attrs):
        if attrs.get("seats") and attrs.get("agents"):
            raise serializers.ValidationError({"seats": ["Send agents only: seats is its former name."]})
        if "seats" in attrs:
            attrs["agents"] = attrs.pop("seats")
        if "must_haves" in attrs:
            empty = (None, "", [], set())
            unasked = sorted(name for name in attrs["must_haves"] if attrs.get(name) in empty)
            if unasked:
                raise serializers.ValidationError(
                    {"must_haves": [f"Not in the brief: {', '.join(unasked)}. Fill them in or unmark them."]}
                )
        return attrs

    def needs(self):
        data = self.validated_data
        must_haves = data.get("must_haves")
        return Needs(
            services=list(data.get("services", [])),
            client_country=data.get("client_country", ""),
            delivery_countries=sorted(set(data.get("delivery_countries", []))),
            shore_models=sorted(data.get("shore_models", [])),
            call_center_type=data.get("call_center_type", ""),
            channels=list(data.get("channels", [])),
            languages=list(data.get("languages", [])),
            industry=data.get("industry"),
            compliance=list(data.get("compliance", [])),
            agents=data.get("agents"),
            max_hourly_rate=data.get("max_hourly_rate"),
            hours=data.get("hours"),
            must_haves=frozenset({"compliance"} if must_haves is None else must_haves),
            allow_split=data.get("allow_split", False),
        )


MULTI_FIELDS = ("services", "delivery_countries", "shore_models", "channels", "languages", "compliance", "must_haves")


def match_request_data(query) -> dict:
    """The matcher form's query string as the API's JSON body: one validation for both."""
    data = {name: query.getlist(name) for name in MULTI_FIELDS if query.getlist(name)}
    for name in ("client_country", "call_center_type", "industry", "agents", "seats", "max_hourly_rate"):
        if query.get(name):
            data[name] = query.get(name)
    if query.get("allow_split"):
        data["allow_split"] = query.get("allow_split") in ("1", "on", "true")
    if query.get("brief") and "must_haves" not in data:
        data["must_haves"] = []  # the form was sent with no must-have ticked
    if query.get("hours") == "24x7":
        data["hours"] = "24x7"
    elif query.get("hours") == "window":
        data["hours"] = {
            "start": query.get("start", ""),
            "end": query.get("end", ""),
            "time_zone": query.get("time_zone", ""),
        }
    return data
