"""The directory's canonical vocabulary (see shared/DOMAIN.md).

Data migrations load these rows (directory/migrations/0002 and 0005), each from a copy of its own made when it was
written, so every database has them; curators may add more rows in the admin. A change here needs a new data
migration that makes it: tests/project/test_migrations_frozen.py fails until a freshly migrated database matches.
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

# Compliance is two things (DOMAIN.md): certifications a vendor holds, audited, with an issuer and an expiry date,
# and regulations it can work under. Nobody "holds HIPAA". Certifications first, then regulations; each row is
# (slug, name, description, kind).
COMPLIANCE_STANDARDS = [
    (
        "pci-dss",
        "PCI DSS",
        "Payment Card Industry Data Security Standard, for handling card payments; assessed by a QSA each year.",
        "certification",
    ),
    (
        "soc-1",
        "SOC 1 / ISAE 3402",
        "Controls over financial reporting, reported by an independent auditor.",
        "certification",
    ),
    (
        "soc-2",
        "SOC 2",
        "AICPA System and Organization Controls 2 report on security and availability.",
        "certification",
    ),
    ("iso-27001", "ISO 27001", "ISO/IEC 27001 information security management.", "certification"),
    ("iso-9001", "ISO 9001", "ISO 9001 quality management.", "certification"),
    ("iso-22301", "ISO 22301", "ISO 22301 business continuity management.", "certification"),
    ("hitrust", "HITRUST", "HITRUST CSF certification for healthcare information security.", "certification"),
    ("copc", "COPC", "COPC customer experience standard for contact centers.", "certification"),
    (
        "hipaa",
        "HIPAA",
        "US Health Insurance Portability and Accountability Act, for patient data.",
        "regulation",
    ),
    (
        "gdpr",
        "GDPR",
        "EU General Data Protection Regulation, for personal data of people in the EU.",
        "regulation",
    ),
    ("tcpa", "TCPA", "US Telephone Consumer Protection Act, for outbound calls and texts.", "regulation"),
    ("fdcpa", "FDCPA", "US Fair Debt Collection Practices Act, for collections.", "regulation"),
    (
        "ph-dpa",
        "Philippine Data Privacy Act",
        "Republic Act 10173, for personal data processed in the Philippines.",
        "regulation",
    ),
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
    ("blended", "Blended (inbound and outbound)", "Both inbound and outbound."),
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


# What each canonical service covers, for its landing page (/vendors/services/<slug>/).
SERVICE_DESCRIPTIONS = {
    "customer-support": "Agents who answer customers' questions and fix their problems by phone, email, chat and "
    "social messaging: orders, accounts, returns, complaints. Usually measured on first-contact resolution, "
    "average handle time and customer satisfaction.",
    "technical-support": "Tier 1 and tier 2 troubleshooting for software, devices, internet and telecom services: "
    "agents follow diagnostic scripts, reproduce issues, and escalate to the client's engineers with a clean ticket.",
    "help-desk": "An IT service desk for a company's own employees or its customers: password resets, access "
    "requests, incident logging and routing, often run to ITIL practices.",
    "sales": "Outbound and inbound sales teams that qualify, pitch and close, or upsell and renew existing "
    "customers, paid per hour or on commission.",
    "telemarketing": "Outbound calling campaigns that promote a product or an offer to a list of prospects, "
    "within the calling-time and consent rules of the prospects' country.",
    "lead-generation": "Finding and qualifying prospects by phone, email and social outreach, and handing "
    "sales-ready leads to the client's own team.",
    "appointment-setting": "Agents who book meetings, demos and visits into the client's calendars, confirm them "
    "and reschedule no-shows.",
    "order-taking": "Inbound agents who take orders and reservations by phone or chat, check stock and payment, "
    "and enter them in the client's systems.",
    "market-research": "Structured interviews and calls to gather what customers and markets think, for product, "
    "pricing and brand decisions.",
    "surveys": "Customer satisfaction, NPS and post-interaction surveys by phone, SMS or email, with the results "
    "reported back to the client.",
    "collections": "Early- and late-stage collection of overdue accounts and recovery of written-off debt, run to "
    "the debt-collection rules of the debtor's country.",
    "email-chat-support": "Written support only: email queues, live chat and in-app messaging, where agents often "
    "handle several conversations at once.",
    "social-media-support": "Answering customers who reach out on social networks and review sites, publicly and "
    "in private messages, and escalating what needs it.",
    "marketing": "Campaign operations: list building, email marketing, content production and reporting, done by "
    "an outsourced team.",
    "accounting-finance": "Bookkeeping, accounts payable and receivable, reconciliations and month-end close, "
    "performed on the client's ledger.",
    "payroll": "Running payroll: time data, gross-to-net calculation, payslips, filings and employee questions.",
    "human-resources": "Recruitment support, onboarding paperwork, benefits administration and HR help desks.",
    "it-services": "Application support, monitoring and routine administration of the client's software and systems.",
    "data-entry": "Keying, cleaning and verifying data from forms, documents and images into the client's systems, "
    "with accuracy checks.",
    "payment-processing": "Processing incoming and outgoing payments, refunds and chargebacks, often under PCI DSS.",
    "billing": "Preparing and sending invoices, answering billing questions and correcting billing errors.",
    "content-moderation": "Reviewing user-generated content against the client's policies, and maintaining "
    "catalogues, listings and knowledge bases.",
    "underwriting": "Support for insurance and loan underwriters: document collection, data checks and file "
    "preparation.",
    "infrastructure-management": "Monitoring and operating servers, networks and cloud resources around the clock.",
    "admin-support": "Back-office administration: scheduling, document handling, records upkeep and virtual "
    "assistance.",
}
