"""The job board's fixed choices, shared by models, querysets, filters and constraints."""

from django.db import models

# The bands of the posted-within filter (days) and their labels.
POSTED_WITHIN = [(1, "Last 24 hours"), (3, "Last 3 days"), (7, "Last 7 days"), (30, "Last 30 days")]


class Currency(models.TextChoices):
    """ISO 4217 codes of the currencies CSR salaries are quoted in across the BPO hubs."""

    USD = "USD", "US dollar"
    CAD = "CAD", "Canadian dollar"
    GBP = "GBP", "Pound sterling"
    EUR = "EUR", "Euro"
    AUD = "AUD", "Australian dollar"
    PHP = "PHP", "Philippine peso"
    INR = "INR", "Indian rupee"
    MXN = "MXN", "Mexican peso"
    COP = "COP", "Colombian peso"
    CRC = "CRC", "Costa Rican colón"
    GTQ = "GTQ", "Guatemalan quetzal"
    DOP = "DOP", "Dominican peso"
    JMD = "JMD", "Jamaican dollar"
    BRL = "BRL", "Brazilian real"
    PLN = "PLN", "Polish złoty"
    RON = "RON", "Romanian leu"
    ZAR = "ZAR", "South African rand"
    EGP = "EGP", "Egyptian pound"
    MYR = "MYR", "Malaysian ringgit"
    VND = "VND", "Vietnamese đồng"
    IDR = "IDR", "Indonesian rupiah"
    THB = "THB", "Thai baht"
    KES = "KES", "Kenyan shilling"
    MAD = "MAD", "Moroccan dirham"


class EducationLevel(models.TextChoices):
    """Levels in ascending order; `rank` compares them (a bachelor's satisfies "high school")."""

    NONE = "none", "No formal requirement"
    HIGH_SCHOOL = "high_school", "High school diploma or GED"
    # The Philippines' K-12 diploma (grade 12): what most BPO postings there ask for since 2018.
    SENIOR_HIGH = "senior_high", "Senior High School (K-12) graduate"
    VOCATIONAL = "vocational", "Vocational certificate"
    SOME_COLLEGE = "some_college", "Two years of college"
    BACHELOR = "bachelor", "Bachelor's degree"
    POSTGRADUATE = "postgraduate", "Postgraduate degree"

    @property
    def rank(self) -> int:
        return list(EducationLevel).index(self)

    @classmethod
    def up_to(cls, level: str) -> list[str]:
        """The levels that a posting asking for at most `level` may ask for."""
        members = list(cls)
        return [m.value for m in members[: members.index(cls(level)) + 1]]


class CEFRLevel(models.TextChoices):
    A1 = "A1", "A1 beginner"
    A2 = "A2", "A2 elementary"
    B1 = "B1", "B1 intermediate"
    B2 = "B2", "B2 upper intermediate"
    C1 = "C1", "C1 advanced"
    C2 = "C2", "C2 proficient"
    NATIVE = "native", "Native"


class JobPostingStatus(models.TextChoices):
    """Where a posting is in moderation. Only a curator's approval makes text public: a posting closed before it
    was ever approved is withdrawn (it never gets a public page), one closed after approval keeps its page with
    the approved text (`job_posting_close`)."""

    DRAFT = "draft", "Draft"
    PENDING = "pending", "Pending review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Expired"

    @classmethod
    def approved_statuses(cls) -> list[str]:
        """The statuses of a posting whose row holds the text a curator approved, the only ones with a public
        page: published, and closed or expired since."""
        return [cls.PUBLISHED, cls.CLOSED, cls.EXPIRED]


class WorkArrangement(models.TextChoices):
    ONSITE = "onsite", "On-site"
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid"


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full-time"
    PART_TIME = "part_time", "Part-time"
    CONTRACT = "contract", "Contract"
    TEMPORARY = "temporary", "Temporary"
    INTERNSHIP = "internship", "Internship"


class Shift(models.TextChoices):
    DAY = "day", "Day shift"
    MID = "mid", "Mid shift"
    NIGHT = "night", "Night (graveyard) shift"
    ROTATING = "rotating", "Rotating shifts"
    FLEXIBLE = "flexible", "Flexible hours"


class AccountType(models.TextChoices):
    """What the agent handles. Blended here is voice and non-voice; a call center's blended (inbound and
    outbound) is a call direction (`CallDirection.BOTH`) or the directory's call-center type."""

    VOICE = "voice", "Voice"
    NON_VOICE = "non_voice", "Non-voice"
    BLENDED = "blended", "Blended (voice and non-voice)"


class JobRole(models.TextChoices):
    """The rung of the contact-center ladder a posting hires for, from the agent on the floor up."""

    AGENT = "agent", "Agent (CSR, TSR, chat or email)"
    SENIOR_AGENT = "senior_agent", "Senior agent or subject-matter expert"
    TEAM_LEADER = "team_leader", "Team leader"
    QUALITY_ANALYST = "quality_analyst", "Quality analyst"
    WORKFORCE_ANALYST = "workforce_analyst", "Workforce (WFM) analyst"
    TRAINER = "trainer", "Trainer"
    OPERATIONS_MANAGER = "operations_manager", "Operations manager"


class CallDirection(models.TextChoices):
    INBOUND = "inbound", "Inbound"
    OUTBOUND = "outbound", "Outbound"
    BOTH = "both", "Inbound and outbound"


class SalaryPeriod(models.TextChoices):
    HOUR = "hour", "per hour"
    MONTH = "month", "per month"
    YEAR = "year", "per year"


class SkillImportance(models.TextChoices):
    REQUIRED = "required", "Required"
    PREFERRED = "preferred", "Preferred"


# For each choice field, the words a posting of that value is found by beside its own text: "graveyard" finds a
# night shift, "work from home" a remote job (jobs/search.py puts them in the stored vector; SQLite matches them).
SEARCH_WORDS = {
    "work_arrangement": {"remote": "remote work from home", "hybrid": "hybrid", "onsite": "on-site"},
    "shift": {
        "day": "day shift",
        "mid": "mid shift",
        "night": "night shift graveyard",
        "rotating": "rotating shifts",
        "flexible": "flexible hours",
    },
    "account_type": {"voice": "voice account", "non_voice": "non-voice account", "blended": "blended account"},
    "employment_type": {
        "full_time": "full-time",
        "part_time": "part-time",
        "contract": "contract",
        "temporary": "temporary",
        "internship": "internship intern",
    },
    "role": {
        "agent": "agent",
        "senior_agent": "senior agent subject-matter expert",
        "team_leader": "team leader supervisor",
        "quality_analyst": "quality analyst assurance",
        "workforce_analyst": "workforce analyst",
        "trainer": "trainer",
        "operations_manager": "operations manager",
    },
}
ENTRY_LEVEL_WORDS = "entry level"


def choices_matching(phrase: str) -> dict[str, list[str]]:
    """Per choice field, the values whose search words contain `phrase` (SQLite's search)."""
    phrase = phrase.lower()
    found = {}
    for field, words in SEARCH_WORDS.items():
        values = [value for value, text in words.items() if phrase in text]
        if values:
            found[field] = values
    return found
