"""Migrations are frozen: each carries its own data and code, so an old migration builds the same database
whenever it runs, whatever the live modules say by then.

The first test reads every migration file for imports of the project's own modules. The others compare what a
freshly migrated database holds with what the live modules define today: when one of those modules changes, the
database only follows through a new data migration, and these tests fail until it is written.
"""

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection

from demo.factories.directory import BpoEmployerFactory, PublishedVendorFactory
from demo.factories.jobs import PublishedJobPostingFactory
from directory import taxonomy as directory_taxonomy
from directory.models import ComplianceStandard, Industry, Language, Vendor
from insights.models import ExchangeRate
from insights.rates import SHIPPED_RATES, parse_rate_file
from jobs import taxonomy as jobs_taxonomy
from jobs.models import JobPosting
from jobs.querysets import NEWEST_FIRST_INDEXES, NEWEST_FIRST_SQL
from tests.helpers import is_project_module

# The project modules a migration may import, and what it may use from each: migration operations, and the
# callables a field definition names (validators, upload paths, storages), which makemigrations writes as
# references and which must stay importable.
ALLOWED_IMPORTS = {
    "core.search": {"PostgresOnly"},
    "core.slugs": {"validate_public_slug"},
    "directory.models": {"validate_time_zone", "certification_evidence_path", "private_storage"},
    "jobs.models": {"private_storage", "resume_path"},
}


def needs_new_migration(what: str, module: str, kind: str = "data migration") -> str:
    return (
        f"{what}: a freshly migrated database does not hold what {module} defines. Migrations carry a frozen copy "
        f"of what they write, so a change to {module} reaches the database only through a new {kind}: write one."
    )


def migration_files() -> list[Path]:
    folders = [Path(config.path) / "migrations" for config in apps.get_app_configs() if is_project_module(config.name)]
    return sorted(path for folder in folders for path in folder.glob("*.py"))


def dotted(node: ast.expr) -> str | None:
    """`a.b.c` for an attribute chain on a name, None for anything else."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (base := dotted(node.value)):
        return f"{base}.{node.attr}"
    return None


def project_imports(tree: ast.Module) -> set[tuple[str, str]]:
    """(module, name) for each name the file takes from a project module, by `from m import name` or by
    `import m` then `m.name`; a relative import counts as the project's."""
    used = {chain for node in ast.walk(tree) if (chain := dotted(node))}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or is_project_module(node.module)):
            found |= {("." * node.level + (node.module or ""), alias.name) for alias in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if not is_project_module(alias.name):
                    continue
                prefix = f"{alias.asname or alias.name}."
                names = {chain.removeprefix(prefix).partition(".")[0] for chain in used if chain.startswith(prefix)}
                found |= {(alias.name, name) for name in names or {"*"}}
    return found


def test_migrations_import_no_project_module_but_operations_and_field_references():
    files = migration_files()
    assert Path(settings.BASE_DIR, "directory/migrations/0002_load_taxonomy.py") in files
    wrong = [
        f"{path.relative_to(settings.BASE_DIR)}: {module}.{name}"
        for path in files
        for module, name in sorted(project_imports(ast.parse(path.read_text(), filename=str(path))))
        if name not in ALLOWED_IMPORTS.get(module, set())
    ]
    assert not wrong, (
        "A migration must build the same database whenever it runs, so it carries its own data and code and takes "
        "its models from apps.get_model, never from a live module. Allowed from the project: "
        f"{ALLOWED_IMPORTS}. Found: {wrong}"
    )


def canonical(rows, fields) -> list[dict]:
    """The live module's rows as the data migrations store them: a row's position is its place in the list."""
    return [{**dict(zip(fields, row, strict=True)), "position": position} for position, row in enumerate(rows)]


VOCABULARIES = {
    "directory.ServiceType": (directory_taxonomy.SERVICE_TYPES, ("slug", "name", "category")),
    "directory.Industry": (directory_taxonomy.INDUSTRIES, ("slug", "name")),
    "directory.ComplianceStandard": (directory_taxonomy.COMPLIANCE_STANDARDS, ("slug", "name", "description", "kind")),
    "directory.Channel": (directory_taxonomy.CHANNELS, ("slug", "name")),
    "directory.ShoreModel": (directory_taxonomy.SHORE_MODELS, ("slug", "name", "description")),
    "directory.CallCenterType": (directory_taxonomy.CALL_CENTER_TYPES, ("slug", "name", "description")),
    "jobs.Skill": (jobs_taxonomy.SKILLS, ("slug", "name", "kind")),
    "jobs.Certification": (jobs_taxonomy.CERTIFICATIONS, ("slug", "name", "issuer")),
}


@pytest.mark.django_db
@pytest.mark.parametrize("label", VOCABULARIES)
def test_migrated_vocabulary_is_the_live_taxonomy(label):
    rows, fields = VOCABULARIES[label]
    stored = list(apps.get_model(label).objects.order_by("position", "slug").values(*fields, "position"))
    module = f"{label.partition('.')[0]}/taxonomy.py"
    assert stored == canonical(rows, fields), needs_new_migration(label, module)


@pytest.mark.django_db
def test_migrated_service_descriptions_are_the_live_ones():
    model = apps.get_model("directory.ServiceType")
    stored = dict(model.objects.exclude(description="").values_list("slug", "description"))
    message = needs_new_migration("The service types' descriptions", "directory/taxonomy.py")
    assert stored == directory_taxonomy.SERVICE_DESCRIPTIONS, message


@pytest.mark.django_db
def test_migrated_languages_are_the_live_ones():
    stored = sorted(Language.objects.values_list("code", "name"))
    message = needs_new_migration("directory.Language", "directory/taxonomy.py")
    assert stored == sorted(directory_taxonomy.LANGUAGES), message


@pytest.mark.django_db
def test_migrated_exchange_rates_are_the_shipped_ones():
    table = parse_rate_file(SHIPPED_RATES.read_text())
    stored = {rate.currency: (rate.usd_per_unit, rate.as_of) for rate in ExchangeRate.objects.all()}
    message = needs_new_migration("The exchange rates", "insights/data/exchange_rates.csv")
    assert stored == {code: (rate, table.as_of) for code, rate in table.rates.items()}, message


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite cannot index NULLS LAST: no such indexes")
def test_migrated_newest_first_indexes_are_the_live_ones():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'jobs_jobposting'")
        definitions = dict(cursor.fetchall())
    message = needs_new_migration("The newest-first indexes", "jobs/querysets.py", kind="migration")
    wrong = {
        name: definitions.get(name, "missing")
        for name, columns in NEWEST_FIRST_INDEXES.items()
        if f"({columns}{NEWEST_FIRST_SQL})" not in definitions.get(name, "")
    }
    assert not wrong, message


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="stored search vectors are PostgreSQL's")
@pytest.mark.parametrize(
    ("migration", "model"),
    [
        ("jobs.migrations.0015_search_benefits_and_choice_words", JobPosting),
        ("directory.migrations.0013_search_industries_compliance_languages", Vendor),
    ],
)
def test_the_latest_search_vector_migration_writes_what_the_live_vector_does(migration, model):
    """The migration that last recomputed the stored vectors carries its own SQL copy of the vector: it must
    still write what jobs/search.py and directory/search.py compute, or a new migration is due."""
    employer = BpoEmployerFactory(
        vendor=PublishedVendorFactory(
            compliance_standards=list(ComplianceStandard.objects.filter(slug="hipaa")),
            industries=list(Industry.objects.filter(slug="healthcare")),
        )
    )
    employer.vendor.languages.set(Language.objects.filter(code__in=["en", "es"]))
    PublishedJobPostingFactory(employer=employer, benefits="HMO from day one", shift="night", min_experience_years=0)
    PublishedJobPostingFactory(employer=employer, work_arrangement="remote", role="team_leader")
    live = dict(model.objects.values_list("pk", "search_vector"))

    with connection.cursor() as cursor:
        cursor.execute(importlib.import_module(migration).VECTOR_SQL)

    message = needs_new_migration("The stored search vectors", f"{model._meta.app_label}/search.py", kind="migration")
    assert dict(model.objects.values_list("pk", "search_vector")) == live, message
    assert all(live.values())
