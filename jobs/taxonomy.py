"""The job board's canonical vocabulary: CSR skills and certifications (see shared/DOMAIN.md).

A data migration loads these rows (jobs/migrations/0002) from a copy of its own made when it was written; curators
may add more in the admin. A change here needs a new data migration that makes it:
tests/project/test_migrations_frozen.py fails until a freshly migrated database matches.
"""

SOFT = "soft"
TECHNICAL = "technical"

# (slug, name, kind)
SKILLS = [
    ("communication", "Communication", SOFT),
    ("active-listening", "Active listening", SOFT),
    ("empathy", "Empathy", SOFT),
    ("problem-solving", "Problem solving", SOFT),
    ("patience", "Patience", SOFT),
    ("calm-under-pressure", "Calm under pressure", SOFT),
    ("adaptability", "Adaptability", SOFT),
    ("attention-to-detail", "Attention to detail", SOFT),
    ("quick-learning", "Learning quickly", SOFT),
    ("conflict-resolution", "Handling difficult customers", SOFT),
    ("upselling", "Upselling and cross-selling", SOFT),
    ("typing", "Fast, accurate typing", TECHNICAL),
    ("data-entry", "Data entry", TECHNICAL),
    ("ms-word", "Microsoft Word", TECHNICAL),
    ("ms-excel", "Microsoft Excel", TECHNICAL),
    ("crm", "CRM software", TECHNICAL),
    ("salesforce", "Salesforce", TECHNICAL),
    ("zendesk", "Zendesk", TECHNICAL),
    ("hubspot", "HubSpot", TECHNICAL),
    ("freshdesk", "Freshdesk", TECHNICAL),
    ("ticketing", "Ticketing systems", TECHNICAL),
    ("call-center-software", "Call-center software (ACD, dialers)", TECHNICAL),
    ("technical-troubleshooting", "Technical troubleshooting", TECHNICAL),
    ("billing-inquiries", "Billing and payments inquiries", TECHNICAL),
    ("order-processing", "Order processing, returns and exchanges", TECHNICAL),
    ("medical-terminology", "Medical terminology", TECHNICAL),
    ("collections", "Collections", TECHNICAL),
    ("chat-support", "Live chat support", TECHNICAL),
    ("email-support", "Email support", TECHNICAL),
]

# (slug, name, issuer)
CERTIFICATIONS = [
    (
        "ccxp-csia",
        "Certified Customer Experience Professional",
        "Customer Service Institute of America",
    ),
    ("hdi-csr", "HDI Customer Service Representative", "HDI"),
    (
        "ccsp-ncsa",
        "Certified Customer Service Professional",
        "National Customer Service Association",
    ),
]
