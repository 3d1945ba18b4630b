"""Journey 1, with the keyboard only: a business narrows the vendor list by service, shore model and
language, opens two profiles, shortlists both, compares them and sends an inquiry to one; the vendor's
member sees it in the dashboard."""

import re
from urllib.parse import quote

from playwright.sync_api import Page, expect

from tests.browser.conftest import facet_option, press, type_into


def fact(page: Page, term: str) -> str:
    return page.locator("dl.facts dt", has_text=term).locator("xpath=following-sibling::dd[1]").inner_text()


def test_business_narrows_shortlists_compares_and_contacts_vendors(people):
    member = people.signed_in("employer")
    own_vendor = member.locator("section", has=member.get_by_role("heading", name="Your vendor profile"))
    vendor_link = own_vendor.get_by_role("link").first
    vendor = vendor_link.inner_text()
    press(member, vendor_link)
    service = member.locator(".profile .columns .tag").first.inner_text()
    shore_model = fact(member, "Shore models").split(", ")[0]
    language = fact(member, "Languages").split(", ")[0]

    page = people.signed_in("business")
    page.goto("/vendors/")
    counts = [int(page.locator("#result-count strong").inner_text().replace(",", ""))]
    for facet, label in [("service", service), ("shore_model", shore_model), ("language", language)]:
        option = facet_option(page, facet, label)
        press(page, option, "Space")
        expect(page).to_have_url(re.compile(rf"{facet}="))
        expect(option).to_be_checked()
        expect(option).to_be_focused()  # the swapped list keeps the keyboard where it was
        expect(page.get_by_role("link", name=re.compile(rf"Remove filter .*: {re.escape(label)}"))).to_be_visible()
        counts.append(int(page.locator("#result-count strong").inner_text().replace(",", "")))
    assert counts == sorted(counts, reverse=True) and counts[-1] < counts[0], counts
    results = page.locator(".results h2 a")
    narrowed = page.url
    # The member's vendor is among the narrowed results (on whichever page): asked by name within them.
    page.goto(narrowed)
    other = next(name for name in results.all_inner_texts() if name != vendor)

    for name in [vendor, other]:
        page.goto(f"{narrowed}&q={quote(name)}")
        expect(results.filter(has_text=name)).to_have_count(1)
        press(page, page.locator(".results h2 a", has_text=name))
        expect(page.get_by_role("heading", level=1)).to_contain_text(name)
        press(page, page.get_by_role("button", name="Add to shortlist to compare"))
        expect(page.locator(".messages")).to_contain_text(f"{name} is on your shortlist.")
        expect(page.get_by_role("button", name="✓ On your shortlist · remove")).to_be_visible()
        page.go_back()
        page.go_back()

    press(page, page.get_by_role("link", name="Shortlist 2"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Your shortlist")
    press(page, page.get_by_role("button", name="Compare"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare vendors")
    headers = page.locator("table.compare thead th").all_inner_texts()
    assert sorted(headers[1:]) == sorted([vendor, other])
    expect(page.locator("table.compare tbody tr", has_text="Languages")).to_contain_text(language)

    press(page, page.locator("table.compare thead").get_by_role("link", name=vendor))
    press(page, page.get_by_role("link", name=f"Contact {vendor}").first)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Contact {vendor}")
    expect(page.get_by_role("textbox", name="Email")).to_have_value("business@localhost")  # filled in from the account
    type_into(page, page.get_by_role("textbox", name="Name"), "Dana Reyes")
    type_into(page, page.get_by_role("textbox", name="Company"), "Keyboard Retail Ltd")
    press(page, page.get_by_label(service, exact=True), "Space")
    type_into(page, page.get_by_label("Seats (agents) needed"), "25")
    type_into(
        page,
        page.get_by_role("textbox", name="Message"),
        "We need 25 agents for chat support from March, in two time zones.",
    )
    press(page, page.get_by_role("button", name="Send my inquiry"))
    expect(page.locator(".messages")).to_contain_text(f"Your inquiry was sent to {vendor}.")

    member.goto("/dashboard/")
    inquiries = member.locator("section", has=member.get_by_role("heading", name=f"Inquiries to {vendor}"))
    expect(inquiries).to_contain_text("Keyboard Retail Ltd")
    expect(inquiries).to_contain_text("25 seats")
    expect(inquiries).to_contain_text("We need 25 agents for chat support from March")
