"""The words people type into the two searches, and what they mean on this site (see shared/DOMAIN.md: "Words people
type"). Written out here as they were when this migration was made; curators edit them in the admin afterwards, and
a phrase a curator has changed or removed is not brought back by running this again."""

from django.db import migrations

# (phrase, alternatives, keep the phrase itself, scope)
SYNONYMS = [
    ("csr", "customer service representative, customer service", True, "jobs"),
    ("tsr", "technical support representative, technical support", True, "jobs"),
    ("wfh", "work from home, remote", True, "jobs"),
    ("work from home", "remote, wfh", True, "jobs"),
    ("home based", "work from home, remote", True, "jobs"),
    ("graveyard", "night shift", True, "jobs"),
    ("night diff", "night differential", False, "jobs"),
    ("fresh grad", "entry level, fresh graduate", False, "jobs"),
    ("fresh graduate", "entry level", True, "jobs"),
    ("no experience", "entry level", False, "jobs"),
    ("non voice", "non-voice, chat support, email support", False, "jobs"),
    ("nonvoice", "non-voice, chat support, email support", False, "jobs"),
    ("non-voice", "chat support, email support", True, "jobs"),
    ("hmo", "health insurance, medical insurance", True, "jobs"),
    ("tl", "team leader", True, "jobs"),
    ("qa", "quality analyst, quality assurance", True, "jobs"),
    ("wfm", "workforce", True, "jobs"),
    ("sme", "subject-matter expert", True, "jobs"),
    ("call center", "contact center, call centre, contact centre", True, "both"),
    ("contact center", "call center, call centre, contact centre", True, "both"),
    ("tech support", "technical support", True, "both"),
    ("cx", "customer experience, customer care", True, "vendors"),
    ("medical", "healthcare", True, "vendors"),
    ("health care", "healthcare", True, "vendors"),
]


def load(apps, schema_editor):
    synonym = apps.get_model("core", "SearchSynonym")
    if synonym.objects.exists():
        return  # curated since: leave the list as curators keep it
    synonym.objects.bulk_create(
        synonym(phrase=phrase, alternatives=alternatives, keep_phrase=keep, scope=scope)
        for phrase, alternatives, keep, scope in SYNONYMS
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_search_synonyms")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
