"""The directory's canonical vocabulary (see shared/DOMAIN.md).

Data migrations load these rows with `sync_directory_taxonomy`, so every database has them;
curators may add more rows in the admin, and a later sync never deletes those.
"""

FRONT_OFFICE = "front_office"
BACK_OFFICE = "back_office"

# (slug, name, category)
SERVICE_TYPES = [
    ("customer-support", "Customer support", FRONT_OFFICE),
    ("technical-support", "Technical support", FRONT_OFFICE),
    ("help-desk", "Help desk", FRONT_OFFICE),
    ("sales", "Sales", FRONT_OFFICE),
    ("telemarketing", "Telemarketing", FRONT_OFFICE),
    ("lead-generation", "Lead generation", FRONT_OFFICE),
    ("appointment-setting", "Appointment setting", FRONT_OFFICE),
    ("order-taking", "Order taking", FRONT_OFFICE),
    ("market-research", "Market research", FRONT_OFFICE),
    ("surveys", "Surveys", FRONT_OFFICE),
    ("collections", "Collections and recovery", FRONT_OFFICE),
    ("email-chat-support", "Email and chat support", FRONT_OFFICE),
    ("social-media-support", "Social media support", FRONT_OFFICE),
    ("marketing", "Marketing", FRONT_OFFICE),
    ("accounting-finance", "Accounting and finance", BACK_OFFICE),
    ("payroll", "Payroll", BACK_OFFICE),
    ("human-resources", "Human resources", BACK_OFFICE),
    ("it-services", "IT services", BACK_OFFICE),
    ("data-entry", "Data entry", BACK_OFFICE),
    ("payment-processing", "Payment processing", BACK_OFFICE),
    ("billing", "Invoicing and billing support", BACK_OFFICE),
    ("content-moderation", "Content management and moderation", BACK_OFFICE),
    ("underwriting", "Underwriting support", BACK_OFFICE),
    ("infrastructure-management", "Infrastructure management", BACK_OFFICE),
    ("admin-support", "Administrative support", BACK_OFFICE),
]

INDUSTRIES = [
    ("healthcare", "Healthcare"),
    ("finance-banking", "Finance and banking"),
    ("insurance", "Insurance"),
    ("retail-ecommerce", "Retail and e-commerce"),
    ("telecom", "Telecom"),
    ("technology-saas", "Technology and SaaS"),
    ("travel-hospitality", "Travel and hospitality"),
    ("utilities", "Utilities"),
    ("government", "Government"),
    ("education", "Education"),
    ("logistics", "Logistics"),
]

COMPLIANCE_STANDARDS = [
    (
        "pci-dss",
        "PCI DSS",
        "Payment Card Industry Data Security Standard, for handling card payments.",
    ),
    (
        "hipaa",
        "HIPAA",
        "US Health Insurance Portability and Accountability Act, for patient data.",
    ),
    ("iso-27001", "ISO 27001", "ISO/IEC 27001 information security management."),
    (
        "soc-2",
        "SOC 2",
        "AICPA System and Organization Controls 2 report on security and availability.",
    ),
    (
        "gdpr",
        "GDPR",
        "EU General Data Protection Regulation, for personal data of people in the EU.",
    ),
    ("copc", "COPC", "COPC customer experience standard for contact centers."),
]

CHANNELS = [
    ("voice", "Voice"),
    ("email", "Email"),
    ("chat", "Chat"),
    ("sms", "SMS"),
    ("social", "Social media"),
    ("video", "Video"),
]

SHORE_MODELS = [
    ("onshore", "Onshore", "Agents work in the client's own country."),
    (
        "nearshore",
        "Nearshore",
        "Agents work in a nearby country with little time difference.",
    ),
    ("offshore", "Offshore", "Agents work in a distant, usually lower-cost country."),
]

CALL_CENTER_TYPES = [
    ("inbound", "Inbound", "Customers call in: support, help, orders."),
    (
        "outbound",
        "Outbound",
        "Agents call out: sales, telemarketing, collections, surveys.",
    ),
    ("blended", "Blended", "Both inbound and outbound."),
    ("virtual", "Virtual", "Agents work remotely rather than in one building."),
]

# ISO 639-1 code, English name. The languages BPO buyers and CSR postings ask for most.
LANGUAGES = [
    ("en", "English"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
    ("fr", "French"),
    ("de", "German"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("ro", "Romanian"),
    ("ru", "Russian"),
    ("tr", "Turkish"),
    ("ar", "Arabic"),
    ("hi", "Hindi"),
    ("ta", "Tamil"),
    ("tl", "Tagalog"),
    ("ms", "Malay"),
    ("id", "Indonesian"),
    ("vi", "Vietnamese"),
    ("th", "Thai"),
    ("zh", "Chinese (Mandarin)"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("sv", "Swedish"),
    ("da", "Danish"),
    ("no", "Norwegian"),
    ("fi", "Finnish"),
    ("he", "Hebrew"),
    ("af", "Afrikaans"),
]


def sync_directory_taxonomy(apps) -> None:
    """Create or update the canonical rows; used by data migrations with the historical models."""
    rows = [
        (
            "ServiceType",
            [{"slug": s, "name": n, "category": c, "position": i} for i, (s, n, c) in enumerate(SERVICE_TYPES)],
        ),
        (
            "Industry",
            [{"slug": s, "name": n, "position": i} for i, (s, n) in enumerate(INDUSTRIES)],
        ),
        (
            "ComplianceStandard",
            [
                {"slug": s, "name": n, "description": d, "position": i}
                for i, (s, n, d) in enumerate(COMPLIANCE_STANDARDS)
            ],
        ),
        (
            "Channel",
            [{"slug": s, "name": n, "position": i} for i, (s, n) in enumerate(CHANNELS)],
        ),
        (
            "ShoreModel",
            [{"slug": s, "name": n, "description": d, "position": i} for i, (s, n, d) in enumerate(SHORE_MODELS)],
        ),
        (
            "CallCenterType",
            [{"slug": s, "name": n, "description": d, "position": i} for i, (s, n, d) in enumerate(CALL_CENTER_TYPES)],
        ),
    ]
    for model_name, values in rows:
        model = apps.get_model("directory", model_name)
        for row in values:
            model.objects.update_or_create(slug=row.pop("slug"), defaults=row)
    language = apps.get_model("directory", "Language")
    for code, name in LANGUAGES:
        language.objects.update_or_create(code=code, defaults={"name": name})
