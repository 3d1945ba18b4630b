"""/insights/: what CSR work pays, what outsourcing costs and what employers ask for, from the site's own data."""

from django.urls import reverse
from django.views.generic import TemplateView
from django_countries import countries

from core.units import AGENT_HOURS_A_MONTH
from directory.models import Language
from directory.shore import NEARSHORE
from insights.cache import cached
from insights.charts import range_chart, sparkline
from insights.selectors import (
    DEFAULT_CLIENT_COUNTRY,
    MIN_GROUP,
    rates_as_of,
)
from insights.summaries import cost_for, demand_now, pay_insights_for
from jobs.choices import AccountType, Shift, WorkArrangement
from jobs.filters import JobFilter
from jobs.models import JobPosting, Skill

# The filters the pay page offers: the job list's, fewer of them, so the form stays short.
PAY_FILTERS = ("country", "city", "shift", "account_type", "work_arrangement", "skill", "language", "max_experience")


def client_country_from(request) -> tuple[str, str | None]:
    """The client country asked for, or the default with a notice when it is not a country code."""
    asked = request.GET.get("client_country", DEFAULT_CLIENT_COUNTRY).strip().upper()
    if asked in countries:
        return asked, None
    return DEFAULT_CLIENT_COUNTRY, f"{asked[:10]!r} is not a country code; showing costs for a US client."


class InsightsHomeView(TemplateView):
    template_name = "insights/home.html"


class PayInsightsView(TemplateView):
    template_name = "insights/pay.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        for name in list(data):
            if name not in PAY_FILTERS:
                data.pop(name)
        filterset = JobFilter(data, queryset=JobPosting.objects.published())
        notices = [f"{filterset.filters[n].label}: {' '.join(e)} Left out." for n, e in filterset.errors.items()]
        pay = cached("pay", data.urlencode(), lambda: pay_insights_for(filterset))
        # In one country, its own money; US dollars only when several countries are mixed.
        money, unit = ("US dollars", "$") if pay.currency == "USD" else (pay.currency, f"{pay.currency} ")
        breakdowns = pay.breakdowns
        comparisons = [c for c in pay.shift_by_country if sum(row.count for row in c.shifts) >= MIN_GROUP][:8]
        context.update(
            pay=pay,
            notices=notices,
            filterset=filterset,
            query=data.urlencode(),
            jobs_url=reverse("jobs:job_posting_list"),
            rates_as_of=rates_as_of(),
            hours_per_month=AGENT_HOURS_A_MONTH,
            min_group=MIN_GROUP,
            unit=unit,
            breakdowns=breakdowns,
            shift_comparisons=comparisons,
            country_chart=range_chart("pay-country", "Monthly CSR pay by country, in US dollars", pay.by_country),
            shift_chart=(
                range_chart(
                    "pay-shift",
                    f"Monthly CSR pay by shift in {comparisons[0].label}, in {comparisons[0].currency}",
                    comparisons[0].shifts,
                    unit=f"{comparisons[0].currency} ",
                )
                if len(comparisons) == 1
                else ""
            ),
            account_chart=range_chart(
                "pay-account", f"Voice and non-voice pay, in {money}", breakdowns.by_account_type, unit=unit
            ),
            arrangement_chart=range_chart(
                "pay-arrangement", f"Pay by work arrangement, in {money}", breakdowns.by_work_arrangement, unit=unit
            ),
            experience_chart=range_chart(
                "pay-experience", f"Pay by experience asked, in {money}", breakdowns.by_experience, unit=unit
            ),
            role_chart=range_chart("pay-role", f"Pay by role, in {money}", breakdowns.by_role, unit=unit),
            skill_chart=range_chart(
                "pay-skill", f"Pay of postings asking for each skill, in {money}", breakdowns.by_skill, unit=unit
            ),
            choices={
                "countries": [(country.code, country.name) for country in countries],  # sorted by name
                "shifts": Shift.choices,
                "account_types": AccountType.choices,
                "arrangements": WorkArrangement.choices,
                "skills": Skill.objects.values_list("slug", "name"),
                "languages": Language.objects.values_list("code", "name"),
            },
        )
        return context


class CostInsightsView(TemplateView):
    template_name = "insights/cost.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        client, notice = client_country_from(self.request)
        cost = cached("cost", client, lambda: cost_for(client))
        context.update(
            cost=cost,
            notices=[notice] if notice else [],
            client_name=countries.name(client),
            hours_per_month=AGENT_HOURS_A_MONTH,
            min_group=MIN_GROUP,
            client_choices=[(code, countries.name(code)) for code in sorted({*NEARSHORE, "PH", "IN", "MX"})],
            country_chart=range_chart(
                "cost-country", "Hourly rate per agent by delivery country, in US dollars", cost.by_country
            ),
            shore_chart=range_chart(
                "cost-shore",
                f"Hourly rate per agent by shore model for a client in {countries.name(client)}",
                cost.by_shore_model,
            ),
        )
        return context


class DemandInsightsView(TemplateView):
    template_name = "insights/demand.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        demand = cached("demand", "", demand_now)
        context["demand"] = demand
        context["min_group"] = MIN_GROUP
        context["sections"] = [
            ("Skills", "Skill", "skill", [(t, sparkline(t.label, t.weekly)) for t in demand.skills]),
            ("Languages", "Language", "language", [(t, sparkline(t.label, t.weekly)) for t in demand.languages]),
            ("Countries", "Country", "country", [(t, sparkline(t.label, t.weekly)) for t in demand.countries]),
        ]
        return context
