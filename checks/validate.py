"""make validate: the Nu Html Checker over one page of every kind (checks/crawl.py) of a freshly seeded site, and
over the site's own CSS and SVG icons. Prints each error with its page and line, then the count per page; exits 1
on any error. `--url http://127.0.0.1:8000` checks a site already running (with the demo people) instead."""

import argparse
import sys
from collections import Counter
from contextlib import nullcontext
from pathlib import Path

from checks.crawl import HttpBrowser, discover
from checks.site import served_site
from checks.vnu import check, missing_tools

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", help="a running site to check instead of a fresh one")
    arguments = parser.parse_args()
    if problem := missing_tools():
        print(f"make validate cannot run: {problem}", file=sys.stderr)
        return 2
    documents, wrong_status = {}, []
    with nullcontext(arguments.url) if arguments.url else served_site() as url:
        browser = HttpBrowser(url)
        pages = discover(browser)
        for page in pages:
            status, documents[str(page)] = browser.get(page.path, page.person)
            if status != page.status:
                wrong_status.append(f"{page}: {status}, expected {page.status}")
    for path in sorted((ROOT / "static").rglob("*")):
        if path.suffix in (".css", ".svg"):
            documents[str(path.relative_to(ROOT))] = path.read_bytes()
    findings = check(documents)
    for finding in findings:
        print(finding)
    per_document = Counter(finding.document for finding in findings)
    print(f"\n== Nu Html Checker: {len(findings)} errors in {len(documents)} documents ({len(pages)} pages)")
    for document in documents:
        print(f"  {per_document[document]:5d}  {document}")
    for line in wrong_status:
        print(f"unexpected status: {line}")
    return 1 if findings or wrong_status else 0


if __name__ == "__main__":
    sys.exit(main())
