"""Insights over HTTP: the same figures as the pages."""

from datetime import date

from rest_framework import serializers

from core.units import AGENT_HOURS_A_MONTH


class QuartilesSerializer(serializers.Serializer):
    p25 = serializers.FloatField()
    median = serializers.FloatField()
    p75 = serializers.FloatField()


class GroupFigureSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The group: a country code, a shift, a skill slug...")
    label = serializers.CharField()
    count = serializers.IntegerField(help_text="Postings or vendors in the group.")
    quartiles = QuartilesSerializer(allow_null=True, help_text="null when the group has fewer than 5.")


class LocalPaySerializer(GroupFigureSerializer):
    value = serializers.CharField(help_text="The country's most common posting currency (ISO 4217).")


BREAKDOWNS = ("shift", "account_type", "work_arrangement", "experience", "role", "skill")


class ShiftComparisonSerializer(serializers.Serializer):
    country = serializers.CharField(help_text="ISO 3166 alpha-2 code.")
    label = serializers.CharField()
    currency = serializers.CharField(help_text="The country's most common posting currency (ISO 4217).")
    shifts = GroupFigureSerializer(many=True, help_text="Monthly pay per shift, in `currency`.")
    night_vs_day = serializers.FloatField(
        allow_null=True, help_text="Median night pay over median day pay, minus 1; null unless both have 5 postings."
    )


class PayInsightsSerializer(serializers.Serializer):
    rates_as_of = serializers.SerializerMethodField(help_text="Date of the exchange rates behind the USD figures.")
    total = serializers.IntegerField(help_text="Postings with a salary that match the filters.")
    currency = serializers.CharField(
        help_text="The currency of `monthly`: the country's own when every posting is in one country, else USD."
    )
    monthly = serializers.SerializerMethodField(help_text="Monthly pay per breakdown, in `currency`.")
    monthly_usd = serializers.SerializerMethodField(
        help_text="Monthly pay in USD, per breakdown. Shift mixes countries: compare shifts with shift_by_country."
    )
    monthly_local = serializers.SerializerMethodField(help_text="Per country code: pay in its main currency.")
    shift_by_country = ShiftComparisonSerializer(many=True, help_text="Shifts compared within each country.")

    def get_rates_as_of(self, pay) -> date | None:
        return self.context.get("rates_as_of")

    def get_monthly(self, pay) -> dict[str, list[dict]]:
        return {
            name: GroupFigureSerializer(getattr(pay.breakdowns, f"by_{name}"), many=True).data for name in BREAKDOWNS
        }

    def get_monthly_usd(self, pay) -> dict[str, list[dict]]:
        return {
            name: GroupFigureSerializer(getattr(pay, f"by_{name}"), many=True).data for name in ("country", *BREAKDOWNS)
        }

    def get_monthly_local(self, pay) -> dict[str, dict]:
        return {country: LocalPaySerializer(figure).data for country, figure in pay.local.items()}


class CostRowSerializer(GroupFigureSerializer):
    shore_model = serializers.CharField(help_text="onshore, nearshore or offshore for the client country.")
    seats = serializers.IntegerField()
    monthly_cost_per_agent = QuartilesSerializer(
        allow_null=True, help_text=f"Hourly quartiles x {AGENT_HOURS_A_MONTH:.2f} hours."
    )


class CostInsightsSerializer(serializers.Serializer):
    client_country = serializers.CharField()
    hourly_rate_usd_by_shore_model = GroupFigureSerializer(many=True)
    hourly_rate_usd_by_country = CostRowSerializer(many=True)


class TrendSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    total = serializers.IntegerField()
    weekly = serializers.ListField(child=serializers.IntegerField(), help_text="Postings per week, oldest first.")
    change = serializers.FloatField(
        allow_null=True,
        help_text="Last 4 weeks over the 4 before, minus 1; null when either has fewer than 5 postings.",
    )


class DemandInsightsSerializer(serializers.Serializer):
    weeks = serializers.ListField(child=serializers.DateField(), help_text="Monday of each week, oldest first.")
    skills = TrendSerializer(many=True)
    languages = TrendSerializer(many=True)
    countries = TrendSerializer(many=True)
