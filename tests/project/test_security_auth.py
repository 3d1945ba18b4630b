"""Accounts and limits under attack (issue 16): the client's address behind the proxy, unconfirmed accounts on the
API, login limits per account, tokens after a password change, confirmation emails per client, and what a
failed login gives away."""

import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from core.client_address import client_address
from demo.factories.accounts import CuratorFactory, SuperuserFactory, UnconfirmedUserFactory, VerifiedUserFactory
from demo.factories.directory import EmployerMembershipFactory, PublishedVendorFactory, VendorMembershipFactory
from demo.factories.jobs import PublishedJobPostingFactory
from directory.models import Inquiry, Membership, Review
from directory.services.organizations import invitation_accept, invitation_create
from jobs.models import SeekerProfile
from tests.helpers import client_for

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]

PASSWORD = "correct horse battery staple"
PROXY = "10.0.0.1"  # the TLS proxy in front of the site: every request reaches Django from it


@pytest.fixture(autouse=True)
def isolation(settings):
    """Generous API rates unless a test says otherwise, and no limit history carried between tests."""
    settings.API_THROTTLE_RATES = {"anon": "10000/minute", "user": "10000/minute", "login": "10000/minute"}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def via_proxy(client_ip: str, *, client_class=Client):
    """A client whose requests come through the proxy, which appends `client_ip` to X-Forwarded-For."""
    return client_class(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_ip)


# --- 2. The client's address behind the proxy ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "192.0.2.10"),
        (0, "198.51.100.7", "192.0.2.10"),  # no trusted proxy: a client-sent header is ignored
        (1, None, "192.0.2.10"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # what the client put left of the proxy's entry is ignored
        (2, "6.6.6.6, 198.51.100.7, 203.0.113.5", "198.51.100.7"),
        (2, "198.51.100.7", "198.51.100.7"),  # through the inner proxy only
        (1, "198.51.100.7:51234", "198.51.100.7"),
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "not an address", "192.0.2.10"),
    ],
)
def test_the_client_address_trusts_only_the_entries_the_proxies_wrote(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10", **headers)

    assert client_address(request) == expected


def test_behind_the_proxy_failed_admin_sign_ins_lock_out_only_their_client(behind_proxy, settings):
    settings.ADMIN_LOGIN_FAILURES_ALLOWED = 5
    SuperuserFactory(username="root")
    url = reverse("admin:login")
    attacker, curator = via_proxy("198.51.100.66"), via_proxy("203.0.113.20")
    for _ in range(5):
        assert attacker.post(url, {"username": "root", "password": "wrong"}).status_code == 200

    assert attacker.post(url, {"username": "root", "password": PASSWORD}).status_code == 429
    assert curator.post(url, {"username": "root", "password": PASSWORD}).status_code == 302


def test_a_spoofed_forwarded_address_does_not_escape_the_admin_limit(behind_proxy, settings):
    settings.ADMIN_LOGIN_FAILURES_ALLOWED = 3
    SuperuserFactory(username="root")
    url = reverse("admin:login")
    for n in range(3):
        # The proxy appends the real address after whatever the client sent.
        spoofing = via_proxy(f"10.9.9.{n}, 198.51.100.66")
        spoofing.post(url, {"username": "root", "password": "wrong"})

    assert via_proxy("1.2.3.4, 198.51.100.66").post(url, {"username": "root", "password": "x"}).status_code == 429


def test_behind_the_proxy_failed_web_logins_block_only_their_client(behind_proxy, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip,100/5m/key"}
    VerifiedUserFactory(username="ana")
    attacker, ana = via_proxy("198.51.100.66"), via_proxy("203.0.113.20")
    for n in range(3):
        attacker.post("/accounts/login/", {"login": f"someone{n}", "password": "wrong"})

    blocked = attacker.post("/accounts/login/", {"login": "ana", "password": PASSWORD})
    signed_in = ana.post("/accounts/login/", {"login": "ana", "password": PASSWORD})

    assert "_auth_user_id" not in attacker.session
    assert "too many" in blocked.content.decode().lower()
    assert signed_in.status_code == 302
    assert ana.session["_auth_user_id"]


def test_behind_the_proxy_signups_are_limited_per_client(behind_proxy, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "2/m/ip"}

    def sign_up(client, name):
        return client.post(
            "/accounts/signup/",
            {
                "email": f"{name}@example.com",
                "username": name,
                "password1": "a long and unusual passphrase",
                "password2": "a long and unusual passphrase",
                "kind": "seeker",
            },
        )

    busy = via_proxy("198.51.100.66")
    assert [sign_up(busy, f"bulk{n}").status_code for n in range(2)] == [302, 302]
    assert sign_up(busy, "bulk3").status_code == 429

    assert sign_up(via_proxy("203.0.113.20"), "newcomer").status_code == 302


def test_behind_the_proxy_the_api_login_limit_is_per_client(behind_proxy, settings):
    settings.API_THROTTLE_RATES = {"anon": "10000/minute", "login": "2/minute"}
    VerifiedUserFactory(username="ana")
    attacker = via_proxy("198.51.100.66", client_class=APIClient)
    for n in range(2):
        attacker.post("/api/v1/auth/token/", {"username": f"someone{n}", "password": "x"})

    assert attacker.post("/api/v1/auth/token/", {"username": "ana", "password": "x"}).status_code == 429
    ana = via_proxy("203.0.113.20", client_class=APIClient)
    assert ana.post("/api/v1/auth/token/", {"username": "ana", "password": PASSWORD}).status_code == 200


def test_the_api_read_limit_believes_no_forwarded_address_without_a_trusted_proxy(settings):
    settings.API_THROTTLE_RATES = {"anon": "2/minute"}
    codes = [
        APIClient(REMOTE_ADDR="198.51.100.66", HTTP_X_FORWARDED_FOR=f"10.1.1.{n}").get("/api/v1/skills/").status_code
        for n in range(3)
    ]

    assert codes == [200, 200, 429]


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, 0),
        ({"TRUSTED_PROXY_COUNT": "1"}, 1),
        ({"API_NUM_PROXIES": "2"}, 2),  # the former name, documented before, still works
        ({"TRUSTED_PROXY_COUNT": "1", "API_NUM_PROXIES": "2"}, 1),
    ],
)
def test_one_setting_gives_the_proxy_count_to_every_limit(variables, expected):
    script = (
        "from django.conf import settings as s; from rest_framework.settings import api_settings as a;"
        "print(s.TRUSTED_PROXY_COUNT, a.NUM_PROXIES)"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("TRUSTED_PROXY_COUNT", "API_NUM_PROXIES")}
    env.update(variables, DJANGO_SETTINGS_MODULE="bpo_portal.settings.test")
    result = subprocess.run(  # noqa: S603 - our own interpreter and project
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(expected), str(expected)]


# --- 3. An account acts through the API only once its address is confirmed ------------------------------------


@pytest.fixture
def harbor():
    """A published vendor with a confirmed owner and an inquiry received: (vendor, owner)."""
    vendor = PublishedVendorFactory(name="Harbor Contact", slug="harbor-contact")
    owner = VendorMembershipFactory(vendor=vendor, user=VerifiedUserFactory(username="owner")).user
    Inquiry.objects.create(
        vendor=vendor,
        name="Buyer",
        email="buyer@example.com",
        company="Buyer Inc",
        seats=10,
        message="PRIVATE-INQUIRY-TEXT",
        status=Inquiry.Status.SENT,
        sent_at=timezone.now(),
        submission_key=uuid.uuid4(),
    )
    return vendor, owner


def test_the_api_gives_no_token_to_an_account_whose_address_is_not_confirmed():
    UnconfirmedUserFactory(username="newcomer")
    api = APIClient()

    refused = api.post("/api/v1/auth/token/", {"username": "newcomer", "password": PASSWORD})
    wrong_password = api.post("/api/v1/auth/token/", {"username": "newcomer", "password": "wrong"})

    assert refused.status_code == 403
    assert "Confirm your email address" in refused.json()["detail"]
    # Only someone who knows the password learns the address is unconfirmed.
    assert wrong_password.status_code == 400
    assert not Token.objects.exists()


def unconfirmed_requests(vendor, posting):
    resume = SimpleUploadedFile("cv.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    return {
        "received inquiries": ("get", "/api/v1/inquiries/?received=true", None),
        "received applications": ("get", "/api/v1/applications/?received=true", None),
        "own profile": ("get", "/api/v1/me/profile/", None),
        "resume upload": ("patch", "/api/v1/me/profile/", {"resume": resume}),
        "review": (
            "post",
            f"/api/v1/vendors/{vendor.slug}/reviews/",
            {"overall": 1, "quality": 1, "communication": 1, "value": 1, "reliability": 1, "text": "Bad."},
        ),
        "apply": ("post", f"/api/v1/jobs/{posting.slug}/apply/", {"cover_note": "Hire me"}),
        "public read": ("get", "/api/v1/vendors/", None),
    }


def test_a_token_issued_before_the_address_was_confirmed_cannot_act(harbor):
    vendor, _ = harbor
    posting = PublishedJobPostingFactory()
    unconfirmed = UnconfirmedUserFactory(username="newcomer")
    # Somehow a member already (an earlier version let unconfirmed accounts accept invitations).
    VendorMembershipFactory(vendor=vendor, user=unconfirmed)
    EmployerMembershipFactory(employer=posting.employer, user=unconfirmed)
    api = client_for(unconfirmed)  # a token made in the admin, or before this rule

    answers = {
        name: getattr(api, method)(url, body, **({"format": "multipart"} if body else {}))
        for name, (method, url, body) in unconfirmed_requests(vendor, posting).items()
    }

    assert {name: response.status_code for name, response in answers.items()} == dict.fromkeys(answers, 403)
    assert all("Confirm your email address" in response.json()["detail"] for response in answers.values())
    assert "PRIVATE-INQUIRY-TEXT" not in str([response.content for response in answers.values()])
    assert not Review.objects.exists()
    assert not SeekerProfile.objects.filter(user=unconfirmed).exclude(resume="").exists()

    EmailAddress.objects.filter(user=unconfirmed).update(verified=True)  # the link opened
    assert api.get("/api/v1/inquiries/?received=true").json()["count"] == 1


def test_a_signed_in_session_of_an_unconfirmed_account_cannot_use_the_api(client):
    client.force_login(UnconfirmedUserFactory())

    assert client.get("/api/v1/me/profile/").status_code == 403


def test_staff_who_sign_in_through_the_admin_still_read_the_api():
    curator = CuratorFactory()

    assert client_for(curator).get("/api/v1/me/profile/").status_code == 200


def test_an_invitation_is_accepted_only_by_the_account_that_confirmed_the_invited_address(
    harbor, django_capture_on_commit_callbacks
):
    vendor, owner = harbor
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(organization=vendor, email="new@harbor.example", role="manager", actor=owner)
    token = mail.outbox[-1].body.split("/invitations/")[1].split("/")[0]
    # Signed up with the invited address (anyone can type it), never confirmed it.
    squatter = UnconfirmedUserFactory(username="squatter", email="new@harbor.example")
    # Signed in with another, confirmed address.
    other = VerifiedUserFactory(username="other", email="other@example.com")

    for person in (squatter, other):
        with pytest.raises(ValidationError) as refused:
            invitation_accept(token=token, user=person)
        assert "another email address" in " ".join(refused.value.messages)
        assert "new@harbor.example" not in " ".join(refused.value.messages)  # the invited address is not told
    assert not Membership.objects.filter(user__in=[squatter, other]).exists()

    EmailAddress.objects.filter(user=squatter).update(verified=True)
    invitation_accept(token=token, user=squatter)
    assert Membership.objects.get(user=squatter, vendor=vendor).role == "manager"


# --- 4. Failed logins count against the account, however it is named -------------------------------------------


def test_web_login_failures_count_against_the_account_whether_named_by_username_or_email(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,4/5m/key"}
    VerifiedUserFactory(username="ana", email="ana@example.com")
    client = Client()
    for login in ("ana", "ana@example.com", "ANA@Example.com", "Ana"):
        client.post("/accounts/login/", {"login": login, "password": "wrong"})

    blocked = client.post("/accounts/login/", {"login": "ana@example.com", "password": PASSWORD})

    assert "too many" in blocked.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_web_login_failures_at_an_unknown_name_have_a_counter_of_their_own(settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "100/m/ip,2/5m/key"}
    VerifiedUserFactory(username="ana")
    client = Client()
    for _ in range(2):
        client.post("/accounts/login/", {"login": "ghost", "password": "wrong"})

    assert "too many" in client.post("/accounts/login/", {"login": "ghost", "password": "x"}).content.decode().lower()
    assert client.post("/accounts/login/", {"login": "ana", "password": PASSWORD}).status_code == 302


def test_api_token_attempts_count_against_the_account_whether_named_by_username_or_email(settings):
    settings.API_THROTTLE_RATES = {"anon": "10000/minute", "login": "10000/minute", "login_account": "4/minute"}
    VerifiedUserFactory(username="ana", email="ana@example.com")
    api = APIClient()
    codes = [
        api.post("/api/v1/auth/token/", {"username": login, "password": "wrong"}).status_code
        for login in ("ana", "ana@example.com", "ANA@example.com", "ana")
    ]

    assert codes == [400] * 4
    assert api.post("/api/v1/auth/token/", {"username": "ana@example.com", "password": PASSWORD}).status_code == 429
    # Guesses at a name that is nobody's are counted by that name, apart from the account's.
    ghosts = [api.post("/api/v1/auth/token/", {"username": "ghost", "password": "x"}).status_code for _ in range(5)]
    assert ghosts == [400] * 4 + [429]


# --- 6. A password change, by any path, ends the account's API tokens ------------------------------------------


def token_works(token: Token) -> bool:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return api.get("/api/v1/me/profile/").status_code == 200


@pytest.fixture
def holder():
    """A confirmed account with an API token: (user, token)."""
    user = VerifiedUserFactory(username="holder")
    return user, Token.objects.create(user=user)


def test_a_password_changed_in_the_admin_ends_the_api_tokens(holder):
    user, token = holder
    admin = Client()
    admin.force_login(SuperuserFactory())

    response = admin.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "a brand new long passphrase", "password2": "a brand new long passphrase"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a brand new long passphrase")
    assert not token_works(token)


def test_a_password_changed_with_the_changepassword_command_ends_the_api_tokens(holder, monkeypatch):
    user, token = holder
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a brand new long passphrase")

    call_command("changepassword", "holder", stdout=io.StringIO())

    user.refresh_from_db()
    assert user.check_password("a brand new long passphrase")
    assert not token_works(token)


def test_a_password_set_in_code_ends_the_api_tokens(holder):
    user, token = holder

    user.set_password("a brand new long passphrase")
    user.save()

    assert not token_works(token)


def test_a_password_made_unusable_ends_the_api_tokens(holder):
    user, token = holder

    user.set_unusable_password()
    user.save(update_fields=["password"])

    assert not token_works(token)


def test_a_password_reset_by_email_ends_the_api_tokens(holder):
    user, token = holder
    Client().post("/accounts/password/reset/", {"email": user.email})
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/accounts/password/reset/key/" in line)
    client = Client()
    form = client.get(link.strip(), follow=True)

    client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.strip(),
        {"password1": "a brand new long passphrase", "password2": "a brand new long passphrase"},
    )

    user.refresh_from_db()
    assert user.check_password("a brand new long passphrase")
    assert not token_works(token)


def test_other_changes_to_the_account_and_signing_in_keep_the_api_tokens(holder, settings):
    user, token = holder
    user.first_name = "Renamed"
    user.save()
    client = Client()
    assert client.post("/accounts/login/", {"login": "holder", "password": PASSWORD}).status_code == 302
    # Django re-hashes a correct password when the hasher's parameters change: the same password, not a change.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher", *settings.PASSWORD_HASHERS]
    hash_before = User.objects.get(pk=user.pk).password
    assert APIClient().post("/api/v1/auth/token/", {"username": "holder", "password": PASSWORD}).json() == {
        "token": token.key
    }

    assert User.objects.get(pk=user.pk).password != hash_before  # upgraded
    assert token_works(token)


# --- 7. Confirmation emails per client ----------------------------------------------------------------------


def inquiry_body(email: str) -> dict:
    return {
        "name": "Someone",
        "email": email,
        "company": "Co",
        "seats": 10,
        "budget": Inquiry.Budget.UNKNOWN,
        "message": "Please get in touch.",
        "submission_key": str(uuid.uuid4()),
    }


def confirmation_recipients() -> list[str]:
    return [message.to[0] for message in mail.outbox if message.subject.startswith("Confirm your inquiry")]


def test_one_client_cannot_have_the_site_mail_confirmations_to_any_number_of_addresses(
    behind_proxy, settings, django_capture_on_commit_callbacks
):
    settings.INQUIRY_CONFIRMATIONS_PER_CLIENT = 2
    vendor = PublishedVendorFactory()
    sender = via_proxy("198.51.100.66")
    api = via_proxy("198.51.100.66", client_class=APIClient)
    url = reverse("directory:contact", args=[vendor.slug])

    with django_capture_on_commit_callbacks(execute=True):
        sent = [sender.post(url, inquiry_body(f"stranger{n}@example.com")) for n in range(2)]
        refused_page = sender.post(url, inquiry_body("stranger2@example.com"))
        refused_api = api.post(
            f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_body("stranger3@example.com"), format="json"
        )
        elsewhere = via_proxy("203.0.113.20").post(url, inquiry_body("me@example.com"))

    assert [response.status_code for response in sent] == [302, 302]
    assert refused_page.status_code == 200
    assert "Too many confirmation emails" in refused_page.content.decode()
    assert refused_api.status_code == 429
    assert int(refused_api.headers["Retry-After"]) > 0
    assert "Too many confirmation emails" in refused_api.json()["detail"]
    assert elsewhere.status_code == 302
    assert confirmation_recipients() == ["stranger0@example.com", "stranger1@example.com", "me@example.com"]
    assert Inquiry.objects.count() == 3


def test_inquiries_from_a_confirmed_account_are_not_held_by_the_confirmation_limit(
    settings, django_capture_on_commit_callbacks
):
    settings.INQUIRY_CONFIRMATIONS_PER_CLIENT = 1
    vendor = PublishedVendorFactory()
    VendorMembershipFactory(vendor=vendor)
    business = VerifiedUserFactory(email="buyer@example.com")
    api = client_for(business)

    with django_capture_on_commit_callbacks(execute=True):
        codes = [
            api.post(
                f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_body("buyer@example.com"), format="json"
            ).status_code
            for _ in range(3)
        ]

    assert codes == [201, 201, 201]
    assert confirmation_recipients() == []
    assert Inquiry.objects.filter(status=Inquiry.Status.SENT).count() == 3


def test_an_inquiry_is_sent_at_once_only_from_an_address_the_sender_confirmed(django_capture_on_commit_callbacks):
    vendor = PublishedVendorFactory()
    business = VerifiedUserFactory(email="buyer@example.com")
    # The account's address changed to one not confirmed yet (the old one stays confirmed).
    EmailAddress.objects.create(user=business, email="new@example.com", verified=False)
    User.objects.filter(pk=business.pk).update(email="new@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(business).post(
            f"/api/v1/vendors/{vendor.slug}/inquiries/", inquiry_body("new@example.com"), format="json"
        )

    assert response.json()["status"] == Inquiry.Status.UNCONFIRMED
    assert confirmation_recipients() == ["new@example.com"]


# --- What a failed login gives away --------------------------------------------------------------------------


@pytest.fixture
def hashes(monkeypatch):
    """Counts the password hashes computed (the costly part of a login): a list of one entry per hash."""
    computed = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        computed.append(salt)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return computed


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("ana", PASSWORD),
        ("ana", "wrong"),
        ("ana@example.com", PASSWORD),
        ("ana@example.com", "wrong"),
        ("nobody", "wrong"),
        ("nobody@example.com", "wrong"),
    ],
    ids=["username right", "username wrong", "email right", "email wrong", "unknown name", "unknown email"],
)
def test_every_token_login_costs_one_password_hash(hashes, login, password):
    VerifiedUserFactory(username="ana", email="ana@example.com")
    hashes.clear()

    response = APIClient().post("/api/v1/auth/token/", {"username": login, "password": password})

    assert response.status_code == (200 if password == PASSWORD else 400)
    assert len(hashes) == 1


@pytest.mark.parametrize(("login", "password"), [("ana", PASSWORD), ("ana", "wrong"), ("nobody", "wrong")])
def test_every_web_and_admin_login_costs_one_password_hash(hashes, login, password):
    VerifiedUserFactory(username="ana", email="ana@example.com", is_staff=True)
    hashes.clear()
    Client().post("/accounts/login/", {"login": login, "password": password})
    web = len(hashes)
    hashes.clear()
    Client().post(reverse("admin:login"), {"username": login, "password": password})

    assert (web, len(hashes)) == (1, 1)
