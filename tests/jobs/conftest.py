"""Shared by the job list's tests: the board of postings whose every count and order they know."""

from decimal import Decimal

import pytest

from demo.factories.directory import BpoEmployerFactory, EmployerFactory, PublishedVendorFactory
from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
    RejectedJobPostingFactory,
)
from tests.helpers import make_job

ALPHA, BRAVO, CHARLIE, DELTA, ECHO = (
    "Alpha Voice Agent",
    "Bravo Chat Specialist",
    "Charlie Tech Support",
    "Delta Email Support",
    "Echo Collections Agent",
)
NEWEST_FIRST = [ALPHA, BRAVO, CHARLIE, DELTA, ECHO]

HIDDEN = {
    "draft": (JobPostingFactory, 1),
    "pending": (PendingJobPostingFactory, 1),
    "rejected": (RejectedJobPostingFactory, 1),
    "closed": (ClosedJobPostingFactory, 0.1),
    "expired": (ExpiredJobPostingFactory, 70),
    "published_past_expiry": (PublishedJobPostingFactory, 61),
}


@pytest.fixture
def board(db):
    """Five open postings, and one posting per hidden state that would match every filter."""
    harbor = BpoEmployerFactory(name="Harbor CX", slug="harbor-cx", vendor=PublishedVendorFactory(name="Harbor CX"))
    orbit = EmployerFactory(name="Orbit Retail", slug="orbit-retail")
    lumen = EmployerFactory(name="Lumen Bank", slug="lumen-bank")
    postings = {
        ALPHA: make_job(
            ALPHA,
            employer=harbor,
            description="Take inbound calls from retail shoppers.",
            city="Manila",
            country="PH",
            work_arrangement="onsite",
            employment_type="full_time",
            shift="night",
            account_type="voice",
            skills=["communication", "salesforce"],
            languages=["en"],
            salary_min=Decimal("20000"),
            salary_max=Decimal("25000"),
            salary_currency="PHP",
            min_experience_years=0,
            education_level="none",
            days_ago=0.5,
        ),
        BRAVO: make_job(
            BRAVO,
            employer=orbit,
            description="Answer chats on weekends.",
            city="Cebu City",
            country="PH",
            work_arrangement="remote",
            employment_type="part_time",
            shift="day",
            account_type="non_voice",
            skills=["chat-support", "zendesk"],
            preferred=["salesforce"],
            languages=["en", "tl"],
            salary_min=Decimal("30000"),  # no maximum: 30,000 is the top of its range
            salary_currency="PHP",
            min_experience_years=1,
            education_level="vocational",
            days_ago=2,
        ),
        CHARLIE: make_job(
            CHARLIE,
            employer=harbor,
            description="Bilingual troubleshooting for a telecom client.",
            city="Monterrey",
            country="MX",
            work_arrangement="hybrid",
            employment_type="contract",
            shift="rotating",
            account_type="blended",
            skills=["technical-troubleshooting", "zendesk"],
            languages=["es", "en"],
            salary_min=Decimal("500"),
            salary_max=Decimal("900"),
            salary_currency="USD",
            min_experience_years=2,
            education_level="some_college",
            days_ago=5,
        ),
        DELTA: make_job(
            DELTA,
            employer=lumen,
            description="Reply to banking emails.",
            city="Pune",
            country="IN",
            work_arrangement="remote",
            employment_type="full_time",
            shift="mid",
            account_type="non_voice",
            skills=["email-support", "zendesk", "salesforce"],
            languages=["hi", "en"],
            min_experience_years=5,
            education_level="bachelor",
            days_ago=20,
        ),
        ECHO: make_job(
            ECHO,
            employer=lumen,
            description="Call cardholders about overdue accounts.",
            city="Austin",
            country="US",
            work_arrangement="onsite",
            employment_type="temporary",
            shift="flexible",
            account_type="voice",
            skills=["collections"],
            languages=["es"],
            salary_min=Decimal("15"),
            salary_max=Decimal("20"),
            salary_currency="USD",
            salary_period="hour",
            min_experience_years=3,
            education_level="postgraduate",
            days_ago=40,
        ),
    }
    for status, (factory, days_ago) in HIDDEN.items():
        make_job(
            f"Hidden {status} support agent",
            factory=factory,
            employer=harbor,
            description="Weekends, bilingual, banking, retail, overdue, Pune, Monterrey, Austin.",
            work_arrangement="remote",
            skills=[
                "communication",
                "salesforce",
                "zendesk",
                "chat-support",
                "technical-troubleshooting",
                "email-support",
                "collections",
            ],
            languages=["en", "es", "tl", "hi"],
            salary_min=Decimal("10000"),
            salary_max=Decimal("99999"),
            salary_currency="PHP",
            education_level="none",
            days_ago=days_ago,
        )
    return postings
