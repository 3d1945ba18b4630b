"""A Faker provider for this domain: BPO vendor names, hub locations, CSR postings and their pay.

Registered on factory_boy's Faker, so factories say `factory.Faker("bpo_vendor_name")`, and on
`fake`, for values that depend on other attributes (`fake.bpo_salary(hub, years)`). Every Faker
instance shares one random generator, so `factory.random.reseed_random(seed)` makes both repeatable.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from faker import Faker
from faker.providers import BaseProvider

from demo.market import (
    BENEFITS,
    DUTIES,
    HUBS,
    HUBS_BY_COUNTRY,
    IN_HOUSE_BRANDS,
    IN_HOUSE_KINDS,
    JOB_TEMPLATES,
    VENDOR_NAME_FIRST,
    VENDOR_NAME_SECOND,
    VENDOR_NAME_SUFFIX,
    Hub,
)
from jobs.choices import SkillImportance

_HUB_WEIGHTS = [hub.weight for hub in HUBS]
_TEMPLATES_BY_TITLE = {t[0]: t for t in JOB_TEMPLATES}
# Offshore hubs serve North American and European clients, so night shifts are common there.
_NIGHT_SHIFT_HUBS = {"PH", "IN", "MY", "VN", "EG"}
_OFFSHORE_SHIFTS = (("night", "day", "mid", "rotating"), (50, 20, 15, 15))
_ONSHORE_SHIFTS = (("day", "mid", "rotating", "flexible"), (55, 15, 15, 15))
# Hubs where a posting often asks for the local language too.
_LOCAL_LANGUAGE_HUBS = {"MX", "CO", "CR", "GT", "DO", "PL", "RO", "PT", "EG", "MY", "VN"}


class BpoProvider(BaseProvider):
    def bpo_hub(self) -> Hub:
        return self.generator.random.choices(HUBS, weights=_HUB_WEIGHTS)[0]

    def bpo_city(self, hub: Hub) -> tuple[str, str]:
        return self.random_element(hub.cities)

    def bpo_vendor_name(self) -> str:
        return (
            f"{self.random_element(VENDOR_NAME_FIRST)}{self.random_element(VENDOR_NAME_SECOND)} "
            f"{self.random_element(VENDOR_NAME_SUFFIX)}"
        )

    def bpo_in_house_employer(self) -> tuple[str, str]:
        """An in-house company's name and the industry slug it is in."""
        kind, industry = self.random_element(IN_HOUSE_KINDS)
        return f"{self.random_element(IN_HOUSE_BRANDS)} {kind}", industry

    def bpo_tagline(self) -> str:
        return self.random_element(
            (
                "Customer care that sounds like your own team",
                "Multilingual support, around the clock",
                "Scale your support team in weeks, not months",
                "Back-office work done right the first time",
                "Sales and support teams built for fast-growing brands",
                "Secure, certified contact center operations",
            )
        )

    def bpo_vendor_description(self, name: str, hub: Hub) -> str:
        city = hub.cities[0][0]
        return (
            f"{name} runs customer-facing and back-office programs from {city} and beyond.\n\n"
            "## How we work\n\n"
            "- A dedicated team lead for every program\n"
            "- Weekly reporting on CSAT, first-contact resolution and handle time\n"
            "- Ramp-up from pilot to full team within weeks\n"
        )

    def bpo_vendor_rate(self, hub: Hub) -> tuple[Decimal, Decimal]:
        low, high = hub.rate_range
        rate_min = self.random_int(low, high - 2)
        return Decimal(rate_min), Decimal(self.random_int(rate_min + 1, high + 6))

    def bpo_job_template(self) -> tuple:
        return self.random_element(JOB_TEMPLATES)

    def bpo_job_posting(self, country: str, employer_name: str) -> dict:
        """Every field of a plausible CSR posting in `country` (a hub's code; others get a random hub).

        Uses the shared random generator directly: the demo seeder calls this 100,000 times.
        """
        rnd = self.generator.random
        hub = HUBS_BY_COUNTRY.get(country) or self.bpo_hub()
        title, account_type, call_direction, _, _, industry = rnd.choice(JOB_TEMPLATES)
        years = rnd.choice((0, 0, 0, 1, 1, 2, 3, 5))
        salary_min, salary_max = self.bpo_salary(hub, years)
        offshore = hub.country in _NIGHT_SHIFT_HUBS
        return {
            "title": title,
            "description": self.bpo_job_description(title, employer_name),
            "country": hub.country,
            "city": rnd.choice(hub.cities)[0],
            "work_arrangement": rnd.choices(("onsite", "hybrid", "remote"), (60, 20, 20))[0],
            "employment_type": rnd.choices(
                ("full_time", "part_time", "contract", "temporary", "internship"), (75, 10, 8, 4, 3)
            )[0],
            "shift": rnd.choices(*(_OFFSHORE_SHIFTS if offshore else _ONSHORE_SHIFTS))[0],
            "account_type": account_type,
            "call_direction": call_direction,
            "client_industry": industry,
            "min_experience_years": years,
            "salary_min": salary_min,
            "salary_max": salary_max,
            "salary_currency": hub.currency,
            "salary_period": hub.salary_period,
            "education_level": rnd.choices(
                ("high_school", "some_college", "bachelor", "vocational", "none"), (55, 25, 12, 5, 3)
            )[0],
            "min_typing_wpm": rnd.choice((35, 40, 45, 50)) if account_type != "voice" else None,
            "openings": rnd.randint(1, 40),
            "benefits": self.bpo_benefits(),
        }

    def bpo_job_requirements(self, title: str, account_type: str, country: str):
        """([(skill slug, SkillImportance)], [(language code, CEFR level)]) that fit the posting."""
        rnd = self.generator.random
        template = _TEMPLATES_BY_TITLE.get(title, JOB_TEMPLATES[0])
        required, pool = template[3], template[4]
        skills = [(slug, SkillImportance.REQUIRED) for slug in required]
        skills += [
            (slug, SkillImportance.PREFERRED)
            for slug in rnd.sample(pool, rnd.randint(0, min(3, len(pool))))
            if slug not in required
        ]
        languages = [("en", "B2" if account_type == "non_voice" else "C1")]
        hub = HUBS_BY_COUNTRY.get(country)
        if hub and country in _LOCAL_LANGUAGE_HUBS and rnd.random() < 0.35:
            languages.append((next(code for code in hub.languages if code != "en"), "native"))
        return skills, languages

    def bpo_salary(self, hub: Hub, experience_years: int) -> tuple[Decimal, Decimal]:
        """A salary range in the hub's currency and period; more experience asked, more pay."""
        rnd = self.generator.random
        low, high = hub.salary_range
        span = high - low
        base = low + span * min(experience_years, 5) / 8 + rnd.randint(0, span // 5)
        top = base + span * rnd.randint(10, 35) / 100
        step = hub.salary_step
        rounded_min = max(low, round(base / step) * step)
        rounded_max = max(rounded_min + step, round(min(top, high * 1.1) / step) * step)
        return Decimal(rounded_min), Decimal(rounded_max)

    def bpo_job_description(self, title: str, employer: str) -> str:
        duties = self.generator.random.sample(DUTIES, 4)
        return (
            f"{employer} is hiring a **{title}** to join a growing customer experience team.\n\n"
            "## What you'll do\n\n" + "".join(f"- {d}\n" for d in duties) + "\n"
            "## What we offer\n\n"
            "Paid training before you take your first contact, a supportive team lead and a clear path to "
            "senior and team-lead roles.\n"
        )

    def bpo_benefits(self) -> str:
        rnd = self.generator.random
        return "\n".join(rnd.sample(BENEFITS, rnd.randint(2, 5)))

    def bpo_posted_ago(self, max_days: int = 55) -> timedelta:
        return timedelta(days=self.random_int(0, max_days), minutes=self.random_int(0, 24 * 60))


factory.Faker.add_provider(BpoProvider)
fake = Faker()
fake.add_provider(BpoProvider)
