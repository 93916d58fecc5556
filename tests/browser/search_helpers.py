"""What the search tests share: the cases, the engine's served address, and the server's answer."""

import html
import random
import re
import urllib.request
from functools import cache
from pathlib import Path

import yaml
from playwright.sync_api import Page

from server.assets import Assets
from server.filters import Filters
from server.finder import find
from server.i18n.content import in_language
from server.search import rank, search_index
from server.suggestions import suggestions
from tests.browser import examples

CASES: list[dict[str, str]] = yaml.safe_load(
    (Path(__file__).parents[1] / "search_cases.yaml").read_text(encoding="utf-8")
)
CARD_LINK = re.compile(r'class="tt-card__link" href="/[a-z0-9-]+/tiltak/([a-z0-9-]+)"')
COUNT = re.compile(r'<p class="tt-result-count"[^>]*>([^<]*)</p>')

# Runs in the page: the engine as the server sends it (fingerprinted), over the index the page
# would fetch itself (from the offline copy, when there is no network).
RANK_IN_PAGE = """
async ({ engine, slug, queries }) => {
  const { buildIndex, rank } = await import(engine);
  const response = await fetch(`/api/v1/municipalities/${slug}/search-index`);
  const index = buildIndex(await response.json());
  return queries.map((query) => rank(index, query).map((hit) => hit.document.slug));
}
"""


# The same, with the close spellings the page offers when a query finds nothing.
RANK_AND_SUGGEST_IN_PAGE = """
async ({ engine, slug, queries }) => {
  const { buildIndex, rank, suggestions } = await import(engine);
  const response = await fetch(`/api/v1/municipalities/${slug}/search-index`);
  const index = buildIndex(await response.json());
  return queries.map((query) => [rank(index, query).map((hit) => hit.document.slug), suggestions(index, query)]);
}
"""


# What the page shows for each query: the measures (situations' first), the situations, and the
# helplines before any measure. js/search.js's own find, over the index the page fetches.
FIND_IN_PAGE = """
async ({ search, slug, queries }) => {
  const { fetchIndex, find } = await import(search);
  const index = await fetchIndex(slug);
  return queries.map((query) => {
    const found = find(index, { query, filters: {}, active: false });
    return [found.found.map((d) => d.slug), found.named.map((s) => s.slug), found.lines];
  });
}
"""


def by_municipality(language: str = "nb") -> dict[str, list[dict[str, str]]]:
    """The cases typed on the pages of one language (issue 18), by municipality."""
    groups: dict[str, list[dict[str, str]]] = {}
    for case in CASES:
        if case.get("language", "nb") == language:
            groups.setdefault(case["municipality"], []).append(case)
    return groups


@cache
def search_url() -> str:
    """The hashed address of web/static/js/search.js."""
    return Assets().url("js/search.js")


def find_in_page(page: Page, slug: str, queries: list[str]) -> list[tuple[list[str], list[str], list[str]]]:
    """What the browser's search shows for each query: (measures, situations, helplines first)."""
    found = page.evaluate(FIND_IN_PAGE, {"search": search_url(), "slug": slug, "queries": queries})
    return [(hits, named, lines) for hits, named, lines in found]


def server_find(slug: str, query: str, language: str = "nb") -> tuple[list[str], list[str], list[str]]:
    """What the server's search page shows for the same query, on a page in `language`."""
    catalogue = in_language(examples.catalogue(), language)
    found = find(catalogue, catalogue.municipalities[slug], query, Filters())
    return (
        [placed.measure.slug for placed in found.hits],
        [local.slug for local in found.situations],
        [line.slug for line in found.helplines_first],
    )


@cache
def engine_url() -> str:
    """The hashed address of web/static/js/search-engine.js, as the live server serves it."""
    return Assets().url("js/search-engine.js")


def misspelled_queries(slug: str, count: int, seed: int = 6) -> list[str]:
    """Queries of one to three words from the measures' texts, half with a typo in them."""
    catalogue = examples.catalogue()
    words = [
        word
        for placed in catalogue.municipalities[slug].measures.values()
        for word in f"{placed.measure.title} {placed.measure.summary} {placed.measure.description}".split()
    ]
    chance = random.Random(seed)
    queries = []
    for _ in range(count):
        query = list(" ".join(chance.sample(words, chance.randint(1, 3))))
        if chance.random() < 0.5 and len(query) > 2:
            at = chance.randrange(len(query) - 1)
            query[at], query[at + 1] = query[at + 1], query[at]  # two letters swapped
            del query[chance.randrange(len(query))]  # and one missing
        queries.append("".join(query))
    return queries


def server_answer(slug: str, query: str) -> tuple[list[str], list[str]]:
    """The Python search's ranking of a query and its suggestions."""
    catalogue = examples.catalogue()
    built = search_index(catalogue, catalogue.municipalities[slug])
    return [found for found, _ in rank(built, query)], suggestions(built, query)


def shown_in(municipality: str, expected: str, slugs: list[str]) -> bool:
    """Whether a measure is among listed results: itself, or its service's result, which stands
    for the same service on other steps (one result per service, server/finder.py)."""
    measures = examples.catalogue().municipalities[municipality].measures
    service = measures[expected].measure.service
    return expected in slugs or (bool(service) and any(measures[slug].measure.service == service for slug in slugs))


def wrong_cases(
    slug: str, cases: list[dict[str, str]], found: list[tuple[list[str], list[str], list[str]]]
) -> list[str]:
    """Cases whose measure is not in the browser's top three, or where it shows other than the server."""
    wrong = []
    for case, shown in zip(cases, found, strict=True):
        if not shown_in(slug, case["expect"], shown[0][:3]):
            wrong.append(f"{slug}: «{case['query']}» gave {shown[0][:3]}, not {case['expect']}")
        elif shown != server_find(slug, case["query"], case.get("language", "nb")):
            wrong.append(f"{slug}: «{case['query']}» shows other than the server")
    return wrong


def server_listing(base: str, path: str) -> tuple[list[str], str]:
    """What the server's search page lists for an address: measure slugs in order, and the count line."""
    with urllib.request.urlopen(base + path) as response:
        text = response.read().decode()
    count = COUNT.search(text)
    assert count is not None, path
    return CARD_LINK.findall(text), html.unescape(count.group(1))


def page_listing(page: Page) -> tuple[list[str], str]:
    """What the page shows now: measure slugs of the result cards in order, and the count line."""
    hrefs = page.locator(".tt-finder__results .tt-card__link").evaluate_all("links => links.map((a) => a.pathname)")
    return [href.rsplit("/", 1)[1] for href in hrefs], page.locator(".tt-result-count").inner_text()
