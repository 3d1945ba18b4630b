"""One page of every kind the site serves, found the way a crawler finds them (from the lists and the sitemaps), plus
the signed-in pages of the demo people (`ensure_demo_curator` makes them; `checks/records.py` gives them an inquiry
sent and an application). Django's admin is left out: its markup is Django's.

`make validate` walks a served site over HTTP (`HttpBrowser`); the tests walk the same pages with Django's test client.
"""

import re
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin

import requests


@dataclass(frozen=True)
class Page:
    kind: str
    path: str
    person: str = ""  # the demo person signed in, or "" for anonymous
    status: int = 200

    def __str__(self):
        return f"{self.path} ({self.kind}{', as ' + self.person if self.person else ''})"


class Browser(Protocol):
    def get(self, path: str, person: str = "") -> tuple[int, str]:
        """The status and the text of `path` (redirects not followed), as `person` ("": anonymous)."""


class HttpBrowser:
    """A served site, signed in as the demo people with their passwords (= their usernames)."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.sessions: dict[str, requests.Session] = {}

    def get(self, path: str, person: str = "") -> tuple[int, str]:
        if person not in self.sessions:
            self.sessions[person] = self.sign_in(person) if person else requests.Session()
        answer = self.sessions[person].get(urljoin(self.base_url, path), timeout=60, allow_redirects=False)
        return answer.status_code, answer.text

    def sign_in(self, username: str) -> requests.Session:
        session = requests.Session()
        login = urljoin(self.base_url, "/accounts/login/")
        form = session.get(login, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
        answer = session.post(
            login,
            data={"csrfmiddlewaretoken": token, "login": username, "password": username},
            headers={"Referer": login},
            timeout=30,
        )
        if "/accounts/" in answer.url:
            raise RuntimeError(f"Could not sign in as the demo {username}: run ensure_demo_curator on the site")
        return session


def first(pattern: str, text: str, exclude: tuple[str, ...] = ()) -> str:
    for match in re.finditer(pattern, text):
        if match.group(1) not in exclude:
            return match.group(1)
    raise LookupError(f"No link matching {pattern}")


def discover(browser: Browser) -> list[Page]:
    """Every page kind, each with one concrete address taken from the site's own links."""

    def html(path: str, person: str = "") -> str:
        return browser.get(path, person)[1]

    vendors, jobs, home = html("/vendors/"), html("/jobs/"), html("/")
    fixed = ("compare", "match", "shortlist", "services", "countries", "inquiries")
    vendor = first(r'href="/vendors/([-\w]+)/"', vendors, fixed)
    other_vendor = first(r'href="/vendors/([-\w]+)/"', vendors, (*fixed, vendor))
    service = first(r'href="/vendors/services/([-\w]+)/"', home)
    vendor_country = first(r"<loc>[^<]*/vendors/countries/([a-z]{2})/</loc>", html("/sitemap-vendor-landing.xml"))
    job = first(r'href="/jobs/([-\w]+)/"', jobs, ("feed", "remote", "countries", "skills", "employers"))
    job_page = html(f"/jobs/{job}/")
    job_country = first(r'href="/jobs/countries/([a-z]{2})/"', home)
    skill = first(r'href="/jobs/skills/([-\w]+)/"', job_page + jobs)
    employer = first(r'href="/jobs/employers/([-\w]+)/"', job_page + jobs)
    contacted = first(r'href="/vendors/([-\w]+)/review/"', html("/dashboard/", "business"))
    member_dashboard = html("/dashboard/", "employer")
    own_posting = first(r'href="/dashboard/jobs/([-\w]+)/applications/"', member_dashboard)
    own_vendor = first(r'href="/dashboard/vendors/([-\w]+)/edit/"', member_dashboard)
    return [
        Page("home", "/"),
        Page("vendor list", "/vendors/"),
        Page("vendor list, page 2", "/vendors/?page=2"),
        Page("vendor list, filtered and sorted", f"/vendors/?service={service}&ordering=name&max_hourly_rate=30"),
        Page("vendor list, no result", "/vendors/?q=zzzzzzzz"),
        Page("vendor profile", f"/vendors/{vendor}/"),
        Page("vendors by service", f"/vendors/services/{service}/"),
        Page("vendors by country", f"/vendors/countries/{vendor_country}/"),
        Page("vendor matcher", "/vendors/match/"),
        Page("vendor matcher, answered", f"/vendors/match/?services={service}&seats=20&client_country=US"),
        Page("compare", f"/vendors/compare/?v={vendor}&v={other_vendor}"),
        Page("shortlist", "/vendors/shortlist/"),
        Page("contact a vendor", f"/vendors/{vendor}/contact/"),
        Page("job list", "/jobs/"),
        Page("job list, filtered", "/jobs/?work_arrangement=remote&shift=night"),
        Page("job posting", f"/jobs/{job}/"),
        Page("remote jobs", "/jobs/remote/"),
        Page("jobs by country", f"/jobs/countries/{job_country}/"),
        Page("jobs by skill", f"/jobs/skills/{skill}/"),
        Page("jobs by employer", f"/jobs/employers/{employer}/"),
        Page("insights", "/insights/"),
        Page("pay insights", "/insights/pay/"),
        Page("pay insights, by country", f"/insights/pay/?country={job_country.upper()}"),
        Page("cost insights", "/insights/cost/"),
        Page("demand insights", "/insights/demand/"),
        Page("log in", "/accounts/login/"),
        Page("sign up", "/accounts/signup/"),
        Page("password reset", "/accounts/password/reset/"),
        Page("not found", "/no-such-page/", status=404),
        Page("API docs", "/api/v1/docs/"),
        Page("dashboard (job seeker)", "/dashboard/", "seeker"),
        Page("job seeker profile", "/me/profile/", "seeker"),
        Page("my applications", "/me/applications/", "seeker"),
        Page("saved jobs", "/me/saved-jobs/", "seeker"),
        Page("job alerts", "/me/alerts/", "seeker"),
        Page("apply", f"/jobs/{job}/apply/", "seeker"),
        Page("dashboard (business)", "/dashboard/", "business"),
        Page("review a vendor", f"/vendors/{contacted}/review/", "business"),
        Page("claim a vendor", f"/vendors/{vendor}/claim/", "business"),
        Page("dashboard (vendor member)", "/dashboard/", "employer"),
        Page("new job posting", "/dashboard/jobs/new/", "employer"),
        Page("edit a job posting", f"/dashboard/jobs/{own_posting}/edit/", "employer"),
        Page("applicant pipeline", f"/dashboard/jobs/{own_posting}/applications/", "employer"),
        Page("edit a vendor profile", f"/dashboard/vendors/{own_vendor}/edit/", "employer"),
    ]
