"""Insights: the normalization, the rate table, the quartiles on both databases, the small-group rule, the shore
table, the pages and the API. Every figure is checked against numbers worked out by hand from the test data."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from demo.factories.directory import DeliveryCenterFactory, EmployerFactory, PublishedVendorFactory
from demo.factories.jobs import PublishedJobPostingFactory
from directory.models import Vendor
from directory.shore import shore_model_for
from insights.models import ExchangeRate
from insights.rates import parse_rate_file
from insights.selectors import HOURS_PER_MONTH, MIN_GROUP, cost_insights, demand_insights, pay_insights, percentile_cont
from jobs.models import JobPosting, JobSkillRequirement, Skill

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def posting(country="PH", currency="PHP", low=None, high=None, period="month", **fields):
    return PublishedJobPostingFactory(
        country=country,
        salary_currency=currency,
        salary_min=low,
        salary_max=high,
        salary_period=period,
        employer=EmployerFactory(),
        **fields,
    )


def by_value(figures):
    return {figure.value: figure for figure in figures}


# --- Pure rules ----------------------------------------------------------------------------------------------


def test_percentile_cont_interpolates_between_closest_ranks_like_postgresql():
    values = [10.0, 20.0, 30.0, 40.0]

    assert percentile_cont(values, 0.5) == 25.0
    assert percentile_cont(values, 0.25) == 17.5
    assert percentile_cont(values, 0.75) == 32.5
    assert percentile_cont([7.0], 0.5) == 7.0


def test_full_time_month_is_forty_hours_a_week():
    assert round(HOURS_PER_MONTH, 2) == Decimal("173.33")


@pytest.mark.parametrize(
    ("client", "center", "expected"),
    [
        ("US", "US", "onshore"),
        ("US", "MX", "nearshore"),
        ("US", "PH", "offshore"),
        ("DE", "PL", "nearshore"),
        ("DE", "IN", "offshore"),
        ("gb", "ie", "nearshore"),
        ("PH", "IN", "offshore"),  # a client country without a nearshore list
    ],
)
def test_shore_model_relative_to_the_client(client, center, expected):
    assert shore_model_for(client, center) == expected


def test_rate_file_parses_and_names_the_bad_line():
    table = parse_rate_file("# comment\nas_of,2026-10-01\ncurrency,usd_per_unit\nphp,0.02\nEUR,1.1\n")

    assert table.as_of == date(2026, 10, 1)
    assert table.rates == {"PHP": Decimal("0.02"), "EUR": Decimal("1.1")}
    with pytest.raises(ValidationError, match="Row 4"):
        parse_rate_file("as_of,2026-10-01\ncurrency,usd_per_unit\nPHP,0.02\nXYZ,1\n")
    with pytest.raises(ValidationError, match="above zero"):
        parse_rate_file("as_of,2026-10-01\ncurrency,usd_per_unit\nPHP,0\n")
    with pytest.raises(ValidationError, match="YYYY-MM-DD"):
        parse_rate_file("as_of,yesterday\ncurrency,usd_per_unit\nPHP,0.02\n")


def test_the_shipped_rates_are_loaded_and_the_command_refreshes_them(tmp_path):
    assert ExchangeRate.objects.get(currency="USD").usd_per_unit == 1
    assert ExchangeRate.objects.count() == 24
    rate_file = tmp_path / "rates.csv"
    rate_file.write_text("as_of,2026-12-01\ncurrency,usd_per_unit\nPHP,0.02\n")

    call_command("load_exchange_rates", str(rate_file))

    php = ExchangeRate.objects.get(currency="PHP")
    assert (php.usd_per_unit, php.as_of) == (Decimal("0.02"), date(2026, 12, 1))
    assert ExchangeRate.objects.get(currency="EUR").as_of == date(2026, 11, 2)  # untouched


# --- Pay ------------------------------------------------------------------------------------------------------


@pytest.fixture
def php_rate():
    ExchangeRate.objects.filter(currency="PHP").update(usd_per_unit=Decimal("0.02"))


def test_pay_normalizes_ranges_periods_and_currencies_to_monthly_usd(php_rate):
    # Five Philippine postings, monthly midpoints 20k, 25k, 30k, 35k, 40k PHP = 400..800 USD.
    posting(low=18000, high=22000)
    posting(low=25000)  # only a minimum
    posting(high=30000)  # only a maximum
    posting(low=420000, high=420000, period="year")  # 35,000 a month
    posting(low=Decimal("230.77"), high=Decimal("230.77"), period="hour")  # 230.77 x 173.33 = 40,000
    posting(country="PH", currency="", low=None, high=None)  # no salary: not counted

    pay = pay_insights(JobPosting.objects.published())

    assert pay.total == 5
    philippines = by_value(pay.by_country)["PH"]
    assert philippines.count == 5
    assert philippines.quartiles.median == pytest.approx(600.0)
    assert philippines.quartiles.p25 == pytest.approx(500.0)
    assert philippines.quartiles.p75 == pytest.approx(700.0, rel=1e-4)
    local = pay.local["PH"]
    assert local.value == "PHP"
    assert local.quartiles.median == pytest.approx(30000.0)


def test_groups_smaller_than_five_show_no_figure(php_rate):
    for amount in (20000, 30000, 40000, 50000):
        posting(low=amount, high=amount, shift="night")
    posting(low=10000, high=10000, shift="day")

    pay = pay_insights(JobPosting.objects.published())

    night = by_value(pay.by_shift)["night"]
    assert night.count == 4 == MIN_GROUP - 1
    assert night.quartiles is None
    assert by_value(pay.by_country)["PH"].quartiles.median == pytest.approx(600.0)  # 10k..50k PHP -> 30k


def test_pay_by_skill_and_experience(php_rate):
    zendesk = Skill.objects.get(slug="zendesk")
    for index, amount in enumerate((10000, 20000, 30000, 40000, 50000)):
        job = posting(low=amount, high=amount, min_experience_years=index)
        JobSkillRequirement.objects.get_or_create(job_posting=job, skill=zendesk)

    pay = pay_insights(JobPosting.objects.published())

    assert by_value(pay.by_skill)["zendesk"].quartiles.median == pytest.approx(600.0)
    bands = by_value(pay.by_experience)
    assert bands["0"].count == 1
    assert bands["1-2"].count == 2
    assert bands["3-5"].count == 2


def test_pay_page_and_api_answer_with_the_filters_of_the_job_list(client, php_rate):
    for amount in (20000, 30000, 40000, 50000, 60000):
        posting(low=amount, high=amount, shift="night")
    posting(country="US", currency="USD", low=3000, high=3000, shift="night")

    page = client.get("/insights/pay/?country=PH&shift=night")
    api = client.get("/api/v1/insights/pay/?country=PH&shift=night").json()

    assert page.status_code == 200
    html = page.content.decode()
    assert "Philippines" in html and "United States" not in html.split("By country")[1].split("By shift")[0]
    assert 'role="img"' in html and '<title id="pay-country-title">' in html
    assert api["total"] == 5
    assert api["rates_as_of"] == "2026-11-02"
    assert api["monthly_usd"]["country"][0]["quartiles"]["median"] == pytest.approx(800.0)
    assert api["monthly_local"]["PH"]["value"] == "PHP"


def test_pay_page_country_list_offers_each_country_by_name_and_choosing_one_filters(client, php_rate):
    for amount in (20000, 30000, 40000, 50000, 60000):
        posting(low=amount, high=amount)
    posting(country="US", currency="USD", low=3000, high=3000)

    form = client.get("/insights/pay/").content.decode().split('<select name="country">')[1].split("</select>")[0]
    chosen = client.get("/insights/pay/?country=PH").content.decode()

    # Each option is a country's code with its name (they were tuples with no text, and refused when chosen).
    assert '<option value="PH">Philippines</option>' in form
    assert '<option value="US">United States of America</option>' in form
    assert "<option value=" + '"">Any</option>' in form and "></option>" not in form
    assert '<option value="PH" selected>Philippines</option>' in chosen
    assert "Select a valid choice" not in chosen and "Left out" not in chosen
    assert "From 5 open postings that state a salary, matching your filters." in chosen


def test_pay_page_forgives_bad_filters_and_the_api_names_them(client):
    page = client.get("/insights/pay/?country=ZZ&shift=sometimes")
    api = client.get("/api/v1/insights/pay/?shift=sometimes&colour=red")

    assert page.status_code == 200
    assert "Left out" in page.content.decode()
    assert api.status_code == 400
    assert set(api.json()) == {"colour"}  # unknown parameters are reported first


def test_pay_page_runs_a_fixed_number_of_queries_and_caches_them(client, php_rate):
    posting(low=20000, high=20000)
    client.get("/insights/pay/")  # session and content types warmed up
    few = queries_for(client, "/insights/pay/", clear_cache=True)
    for amount in range(21000, 41000, 1000):
        posting(low=amount, high=amount, shift="night")
    many = queries_for(client, "/insights/pay/", clear_cache=True)
    cached_run = queries_for(client, "/insights/pay/", clear_cache=False)

    assert many == few
    assert cached_run < many


def queries_for(client, url, *, clear_cache: bool) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if clear_cache:
        cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_cached_figures_change_when_a_posting_changes(php_rate):
    from insights.cache import cached

    for amount in (20000, 30000, 40000, 50000, 60000):
        posting(low=amount, high=amount)

    def compute():
        return pay_insights(JobPosting.objects.published())

    first = cached("pay", "", compute)
    extra = posting(low=100000, high=100000)
    second = cached("pay", "", compute)
    extra.delete()
    third = cached("pay", "", compute)

    assert first.total == 5
    assert second.total == 6
    assert third.total == 5


# --- Cost -----------------------------------------------------------------------------------------------------


def vendor(rate_low, rate_high, *countries_and_seats):
    v = PublishedVendorFactory(hourly_rate_min=Decimal(rate_low), hourly_rate_max=Decimal(rate_high))
    for country, seats in countries_and_seats:
        DeliveryCenterFactory(vendor=v, country=country, city="City", time_zone="UTC", seats=seats)
    return v


def test_cost_per_delivery_country_and_shore_model():
    for low in (10, 12, 14, 16, 18):  # midpoints 11, 13, 15, 17, 19
        vendor(low, low + 2, ("PH", 100), ("PH", 50))  # two centers in one country: counted once
    for low in (20, 22, 24, 26, 28):  # midpoints 21..29
        vendor(low, low + 2, ("MX", 40))
    vendor(40, 50, ("US", 10))

    cost = cost_insights(Vendor.objects.published(), "US")

    countries = by_value(cost.by_country)
    assert countries["PH"].count == 5
    assert countries["PH"].quartiles.median == pytest.approx(15.0)
    assert countries["MX"].quartiles.median == pytest.approx(25.0)
    assert countries["US"].quartiles is None  # one vendor: not enough data
    assert cost.seats["PH"] == 750
    shore = by_value(cost.by_shore_model)
    assert [figure.value for figure in cost.by_shore_model] == ["onshore", "nearshore", "offshore"]
    assert shore["nearshore"].quartiles.median == pytest.approx(25.0)
    assert shore["offshore"].quartiles.median == pytest.approx(15.0)
    assert cost.shore_of_country == {"PH": "offshore", "MX": "nearshore", "US": "onshore"}


def test_cost_page_and_api(client):
    for low in (10, 12, 14, 16, 18):
        vendor(low, low + 2, ("PH", 100))

    page = client.get("/insights/cost/?client_country=de")
    api = client.get("/api/v1/insights/cost/?client_country=DE").json()
    bad = client.get("/api/v1/insights/cost/?client_country=Narnia")

    assert page.status_code == 200
    assert "for a client in Germany" in page.content.decode()
    philippines = next(row for row in api["hourly_rate_usd_by_country"] if row["value"] == "PH")
    assert philippines["shore_model"] == "offshore"
    assert philippines["quartiles"]["median"] == pytest.approx(15.0)
    assert philippines["monthly_cost_per_agent"]["median"] == pytest.approx(15.0 * float(HOURS_PER_MONTH))
    assert bad.status_code == 400 and "client_country" in bad.json()


# --- Demand ---------------------------------------------------------------------------------------------------


def test_demand_counts_postings_per_week_and_skill():
    now = timezone.now()
    zendesk = Skill.objects.get(slug="zendesk")
    for weeks_ago in (0, 0, 1, 11, 13):  # 13 weeks ago is outside the window
        job = PublishedJobPostingFactory(employer=EmployerFactory())
        JobPosting.objects.filter(pk=job.pk).update(published_at=now - timedelta(weeks=weeks_ago))
        JobSkillRequirement.objects.get_or_create(job_posting=job, skill=zendesk)

    demand = demand_insights(now=now)

    trend = next(t for t in demand.skills if t.value == "zendesk")
    assert trend.total == 4
    assert trend.weekly[-1] == 2
    assert trend.weekly[-2] == 1
    assert trend.weekly[0] == 1
    assert len(demand.weeks) == 12


def test_demand_page_and_api(client):
    PublishedJobPostingFactory(employer=EmployerFactory())

    assert client.get("/insights/demand/").status_code == 200
    api = client.get("/api/v1/insights/demand/")
    assert api.status_code == 200
    assert len(api.json()["weeks"]) == 12
    assert client.get("/api/v1/insights/demand/?x=1").status_code == 400


# --- Shifts within a country, local currency, small groups ---------------------------------------------------


@pytest.fixture
def two_countries(php_rate):
    """Philippine day postings at 20,000 PHP and night ones at 24,000 (a night account pays more); US day
    postings at $3,000 a month and a few US night ones. Mixed in dollars, night looks cheaper than day."""
    for _ in range(5):
        posting(low=20000, high=20000, shift="day", account_type="voice")
        posting(low=24000, high=24000, shift="night", account_type="voice")
        posting(country="US", currency="USD", low=3000, high=3000, shift="day")
    posting(country="US", currency="USD", low=3300, high=3300, shift="night")


def test_shifts_are_compared_within_each_country_with_the_night_differential(two_countries):
    pay = pay_insights(JobPosting.objects.published())

    mixed = by_value(pay.by_shift)
    assert mixed["night"].quartiles.median < mixed["day"].quartiles.median  # why a mixed comparison misleads
    comparisons = {comparison.country: comparison for comparison in pay.shift_by_country}
    philippines = comparisons["PH"]
    assert philippines.currency == "PHP"
    shifts = by_value(philippines.shifts)
    assert (shifts["day"].quartiles.median, shifts["night"].quartiles.median) == (20000, 24000)
    assert philippines.night_vs_day == pytest.approx(0.2)
    assert comparisons["US"].night_vs_day is None  # one night posting: not enough to say


def test_pay_page_shows_the_night_differential_per_country(client, two_countries):
    html = client.get("/insights/pay/").content.decode()

    section = html.split("By shift, within each country")[1].split("Voice and non-voice")[0]
    assert "Night vs day: <strong>+20%</strong>" in section
    assert "PHP 24,000" in section and "$3,000" not in section
    assert "Monthly pay by shift in United States of America (USD)" in section


def test_one_country_shows_every_breakdown_in_its_own_currency(client, two_countries):
    html = client.get("/insights/pay/?country=PH").content.decode()
    api = client.get("/api/v1/insights/pay/?country=PH").json()
    mixed = client.get("/api/v1/insights/pay/").json()

    assert "Monthly pay by account type (PHP)" in html and "(USD)" not in html.split("By shift")[1]
    assert "PHP 22,000" in html  # the voice median of ten postings at 20,000 and 24,000
    assert api["currency"] == "PHP"
    voice = next(row for row in api["monthly"]["account_type"] if row["value"] == "voice")
    assert voice["quartiles"]["median"] == pytest.approx(22000)
    assert api["monthly_usd"]["account_type"][0]["quartiles"]["median"] == pytest.approx(440)
    assert api["shift_by_country"][0]["night_vs_day"] == pytest.approx(0.2)
    assert mixed["currency"] == "USD"


def test_demand_shows_no_change_for_groups_under_the_minimum_and_names_its_columns(client):
    now = timezone.now()
    zendesk, salesforce = Skill.objects.get(slug="zendesk"), Skill.objects.get(slug="salesforce")
    for weeks_ago, skill, n in ((1, zendesk, 6), (5, zendesk, 5), (1, salesforce, 3), (5, salesforce, 1)):
        for _ in range(n):
            job = PublishedJobPostingFactory(employer=EmployerFactory(), skills=[skill])
            JobPosting.objects.filter(pk=job.pk).update(published_at=now - timedelta(weeks=weeks_ago))

    demand = {trend.value: trend for trend in demand_insights(now=now).skills}
    html = client.get("/insights/demand/").content.decode()
    api = {row["value"]: row for row in client.get("/api/v1/insights/demand/").json()["skills"]}

    assert demand["zendesk"].change == pytest.approx(0.2)
    assert demand["salesforce"].change is None  # 1 then 3: no trend to speak of
    assert api["salesforce"]["change"] is None and api["zendesk"]["change"] == pytest.approx(0.2)
    row = html.split('href="/jobs/skills/salesforce/"')[1].split("</tr>")[0]
    assert "too few to say" in row and "%" not in row
    assert '<th scope="col">Country</th>' in html and "Countrie<" not in html


def test_cost_uses_each_centers_own_rates(client):
    """A vendor in Manila and Glasgow is not a $9-to-$38 vendor in either country."""
    both = PublishedVendorFactory(hourly_rate_min=Decimal(9), hourly_rate_max=Decimal(38))
    DeliveryCenterFactory(vendor=both, country="PH", city="Makati", time_zone="Asia/Manila", seats=300,
                          hourly_rate_min=Decimal(9), hourly_rate_max=Decimal(13))  # fmt: skip
    DeliveryCenterFactory(vendor=both, country="GB", city="Glasgow", time_zone="Europe/London", seats=100,
                          hourly_rate_min=Decimal(30), hourly_rate_max=Decimal(38))  # fmt: skip
    for low in (8, 10, 12, 14):
        vendor(low, low + 2, ("PH", 100))

    cost = cost_insights(Vendor.objects.published(), "GB")
    page = client.get("/vendors/countries/ph/").content.decode()

    philippines = by_value(cost.by_country)["PH"]
    assert philippines.count == 5
    assert philippines.quartiles.median == pytest.approx(11.0)  # 9, 11, 11, 13, 15
    assert by_value(cost.by_country)["GB"].count == 1
    assert "Listed rates from $8.00 to $16.00 per agent hour" in page
