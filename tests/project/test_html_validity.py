"""Every page kind passes the Nu Html Checker (vnu.jar, from package-lock.json): one page of each kind, anonymous and
signed in as each demo person, found from the site's own links (`checks/crawl.py`, which `make validate` walks on a
served site), plus the 500 page and the site's CSS and SVG files, checked in one Java start."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.views.defaults import server_error

from accounts.models import User
from checks.crawl import discover
from checks.records import add_demo_records
from checks.vnu import check, missing_tools
from demo.management.commands.ensure_demo_curator import ensure_demo_people

ROOT = Path(__file__).resolve().parents[2]


class ClientBrowser:
    """The pages through Django's test client, one client (one session) per demo person."""

    def __init__(self):
        self.clients: dict[str, Client] = {}

    def get(self, path: str, person: str = "") -> tuple[int, str]:
        if person not in self.clients:
            self.clients[person] = Client()
            if person:
                self.clients[person].force_login(User.objects.get(username=person))
        response = self.clients[person].get(path)
        return response.status_code, response.content.decode()


@pytest.fixture
def demo_site(db):
    call_command("seed_demo", vendors=12, jobs=80, seed=1, stdout=StringIO())
    ensure_demo_people()
    add_demo_records()


def test_every_page_kind_passes_the_nu_html_checker(demo_site, rf):
    if problem := missing_tools():
        pytest.skip(f"The Nu Html Checker cannot run: {problem}; `make test` installs it (npm ci)")
    browser = ClientBrowser()
    pages = discover(browser)
    documents, statuses = {}, {}
    for page in pages:
        statuses[str(page)], documents[str(page)] = browser.get(page.path, page.person)
    documents["500 page"] = server_error(rf.get("/jobs/")).content.decode()
    for path in sorted((ROOT / "static").rglob("*")):
        if path.suffix in (".css", ".svg"):
            documents[str(path.relative_to(ROOT))] = path.read_bytes()

    findings = check(documents)

    assert statuses == {str(page): page.status for page in pages}
    assert len(pages) >= 40  # every kind: the lists, profiles, landings, insights, forms and signed-in pages
    assert not findings, "\n".join(str(finding) for finding in findings)
