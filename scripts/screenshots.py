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
    """The first link under `prefix` that is a detail page (one path segment below it)."""
    start = 0
    while (start := html.find(f'href="{prefix}', start)) != -1:
        end = html.index('"', start + 6)
        path = html[start + 6 : end]
        start = end
        rest = path[len(prefix) :].strip("/")
        if rest and "/" not in rest and "?" not in rest and rest not in {"compare", "shortlist"}:
            return path
    raise SystemExit(f"No detail link under {prefix} on the list page")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    vendor_list = urlopen(f"{BASE_URL}/vendors/").read().decode()  # noqa: S310 - our own site
    job_list = urlopen(f"{BASE_URL}/jobs/").read().decode()  # noqa: S310
    pages = {
        "vendor-list": "/vendors/?service=customer-support&channel=chat",
        "vendor-profile": first_link(vendor_list, "/vendors/"),
        "job-list": "/jobs/",
        "job-posting": first_link(job_list, "/jobs/"),
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
