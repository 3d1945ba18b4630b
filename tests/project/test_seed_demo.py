"""`seed_demo` fills the site with believable, repeatable demo data; `ensure_demo_curator` makes a local login."""

import io
import zoneinfo

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Q

from accounts.groups import CURATORS_GROUP
from accounts.models import User
from demo import seed as demo
from demo.factories.directory import PublishedVendorFactory
from demo.factories.jobs import PublishedJobPostingFactory
from demo.models import DeferredIndex
from directory.models import DeliveryCenter, Employer, Review, Vendor
from jobs.choices import Currency
from jobs.models import JobPosting, JobSkillRequirement

pytestmark = pytest.mark.django_db

VENDORS, JOBS = 12, 60


def seed(*args, vendors=VENDORS, jobs=JOBS, seed=3):
    if "--flush" in args and connection.vendor == "postgresql":
        # Run by hand, each seed_demo commits on its own. Here the test's one transaction still holds the deferred
        # foreign-key checks of the earlier inserts, and PostgreSQL refuses to TRUNCATE tables with such pending
        # checks; running them now stands in for the commit between two real runs.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    out = io.StringIO()
    call_command("seed_demo", "--vendors", str(vendors), "--jobs", str(jobs), "--seed", str(seed), *args, stdout=out)
    return out.getvalue()


def snapshot():
    """What a visitor would see change between two runs: the postings' slugs, titles and pay, the vendors' names."""
    return (
        list(JobPosting.objects.order_by("slug").values_list("slug", "title", "salary_min")),
        list(Vendor.objects.order_by("slug").values_list("slug", "name")),
    )


@pytest.fixture
def seeded():
    return seed()


def test_seed_creates_the_requested_numbers(seeded):
    assert Vendor.objects.count() == VENDORS
    assert JobPosting.objects.count() == JOBS
    assert Employer.objects.exists()
    assert f"Seeded {VENDORS} vendors" in seeded
    assert f"{JOBS} job postings" in seeded


def test_seeded_site_has_public_vendors_and_open_jobs(seeded, client):
    assert Vendor.objects.published().exists()
    assert JobPosting.objects.published().exists()
    assert client.get("/vendors/").status_code == 200
    job = JobPosting.objects.published().first()
    assert client.get(job.get_absolute_url()).status_code == 200


def test_published_vendors_have_delivery_centers_in_real_time_zones(seeded):
    published = Vendor.objects.published()
    assert published.exists()
    assert not published.annotate(n=Count("centers")).filter(n=0).exists()
    zones = set(DeliveryCenter.objects.filter(vendor__in=published).values_list("time_zone", flat=True))
    assert zones
    assert zones <= zoneinfo.available_timezones()


def test_job_salaries_have_a_currency_and_a_sane_range(seeded):
    paid = JobPosting.objects.filter(salary_min__isnull=False)
    assert paid.count() == JOBS
    for salary_min, salary_max, currency in paid.values_list("salary_min", "salary_max", "salary_currency"):
        assert currency in Currency.values
        assert salary_max >= salary_min > 0


def test_every_posting_asks_for_a_skill_and_english(seeded):
    postings = JobPosting.objects.annotate(
        skills_n=Count("skill_requirements", distinct=True),
        english=Count("language_requirements", filter=Q(language_requirements__language__code="en"), distinct=True),
    )
    assert postings.count() == JOBS
    assert not postings.filter(skills_n=0).exists()
    assert not postings.filter(english=0).exists()


def job_table_indexes_and_foreign_keys(prefix="jobs_"):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE starts_with(indrelid::regclass::text, %s) ORDER BY 1",
            [prefix],
        )
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND starts_with(conrelid::regclass::text, %s) ORDER BY 1",
            [prefix],
        )
        return indexes, cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are dropped during the load on PostgreSQL")
@pytest.mark.parametrize("large", ["BUILD_INDEXES_AFTER_MIN", "BULK_MIN"])
def test_the_job_indexes_and_foreign_keys_are_back_after_seeding(monkeypatch, large):
    """seed_demo builds the job tables' indexes after a large load, planned in Python or written in bulk by
    PostgreSQL (demo/bulk.py): searches and filters must find them all again, and an orphan row must still be
    refused."""
    monkeypatch.setattr(demo, large, 1)  # a test's load counts as large
    before = job_table_indexes_and_foreign_keys()

    seed()

    assert job_table_indexes_and_foreign_keys() == before
    assert len(before[0]) > 10 and before[1]
    with pytest.raises(IntegrityError), transaction.atomic():
        JobSkillRequirement.objects.create(job_posting_id=10**9, skill_id=JobSkillRequirement.objects.first().skill_id)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are dropped during the load on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_large_load_committed_on_its_own_builds_its_indexes_after_the_commit(monkeypatch):
    """Run by hand (its own transaction), a large seeding commits the data with its unique and foreign keys checked,
    then builds the other indexes two at a time: every one is back, none is left recorded as to be built, and
    the planner has the statistics of the title words' expression index again."""
    monkeypatch.setattr(demo, "BULK_MIN", 1)  # a test's load counts as large
    before = job_table_indexes_and_foreign_keys()

    out = seed()

    assert "indexes after the load" in out
    assert job_table_indexes_and_foreign_keys() == before
    assert not DeferredIndex.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'job_pub_title_fts_idx'")
        assert cursor.fetchone()[0] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are dropped during the load on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_indexes_a_stopped_seeding_left_unbuilt_are_built_by_the_next(monkeypatch):
    """A seeding stopped between its commit and its index builds leaves the postings without their search and
    list indexes, recorded as deferred: the next seeding builds them with its own."""
    monkeypatch.setattr(demo, "BULK_MIN", 1)
    before = job_table_indexes_and_foreign_keys()
    with transaction.atomic():
        demo.seed_demo(vendors=VENDORS, jobs=JOBS, seed=3, defer_indexes=True)  # and stopped there
    missing = set(before[0]) - set(job_table_indexes_and_foreign_keys()[0])
    assert {name for name, _ in missing} >= {"job_pub_search_gin", "job_pub_newest_idx"}
    assert set(DeferredIndex.objects.values_list("name", flat=True)) == {name for name, _ in missing}

    seed("--flush")

    assert job_table_indexes_and_foreign_keys() == before
    assert not DeferredIndex.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="indexes are dropped during the load on PostgreSQL")
def test_the_directory_indexes_and_foreign_keys_are_back_after_seeding_many_vendors(monkeypatch):
    """From BUILD_INDEXES_AFTER_MIN_VENDORS vendors the directory's tables load without their indexes and foreign
    keys too: the vendor list, search and matcher need them all again, and an orphan row is still refused."""
    monkeypatch.setattr(demo, "BUILD_INDEXES_AFTER_MIN_VENDORS", 1)  # a test's load counts as large
    before = job_table_indexes_and_foreign_keys("directory_")

    seed()

    assert job_table_indexes_and_foreign_keys("directory_") == before
    assert len(before[0]) > 10 and before[1]
    assert Vendor.objects.exclude(search_vector=None).count() == Vendor.objects.count() > 0
    with pytest.raises(IntegrityError), transaction.atomic():
        DeliveryCenter.objects.create(vendor_id=10**9, city="Nowhere", country="PH", seats=1)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_flush_keeps_the_demo_reviewers_for_the_next_seeding_and_every_other_account():
    seed(seed=3)
    reviewers = User.objects.filter(username__startswith=demo.REVIEWER_PREFIX)
    first = set(reviewers.values_list("username", flat=True))
    someone = User.objects.create_user("maria", "maria@example.com", "a long passphrase")

    seed("--flush", seed=3)

    assert first and set(reviewers.values_list("username", flat=True)) == first  # the same ones, not twice
    assert User.objects.filter(pk=someone.pk).exists()
    assert not Review.objects.exclude(author__in=reviewers).exists()


def test_same_seed_gives_the_same_data():
    seed(seed=3)
    first = snapshot()

    seed("--flush", seed=3)

    assert snapshot() == first


def test_different_seed_gives_different_data():
    seed(seed=3)
    first = snapshot()

    seed("--flush", seed=4)

    jobs, vendors = snapshot()
    assert jobs != first[0]
    assert vendors != first[1]


def test_refuses_to_add_to_a_populated_database_without_flush(seeded):
    before = snapshot()

    with pytest.raises(CommandError, match="--flush"):
        seed(seed=9)

    assert snapshot() == before


def test_refuses_when_only_factory_data_exists():
    PublishedVendorFactory()

    with pytest.raises(CommandError):
        seed()

    assert Vendor.objects.count() == 1


def test_if_empty_does_nothing_on_a_populated_database(seeded):
    before = snapshot()

    out = seed("--if-empty", seed=9)

    assert "not seeding" in out
    assert snapshot() == before


def test_if_empty_seeds_an_empty_database():
    seed("--if-empty", vendors=3, jobs=5)

    assert Vendor.objects.count() == 3
    assert JobPosting.objects.count() == 5


def test_flush_replaces_the_existing_data(seeded):
    old = PublishedJobPostingFactory(title="Left Over Posting")

    seed("--flush", vendors=4, jobs=7, seed=5)

    assert Vendor.objects.count() == 4
    assert JobPosting.objects.count() == 7
    assert not JobPosting.objects.filter(pk=old.pk).exists()
    assert not Employer.objects.filter(pk=old.employer_id).exists()


def test_flush_keeps_user_accounts(seeded, curator):
    seed("--flush", vendors=2, jobs=2)

    assert User.objects.filter(pk=curator.pk, groups__name=CURATORS_GROUP).exists()


def test_factories_still_work_after_seeding(client):
    # Start the id sequences where a fresh database has them, whatever earlier tests used: seed_demo writes the
    # posting ids itself, so unless it moves the sequences on, the factory's next insert reuses id 1.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [JobPosting, JobSkillRequirement]):
            cursor.execute(sql)
    seed()

    posting = PublishedJobPostingFactory()

    assert JobPosting.objects.count() == JOBS + 1
    assert client.get(posting.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(("vendors", "jobs"), [(0, 10), (3, -1)])
def test_rejects_impossible_sizes(vendors, jobs):
    with pytest.raises(CommandError):
        seed(vendors=vendors, jobs=jobs)

    assert not Vendor.objects.exists()


# --- ensure_demo_curator ------------------------------------------------------------------------


def test_demo_curator_is_refused_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="local development only"):
        call_command("ensure_demo_curator", stdout=io.StringIO())

    assert not User.objects.filter(username="curator").exists()


def test_demo_curator_can_log_in_to_the_admin_with_debug(settings, client):
    settings.DEBUG = True

    call_command("ensure_demo_curator", stdout=io.StringIO())

    user = authenticate(username="curator", password="curator")
    assert user is not None
    assert user.is_staff
    assert user.groups.filter(name=CURATORS_GROUP).exists()
    assert user.has_perm("directory.moderate_vendor")
    assert user.has_perm("jobs.moderate_jobposting")
    assert client.login(username="curator", password="curator")
    assert client.get("/admin/directory/vendor/").status_code == 200


def test_demo_curator_command_resets_a_changed_password(settings):
    settings.DEBUG = True
    call_command("ensure_demo_curator", stdout=io.StringIO())
    user = User.objects.get(username="curator")
    user.set_password("something else")
    user.is_staff = False
    user.save()

    call_command("ensure_demo_curator", stdout=io.StringIO())

    assert User.objects.filter(username="curator").count() == 1
    again = authenticate(username="curator", password="curator")
    assert again is not None
    assert again.is_staff


def test_demo_people_can_try_the_journeys_at_once(settings, client):
    from demo.factories.directory import BpoEmployerFactory, PublishedVendorFactory

    settings.DEBUG = True
    vendor = PublishedVendorFactory(name="Aardvark Contact")
    BpoEmployerFactory(vendor=vendor)

    call_command("ensure_demo_curator", stdout=io.StringIO())

    for username in ("seeker", "business", "employer"):
        assert client.login(username=username, password=username)
        assert client.get("/dashboard/").status_code == 200
    employer = User.objects.get(username="employer")
    assert employer.memberships.get().vendor == vendor
    assert employer.emailaddress_set.get().verified
    assert "Post a job" in client.get("/dashboard/").content.decode()
