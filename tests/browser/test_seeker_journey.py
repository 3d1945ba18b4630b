"""Journey 2, with the keyboard only: a job seeker filters remote night-shift voice jobs, opens one, signs up
(confirming the address from the email), fills a profile, applies with a PDF, sees the match score and the
application under "My applications"; the employer moves it to interview and the seeker sees the new stage."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, facet_option, press, sign_in, tab_to, type_into

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def test_seeker_finds_a_night_job_signs_up_applies_and_follows_the_stage(people, site, tmp_path):
    employer = people.signed_in("employer")
    company = employer.locator("p", has_text="Hiring for").inner_text().removeprefix("Hiring for ").split(" ·")[0]

    page = people.open()
    page.goto("/jobs/")
    for facet, label in [
        ("work_arrangement", "Remote"),
        ("shift", "Night (graveyard) shift"),
        ("account_type", "Voice"),
    ]:
        press(page, facet_option(page, facet, label), "Space")
        expect(page).to_have_url(re.compile(rf"{facet}="))
    rows = page.locator(".job-row")
    assert rows.count() >= 1
    assert rows.filter(has_text="Remote").count() == rows.count()
    assert rows.filter(has_text="Night (graveyard) shift").count() == rows.count()
    row = rows.filter(has=page.get_by_role("link", name=company))
    title = row.get_by_role("heading").inner_text()
    pay = row.locator(".salary").inner_text()
    assert re.fullmatch(r"[A-Z]{3} [\d,]+(\N{EN DASH}[\d,]+)? per (hour|month|year)", pay), pay
    posted = row.locator("time")
    expect(row.locator(".job-meta")).to_contain_text("Posted ")
    expect(posted).to_have_text(re.compile(r".+ ago$"))
    expect(posted).to_have_attribute("title", re.compile(r"\d{1,2} \w+ \d{4}"))

    press(page, row.get_by_role("link", name=title))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator("dl.facts")).to_contain_text(pay)
    job_url = page.url
    press(page, page.get_by_role("link", name="Apply for this job"))
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    press(page, page.locator("main").get_by_role("link", name="Sign up"))
    address = "night.owl@example.com"
    type_into(page, page.get_by_role("textbox", name="Email"), address)
    type_into(page, page.get_by_role("textbox", name="Username"), "nightowl")
    type_into(page, page.get_by_label("Password:", exact=True), PASSWORD)
    type_into(page, page.get_by_label("Password (again)"), PASSWORD)
    press(page, page.get_by_label("I am looking for customer service work"), "Space")
    press(page, page.locator("main form button[type=submit]"))
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Verify Your Email Address", re.IGNORECASE))

    page.goto(site.link_in_last_email(address, "/accounts/confirm-email/"))
    press(page, page.locator("main form button[type=submit]"))
    expect(page.locator(".messages")).to_contain_text(f"You have confirmed {address}.")
    if page.get_by_role("button", name="Log out").count() == 0:
        sign_in(page, "nightowl", PASSWORD)

    page.goto("/me/profile/")
    type_into(page, page.get_by_role("textbox", name="Headline"), "Night-shift voice agent, 3 years in telco support")
    type_into(page, page.get_by_role("spinbutton", name="Years of experience"), "3")
    with page.expect_file_chooser() as chooser:
        press(page, page.get_by_label("Resume (PDF or DOCX, at most 5 MB)"), "Space")
    resume = tmp_path / "night-owl-resume.pdf"
    resume.write_bytes(PDF)
    chooser.value.set_files(resume)
    press(page, page.get_by_role("button", name="Save my profile"))
    expect(page.locator(".messages")).to_contain_text("Your profile is saved.")

    page.goto(job_url)
    expect(page.locator(".match-box")).to_contain_text(re.compile(r"How you match: \d{1,3}/100"))
    press(page, page.get_by_role("link", name="Apply for this job"))
    type_into(page, page.get_by_role("textbox", name="Cover note"), "I work nights already and love it.")
    with page.expect_file_chooser() as chooser:
        press(page, page.get_by_label(re.compile("Resume")), "Space")
    chooser.value.set_files(resume)
    press(page, page.get_by_role("button", name="Send my application"))
    expect(page.locator(".messages")).to_contain_text(f"Your application for {title} was sent to {company}.")
    expect(page.get_by_role("heading", level=1)).to_have_text("My applications")
    application = page.locator("tbody tr", has_text=title)
    expect(application.locator(".stage")).to_have_text("Applied")

    employer.goto("/dashboard/")
    press(
        employer,
        employer.locator("tr", has=employer.get_by_role("link", name=title)).get_by_role("link", name="1 application"),
    )
    card = employer.locator("article.application", has_text="I work nights already")
    stage = card.get_by_label("Stage")
    tab_to(employer, stage)
    employer.keyboard.type("Interview")
    expect(stage).to_have_value("interview")
    press(employer, card.get_by_role("button", name="Save"))
    expect(employer.locator(".messages")).to_contain_text(f"nightowl is now at “Interview” for {title}.")

    page.reload()
    expect(page.locator("tbody tr", has_text=title).locator(".stage")).to_have_text("Interview")
