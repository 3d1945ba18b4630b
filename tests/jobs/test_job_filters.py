"""The job list's filters, facet counts, sorting, pagination and forgiving query strings: what /jobs/?<query> shows.

Five open postings with known attributes (and one posting of each status the public must not see, that would
match every filter), so that each test can name exactly which postings a query string lists, in which order,
and what each filter option counts.
"""

import re

import pytest
from django.http import QueryDict

from demo.factories.directory import EmployerFactory
from tests.helpers import bulk_postings, make_job
from tests.jobs.conftest import ALPHA, BRAVO, CHARLIE, DELTA, ECHO, NEWEST_FIRST

pytestmark = pytest.mark.django_db


REMOVE = "\N{MULTIPLICATION SIGN}"  # the mark of a chip that removes a filter

# The one facet whose values combine with AND (the posting asks for all of them); the others accept any one.
ALL_FACETS = {"skill"}


def get_list(client, query="", path="/jobs/", **headers):
    response = client.get(f"{path}?{query}" if query else path, headers=headers)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [posting.title for posting in response.context["job_postings"]]


def counts(response, facet: str) -> dict[str, int]:
    """The facet's options that match something, as {value: count}."""
    return {option.value: option.count for option in response.context["facets"][facet].options if option.count}


def selected(response, facet: str) -> set[str]:
    return {option.value for option in response.context["facets"][facet].options if option.selected}


# --- The list and each filter on its own ------------------------------------------------------------------------


def test_list_without_filters_shows_open_postings_newest_first_and_nothing_else(client, board):
    response = get_list(client)

    assert titles(response) == NEWEST_FIRST
    assert response.context["notices"] == []
    html = response.content.decode()
    assert "<strong>5</strong> open jobs" in html
    assert "Hidden" not in html


EACH_FILTER = {
    # Every word must appear in the title, description, city, employer name or a skill name, in any case.
    "q": {
        "q=alpha": [ALPHA],  # title
        "q=weekends": [BRAVO],  # description
        "q=monterrey": [CHARLIE],  # city
        "q=harbor": [ALPHA, CHARLIE],  # employer name
        "q=zendesk": [BRAVO, CHARLIE, DELTA],  # skill name
        "q=ZenDesk": [BRAVO, CHARLIE, DELTA],
        "q=zendesk+pune": [DELTA],
        "q=zendesk+austin": [],
        "q=support": [BRAVO, CHARLIE, DELTA],  # Bravo through its "Live chat support" skill
        "q=nowhere-to-be-found": [],
    },
    "country": {"country=MX": [CHARLIE], "country=mx": [CHARLIE], "country=PH": [ALPHA, BRAVO], "country=JM": []},
    "city": {"city=Cebu+City": [BRAVO], "city=cebu+city": [BRAVO], "city=MANILA": [ALPHA], "city=Atlantis": []},
    "work_arrangement": {
        "work_arrangement=remote": [BRAVO, DELTA],
        "work_arrangement=hybrid": [CHARLIE],
        "work_arrangement=onsite": [ALPHA, ECHO],
    },
    "employment_type": {
        "employment_type=full_time": [ALPHA, DELTA],
        "employment_type=part_time": [BRAVO],
        "employment_type=contract": [CHARLIE],
        "employment_type=internship": [],
    },
    "shift": {"shift=night": [ALPHA], "shift=flexible": [ECHO], "shift=rotating": [CHARLIE]},
    "account_type": {
        "account_type=voice": [ALPHA, ECHO],
        "account_type=non_voice": [BRAVO, DELTA],
        "account_type=blended": [CHARLIE],
    },
    "skill": {
        "skill=zendesk": [BRAVO, CHARLIE, DELTA],
        "skill=salesforce": [ALPHA, BRAVO, DELTA],  # Bravo lists it as preferred
        "skill=medical-terminology": [],
    },
    "language": {"language=es": [CHARLIE, ECHO], "language=tl": [BRAVO], "language=ja": []},
    # The top of the range (salary_max, or salary_min without a maximum) reaches the amount, in that currency.
    "min_salary": {
        "currency=PHP": [ALPHA, BRAVO],
        "currency=USD": [CHARLIE, ECHO],
        "min_salary=0&currency=PHP": [ALPHA, BRAVO],
        "min_salary=25000&currency=PHP": [ALPHA, BRAVO],  # Alpha's maximum reaches it exactly
        "min_salary=26000&currency=PHP": [BRAVO],  # Bravo has only a minimum: 30,000
        "min_salary=30000&currency=PHP": [BRAVO],
        "min_salary=30001&currency=PHP": [],
        "min_salary=20&currency=USD": [CHARLIE, ECHO],
        "min_salary=20.01&currency=USD": [CHARLIE],
        "min_salary=901&currency=USD": [],
    },
    "max_experience": {
        "max_experience=0": [ALPHA],
        "max_experience=1": [ALPHA, BRAVO],
        "max_experience=2": [ALPHA, BRAVO, CHARLIE],
        "max_experience=3": [ALPHA, BRAVO, CHARLIE, ECHO],
        "max_experience=50": NEWEST_FIRST,
    },
    "education": {
        "education=none": [ALPHA],
        "education=high_school": [ALPHA],
        "education=vocational": [ALPHA, BRAVO],
        "education=some_college": [ALPHA, BRAVO, CHARLIE],
        "education=bachelor": [ALPHA, BRAVO, CHARLIE, DELTA],
        "education=postgraduate": NEWEST_FIRST,
    },
    "employer": {
        "employer=harbor-cx": [ALPHA, CHARLIE],
        "employer=lumen-bank": [DELTA, ECHO],
        "employer=no-such-employer": [],  # employers are open-ended: an unknown one matches nothing
    },
    "employer_kind": {"employer_kind=bpo": [ALPHA, CHARLIE], "employer_kind=in_house": [BRAVO, DELTA, ECHO]},
    "posted_within": {
        "posted_within=1": [ALPHA],
        "posted_within=3": [ALPHA, BRAVO],
        "posted_within=7": [ALPHA, BRAVO, CHARLIE],
        "posted_within=30": [ALPHA, BRAVO, CHARLIE, DELTA],
        "posted_within=365": NEWEST_FIRST,
    },
}


@pytest.mark.parametrize("name", EACH_FILTER)
def test_each_filter_on_its_own_lists_exactly_the_matching_open_postings(client, board, name):
    cases = EACH_FILTER[name]
    notices = {}
    listed_titles = {}
    for query in cases:
        response = get_list(client, query)
        # A search is ranked by relevance (tests/project/test_search.py); here only what it finds counts.
        listed_titles[query] = sorted(titles(response)) if name == "q" else titles(response)
        assert response.context["paginator"].count == len(listed_titles[query])
        if response.context["notices"]:
            notices[query] = response.context["notices"]

    assert listed_titles == ({query: sorted(expected) for query, expected in cases.items()} if name == "q" else cases)
    assert notices == {}


def test_several_skills_list_only_postings_asking_for_all_of_them(client, board):
    cases = {
        "skill=zendesk&skill=salesforce": [BRAVO, DELTA],
        "skill=zendesk&skill=salesforce&skill=chat-support": [BRAVO],
        "skill=collections&skill=zendesk": [],
        "skill=zendesk&skill=zendesk": [BRAVO, CHARLIE, DELTA],
    }
    assert {query: titles(get_list(client, query)) for query in cases} == cases


def test_several_values_of_the_other_filters_accept_any_of_them(client, board):
    cases = {
        "country=PH&country=in": [ALPHA, BRAVO, DELTA],
        "city=manila&city=PUNE": [ALPHA, DELTA],
        "city=manila&city=Atlantis": [ALPHA],
        "work_arrangement=remote&work_arrangement=hybrid": [BRAVO, CHARLIE, DELTA],
        "employment_type=contract&employment_type=temporary": [CHARLIE, ECHO],
        "shift=day&shift=mid": [BRAVO, DELTA],
        "account_type=voice&account_type=blended": [ALPHA, CHARLIE, ECHO],
        "language=tl&language=hi": [BRAVO, DELTA],
        "language=es&language=en": NEWEST_FIRST,  # Charlie asks for both and is listed once
        "employer=orbit-retail&employer=lumen-bank": [BRAVO, DELTA, ECHO],
    }
    listed_titles, totals = {}, {}
    for query in cases:
        response = get_list(client, query)
        listed_titles[query] = titles(response)
        totals[query] = response.context["paginator"].count

    assert listed_titles == cases
    assert totals == {query: len(expected) for query, expected in cases.items()}


def test_filters_of_different_names_all_apply_together(client, board):
    cases = {
        "work_arrangement=remote&country=IN": [DELTA],
        "skill=zendesk&language=en&work_arrangement=remote": [BRAVO, DELTA],
        "country=PH&country=MX&skill=zendesk": [BRAVO, CHARLIE],
        "currency=USD&min_salary=100&employer_kind=bpo": [CHARLIE],
        "q=agent&max_experience=0": [ALPHA],
        "employer=lumen-bank&shift=flexible": [ECHO],
        "education=bachelor&posted_within=7&account_type=non_voice": [BRAVO],
        "account_type=voice&account_type=non_voice&country=PH": [ALPHA, BRAVO],
        "language=en&employer_kind=in_house&max_experience=5": [BRAVO, DELTA],
        "q=support&skill=salesforce&city=pune": [DELTA],
        "work_arrangement=remote&country=MX": [],
    }
    assert {query: titles(get_list(client, query)) for query in cases} == cases


def test_a_minimum_salary_without_its_currency_is_left_out_with_a_notice(client, board):
    response = get_list(client, "min_salary=25000")

    assert titles(response) == NEWEST_FIRST
    notice = (
        "Minimum salary: Choose the currency of the minimum salary (currency=PHP, USD...). This filter was left out."
    )
    assert response.context["notices"] == [notice]
    assert notice in response.content.decode()
    # The other filters still apply.
    assert titles(get_list(client, "min_salary=25000&work_arrangement=remote")) == [BRAVO, DELTA]


# --- Facet counts ---------------------------------------------------------------------------------------------


def test_facet_counts_with_nothing_chosen_count_open_postings_per_option(client, board):
    response = get_list(client)

    assert counts(response, "work_arrangement") == {"onsite": 2, "remote": 2, "hybrid": 1}
    assert counts(response, "country") == {"PH": 2, "MX": 1, "IN": 1, "US": 1}
    assert counts(response, "city") == {"Manila": 1, "Cebu City": 1, "Monterrey": 1, "Pune": 1, "Austin": 1}
    assert counts(response, "employment_type") == {"full_time": 2, "part_time": 1, "contract": 1, "temporary": 1}
    assert counts(response, "shift") == {"day": 1, "mid": 1, "night": 1, "rotating": 1, "flexible": 1}
    assert counts(response, "account_type") == {"voice": 2, "non_voice": 2, "blended": 1}
    assert counts(response, "skill") == {
        "communication": 1,
        "salesforce": 3,
        "zendesk": 3,
        "chat-support": 1,
        "technical-troubleshooting": 1,
        "email-support": 1,
        "collections": 1,
    }
    assert counts(response, "language") == {"en": 4, "es": 2, "tl": 1, "hi": 1}
    assert counts(response, "currency") == {"PHP": 2, "USD": 2}
    # Cumulative: "up to 2 years" counts the postings asking 0, 1 or 2 years.
    assert counts(response, "max_experience") == {"0": 1, "1": 2, "2": 3, "5": 5}
    assert counts(response, "education") == {
        "none": 1,
        "high_school": 1,
        "senior_high": 1,  # the K-12 level between: no posting here asks for it
        "vocational": 2,
        "some_college": 3,
        "bachelor": 4,
        "postgraduate": 5,
    }
    assert counts(response, "posted_within") == {"1": 1, "3": 2, "7": 3, "30": 4}
    assert counts(response, "employer_kind") == {"bpo": 2, "in_house": 3}
    # Employers are filtered by (from their pages), not counted: a top 15 of 44,000 needs every posting read.
    assert "employer" not in response.context["facets"]
    for facet in response.context["facets"].values():
        assert not facet.selected


def test_facet_options_carry_readable_labels(client, board):
    facets = get_list(client).context["facets"]

    def labels(name):
        return {option.value: option.label for option in facets[name].options}

    assert labels("country")["PH"] == "Philippines"
    assert labels("skill")["chat-support"] == "Live chat support"
    assert labels("language")["tl"] == "Tagalog"
    assert labels("shift")["night"] == "Night (graveyard) shift"
    assert labels("max_experience")["0"] == "Entry level (no experience)"
    assert labels("education")["bachelor"] == "At most: Bachelor's degree"
    assert labels("posted_within")["7"] == "Last 7 days"
    assert labels("employer_kind") == {"bpo": "BPO or call center", "in_house": "In-house team"}


def test_facet_counts_are_shown_beside_each_option_and_empty_options_are_hidden(client, board):
    html = get_list(client).content.decode()

    skills = re.search(r'<fieldset class="facet" id="facet-skill">.*?</fieldset>', html, re.S).group()
    # The count, and for screen readers what it counts (a visually hidden word, not an aria-label on a span).
    count = r'<span class="count">{}<span class="visually-hidden"> matching</span></span>'
    assert re.search(r'value="zendesk">\s*<span>Zendesk</span> ' + count.format(3), skills)
    assert re.search(r'value="collections">\s*<span>Collections</span> ' + count.format(1), skills)
    assert "Medical terminology" not in skills  # no open posting asks for it
    countries = re.search(r'<fieldset class="facet" id="facet-country">.*?</fieldset>', html, re.S).group()
    assert re.search(r"<span>Philippines</span> " + count.format(2), countries)
    kinds = re.search(r'<fieldset class="facet" id="facet-employer_kind">.*?</fieldset>', html, re.S).group()
    assert 'type="radio" name="employer_kind" value="" checked' in kinds  # a single-choice facet: radio buttons
    assert re.search(r"<span>In-house team</span> " + count.format(3), kinds)
    assert 'value="internship"' not in html


def test_an_any_facet_counts_ignore_its_own_selection(client, board):
    remote = get_list(client, "work_arrangement=remote")

    assert titles(remote) == [BRAVO, DELTA]
    assert counts(remote, "work_arrangement") == {"onsite": 2, "remote": 2, "hybrid": 1}
    assert selected(remote, "work_arrangement") == {"remote"}
    # The other facets count within the current result (Bravo and Delta).
    assert counts(remote, "country") == {"PH": 1, "IN": 1}
    assert counts(remote, "language") == {"en": 2, "tl": 1, "hi": 1}
    assert counts(remote, "skill") == {"chat-support": 1, "zendesk": 2, "salesforce": 2, "email-support": 1}

    two_countries = get_list(client, "country=PH&country=MX")
    assert titles(two_countries) == [ALPHA, BRAVO, CHARLIE]
    assert counts(two_countries, "country") == {"PH": 2, "MX": 1, "IN": 1, "US": 1}
    assert selected(two_countries, "country") == {"PH", "MX"}

    spanish = get_list(client, "language=es")
    assert titles(spanish) == [CHARLIE, ECHO]
    assert counts(spanish, "language") == {"en": 4, "es": 2, "tl": 1, "hi": 1}
    assert counts(spanish, "account_type") == {"voice": 1, "blended": 1}


def test_an_any_facet_counts_still_apply_the_other_filters(client, board):
    response = get_list(client, "country=PH&work_arrangement=remote")

    assert titles(response) == [BRAVO]
    assert counts(response, "country") == {"PH": 1, "IN": 1}  # among the remote postings
    assert counts(response, "work_arrangement") == {"onsite": 1, "remote": 1}  # among the Philippine postings


def test_an_all_facet_counts_within_the_current_result_and_ticking_an_option_lists_that_many(client, board):
    response = get_list(client, "skill=zendesk")

    assert titles(response) == [BRAVO, CHARLIE, DELTA]
    assert counts(response, "skill") == {
        "zendesk": 3,
        "salesforce": 2,
        "chat-support": 1,
        "technical-troubleshooting": 1,
        "email-support": 1,
    }
    assert selected(response, "skill") == {"zendesk"}

    narrowed = get_list(client, "skill=zendesk&skill=salesforce")
    assert titles(narrowed) == [BRAVO, DELTA]
    assert counts(narrowed, "skill") == {"zendesk": 2, "salesforce": 2, "chat-support": 1, "email-support": 1}


def test_single_choice_facets_count_what_choosing_that_option_instead_would_list(client, board):
    entry = get_list(client, "max_experience=0")
    assert titles(entry) == [ALPHA]
    assert counts(entry, "max_experience") == {"0": 1, "1": 2, "2": 3, "5": 5}
    assert selected(entry, "max_experience") == {"0"}

    vocational = get_list(client, "education=vocational")
    assert titles(vocational) == [ALPHA, BRAVO]
    assert counts(vocational, "education") == {
        "none": 1,
        "high_school": 1,
        "senior_high": 1,  # the K-12 level between: no posting here asks for it
        "vocational": 2,
        "some_college": 3,
        "bachelor": 4,
        "postgraduate": 5,
    }
    # Cumulative counts of another facet are taken within the current result.
    assert counts(vocational, "max_experience") == {"0": 1, "1": 2, "2": 2, "5": 2}

    bpo = get_list(client, "employer_kind=bpo")
    assert titles(bpo) == [ALPHA, CHARLIE]
    assert counts(bpo, "employer_kind") == {"bpo": 2, "in_house": 3}

    recent = get_list(client, "posted_within=3")
    assert titles(recent) == [ALPHA, BRAVO]
    assert counts(recent, "posted_within") == {"1": 1, "3": 2, "7": 3, "30": 4}
    assert counts(recent, "education") == {
        "none": 1,
        "high_school": 1,
        "senior_high": 1,  # the K-12 level between: no posting here asks for it
        "vocational": 2,
        "some_college": 2,
        "bachelor": 2,
        "postgraduate": 2,
    }


def test_every_shown_count_equals_the_number_of_postings_listed_after_choosing_that_option(client, board):
    """'All' facets add the option to the selection; the other facets replace their selection with it."""
    query = "skill=zendesk&country=PH&country=IN&education=bachelor&language=en"
    response = get_list(client, query)
    checked = 0
    for name, facet in response.context["facets"].items():
        for option in facet.visible_options:
            data = QueryDict(query, mutable=True)
            if name in ALL_FACETS:
                data.setlist(name, list(dict.fromkeys([*data.getlist(name), option.value])))
            else:
                data.setlist(name, [option.value])
            after = get_list(client, data.urlencode())
            assert after.context["notices"] == []
            assert after.context["paginator"].count == option.count, (name, option.value)
            checked += 1
    assert checked >= 20


@pytest.mark.parametrize(
    ("facet", "query", "value", "chip"),
    [
        ("employment_type", "employment_type=internship", "internship", "Remove filter Employment type: Internship"),
        ("language", "language=ja", "ja", "Remove filter Languages: Japanese"),
        ("country", "country=JM", "JM", "Remove filter Country: Jamaica"),
        ("city", "city=Atlantis", "Atlantis", "Remove filter City: Atlantis"),
    ],
)
def test_a_chosen_option_that_matches_nothing_stays_shown_so_it_can_be_removed(
    client, board, facet, query, value, chip
):
    response = get_list(client, query)

    assert titles(response) == []
    assert "No open job matches all of these filters." in response.content.decode()
    options = {option.value: option for option in response.context["facets"][facet].options}
    assert value in options, f"the chosen {value} is missing from the {facet} facet"
    assert options[value].selected
    assert options[value].count == 0
    html = response.content.decode()
    assert f'value="{value}" checked' in html
    assert f'aria-label="{chip}"' in html


def test_a_city_typed_in_another_case_shows_as_chosen(client, board):
    """The city filter ignores case, so the facet must show the city it matched as chosen, with its chip."""
    response = get_list(client, "city=manila")

    assert titles(response) == [ALPHA]
    assert selected(response, "city") == {"Manila"}
    html = response.content.decode()
    assert 'value="Manila" checked' in html
    assert 'aria-label="Remove filter City: Manila"' in html


# --- The page keeps its state in the URL -------------------------------------------------------------------------


def test_the_form_shows_the_current_choices(client, board):
    html = get_list(
        client, "q=support&work_arrangement=remote&ordering=-salary_max&page_size=5&education=bachelor"
    ).content.decode()

    assert '<input id="id_q" type="search" name="q" value="support"' in html
    assert 'name="work_arrangement" value="remote" checked' in html
    assert 'name="education" value="bachelor" checked' in html
    assert '<option value="-salary_max" selected>Highest salary</option>' in html
    assert '<input type="hidden" name="page_size" value="5">' in html


def test_each_active_filter_has_a_chip_that_removes_it(client, board):
    response = get_list(client, "q=support&work_arrangement=remote&skill=zendesk&min_salary=25000&currency=PHP")

    assert titles(response) == [BRAVO]
    html = response.content.decode()
    assert (
        '<a class="chip" href="/jobs/?q=support&amp;skill=zendesk&amp;min_salary=25000&amp;currency=PHP" '
        f'aria-label="Remove filter Work arrangement: Remote">Remote {REMOVE}</a>'
    ) in html
    assert f'aria-label="Remove filter Skills: Zendesk">Zendesk {REMOVE}</a>' in html
    assert (
        '<a class="chip" href="/jobs/?work_arrangement=remote&amp;skill=zendesk&amp;min_salary=25000&amp;currency=PHP"'
        f' aria-label="Remove the search">“support” {REMOVE}</a>'
    ) in html
    assert f"At least PHP 25,000 {REMOVE}" in html


def test_remote_only_toggle_adds_and_removes_the_remote_filter(client, board):
    html = get_list(client, "country=PH").content.decode()
    toggle = '<a class="chip" href="/jobs/?country=PH&amp;work_arrangement=remote">Remote only</a>'
    assert toggle in html

    on = get_list(client, "country=PH&work_arrangement=remote")
    assert titles(on) == [BRAVO]
    assert on.context["remote_only"] is True
    assert '<a class="chip on" href="/jobs/?country=PH">✓ Remote only</a>' in on.content.decode()


def test_entry_level_toggle_lists_postings_asking_no_experience(client, board):
    html = get_list(client, "country=PH&page=1").content.decode()
    assert '<a class="chip" href="?country=PH&amp;max_experience=0">Entry level</a>' in html

    on = get_list(client, "country=PH&max_experience=0")
    assert titles(on) == [ALPHA]
    assert on.context["entry_level"] is True
    assert '<a class="chip on" href="?country=PH">✓ Entry level</a>' in on.content.decode()


# --- Sorting ----------------------------------------------------------------------------------------------------


def test_ordering_sorts_the_list(client, board):
    cases = {
        "ordering=": NEWEST_FIRST,
        "ordering=-posted_at": NEWEST_FIRST,
        "ordering=posted_at": [ECHO, DELTA, CHARLIE, BRAVO, ALPHA],
        # The top of the range (or the only figure); a posting without a salary comes last both ways.
        "ordering=-salary_max": [BRAVO, ALPHA, CHARLIE, ECHO, DELTA],
        "ordering=salary_max": [ECHO, CHARLIE, ALPHA, BRAVO, DELTA],
        "ordering=relevance": NEWEST_FIRST,  # no search text: newest first
        "currency=USD&ordering=salary_max": [ECHO, CHARLIE],
        "work_arrangement=remote&ordering=posted_at": [DELTA, BRAVO],
    }
    listed_titles, notices = {}, {}
    for query in cases:
        response = get_list(client, query)
        listed_titles[query] = titles(response)
        if response.context["notices"]:
            notices[query] = response.context["notices"]

    assert listed_titles == cases
    assert notices == {}

    # A search is ranked by relevance, with or without ordering=relevance: the two titles containing the text
    # first (their order is the database's ranking), the posting matching through a skill last.
    for query in ("q=support", "q=support&ordering=relevance"):
        ranked = titles(get_list(client, query))
        assert set(ranked[:2]) == {CHARLIE, DELTA}
        assert ranked[2:] == [BRAVO]


def test_an_unknown_ordering_falls_back_to_newest_first_with_a_notice(client, board):
    response = get_list(client, "ordering=popularity")

    assert titles(response) == NEWEST_FIRST
    assert len(response.context["notices"]) == 1
    assert response.context["notices"][0].startswith("Sort by:")


# --- Pagination -------------------------------------------------------------------------------------------------


def test_pages_split_the_list_without_overlap_and_keep_the_filters_in_their_links(client, board):
    first = get_list(client, "page_size=2")
    second = get_list(client, "page_size=2&page=2")
    third = get_list(client, "page_size=2&page=3")

    assert titles(first) == [ALPHA, BRAVO]
    assert titles(second) == [CHARLIE, DELTA]
    assert titles(third) == [ECHO]
    html = second.content.decode()
    assert '<a href="?page_size=2&amp;page=1" rel="prev">← Previous</a>' in html
    assert '<a href="?page_size=2&amp;page=3" rel="next">Next →</a>' in html
    assert "Page 2 of 3" in html
    assert "<strong>5</strong> open jobs, page 2 of 3" in html

    filtered = get_list(client, "work_arrangement=remote&work_arrangement=hybrid&page_size=1&page=2")
    assert titles(filtered) == [CHARLIE]
    next_link = re.search(r'<a href="([^"]+)" rel="next">', filtered.content.decode()).group(1)
    assert QueryDict(next_link.replace("&amp;", "&").lstrip("?")) == QueryDict(
        "work_arrangement=remote&work_arrangement=hybrid&page_size=1&page=3"
    )
    assert titles(get_list(client, next_link.replace("&amp;", "&").lstrip("?"))) == [DELTA]


def test_a_page_past_the_end_shows_the_last_page_with_a_notice(client, board):
    response = get_list(client, "page_size=2&page=9")

    assert titles(response) == [ECHO]
    assert response.context["page_obj"].number == 3
    assert response.context["notices"] == ["There is no page '9'; showing page 3."]
    assert "There is no page &#x27;9&#x27;; showing page 3." in response.content.decode()


@pytest.fixture
def many_postings(db):
    """105 open postings, made in bulk, one a minute apart (Bulk Agent 000 is the newest)."""
    bulk_postings(105, employer=EmployerFactory(name="Bulk Employer"), city="Manila")


def test_page_size_defaults_to_20_and_stays_between_1_and_100(client, many_postings):
    # page_size: (postings shown, pages)
    cases = {
        None: (20, 6),
        "10": (10, 11),
        "100": (100, 2),
        "101": (100, 2),
        "1000": (100, 2),
        "0": (1, 100),  # pages stop at 100 (core/pagination.py), though 105 postings match
        "-3": (1, 100),
    }
    results = {}
    for page_size, _ in cases.items():
        response = get_list(client, f"page_size={page_size}" if page_size else "")
        assert response.context["paginator"].count == 105
        assert titles(response)[0] == "Bulk Agent 000"
        results[page_size] = (len(response.context["job_postings"]), response.context["paginator"].num_pages)

    assert results == cases


def test_last_page_holds_the_remainder(client, many_postings):
    response = get_list(client, "page_size=100&page=2")

    assert titles(response) == [f"Bulk Agent {i}" for i in range(100, 105)]


# --- Query strings the page cannot use in full ------------------------------------------------------------------


UNUSABLE = {
    "filters": {
        "country=ZZ": (NEWEST_FIRST, "Country:"),
        "country=PHL": (NEWEST_FIRST, "Country:"),
        "city=" + "x" * 101: (NEWEST_FIRST, "City:"),
        "work_arrangement=spaceship": (NEWEST_FIRST, "Work arrangement:"),
        "work_arrangement=spaceship&country=IN": ([DELTA], "Work arrangement:"),  # the other filters still apply
        "employment_type=forever": (NEWEST_FIRST, "Employment type:"),
        "shift=graveyard": (NEWEST_FIRST, "Shift:"),
        "account_type=email": (NEWEST_FIRST, "Account type:"),
        "skill=juggling": (NEWEST_FIRST, "Skills:"),
        "language=english": (NEWEST_FIRST, "Languages:"),
        "currency=XYZ": (NEWEST_FIRST, "Currency:"),
        "education=phd": (NEWEST_FIRST, "Education asked:"),
        "employer_kind=robot": (NEWEST_FIRST, "Employer type:"),
        "ordering=salary": (NEWEST_FIRST, "Sort by:"),
        "q=" + "x" * 201: (NEWEST_FIRST, "Search:"),
        "q=call%00center": (NEWEST_FIRST, "Search:"),
    },
    "numbers": {
        "min_salary=lots&currency=PHP": ([ALPHA, BRAVO], "Minimum salary:"),
        "min_salary=-1&currency=PHP": ([ALPHA, BRAVO], "Minimum salary:"),
        "min_salary=NaN&currency=USD": ([CHARLIE, ECHO], "Minimum salary:"),
        "min_salary=Infinity&currency=USD": ([CHARLIE, ECHO], "Minimum salary:"),
        "min_salary=1e400&currency=USD": ([CHARLIE, ECHO], "Minimum salary:"),
        "min_salary=99999999999999999999&currency=USD": ([CHARLIE, ECHO], "Minimum salary:"),
        "max_experience=some": (NEWEST_FIRST, "Experience asked:"),
        "max_experience=-1": (NEWEST_FIRST, "Experience asked:"),
        "max_experience=2.5": (NEWEST_FIRST, "Experience asked:"),
        "max_experience=99999999999999999999": (NEWEST_FIRST, "Experience asked:"),
        "posted_within=0": (NEWEST_FIRST, "Posted:"),
        "posted_within=366": (NEWEST_FIRST, "Posted:"),
        "posted_within=week": (NEWEST_FIRST, "Posted:"),
        "posted_within=99999999999999999999": (NEWEST_FIRST, "Posted:"),
    },
    "pages": {
        "page=abc": (NEWEST_FIRST, "There is no page 'abc'; showing page 1."),
        "page=0": (NEWEST_FIRST, "There is no page '0'; showing page 1."),
        "page=-1": (NEWEST_FIRST, "There is no page '-1'; showing page 1."),
        "page=9999": (NEWEST_FIRST, "There is no page '9999'; showing page 1."),
        "page=99999999999999999999": (NEWEST_FIRST, "There is no page '99999999999999999999'; showing page 1."),
        "page_size=abc": (NEWEST_FIRST, "Page size must be a whole number; showing 20 per page."),
        "page_size=2.5": (NEWEST_FIRST, "Page size must be a whole number; showing 20 per page."),
    },
}


@pytest.mark.parametrize("kind", UNUSABLE)
def test_an_unusable_query_string_still_shows_the_list_with_a_notice(client, board, kind):
    """Each case: (what the list shows, the start of the notice saying what was left out)."""
    cases = UNUSABLE[kind]
    results = {}
    for query, (_, notice) in cases.items():
        response = get_list(client, query)
        notices = response.context["notices"]
        html = response.content.decode()
        shown_notice = notice if any(text.startswith(notice) for text in notices) else notices
        results[query] = (titles(response), shown_notice)
        assert '<div role="status">\n<ul class="notices">' in html
        # The facets are still counted, from the filters that could be used.
        assert sum(counts(response, "work_arrangement").values()) == response.context["paginator"].count

    assert results == cases


def test_several_unusable_filters_each_get_a_notice(client, board):
    response = get_list(client, "country=ZZ&skill=juggling&posted_within=0&page=abc&work_arrangement=remote")

    assert titles(response) == [BRAVO, DELTA]
    notices = response.context["notices"]
    assert len(notices) == 4, notices
    assert {text.split(":")[0] for text in notices} == {
        "Country",
        "Skills",
        "Posted",
        "There is no page 'abc'; showing page 1.",
    }


def test_known_values_of_a_half_known_filter_still_apply(client, board):
    cases = {
        "country=PH&country=ZZ": [ALPHA, BRAVO],
        "skill=zendesk&skill=juggling": [BRAVO, CHARLIE, DELTA],
        "language=tl&language=klingon": [BRAVO],
        "work_arrangement=remote&work_arrangement=spaceship": [BRAVO, DELTA],
    }
    results = {}
    for query in cases:
        response = get_list(client, query)
        results[query] = titles(response)
        assert len(response.context["notices"]) == 1, response.context["notices"]

    assert results == cases


STRANGE_QUERIES = [
    "city=%00",
    "employer=%00",
    "country=%00&skill=%00&language=%00&currency=%00&education=%00&employer_kind=%00",
    "work_arrangement=%00&ordering=%00&page=%00&page_size=%00&min_salary=%00&posted_within=%00",
    "q=%FF%FE&city=%FF",
    "q=%27%22%3B--&city=%27%20OR%201%3D1--",
    "q=" + "a+" * 10,
    "min_salary=0.000000000001&currency=PHP",
    "page_size=99999999999999999999&page=99999999999999999999",
    "ordering=relevance&ordering=-salary_max",
    "max_experience=&education=&posted_within=&min_salary=&currency=&page=&page_size=",
    "city=&employer=&country=&skill=",
]


def test_no_query_string_breaks_the_list(client, board):
    client.raise_request_exception = False  # a server error is reported as its status, for every query at once
    statuses = {}
    for query in STRANGE_QUERIES:
        response = client.get(f"/jobs/?{query}")
        statuses[query] = response.status_code
        if response.status_code == 200:
            assert 'id="result-count"' in response.content.decode()

    assert statuses == dict.fromkeys(STRANGE_QUERIES, 200)


def test_roles_beyond_the_agent_are_a_filter_with_counts(client):
    make_job("Team Leader, Voice Account", role="team_leader")
    make_job("Quality Analyst", role="quality_analyst")
    make_job("Customer Service Representative")

    leads = client.get("/api/v1/jobs/?role=team_leader&role=quality_analyst")
    facets = client.get("/api/v1/jobs/facets/").json()

    found = sorted(item["title"] for item in leads.json()["results"])
    assert found == ["Quality Analyst", "Team Leader, Voice Account"]
    counts = {row["value"]: row["count"] for row in facets["role"]}
    assert (counts["agent"], counts["team_leader"], counts["workforce_analyst"]) == (1, 1, 0)
    assert client.get("/api/v1/jobs/?role=janitor").status_code == 400


def test_senior_high_school_sits_between_high_school_and_college(client):
    make_job("K-12 Agent", education_level="senior_high")
    make_job("Diploma Agent", education_level="high_school")
    make_job("College Agent", education_level="some_college")

    def titles(level):
        return sorted(item["title"] for item in client.get(f"/api/v1/jobs/?education={level}").json()["results"])

    assert titles("high_school") == ["Diploma Agent"]
    assert titles("senior_high") == ["Diploma Agent", "K-12 Agent"]
    assert titles("some_college") == ["College Agent", "Diploma Agent", "K-12 Agent"]
