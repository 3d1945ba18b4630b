"""The curators' admin: the Curators group, the moderation actions, the review queues, the pages and their cost."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from accounts.groups import CURATORS_GROUP
from demo.factories.accounts import UserFactory
from demo.factories.directory import (
    ArchivedVendorFactory,
    BpoEmployerFactory,
    DeliveryCenterFactory,
    EmployerFactory,
    EmployerMembershipFactory,
    PendingVendorFactory,
    PublishedVendorFactory,
    RejectedVendorFactory,
    VendorFactory,
    VendorMembershipFactory,
)
from demo.factories.jobs import (
    ClosedJobPostingFactory,
    ExpiredJobPostingFactory,
    JobPostingFactory,
    PendingJobPostingFactory,
    PublishedJobPostingFactory,
    RejectedJobPostingFactory,
)
from directory.models import CallCenterType, Channel, ServiceType, ShoreModel, Vendor
from jobs.models import JobPosting, Skill
from tests.helpers import count_queries, published_vendors_with_centers, run_action

pytestmark = pytest.mark.django_db

VENDORS = "admin:directory_vendor_changelist"
JOBS = "admin:jobs_jobposting_changelist"
VENDOR_QUEUE = "admin:directory_vendorreviewqueue_changelist"
JOB_QUEUE = "admin:jobs_jobpostingreviewqueue_changelist"


def messages(response, level):
    return [str(m) for m in response.context["messages"] if m.level_tag == level]


def shown(response):
    """The primary keys of the rows the changelist shows."""
    return [obj.pk for obj in response.context["cl"].result_list]


def published_posting(title, *, expires_in_days):
    now = timezone.now()
    return PublishedJobPostingFactory(
        title=title,
        published_at=now - timedelta(days=70),
        expires_at=now + timedelta(days=expires_in_days),
    )


# --- The Curators group -------------------------------------------------------------------------


def test_curators_group_exists_after_migrate_with_moderation_but_no_delete_of_listings():
    group = Group.objects.get(name=CURATORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))

    assert {"moderate_vendor", "moderate_jobposting", "change_vendor", "change_jobposting"} <= codenames
    assert {"delete_deliverycenter", "delete_jobskillrequirement"} <= codenames
    assert "delete_vendor" not in codenames
    assert "delete_jobposting" not in codenames
    assert "delete_employer" not in codenames


def test_curator_cannot_delete_a_vendor_or_a_job_posting(curator_client):
    vendor = PublishedVendorFactory()
    posting = PublishedJobPostingFactory()

    vendor_page = curator_client.get(reverse("admin:directory_vendor_delete", args=[vendor.pk]))
    posting_page = curator_client.get(reverse("admin:jobs_jobposting_delete", args=[posting.pk]))

    assert vendor_page.status_code == 403
    assert posting_page.status_code == 403
    assert Vendor.objects.filter(pk=vendor.pk).exists()


def test_curator_sees_the_moderation_actions_and_no_bulk_delete(curator_client):
    PendingVendorFactory()

    page = curator_client.get(reverse(VENDORS))

    actions = dict(page.context["action_form"].fields["action"].choices)
    assert {"approve", "reject", "verify", "unverify", "feature", "unfeature", "archive"} <= set(actions)
    assert "delete_selected" not in actions
    assert b'<option value="approve">' in page.content


# --- Vendor actions ----------------------------------------------------------------------------


def test_approve_publishes_pending_and_draft_vendors(curator_client, curator):
    pending, draft = PendingVendorFactory(), VendorFactory()

    response = run_action(curator_client, VENDORS, "approve", [pending, draft])

    assert response.status_code == 200
    assert messages(response, "success") == ["2 published."]
    for vendor in (pending, draft):
        vendor.refresh_from_db()
        assert vendor.status == Vendor.Status.PUBLISHED
        assert vendor.published_at is not None
        assert vendor.status_changed_by == curator


def test_reject_uses_the_reason_typed_in_the_action_bar(curator_client):
    vendor = PendingVendorFactory()

    response = run_action(
        curator_client, VENDORS, "reject", [vendor], reason="No website or phone number we could check."
    )

    assert messages(response, "success") == ["1 rejected."]
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.REJECTED
    assert vendor.rejection_reason == "No website or phone number we could check."


@pytest.mark.parametrize("reason", ["", "   "])
def test_reject_without_a_reason_is_refused_and_changes_nothing(curator_client, reason):
    vendor = PendingVendorFactory(name="Quiet Harbor Contact")

    response = run_action(curator_client, VENDORS, "reject", [vendor], reason=reason)

    assert messages(response, "success") == []
    [error] = messages(response, "error")
    assert "Quiet Harbor Contact" in error
    assert "Say why the listing is rejected" in error
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.PENDING
    assert vendor.rejection_reason == ""


def test_verify_and_unverify_set_and_remove_the_badge(curator_client, curator):
    vendor = PublishedVendorFactory()

    verified = run_action(curator_client, VENDORS, "verify", [vendor])
    vendor.refresh_from_db()
    assert messages(verified, "success") == ["1 verified."]
    assert vendor.verified is True
    assert vendor.verified_by == curator
    assert vendor.verified_at is not None

    unverified = run_action(curator_client, VENDORS, "unverify", [vendor])
    vendor.refresh_from_db()
    assert messages(unverified, "success") == ["1 unverified."]
    assert vendor.verified is False
    assert vendor.verified_at is None


def test_feature_and_unfeature_a_published_vendor(curator_client, curator):
    vendor = PublishedVendorFactory()

    featured = run_action(curator_client, VENDORS, "feature", [vendor])
    vendor.refresh_from_db()
    assert messages(featured, "success") == ["1 featured."]
    assert vendor.featured is True
    assert vendor.featured_by == curator

    unfeatured = run_action(curator_client, VENDORS, "unfeature", [vendor])
    vendor.refresh_from_db()
    assert messages(unfeatured, "success") == ["1 no longer featured."]
    assert vendor.featured is False


def test_feature_refuses_a_vendor_that_is_not_published(curator_client):
    vendor = PendingVendorFactory(name="Northwind Pending Support")

    response = run_action(curator_client, VENDORS, "feature", [vendor])

    [error] = messages(response, "error")
    assert "Northwind Pending Support" in error
    assert "pending review" in error
    vendor.refresh_from_db()
    assert vendor.featured is False


def test_archive_takes_a_featured_vendor_off_the_site(curator_client):
    now = timezone.now()
    vendor = PublishedVendorFactory(featured=True, featured_at=now)

    response = run_action(curator_client, VENDORS, "archive", [vendor])

    assert messages(response, "success") == ["1 archived."]
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.ARCHIVED
    assert vendor.featured is False
    assert curator_client.get(vendor.get_absolute_url()).status_code == 404


def test_mixed_selection_changes_the_allowed_vendors_and_names_the_refused_ones(curator_client):
    pending = PendingVendorFactory(name="Alpha Pending Care")
    draft = VendorFactory(name="Bravo Draft Care")
    rejected = RejectedVendorFactory(name="Charlie Rejected Care")
    archived = ArchivedVendorFactory(name="Delta Archived Care")

    response = run_action(curator_client, VENDORS, "approve", [pending, draft, rejected, archived])

    assert messages(response, "success") == ["2 published."]
    errors = messages(response, "error")
    assert len(errors) == 2
    assert any("Charlie Rejected Care" in e and "it is rejected" in e for e in errors)
    assert any("Delta Archived Care" in e and "it is archived" in e for e in errors)
    statuses = dict(Vendor.objects.values_list("name", "status"))
    assert statuses == {
        "Alpha Pending Care": "published",
        "Bravo Draft Care": "published",
        "Charlie Rejected Care": "rejected",
        "Delta Archived Care": "archived",
    }


def test_workflow_actions_are_recorded_in_the_vendor_history(curator_client):
    vendor = PendingVendorFactory()

    run_action(curator_client, VENDORS, "reject", [vendor], reason="Centers could not be confirmed.")
    history = curator_client.get(reverse("admin:directory_vendor_history", args=[vendor.pk]))

    assert history.status_code == 200
    assert "Rejected: Centers could not be confirmed." in history.content.decode()


# --- Job posting actions -----------------------------------------------------------------------


def test_approve_publishes_a_pending_posting_for_sixty_days(curator_client, curator):
    posting = PendingJobPostingFactory()

    response = run_action(curator_client, JOBS, "approve", [posting])

    assert messages(response, "success") == ["1 published."]
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.PUBLISHED
    assert posting.status_changed_by == curator
    assert posting.expires_at - posting.published_at == timedelta(days=60)


def test_reject_posting_with_a_reason(curator_client):
    posting = PendingJobPostingFactory()

    response = run_action(curator_client, JOBS, "reject", [posting], reason="Pay is not stated.")

    assert messages(response, "success") == ["1 rejected."]
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.REJECTED
    assert posting.rejection_reason == "Pay is not stated."


def test_reject_posting_without_a_reason_is_refused(curator_client):
    posting = PendingJobPostingFactory(title="Chat Support Associate")

    response = run_action(curator_client, JOBS, "reject", [posting], reason="")

    [error] = messages(response, "error")
    assert "Chat Support Associate" in error
    assert "Say why the posting is rejected" in error
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.PENDING


def test_close_stops_a_published_posting(curator_client):
    posting = PublishedJobPostingFactory()

    response = run_action(curator_client, JOBS, "close", [posting])

    assert messages(response, "success") == ["1 closed."]
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.CLOSED
    assert "This job is no longer open." in curator_client.get(posting.get_absolute_url()).content.decode()
    assert posting not in JobPosting.objects.published()


def test_extend_adds_the_days_typed_in_the_box(curator_client):
    posting = published_posting("Inbound Voice CSR", expires_in_days=5)
    old_expiry = posting.expires_at

    response = run_action(curator_client, JOBS, "extend", [posting], days="10")

    assert messages(response, "success") == ["1 extended."]
    posting.refresh_from_db()
    assert posting.expires_at == old_expiry + timedelta(days=10)


def test_extend_without_days_adds_sixty_days(curator_client):
    posting = published_posting("Inbound Voice CSR", expires_in_days=5)
    old_expiry = posting.expires_at

    run_action(curator_client, JOBS, "extend", [posting], days="")

    posting.refresh_from_db()
    assert posting.expires_at == old_expiry + timedelta(days=60)


def test_extend_brings_an_expired_posting_back(curator_client):
    posting = ExpiredJobPostingFactory()

    run_action(curator_client, JOBS, "extend", [posting], days="30")

    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.PUBLISHED
    assert posting.expires_at > timezone.now() + timedelta(days=29)
    assert curator_client.get(posting.get_absolute_url()).status_code == 200


def shown_messages(response):
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("days", ["0", "400", "soon"])
def test_extend_with_days_out_of_range_changes_nothing(curator_client, days):
    posting = published_posting("Inbound Voice CSR", expires_in_days=5)
    old_expiry = posting.expires_at

    response = run_action(curator_client, JOBS, "extend", [posting], days=days)

    posting.refresh_from_db()
    assert posting.expires_at == old_expiry
    assert messages(response, "success") == []
    assert shown_messages(response)


def test_reject_with_a_reason_over_2000_characters_changes_nothing(curator_client):
    posting = PendingJobPostingFactory()

    response = run_action(curator_client, JOBS, "reject", [posting], reason="x" * 2001)

    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.PENDING
    assert messages(response, "success") == []
    assert shown_messages(response)


def test_extend_with_days_out_of_range_says_what_is_wrong(curator_client):
    posting = published_posting("Inbound Voice CSR", expires_in_days=5)

    response = run_action(curator_client, JOBS, "extend", [posting], days="400")

    assert any("Days" in m for m in shown_messages(response)), shown_messages(response)


def test_expire_only_expires_postings_past_their_expiry(curator_client):
    due = published_posting("Overdue Night Shift CSR", expires_in_days=-1)
    running = published_posting("Running Day Shift CSR", expires_in_days=20)

    response = run_action(curator_client, JOBS, "expire", [due, running])

    assert messages(response, "success") == ["1 expired."]
    [error] = messages(response, "error")
    assert "Running Day Shift CSR" in error
    assert "close it instead" in error
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.status == JobPosting.Status.EXPIRED
    assert running.status == JobPosting.Status.PUBLISHED


def test_mixed_selection_of_postings_changes_only_the_allowed_ones(curator_client):
    pending = PendingJobPostingFactory(title="Pending Email Support Agent")
    closed = ClosedJobPostingFactory(title="Closed Collections Agent")
    rejected = RejectedJobPostingFactory(title="Rejected Sales Agent")

    response = run_action(curator_client, JOBS, "approve", [pending, closed, rejected])

    assert messages(response, "success") == ["1 published."]
    errors = messages(response, "error")
    assert len(errors) == 2
    assert any("Closed Collections Agent" in e for e in errors)
    assert any("Rejected Sales Agent" in e for e in errors)
    statuses = dict(JobPosting.objects.values_list("title", "status"))
    assert statuses == {
        "Pending Email Support Agent": "published",
        "Closed Collections Agent": "closed",
        "Rejected Sales Agent": "rejected",
    }


# --- Staff without the moderate permission ------------------------------------------------------


@pytest.fixture
def editor_client(client):
    """Staff who may view and edit vendors and postings, but not moderate them."""
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_vendor", "change_vendor", "view_jobposting", "change_jobposting"]
        )
    )
    client.force_login(editor)
    return client


def test_staff_without_moderate_permission_sees_no_actions(editor_client):
    PendingVendorFactory()
    PendingJobPostingFactory()

    for changelist in (VENDORS, JOBS):
        page = editor_client.get(reverse(changelist))
        assert page.status_code == 200
        assert page.context["action_form"] is None
        assert b'<option value="approve">' not in page.content


def test_staff_without_moderate_permission_cannot_run_actions(editor_client):
    vendor = PendingVendorFactory()
    posting = PendingJobPostingFactory()

    run_action(editor_client, VENDORS, "approve", [vendor])
    run_action(editor_client, JOBS, "approve", [posting])

    vendor.refresh_from_db()
    posting.refresh_from_db()
    assert vendor.status == Vendor.Status.PENDING
    assert posting.status == JobPosting.Status.PENDING


# --- Review queues -----------------------------------------------------------------------------


def test_vendor_review_queue_lists_only_pending_vendors_oldest_first(curator_client):
    now = timezone.now()
    newer = PendingVendorFactory(status_changed_at=now - timedelta(hours=1))
    older = PendingVendorFactory(status_changed_at=now - timedelta(days=3))
    VendorFactory()
    PublishedVendorFactory()
    RejectedVendorFactory()
    ArchivedVendorFactory()

    page = curator_client.get(reverse(VENDOR_QUEUE))

    assert page.status_code == 200
    assert shown(page) == [older.pk, newer.pk]


def test_job_posting_review_queue_lists_only_pending_postings(curator_client):
    pending = PendingJobPostingFactory()
    JobPostingFactory()
    PublishedJobPostingFactory()
    RejectedJobPostingFactory()
    ClosedJobPostingFactory()

    page = curator_client.get(reverse(JOB_QUEUE))

    assert page.status_code == 200
    assert shown(page) == [pending.pk]


@pytest.mark.parametrize(
    ("queue", "offered"),
    [(VENDOR_QUEUE, {"approve", "reject", "verify", "archive"}), (JOB_QUEUE, {"approve", "reject"})],
)
def test_review_queue_offers_only_review_actions(curator_client, queue, offered):
    page = curator_client.get(reverse(queue))

    choices = {name for name, _label in page.context["action_form"].fields["action"].choices if name}
    assert choices == offered


def test_approving_from_the_vendor_queue_empties_it(curator_client):
    vendor = PendingVendorFactory()

    response = run_action(curator_client, VENDOR_QUEUE, "approve", [vendor])

    assert messages(response, "success") == ["1 published."]
    assert shown(response) == []
    vendor.refresh_from_db()
    assert vendor.status == Vendor.Status.PUBLISHED


def test_rejecting_from_the_job_queue_empties_it(curator_client):
    posting = PendingJobPostingFactory()

    response = run_action(curator_client, JOB_QUEUE, "reject", [posting], reason="Duplicate of another posting.")

    assert shown(response) == []
    posting.refresh_from_db()
    assert posting.status == JobPosting.Status.REJECTED


# --- Every page a curator uses answers --------------------------------------------------------


def _vendor_with_everything():
    vendor = PublishedVendorFactory(services=list(ServiceType.objects.all()[:2]))
    DeliveryCenterFactory(vendor=vendor)
    VendorMembershipFactory(vendor=vendor)
    return vendor


def _employer_with_member():
    employer = EmployerFactory()
    EmployerMembershipFactory(employer=employer)
    return employer


PAGES = {
    "directory_vendor": _vendor_with_everything,
    "directory_vendorreviewqueue": PendingVendorFactory,
    "directory_employer": _employer_with_member,
    "directory_membership": VendorMembershipFactory,
    "directory_servicetype": lambda: ServiceType.objects.first(),
    "jobs_jobposting": PublishedJobPostingFactory,
    "jobs_jobpostingreviewqueue": PendingJobPostingFactory,
    "jobs_skill": lambda: Skill.objects.first(),
}


@pytest.mark.parametrize("model", PAGES)
def test_changelist_and_change_form_answer_for_a_curator(curator_client, model):
    obj = PAGES[model]()

    changelist = curator_client.get(reverse(f"admin:{model}_changelist"))
    change = curator_client.get(reverse(f"admin:{model}_change", args=[obj.pk]))

    assert changelist.status_code == 200
    assert obj.pk in shown(changelist)
    assert change.status_code == 200
    assert change.context["original"] == obj


@pytest.mark.parametrize(
    "model",
    [
        "directory_vendor",
        "directory_employer",
        "directory_membership",
        "directory_servicetype",
        "jobs_jobposting",
        "jobs_skill",
    ],
)
def test_add_form_answers_for_a_curator(curator_client, model):
    page = curator_client.get(reverse(f"admin:{model}_add"))

    assert page.status_code == 200
    assert page.context["add"] is True


def test_curator_can_edit_a_vendor_from_its_change_form(curator_client):
    vendor = PublishedVendorFactory(name="Old Name Support")
    url = reverse("admin:directory_vendor_change", args=[vendor.pk])
    form = curator_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and name not in {"logo"}
    }
    data.update(
        {
            "name": "New Name Support",
            "services": [s.pk for s in vendor.services.all()],
            "centers-TOTAL_FORMS": "0",
            "centers-INITIAL_FORMS": "0",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    for name in ("shore_models", "call_center_types", "channels", "languages", "industries", "compliance_standards"):
        data[name] = []

    response = curator_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    vendor.refresh_from_db()
    assert vendor.name == "New Name Support"
    assert vendor.status == Vendor.Status.PUBLISHED


# --- No query per row ---------------------------------------------------------------------------


def _queries(client, url):
    count, response = count_queries(client, url)
    return count, len(response.context["cl"].result_list)


_vendors = published_vendors_with_centers


def _postings(n):
    for i in range(n):
        if i % 2:
            PublishedJobPostingFactory()
        else:
            PendingJobPostingFactory(employer=EmployerFactory())


def _pending_vendors(n):
    for _ in range(n):
        DeliveryCenterFactory(vendor=PendingVendorFactory())


def _pending_postings(n):
    PendingJobPostingFactory.create_batch(n)


@pytest.mark.parametrize(
    ("changelist", "make_rows"),
    [(VENDORS, _vendors), (JOBS, _postings), (VENDOR_QUEUE, _pending_vendors), (JOB_QUEUE, _pending_postings)],
)
def test_changelist_query_count_does_not_grow_with_rows(curator_client, changelist, make_rows):
    url = reverse(changelist)

    make_rows(5)
    few, few_rows = _queries(curator_client, url)
    make_rows(25)
    many, many_rows = _queries(curator_client, url)

    assert (few_rows, many_rows) == (5, 30)
    assert many == few


# --- List filters -------------------------------------------------------------------------------


@pytest.fixture
def vendor_pair():
    """A published, verified, featured 24/7 vendor with two Philippine centers, and a pending one that differs in
    every filtered field."""
    now = timezone.now()
    service, other_service = ServiceType.objects.order_by("pk")[:2]
    shore, other_shore = ShoreModel.objects.order_by("pk")[:2]
    cc_type, other_cc_type = CallCenterType.objects.order_by("pk")[:2]
    channel, other_channel = Channel.objects.order_by("pk")[:2]
    match = PublishedVendorFactory(
        verified=True,
        verified_at=now,
        featured=True,
        featured_at=now,
        hours=Vendor.Hours.ALWAYS,
        services=[service],
        shore_models=[shore],
        call_center_types=[cc_type],
        channels=[channel],
    )
    DeliveryCenterFactory(vendor=match, city="Manila", country="PH", time_zone="Asia/Manila")
    DeliveryCenterFactory(vendor=match, city="Cebu City", country="PH", time_zone="Asia/Manila")
    other = PendingVendorFactory(
        hours=Vendor.Hours.BUSINESS,
        services=[other_service],
        shore_models=[other_shore],
        call_center_types=[other_cc_type],
        channels=[other_channel],
    )
    DeliveryCenterFactory(vendor=other, city="Dallas", country="US", time_zone="America/Chicago")
    return match, other


VENDOR_FILTERS = {
    "status__exact=published": lambda v: "",
    "verified__exact=1": lambda v: "",
    "featured__exact=1": lambda v: "",
    "hours__exact=24x7": lambda v: "",
    "services__id__exact=": lambda v: v.services.get().pk,
    "shore_models__id__exact=": lambda v: v.shore_models.get().pk,
    "call_center_types__id__exact=": lambda v: v.call_center_types.get().pk,
    "channels__id__exact=": lambda v: v.channels.get().pk,
    "centers_country=PH": lambda v: "",
}


@pytest.mark.parametrize("query", VENDOR_FILTERS)
def test_vendor_list_filter_shows_only_matching_vendors_once(curator_client, vendor_pair, query):
    match, _other = vendor_pair

    page = curator_client.get(f"{reverse(VENDORS)}?{query}{VENDOR_FILTERS[query](match)}")

    assert page.status_code == 200
    assert shown(page) == [match.pk]


def test_vendor_country_filter_offers_only_countries_with_centers(curator_client, vendor_pair):
    page = curator_client.get(reverse(VENDORS))

    [country_filter] = [
        f for f in page.context["cl"].filter_specs if getattr(f, "parameter_name", None) == "centers_country"
    ]
    assert [code for code, _ in country_filter.lookup_choices] == ["PH", "US"]


@pytest.fixture
def posting_pair():
    """A published posting by a BPO in the Philippines, and a pending one by an in-house team elsewhere."""
    match = PublishedJobPostingFactory(
        employer=BpoEmployerFactory(),
        country="PH",
        work_arrangement=JobPosting.WorkArrangement.REMOTE,
        shift=JobPosting.Shift.NIGHT,
        account_type=JobPosting.AccountType.NON_VOICE,
        employment_type=JobPosting.EmploymentType.PART_TIME,
    )
    other = PendingJobPostingFactory(
        employer=EmployerFactory(),
        country="US",
        work_arrangement=JobPosting.WorkArrangement.ONSITE,
        shift=JobPosting.Shift.DAY,
        account_type=JobPosting.AccountType.VOICE,
        employment_type=JobPosting.EmploymentType.FULL_TIME,
    )
    return match, other


JOB_FILTERS = {
    "status__exact=published": lambda j: "",
    "work_arrangement__exact=remote": lambda j: "",
    "shift__exact=night": lambda j: "",
    "account_type__exact=non_voice": lambda j: "",
    "employment_type__exact=part_time": lambda j: "",
    "employer_kind=bpo": lambda j: "",
    "country=PH": lambda j: "",
    "employer__id__exact=": lambda j: j.employer_id,
}


@pytest.mark.parametrize("query", JOB_FILTERS)
def test_job_posting_list_filter_shows_only_matching_postings(curator_client, posting_pair, query):
    match, _other = posting_pair

    page = curator_client.get(f"{reverse(JOBS)}?{query}{JOB_FILTERS[query](match)}")

    assert page.status_code == 200
    assert shown(page) == [match.pk]


def test_employer_kind_filter_in_house_shows_only_in_house_postings(curator_client, posting_pair):
    _match, other = posting_pair

    page = curator_client.get(f"{reverse(JOBS)}?employer_kind=in_house")

    assert shown(page) == [other.pk]


@pytest.mark.parametrize(("queue", "query"), [(VENDOR_QUEUE, "centers_country=US"), (JOB_QUEUE, "country=US")])
def test_review_queue_country_filter(curator_client, vendor_pair, posting_pair, queue, query):
    expected = vendor_pair[1] if queue == VENDOR_QUEUE else posting_pair[1]

    page = curator_client.get(f"{reverse(queue)}?{query}")

    assert page.status_code == 200
    assert shown(page) == [expected.pk]
