"""Planning one job posting from the market model: which employer posts it, where, and what it says
(`fake.bpo_job_posting`). Both seeds use it: demo.seed writes each plan, demo.bulk multiplies a few thousand."""

import itertools
from collections.abc import Callable

from demo.fakers import VendorPlan, fake
from demo.market import AGENT_TEMPLATES
from directory.models import Employer


def posting_planner(
    bpo: list[Employer], in_house: list[Employer], plans: dict[int, VendorPlan], industries_of: dict[int, str]
) -> Callable[[], tuple[Employer, str, dict]]:
    """A function that plans one posting: (employer, city, `fake.bpo_job_posting`'s spec).

    A BPO posts at one of its own centers, for a service it offers, in a language that center works in; bigger
    vendors and those that hire agents by the hundred post more. An in-house team posts at home or at its
    captive center, for its own industry."""
    rnd = fake.random
    hiring = []  # (employer, [(city, country, center languages)], templates, industries)
    weights = []
    for employer in bpo:
        plan = plans[employer.vendor_id]
        templates = [t for t in AGENT_TEMPLATES if t.service in plan.services] or list(AGENT_TEMPLATES)
        centers = [(c.city, c.country, frozenset(c.languages)) for c in plan.centers]
        hiring.append((employer, centers, templates, plan.industries))
        weights.append(hiring_weight(plan))
    by_industry = {
        industry: [t for t in AGENT_TEMPLATES if t.industry in (None, industry)]
        for industry in set(industries_of.values())
    }
    cumulative = list(itertools.accumulate(weights))

    def draw() -> tuple[Employer, str, dict]:
        if hiring and (not in_house or rnd.random() < 0.75):
            employer, centers, templates, vendor_industries = rnd.choices(hiring, cum_weights=cumulative)[0]
            city, country, center_languages = rnd.choice(centers)
            spec = fake.bpo_job_posting(
                country,
                employer.name,
                templates=templates,
                center_languages=center_languages,
                industry=rnd.choice(vendor_industries),
            )
            return employer, city, spec
        employer = rnd.choice(in_house)
        industry = industries_of[employer.pk]
        country = fake.bpo_in_house_country(employer.headquarters_country)
        spec = fake.bpo_job_posting(country, employer.name, templates=by_industry[industry], industry=industry)
        return employer, spec["city"], spec

    return draw


def hiring_weight(plan: VendorPlan) -> float:
    """How much a vendor hires: the kind of firm, and the square root of its seats."""
    return plan.archetype.job_weight * sum(c.seats for c in plan.centers) ** 0.5
