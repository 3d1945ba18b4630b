"""The job seeker and employer journeys through the web pages: sign up, verify, apply, follow the pipeline.

Real uploads (PDF and DOCX bytes built here), Django's in-memory mail backend, and on PostgreSQL two real
threads racing to apply.
"""

import io
import threading
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings

from accounts.models import User
from demo.factories.accounts import SeekerFactory, UserFactory, VerifiedUserFactory
from demo.factories.directory import EmployerFactory, EmployerMembershipFactory
from demo.factories.jobs import ClosedJobPostingFactory, ExpiredJobPostingFactory, PublishedJobPostingFactory
from directory.models import Language
from jobs.models import Application, JobPosting, SeekerProfile, Skill
from jobs.services.applications import AlreadyApplied, application_submit
from tests.helpers import pdf

pytestmark = pytest.mark.django_db


def docx(name="resume.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


@pytest.fixture
def seeker(client):
    person = SeekerFactory(username="maria", email="maria@example.com")
    client.force_login(person)
    return person


# --- Accounts ---------------------------------------------------------------------------------------------


def test_sign_up_asks_what_the_person_comes_for_and_verifies_the_email_first(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "username": "newperson",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
            "kind": "seeker",
            "contact_me_by_fax": "",
        },
    )

    user = User.objects.get(username="newperson")
    assert user.kind == User.Kind.SEEKER
    assert response.status_code == 302
    assert "/accounts/confirm-email/" in response["Location"]
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@example.com"]
    # Until the address is confirmed, applying sends the person to confirm it, not to the form.
    posting = PublishedJobPostingFactory(employer=EmployerFactory())
    client.force_login(user)
    page = client.get(f"/jobs/{posting.slug}/apply/")
    assert "verif" in page.content.decode().lower()
    assert not Application.objects.exists()


def test_sign_up_form_refuses_a_bot_that_fills_the_hidden_field(client):
    client.post(
        "/accounts/signup/",
        {
            "email": "bot@example.com",
            "username": "bot",
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
            "kind": "seeker",
            "contact_me_by_fax": "http://spam.example",
        },
    )

    assert not User.objects.filter(username="bot").exists()


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip,3/5m/key"})
def test_failed_logins_are_rate_limited(client):
    from django.core.cache import cache

    cache.clear()
    VerifiedUserFactory(username="target")
    for _ in range(3):
        client.post("/accounts/login/", {"login": "target", "password": "wrong"})

    blocked = client.post("/accounts/login/", {"login": "target", "password": "correct horse battery staple"})

    assert blocked.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "too many" in blocked.content.decode().lower()
    cache.clear()


# --- Applying ---------------------------------------------------------------------------------------------


def test_a_verified_seeker_applies_and_follows_the_application(
    client, seeker, hiring, django_capture_on_commit_callbacks
):
    _, _, posting = hiring

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            f"/jobs/{posting.slug}/apply/", {"cover_note": "Five years of chat support.", "resume": pdf()}
        )

    assert response.status_code == 302
    assert response["Location"] == "/me/applications/"
    application = Application.objects.get()
    assert (application.applicant, application.job_posting, application.stage) == (seeker, posting, "applied")
    assert len(callbacks) == 1  # the employer is told once, after the commit
    assert mail.outbox[-1].to == ["hr@acme.example"]
    mine = client.get("/me/applications/").content.decode()
    assert "Chat Support Agent" in mine and "Applied" in mine


def test_a_second_application_to_the_same_posting_says_so_instead_of_duplicating(client, seeker, hiring):
    _, _, posting = hiring
    client.post(f"/jobs/{posting.slug}/apply/", {"resume": pdf()})

    again = client.post(f"/jobs/{posting.slug}/apply/", {"resume": pdf()}, follow=True)

    assert Application.objects.count() == 1
    assert "You applied to this job on" in again.content.decode()


@pytest.mark.parametrize("make", [ClosedJobPostingFactory, ExpiredJobPostingFactory])
def test_applications_to_closed_or_expired_postings_are_refused(client, seeker, make):
    posting = make(employer=EmployerFactory())

    response = client.post(f"/jobs/{posting.slug}/apply/", {"resume": pdf()})

    assert response.status_code == 200
    assert "no longer open" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("resume.pdf", b"MZ\x90\x00" + b"\x00" * 200), "neither"),  # a renamed .exe
        (SimpleUploadedFile("resume.docx", b"PK\x03\x04not really a zip"), "neither"),
        (SimpleUploadedFile("resume.txt", b"%PDF-1.4 but named .txt"), "neither"),
        (pdf(size=6 * 1024 * 1024), "the limit is 5 MB"),
    ],
)
def test_resumes_are_checked_by_content_and_size(client, seeker, hiring, upload, message):
    _, _, posting = hiring

    response = client.post(f"/jobs/{posting.slug}/apply/", {"resume": upload})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()


def test_a_real_docx_is_accepted(client, seeker, hiring):
    _, _, posting = hiring

    client.post(f"/jobs/{posting.slug}/apply/", {"resume": docx()})

    assert Application.objects.get().resume.name.endswith(".docx")


def test_applying_without_a_file_uses_the_profile_resume(client, seeker, hiring):
    _, _, posting = hiring
    profile = SeekerProfile.objects.create(user=seeker)
    profile.resume.save("cv.pdf", pdf(), save=True)

    client.post(f"/jobs/{posting.slug}/apply/", {"cover_note": ""})

    application = Application.objects.get()
    with application.resume.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")


def test_applying_without_any_resume_says_what_to_attach(client, seeker, hiring):
    _, _, posting = hiring

    response = client.post(f"/jobs/{posting.slug}/apply/", {"cover_note": "Hi"})

    assert "Attach a PDF or a Word (.docx) file" in response.content.decode()
    assert not Application.objects.exists()


# --- Resumes are private ------------------------------------------------------------------------------------


def test_a_resume_goes_only_to_the_applicant_and_the_employer_applied_to(client, seeker, hiring):
    _, member, posting = hiring
    client.post(f"/jobs/{posting.slug}/apply/", {"resume": pdf()})
    application = Application.objects.get()
    url = f"/applications/{application.pk}/resume/"

    own = client.get(url)
    assert own.status_code == 200
    assert b"".join(own.streaming_content).startswith(b"%PDF-")
    assert own["Cache-Control"] == "private, no-store"

    client.force_login(member)
    assert client.get(url).status_code == 200

    outsider = VerifiedUserFactory()
    other_employer_member = VerifiedUserFactory()
    EmployerMembershipFactory(user=other_employer_member, employer=EmployerFactory())
    for person in (outsider, other_employer_member):
        client.force_login(person)
        assert client.get(url).status_code == 404

    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_resume_storage_has_no_public_url(seeker, hiring):
    _, _, posting = hiring
    application = application_submit(job_posting=posting, applicant=seeker, resume=pdf())

    with pytest.raises(ValueError):
        application.resume.url  # noqa: B018 - the storage refuses to make one


# --- The employer's side ------------------------------------------------------------------------------------


def test_dashboard_lists_the_employers_postings_in_every_status_with_application_counts(client, hiring):
    employer, member, open_posting = hiring
    ClosedJobPostingFactory(employer=employer, title="Old Night Agent")
    PublishedJobPostingFactory(employer=EmployerFactory(), title="Someone Else's Job")
    Application.objects.create(job_posting=open_posting, applicant=UserFactory(), resume="resumes/x.pdf")
    client.force_login(member)

    html = client.get("/dashboard/").content.decode()

    assert "Chat Support Agent" in html and "Old Night Agent" in html
    assert "Someone Else&#x27;s Job" not in html and "Someone Else's Job" not in html
    assert "1 application" in html


def test_moving_an_application_emails_the_candidate_once_after_commit(
    client, seeker, hiring, django_capture_on_commit_callbacks
):
    _, member, posting = hiring
    application = application_submit(job_posting=posting, applicant=seeker, resume=pdf())
    mail.outbox.clear()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(
            f"/dashboard/applications/{application.pk}/stage/",
            {f"a{application.pk}-stage": "interview", f"a{application.pk}-employer_note": "Strong chat samples"},
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(  # the same stage again: only the note changes, no second email
            f"/dashboard/applications/{application.pk}/stage/",
            {f"a{application.pk}-stage": "interview", f"a{application.pk}-employer_note": "Call on Monday"},
        )

    application.refresh_from_db()
    assert (application.stage, application.employer_note) == ("interview", "Call on Monday")
    assert len(callbacks) == 1
    assert [message.to for message in mail.outbox] == [["maria@example.com"]]
    assert "Interview" in mail.outbox[0].subject
    client.force_login(seeker)
    assert "Interview" in client.get("/me/applications/").content.decode()
    assert "Call on Monday" not in client.get("/me/applications/").content.decode()  # the note is private


def test_another_organization_cannot_see_or_move_applications(client, seeker, hiring):
    _, _, posting = hiring
    application = application_submit(job_posting=posting, applicant=seeker, resume=pdf())
    rival = VerifiedUserFactory()
    EmployerMembershipFactory(user=rival, employer=EmployerFactory())
    client.force_login(rival)

    assert client.get(f"/dashboard/jobs/{posting.slug}/applications/").status_code == 404
    moved = client.post(f"/dashboard/applications/{application.pk}/stage/", {f"a{application.pk}-stage": "hired"})

    assert moved.status_code == 404
    application.refresh_from_db()
    assert application.stage == "applied"


def test_an_employer_posts_edits_duplicates_and_closes_through_the_forms(client, hiring):
    employer, member, _ = hiring
    client.force_login(member)
    form = {
        "title": "Voice Support Representative",
        "description": "Answer calls from **bank** customers.",
        "city": "Makati",
        "country": "PH",
        "work_arrangement": "onsite",
        "employment_type": "full_time",
        "shift": "night",
        "account_type": "voice",
        "salary_period": "month",
        "salary_currency": "PHP",
        "salary_min": "22000",
        "salary_max": "28000",
        "min_experience_years": "1",
        "education_level": "high_school",
        "openings": "5",
        "required_skills": ["active-listening"],
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "0",
        "languages-0-language": "en",
        "languages-0-level": "C1",
    }

    created = client.post("/dashboard/jobs/new/", form)

    posting = JobPosting.objects.get(title="Voice Support Representative")
    assert created.status_code == 302
    assert (posting.status, posting.employer) == ("pending", employer)
    assert [(r.skill.slug, r.importance) for r in posting.skill_requirements.all()] == [
        ("active-listening", "required")
    ]
    assert [(r.language.code, r.level) for r in posting.language_requirements.all()] == [("en", "C1")]

    client.post(f"/dashboard/jobs/{posting.slug}/edit/", {**form, "title": "Voice Support Rep (night)"})
    posting.refresh_from_db()
    assert (posting.title, posting.status) == ("Voice Support Rep (night)", "pending")

    duplicate = client.get(f"/dashboard/jobs/{posting.slug}/duplicate/").content.decode()
    assert 'value="Voice Support Rep (night)"' in duplicate

    client.post(f"/dashboard/jobs/{posting.slug}/close/")
    posting.refresh_from_db()
    assert posting.status == "withdrawn"  # closed before a curator approved it: never public


def test_the_posting_form_shows_errors_next_to_the_field_and_saves_nothing(client, hiring):
    _, member, _ = hiring
    client.force_login(member)

    response = client.post(
        "/dashboard/jobs/new/",
        {
            "title": "",
            "description": "x",
            "country": "ZZ",
            "languages-TOTAL_FORMS": "0",
            "languages-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"title", "country"}
    assert JobPosting.objects.filter(employer__name="Acme Care").count() == 1  # only the fixture's


def test_markdown_preview_is_sanitized(client, hiring):
    _, member, _ = hiring
    client.force_login(member)

    html = client.post("/dashboard/preview/", {"description": "**Hi** <script>alert(1)</script>"}).content.decode()

    assert "<strong>Hi</strong>" in html
    assert "<script" not in html


# --- One application per person, under two concurrent requests ---------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serializes writers; PostgreSQL races them")
def test_two_simultaneous_applications_make_one(hiring):
    _, _, posting = hiring
    person = SeekerFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def apply():
        from django.db import connections

        try:
            barrier.wait()
            application_submit(job_posting=posting, applicant=person, resume=pdf())
            outcomes.append("created")
        except AlreadyApplied:
            outcomes.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already", "created"]
    assert Application.objects.filter(job_posting=posting, applicant=person).count() == 1


def test_the_seeker_fills_a_profile_and_saves_jobs(client, seeker, hiring):
    _, _, posting = hiring
    zendesk = Skill.objects.get(slug="zendesk")
    english = Language.objects.get(code="en")

    response = client.post(
        "/me/profile/",
        {
            "headline": "Night-shift chat agent",
            "country": "PH",
            "city": "Cebu City",
            "experience_years": "2",
            "education_level": "high_school",
            "skills": [zendesk.pk],
            "typing_wpm": "55",
            "desired_shift": "night",
            "desired_arrangement": "remote",
            "resume": pdf(),
            "languages-TOTAL_FORMS": "1",
            "languages-INITIAL_FORMS": "0",
            "languages-MIN_NUM_FORMS": "0",
            "languages-MAX_NUM_FORMS": "10",
            "languages-0-language": english.pk,
            "languages-0-level": "C1",
        },
    )
    client.post(f"/jobs/{posting.slug}/save/")

    assert response.status_code == 302
    profile = SeekerProfile.objects.get(user=seeker)
    assert (profile.headline, profile.typing_wpm, profile.desired_shift) == ("Night-shift chat agent", 55, "night")
    assert list(profile.skills.all()) == [zendesk]
    assert [(row.language.code, row.level) for row in profile.languages.all()] == [("en", "C1")]
    assert profile.resume.name.endswith(".pdf")
    assert "Chat Support Agent" in client.get("/me/saved-jobs/").content.decode()


def test_a_replaced_profile_resume_is_deleted_but_sent_applications_keep_theirs(
    client, seeker, hiring, django_capture_on_commit_callbacks
):
    _, _, posting = hiring
    profile = SeekerProfile.objects.create(user=seeker)
    profile.resume.save("first.pdf", pdf(), save=True)
    first = profile.resume.name
    application = application_submit(job_posting=posting, applicant=seeker)
    storage = profile.resume.storage

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/me/profile/",
            {
                "experience_years": "1",
                "education_level": "high_school",
                "resume": pdf("second.pdf"),
                "languages-TOTAL_FORMS": "0",
                "languages-INITIAL_FORMS": "0",
            },
        )

    profile.refresh_from_db()
    assert profile.resume.name != first
    assert not storage.exists(first)
    assert storage.exists(profile.resume.name)
    assert storage.exists(application.resume.name)  # the copy sent with the application stays


@pytest.mark.parametrize("kind", [User.Kind.BUSINESS, User.Kind.EMPLOYER])
def test_dashboard_of_a_business_or_an_employer_has_no_job_seekers_block(client, kind):
    client.force_login(VerifiedUserFactory(kind=kind))

    html = client.get("/dashboard/").content.decode()

    assert "Your applications" not in html
    assert "All my applications" not in html


def test_dashboard_of_a_job_seeker_lists_their_applications(client, seeker, hiring):
    _, _, posting = hiring
    Application.objects.create(job_posting=posting, applicant=seeker, resume="resumes/x.pdf")

    html = client.get("/dashboard/").content.decode()

    assert "Your applications" in html
    assert "Chat Support Agent" in html
