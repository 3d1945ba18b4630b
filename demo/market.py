"""The market behind the demo data: what a BPO insider knows of each hub, each kind of vendor and each role.

Per hub: its cities and time zones, the languages every center works in and the language desks clients buy there,
the client markets it serves (which decides the shore models its vendors offer), what an agent hour costs, what
agents are paid per role and shift, the statutory and usual benefits, the education postings ask for and how
work is arranged. Per kind of vendor (an archetype): the services it always and sometimes offers, its taglines,
channels, industries, compliance and pricing. `demo/fakers.py` draws from these; tests/demo/ checks that seeded
data keeps to them. Figures are realistic orders of magnitude, not a salary survey.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hub:
    country: str  # ISO 3166 alpha-2
    currency: str  # ISO 4217
    salary_period: str  # how CSR pay is quoted there: hour / month / year
    agent_pay: tuple[int, int]  # a day-shift, full-time agent: entry level to experienced, in currency per period
    salary_step: int  # pay is rounded to this
    rate_range: tuple[int, int]  # what a client pays per agent hour at a center there, USD
    cities: tuple[tuple[str, str], ...]  # (city, IANA time zone)
    languages: tuple[str, ...]  # ISO 639-1: what every center there works in
    desks: dict[str, float]  # language desks clients buy there beyond those: code -> share of centers with one
    client_markets: tuple[str, ...]  # the client countries its centers mostly serve
    weight: int  # share of vendors
    night_share: float  # share of postings on the night shift (clients in other time zones)
    night_pay: float  # how much more a night account's posted pay is
    night_differential: tuple[int, ...] = ()  # the night premium in % of the hourly rate a posting may state
    statutory_benefits: tuple[str, ...] = ()  # on every employee's posting
    benefits: tuple[str, ...] = ()  # usual extras, a few per posting
    education: tuple[tuple[str, int], ...] = (("high_school", 1),)  # what agent postings ask for, weighted
    arrangements: tuple[int, int, int] = (70, 15, 15)  # on-site, hybrid, remote shares
    native_english: bool = False  # English is the country's language: postings ask for it as native
    bilingual: float = 0.0  # share of postings asking for the hub's other working language (Spanish in Bogotá)
    desk_postings: float = 0.1  # share of postings staffing one of the language desks
    sites: dict[str, tuple[str, ...]] = field(default_factory=dict)  # city -> business districts centers sit in


# Benefits named once, so that the rules below and the tests use the same words.
NIGHT_DIFFERENTIAL = "Night differential"  # followed by "(N% of the hourly rate, 10 PM to 6 AM)"
HMO = "HMO from day one, with free dependents"
HMO_SELF = "HMO coverage from day one"
THIRTEENTH_MONTH = "13th month pay"
PH_CONTRIBUTIONS = "SSS, PhilHealth and Pag-IBIG contributions"
RICE = "Rice subsidy"
SHUTTLE = "Free shuttle for night shifts"
# Benefits that only make sense for people working from home.
REMOTE_BENEFITS = ("Internet allowance", "Company laptop and headset for work from home")
NIGHT_ONLY_BENEFITS = (
    SHUTTLE,
    "Cab pick-up and drop for night shifts",
    "Night shift allowance",
    "Overnight shift premium",
)
# Everywhere.
COMMON_BENEFITS = ("Paid training", "Performance bonuses", "Career growth into team lead and support roles")

HUBS: tuple[Hub, ...] = (
    Hub(
        "PH",
        "PHP",
        "month",
        (16000, 30000),
        500,
        (8, 15),
        (
            ("Makati", "Asia/Manila"),
            ("Quezon City", "Asia/Manila"),
            ("Taguig", "Asia/Manila"),
            ("Pasig", "Asia/Manila"),
            ("Cebu City", "Asia/Manila"),
            ("Davao City", "Asia/Manila"),
            ("Iloilo City", "Asia/Manila"),
            ("Bacolod", "Asia/Manila"),
            ("Clark", "Asia/Manila"),
        ),
        ("en",),
        {"es": 0.1, "ja": 0.08},
        ("US", "AU", "GB"),
        30,
        night_share=0.55,
        night_pay=1.12,
        night_differential=(10, 10, 15, 15, 20, 25),
        statutory_benefits=(THIRTEENTH_MONTH, PH_CONTRIBUTIONS),
        benefits=(RICE, "Transportation allowance", "Leave credits convertible to cash", "Free meals on shift"),
        education=(("senior_high", 55), ("some_college", 30), ("bachelor", 10), ("high_school", 5)),
        arrangements=(60, 15, 25),
        sites={
            "Makati": ("Makati CBD", "Ayala Avenue"),
            "Quezon City": ("Eastwood City", "UP-Ayala TechnoHub", "Vertis North"),
            "Taguig": ("BGC", "McKinley Hill"),
            "Pasig": ("Ortigas Center",),
            "Cebu City": ("Cebu IT Park", "Cebu Business Park"),
            "Davao City": ("Lanang",),
            "Iloilo City": ("Iloilo Business Park",),
            "Clark": ("Clark Freeport",),
        },
        desk_postings=0.08,
    ),
    Hub(
        "IN",
        "INR",
        "month",
        (15000, 32000),
        500,
        (6, 12),
        (
            ("Bengaluru", "Asia/Kolkata"),
            ("Hyderabad", "Asia/Kolkata"),
            ("Pune", "Asia/Kolkata"),
            ("Gurugram", "Asia/Kolkata"),
            ("Noida", "Asia/Kolkata"),
            ("Chennai", "Asia/Kolkata"),
            ("Mumbai", "Asia/Kolkata"),
            ("Kolkata", "Asia/Kolkata"),
        ),
        ("en",),
        {"hi": 0.35, "fr": 0.04, "de": 0.04, "es": 0.04},
        ("US", "GB", "AU"),
        16,
        night_share=0.45,
        night_pay=1.1,
        statutory_benefits=("Provident Fund (PF) and ESI", "Gratuity"),
        benefits=("Medical insurance for you and your family", "Meal coupons", "Attendance incentive"),
        education=(("bachelor", 50), ("high_school", 35), ("some_college", 15)),
        arrangements=(75, 15, 10),
        sites={
            "Bengaluru": ("Whitefield", "Electronic City"),
            "Hyderabad": ("HITEC City",),
            "Pune": ("Hinjewadi",),
            "Gurugram": ("Cyber City",),
            "Noida": ("Sector 62",),
            "Chennai": ("OMR",),
        },
        desk_postings=0.06,
    ),
    Hub(
        "MX",
        "MXN",
        "month",
        (10000, 20000),
        250,
        (12, 20),
        (
            ("Mexico City", "America/Mexico_City"),
            ("Guadalajara", "America/Mexico_City"),
            ("Monterrey", "America/Monterrey"),
            ("Tijuana", "America/Tijuana"),
            ("Querétaro", "America/Mexico_City"),
        ),
        ("es", "en"),
        {"pt": 0.08, "fr": 0.04},
        ("US", "CA"),
        8,
        night_share=0.1,
        night_pay=1.08,
        statutory_benefits=("Aguinaldo (Christmas bonus)", "IMSS social security"),
        benefits=("Grocery vouchers (vales de despensa)", "Savings fund", "Major medical insurance", "Bilingual bonus"),
        education=(("high_school", 75), ("some_college", 15), ("vocational", 10)),
        arrangements=(60, 20, 20),
        bilingual=0.8,
    ),
    Hub(
        "CO",
        "COP",
        "month",
        (1500000, 3200000),
        50000,
        (12, 20),
        (
            ("Bogotá", "America/Bogota"),
            ("Medellín", "America/Bogota"),
            ("Barranquilla", "America/Bogota"),
            ("Cali", "America/Bogota"),
        ),
        ("es", "en"),
        {"pt": 0.12, "fr": 0.05},
        ("US", "CA"),
        6,
        night_share=0.1,
        night_pay=1.1,
        statutory_benefits=("Prima de servicios (service bonus)", "Health and pension contributions (EPS, AFP)"),
        benefits=("Bilingual bonus", "Food vouchers", "Prepaid medicine plan"),
        education=(("high_school", 65), ("vocational", 20), ("some_college", 15)),
        arrangements=(55, 25, 20),
        bilingual=0.8,
    ),
    Hub(
        "CR",
        "CRC",
        "month",
        (480000, 900000),
        10000,
        (14, 22),
        (("San José", "America/Costa_Rica"), ("Heredia", "America/Costa_Rica")),
        ("es", "en"),
        {"pt": 0.2, "fr": 0.1, "de": 0.05},
        ("US", "CA"),
        3,
        night_share=0.08,
        night_pay=1.08,
        statutory_benefits=("Aguinaldo (13th month)", "CCSS social security"),
        benefits=("Private medical insurance", "Solidarity association savings"),
        education=(("high_school", 55), ("some_college", 30), ("bachelor", 15)),
        arrangements=(50, 30, 20),
        bilingual=0.75,
        desk_postings=0.2,
    ),
    Hub(
        "GT",
        "GTQ",
        "month",
        (4800, 9000),
        100,
        (11, 18),
        (("Guatemala City", "America/Guatemala"),),
        ("es", "en"),
        {},
        ("US", "CA"),
        2,
        night_share=0.1,
        night_pay=1.08,
        statutory_benefits=("Aguinaldo and Bono 14", "IGSS social security"),
        benefits=("Bilingual bonus", "Transportation allowance"),
        education=(("high_school", 80), ("some_college", 20)),
        bilingual=0.8,
        desk_postings=0,
    ),
    Hub(
        "DO",
        "DOP",
        "month",
        (24000, 42000),
        500,
        (10, 17),
        (("Santo Domingo", "America/Santo_Domingo"), ("Santiago de los Caballeros", "America/Santo_Domingo")),
        ("es", "en"),
        {},
        ("US", "CA"),
        2,
        night_share=0.12,
        night_pay=1.08,
        statutory_benefits=("Christmas salary (13th month)", "TSS social security"),
        benefits=("Transportation allowance", "Bilingual bonus"),
        education=(("high_school", 85), ("some_college", 15)),
        bilingual=0.8,
        desk_postings=0,
    ),
    Hub(
        "JM",
        "JMD",
        "month",
        (75000, 130000),
        1000,
        (10, 16),
        (("Kingston", "America/Jamaica"), ("Montego Bay", "America/Jamaica")),
        ("en",),
        {},
        ("US", "CA"),
        2,
        night_share=0.12,
        night_pay=1.08,
        statutory_benefits=("NIS and NHT contributions",),
        benefits=("Health insurance", "Transportation allowance"),
        education=(("high_school", 90), ("some_college", 10)),
        native_english=True,
    ),
    Hub(
        "PL",
        "PLN",
        "month",
        (5000, 8500),
        100,
        (18, 30),
        (
            ("Kraków", "Europe/Warsaw"),
            ("Warsaw", "Europe/Warsaw"),
            ("Wrocław", "Europe/Warsaw"),
            ("Gdańsk", "Europe/Warsaw"),
        ),
        ("en", "de"),
        {"fr": 0.4, "it": 0.2, "nl": 0.2, "sv": 0.2, "da": 0.15, "no": 0.15, "fi": 0.1},
        ("DE", "GB", "SE"),
        4,
        night_share=0.04,
        night_pay=1.1,
        statutory_benefits=("Employment contract with ZUS social security",),
        benefits=("Private medical care", "Multisport card", "Language bonus", "Relocation package"),
        education=(("high_school", 65), ("some_college", 15), ("bachelor", 20)),
        arrangements=(50, 35, 15),
        bilingual=0.4,
        desk_postings=0.5,
    ),
    Hub(
        "RO",
        "RON",
        "month",
        (4000, 7500),
        100,
        (16, 26),
        (("Bucharest", "Europe/Bucharest"), ("Cluj-Napoca", "Europe/Bucharest"), ("Iași", "Europe/Bucharest")),
        ("en", "fr"),
        {"de": 0.5, "it": 0.4, "es": 0.2, "nl": 0.1},
        ("DE", "FR", "IT"),
        3,
        night_share=0.04,
        night_pay=1.1,
        statutory_benefits=("Meal tickets",),
        benefits=("Private medical subscription", "Language bonus", "Relocation package"),
        education=(("high_school", 65), ("bachelor", 25), ("some_college", 10)),
        arrangements=(45, 35, 20),
        bilingual=0.35,
        desk_postings=0.5,
    ),
    Hub(
        "PT",
        "EUR",
        "month",
        (950, 1500),
        50,
        (18, 30),
        (("Lisbon", "Europe/Lisbon"), ("Porto", "Europe/Lisbon")),
        ("pt", "en"),
        {"es": 0.5, "fr": 0.5, "de": 0.5, "it": 0.25, "nl": 0.2, "sv": 0.15, "da": 0.1, "no": 0.1, "fi": 0.1},
        ("DE", "FR", "GB", "ES"),
        3,
        night_share=0.04,
        night_pay=1.1,
        statutory_benefits=("Meal allowance", "Holiday and Christmas allowances"),
        benefits=("Health insurance", "Relocation package and first month's housing", "Language bonus"),
        education=(("high_school", 70), ("bachelor", 20), ("some_college", 10)),
        arrangements=(45, 35, 20),
        bilingual=0.3,
        desk_postings=0.55,
    ),
    Hub(
        "IE",
        "EUR",
        "year",
        (28000, 38000),
        500,
        (32, 45),
        (("Dublin", "Europe/Dublin"), ("Cork", "Europe/Dublin")),
        ("en",),
        {"de": 0.4, "fr": 0.4, "es": 0.3, "it": 0.3, "nl": 0.2, "sv": 0.15, "da": 0.1, "no": 0.1},
        ("IE", "GB"),
        1,
        night_share=0.05,
        night_pay=1.1,
        statutory_benefits=("Pension contribution",),
        benefits=("Health insurance", "Relocation support for language roles", "Bike to work scheme"),
        education=(("high_school", 85), ("some_college", 15)),
        arrangements=(30, 50, 20),
        native_english=True,
        desk_postings=0.5,
    ),
    Hub(
        "ZA",
        "ZAR",
        "month",
        (8500, 17000),
        250,
        (10, 18),
        (
            ("Cape Town", "Africa/Johannesburg"),
            ("Johannesburg", "Africa/Johannesburg"),
            ("Durban", "Africa/Johannesburg"),
        ),
        ("en",),
        {},
        ("GB", "AU", "US"),
        4,
        night_share=0.12,
        night_pay=1.1,
        statutory_benefits=("UIF contributions",),
        benefits=("Medical aid contribution", "Provident fund", "Transport allowance"),
        education=(("high_school", 85), ("vocational", 15)),  # matric
        arrangements=(60, 25, 15),
        native_english=True,
    ),
    Hub(
        "EG",
        "EGP",
        "month",
        (9000, 22000),
        250,
        (8, 14),
        (("Cairo", "Africa/Cairo"), ("Alexandria", "Africa/Cairo")),
        ("ar", "en"),
        {"de": 0.4, "fr": 0.4, "it": 0.3, "es": 0.1},
        ("DE", "FR", "GB", "SA"),
        3,
        night_share=0.15,
        night_pay=1.1,
        statutory_benefits=("Social insurance",),
        benefits=("Medical insurance", "Transportation", "Language bonus"),
        education=(("bachelor", 70), ("some_college", 20), ("high_school", 10)),
        arrangements=(75, 15, 10),
        bilingual=0.35,
        desk_postings=0.45,
    ),
    Hub(
        "MY",
        "MYR",
        "month",
        (2600, 4800),
        50,
        (10, 16),
        (("Kuala Lumpur", "Asia/Kuala_Lumpur"), ("George Town", "Asia/Kuala_Lumpur")),
        ("en", "ms", "zh"),
        {"ja": 0.2, "ko": 0.15, "th": 0.15, "id": 0.2},
        ("SG", "AU", "JP"),
        3,
        night_share=0.15,
        night_pay=1.08,
        statutory_benefits=("EPF and SOCSO contributions",),
        benefits=("Medical coverage", "Language allowance", "Relocation support"),
        education=(("high_school", 50), ("bachelor", 30), ("some_college", 20)),
        bilingual=0.35,
        desk_postings=0.3,
    ),
    Hub(
        "VN",
        "VND",
        "month",
        (8000000, 16000000),
        100000,
        (7, 12),
        (("Ho Chi Minh City", "Asia/Ho_Chi_Minh"), ("Hanoi", "Asia/Ho_Chi_Minh")),
        ("vi", "en"),
        {"ja": 0.4, "ko": 0.3},
        ("JP", "KR", "AU", "US"),
        2,
        night_share=0.12,
        night_pay=1.08,
        statutory_benefits=("Social, health and unemployment insurance", "13th month salary"),
        benefits=("Lunch allowance", "Language allowance"),
        education=(("high_school", 45), ("bachelor", 35), ("some_college", 20)),
        desk_postings=0.3,
    ),
    Hub(
        "US",
        "USD",
        "hour",
        (15, 21),
        1,
        (28, 45),
        (
            ("Dallas", "America/Chicago"),
            ("Phoenix", "America/Phoenix"),
            ("Tampa", "America/New_York"),
            ("Salt Lake City", "America/Denver"),
            ("Omaha", "America/Chicago"),
            ("Boise", "America/Boise"),
        ),
        ("en",),
        {"es": 0.5},
        ("US",),
        6,
        night_share=0.08,
        night_pay=1.05,
        statutory_benefits=(),
        benefits=("Medical, dental and vision insurance", "401(k) with company match", "Paid time off"),
        education=(("high_school", 90), ("none", 5), ("some_college", 5)),
        arrangements=(40, 20, 40),
        native_english=True,
        desk_postings=0.15,
    ),
    Hub(
        "CA",
        "CAD",
        "hour",
        (17, 23),
        1,
        (26, 40),
        (
            ("Toronto", "America/Toronto"),
            ("Montreal", "America/Toronto"),
            ("Halifax", "America/Halifax"),
            ("Winnipeg", "America/Winnipeg"),
        ),
        ("en",),
        {"fr": 0.5},
        ("CA", "US"),
        3,
        night_share=0.06,
        night_pay=1.05,
        statutory_benefits=(),
        benefits=("Extended health and dental benefits", "RRSP matching", "Paid vacation"),
        education=(("high_school", 90), ("some_college", 10)),
        arrangements=(40, 30, 30),
        native_english=True,
        desk_postings=0.2,
    ),
    Hub(
        "GB",
        "GBP",
        "year",
        (22500, 28000),
        250,
        (26, 40),
        (
            ("Glasgow", "Europe/London"),
            ("Manchester", "Europe/London"),
            ("Leeds", "Europe/London"),
            ("Belfast", "Europe/London"),
            ("Cardiff", "Europe/London"),
        ),
        ("en",),
        {},
        ("GB",),
        3,
        night_share=0.06,
        night_pay=1.06,
        statutory_benefits=("Workplace pension", "28 days' holiday including bank holidays"),
        benefits=("Employee assistance programme", "Cycle to work scheme"),
        education=(("high_school", 90), ("none", 10)),  # GCSEs, often "no formal requirement"
        arrangements=(45, 35, 20),
        native_english=True,
    ),
)

HUBS_BY_COUNTRY = {hub.country: hub for hub in HUBS}
EU_COUNTRIES = frozenset({"PL", "RO", "PT", "IE", "DE", "FR", "IT", "ES", "NL", "SE"})

# Where a vendor headquartered in a hub opens its other centers (hub -> [(hub, weight)]): the footprints BPOs
# really have (Manila and Bengaluru, Dallas and Manila, Kraków and Lisbon), never an arbitrary pair.
FOOTPRINTS: dict[str, tuple[tuple[str, int], ...]] = {
    "PH": (("IN", 3), ("US", 2), ("CO", 1), ("MX", 1), ("MY", 1)),
    "IN": (("PH", 4), ("US", 1), ("GB", 1), ("ZA", 1), ("PL", 1)),
    "US": (("PH", 5), ("MX", 3), ("IN", 2), ("CO", 2), ("JM", 2), ("DO", 1), ("CA", 1), ("GT", 1)),
    "GB": (("ZA", 3), ("IN", 2), ("PH", 2), ("IE", 1), ("PL", 1), ("PT", 1), ("EG", 1)),
    "CA": (("PH", 2), ("US", 2), ("JM", 1)),
    "MX": (("CO", 2), ("US", 1), ("GT", 1), ("CR", 1)),
    "CO": (("MX", 2), ("CR", 1), ("DO", 1)),
    "CR": (("CO", 1), ("MX", 1), ("GT", 1)),
    "GT": (("MX", 1), ("CO", 1)),
    "DO": (("CO", 1), ("JM", 1)),
    "JM": (("DO", 1), ("US", 1)),
    "PL": (("RO", 2), ("PT", 1)),
    "RO": (("PL", 1), ("PT", 1)),
    "PT": (("PL", 1), ("RO", 1), ("EG", 1)),
    "IE": (("PL", 1), ("PT", 1), ("GB", 1)),
    "ZA": (("GB", 1), ("EG", 1)),
    "EG": (("PT", 1), ("ZA", 1)),
    "MY": (("PH", 2), ("VN", 1)),
    "VN": (("PH", 1), ("MY", 1)),
}


def footprint_allows(first: str, second: str) -> bool:
    """Whether a vendor may have centers in both countries (the same country, or a footprint either way)."""
    return (
        first == second
        or any(c == second for c, _ in FOOTPRINTS.get(first, ()))
        or any(c == first for c, _ in FOOTPRINTS.get(second, ()))
    )


# --- Vendors -------------------------------------------------------------------------------------------------

FRONT_INBOUND = frozenset({"customer-support", "technical-support", "help-desk", "order-taking"})
FRONT_OUTBOUND = frozenset(
    {"sales", "telemarketing", "lead-generation", "appointment-setting", "collections", "surveys", "market-research"}
)
BACK_OFFICE = frozenset(
    {
        "accounting-finance",
        "payroll",
        "human-resources",
        "it-services",
        "data-entry",
        "payment-processing",
        "billing",
        "content-moderation",
        "underwriting",
        "infrastructure-management",
        "admin-support",
    }
)
# Services that handle card or bank details: what PCI DSS is about.
# Offshore hubs whose centers commonly staff US hours on their night shift.
NIGHT_SHIFT_HUBS = frozenset({"PH", "IN", "MY", "VN", "EG", "ZA"})

# Who issues a certification (fictional firms, by the kind of body that issues each in real life) and how long a
# certificate runs before it must be renewed: PCI DSS and SOC reports each year, ISO certificates three years.
CERTIFICATION_ISSUERS = {
    "pci-dss": ("Harbourline Security (PCI QSA)", "Keystone Assurance (PCI QSA)"),
    "soc-1": ("Whitlock & Reyes CPAs", "Meridian Audit Partners"),
    "soc-2": ("Whitlock & Reyes CPAs", "Meridian Audit Partners", "Ashgrove Attest"),
    "iso-27001": ("Certis Registrar", "Nordmark Certification", "Atlas Conformity"),
    "iso-9001": ("Certis Registrar", "Atlas Conformity"),
    "iso-22301": ("Nordmark Certification", "Atlas Conformity"),
    "hitrust": ("Ashgrove Attest (HITRUST assessor)",),
    "copc": ("COPC Inc.",),
}
CERTIFICATION_YEARS = {"pci-dss": 1, "soc-1": 1, "soc-2": 1, "hitrust": 2, "copc": 1}  # ISO: 3

PAYMENT_SERVICES = frozenset({"payment-processing", "collections", "billing", "sales", "order-taking"})

# What a tagline promises, and what the vendor must then have (tests/demo checks each).
TAGLINE_PROMISES = {
    "around the clock": "hours 24x7",
    "back-office": "two back-office services or more",
    "multilingual": "three languages or more",
    "sales": "the sales service",
    "collections": "the collections service",
    "technical support": "the technical-support service",
    "healthcare": "the healthcare industry",
    "certified": "two compliance standards or more",
}


@dataclass(frozen=True)
class Archetype:
    """A kind of vendor, with what it offers. Services in `core` always; each of `optional` with its chance."""

    slug: str
    does: str  # what its programs are, for its description
    core: tuple[str, ...]
    optional: dict[str, float]
    taglines: tuple[str, ...]
    name_kinds: tuple[str, ...]  # the second half of a name: "Contact Solutions", "Business Services"
    channels: dict[str, float]
    industries: tuple[tuple[str, int], ...]
    pricing: tuple[tuple[str, int], ...]
    always_24x7: float  # chance of 24x7 hours
    job_weight: int = 1  # how much it hires CSRs (a back-office firm hires fewer)


ARCHETYPES: dict[str, Archetype] = {
    archetype.slug: archetype
    for archetype in (
        Archetype(
            "contact-center",
            "customer care",
            ("customer-support", "email-chat-support"),
            {
                "technical-support": 0.35,
                "help-desk": 0.15,
                "order-taking": 0.35,
                "social-media-support": 0.3,
                "surveys": 0.2,
                "billing": 0.2,
                "sales": 0.2,
            },
            (
                "Customer care that sounds like your own team",
                "Voice, chat and email support for growing brands",
                "Scale your support team in weeks, not months",
                "Customer care around the clock, from one partner",
            ),
            ("Contact Solutions", "Customer Care", "CX", "Contact Center", "Connect"),
            {"voice": 1, "email": 1, "chat": 0.85, "social": 0.35, "sms": 0.25, "video": 0.05},
            (
                ("retail-ecommerce", 5),
                ("telecom", 4),
                ("travel-hospitality", 3),
                ("utilities", 2),
                ("technology-saas", 3),
                ("finance-banking", 2),
                ("logistics", 2),
                ("education", 1),
                ("government", 1),
            ),
            (("per_hour", 50), ("per_fte_month", 35), ("per_minute", 10), ("per_interaction", 5)),
            0.45,
            3,
        ),
        Archetype(
            "sales",
            "inbound and outbound sales",
            ("sales", "telemarketing", "lead-generation"),
            {"appointment-setting": 0.6, "customer-support": 0.6, "market-research": 0.3, "surveys": 0.3},
            (
                "Sales teams that open doors and close deals",
                "Outbound sales and lead generation that pays for itself",
                "Inbound and outbound sales, measured on conversion",
            ),
            ("Sales Solutions", "Teleservices", "Direct", "Growth Partners"),
            {"voice": 1, "email": 0.8, "sms": 0.6, "chat": 0.3, "social": 0.2},
            (("telecom", 4), ("retail-ecommerce", 3), ("insurance", 3), ("utilities", 2), ("technology-saas", 2)),
            (("per_hour", 40), ("outcome", 35), ("per_fte_month", 25)),
            0.1,
            2,
        ),
        Archetype(
            "collections",
            "collections and recovery",
            ("collections", "customer-support"),
            {"payment-processing": 0.5, "billing": 0.5, "surveys": 0.2},
            (
                "Collections and recovery that keep your customers",
                "Early-stage collections with a customer-care touch",
            ),
            ("Receivables Management", "Recovery Services", "Credit Services"),
            {"voice": 1, "sms": 0.8, "email": 0.8, "chat": 0.3},
            (("finance-banking", 5), ("utilities", 3), ("telecom", 3), ("healthcare", 2)),
            (("outcome", 40), ("per_hour", 40), ("per_fte_month", 20)),
            0.15,
            2,
        ),
        Archetype(
            "tech-support",
            "technical support and help desk",
            ("technical-support", "help-desk", "customer-support"),
            {"it-services": 0.5, "infrastructure-management": 0.3, "email-chat-support": 0.6},
            (
                "Technical support from people who fix things",
                "Tier 1 and tier 2 technical support, around the clock",
                "Help desk and technical support for software and devices",
            ),
            ("Tech Support", "Helpdesk Services", "Technologies", "Support Services"),
            {"voice": 1, "email": 1, "chat": 0.9, "video": 0.1},
            (("technology-saas", 6), ("telecom", 4), ("retail-ecommerce", 1), ("education", 1)),
            (("per_hour", 40), ("per_fte_month", 40), ("per_interaction", 20)),
            0.55,
            2,
        ),
        Archetype(
            "back-office",
            "back-office",
            ("data-entry", "admin-support"),
            {
                "accounting-finance": 0.5,
                "payroll": 0.35,
                "human-resources": 0.3,
                "billing": 0.4,
                "payment-processing": 0.3,
                "content-moderation": 0.3,
                "underwriting": 0.2,
                "customer-support": 0.2,
            },
            (
                "Back-office work done right the first time",
                "Finance, HR and data back-office operations",
                "Accurate back-office processing at scale",
            ),
            ("Business Services", "Global Services", "Shared Services", "Outsourcing", "Data Services"),
            {"email": 1, "chat": 0.2},
            (
                ("finance-banking", 4),
                ("insurance", 4),
                ("healthcare", 2),
                ("retail-ecommerce", 2),
                ("logistics", 3),
                ("technology-saas", 2),
            ),
            (("per_fte_month", 50), ("per_interaction", 30), ("per_hour", 20)),
            0.1,
            1,
        ),
        Archetype(
            "multilingual",
            "multilingual customer care",
            ("customer-support", "email-chat-support"),
            {"technical-support": 0.5, "social-media-support": 0.4, "content-moderation": 0.3, "sales": 0.2},
            (
                "Multilingual customer care for European brands",
                "Your customers served in their own language",
                "Multilingual support desks, from one partner",
            ),
            ("Language Services", "Multilingual Services", "Customer Care", "CX"),
            {"voice": 1, "email": 1, "chat": 0.9, "social": 0.5},
            (("retail-ecommerce", 4), ("travel-hospitality", 4), ("technology-saas", 4), ("telecom", 2)),
            (("per_hour", 55), ("per_fte_month", 45)),
            0.2,
            3,
        ),
        Archetype(
            "healthcare",
            "healthcare customer service and claims",
            ("customer-support", "billing", "data-entry"),
            {"appointment-setting": 0.6, "underwriting": 0.3, "payment-processing": 0.3, "email-chat-support": 0.5},
            (
                "Patient and member support for healthcare and insurance",
                "Healthcare contact center and claims back office",
            ),
            ("Health Services", "Healthcare Solutions", "Health BPO"),
            {"voice": 1, "email": 1, "chat": 0.5},
            (("healthcare", 10), ("insurance", 6)),
            (("per_hour", 50), ("per_fte_month", 40), ("per_interaction", 10)),
            0.35,
            2,
        ),
        Archetype(
            "full-service",
            "customer experience and back-office",
            ("customer-support", "technical-support", "sales", "email-chat-support"),
            {
                "collections": 0.5,
                "social-media-support": 0.5,
                "billing": 0.6,
                "data-entry": 0.6,
                "accounting-finance": 0.4,
                "content-moderation": 0.4,
                "help-desk": 0.3,
            },
            (
                "Front- and back-office programs around the clock",
                "Customer experience and back-office operations at scale",
                "Secure, certified contact center operations",
                "Customer experience programs from pilot to thousands of seats",
            ),
            ("BPO", "Group", "Global", "Global Services"),
            {"voice": 1, "email": 1, "chat": 1, "social": 0.6, "sms": 0.5, "video": 0.15},
            (
                ("telecom", 4),
                ("retail-ecommerce", 4),
                ("finance-banking", 4),
                ("technology-saas", 4),
                ("healthcare", 3),
                ("insurance", 3),
                ("travel-hospitality", 2),
                ("utilities", 2),
            ),
            (("per_fte_month", 50), ("per_hour", 50)),
            0.8,
            3,
        ),
    )
}

# Which kinds of vendor a hub has, weighted: Manila is voice care, Pune back office, Kraków language desks.
HUB_ARCHETYPES: dict[str, tuple[tuple[str, int], ...]] = {
    "PH": (("contact-center", 35), ("tech-support", 15), ("healthcare", 15), ("back-office", 10), ("sales", 8),
           ("collections", 5), ("full-service", 12)),
    "IN": (("back-office", 30), ("tech-support", 25), ("contact-center", 20), ("healthcare", 10), ("full-service", 15)),
    "US": (("contact-center", 30), ("sales", 20), ("collections", 20), ("healthcare", 15), ("full-service", 15)),
    "CA": (("contact-center", 40), ("sales", 20), ("collections", 15), ("tech-support", 10), ("full-service", 15)),
    "GB": (("contact-center", 35), ("sales", 20), ("collections", 20), ("multilingual", 5), ("full-service", 20)),
    "IE": (("multilingual", 60), ("tech-support", 25), ("contact-center", 15)),
    "PL": (("multilingual", 50), ("back-office", 25), ("tech-support", 25)),
    "RO": (("multilingual", 50), ("tech-support", 30), ("back-office", 20)),
    "PT": (("multilingual", 70), ("tech-support", 20), ("contact-center", 10)),
    "EG": (("multilingual", 45), ("contact-center", 30), ("tech-support", 25)),
    "ZA": (("contact-center", 45), ("sales", 20), ("collections", 15), ("full-service", 20)),
    "MY": (("multilingual", 35), ("back-office", 30), ("contact-center", 35)),
    "VN": (("back-office", 55), ("tech-support", 25), ("contact-center", 20)),
}  # fmt: skip
DEFAULT_ARCHETYPES = (("contact-center", 45), ("sales", 15), ("collections", 10), ("tech-support", 15),
                      ("full-service", 15))  # fmt: skip

# Pricing models with a quotable hourly band (an FTE month is priced from the hour); the others have none.
HOURLY_PRICING = frozenset({"per_hour", "per_fte_month"})

# Brand words to name vendors by, each used once: local ones for a hub, and invented ones for any hub.
LOCAL_BRANDS: dict[str, tuple[str, ...]] = {
    "PH": ("Bayani", "Tala", "Lakan", "Dagat", "Himig", "Alon", "Sinag", "Habi", "Likha", "Bituin", "Diwa",
           "Kalinaw", "Ligaya", "Sampaguita", "Narra", "Amihan", "Banaag", "Dalisay"),
    "IN": ("Sarathi", "Kaveri", "Vistaar", "Sahyog", "Prakash", "Anvaya", "Nirvaan", "Saanjh", "Tarang", "Ujjwal",
           "Vayu", "Samarth"),
    "MX": ("Ceiba", "Colibrí", "Sierra Alta", "Nopal", "Azteca Norte", "Tonalá", "Jacaranda", "Cenote"),
    "CO": ("Andina", "Cóndor", "Guayacán", "Macondo", "Guadua", "Orquídea"),
    "CR": ("Pura Vida", "Quetzal", "Guanacaste"),
    "GT": ("Tikal", "Atitlán"),
    "DO": ("Quisqueya", "Caribe Sur"),
    "JM": ("Blue Mountain", "Lignum"),
    "PL": ("Bursztyn", "Wisła", "Sokół", "Tatra"),
    "RO": ("Carpatia", "Dacia Lingua", "Transilva"),
    "PT": ("Atlântico", "Tejo", "Douro", "Azulejo"),
    "IE": ("Liffey", "Shannon", "Emerald Isle"),
    "ZA": ("Protea", "Baobab", "Table Bay", "Fynbos"),
    "EG": ("Nile Delta", "Pharos", "Lotus Cairo"),
    "MY": ("Harimau", "Seri", "Wau"),
    "VN": ("Mekong", "Sen Vang", "Ha Long"),
}  # fmt: skip
BRANDS = (
    "Harborline", "Northstar", "Bluewave", "Summit", "Brightpath", "Clearview", "Silverstone", "Keystone", "Lumen",
    "Meridian", "Anchorpoint", "Cedar", "Beacon", "Kinetic", "Compass", "Orchid", "Sterling", "Tandem", "Evergreen",
    "Crestline", "Atlas", "Vista", "Ironbridge", "Coral", "Nova", "Pinnacle", "Riverbend", "Skybridge", "Trueline",
    "Waypoint", "Foxglove", "Halcyon", "Juniper", "Kestrel", "Larkspur", "Marigold", "Oakhurst", "Quillon",
    "Redstone", "Saffron", "Tidewater", "Umber", "Verity", "Willowmere", "Yarrow", "Zenith", "Alder", "Birchwood",
    "Calloway", "Driftwood", "Elmstead", "Fairhaven", "Glenmore", "Hollis", "Inkwell", "Jasper", "Kingsley",
    "Lodestar", "Moorland", "Northgate", "Oxbow", "Parkline", "Quarry", "Rookwood", "Sandpiper", "Thistle", "Upland",
    "Vantage", "Wrenfield", "Amberly", "Bellhaven", "Cobblestone", "Dunmore", "Eastlake", "Firthview", "Greystone",
    "Hearth", "Islington", "Kelvin", "Loch", "Mariner", "Nettle", "Orchard", "Pennant", "Quayside", "Rowan",
    "Seabright", "Talisman", "Underhill", "Valemont", "Westbury", "Ashgrove", "Bramble", "Clearwater", "Dovetail",
    "Everline", "Fernbrook", "Goldcrest", "Highpoint", "Ivory", "Kilnworth", "Linden",
)  # fmt: skip
# Syllables for brand names once the lists above are used up (a seed of thousands of vendors).
SYLLABLES = ("ka", "lo", "ve", "ra", "mi", "to", "sa", "ne", "di", "po", "la", "ri", "zu", "me", "no", "ta", "vi",
             "ko", "bre", "lu", "ma", "te", "xa", "qui", "sel", "dor", "vin", "tal", "mar", "len")  # fmt: skip

IN_HOUSE_BRANDS = (
    "Riverton", "Skyline", "Granite", "Willow", "Sunrise", "Falcon", "Maple", "Oakridge", "Lighthouse", "Bluebird",
    "Redwood", "Aurora", "Copper", "Tidal", "Sparrow", "Harvest", "Pioneer", "Lakeside", "Ember", "Prairie",
    "Cobalt", "Meadow", "Summitview", "Highland", "Seaside", "Orion", "Cascade", "Magnolia", "Heron", "Ridgeway",
    "Mango", "Bayview", "Fortress", "Gateway", "Horizon", "Keel", "Landmark", "Monarch", "Nimbus", "Outpost",
    "Paragon", "Quest", "Regal", "Solstice", "Trident", "Unity", "Vanguard", "Westwind", "Yukon", "Zephyr",
)  # fmt: skip
# (name ending, industry slug, what the in-house team serves)
IN_HOUSE_KINDS = (
    ("Telecom", "telecom"),
    ("Bank", "finance-banking"),
    ("Health", "healthcare"),
    ("Insurance", "insurance"),
    ("Retail", "retail-ecommerce"),
    ("Software", "technology-saas"),
    ("Travel", "travel-hospitality"),
    ("Energy", "utilities"),
    ("Logistics", "logistics"),
    ("Learning", "education"),
)
# Where in-house teams are headquartered, and where they also run a captive center.
IN_HOUSE_COUNTRIES = (("US", 45), ("GB", 15), ("CA", 10), ("PH", 15), ("IN", 10), ("MX", 5))
CAPTIVE_HUBS = ("PH", "IN")

# --- Jobs ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentTemplate:
    title: str
    account_type: str  # voice / non_voice / blended (voice and non-voice)
    call_direction: str
    required: tuple[str, ...]  # skill slugs
    preferred: tuple[str, ...]
    industry: str | None  # the client industry it implies
    service: str  # the vendor service it staffs: a BPO posts only for services it offers


AGENT_TEMPLATES = (
    AgentTemplate("Customer Service Representative", "voice", "inbound", ("communication", "active-listening"),
                  ("empathy", "crm", "problem-solving", "patience"), None, "customer-support"),
    AgentTemplate("Customer Service Representative (CSR), Inbound", "voice", "inbound",
                  ("communication", "active-listening"), ("empathy", "crm", "patience"), None, "customer-support"),
    AgentTemplate("Technical Support Representative", "voice", "inbound",
                  ("technical-troubleshooting", "communication"),
                  ("ticketing", "zendesk", "problem-solving", "patience"), "technology-saas", "technical-support"),
    AgentTemplate("Technical Support Representative (TSR), Internet and Cable", "voice", "inbound",
                  ("technical-troubleshooting", "communication"), ("ticketing", "patience"), "telecom",
                  "technical-support"),
    AgentTemplate("Chat Support Agent", "non_voice", "", ("chat-support", "typing"),
                  ("zendesk", "freshdesk", "attention-to-detail", "empathy"), None, "email-chat-support"),
    AgentTemplate("Email Support Specialist", "non_voice", "", ("email-support", "typing"),
                  ("attention-to-detail", "ticketing", "ms-word"), None, "email-chat-support"),
    AgentTemplate("Collections Agent", "voice", "outbound", ("collections", "calm-under-pressure"),
                  ("conflict-resolution", "crm", "patience"), "finance-banking", "collections"),
    AgentTemplate("Inbound Sales Representative", "voice", "inbound", ("upselling", "communication"),
                  ("salesforce", "hubspot", "adaptability"), "retail-ecommerce", "sales"),
    AgentTemplate("Telesales Representative", "voice", "outbound", ("upselling", "communication"),
                  ("call-center-software", "calm-under-pressure"), "telecom", "telemarketing"),
    AgentTemplate("Appointment Setter", "voice", "outbound", ("communication", "crm"), ("hubspot", "adaptability"),
                  None, "appointment-setting"),
    AgentTemplate("Healthcare Customer Service Representative", "voice", "inbound", ("medical-terminology", "empathy"),
                  ("attention-to-detail", "crm", "patience"), "healthcare", "customer-support"),
    AgentTemplate("Billing Support Representative", "blended", "inbound", ("billing-inquiries", "attention-to-detail"),
                  ("ms-excel", "crm", "problem-solving"), "utilities", "billing"),
    AgentTemplate("Help Desk Analyst (Tier 1)", "blended", "inbound", ("technical-troubleshooting", "ticketing"),
                  ("problem-solving", "quick-learning"), "technology-saas", "help-desk"),
    AgentTemplate("Customer Care Associate", "blended", "both", ("communication", "problem-solving"),
                  ("empathy", "adaptability", "crm"), None, "customer-support"),
    AgentTemplate("Order Processing Associate", "non_voice", "", ("order-processing", "data-entry"),
                  ("ms-excel", "attention-to-detail", "typing"), "retail-ecommerce", "order-taking"),
    AgentTemplate("Travel Reservations Agent", "voice", "inbound", ("communication", "order-processing"),
                  ("patience", "adaptability", "crm"), "travel-hospitality", "order-taking"),
    AgentTemplate("Insurance Claims Support Representative", "blended", "inbound", ("attention-to-detail", "empathy"),
                  ("data-entry", "crm", "calm-under-pressure"), "insurance", "customer-support"),
    AgentTemplate("Data Entry Specialist", "non_voice", "", ("data-entry", "typing"),
                  ("ms-excel", "attention-to-detail"), None, "data-entry"),
    AgentTemplate("Content Moderator", "non_voice", "", ("attention-to-detail", "calm-under-pressure"),
                  ("quick-learning", "typing"), "technology-saas", "content-moderation"),
    AgentTemplate("Social Media Support Agent", "non_voice", "", ("chat-support", "typing"),
                  ("empathy", "attention-to-detail"), "retail-ecommerce", "social-media-support"),
)  # fmt: skip
AGENT_TEMPLATES_BY_TITLE = {template.title: template for template in AGENT_TEMPLATES}


@dataclass(frozen=True)
class Role:
    """A rung above the agent: what it is called, what it pays against an agent, what it asks."""

    value: str  # JobRole
    titles: tuple[str, ...]
    pay: float  # times an agent's pay at the same hub and shift
    years: tuple[int, ...]
    education: tuple[tuple[str, int], ...]
    required: tuple[str, ...]
    preferred: tuple[str, ...]
    duties: tuple[str, ...]
    weight: int  # postings per 100


ROLES = (
    Role("senior_agent", ("Senior Customer Service Representative", "Subject-Matter Expert (SME)",
                          "Senior Technical Support Representative"), 1.25, (2, 3), (), ("problem-solving",
         "communication"), ("conflict-resolution", "crm"),
         ("Take the escalated and complex contacts the team cannot close.",
          "Answer agents' questions on the floor and keep the knowledge base current.",
          "Help new hires through their first weeks on the account."), 5),
    Role("team_leader", ("Team Leader", "Team Leader, Customer Service", "Team Supervisor"), 1.6, (2, 3, 4),
         (("some_college", 60), ("bachelor", 40)), ("communication", "conflict-resolution"),
         ("problem-solving", "ms-excel", "adaptability"),
         ("Lead a team of 12 to 18 agents on the floor and coach each one weekly.",
          "Own the team's targets: quality, handle time, customer satisfaction and attendance.",
          "Run the shift huddle and report the team's results to the operations manager.",
          "Handle escalations and the customers who ask for a supervisor."), 6),
    Role("quality_analyst", ("Quality Analyst", "Quality Assurance Analyst"), 1.4, (1, 2, 3),
         (("some_college", 40), ("bachelor", 60)), ("attention-to-detail", "communication"),
         ("ms-excel", "active-listening"),
         ("Audit customer interactions against the quality scorecard.",
          "Calibrate scores with the client and the team leaders every week.",
          "Find the root cause of failed interactions and coach agents on them."), 3),
    Role("workforce_analyst", ("Workforce Analyst (WFM)", "Real-Time Analyst", "Workforce Planning Analyst"), 1.5,
         (2, 3), (("bachelor", 80), ("some_college", 20)), ("ms-excel", "attention-to-detail"),
         ("problem-solving", "call-center-software"),
         ("Forecast volumes and build the schedules that meet the service level.",
          "Watch real-time adherence and move breaks and skills as the queue changes.",
          "Report shrinkage, occupancy and service level to operations."), 2),
    Role("trainer", ("Trainer", "Product Trainer", "Training Specialist"), 1.5, (2, 3, 4),
         (("some_college", 50), ("bachelor", 50)), ("communication", "adaptability"), ("ms-word", "quick-learning"),
         ("Run new-hire training and nesting for the account.",
          "Build refresher modules when the product or the process changes.",
          "Track each trainee's progress and certify them for the floor."), 2),
    Role("operations_manager", ("Operations Manager", "Account Operations Manager"), 2.8, (5, 6, 8),
         (("bachelor", 100),), ("communication", "problem-solving"), ("ms-excel", "conflict-resolution"),
         ("Run an account of 100 to 300 seats and its team leaders.",
          "Own the client relationship, the service levels and the account's margin.",
          "Plan hiring, training and ramp-ups with workforce management."), 2),
)  # fmt: skip
ROLES_BY_VALUE = {role.value: role for role in ROLES}
AGENT_WEIGHT = 80  # postings per 100 that hire agents

# What an agent does, by channel: a non-voice posting never describes phone work.
VOICE_DUTIES = (
    "Answer customers' calls and see each question through to an answer.",
    "Resolve complaints over the phone, keeping the customer informed at every step.",
    "Explain products, plans, policies and services clearly on the call.",
    "Transfer callers to the right team when an issue needs a specialist.",
)
NON_VOICE_DUTIES = (
    "Answer customers' emails and chats and see each one through to an answer.",
    "Handle two to three chat conversations at once without losing the thread.",
    "Write clear, friendly replies that follow the account's tone of voice.",
    "Tag and route tickets to the right team when an issue needs a specialist.",
)
SHARED_DUTIES = (
    "Process orders, returns, exchanges and payments accurately.",
    "Log every interaction in the CRM so the next colleague has the full story.",
    "Meet targets for first-contact resolution, handle time and customer satisfaction.",
    "Escalate recurring issues and help improve the knowledge base.",
)
OUTBOUND_DUTIES = (
    "Call prospects and customers from the campaign's list, within the calling rules of their country.",
    "Qualify each lead and record the outcome of every call.",
)
ENTRY_LEVEL_LINE = "Entry level: no experience needed, fresh graduates welcome. Paid training before you start."

# Internships: what an intern is paid against an entry-level agent (an allowance in most hubs).
INTERNSHIP_PAY = 0.45
# Part-time work quoted per month or year is paid in proportion to its hours.
PART_TIME_PAY = 0.55

# People's names for the demo's contacts and reviewers (Faker's are slower to draw, and these are enough).
FIRST_NAMES = (
    "Maria", "John", "Ana", "James", "Priya", "Carlos", "Sarah", "Miguel", "Grace", "David", "Aisha",
    "Mark", "Sofia", "Rahul", "Laura", "Kevin", "Mei", "Tomasz", "Elena", "Omar", "Joy", "Daniel",
)  # fmt: skip
LAST_NAMES = (
    "Santos", "Reyes", "Smith", "Garcia", "Sharma", "Kowalski", "Nguyen", "Johnson", "Mendoza", "Brown",
    "Cruz", "Patel", "Silva", "Hassan", "Murphy", "Lim", "Popescu", "Dlamini", "Martinez", "Taylor",
)  # fmt: skip
