"""The browser understands situations exactly as the server does, online and with no network:
the same situations named, the same helplines before any measure, the same measures in the same
order, for every case in tests/situation_cases*.yaml; and a real search box shows the helplines
first when someone types that they are hurt."""

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests import situation_cases
from tests.browser.offline_helpers import wait_until_saved
from tests.browser.search_helpers import find_in_page, server_find

SLUGS = sorted({str(case["municipality"]) for case in situation_cases.ALL})
# Cases typed on a page in another language: run by tests/browser/test_languages.py.


def _differences(page: Page, slug: str) -> list[str]:
    queries = [str(case["query"]) for case in situation_cases.NORWEGIAN if case["municipality"] == slug]
    assert len(queries) > 50
    shown = find_in_page(page, slug, queries)
    return [
        f"{slug}: «{query}»" for query, found in zip(queries, shown, strict=True) if found != server_find(slug, query)
    ]


@pytest.mark.parametrize("slug", SLUGS)
def test_the_browser_shows_what_the_server_shows_for_every_situation_case(page: Page, slug: str) -> None:
    page.goto(f"/{slug}/sok")
    assert _differences(page, slug) == []


def test_with_no_network_the_browser_still_shows_what_the_server_shows(context: BrowserContext, page: Page) -> None:
    for slug in SLUGS:
        page.goto(f"/{slug}/sok")
        wait_until_saved(page)
    context.set_offline(True)
    for slug in SLUGS:
        page.goto(f"/{slug}/sok")
        assert _differences(page, slug) == []


@pytest.mark.parametrize("query", ["pappa slår meg", "vil ikke leve lengre", "kutter meg", "stefar tar på meg"])
def test_offline_a_child_who_types_that_they_are_hurt_sees_the_helplines_before_any_measure(
    context: BrowserContext, page: Page, query: str
) -> None:
    page.goto("/elverum/sok")
    wait_until_saved(page)
    context.set_offline(True)
    page.goto("/elverum/sok")
    page.get_by_role("searchbox").fill(query)
    urgent = page.locator(".tt-finder__results .tt-urgent")
    expect(urgent).to_be_visible()
    expect(urgent.locator("a[href^='tel:']").first).to_be_visible()
    # The box comes before the first measure in the page's order.
    order = page.evaluate(
        """() => {
          const box = document.querySelector('.tt-finder__results .tt-urgent');
          const card = document.querySelector('.tt-finder__results .tt-card');
          return !card || Boolean(box.compareDocumentPosition(card) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert order
