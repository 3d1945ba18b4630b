"""Journey 4, with the keyboard only: the htmx filters. A change (Space on a box) updates the list and the
address without a full reload and leaves the focus where it was, the back button brings the previous list back,
a slow answer shows that the list is updating, a filter set with no result says which filters to loosen, and
without JavaScript the same filters work by submitting the form (Enter on its button)."""

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import facet_option, press, tab_to


def result_count(page: Page) -> str:
    return page.locator("#result-count strong").inner_text()


def test_filters_update_the_list_and_the_address_without_a_reload(page):
    page.goto("/jobs/")
    everything = result_count(page)
    page.evaluate("() => { window.notReloaded = true; }")

    night_shift = facet_option(page, "shift", "Night (graveyard) shift")
    press(page, night_shift, "Space")
    expect(page).to_have_url(re.compile(r"shift=night"))
    expect(page.locator("#result-count strong")).not_to_have_text(everything)
    expect(night_shift).to_be_focused()  # the swapped list keeps the keyboard where it was
    night = result_count(page)
    expect(page.get_by_role("link", name="Remove filter Shift: Night (graveyard) shift")).to_be_visible()
    shifts = page.locator(".job-row .tags .tag:first-child").all_inner_texts()
    assert shifts and set(shifts) == {"Night (graveyard) shift"}

    press(page, facet_option(page, "work_arrangement", "Remote"), "Space")
    expect(page).to_have_url(re.compile(r"shift=night.*work_arrangement=remote|work_arrangement=remote.*shift=night"))
    expect(page.locator("#result-count strong")).not_to_have_text(night)
    assert page.locator(".job-row strong", has_text="Remote").count() == page.locator(".job-row").count()
    assert page.evaluate("() => window.notReloaded === true"), "the page was reloaded instead of swapped"

    page.go_back()
    expect(page).to_have_url(re.compile(r"/jobs/\?shift=night$"))
    expect(page.locator("#result-count strong")).to_have_text(night)
    expect(facet_option(page, "work_arrangement", "Remote")).not_to_be_checked()
    expect(facet_option(page, "shift", "Night (graveyard) shift")).to_be_checked()
    page.go_back()
    expect(page.locator("#result-count strong")).to_have_text(everything)


def test_the_list_says_it_is_updating_while_htmx_waits(page):
    page.goto("/vendors/")
    held = []
    page.route(re.compile(r"/vendors/\?"), lambda route: held.append(route))
    press(page, facet_option(page, "channel", "Chat"), "Space")
    expect(page.locator("#browser")).to_have_attribute("aria-busy", "true")
    expect(page.get_by_text("Updating the list…")).to_be_visible()
    held[0].continue_()
    page.unroute(re.compile(r"/vendors/\?"))
    expect(page).to_have_url(re.compile(r"channel=chat"))
    expect(page.locator("#browser")).not_to_have_attribute("aria-busy", "true")
    expect(page.get_by_text("Updating the list…")).to_be_hidden()


def test_no_result_names_the_filters_to_loosen(page):
    page.goto("/vendors/?q=zzzznothing&min_seats=999999")
    empty = page.locator(".results .empty")
    expect(empty).to_contain_text("No vendor matches all of these filters")
    expect(empty.get_by_role("link", name="Remove the search")).to_be_visible()
    press(page, empty.get_by_role("link", name="Remove the filter 999,999+ seats"))
    expect(page).to_have_url(re.compile(r"q=zzzznothing$"))
    expect(page.locator(".results .empty")).to_be_visible()
    press(page, page.locator(".results .empty").get_by_role("link", name="Remove the search"))
    expect(page.locator(".results h2 a").first).to_be_visible()


def test_a_second_change_before_the_first_answer_is_not_lost(page):
    page.goto("/jobs/")
    first_answer = re.compile(r"/jobs/\?shift=night$")
    page.route(first_answer, lambda route: None)  # the first answer never comes while the second change is made
    press(page, facet_option(page, "shift", "Night (graveyard) shift"), "Space")
    expect(page.locator("#browser")).to_have_attribute("aria-busy", "true")
    press(page, facet_option(page, "account_type", "Voice"), "Space")
    expect(page).to_have_url(re.compile(r"account_type=voice"))
    page.unroute_all(behavior="ignoreErrors")
    expect(facet_option(page, "shift", "Night (graveyard) shift")).to_be_checked()
    expect(facet_option(page, "account_type", "Voice")).to_be_checked()


def test_a_box_ticked_with_the_keyboard_as_the_list_updates_stays_ticked(page):
    """Space ticks a box when the key comes up: the answer to the previous change arriving between the key's
    press and its release must not lose the tick."""
    page.goto("/jobs/")
    held = []
    page.route(re.compile(r"/jobs/\?shift=night$"), lambda route: held.append(route))
    press(page, facet_option(page, "shift", "Night (graveyard) shift"), "Space")
    expect(page.locator("#browser")).to_have_attribute("aria-busy", "true")
    voice = facet_option(page, "account_type", "Voice")
    tab_to(page, voice)
    page.keyboard.down("Space")
    assert held, "the first change asked for no list"
    held[0].continue_()
    expect(page.locator("#browser")).not_to_have_attribute("aria-busy", "true")
    expect(voice).to_be_focused()
    page.keyboard.up("Space")
    expect(voice).to_be_checked()
    expect(page).to_have_url(re.compile(r"shift=night.*account_type=voice"))
    expect(page.locator(".job-row").first).to_contain_text("Voice")


def test_without_javascript_the_same_filters_work(people):
    with_js = people.open()
    with_js.goto("/jobs/")
    press(with_js, facet_option(with_js, "shift", "Night (graveyard) shift"), "Space")
    expect(with_js).to_have_url(re.compile(r"shift=night"))
    press(with_js, facet_option(with_js, "account_type", "Voice"), "Space")
    expect(with_js).to_have_url(re.compile(r"account_type=voice"))
    expected = result_count(with_js)

    page = people.open(java_script_enabled=False)
    page.goto("/jobs/")
    press(page, facet_option(page, "shift", "Night (graveyard) shift"), "Space")
    press(page, facet_option(page, "account_type", "Voice"), "Space")
    press(page, page.get_by_role("button", name="Show jobs"))
    expect(page).to_have_url(re.compile(r"shift=night.*account_type=voice|account_type=voice.*shift=night"))
    expect(page.locator("#result-count strong")).to_have_text(expected)
    press(page, page.get_by_role("link", name="Remove filter Account type: Voice"))
    expect(page).not_to_have_url(re.compile(r"account_type=voice"))
    expect(facet_option(page, "account_type", "Voice")).not_to_be_checked()
    expect(facet_option(page, "shift", "Night (graveyard) shift")).to_be_checked()
