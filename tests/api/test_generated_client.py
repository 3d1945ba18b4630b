"""A Python client generated from the OpenAPI document by openapi-python-client calls every operation of the API
against a live server and reads every answer into its generated models: the successes, and at least one 400 per
write read into the generated `ValidationError` model (and 404s into `Error`). The clients raise on a status the
document does not declare, so the document says exactly what the server answers."""

import importlib
import io
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from django.core import signing
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from demo.factories.accounts import VerifiedUserFactory
from demo.factories.directory import EmployerFactory, EmployerMembershipFactory, VendorMembershipFactory
from directory.models import Invitation, Review
from directory.services.organizations import INVITATION_SALT
from tests.helpers import make_job, make_vendor

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
PACKAGE = "bpo_api_client"
PDF = b"%PDF-1.7\n%%EOF\n"
PASSWORD = "correct horse battery staple"  # the factories' password


@pytest.fixture(scope="module")
def generated(tmp_path_factory, django_db_setup, django_db_blocker):
    """The client package, generated from /api/v1/schema/ into a temporary folder and imported from there."""
    with django_db_blocker.unblock():
        response = APIClient().get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    folder = tmp_path_factory.mktemp("generated")
    (folder / "openapi.json").write_bytes(response.content)
    (folder / "config.yaml").write_text("post_hooks: []\n")  # no ruff run over the generated code
    result = subprocess.run(  # noqa: S603 - the generator installed beside this interpreter
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(folder / "openapi.json"),
            "--meta",
            "none",
            "--output-path",
            str(folder / PACKAGE),
            "--config",
            str(folder / "config.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE), result.stdout + result.stderr
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


class Api:
    """The generated operations by name (`api("vendors.vendors_list", ...)`), each call remembered."""

    def __init__(self, package, base_url: str):
        self.package, self.base_url = package, base_url
        self.models = importlib.import_module(f"{PACKAGE}.models")
        self.types = importlib.import_module(f"{PACKAGE}.types")
        self.called: set[str] = set()
        self.clients = []

    def __call__(self, operation: str, *args, **kwargs):
        module = importlib.import_module(f"{PACKAGE}.api.{operation}")
        self.called.add(operation)
        return module.sync_detailed(*args, **kwargs)

    def operations(self) -> set[str]:
        folder = Path(self.package.__file__).parent / "api"
        return {f"{path.parent.name}.{path.stem}" for path in folder.glob("*/*.py") if path.stem != "__init__"}

    def anonymous(self):
        # The generator types operations with optional authentication as needing a token; any client works.
        client = self.package.Client(base_url=self.base_url, raise_on_unexpected_status=True, timeout=httpx.Timeout(30))
        self.clients.append(client)
        return client

    def as_user(self, user):
        token, _ = Token.objects.get_or_create(user=user)
        client = self.package.AuthenticatedClient(
            base_url=self.base_url,
            token=token.key,
            prefix="Token",
            raise_on_unexpected_status=True,
            timeout=httpx.Timeout(30),
        )
        self.clients.append(client)
        return client

    def close(self):
        """Close the kept-alive connections, so that the live server's threads end with the test."""
        for client in self.clients:
            client.get_httpx_client().close()

    def pdf(self, name="cv.pdf", content=PDF, mime_type="application/pdf"):
        return self.types.File(payload=io.BytesIO(content), file_name=name, mime_type=mime_type)


def is_validation_error(api, response, *names) -> bool:
    """A 400 read into the generated ValidationError model, naming `names` among its keys."""
    parsed = response.parsed
    return (
        response.status_code == 400
        and isinstance(parsed, api.models.ValidationError)
        and set(names) <= set(parsed.additional_properties)
    )


def is_error(api, response, status) -> bool:
    return response.status_code == status and isinstance(response.parsed, api.models.Error) and response.parsed.detail


@pytest.fixture
def world(db):
    """A published BPO with a member (an owner) and one with none, an in-house employer with a member and an open
    posting, a job seeker and a business, all with confirmed emails."""
    vendor = make_vendor(
        "Harbor Contact",
        services=["customer-support"],
        channels=["voice"],
        centers=[("PH", 120)],
        languages=["en"],
        hours="24x7",
        hourly_rate_min=Decimal("9.00"),
        hourly_rate_max=Decimal("14.00"),
    )
    vendor_member = VerifiedUserFactory(username="vendor_owner")
    VendorMembershipFactory(vendor=vendor, user=vendor_member, role="owner")
    employer = EmployerFactory(name="Acme Care", slug="acme-care")
    recruiter = VerifiedUserFactory(username="recruiter")
    EmployerMembershipFactory(employer=employer, user=recruiter, role="owner")
    posting = make_job("Chat Support Agent", employer=employer, skills=["zendesk"], languages=["en"])
    return {
        "vendor": vendor,
        "unclaimed": make_vendor("Summit Outsourcing", services=["technical-support"], centers=[("MX", 40)]),
        "vendor_member": vendor_member,
        "employer": employer,
        "recruiter": recruiter,
        "posting": posting,
        "seeker": VerifiedUserFactory(username="maria", email="maria@example.com", kind="seeker"),
        "business": VerifiedUserFactory(username="buyer", email="buyer@example.com", kind="business"),
        "colleague": VerifiedUserFactory(username="colleague", email="colleague@example.com"),
    }


def test_the_generator_reads_the_document_without_a_warning(generated):
    _, output = generated

    assert "Warning" not in output, output


def test_a_generated_client_calls_every_operation_and_reads_every_answer(generated, live_server, world):
    api = Api(generated[0], live_server.url)
    try:
        read_the_directory_and_the_job_board(api, world)
        contact_match_review_and_claim_a_vendor(api, world)
        apply_as_a_job_seeker(api, world)
        run_an_organization(api, world)
    finally:
        api.close()

    assert api.called == api.operations()


def read_the_directory_and_the_job_board(api, world):
    models, anonymous = api.models, api.anonymous()
    vendor, posting = world["vendor"], world["posting"]

    vendors = api(
        "vendors.vendors_list",
        client=anonymous,
        service=["customer-support"],
        country=[models.VendorsListCountryItem.PH],
    )
    assert vendors.status_code == 200 and isinstance(vendors.parsed, models.PaginatedVendorList)
    assert [item.slug for item in vendors.parsed.results] == [vendor.slug]
    detail = api("vendors.vendors_retrieve", vendor.slug, client=anonymous)
    assert isinstance(detail.parsed, models.VendorDetail) and detail.parsed.name == "Harbor Contact"
    assert is_error(api, api("vendors.vendors_retrieve", "no-such-vendor", client=anonymous), 404)
    facets = api("vendors.vendors_facets_retrieve", client=anonymous)
    assert facets.status_code == 200 and "service" in facets.parsed.additional_properties
    assert is_validation_error(api, api("vendors.vendors_list", client=anonymous, page_size=0), "page_size")

    jobs = api("jobs.jobs_list", client=anonymous, skill=["zendesk"], ordering=[models.JobsListOrderingItem.POSTED_AT])
    assert isinstance(jobs.parsed, models.PaginatedJobPostingList)
    assert [item.slug for item in jobs.parsed.results] == [posting.slug]
    job = api("jobs.jobs_retrieve", posting.slug, client=anonymous)
    assert isinstance(job.parsed, models.JobPostingDetail) and job.parsed.title == "Chat Support Agent"
    assert is_error(api, api("jobs.jobs_retrieve", "no-such-job", client=anonymous), 404)
    assert "skill" in api("jobs.jobs_facets_retrieve", client=anonymous).parsed.additional_properties
    assert is_validation_error(api, api("jobs.jobs_list", client=anonymous, min_salary=-1.0), "min_salary")

    for operation, model in [
        ("services.services_list", models.ServiceTypeTerm),
        ("industries.industries_list", models.IndustryTerm),
        ("languages.languages_list", models.LanguageTerm),
        ("compliance_standards.compliance_standards_list", models.ComplianceStandardTerm),
        ("skills.skills_list", models.SkillTerm),
        ("certifications.certifications_list", models.CertificationTerm),
    ]:
        terms = api(operation, client=anonymous).parsed
        assert terms and all(isinstance(term, model) for term in terms), operation

    pay = api("insights.insights_pay_retrieve", client=anonymous, country=[models.InsightsPayRetrieveCountryItem.PH])
    assert isinstance(pay.parsed, models.PayInsights)
    cost = api(
        "insights.insights_cost_retrieve", client=anonymous, client_country=models.InsightsCostRetrieveClientCountry.US
    )
    assert isinstance(cost.parsed, models.CostInsights) and cost.parsed.client_country == "US"
    assert isinstance(api("insights.insights_demand_retrieve", client=anonymous).parsed, models.DemandInsights)
    assert is_validation_error(
        api, api("insights.insights_pay_retrieve", client=anonymous, min_salary=-5.0), "min_salary"
    )


def contact_match_review_and_claim_a_vendor(api, world):
    models, vendor, business = api.models, world["vendor"], world["business"]

    token = api("auth.auth_token_create", client=api.anonymous(), body=models.AuthTokenRequest("buyer", PASSWORD))
    assert isinstance(token.parsed, models.Token) and token.parsed.token == Token.objects.get(user=business).key
    wrong = api("auth.auth_token_create", client=api.anonymous(), body=models.AuthTokenRequest("buyer", "guess"))
    assert is_validation_error(api, wrong, "non_field_errors")
    client = api.as_user(business)

    # The brief's hours are an object: the request a form encoding could not carry.
    hours = models.MatchRequestRequestHoursType1(start="09:00", end="17:00", time_zone="America/New_York")
    brief = models.MatchRequestRequest(services=["customer-support"], seats=20, hours=hours)
    matches = api("vendors.vendors_match_create", client=client, body=brief)
    assert isinstance(matches.parsed, models.MatchResponse)
    assert [match.vendor.slug for match in matches.parsed.results] == [vendor.slug]
    wrong_hours = models.MatchRequestRequestHoursType1(start="9 o'clock", end="17:00", time_zone="Mars/Olympus")
    refused = api("vendors.vendors_match_create", client=client, body=models.MatchRequestRequest(hours=wrong_hours))
    assert is_validation_error(api, refused, "hours")

    inquiry = models.InquiryRequest(name="Ana", email="buyer@example.com", seats=20, message="Voice support, 20 seats.")
    sent = api("vendors.vendors_inquiries_create", vendor.slug, client=client, body=inquiry)
    assert sent.status_code == 201 and isinstance(sent.parsed, models.Inquiry)
    empty = models.InquiryRequest(name="Ana", email="not an address", seats=0, message="")
    assert is_validation_error(
        api, api("vendors.vendors_inquiries_create", vendor.slug, client=client, body=empty), "email", "seats"
    )
    inquiries = api("inquiries.inquiries_list", client=client)
    assert [item.vendor for item in inquiries.parsed.results] == [vendor.slug]

    ratings = {"overall": 5, "quality": 5, "communication": 4, "value": 4, "reliability": 5}
    review = api(
        "vendors.vendors_reviews_create", vendor.slug, client=client, body=models.ReviewRequest(**ratings, text="Good.")
    )
    assert review.status_code == 201 and isinstance(review.parsed, models.Review)
    too_high = models.ReviewRequest(**{**ratings, "overall": 9}, text="Good.")
    assert is_validation_error(
        api, api("vendors.vendors_reviews_create", vendor.slug, client=client, body=too_high), "overall"
    )
    Review.objects.filter(pk=review.parsed.id).update(status=Review.Status.APPROVED)  # a curator approves it
    reviews = api("vendors.vendors_reviews_list", vendor.slug, client=api.anonymous())
    assert [item.text for item in reviews.parsed] == ["Good."]

    unclaimed = world["unclaimed"]
    claim = api("vendors.vendors_claim_create", unclaimed.slug, client=client, body=models.ClaimRequest("It is ours."))
    assert claim.status_code == 201 and isinstance(claim.parsed, models.ClaimSent)
    blank = api("vendors.vendors_claim_create", unclaimed.slug, client=client, body=models.ClaimRequest(""))
    assert is_validation_error(api, blank, "message")

    assert api("auth.auth_token_destroy", client=client).status_code == 204
    assert is_error(api, api("inquiries.inquiries_list", client=client), 401)


def apply_as_a_job_seeker(api, world):
    models, posting, client = api.models, world["posting"], api.as_user(world["seeker"])

    profile = api("me.me_profile_retrieve", client=client)
    assert isinstance(profile.parsed, models.SeekerProfile)
    changes = models.PatchedSeekerProfileRequest(
        headline="Chat agent", country=models.CountryEnum.PH, experience_years=2, skills=["zendesk"]
    )
    changed = api("me.me_profile_partial_update", client=client, body=changes)
    assert changed.parsed.headline == "Chat agent"
    bad = models.PatchedSeekerProfileRequest(experience_years=-3)
    assert is_validation_error(api, api("me.me_profile_partial_update", client=client, body=bad), "experience_years")
    upload = models.PatchedSeekerProfileUploadRequest(resume=api.pdf())
    assert api("me.me_profile_partial_update", client=client, body=upload).status_code == 200
    fake = models.PatchedSeekerProfileUploadRequest(resume=api.pdf("cv.pdf", b"MZ not a pdf"))
    assert is_validation_error(api, api("me.me_profile_partial_update", client=client, body=fake), "resume")

    match = api("jobs.jobs_match_retrieve", posting.slug, client=client)
    assert isinstance(match.parsed, models.JobMatch) and 0 <= match.parsed.score <= 100

    lying = models.ApplyRequest(resume=api.pdf("cv.pdf", b"<html>not a resume</html>", "application/pdf"))
    assert is_validation_error(api, api("jobs.jobs_apply_create", posting.slug, client=client, body=lying), "resume")
    body = models.ApplyRequest(cover_note="Two years of chat support.", resume=api.pdf())
    applied = api("jobs.jobs_apply_create", posting.slug, client=client, body=body)
    assert applied.status_code == 201 and isinstance(applied.parsed, models.Application)
    again = api("jobs.jobs_apply_create", posting.slug, client=client, body=models.ApplyRequest(resume=api.pdf()))
    assert again.status_code == 409 and isinstance(again.parsed, models.AlreadyApplied)
    assert again.parsed.application == applied.parsed.id

    assert api("jobs.jobs_save_create", posting.slug, client=client).status_code == 204
    saved = api("saved_jobs.saved_jobs_list", client=client)
    assert [item.job.slug for item in saved.parsed.results] == [posting.slug]
    assert api("jobs.jobs_save_destroy", posting.slug, client=client).status_code == 204
    assert is_error(api, api("jobs.jobs_save_create", "no-such-job", client=client), 404)

    mine = api("applications.applications_list", client=client)
    assert [item.id for item in mine.parsed.results] == [applied.parsed.id]
    one = api("applications.applications_retrieve", str(applied.parsed.id), client=client)
    assert isinstance(one.parsed, models.Application) and one.parsed.stage == models.StageEnum.APPLIED
    world["application"] = applied.parsed.id


def run_an_organization(api, world):
    models, posting, employer = api.models, world["posting"], world["employer"]
    recruiter, vendor_owner = api.as_user(world["recruiter"]), api.as_user(world["vendor_member"])

    new = models.JobPostingWriteRequest(
        title="Voice Support Agent",
        description="Answer our customers' calls.",
        country=models.CountryEnum.PH,
        city="Cebu City",
        salary=models.SalaryInputRequest(
            min_=25000.0, max_=32000.0, currency=models.CurrencyEnum.PHP, period=models.PeriodEnum.MONTH
        ),
        skills=[models.SkillInputRequest(slug="zendesk")],
        languages=[models.LanguageInputRequest(code="en", level=models.LanguageInputLevelEnum.C1)],
    )
    created = api("jobs.jobs_create", client=recruiter, body=new)
    assert created.status_code == 201 and isinstance(created.parsed, models.JobPostingDetail)
    assert created.parsed.salary.min_ == 25000
    no_title = models.JobPostingWriteRequest(title="", description="x", country=models.CountryEnum.PH)
    assert is_validation_error(api, api("jobs.jobs_create", client=recruiter, body=no_title), "title")
    slug = created.parsed.slug
    changed = api(
        "jobs.jobs_partial_update", slug, client=recruiter, body=models.PatchedJobPostingWriteRequest(openings=3)
    )
    assert changed.status_code == 200 and changed.parsed.openings == 3
    refused = api(
        "jobs.jobs_partial_update", slug, client=recruiter, body=models.PatchedJobPostingWriteRequest(openings=0)
    )
    assert is_validation_error(api, refused, "openings")
    mine = api("jobs.jobs_list", client=recruiter, mine=models.JobsListMine.TRUE)
    assert {item.slug for item in mine.parsed.results} == {posting.slug, slug}
    closed = api("jobs.jobs_close_create", posting.slug, client=recruiter)
    assert closed.status_code == 200 and closed.parsed.status == models.JobPostingStatusEnum.CLOSED
    assert is_validation_error(api, api("jobs.jobs_close_create", posting.slug, client=recruiter))

    received = api("applications.applications_list", client=recruiter, received=models.ApplicationsListReceived.TRUE)
    assert [item.id for item in received.parsed.results] == [world["application"]]
    application = str(world["application"])
    resume = api("applications.applications_resume_retrieve", application, client=recruiter)
    assert resume.status_code == 200 and resume.content == PDF
    moved = api(
        "applications.applications_partial_update",
        application,
        client=recruiter,
        body=models.PatchedStageRequest(stage=models.StageEnum.INTERVIEW, employer_note="Call on Monday."),
    )
    assert moved.parsed.stage == models.StageEnum.INTERVIEW
    no_stage = api(
        "applications.applications_partial_update", application, client=recruiter, body=models.PatchedStageRequest()
    )
    assert is_validation_error(api, no_stage, "stage")

    vendor = world["vendor"]
    pending = api(
        "vendors.vendors_partial_update",
        vendor.slug,
        client=vendor_owner,
        body=models.PatchedVendorWriteRequest(tagline="Voice and chat support from Manila"),
    )
    assert pending.status_code == 202 and isinstance(pending.parsed, models.PendingChanges)
    assert pending.parsed.vendor.slug == vendor.slug
    wrong = api(
        "vendors.vendors_partial_update",
        vendor.slug,
        client=vendor_owner,
        body=models.PatchedVendorWriteRequest(founded_year=1200),
    )
    assert is_validation_error(api, wrong, "founded_year")

    review = Review.objects.get(vendor=vendor)
    reply = api(
        "reviews.reviews_reply_create", str(review.pk), client=vendor_owner, body=models.ReplyRequest("Thanks!")
    )
    assert isinstance(reply.parsed, models.Review) and reply.parsed.reply == "Thanks!"
    twice = api("reviews.reviews_reply_create", str(review.pk), client=vendor_owner, body=models.ReplyRequest("Again"))
    assert is_validation_error(api, twice)

    invite = models.InvitationRequest(organization=f"employer:{employer.slug}", email="colleague@example.com")
    invited = api("invitations.invitations_create", client=recruiter, body=invite)
    assert invited.status_code == 201 and isinstance(invited.parsed, models.InvitationSent)
    malformed = models.InvitationRequest(organization="acme", email="colleague@example.com")
    assert is_validation_error(
        api, api("invitations.invitations_create", client=recruiter, body=malformed), "organization"
    )
    colleague = api.as_user(world["colleague"])
    token = signing.dumps(Invitation.objects.get(pk=invited.parsed.id).pk, salt=INVITATION_SALT)
    accepted = api(
        "invitations.invitations_accept_create", client=colleague, body=models.InvitationAcceptRequest(token)
    )
    assert isinstance(accepted.parsed, models.InvitationAccepted) and accepted.parsed.organization == "Acme Care"
    used = api("invitations.invitations_accept_create", client=colleague, body=models.InvitationAcceptRequest(token))
    assert is_validation_error(api, used)
