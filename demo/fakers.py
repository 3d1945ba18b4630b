"""A Faker provider for this domain: BPO vendors, their centers, CSR postings and their pay, drawn from the market
model (demo/market.py).

Registered on factory_boy's Faker, so factories say `factory.Faker("bpo_vendor_name")`, and on `fake`, for values
that depend on other attributes (`fake.bpo_salary(hub, years)`). Every Faker instance shares one random
generator, so `factory.random.reseed_random(seed)` makes both repeatable. `seed_demo` plans whole vendors
(`bpo_vendor_plan`) and postings (`bpo_job_posting`) from here; the tests in tests/demo/ check what it plans.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

import factory
from faker import Faker
from faker.providers import BaseProvider

from demo.market import (
    AGENT_TEMPLATES,
    AGENT_TEMPLATES_BY_TITLE,
    AGENT_WEIGHT,
    ARCHETYPES,
    BACK_OFFICE,
    BRANDS,
    CAPTIVE_HUBS,
    COMMON_BENEFITS,
    DEFAULT_ARCHETYPES,
    ENTRY_LEVEL_LINE,
    EU_COUNTRIES,
    FOOTPRINTS,
    FRONT_INBOUND,
    FRONT_OUTBOUND,
    HMO,
    HMO_SELF,
    HOURLY_PRICING,
    HUB_ARCHETYPES,
    HUBS,
    HUBS_BY_COUNTRY,
    IN_HOUSE_BRANDS,
    IN_HOUSE_COUNTRIES,
    IN_HOUSE_KINDS,
    INTERNSHIP_PAY,
    LOCAL_BRANDS,
    NIGHT_DIFFERENTIAL,
    NIGHT_SHIFT_HUBS,
    NON_VOICE_DUTIES,
    OUTBOUND_DUTIES,
    PART_TIME_PAY,
    PAYMENT_SERVICES,
    REMOTE_BENEFITS,
    ROLES,
    ROLES_BY_VALUE,
    SHARED_DUTIES,
    SHUTTLE,
    SYLLABLES,
    VOICE_DUTIES,
    Archetype,
    Hub,
)
from directory.shore import shore_model_for
from directory.taxonomy import LANGUAGES
from jobs.choices import SkillImportance

LANGUAGE_NAMES = dict(LANGUAGES)

_HUB_WEIGHTS = [hub.weight for hub in HUBS]
_ROLE_CHOICES = [None, *ROLES]  # None: an agent
_ROLE_WEIGHTS = [AGENT_WEIGHT, *(role.weight for role in ROLES)]
# Languages people speak in a hub that clients do not buy there: never a posting's requirement.
LOCAL_ONLY_LANGUAGES = frozenset({"tl", "ta", "vi", "ms", "af", "pl", "ro"})
_DAYTIME_SHIFTS = (("day", "mid", "rotating", "flexible"), (60, 20, 12, 8))
_ALL_TAGLINES = tuple(tagline for archetype in ARCHETYPES.values() for tagline in archetype.taglines)
_ALL_KINDS = tuple(kind for archetype in ARCHETYPES.values() for kind in archetype.name_kinds)


def posting_languages(hub: Hub) -> tuple[str, ...]:
    """Languages besides English a posting in `hub` may ask for: what clients buy there."""
    codes = [code for code in (*hub.languages, *hub.desks) if code != "en" and code not in LOCAL_ONLY_LANGUAGES]
    return tuple(dict.fromkeys(codes))


@dataclass
class CenterPlan:
    city: str
    time_zone: str
    country: str
    name: str
    seats: int
    languages: list[str]
    rate_min: Decimal | None
    rate_max: Decimal | None
    hours: str = "business"  # local opening hours: business, extended or 24x7


@dataclass
class VendorPlan:
    """Everything seed_demo writes for one vendor, consistent with itself and with its centers."""

    hub: Hub
    archetype: Archetype
    name: str
    tagline: str
    hours: str
    pricing_model: str
    centers: list[CenterPlan]
    services: list[str]
    shore_models: list[str]
    call_center_types: list[str]
    channels: list[str]
    languages: list[str]
    industries: list[str]
    compliance: list[str]
    employees: int
    founded_year: int
    min_seats: int
    min_contract_months: int
    description: str = ""
    rate_min: Decimal | None = None
    rate_max: Decimal | None = None
    client_markets: set[str] = field(default_factory=set)


class VendorNamer:
    """Unique vendor names: a brand word used once (a hub's own words first), then the kind of firm."""

    def __init__(self, rnd):
        self.rnd = rnd
        self.local = {country: list(words) for country, words in LOCAL_BRANDS.items()}
        for words in self.local.values():
            rnd.shuffle(words)
        self.brands = list(BRANDS)
        rnd.shuffle(self.brands)
        self.used: set[str] = set()

    def brand(self, country: str) -> str:
        local = self.local.get(country, [])
        if local and self.rnd.random() < 0.5:
            word = local.pop()
        elif self.brands:
            word = self.brands.pop()
        elif local:
            word = local.pop()
        else:
            word = self.invented()
        if word.casefold() in self.used:
            return self.brand(country)
        self.used.add(word.casefold())
        return word

    def invented(self) -> str:
        while True:
            word = "".join(self.rnd.choice(SYLLABLES) for _ in range(self.rnd.choice((3, 3, 4)))).capitalize()
            if word.casefold() not in self.used and len(word) > 3:
                return word

    def name(self, country: str, archetype: Archetype) -> str:
        return f"{self.brand(country)} {self.rnd.choice(archetype.name_kinds)}"


def _weighted(rnd, pairs):
    values, weights = zip(*pairs, strict=True)
    return rnd.choices(values, weights)[0]


def _round_to(value: float, step: int) -> Decimal:
    return Decimal(max(step, round(value / step) * step))


class BpoProvider(BaseProvider):
    def bpo_hub(self) -> Hub:
        return self.generator.random.choices(HUBS, weights=_HUB_WEIGHTS)[0]

    def bpo_city(self, hub: Hub) -> tuple[str, str]:
        return self.random_element(hub.cities)

    def bpo_vendor_name(self) -> str:
        """A name for a factory's vendor (tests); seed_demo names vendors uniquely through `VendorNamer`."""
        return f"{self.random_element(BRANDS)} {self.random_element(_ALL_KINDS)}"

    def bpo_in_house_employer(self) -> tuple[str, str]:
        """An in-house company's name and the industry slug it is in."""
        kind, industry = self.random_element(IN_HOUSE_KINDS)
        return f"{self.random_element(IN_HOUSE_BRANDS)} {kind}", industry

    def bpo_tagline(self) -> str:
        return self.random_element(_ALL_TAGLINES)

    def bpo_vendor_description(self, name: str, hub: Hub) -> str:
        return (
            f"{name} runs customer care and back-office programs from {hub.cities[0][0]}.\n\n"
            "## How we work\n\n"
            "- A dedicated team lead for every program\n"
            "- Weekly reporting on CSAT, first-contact resolution and handle time\n"
        )

    def bpo_vendor_rate(self, hub: Hub) -> tuple[Decimal, Decimal]:
        """A factory vendor's band: what one center in its hub charges."""
        return self.bpo_center_rate(hub)

    def bpo_center_rate(self, hub: Hub) -> tuple[Decimal, Decimal]:
        """What an agent hour costs at a center in `hub`: a band within the hub's typical rates."""
        rnd = self.generator.random
        low, high = hub.rate_range
        rate_min = rnd.randint(low, high - 3)
        return Decimal(rate_min), Decimal(min(high, rate_min + rnd.randint(2, 6)))

    # --- Vendors ----------------------------------------------------------------------------------------------

    def bpo_vendor_plan(self, namer: VendorNamer) -> VendorPlan:
        """A whole vendor: an archetype in a hub, centers where such firms have them, and offerings, languages,
        rates, shore models, compliance and a tagline that all follow from those."""
        rnd = self.generator.random
        hub = self.bpo_hub()
        archetype = ARCHETYPES[_weighted(rnd, HUB_ARCHETYPES.get(hub.country, DEFAULT_ARCHETYPES))]
        size = rnd.choices(("small", "mid", "large"), (45, 40, 15))[0]
        if archetype.slug == "full-service" and size == "small":
            size = "mid"

        hubs = [hub]
        expansions = FOOTPRINTS.get(hub.country, ())
        extra = {"small": 0.05, "mid": 0.3, "large": 0.7}[size]
        if expansions and rnd.random() < extra:
            hubs.append(HUBS_BY_COUNTRY[_weighted(rnd, expansions)])
            if size == "large" and len(expansions) > 1 and rnd.random() < 0.3:
                third = HUBS_BY_COUNTRY[_weighted(rnd, expansions)]
                if third not in hubs:
                    hubs.append(third)
        pricing = _weighted(rnd, archetype.pricing)
        priced_by_hour = pricing in HOURLY_PRICING
        centers = self._centers(hubs, size, priced_by_hour)

        services = list(archetype.core) + [slug for slug, odds in archetype.optional.items() if rnd.random() < odds]
        if archetype.slug == "back-office" and sum(slug in BACK_OFFICE for slug in services) < 3:
            services.append(rnd.choice(["accounting-finance", "payroll", "billing"]))
        services = list(dict.fromkeys(services))

        client_markets = {market for center_hub in hubs for market in center_hub.client_markets}
        shore_models = sorted(
            {
                shore_model_for(market, center.country)
                for center in centers
                for market in HUBS_BY_COUNTRY[center.country].client_markets
            }
        )
        inbound = any(slug in FRONT_INBOUND for slug in services)
        outbound = any(slug in FRONT_OUTBOUND for slug in services)
        types = [t for t, offered in (("inbound", inbound), ("outbound", outbound)) if offered]
        if inbound and outbound:
            types.append("blended")
        if types and rnd.random() < 0.15:
            types.append("virtual")
        channels = [slug for slug, odds in archetype.channels.items() if rnd.random() < odds]
        if "social-media-support" in services and "social" not in channels:
            channels.append("social")
        if "email-chat-support" in services:
            channels += [slug for slug in ("email", "chat") if slug not in channels]
        languages = sorted({code for center in centers for code in center.languages})
        industries = self._industries(archetype, rnd)
        if types and "voice" not in channels:
            channels.insert(0, "voice")  # a call center takes calls

        hours = "24x7" if rnd.random() < archetype.always_24x7 + (0.2 if size == "large" else 0) else None
        hours = hours or rnd.choices(("business", "extended"), (55, 45))[0]
        hours = self._center_hours(centers, hours, client_markets)
        compliance = self._compliance(services, industries, centers, client_markets, size, archetype)
        tagline = self._tagline(archetype, hours, services, languages, industries, compliance)

        seats = sum(center.seats for center in centers)
        per_seat = {"24x7": (1.8, 2.6), "extended": (1.4, 1.9), "business": (1.05, 1.3)}[hours]
        rates = [(c.rate_min, c.rate_max) for c in centers if c.rate_min is not None]
        plan = VendorPlan(
            hub=hub,
            archetype=archetype,
            name=namer.name(hub.country, archetype),
            tagline=tagline,
            hours=hours,
            pricing_model=pricing,
            centers=centers,
            services=services,
            shore_models=shore_models,
            call_center_types=types,
            channels=channels or ["email"],
            languages=languages,
            industries=industries,
            compliance=compliance,
            employees=int(seats * rnd.uniform(*per_seat)),
            founded_year=rnd.randint(1988, 2021) if size != "small" else rnd.randint(2005, 2023),
            min_seats={"small": rnd.choice((5, 5, 10)), "mid": rnd.choice((10, 15, 20, 25)), "large": 50}[size],
            min_contract_months=rnd.choice((1, 3, 3)) if pricing == "outcome" else rnd.choice((3, 6, 12, 12, 24)),
            rate_min=min(low for low, _ in rates) if rates else None,
            rate_max=max(high for _, high in rates) if rates else None,
            client_markets=client_markets,
        )
        plan.description = self._vendor_description(plan)
        return plan

    def _centers(self, hubs: list[Hub], size: str, priced_by_hour: bool) -> list[CenterPlan]:
        rnd = self.generator.random
        seats_range = {"small": (60, 300), "mid": (200, 1200), "large": (800, 4000)}[size]
        centers = []
        for index, center_hub in enumerate(hubs):
            count = 1 if index else {"small": 1, "mid": rnd.randint(1, 2), "large": rnd.randint(2, 3)}[size]
            for city, time_zone in rnd.sample(center_hub.cities, min(count, len(center_hub.cities))):
                sites = center_hub.sites.get(city)
                name = f"{city}, {rnd.choice(sites)}" if sites else f"{city} center"
                languages = {*center_hub.languages}
                languages |= {code for code, share in center_hub.desks.items() if rnd.random() < share}
                if city == "Montreal":
                    languages.add("fr")  # Québec
                low, high = self.bpo_center_rate(center_hub) if priced_by_hour else (None, None)
                seats = rnd.randint(*seats_range) // 10 * 10
                centers.append(
                    CenterPlan(city, time_zone, center_hub.country, name, seats, sorted(languages), low, high)
                )
        return centers

    def _center_hours(self, centers: list[CenterPlan], hours: str, client_markets: set[str]) -> str:
        """Each center's opening hours; the vendor's are its longest. The home hub's centers keep the vendor's
        hours; an expansion site often runs shorter ones; an offshore center serving US clients works their
        day on its night shift, so it mostly runs around the clock."""
        rnd = self.generator.random
        order = ("business", "extended", "24x7")
        home = centers[0].country
        for center in centers:
            center.hours = hours
            if center.country != home and hours != "business" and rnd.random() < 0.4:
                center.hours = order[order.index(hours) - 1]
            if "US" in client_markets and center.country in NIGHT_SHIFT_HUBS and rnd.random() < 0.7:
                center.hours = "24x7"
        return max((center.hours for center in centers), key=order.index)

    def _industries(self, archetype: Archetype, rnd) -> list[str]:
        values, weights = zip(*archetype.industries, strict=True)
        picked = {rnd.choices(values, weights)[0] for _ in range(rnd.randint(2, 5))}
        if archetype.slug == "healthcare":
            picked.add("healthcare")
        return sorted(picked)

    def _compliance(self, services, industries, centers, client_markets, size, archetype) -> list[str]:
        rnd = self.generator.random
        held = []
        if any(center.country in EU_COUNTRIES for center in centers) or client_markets & EU_COUNTRIES:
            held.append("gdpr")
        if "healthcare" in industries and "US" in client_markets and rnd.random() < 0.85:
            held.append("hipaa")
        if any(slug in PAYMENT_SERVICES for slug in services) and rnd.random() < 0.7:
            held.append("pci-dss")
        if rnd.random() < {"small": 0.15, "mid": 0.4, "large": 0.8}[size]:
            held.append("iso-27001")
        us_work = "US" in client_markets and archetype.slug in ("tech-support", "back-office", "full-service")
        if us_work and rnd.random() < 0.5:
            held.append("soc-2")
        if archetype.slug in ("contact-center", "full-service") and size != "small" and rnd.random() < 0.25:
            held.append("copc")
        us_outbound = "US" in client_markets and {"collections", "sales", "telemarketing"} & set(services)
        if us_outbound:
            held.append("tcpa")
        if "US" in client_markets and "collections" in services:
            held.append("fdcpa")
        if any(center.country == "PH" for center in centers):
            held.append("ph-dpa")
        if "US" in client_markets and {"accounting-finance", "payroll"} & set(services) and rnd.random() < 0.4:
            held.append("soc-1")
        if rnd.random() < {"small": 0.1, "mid": 0.3, "large": 0.5}[size]:
            held.append("iso-9001")
        if size == "large" and rnd.random() < 0.3:
            held.append("iso-22301")
        if "hipaa" in held and rnd.random() < 0.35:
            held.append("hitrust")
        return held

    def _tagline(self, archetype, hours, services, languages, industries, compliance) -> str:
        """One of the archetype's taglines whose every promise the vendor keeps."""
        keeps = {
            "around the clock": hours == "24x7",
            "back-office": sum(slug in BACK_OFFICE for slug in services) >= 2,
            "multilingual": len(languages) >= 3,
            "sales": "sales" in services,
            "collections": "collections" in services,
            "technical support": "technical-support" in services,
            "healthcare": "healthcare" in industries,
            "certified": len(compliance) >= 2,
        }
        fitting = [
            tagline
            for tagline in archetype.taglines
            if all(kept or promise not in tagline.lower() for promise, kept in keeps.items())
        ]
        return self.generator.random.choice(fitting) if fitting else ""

    def _vendor_description(self, plan: VendorPlan) -> str:
        cities = list(dict.fromkeys(center.city for center in plan.centers))
        where = cities[0] if len(cities) == 1 else f"{', '.join(cities[:-1])} and {cities[-1]}"
        seats = sum(center.seats for center in plan.centers)
        hours = {"24x7": "around the clock, every day", "extended": "extended hours", "business": "business hours"}
        languages = [LANGUAGE_NAMES.get(code, code) for code in plan.languages]
        spoken = languages[0] if len(languages) == 1 else f"{', '.join(languages[:-1])} and {languages[-1]}"
        return (
            f"{plan.name} runs {plan.archetype.does} programs from {where}: "
            f"{seats:,} seats, staffed {hours[plan.hours]}. Its agents work in {spoken}.\n\n"
            "## How we work\n\n"
            "- A dedicated team leader for every 12 to 18 agents, and a quality analyst on every program\n"
            "- Weekly reporting on CSAT, first-contact resolution and average handle time\n"
            "- A pilot of a few seats first, then a ramp-up planned with our workforce team\n"
        )

    # --- Reviews ----------------------------------------------------------------------------------------------

    def bpo_review(self, plan: VendorPlan, quality: float) -> dict:
        """A client's review of `plan`'s vendor: ratings around its `quality` (1 to 5) and a text about what it
        does, from where."""
        rnd = self.generator.random

        def score(spread: float = 0.8) -> int:
            return max(1, min(5, round(rnd.gauss(quality, spread))))

        overall = score(0.6)
        city = rnd.choice(plan.centers).city
        service = rnd.choice(plan.services).replace("-", " ")
        if overall >= 4:
            text = rnd.choice(
                (
                    f"We moved our {service} to their {city} team a year ago. CSAT went from the high 70s to 88% "
                    "within two quarters, and the weekly reports are honest.",
                    f"The {city} site ramped our pilot of 15 seats to 60 in six weeks without losing quality. "
                    "Attrition is lower than we feared and the team leaders know our product.",
                    f"Solid {service} partner. First-contact resolution is above target and they flag issues before "
                    "we see them in the numbers.",
                )
            )
        elif overall == 3:
            text = rnd.choice(
                (
                    f"Good agents in {city}, but handle time crept up after the first months and we had to push "
                    "for a retraining plan.",
                    f"Fair pricing for {service}. Reporting is thin and account management changed twice in a year.",
                )
            )
        else:
            text = rnd.choice(
                (
                    f"The ramp-up in {city} was slow and attrition on our program was high. Service levels were missed "
                    "for most of the first quarter.",
                    f"Quality on our {service} program dropped once the launch team moved on. We are moving seats "
                    "elsewhere.",
                )
            )
        reply = ""
        if rnd.random() < 0.3:
            reply = (
                "Thank you for the trust. We have shared this with the team in "
                f"{city} and will keep working on the points you raise."
            )
        return {
            "overall": overall,
            "quality": score(),
            "communication": score(),
            "value": score(),
            "reliability": score(),
            "text": text,
            "reply": reply,
        }

    # --- In-house employers -------------------------------------------------------------------------------------

    def bpo_in_house_plan(self, used: set[str]) -> tuple[str, str, str]:
        """A unique in-house employer: (name, industry slug, headquarters country)."""
        rnd = self.generator.random
        kind, industry = rnd.choice(IN_HOUSE_KINDS)
        # Each brand once: a company is one brand, not a grid of brands times industries.
        free = [brand for brand in IN_HOUSE_BRANDS if brand.casefold() not in used]
        brand = rnd.choice(free) if free else ""
        while not brand or brand.casefold() in used:
            brand = "".join(rnd.choice(SYLLABLES) for _ in range(rnd.choice((3, 4)))).capitalize()
        used.add(brand.casefold())
        name = f"{brand} {kind}"
        return name, industry, _weighted(rnd, IN_HOUSE_COUNTRIES)

    def bpo_in_house_country(self, headquarters: str) -> str:
        """Where an in-house team's posting is: at home, or at its captive center offshore."""
        rnd = self.generator.random
        if headquarters in CAPTIVE_HUBS or rnd.random() < 0.75:
            return headquarters
        return rnd.choice(CAPTIVE_HUBS)

    # --- Postings ---------------------------------------------------------------------------------------------

    def bpo_job_template(self):
        return self.random_element(AGENT_TEMPLATES)

    def bpo_job_posting(
        self,
        country: str,
        employer_name: str,
        *,
        templates=None,
        center_languages=None,
        industry: str | None = None,
    ) -> dict:
        """Every field of a plausible CSR posting in `country` (a hub's code; others get a random hub), with its
        skill and language requirements: `templates` are the agent jobs the employer staffs (a BPO's services),
        `center_languages` what its center there works in.

        Uses the shared random generator directly: the demo seeder calls this 100,000 times.
        """
        rnd = self.generator.random
        hub = HUBS_BY_COUNTRY.get(country) or self.bpo_hub()
        template = rnd.choice(templates or AGENT_TEMPLATES)
        role = rnd.choices(_ROLE_CHOICES, _ROLE_WEIGHTS)[0]
        if role is None:
            employment = rnd.choices(
                ("full_time", "part_time", "contract", "temporary", "internship"), (80, 8, 6, 3, 3)
            )[0]
            years = 0 if employment == "internship" else rnd.choice((0, 0, 0, 1, 1, 2, 3))
            title, account_type = template.title, template.account_type
            education = self._education(hub, employment)
        else:
            employment = rnd.choices(("full_time", "contract"), (95, 5))[0]
            years = rnd.choice(role.years)
            title = rnd.choice(role.titles)
            account_type = template.account_type  # the program the lead, analyst or trainer works on
            education = _weighted(rnd, role.education) if role.education else self._education(hub, employment)
        night = employment != "internship" and rnd.random() < hub.night_share
        shift = "night" if night else rnd.choices(*_DAYTIME_SHIFTS)[0]
        arrangement = (
            "onsite" if employment == "internship" else rnd.choices(("onsite", "hybrid", "remote"), hub.arrangements)[0]
        )
        salary_min, salary_max = self.bpo_salary(hub, years, role=role, shift=shift, employment=employment)
        skills, languages = self._requirements(hub, template, role, account_type, center_languages)
        return {
            "title": title,
            "role": role.value if role else "agent",
            "service": template.service,  # the vendor service the posting staffs
            "description": self.bpo_job_description(title, employer_name, account_type, template, role, years,
                                                    arrangement, hub),
            "country": hub.country,
            "city": rnd.choice(hub.cities)[0],
            "work_arrangement": arrangement,
            "employment_type": employment,
            "shift": shift,
            "account_type": account_type,
            "call_direction": template.call_direction if account_type != "non_voice" else "",
            "client_industry": template.industry or industry,
            "min_experience_years": years,
            "salary_min": salary_min,
            "salary_max": salary_max,
            "salary_currency": hub.currency,
            "salary_period": hub.salary_period,
            "education_level": education,
            "min_typing_wpm": rnd.choice((35, 40, 45, 50)) if account_type != "voice" and role is None else None,
            "openings": rnd.randint(1, 40) if role is None else rnd.randint(1, 3),
            "benefits": self.bpo_benefits(hub, shift, arrangement, employment),
            "skills": skills,
            "languages": languages,
        }  # fmt: skip

    def _education(self, hub: Hub, employment: str) -> str:
        if employment == "internship":
            return "some_college"  # students on their on-the-job training
        return _weighted(self.generator.random, hub.education)

    def _requirements(self, hub: Hub, template, role, account_type: str, center_languages):
        rnd = self.generator.random
        required, pool = (role.required, role.preferred) if role else (template.required, template.preferred)
        skills = [(slug, SkillImportance.REQUIRED) for slug in required]
        skills += [
            (slug, SkillImportance.PREFERRED)
            for slug in rnd.sample(pool, rnd.randint(0, min(3, len(pool))))
            if slug not in required
        ]
        english = "native" if hub.native_english else "B2" if account_type == "non_voice" else "C1"
        languages = [("en", english)]
        offered = posting_languages(hub)
        if center_languages is not None:
            offered = [code for code in offered if code in center_languages]
        if offered:
            # Bilingual accounts are the rule where the hub's other language is what clients buy (Spanish in
            # Bogotá for US Hispanic customers); language desks are what Kraków, Lisbon and Cairo are for.
            working = [code for code in offered if code in hub.languages]
            draw = rnd.random()
            desks = [code for code in offered if code not in hub.languages]
            if working and draw < hub.bilingual:
                code = working[0]
                languages.append((code, "native" if code == hub.languages[0] else "C1"))
            elif desks and draw < hub.bilingual + hub.desk_postings:
                languages.append((rnd.choice(desks), "C1"))
        return skills, languages

    def bpo_job_requirements(self, title: str, account_type: str, country: str):
        """([(skill slug, "required" | "preferred")], [(language code, CEFR level)]) that fit a posting of that
        title (a factory's posting: the title may be one a test chose)."""
        hub = HUBS_BY_COUNTRY.get(country) or HUBS[0]
        template = AGENT_TEMPLATES_BY_TITLE.get(title, AGENT_TEMPLATES[0])
        role = next((role for role in ROLES if title in role.titles), None)
        return self._requirements(hub, template, role, account_type, None)

    def bpo_salary(self, hub: Hub, experience_years: int, *, role=None, shift="day", employment="full_time"):
        """A pay range in the hub's currency and period: more experience, a higher role and a night account pay
        more; part-time work quoted by the month or year pays in proportion, an internship an allowance."""
        rnd = self.generator.random
        low, high = hub.agent_pay
        span = high - low
        base = low + span * min(experience_years, 4) / 5 + span * rnd.randint(0, 15) / 100
        base *= role.pay if role else 1
        if shift == "night":
            base *= hub.night_pay
        if employment == "internship":
            base = low * INTERNSHIP_PAY
        elif employment == "part_time" and hub.salary_period != "hour":
            base *= PART_TIME_PAY
        top = base * rnd.uniform(1.08, 1.3)
        step = hub.salary_step
        rounded_min = _round_to(base, step)
        return rounded_min, max(rounded_min + step, _round_to(top, step))

    def bpo_job_description(
        self, title, employer, account_type="voice", template=None, role=None, years=1, arrangement="onsite", hub=None
    ) -> str:
        rnd = self.generator.random
        if role is not None:
            duties = list(role.duties)
        else:
            channel = {"voice": VOICE_DUTIES, "non_voice": NON_VOICE_DUTIES}.get(account_type)
            channel = channel or (VOICE_DUTIES[:2] + NON_VOICE_DUTIES[:2])
            duties = rnd.sample(channel, 2) + rnd.sample(SHARED_DUTIES, 2)
            if template is not None and template.call_direction == "outbound":
                duties[0] = OUTBOUND_DUTIES[0]
        lines = [f"{employer} is hiring a **{title}** to join a growing customer experience team.", ""]
        if years == 0 and role is None:
            lines += [ENTRY_LEVEL_LINE, ""]
        if arrangement == "remote":
            lines += ["This is a work-from-home role: you need a quiet room and a stable internet connection.", ""]
        lines += ["## What you'll do", "", *(f"- {duty}" for duty in duties), ""]
        return "\n".join(lines)

    def bpo_benefits(self, hub: Hub | None = None, shift="day", arrangement="onsite", employment="full_time") -> str:
        """Benefits as a posting lists them, one a line: the hub's statutory ones, its usual extras, and what the
        shift and the arrangement bring (a night differential on night work, an internet allowance at home)."""
        rnd = self.generator.random
        hub = hub or HUBS[0]
        if employment == "internship":
            return "\n".join(("Training allowance", "Certificate of completion", "A full-time offer for top interns"))
        benefits = list(hub.statutory_benefits)
        if hub.country == "PH":
            benefits.append(HMO if rnd.random() < 0.6 else HMO_SELF)
        if shift == "night" or (shift == "rotating" and rnd.random() < 0.5):
            if hub.night_differential:
                percent = rnd.choice(hub.night_differential)
                benefits.append(f"{NIGHT_DIFFERENTIAL} ({percent}% of the hourly rate, 10 PM to 6 AM)")
            elif hub.country in ("US", "CA"):
                benefits.append("Overnight shift premium")
            else:
                benefits.append("Night shift allowance")
            if arrangement == "onsite" and shift == "night":
                if hub.country == "PH" and rnd.random() < 0.4:
                    benefits.append(SHUTTLE)
                elif hub.country == "IN":
                    benefits.append("Cab pick-up and drop for night shifts")
        if arrangement == "remote" or (arrangement == "hybrid" and rnd.random() < 0.5):
            benefits += rnd.sample(REMOTE_BENEFITS, rnd.randint(1, 2))
        benefits += rnd.sample(hub.benefits, rnd.randint(1, min(3, len(hub.benefits))))
        benefits += rnd.sample(COMMON_BENEFITS, rnd.randint(0, 2))
        return "\n".join(dict.fromkeys(benefits))

    def bpo_posted_ago(self, max_days: int = 55) -> timedelta:
        return timedelta(days=self.random_int(0, max_days), minutes=self.random_int(0, 24 * 60))


__all__ = ["ROLES_BY_VALUE", "BpoProvider", "CenterPlan", "VendorNamer", "VendorPlan", "fake", "posting_languages"]

factory.Faker.add_provider(BpoProvider)
fake = Faker()
fake.add_provider(BpoProvider)
