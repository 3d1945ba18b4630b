"""Load the job board's canonical vocabulary: CSR skills and certifications.

The rows are written out here as they were when this migration was made, so that it builds the same database
whenever it runs: a migration never reads the live vocabulary (jobs/taxonomy.py). A later change to the
vocabulary is a new data migration; tests/project/test_migrations_frozen.py fails until there is one.
"""

from django.db import migrations

# Model -> its rows, each found again by its slug.
VOCABULARIES = {
    "Skill": [
        {"slug": "communication", "name": "Communication", "kind": "soft", "position": 0},
        {"slug": "active-listening", "name": "Active listening", "kind": "soft", "position": 1},
        {"slug": "empathy", "name": "Empathy", "kind": "soft", "position": 2},
        {"slug": "problem-solving", "name": "Problem solving", "kind": "soft", "position": 3},
        {"slug": "patience", "name": "Patience", "kind": "soft", "position": 4},
        {"slug": "calm-under-pressure", "name": "Calm under pressure", "kind": "soft", "position": 5},
        {"slug": "adaptability", "name": "Adaptability", "kind": "soft", "position": 6},
        {"slug": "attention-to-detail", "name": "Attention to detail", "kind": "soft", "position": 7},
        {"slug": "quick-learning", "name": "Learning quickly", "kind": "soft", "position": 8},
        {"slug": "conflict-resolution", "name": "Handling difficult customers", "kind": "soft", "position": 9},
        {"slug": "upselling", "name": "Upselling and cross-selling", "kind": "soft", "position": 10},
        {"slug": "typing", "name": "Fast, accurate typing", "kind": "technical", "position": 11},
        {"slug": "data-entry", "name": "Data entry", "kind": "technical", "position": 12},
        {"slug": "ms-word", "name": "Microsoft Word", "kind": "technical", "position": 13},
        {"slug": "ms-excel", "name": "Microsoft Excel", "kind": "technical", "position": 14},
        {"slug": "crm", "name": "CRM software", "kind": "technical", "position": 15},
        {"slug": "salesforce", "name": "Salesforce", "kind": "technical", "position": 16},
        {"slug": "zendesk", "name": "Zendesk", "kind": "technical", "position": 17},
        {"slug": "hubspot", "name": "HubSpot", "kind": "technical", "position": 18},
        {"slug": "freshdesk", "name": "Freshdesk", "kind": "technical", "position": 19},
        {"slug": "ticketing", "name": "Ticketing systems", "kind": "technical", "position": 20},
        {
            "slug": "call-center-software",
            "name": "Call-center software (ACD, dialers)",
            "kind": "technical",
            "position": 21,
        },
        {"slug": "technical-troubleshooting", "name": "Technical troubleshooting", "kind": "technical", "position": 22},
        {"slug": "billing-inquiries", "name": "Billing and payments inquiries", "kind": "technical", "position": 23},
        {
            "slug": "order-processing",
            "name": "Order processing, returns and exchanges",
            "kind": "technical",
            "position": 24,
        },
        {"slug": "medical-terminology", "name": "Medical terminology", "kind": "technical", "position": 25},
        {"slug": "collections", "name": "Collections", "kind": "technical", "position": 26},
        {"slug": "chat-support", "name": "Live chat support", "kind": "technical", "position": 27},
        {"slug": "email-support", "name": "Email support", "kind": "technical", "position": 28},
    ],
    "Certification": [
        {
            "slug": "ccxp-csia",
            "name": "Certified Customer Experience Professional",
            "issuer": "Customer Service Institute of America",
            "position": 0,
        },
        {"slug": "hdi-csr", "name": "HDI Customer Service Representative", "issuer": "HDI", "position": 1},
        {
            "slug": "ccsp-ncsa",
            "name": "Certified Customer Service Professional",
            "issuer": "National Customer Service Association",
            "position": 2,
        },
    ],
}


def load(apps, schema_editor):
    for model_name, rows in VOCABULARIES.items():
        model = apps.get_model("jobs", model_name)
        for row in rows:
            model.objects.update_or_create(slug=row["slug"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
