"""Load the directory's canonical vocabulary: service types, industries, compliance standards, channels, shore
models, call-center types and languages.

The rows are written out here as they were when this migration was made, so that it builds the same database
whenever it runs: a migration never reads the live vocabulary (directory/taxonomy.py). A later change to the
vocabulary is a new data migration; tests/project/test_migrations_frozen.py fails until there is one.
"""

from django.db import migrations

# Model -> its rows, each found again by its slug (a curator may have renamed or moved a row since).
VOCABULARIES = {
    "ServiceType": [
        {"slug": "customer-support", "name": "Customer support", "category": "front_office", "position": 0},
        {"slug": "technical-support", "name": "Technical support", "category": "front_office", "position": 1},
        {"slug": "help-desk", "name": "Help desk", "category": "front_office", "position": 2},
        {"slug": "sales", "name": "Sales", "category": "front_office", "position": 3},
        {"slug": "telemarketing", "name": "Telemarketing", "category": "front_office", "position": 4},
        {"slug": "lead-generation", "name": "Lead generation", "category": "front_office", "position": 5},
        {"slug": "appointment-setting", "name": "Appointment setting", "category": "front_office", "position": 6},
        {"slug": "order-taking", "name": "Order taking", "category": "front_office", "position": 7},
        {"slug": "market-research", "name": "Market research", "category": "front_office", "position": 8},
        {"slug": "surveys", "name": "Surveys", "category": "front_office", "position": 9},
        {"slug": "collections", "name": "Collections and recovery", "category": "front_office", "position": 10},
        {"slug": "email-chat-support", "name": "Email and chat support", "category": "front_office", "position": 11},
        {"slug": "social-media-support", "name": "Social media support", "category": "front_office", "position": 12},
        {"slug": "marketing", "name": "Marketing", "category": "front_office", "position": 13},
        {"slug": "accounting-finance", "name": "Accounting and finance", "category": "back_office", "position": 14},
        {"slug": "payroll", "name": "Payroll", "category": "back_office", "position": 15},
        {"slug": "human-resources", "name": "Human resources", "category": "back_office", "position": 16},
        {"slug": "it-services", "name": "IT services", "category": "back_office", "position": 17},
        {"slug": "data-entry", "name": "Data entry", "category": "back_office", "position": 18},
        {"slug": "payment-processing", "name": "Payment processing", "category": "back_office", "position": 19},
        {"slug": "billing", "name": "Invoicing and billing support", "category": "back_office", "position": 20},
        {
            "slug": "content-moderation",
            "name": "Content management and moderation",
            "category": "back_office",
            "position": 21,
        },
        {"slug": "underwriting", "name": "Underwriting support", "category": "back_office", "position": 22},
        {
            "slug": "infrastructure-management",
            "name": "Infrastructure management",
            "category": "back_office",
            "position": 23,
        },
        {"slug": "admin-support", "name": "Administrative support", "category": "back_office", "position": 24},
    ],
    "Industry": [
        {"slug": "healthcare", "name": "Healthcare", "position": 0},
        {"slug": "finance-banking", "name": "Finance and banking", "position": 1},
        {"slug": "insurance", "name": "Insurance", "position": 2},
        {"slug": "retail-ecommerce", "name": "Retail and e-commerce", "position": 3},
        {"slug": "telecom", "name": "Telecom", "position": 4},
        {"slug": "technology-saas", "name": "Technology and SaaS", "position": 5},
        {"slug": "travel-hospitality", "name": "Travel and hospitality", "position": 6},
        {"slug": "utilities", "name": "Utilities", "position": 7},
        {"slug": "government", "name": "Government", "position": 8},
        {"slug": "education", "name": "Education", "position": 9},
        {"slug": "logistics", "name": "Logistics", "position": 10},
    ],
    "ComplianceStandard": [
        {
            "slug": "pci-dss",
            "name": "PCI DSS",
            "description": "Payment Card Industry Data Security Standard, for handling card payments.",
            "position": 0,
        },
        {
            "slug": "hipaa",
            "name": "HIPAA",
            "description": "US Health Insurance Portability and Accountability Act, for patient data.",
            "position": 1,
        },
        {
            "slug": "iso-27001",
            "name": "ISO 27001",
            "description": "ISO/IEC 27001 information security management.",
            "position": 2,
        },
        {
            "slug": "soc-2",
            "name": "SOC 2",
            "description": "AICPA System and Organization Controls 2 report on security and availability.",
            "position": 3,
        },
        {
            "slug": "gdpr",
            "name": "GDPR",
            "description": "EU General Data Protection Regulation, for personal data of people in the EU.",
            "position": 4,
        },
        {
            "slug": "copc",
            "name": "COPC",
            "description": "COPC customer experience standard for contact centers.",
            "position": 5,
        },
    ],
    "Channel": [
        {"slug": "voice", "name": "Voice", "position": 0},
        {"slug": "email", "name": "Email", "position": 1},
        {"slug": "chat", "name": "Chat", "position": 2},
        {"slug": "sms", "name": "SMS", "position": 3},
        {"slug": "social", "name": "Social media", "position": 4},
        {"slug": "video", "name": "Video", "position": 5},
    ],
    "ShoreModel": [
        {
            "slug": "onshore",
            "name": "Onshore",
            "description": "Agents work in the client's own country.",
            "position": 0,
        },
        {
            "slug": "nearshore",
            "name": "Nearshore",
            "description": "Agents work in a nearby country with little time difference.",
            "position": 1,
        },
        {
            "slug": "offshore",
            "name": "Offshore",
            "description": "Agents work in a distant, usually lower-cost country.",
            "position": 2,
        },
    ],
    "CallCenterType": [
        {
            "slug": "inbound",
            "name": "Inbound",
            "description": "Customers call in: support, help, orders.",
            "position": 0,
        },
        {
            "slug": "outbound",
            "name": "Outbound",
            "description": "Agents call out: sales, telemarketing, collections, surveys.",
            "position": 1,
        },
        {"slug": "blended", "name": "Blended", "description": "Both inbound and outbound.", "position": 2},
        {
            "slug": "virtual",
            "name": "Virtual",
            "description": "Agents work remotely rather than in one building.",
            "position": 3,
        },
    ],
}

LANGUAGES = {
    "en": "English",
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "nl": "Dutch",
    "pl": "Polish",
    "ro": "Romanian",
    "ru": "Russian",
    "tr": "Turkish",
    "ar": "Arabic",
    "hi": "Hindi",
    "ta": "Tamil",
    "tl": "Tagalog",
    "ms": "Malay",
    "id": "Indonesian",
    "vi": "Vietnamese",
    "th": "Thai",
    "zh": "Chinese (Mandarin)",
    "ja": "Japanese",
    "ko": "Korean",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian",
    "fi": "Finnish",
    "he": "Hebrew",
    "af": "Afrikaans",
}


def load(apps, schema_editor):
    for model_name, rows in VOCABULARIES.items():
        model = apps.get_model("directory", model_name)
        for row in rows:
            model.objects.update_or_create(slug=row["slug"], defaults=row)
    language = apps.get_model("directory", "Language")
    for code, name in LANGUAGES.items():
        language.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
