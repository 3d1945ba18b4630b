"""The browser tests: the site served by a real server on 127.0.0.1 with seeded demo data, used through
Debian's Chromium driven by Playwright (`make e2e`; not part of `make test`).

The server is `manage.py runserver --insecure` with DEBUG off (so 404 and 500 pages are the site's own) on
the first free port of E2E_PORTS, on its own database (E2E_DATABASE_URL, whose name must start with e2e and
which is emptied first; default a fresh SQLite file under artifacts/e2e-site/), migrated and seeded before it
starts. Emails go to files (Django's file backend), which the tests read like a person reads their inbox. A
failing test leaves a screenshot and the HTML of every page it had open in artifacts/.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SITE_DIR = ARTIFACTS / "e2e-site"
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the networking flags Chromium's own background connections are refused here and slow every start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
PASSWORD = "a-long-Test-passw0rd"  # for the accounts the tests sign up

expect.set_options(timeout=10_000)

# After seeding: the demo employer's first posting (by title) becomes a remote night-shift voice job, the one the
# job seeker of journey 2 looks for, so that the demo employer can move the application along.
JOURNEY_DATA = """
from directory.models import Membership
from jobs.models import JobPosting
employer = Membership.objects.get(user__username="employer").vendor.employer
posting = JobPosting.objects.published().filter(employer=employer).order_by("title").first()
JobPosting.objects.filter(pk=posting.pk).update(work_arrangement="remote", shift="night", account_type="voice")
"""

EMPTY_SCHEMA = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
"""


@dataclass
class Site:
    url: str
    mail_dir: Path

    def emails_to(self, address: str) -> list[str]:
        """The messages sent to `address` so far, oldest first (each file of the file backend holds one or more)."""
        messages = []
        for path in sorted(self.mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime):
            for message in path.read_text().split("-" * 79):
                if re.search(rf"^To: .*{re.escape(address)}", message, re.MULTILINE):
                    messages.append(message)
        return messages

    def link_in_last_email(self, address: str, path_part: str) -> str:
        """The first link containing `path_part` in the last message to `address`, waiting for it briefly
        (emails are sent after the transaction commits)."""
        for _ in range(50):
            messages = self.emails_to(address)
            if messages:
                links = re.findall(r"https?://\S+", messages[-1].replace("=\n", ""))
                wanted = [link for link in links if path_part in link]
                if wanted:
                    return wanted[0]
            time.sleep(0.1)
        raise AssertionError(f"No email to {address} with a link containing {path_part!r}")


def free_port() -> int:
    first, last = (int(part) for part in os.environ.get("E2E_PORTS", "8110-8119").split("-"))
    for port in range(first, last + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"No free port in {first}-{last} for the e2e server")


def manage(*args: str, env: dict[str, str], log) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=log, stderr=log, check=True)  # noqa: S603


@pytest.fixture(scope="session")
def site():
    """Migrate and seed a fresh database, then serve it until the session ends."""
    shutil.rmtree(SITE_DIR, ignore_errors=True)
    mail_dir = SITE_DIR / "mail"
    mail_dir.mkdir(parents=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    database_url = os.environ.get("E2E_DATABASE_URL", f"sqlite:///{SITE_DIR / 'site.sqlite3'}")
    if "E2E_DATABASE_URL" in os.environ and not urlsplit(database_url).path.strip("/").startswith("e2e"):
        raise RuntimeError("E2E_DATABASE_URL must name a database whose name starts with e2e: the tests empty it")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bpo_portal.settings.local",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "e2e-only-not-a-secret",
        "EMAIL_URL": f"filemail://{mail_dir}",
        "DJANGO_MEDIA_ROOT": str(SITE_DIR / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(SITE_DIR / "private-media"),
        "SITE_URL": url,
        "REDIS_URL": "",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    with open(SITE_DIR / "server.log", "w") as log:
        if "E2E_DATABASE_URL" in os.environ:
            # A database kept from an earlier run still has the accounts and shortlists the journeys made: start
            # from an empty schema, which the migrations fill with the reference data again.
            manage("shell", "--no-imports", "-c", EMPTY_SCHEMA, env=env, log=log)
        manage("migrate", "--noinput", env=env, log=log)
        manage("seed_demo", "--flush", "--vendors", "60", "--jobs", "400", "--seed", "1", env=env, log=log)
        # The demo accounts (curator, seeker, business, employer) are made only with DEBUG on.
        manage("ensure_demo_curator", env={**env, "DJANGO_DEBUG": "1"}, log=log)
        manage("shell", "--no-imports", "-c", JOURNEY_DATA, env=env, log=log)
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urlopen(f"{url}/healthz", timeout=2):  # noqa: S310 - our own server
                        break
                except (URLError, ConnectionError):
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(f"The e2e server did not start; see {SITE_DIR / 'server.log'}") from None
                    time.sleep(0.2)
            yield Site(url=url, mail_dir=mail_dir)
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    for needed, how in [(Path(CHROMIUM), "apt-get install chromium"), (AXE_SOURCE, "npm ci")]:
        if not needed.exists():
            pytest.exit(f"{needed} is missing: `make e2e` installs it ({how})", returncode=1)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


class People:
    """Browser sessions for the people in a journey, each in its own context (own cookies)."""

    def __init__(self, browser: Browser, site: Site):
        self.browser = browser
        self.site = site
        self.contexts = []

    def open(self, *, viewport=DESKTOP, java_script_enabled=True) -> Page:
        context = self.browser.new_context(
            base_url=self.site.url, viewport=viewport, java_script_enabled=java_script_enabled
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        return context.new_page()

    def signed_in(self, username: str, password: str | None = None, **options) -> Page:
        page = self.open(**options)
        sign_in(page, username, password or username)
        return page

    def save_artifacts(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        for number, context in enumerate(self.contexts):
            for tab, page in enumerate(context.pages):
                stem = ARTIFACTS / f"{name}-{number}-{tab}"
                try:
                    page.screenshot(path=f"{stem}.png", full_page=True)
                    Path(f"{stem}.html").write_text(page.content())
                except Exception as error:  # a closed page must not hide the failure itself
                    Path(f"{stem}.txt").write_text(f"{page.url}\n{error}\n")

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def people(browser, site, request):
    crowd = People(browser, site)
    yield crowd
    if getattr(request.node, "call_failed", False):
        crowd.save_artifacts(re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name))
    crowd.close()


@pytest.fixture
def page(people) -> Page:
    return people.open()


def sign_in(page: Page, username: str, password: str) -> None:
    """Sign in with the keyboard only, as every journey starts: Tab to each box, type, Enter submits."""
    page.goto("/accounts/login/")
    type_into(page, page.get_by_label("Login"), username)
    type_into(page, page.get_by_label("Password"), password)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def assert_accessible(page: Page) -> None:
    """axe-core (from npm, evaluated in the page so that no script tag is added) finds no serious or critical
    violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text())
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter((violation) => ["serious", "critical"].includes(violation.impact))
                .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at `
                    + violation.nodes.slice(0, 3).map((node) => node.target.join(" ")).join(", "));
        }"""
    )
    assert violations == [], f"{page.url}\n" + "\n".join(violations)


def assert_no_horizontal_overflow(page: Page) -> None:
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def first_links(page: Page, list_path: str, count: int = 1) -> list[str]:
    """The detail links of the first results on a list page."""
    page.goto(list_path)
    return page.locator(".results h2 a").evaluate_all(
        f"links => links.slice(0, {count}).map(link => link.getAttribute('href'))"
    )


def compare_path(page: Page) -> str:
    """The compare page for the first two vendors of the list."""
    slugs = [href.strip("/").rsplit("/", 1)[-1] for href in first_links(page, "/vendors/", 2)]
    return f"/vendors/compare/?v={slugs[0]}&v={slugs[1]}"


def tab_to(page: Page, target: Locator, *, limit: int = 400) -> None:
    """Press Tab (as a keyboard-only person would) until `target` has the focus, then check the focus is visible."""
    expect(target).to_be_attached()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            visible = target.evaluate(
                """element => {
                    const style = getComputedStyle(element);
                    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
                    return element.matches(":focus-visible") && (outline || style.boxShadow !== "none");
                }"""
            )
            assert visible, f"The keyboard focus on {target} is not visible"
            return
    raise AssertionError(f"{target} cannot be reached with the Tab key on {page.url}")


def press(page: Page, target: Locator, key: str = "Enter") -> None:
    """Tab to `target` and press `key` (Enter follows a link or presses a button, Space ticks a box)."""
    tab_to(page, target)
    page.keyboard.press(key)


def type_into(page: Page, target: Locator, text: str) -> None:
    tab_to(page, target)
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


def facet_option(page: Page, facet: str, label: str):
    """The checkbox of the option labelled `label` (its label also holds the option's count)."""
    return (
        page.locator(f"#facet-{facet} label.facet-option")
        .filter(has=page.get_by_text(label, exact=True))
        .get_by_role("checkbox")
    )
