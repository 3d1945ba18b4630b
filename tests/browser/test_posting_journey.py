"""Journey 3, with the keyboard only: an employer posts a job through the dashboard's form; it stays off the job
board until a curator approves it from the admin's review queue; then job seekers find it in the list, and feed
readers and search engines find it in the Atom feed and the sitemap."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import press, tab_to, type_into

TITLE = "Tagalog-English chat agent for an airline rebooking desk"

# What a feed reader and a crawler read: the entries of the Atom feed, and the addresses of every page of the
# sitemap's job sections (found through the sitemap index, as a crawler does).
FEED_ENTRIES = """async (path) => {
    const feed = new DOMParser().parseFromString(await (await fetch(path)).text(), "application/xml");
    return [...feed.getElementsByTagName("entry")].map((entry) => ({
        title: entry.getElementsByTagName("title")[0].textContent,
        path: new URL(entry.getElementsByTagName("link")[0].getAttribute("href")).pathname,
    }));
}"""
SITEMAP_PATHS = """async (section) => {
    const read = async (url) => new DOMParser().parseFromString(await (await fetch(url)).text(), "application/xml");
    const locations = (xml) => [...xml.getElementsByTagName("loc")].map((loc) => loc.textContent.trim());
    const pages = locations(await read("/sitemap.xml")).filter((url) => url.includes(section));
    const paths = [];
    for (const url of pages) {
        paths.push(...locations(await read(new URL(url).pathname + new URL(url).search)).map(
            (address) => new URL(address).pathname));
    }
    return paths;
}"""


def choose(page: Page, select, option: str) -> None:
    """Pick an option of a drop-down with the keyboard: focus it and type the start of the option's text."""
    tab_to(page, select)
    page.keyboard.type(option)


def on_the_job_board(page: Page) -> None:
    page.goto("/jobs/?q=rebooking")
    expect(page.locator("#result-count")).to_be_visible()


def test_employer_posts_a_job_a_curator_approves_it_and_it_is_public(people):
    employer = people.signed_in("employer")
    company = employer.locator("p", has_text="Hiring for").inner_text().removeprefix("Hiring for ").split(" ·")[0]
    press(employer, employer.get_by_role("link", name="Post a job"))
    expect(employer.get_by_role("heading", level=1)).to_have_text("Post a job")
    type_into(employer, employer.get_by_role("textbox", name="Title"), TITLE)
    type_into(
        employer,
        employer.get_by_role("textbox", name="Description"),
        "Help travellers whose flights were cancelled find a new one, by chat, in Tagalog and English.",
    )
    type_into(employer, employer.get_by_role("textbox", name="City"), "Cebu City")
    choose(employer, employer.get_by_label("Country"), "Philippines")
    choose(employer, employer.get_by_label("Work arrangement"), "Remote")
    choose(employer, employer.get_by_label("Shift"), "Night")
    choose(employer, employer.get_by_label("Account type"), "Non-voice")
    type_into(employer, employer.get_by_label("Salary min"), "22000")
    type_into(employer, employer.get_by_label("Salary max"), "28000")
    choose(employer, employer.get_by_label("Salary currency"), "Philippine peso")
    choose(employer, employer.get_by_label("Salary period"), "per month")
    type_into(employer, employer.get_by_label("Minimum years of experience"), "1")
    type_into(employer, employer.get_by_label("Openings"), "12")
    press(employer, employer.locator("#id_required_skills").get_by_label("Live chat support"), "Space")
    press(employer, employer.get_by_role("button", name="Send for review"))

    expect(employer.locator(".messages")).to_contain_text(f"“{TITLE}” is waiting for a curator's review.")
    row = employer.locator("tbody tr", has_text=TITLE)
    expect(row.locator(".stage")).to_have_text("Pending review")
    expect(row.get_by_role("link", name=TITLE)).to_have_count(0)  # not public yet, so nothing to open

    visitor = people.open()
    on_the_job_board(visitor)
    expect(visitor.locator(".results").get_by_role("link", name=TITLE)).to_have_count(0)

    curator = people.open()
    curator.goto("/admin/")
    type_into(curator, curator.get_by_label("Username"), "curator")
    type_into(curator, curator.get_by_label("Password"), "curator")
    curator.keyboard.press("Enter")
    press(curator, curator.get_by_role("link", name="Job postings awaiting review"))
    expect(curator.get_by_role("heading", level=1)).to_have_text("Select job posting awaiting review to change")
    waiting = curator.locator("#result_list tbody tr", has_text=TITLE)
    expect(waiting).to_contain_text(company)
    press(curator, waiting.get_by_role("checkbox"), "Space")
    expect(curator.locator(".action-counter")).to_contain_text("1 of")
    action = curator.get_by_role("combobox", name=re.compile(r"^Action"))
    choose(curator, action, "Approve and publish")
    expect(action).to_have_value("approve")
    press(curator, curator.get_by_role("button", name="Run"))
    expect(curator.locator("ul.messagelist")).to_contain_text("1 published.")
    expect(curator.locator("#result_list tbody tr", has_text=TITLE)).to_have_count(0)

    employer.reload()
    expect(row.locator(".stage")).to_have_text("Published")

    visitor.goto("/jobs/")
    newest = visitor.locator(".results h2 a").first
    expect(newest).to_have_text(TITLE)
    press(visitor, newest)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.locator("dl.facts")).to_contain_text("PHP 22,000\N{EN DASH}28,000 per month")
    expect(visitor.get_by_role("link", name="Apply for this job")).to_be_visible()
    path = re.sub(r"^https?://[^/]+", "", visitor.url)

    entries = visitor.evaluate(FEED_ENTRIES, "/jobs/feed/")
    assert {"title": f"{TITLE} at {company}", "path": path} in entries, entries[:3]
    assert path in visitor.evaluate(SITEMAP_PATHS, "sitemap-jobs.xml")
