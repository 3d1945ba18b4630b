"""Every page people use, checked by axe-core for serious and critical accessibility violations, at a 375 px
wide screen for horizontal overflow, and with the keyboard for a visible focus; the site's own 404 page."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    PHONE,
    assert_accessible,
    assert_no_horizontal_overflow,
    compare_path,
    first_links,
    press,
)

# Where the keyboard focus is and whether a person can see it: an outline or a ring, on an element with a size.
FOCUS = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    const label = (element.innerText || element.getAttribute("aria-label") || element.name || "").trim();
    return {
        tag: element.tagName.toLowerCase(),
        name: `${element.tagName.toLowerCase()} ${label.slice(0, 40)}`,
        visible: element.matches(":focus-visible") && ring && box.width > 0 && box.height > 0,
    };
}"""

PUBLIC_PAGES = [
    "/",
    "/vendors/",
    "/jobs/",
    "first-vendor",
    "first-job",
    "compare",
    "/accounts/login/",
    "/accounts/signup/",
    "contact",
    "/vendors/match/?services=customer-support&seats=20&client_country=US",
    "/insights/pay/",
]
SIGNED_IN_PAGES = {
    "seeker": ["/me/profile/", "apply", "/me/applications/", "/dashboard/"],
    "employer": ["/dashboard/", "/dashboard/jobs/new/", "applications"],
}


def resolve(page: Page, path: str) -> str:
    """The concrete address of a page named by what it shows."""
    if path == "first-vendor":
        return first_links(page, "/vendors/")[0]
    if path == "first-job":
        return first_links(page, "/jobs/")[0]
    if path == "contact":
        return first_links(page, "/vendors/")[0] + "contact/"
    if path == "apply":
        return first_links(page, "/jobs/")[0] + "apply/"
    if path == "compare":
        return compare_path(page)
    if path == "applications":
        page.goto("/dashboard/")
        return page.get_by_role("link", name="application").first.get_attribute("href")
    return path


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_has_no_serious_accessibility_violation(page, path):
    assert page.goto(resolve(page, path)).ok
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("username", "path"), [(username, path) for username, paths in SIGNED_IN_PAGES.items() for path in paths]
)
def test_signed_in_page_has_no_serious_accessibility_violation(people, username, path):
    page = people.signed_in(username)
    assert page.goto(resolve(page, path)).ok
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/insights/pay/"])
def test_page_fits_a_phone_screen(people, path):
    page = people.open(viewport=PHONE)
    assert page.goto(resolve(page, path)).ok
    assert_no_horizontal_overflow(page)


@pytest.mark.parametrize(
    ("username", "path"), [(username, path) for username, paths in SIGNED_IN_PAGES.items() for path in paths]
)
def test_signed_in_page_fits_a_phone_screen(people, username, path):
    page = people.signed_in(username, viewport=PHONE)
    assert page.goto(resolve(page, path)).ok
    expect(page.locator("h1")).to_be_visible()
    assert_no_horizontal_overflow(page)


@pytest.mark.parametrize(
    ("username", "path"), [(None, "/"), (None, "/vendors/"), (None, "first-job"), ("employer", "/dashboard/")]
)
def test_keyboard_focus_is_always_visible(people, username, path):
    """Tab through the page from the top: every stop (links, buttons, boxes, the skip link) shows where the
    focus is, on screen."""
    page = people.signed_in(username) if username else people.open()
    assert page.goto(resolve(page, path)).ok
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS)
        if focus["tag"] == "body":
            break
        assert focus["visible"], f"No visible focus on {focus['name']} of {page.url} (after {seen[-3:]})"
        seen.append(focus["name"])
    assert seen[0] == "a Skip to content", seen[:3]
    assert len(seen) >= 10, seen


@pytest.mark.parametrize("path", ["/vendors/", "/jobs/"])
def test_filters_collapse_into_a_panel_on_a_phone(people, path):
    page = people.open(viewport=PHONE)
    page.goto(path)
    filters = page.locator("form.filters")
    expect(filters).to_be_hidden()
    expect(page.locator(".results h2 a").first).to_be_in_viewport()
    toggle = page.get_by_role("button", name="Filter and sort")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    press(page, toggle)
    expect(filters).to_be_visible()
    expect(filters).to_be_focused()  # the keyboard lands in the opened panel
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Shift+Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(filters).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_unknown_address_shows_the_sites_own_404_page(page):
    response = page.goto("/vendors/no-such-vendor-anywhere/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_role("link", name="Find a vendor").first).to_be_visible()
    assert_accessible(page)


def test_counts_scores_and_marks_have_names_for_screen_readers(page):
    """What the eye reads from a number or a sign (a facet's count, a match's score, a ✓) is in the accessible
    names as words: visually hidden text, as an aria-label on a plain span is ignored (and invalid HTML)."""
    page.goto("/vendors/")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Customer support \d+ matching$"))).to_have_count(1)

    page.goto("/vendors/match/?services=customer-support&seats=20&client_country=US")
    expect(page.get_by_role("heading", name=re.compile(r" score \d+ out of 100$")).first).to_be_visible()
    mark = page.locator(".criterion").first
    expect(mark.locator(".visually-hidden")).to_have_text(re.compile(r"^(Met|Partly met|Not met):$"))
    expect(mark.locator(".mark")).to_have_attribute("aria-hidden", "true")


@pytest.mark.parametrize("path", ["/accounts/signup/", "contact"])
def test_the_honeypot_is_out_of_sight(page, path):
    """The field bots fill and people never see (nor reach with Tab) is drawn off the screen."""
    assert page.goto(resolve(page, path)).ok
    honeypot = page.locator('input[name="contact_me_by_fax"]')
    box = honeypot.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 0, box
    expect(honeypot).to_have_attribute("tabindex", "-1")
