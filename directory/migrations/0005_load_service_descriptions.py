"""Describe the canonical service types for their landing pages (/vendors/services/<slug>/).

The descriptions are written out here as they were when this migration was made (a migration never reads the
live vocabulary, directory/taxonomy.py). A description a curator has written already is left alone.
"""

from django.db import migrations

# What each canonical service covers, by slug.
DESCRIPTIONS = {
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


def load(apps, schema_editor):
    service_type = apps.get_model("directory", "ServiceType")
    for slug, description in DESCRIPTIONS.items():
        service_type.objects.filter(slug=slug, description="").update(description=description)


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_service_descriptions_and_rating")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
