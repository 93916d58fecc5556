"""Words that are names of JavaScript's own properties search like any other word (issue 19).

«constructor» looked up in a plain object reached Object.prototype: the browser's search threw,
kept the old results and blocked the form, while the server answered nothing found.
"""

from playwright.sync_api import Page, expect

from server.search import rank, search_index
from tests.browser.search_helpers import RANK_IN_PAGE, engine_url

WORDS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"]


def test_the_browser_ranks_property_names_as_the_server_does(page: Page, client) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/elverum/sok")
    found = page.evaluate(RANK_IN_PAGE, {"engine": engine_url(), "slug": "elverum", "queries": WORDS})
    catalogue = client.app.state.holder.current
    built = search_index(catalogue, catalogue.municipalities["elverum"])
    assert found == [[slug for slug, _ in rank(built, word)] for word in WORDS]
    assert errors == []


def test_typing_constructor_shows_nothing_found_and_the_next_search_still_works(page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/elverum/sok?alder=constructor")
    box = page.get_by_role("searchbox")
    box.fill("ppt")
    expect(page.locator(".tt-finder__results .tt-card__link").first).to_be_visible()
    box.fill("constructor")
    expect(page.locator(".tt-result-count")).to_have_text("Ingen treff for «constructor»")
    box.fill("ppt")
    expect(page.locator(".tt-result-count")).to_contain_text("treff for «ppt»")
    assert errors == []
