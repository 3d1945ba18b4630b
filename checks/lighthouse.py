"""make lighthouse: Lighthouse (the npm package package-lock.json pins) with Debian's Chromium, headless, on the home
page, the vendor list, a vendor profile, the job list and a job posting of a freshly seeded site served by gunicorn
under the production settings (checks/site.py). Prints each page's scores and what cost points; exits 1 when best
practices or SEO is under 100 on any page. Accessibility is printed too (axe in `make e2e` holds that line).
The JSON reports are left in artifacts/lighthouse/. `--url http://127.0.0.1:8000` measures a site already running."""

import argparse
import json
import os
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

from checks.crawl import HttpBrowser, first
from checks.site import served_site

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "artifacts" / "lighthouse"
CATEGORIES = ["best-practices", "seo", "accessibility"]
REQUIRED = {"best-practices": 100, "seo": 100}
# As the browser tests start Chromium: without the networking flags its own background connections slow every start.
CHROME_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pages(url: str) -> dict[str, str]:
    browser = HttpBrowser(url)
    vendors, jobs = browser.get("/vendors/")[1], browser.get("/jobs/")[1]
    vendor = first(r'href="/vendors/([-\w]+)/"', vendors, ("compare", "match", "shortlist", "services", "countries"))
    job = first(r'href="/jobs/([-\w]+)/"', jobs, ("feed", "remote", "countries", "skills", "employers"))
    return {
        "home": "/",
        "vendor list": "/vendors/",
        "vendor profile": f"/vendors/{vendor}/",
        "job list": "/jobs/",
        "job posting": f"/jobs/{job}/",
    }


def measure(name: str, address: str, chromium: str) -> dict:
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name.replace(' ', '-')}.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            address,
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(CHROME_FLAGS)}",
            "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": chromium},
        check=True,
        timeout=300,
    )
    return json.loads(report.read_text())


def lost_points(result: dict, category: str) -> list[str]:
    """The audits of `category` that count and did not pass, with what they found."""
    lines = []
    for reference in result["categories"][category]["auditRefs"]:
        audit = result["audits"][reference["id"]]
        if reference["weight"] and audit["score"] is not None and audit["score"] < 1:
            lines.append(f"    {category}: {audit['title']} ({audit.get('displayValue', '')})")
            for item in (audit.get("details") or {}).get("items", [])[:5]:
                found = item.get("node", {}).get("snippet") or item.get("url") or item.get("source") or item
                lines.append(f"      {str(found)[:160]}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running site to measure instead of a fresh one (production settings)")
    arguments = parser.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for needed, how in [(Path(chromium), "apt-get install chromium"), (LIGHTHOUSE, "npm ci")]:
        if not needed.exists():
            print(f"make lighthouse needs {needed}: {how}", file=sys.stderr)
            return 2
    rows, details = [], []
    with nullcontext(arguments.url) if arguments.url else served_site(production=True) as url:
        for name, path in pages(url).items():
            result = measure(name, f"{url}{path}", chromium)
            scores = {category: round(result["categories"][category]["score"] * 100) for category in CATEGORIES}
            rows.append((name, path, scores))
            for category in CATEGORIES:
                if scores[category] < 100:
                    details += [f"  {name} ({path})", *lost_points(result, category)]
    print("\n".join(details))
    settings = f"{result['configSettings']['formFactor']}, production settings"
    print(f"\n== Lighthouse {result['lighthouseVersion']}, {settings}")
    print(f"  {'page':16} {'best practices':>15} {'SEO':>5} {'accessibility':>14}  address")
    for name, path, scores in rows:
        print(f"  {name:16} {scores['best-practices']:>15} {scores['seo']:>5} {scores['accessibility']:>14}  {path}")
    failing = [name for name, _, scores in rows if any(scores[c] < floor for c, floor in REQUIRED.items())]
    if failing:
        print(f"under 100 in best practices or SEO: {', '.join(failing)}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
