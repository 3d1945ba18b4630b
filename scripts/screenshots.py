"""Screenshots of the public pages in headless Chromium, for the README: `make screenshots`.

Takes the pages of a running site (BASE_URL, default http://127.0.0.1:8000) at a desktop and a phone
width and writes PNG files to docs/screenshots/. Uses Debian's Chromium (CHROMIUM, default
/usr/bin/chromium), driven by Playwright.
"""

import os
import sys
from pathlib import Path
from urllib.request import urlopen

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def first_link(html: str, prefix: str) -> str:
    """The first result's link on a list page: each result's heading links to its detail page."""
    marker = f'<h2><a href="{prefix}'
    start = html.find(marker)
    if start == -1:
        raise SystemExit(f"No result under {prefix} on the list page")
    start += len('<h2><a href="')
    return html[start : html.index('"', start)]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    vendor_list = urlopen(f"{BASE_URL}/vendors/").read().decode()  # noqa: S310 - our own site
    job_list = urlopen(f"{BASE_URL}/jobs/").read().decode()  # noqa: S310
    pages = {
        "vendor-list": "/vendors/?service=customer-support&channel=chat",
        "vendor-profile": first_link(vendor_list, "/vendors/"),
        "job-list": "/jobs/",
        "job-posting": first_link(job_list, "/jobs/"),
        "insights-pay": "/insights/pay/",
        "insights-cost": "/insights/cost/?client_country=US",
    }
    pages = {name: path for name, path in pages.items() if len(sys.argv) < 2 or name in sys.argv[1:]}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for width, height, suffix in [(1280, 900, ""), (390, 844, "-phone")]:
            page = browser.new_page(viewport={"width": width, "height": height})
            for name, path in pages.items():
                page.goto(f"{BASE_URL}{path}", wait_until="networkidle")
                target = OUT / f"{name}{suffix}.png"
                page.screenshot(path=target, full_page=False)
                print(f"{target.relative_to(OUT.parent.parent)}  ←  {path}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
