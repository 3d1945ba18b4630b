"""The README's screenshots, taken from the seeded e2e site at a desktop and a phone width.

They go to SCREENSHOTS_DIR: artifacts/screenshots/ in a plain `make e2e`, docs/screenshots/ with
`make screenshots` (which runs only this file), so the README always shows what the tests saw.
"""

import os

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import DESKTOP, PHONE, ROOT, assert_no_horizontal_overflow, compare_path, first_links

OUT = ROOT / os.environ.get("SCREENSHOTS_DIR", "artifacts/screenshots")


def readme_pages(page: Page) -> dict[str, str]:
    """Name of the picture → the address it shows."""
    return {
        "home": "/",
        "vendor-list": "/vendors/?service=customer-support&channel=chat",
        "vendor-profile": first_links(page, "/vendors/")[0],
        "compare": compare_path(page),
        "job-list": "/jobs/",
        "job-posting": first_links(page, "/jobs/")[0],
        "insights-pay": "/insights/pay/",
        "insights-cost": "/insights/cost/?client_country=US",
    }


@pytest.mark.parametrize(("viewport", "suffix"), [(DESKTOP, ""), (PHONE, "-phone")])
def test_readme_screenshots(people, viewport, suffix):
    OUT.mkdir(parents=True, exist_ok=True)
    page = people.open(viewport=viewport)
    for name, path in readme_pages(page).items():
        assert page.goto(path).ok, path
        expect(page.locator("h1")).to_be_visible()
        assert_no_horizontal_overflow(page)
        page.screenshot(path=OUT / f"{name}{suffix}.png")
    employer = people.signed_in("employer", viewport=viewport)
    expect(employer.get_by_role("heading", name="Your job postings")).to_be_visible()
    employer.screenshot(path=OUT / f"dashboard{suffix}.png")
