"""The browser finds what people mean, online and with no network: every case in
tests/search_cases.yaml through the served search-engine.js, ranked exactly as the server ranks
it, and a few typed into the real search boxes."""

import html
import re
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.offline_helpers import wait_until_saved
from tests.browser.search_helpers import (
    RANK_AND_SUGGEST_IN_PAGE,
    by_municipality,
    engine_url,
    find_in_page,
    misspelled_queries,
    page_listing,
    server_answer,
    server_listing,
    shown_in,
    wrong_cases,
)

GROUPS = by_municipality()
NOTE = re.compile(r'<p class="tt-card__note">(.*?)</p>')


@pytest.mark.parametrize("slug", sorted(GROUPS))
def test_every_case_finds_its_measure_in_the_top_three_in_the_browser(page: Page, slug: str) -> None:
    page.goto(f"/{slug}/sok")
    cases = GROUPS[slug]
    rankings = find_in_page(page, slug, [case["query"] for case in cases])
    assert wrong_cases(slug, cases, rankings) == []


def test_the_browser_answers_hundreds_of_misspelled_queries_exactly_as_the_server(page: Page) -> None:
    page.goto("/elverum/sok")
    for slug in sorted(GROUPS):
        queries = misspelled_queries(slug, 300)
        answers = page.evaluate(RANK_AND_SUGGEST_IN_PAGE, {"engine": engine_url(), "slug": slug, "queries": queries})
        differ = [
            query for query, answer in zip(queries, answers, strict=True) if tuple(answer) != server_answer(slug, query)
        ]
        assert differ == [], f"{slug}: {differ[:5]}"


def test_every_case_is_found_with_no_network_after_one_visit(
    context: BrowserContext, page: Page, live_server: str
) -> None:
    shared = "/elverum/sok?q=barnvern+hjemme&alder=0-5"
    online = server_listing(live_server, shared)
    for slug in sorted(GROUPS):
        page.goto(f"/{slug}/sok")
        wait_until_saved(page)
    context.set_offline(True)

    wrong: list[str] = []
    for slug, cases in sorted(GROUPS.items()):
        page.goto(f"/{slug}/sok")
        wrong += wrong_cases(slug, cases, find_in_page(page, slug, [case["query"] for case in cases]))
    assert wrong == []
    # A shared search address opened offline: the copy of the page has no results in it, so the
    # page searches itself from the address and shows what the server would.
    page.goto(shared)
    expect(page.locator(".tt-result-count")).to_have_text(online[1])
    assert page_listing(page) == online
    assert page.locator("#sok").input_value() == "barnvern hjemme"
    assert page.locator("#filter-alder").input_value() == "0-5"


TYPED = [
    ("elverum", "barnvern hjemme"),
    ("elverum", "helsesøster"),
    ("stor-elvdal", "gratis sfo"),
    ("asnes", "stafettlogg"),
]


@pytest.mark.parametrize(("slug", "query"), TYPED)
def test_typing_in_the_search_page_shows_the_measure_at_the_top_as_you_type(page: Page, slug: str, query: str) -> None:
    expected = next(case["expect"] for case in GROUPS[slug] if case["query"] == query)
    page.goto(f"/{slug}/sok")
    page.locator("#sok").press_sequentially(query)
    expect(page.locator(".tt-result-count")).to_contain_text(f"for «{query}»")
    assert shown_in(slug, expected, page_listing(page)[0][:3])
    # The search is in the address, to share; no request was made for it (test_search_privacy.py).
    assert parse_qs(urlsplit(page.url).query) == {"q": [query]}


@pytest.mark.parametrize("where", ["/elverum", "/elverum/trinn/3"])
def test_the_ladder_and_step_pages_answer_as_you_type_and_stay_where_they_are(
    page: Page, live_server: str, where: str
) -> None:
    expected = server_listing(live_server, "/elverum/sok?q=barnekordinator")
    page.goto(where)
    box = page.locator("#sok")
    box.press_sequentially("barnekordinator")
    expect(page.locator(".tt-result-count")).to_have_text(expected[1])
    assert page_listing(page) == expected
    assert page.url.endswith(where)  # the words are not put in this page's address
    box.fill("")
    expect(page.locator(".tt-result-count")).to_be_empty()
    expect(page.locator(".tt-finder__results > *")).to_have_count(0)
    assert page.url.endswith(where)
    # Enter opens the search page with the search in its address (issue 17), as without JavaScript.
    box.press_sequentially("barnekordinator")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/elverum/sok\?q=barnekordinator$"))
    assert page_listing(page) == expected


def test_results_built_in_the_browser_explain_their_abbreviations_as_the_servers_do(
    page: Page, live_server: str
) -> None:
    with urllib.request.urlopen(f"{live_server}/stor-elvdal/sok?q=sfo") as response:
        served = [html.unescape(note) for note in NOTE.findall(response.read().decode())]
    assert "SFO betyr skolefritidsordning." in served
    page.goto("/stor-elvdal/sok")
    page.locator("#sok").press_sequentially("sfo")
    expect(page.locator(".tt-result-count")).to_contain_text("for «sfo»")
    assert page.locator(".tt-finder__results .tt-card__note").all_inner_texts() == served
