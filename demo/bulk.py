"""A million job postings in a minute or two: PostgreSQL writes them itself, in one `INSERT ... SELECT` over
`generate_series`, with their search vectors, from a few lookup tables this module fills.

How a posting comes about:

- **Plans.** Python plans a few thousand postings the way the small demo seed does (`posting_planner`, from the
  market model in demo/market.py): employer, center, role, shift, pay, benefits, education, skills, languages.
  Each plan keeps what makes it coherent (a PH night shift pays a night differential, a non-voice posting
  describes no phone work, a BPO posts at its own center in that center's languages for a service it offers).
- **Postings.** Each of the N postings takes a plan, then an employer of the plan's *group*: every employer that
  could have posted that plan (a BPO with a center in that city working in those languages and offering that
  service; an in-house team of that industry hiring in that country), bigger hirers more often. Then one of
  the plan's titles (role x seniority x account line x language: thousands in all), a status and dates spread
  over months, and a description of its own: an opening, the client account (one of 24,000 client brands,
  drawn by Zipf's law: the first in one posting of 14, the last in a handful of a million), two lines about
  the candidate and one about the team (Zipf-ranked sentences), the tools used, and the plan's duties.
- **Search vectors.** `to_tsvector` over a million descriptions would take minutes. Every piece of text above
  is one of a few thousand fragments, so each fragment's vector is computed once, and a posting's vector is
  the concatenation of its fragments' vectors (`||` shifts each by the positions before it). That equals
  `to_tsvector` over the whole text as long as no fragment ends with a stop word (checked by
  tests/demo/test_bulk_seed.py, with the stored vectors compared to `jobs.search.job_search_vector`).

Randomness is a hash of (posting id, seed, slot), so the same seed gives the same rows whatever plan PostgreSQL
picks. PostgreSQL only; SQLite seeds through `demo.seed.seed_job_postings`.
"""

import itertools
import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection
from django.utils.text import slugify

from core.search import SEARCH_CONFIG
from demo.fakers import LANGUAGE_NAMES, VendorPlan, fake
from demo.market import CAPTIVE_HUBS
from demo.planning import hiring_weight, posting_planner
from directory.models import Employer, Industry, Language
from jobs.choices import ENTRY_LEVEL_WORDS, SEARCH_WORDS
from jobs.models import Certification, Skill

# From this many postings, seed_demo writes them in bulk on PostgreSQL.
BULK_MIN = 20_000
# Plans drawn in Python at most; the postings share them (each with its own employer, title and text).
MAX_PLANS = 20_000
LIFETIME_DAYS = 60

# --- Vocabulary --------------------------------------------------------------------------------------------

# What the client's account is about, by client industry: the end of a title ("Chat Support Agent - Credit
# Cards") and the account sentence of the description ("The account: Velmora, a digital bank").
ACCOUNT_LINES: dict[str, tuple[str, ...]] = {
    "telecom": ("Prepaid Mobile", "Postpaid Billing", "Fiber Broadband", "Device Activation", "Roaming",
                "Number Porting", "Pay TV", "Business Lines"),
    "finance-banking": ("Credit Cards", "Mortgage Servicing", "Fraud Alerts", "Auto Loans", "Online Banking",
                        "Card Disputes", "Personal Loans", "Wealth Management"),
    "retail-ecommerce": ("Order Tracking", "Returns and Refunds", "Marketplace Sellers", "Loyalty Program",
                         "Fashion", "Home Appliances", "Grocery Delivery", "Subscriptions"),
    "travel-hospitality": ("Airline Reservations", "Hotel Bookings", "Frequent Flyer Desk", "Cruise Bookings",
                           "Car Rentals", "Vacation Packages"),
    "utilities": ("Energy Billing", "Solar", "Water Services", "Smart Meters", "Home Moves"),
    "technology-saas": ("SaaS Billing", "Account Access", "Smart Home Devices", "Payroll Software", "Cloud Storage",
                        "Antivirus", "Streaming Devices", "Mobile Apps"),
    "healthcare": ("Medicare Members", "Pharmacy Benefits", "Provider Services", "Patient Scheduling",
                   "Medical Billing", "Dental Plans", "Telehealth"),
    "insurance": ("Auto Claims", "Home Insurance", "Life Policies", "Pet Insurance", "Travel Insurance",
                  "First Notice of Loss"),
    "logistics": ("Parcel Tracking", "Freight Dispatch", "Last-Mile Delivery", "Customs Clearance"),
    "education": ("Student Enrollment", "Online Courses", "Admissions", "Language Courses"),
    "government": ("Benefits Helpline", "Licensing", "Tax Inquiries"),
    "": ("Consumer Electronics", "Subscriptions", "Gaming", "Food Delivery", "Ride Hailing", "Fintech App"),
}  # fmt: skip
CLIENT_KINDS: dict[str, tuple[str, ...]] = {
    "telecom": ("a mobile network with millions of subscribers", "a broadband and TV provider",
                "a prepaid mobile brand", "a fiber internet provider"),
    "finance-banking": ("a digital bank", "a credit card issuer", "a consumer lending company", "a regional bank",
                        "a payments company"),
    "retail-ecommerce": ("an online retailer", "a fashion marketplace", "a home goods brand",
                         "a grocery delivery service", "an electronics retailer"),
    "travel-hospitality": ("an airline", "a hotel group", "an online travel agency", "a cruise line",
                           "a car rental company"),
    "utilities": ("an energy supplier", "a water utility", "a solar installer", "a gas and electricity provider"),
    "technology-saas": ("a software company", "a cloud accounting platform", "a smart home device maker",
                        "a cybersecurity firm", "a payroll software provider"),
    "healthcare": ("a health plan", "a hospital network", "a pharmacy benefits manager", "a telehealth provider",
                   "a dental insurer"),
    "insurance": ("a car insurer", "a home insurance company", "a life insurer", "a pet insurance provider"),
    "logistics": ("a parcel delivery company", "a freight forwarder", "a last-mile courier", "a shipping line"),
    "education": ("an online learning platform", "a university", "a language school",
                  "a test preparation company"),
    "government": ("a public benefits program", "a city services helpline", "a licensing agency"),
    "": ("a consumer brand", "a subscription service", "a well-known retailer", "a global technology brand"),
}  # fmt: skip
# The rest of the first line, commonest first (each list is drawn by Zipf's law).
OPENINGS = (
    "to join a growing customer experience team.", "for a new account that launches next month.",
    "to join one of its longest-running programs.", "for a team that is expanding this quarter.",
    "to look after the customers of a well-known brand.", "for its busiest site.",
    "on a program with a great team culture.", "to help its client keep customers happy.",
    "for an account that promotes from within.", "with a start date within two weeks.",
    "to join a close-knit team of 15 agents.", "for a pilot program that keeps growing.",
    "for a support team that wins awards.", "to grow with a program that doubled last year.",
    "for a weekday schedule.", "to join a friendly, diverse team.",
    "on a multi-year contract with a loyal client.", "to join its second wave of hiring this year.",
    "for an account known for low attrition.", "for a brand-new site opening soon.",
)  # fmt: skip
ABOUT_YOU = (
    "You write clear, friendly English.", "You stay calm when a customer is upset.",
    "You are comfortable with computers and learn new tools quickly.", "You enjoy solving problems.",
    "You can work weekends and holidays on a rotating schedule.", "You type accurately and keep good notes.",
    "You can commit to at least twelve months on the account.", "BPO experience is a plus but not required.",
    "You like working in a team with clear targets.", "You pass a background check before your start date.",
    "Experience in retail, hospitality or sales is a plus.", "A second language is a plus.",
    "You welcome feedback and act on it quickly.", "You can explain technical things in plain words.",
    "You have handled escalations.", "You are organised and punctual.",
    "Knowledge of ITIL is a plus.", "You have used a knowledge base such as Guru or Confluence.",
    "Basic Excel skills: filters and pivot tables.", "You have worked with subscription billing.",
    "You have supported a mobile app or a website.", "You are curious about how products work.",
    "You have coached new hires or led a small team.", "You can read a dashboard and spot a trend.",
    "You have worked to service-level agreements.", "Familiarity with refund and chargeback rules.",
    "You know your way around an order management system.", "Experience with loyalty or rewards programs.",
    "You have handled sensitive personal data under GDPR or HIPAA rules.",
    "You have resolved disputes with merchants or couriers.", "Comfortable with Google Workspace and Slack.",
    "You have worked in a regulated industry such as banking or insurance.",
    "You can adapt your tone for frustrated, confused or elderly customers.",
    "A degree in communications, hospitality or business is welcome.",
    "Exposure to Six Sigma or Lean process improvement.", "You have written macros or canned responses.",
    "You have done quality monitoring or calibration sessions.", "Knowledge of basic networking: DNS and Wi-Fi.",
    "You have a TESDA, NCC or similar contact center certificate.", "You have sold add-ons or upgrades.",
)  # fmt: skip
WHY_JOIN = (
    "Weekly coaching from a team leader who started as an agent.", "A clear path to team leader within a year.",
    "Most of our team leaders started as agents.", "Monthly recognition awards and team outings.",
    "Fixed schedules after your first three months.", "A diverse team that celebrates every win.",
    "Paid upskilling courses and certifications.", "Transparent scorecards: you always know where you stand.",
    "Quarterly town halls with the account's leadership.", "A buddy to guide you through nesting.",
    "Internal job postings open to every agent.", "Wellness programs and a free gym membership.",
    "Employee resource groups and volunteering days.", "Referral bonuses for every friend you bring.",
    "A modern desk setup with dual monitors.", "Leaders who listen: monthly skip-level meetings.",
    "Hackathons to improve our tools and processes.", "Language classes paid by the company.",
    "Sabbatical leave after five years.", "Shares in the company through an employee stock plan.",
)  # fmt: skip
HELP_DESKS = ("Zendesk", "Salesforce Service Cloud", "Freshdesk", "ServiceNow", "HubSpot Service Hub", "Zoho Desk",
              "Microsoft Dynamics 365", "Kustomer", "Gorgias", "Help Scout", "Jira Service Management",
              "Oracle Service Cloud", "Gladly", "Sprinklr", "HappyFox", "Kayako")  # fmt: skip
OFFICE_TOOLS = ("Microsoft Excel", "Google Sheets", "Microsoft Teams", "Slack", "Google Workspace",
                "Microsoft Outlook", "Confluence", "Notion", "SharePoint", "Trello", "Asana", "Lucidchart")  # fmt: skip
VOICE_TOOLS = ("Genesys Cloud", "Five9", "NICE CXone", "Avaya", "Talkdesk", "Amazon Connect", "RingCentral",
               "Aircall", "Cisco Webex Contact Center", "Vonage", "Dialpad", "Twilio Flex", "Mitel")  # fmt: skip
CHAT_TOOLS = ("Intercom", "LiveChat", "LivePerson", "Zendesk Chat", "Drift", "Tidio", "Olark", "Freshchat",
              "WhatsApp Business", "Messenger")  # fmt: skip

_BRAND_HEADS = ("Al", "Bel", "Cor", "Dar", "El", "Fen", "Gal", "Hal", "Jor", "Kal", "Lor", "Mar", "Nor", "Or",
                "Pel", "Quin", "Ros", "Sal", "Tor", "Ul", "Val", "Wes", "Xan", "Yor", "Zel", "Bra", "Cre", "Dro",
                "Fla", "Gri", "Pra", "Tre", "Vex", "Mon", "Sol", "Ter", "Ven", "Lum", "Nex", "Tav")  # fmt: skip
_BRAND_MIDS = ("a", "e", "i", "o", "u", "ia", "eo", "ar", "en", "ul", "am", "ot", "ir", "av", "ex", "om", "ud",
               "ay", "il", "ob")  # fmt: skip
_BRAND_TAILS = ("ra", "ton", "vex", "dia", "mo", "rix", "via", "nova", "tek", "bay", "go", "lia", "net", "ora",
                "quest", "sys", "wise", "zen", "loop", "dex", "tra", "nix", "vio", "pix", "mint", "corp", "labs",
                "hub", "cart", "ly")  # fmt: skip


def client_brands() -> list[str]:
    """24,000 invented client brand names, in the fixed order of their Zipf rank (the first is the commonest)."""
    words = ["".join(parts) for parts in itertools.product(_BRAND_HEADS, _BRAND_MIDS, _BRAND_TAILS)]
    random.Random(20).shuffle(words)
    return words


def rare_terms(postings: int, hits: float = 5) -> list[str]:
    """Client brands that about `hits` of `postings` bulk-seeded postings name (for benchmarks' rare searches)."""
    brands = client_brands()
    # P(rank r) = ln(1 + 1/r) / ln(n + 1), about 1 / (r ln(n + 1)).
    rank = max(1, min(len(brands), round(postings / (hits * math.log(len(brands) + 1)))))
    return brands[rank - 1 : rank + 2]


# --- Plans ---------------------------------------------------------------------------------------------------


@dataclass
class Plan:
    key: tuple  # the group of employers that could have posted it
    employer: Employer
    city: str
    spec: dict
    titles: list[str]


SENIORITY = {0: ("", "Entry-Level ", "Trainee "), 1: ("", "Junior "), 2: ("", "Experienced ", "Level 2 ")}
EMPLOYMENT_PREFIX = {"part_time": "Part-Time ", "contract": "Contract ", "temporary": "Seasonal ",
                     "internship": "Internship: "}  # fmt: skip


def title_variants(spec: dict, rnd, count: int = 6) -> list[str]:
    """The plain title first, then titles that add what the posting is: seniority, employment, the client's
    account line, the language desk ("Experienced German-Speaking Chat Support Agent - Fashion")."""
    title, years = spec["title"], spec["min_experience_years"]
    if spec["role"] == "agent":
        seniority = SENIORITY[min(years, 2)] if spec["employment_type"] != "internship" else ("",)
    else:
        seniority = ("", "Senior ") if years >= 4 and not title.startswith("Senior") else ("",)
    employment = (
        ("", EMPLOYMENT_PREFIX[spec["employment_type"]]) if spec["employment_type"] in EMPLOYMENT_PREFIX else ("",)
    )
    desks = [code for code, _ in spec["languages"] if code != "en"]
    language = ("", f"{LANGUAGE_NAMES.get(desks[0], desks[0])}-Speaking ") if desks else ("",)
    lines = ACCOUNT_LINES[spec["client_industry"] or ""]
    variants = [title]
    for _ in range(count * 3):
        if len(variants) == count:
            break
        line = rnd.choice(lines)
        candidate = f"{rnd.choice(employment)}{rnd.choice(seniority)}{rnd.choice(language)}{title} - {line}"
        if candidate not in variants:
            variants.append(candidate)
    return variants


def plan_postings(count: int, draw, bpo: list[Employer], in_house: list[Employer], plans, industries_of) -> tuple:
    """`count` plans drawn by `draw` (demo.planning.posting_planner) and, per group key, its employers (bigger
    hirers repeated)."""

    rnd = fake.random
    drawn: list[Plan] = []
    for _ in range(count):
        employer, city, spec = draw()
        desks = frozenset(code for code, _ in spec["languages"] if code != "en")
        if employer.vendor_id:
            key = ("bpo", city, spec["country"], spec["service"], desks)
        else:
            key = ("in-house", industries_of[employer.pk], spec["country"])
        drawn.append(Plan(key, employer, city, spec, title_variants(spec, rnd)))

    needed = {plan.key for plan in drawn}
    centers = defaultdict(list)  # (city, country, service) -> [(employer, center languages, repeats)]
    for employer in bpo:
        plan: VendorPlan = plans[employer.vendor_id]
        repeats = max(1, min(8, round(hiring_weight(plan) / 32)))
        for center in plan.centers:
            for service in plan.services:
                centers[(center.city, center.country, service)].append((employer, set(center.languages), repeats))
    homes = defaultdict(list)  # (industry, country) -> in-house employers that hire there
    countries = {key[2] for key in needed if key[0] == "in-house"}
    for employer in in_house:
        home = employer.headquarters_country
        for country in countries:
            if country == home or (home not in CAPTIVE_HUBS and country in CAPTIVE_HUBS):
                homes[(industries_of[employer.pk], country)].append(employer)
    groups: dict[tuple, list[int]] = {}
    for key in needed:
        if key[0] == "bpo":
            _, city, country, service, desks = key
            members = [
                employer.pk
                for employer, languages, repeats in centers[(city, country, service)]
                if desks <= languages
                for _ in range(repeats)
            ]
        else:
            members = [employer.pk for employer in homes[key[1:]]]
        groups[key] = members
    for plan in drawn:  # the plan's own employer always qualifies (a vendor with no template of its services)
        if plan.employer.pk not in groups[plan.key]:
            groups[plan.key].append(plan.employer.pk)
    return drawn, groups


# --- Writing -------------------------------------------------------------------------------------------------


def _copy(cursor, table: str, columns: Sequence[str], rows) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _choice_words(spec: dict) -> str:
    """What jobs.search.choice_words says of the posting, as the search vector's text."""
    words = [SEARCH_WORDS[field].get(spec[field], "") for field in SEARCH_WORDS]
    words.append(ENTRY_LEVEL_WORDS if spec["min_experience_years"] == 0 else "")
    return " ".join(words)


def seed_job_postings_in_bulk(
    count: int,
    bpo: list[Employer],
    in_house: list[Employer],
    plans: dict[int, VendorPlan],
    industries_of: dict[int, str],
    now: datetime,
    seed: int,
    first_id: int,
) -> tuple[int, int, int]:
    """Write `count` postings with ids from `first_id`, their requirements and search vectors; returns the
    numbers of postings, skill and language requirements."""

    draw = posting_planner(bpo, in_house, plans, industries_of)
    drawn, groups = plan_postings(min(count, MAX_PLANS), draw, bpo, in_house, plans, industries_of)
    skills = dict(Skill.objects.values_list("slug", "pk"))
    languages = dict(Language.objects.values_list("code", "pk"))
    certifications = list(Certification.objects.values_list("pk", flat=True))

    key_ids = {key: index for index, key in enumerate(groups)}
    titles = {title: index for index, title in enumerate(dict.fromkeys(t for plan in drawn for t in plan.titles))}
    brands = client_brands()
    cfg = f"'{SEARCH_CONFIG}'::regconfig"
    with connection.cursor() as django_cursor:
        cursor = django_cursor.cursor
        _fill_lookups(cursor, cfg, drawn, groups, key_ids, titles, brands)
        _copy(
            cursor,
            "seed_requirements",
            ("i", "skill_id", "importance", "language_id", "level"),
            itertools.chain(
                ((i, skills[slug], importance, None, None) for i, p in enumerate(drawn) for slug, importance in
                 p.spec["skills"]),
                ((i, None, None, languages[code], level) for i, p in enumerate(drawn) for code, level in
                 p.spec["languages"]),
            ),
        )  # fmt: skip
        cursor.execute(
            "ANALYZE seed_plan_vectors, seed_members, seed_fragments, seed_title_vectors, seed_employers, seed_lines, "
            "seed_tools"
        )
        last_id = first_id + count - 1
        # Each posting's choices first, as plain numbers, so that the planner knows how many rows each join
        # meets: it then hashes the small tables and streams the postings through them.
        cursor.execute("SET LOCAL jit = off")  # compiling these expressions costs more than running them
        cursor.execute("SET LOCAL work_mem = '256MB'")
        # A posting's description and vector are compressed as they are stored: lz4 where the server has it,
        # several times faster than the default pglz.
        cursor.execute(
            "SELECT set_config('default_toast_compression', 'lz4', true) FROM pg_settings "
            "WHERE name = 'default_toast_compression' AND 'lz4' = ANY(enumvals)"
        )
        cursor.execute(_picks_sql(first_id, last_id, seed, len(drawn), len(brands)), {"now": now})
        cursor.execute("ANALYZE seed_picks")
        cursor.execute(_postings_sql())
        n_jobs = cursor.rowcount
        cursor.execute(
            """INSERT INTO jobs_jobskillrequirement (job_posting_id, skill_id, importance)
            SELECT s.id, q.skill_id, q.importance FROM seed_picks s JOIN seed_requirements q
            ON q.i = s.i AND q.skill_id IS NOT NULL"""
        )
        n_skills = cursor.rowcount
        cursor.execute(
            """INSERT INTO jobs_joblanguagerequirement (job_posting_id, language_id, level)
            SELECT s.id, q.language_id, q.level FROM seed_picks s JOIN seed_requirements q
            ON q.i = s.i AND q.language_id IS NOT NULL"""
        )
        n_languages = cursor.rowcount
        if certifications:
            # One posting in 20 asks for a certification.
            cursor.execute(
                f"""INSERT INTO jobs_jobposting_certifications (jobposting_id, certification_id)
                SELECT g, (%(ids)s::bigint[])[1 + floor({_uniform("g", seed, 30)} * %(n)s)::int]
                FROM generate_series({first_id}, {last_id}) g WHERE {_uniform("g", seed, 31)} < 0.05""",  # noqa: S608
                {"ids": certifications, "n": len(certifications)},
            )
        cursor.execute("RESET jit; RESET work_mem; RESET default_toast_compression")
        # Gone at commit anyway; dropped now so that a second seed in the same transaction (tests) can run.
        cursor.execute(
            "DROP TABLE seed_words, seed_fragments, seed_titles, seed_title_vectors, seed_members, seed_employers, "
            "seed_plans, seed_plan_vectors, seed_requirements, seed_picks, seed_lines, seed_tools"
        )
    return n_jobs, n_skills, n_languages


def _uniform(column: str, seed: int, salt: int) -> str:
    """SQL for a number in [0, 1) that only the row's `column`, the seed and the salt decide."""
    return f"((hashint8extended({column}, {seed * 1000 + salt}) & 2147483647)::float8 / 2147483648)"


def _zipf_rank(u: str, n: int | str) -> str:
    """SQL for a rank from 1 to n with P(r) = ln(1 + 1/r) / ln(n + 1): Zipf's law with exponent 1."""
    return f"floor(exp({u} * ln({n} + 1)))::int"


def _fill_lookups(cursor, cfg: str, drawn: list[Plan], groups, key_ids, titles, brands) -> None:
    """The temporary tables the postings are drawn from: fragments, titles, plans, groups, with their vectors."""
    cursor.execute(
        "CREATE TEMP TABLE seed_words (kind text, rank int, text text, PRIMARY KEY (kind, rank)) ON COMMIT DROP"
    )
    words = [("hiring", ("is hiring:",)), ("opening", OPENINGS), ("about", ABOUT_YOU), ("why", WHY_JOIN),
             ("desk", HELP_DESKS), ("office", OFFICE_TOOLS), ("voice", VOICE_TOOLS), ("chat", CHAT_TOOLS),
             ("brand", brands)]  # fmt: skip
    words += [(f"kind:{industry}", kinds) for industry, kinds in CLIENT_KINDS.items()]
    _copy(
        cursor,
        "seed_words",
        ("kind", "rank", "text"),
        ((kind, rank, text) for kind, texts in words for rank, text in enumerate(texts, 1)),
    )
    # Each fragment as it stands in the description (see _postings_sql), and its vector.
    cursor.execute(
        f"""CREATE TEMP TABLE seed_fragments ON COMMIT DROP AS
        SELECT kind, rank, t.text, setweight(to_tsvector({cfg}, t.text), 'C') AS vector FROM (
            SELECT kind, rank, CASE
                WHEN kind = 'hiring' THEN ' is hiring: **'
                WHEN kind = 'opening' THEN '**, ' || text
                WHEN kind = 'brand' THEN E'\n\nThe account: ' || text || ', '
                WHEN kind LIKE 'kind:%' THEN text || '.'
                WHEN kind = 'about' THEN E'\n\n## About you\n\n- ' || text
                WHEN kind = 'why' THEN E'\n\n## Why join us\n\n- ' || text
                WHEN kind = 'desk' THEN E'\n\n**Tools:** ' || text
                WHEN kind IN ('voice', 'chat') THEN ', ' || text || '.'
                ELSE ', ' || text
            END AS text FROM seed_words
            UNION ALL SELECT 'about2', rank, E'\n- ' || text FROM seed_words WHERE kind = 'about'
        ) t"""  # noqa: S608 - our own constants
    )
    cursor.execute("ALTER TABLE seed_fragments ADD PRIMARY KEY (kind, rank)")
    # The candidate and team lines, and the tools, as whole paragraphs: fewer joins and concatenations a posting.
    cursor.execute(
        """CREATE TEMP TABLE seed_lines ON COMMIT DROP AS
        SELECT a.rank AS about, a2.rank AS about2, w.rank AS why, a.text || a2.text || w.text AS text,
            a.vector || a2.vector || w.vector AS vector
        FROM seed_fragments a JOIN seed_fragments a2 ON a2.kind = 'about2' AND a2.rank <> a.rank
        CROSS JOIN seed_fragments w WHERE a.kind = 'about' AND w.kind = 'why'"""
    )
    cursor.execute("ALTER TABLE seed_lines ADD PRIMARY KEY (about, about2, why)")
    cursor.execute(
        """CREATE TEMP TABLE seed_tools ON COMMIT DROP AS
        SELECT d.rank AS desk, f.rank AS office, v.kind AS tools, v.rank AS tool, d.text || f.text || v.text AS text,
            d.vector || f.vector || v.vector AS vector
        FROM seed_fragments d CROSS JOIN seed_fragments f CROSS JOIN seed_fragments v
        WHERE d.kind = 'desk' AND f.kind = 'office' AND v.kind IN ('voice', 'chat')"""
    )
    cursor.execute("ALTER TABLE seed_tools ADD PRIMARY KEY (desk, office, tools, tool)")
    cursor.execute("CREATE TEMP TABLE seed_titles (id int PRIMARY KEY, title text, slug text) ON COMMIT DROP")
    _copy(cursor, "seed_titles", ("id", "title", "slug"), ((i, t, slugify(t)) for t, i in titles.items()))
    cursor.execute(
        f"""CREATE TEMP TABLE seed_title_vectors ON COMMIT DROP AS SELECT id, title, slug,
            setweight(to_tsvector({cfg}, title), 'A') AS vector_a,
            h.text || title AS hiring_text, h.vector || setweight(to_tsvector({cfg}, title), 'C') AS hiring_vector
        FROM seed_titles CROSS JOIN (SELECT text, vector FROM seed_fragments WHERE kind = 'hiring') h"""  # noqa: S608
    )
    cursor.execute("ALTER TABLE seed_title_vectors ADD PRIMARY KEY (id)")
    cursor.execute(
        "CREATE TEMP TABLE seed_members (key int, k int, employer_id bigint, PRIMARY KEY (key, k)) ON COMMIT DROP"
    )
    _copy(
        cursor,
        "seed_members",
        ("key", "k", "employer_id"),
        ((key_ids[key], k, pk) for key, members in groups.items() for k, pk in enumerate(members)),
    )
    cursor.execute(
        f"""CREATE TEMP TABLE seed_employers ON COMMIT DROP AS SELECT id, name,
            setweight(to_tsvector({cfg}, name), 'B') AS vector_b,
            setweight(to_tsvector({cfg}, name), 'C') AS vector_c
        FROM directory_employer WHERE id IN (SELECT employer_id FROM seed_members)"""  # noqa: S608
    )
    cursor.execute("ALTER TABLE seed_employers ADD PRIMARY KEY (id)")
    industries = dict(Industry.objects.values_list("slug", "pk"))
    industry_names = dict(Industry.objects.values_list("slug", "name"))
    skill_names = {slug: (pk, name) for slug, pk, name in Skill.objects.values_list("slug", "pk", "name")}
    plan_columns = (
        "i", "key", "members", "title_ids", "city", "city_slug", "country", "work_arrangement",
        "employment_type", "shift", "role", "account_type", "call_direction", "client_industry_id",
        "salary_min", "salary_max", "salary_currency", "salary_period", "min_experience_years",
        "education_level", "min_typing_wpm", "openings", "benefits", "body", "skill_names", "choice_words",
        "industry_name", "client_kind", "clients", "tools",
    )  # fmt: skip
    cursor.execute(
        """CREATE TEMP TABLE seed_plans (i int, key int, members int, title_ids int[], city text, city_slug text,
        country text, work_arrangement text, employment_type text, shift text, role text, account_type text,
        call_direction text, client_industry_id bigint, salary_min numeric, salary_max numeric,
        salary_currency text, salary_period text, min_experience_years int, education_level text,
        min_typing_wpm int, openings int, benefits text, body text, skill_names text, choice_words text,
        industry_name text, client_kind text, clients int, tools text) ON COMMIT DROP"""
    )

    def plan_rows():
        for i, plan in enumerate(drawn):
            spec = plan.spec
            industry = spec["client_industry"] or ""
            yield (
                i, key_ids[plan.key], len(groups[plan.key]), [titles[t] for t in plan.titles], plan.city,
                slugify(plan.city), spec["country"], spec["work_arrangement"], spec["employment_type"],
                spec["shift"], spec["role"], spec["account_type"], spec["call_direction"],
                industries.get(industry), spec["salary_min"], spec["salary_max"], spec["salary_currency"],
                spec["salary_period"], spec["min_experience_years"], spec["education_level"],
                spec["min_typing_wpm"], spec["openings"], spec["benefits"],
                # The duties and what follows; the first line (employer and title) is written per posting.
                "\n\n" + spec["description"].split("\n\n", 1)[1],
                # In the order of the skills' ids, as the requirements' index gives them to jobs.search.
                " ".join(name for _, name in sorted(skill_names[slug] for slug, _ in spec["skills"])),
                _choice_words(spec),
                industry_names.get(industry, ""), f"kind:{industry}", len(CLIENT_KINDS[industry]),
                "voice" if spec["account_type"] != "non_voice" else "chat",
            )  # fmt: skip

    _copy(cursor, "seed_plans", plan_columns, plan_rows())
    cursor.execute(
        f"""CREATE TEMP TABLE seed_plan_vectors ON COMMIT DROP AS SELECT p.*,
            -- The description ends with the plan's duties: one vector with what follows them.
            setweight(to_tsvector({cfg}, body || ' ' || benefits || ' ' || industry_name), 'C') AS body_vector,
            setweight(to_tsvector({cfg}, skill_names), 'B') AS skills_vector,
            setweight(to_tsvector({cfg}, city), 'B') || setweight(to_tsvector({cfg}, choice_words), 'B')
                AS city_choice_vector
        FROM seed_plans p"""  # noqa: S608
    )
    cursor.execute("ALTER TABLE seed_plan_vectors ADD PRIMARY KEY (i)")
    cursor.execute(
        "CREATE TEMP TABLE seed_requirements (i int, skill_id bigint, importance text, language_id bigint, "
        "level text) ON COMMIT DROP"
    )


def _picks_sql(first_id: int, last_id: int, seed: int, plans: int, brands: int) -> str:
    """Each posting's plan, employer, title, fragments, status and dates, as numbers: hashes of its id."""
    u = {salt: _uniform("g", seed, salt) for salt in range(1, 17)}
    columns = ", ".join(f"{expression} AS u{salt}" for salt, expression in u.items())
    about = len(ABOUT_YOU)
    tools = min(len(VOICE_TOOLS), len(CHAT_TOOLS))
    return f"""
    CREATE TEMP TABLE seed_picks ON COMMIT DROP AS
    SELECT r.id, r.i, q.key, floor(r.u3 * q.members)::int AS k,
        q.title_ids[{_zipf_rank("r.u11", "cardinality(q.title_ids)")}] AS title_id,
        {_zipf_rank("r.u4", len(OPENINGS))} AS opening, {_zipf_rank("r.u5", brands)} AS brand,
        q.client_kind, 1 + floor(r.u14 * q.clients)::int AS client, r.about,
        1 + (r.about + {_zipf_rank("r.u7", about - 1)} - 1) %% {about} AS about2,
        {_zipf_rank("r.u8", len(WHY_JOIN))} AS why, {_zipf_rank("r.u9", len(HELP_DESKS))} AS desk,
        {_zipf_rank("r.u10", len(OFFICE_TOOLS))} AS office, q.tools, {_zipf_rank("r.u15", tools)} AS tool,
        r.status, r.published_at, coalesce(r.published_at - r.lead_time, r.created_at) AS created_at
    FROM (
        SELECT *, floor(u1 * {plans})::int AS i, {_zipf_rank("u6", about)} AS about,
            CASE status
                WHEN 'published' THEN %(now)s - u12 * interval '55 days'
                WHEN 'closed' THEN %(now)s - u12 * interval '270 days'
                WHEN 'expired' THEN %(now)s - interval '61 days' - u12 * interval '209 days'
            END AS published_at,
            interval '1 hour' + u13 * interval '71 hours' AS lead_time,
            %(now)s - u13 * interval '20 days' AS created_at
        FROM (
            SELECT *, CASE
                WHEN u2 < 0.88 THEN 'published' WHEN u2 < 0.92 THEN 'pending' WHEN u2 < 0.95 THEN 'draft'
                WHEN u2 < 0.97 THEN 'closed' WHEN u2 < 0.99 THEN 'expired' ELSE 'rejected' END AS status
            FROM (SELECT g AS id, {columns} FROM generate_series({first_id}, {last_id}) g) hashed
        ) statuses
    ) r
    JOIN seed_plans q ON q.i = r.i
    """  # noqa: S608 - numbers and our own constants; `now` is a parameter


def _postings_sql() -> str:
    """The INSERT of the postings from their picks.

    The description is the concatenation of its fragments' texts and the search vector that of their vectors,
    in the same order: title (A); skills, employer, city, choice words (B); description, benefits, industry (C),
    as jobs.search.job_search_vector has them."""
    return f"""
    INSERT INTO jobs_jobposting (
        id, title, slug, employer_id, description, city, country, work_arrangement, employment_type, shift,
        role, account_type, call_direction, client_industry_id, salary_min, salary_max, salary_currency,
        salary_period, min_experience_years, education_level, min_typing_wpm, openings, benefits, status,
        status_changed_at, rejection_reason, published_at, expires_at, created_at, updated_at, search_vector)
    SELECT s.id, t.title, concat(t.slug, '-', p.city_slug, '-', s.id), e.id,
        concat(e.name, t.hiring_text, o.text, b.text, k.text, l.text, x.text, p.body),
        p.city, p.country, p.work_arrangement, p.employment_type, p.shift, p.role, p.account_type,
        p.call_direction, p.client_industry_id, p.salary_min, p.salary_max, p.salary_currency,
        p.salary_period, p.min_experience_years, p.education_level, p.min_typing_wpm, p.openings,
        p.benefits, s.status, coalesce(s.published_at, s.created_at),
        CASE WHEN s.status = 'rejected' THEN 'The posting does not say what the job pays.' ELSE '' END,
        s.published_at, s.published_at + interval '{LIFETIME_DAYS} days', s.created_at,
        coalesce(s.published_at, s.created_at),
        t.vector_a || p.skills_vector || e.vector_b || p.city_choice_vector || e.vector_c || t.hiring_vector
            || o.vector || b.vector || k.vector || l.vector || x.vector || p.body_vector
    FROM seed_picks s
    JOIN seed_plan_vectors p ON p.i = s.i
    JOIN seed_members m ON m.key = s.key AND m.k = s.k
    JOIN seed_employers e ON e.id = m.employer_id
    JOIN seed_title_vectors t ON t.id = s.title_id
    JOIN seed_fragments o ON o.kind = 'opening' AND o.rank = s.opening
    JOIN seed_fragments b ON b.kind = 'brand' AND b.rank = s.brand
    JOIN seed_fragments k ON k.kind = s.client_kind AND k.rank = s.client
    JOIN seed_lines l ON l.about = s.about AND l.about2 = s.about2 AND l.why = s.why
    JOIN seed_tools x ON x.desk = s.desk AND x.office = s.office AND x.tools = s.tools AND x.tool = s.tool
    """  # noqa: S608 - our own constants
