"""The job board's canonical vocabulary: CSR skills and certifications (see shared/DOMAIN.md).

Loaded by a data migration with `sync_jobs_taxonomy`; curators may add more in the admin.
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


def sync_jobs_taxonomy(apps) -> None:
    """Create or update the canonical rows; used by data migrations with the historical models."""
    skill = apps.get_model("jobs", "Skill")
    for position, (slug, name, kind) in enumerate(SKILLS):
        skill.objects.update_or_create(slug=slug, defaults={"name": name, "kind": kind, "position": position})
    certification = apps.get_model("jobs", "Certification")
    for position, (slug, name, issuer) in enumerate(CERTIFICATIONS):
        certification.objects.update_or_create(
            slug=slug, defaults={"name": name, "issuer": issuer, "position": position}
        )
