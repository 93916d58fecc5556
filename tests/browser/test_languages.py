"""Every page type in English, Ukrainian, Arabic and Polish (issue 18): no axe-core violations at
320 and 1280 px, light and dark; Arabic pages right to left with nothing overflowing or
overlapping; a keyboard walk; the language switch and danger first without JavaScript; and after
one visit in a language, its pages open with no network, in that language.

One page per type per language (tests/browser/examples.py), one browser page per viewport and
colour scheme for the whole module: as tests/browser/test_pages_accessibility.py.
"""

import functools
import html
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from server.i18n.interface import interface
from server.i18n.languages import SITE_LANGUAGES, SOURCE, localized, split
from tests import situation_cases
from tests.browser import examples
from tests.browser.offline_helpers import wait_until_saved
from tests.browser.search_helpers import by_municipality, find_in_page, server_find, wrong_cases
from tests.browser.test_pages_accessibility import AXE_OPTIONS, SCHEMES, WIDTHS, PageCache, _describe
from tests.browser.test_pages_keyboard import walk

LANGUAGES = [code for code in SITE_LANGUAGES if code != SOURCE]
SLUG = examples.municipality().municipality.slug
# What a child types on the page, in its language (tests/situation_cases.yaml).
HURT = {"en": "my dad hits me", "uk": "мене б'ють", "ar": "أبي يضربني", "pl": "tata mnie bije"}
# The page types of examples.py, and two only this languages add to: /tolk and the
# thanks after «Er noe feil?».
EXTRA = {
    "interpreter": "/tolk",
    "feedback-thanks": "/tilbakemelding/takk?"
    + urllib.parse.urlencode({"side": examples.paths()["measure"], "type": "melding"}),
}
KINDS = [*examples.KINDS, *EXTRA]


def path_of(kind: str, code: str) -> str:
    """The example page of a kind in a language; the urgent search with the language's words."""
    if kind == "search-urgent":
        return localized(f"/{SLUG}/sok?" + urllib.parse.urlencode({"q": HURT[code]}), code)
    return localized(EXTRA.get(kind) or examples.paths()[kind], code)


@pytest.fixture(scope="module")
def pages(browser: Browser, live_server: str) -> Iterator[PageCache]:
    cache = PageCache(browser, live_server)
    yield cache
    cache.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_page_type_in_every_language_passes_axe_and_fits_the_screen(
    pages: PageCache, code: str, kind: str, width: int, scheme: str
) -> None:
    page = pages[(width, scheme)]
    page.goto(path_of(kind, code))
    assert page.evaluate("document.documentElement.lang") == code
    page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
    result = Axe().run(page, options=AXE_OPTIONS)
    assert result.violations_count == 0, _describe(result.response["violations"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width


# Every visible box that someone reads or presses: where it is, whether it sits in a fixed or
# sticky bar (those float over the page and are compared only with each other), and its text.
# Two boxes overlap when they share more than 2 px each way and neither holds the other.
OVERLAPS = """(width) => {
  const selector = 'a, button, summary, input, select, textarea, label, h1, h2, h3, p, li > span, .tt-card, svg';
  const floating = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (['fixed', 'sticky'].includes(getComputedStyle(e).position)) return true;
    }
    return false;
  };
  const shown = (el) => el.checkVisibility() && !el.closest('[hidden], .tt-skip-link');
  // An inline link that wraps has one box per line (getClientRects), not the box around them.
  const boxes = [...document.querySelectorAll(selector)].filter(shown)
    .map((el) => ({ el, rects: [...el.getClientRects()].filter((r) => r.width > 0 && r.height > 0) }))
    .filter((b) => b.rects.length)
    .map((b) => ({ ...b, floats: floating(b.el), name: b.el.outerHTML.slice(0, 80) }));
  const outside = boxes.filter((b) => b.rects.some((r) => r.left < -1 || r.right > width + 1))
    .map((b) => `outside: ${b.name}`);
  const meet = (r, q) => Math.min(r.right, q.right) - Math.max(r.left, q.left) > 2
    && Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top) > 2;
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      if (a.floats !== b.floats || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      if (a.rects.some((r) => b.rects.some((q) => meet(r, q)))) overlaps.push(`${a.name} ⟷ ${b.name}`);
    }
  }
  return [...outside, ...overlaps.slice(0, 10)];
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_arabic_pages_are_right_to_left_and_nothing_overflows_or_overlaps(
    pages: PageCache, kind: str, width: int
) -> None:
    page = pages[(width, "light")]
    page.goto(path_of(kind, "ar"))
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate(OVERLAPS, width) == []


# The walk in Arabic on every page type (right to left is where it could go wrong); in the other
# languages on the pages with the most controls.
WALKS = [("ar", kind) for kind in KINDS] + [
    (code, kind) for code in ("en", "uk", "pl") for kind in ("ladder", "measure", "search-urgent", "situation")
]


@pytest.mark.parametrize(("code", "kind"), WALKS)
def test_a_keyboard_user_reaches_every_control_in_every_language(page: Page, code: str, kind: str) -> None:
    page.goto(path_of(kind, code))
    walk(page, interface(code).gettext("Hopp til innholdet"))


@pytest.fixture
def page_without_js(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("code", LANGUAGES)
def test_without_javascript_the_switch_keeps_the_page_and_danger_comes_first(page_without_js: Page, code: str) -> None:
    page = page_without_js
    words = interface(code)
    page.goto(localized(f"/{SLUG}", code))
    assert page.evaluate("document.documentElement.lang") == code
    # The switch: a disclosure that opens without scripts, to the same page in Norwegian.
    page.locator(".tt-languages__summary").first.click()
    page.locator(".tt-languages__link[hreflang='nb']").first.click()
    expect(page).to_have_url(re.compile(rf"/{SLUG}$"))
    assert page.evaluate("document.documentElement.lang") == "nb"
    page.locator(".tt-languages__summary").first.click()
    page.locator(f".tt-languages__link[hreflang='{code}']").first.click()
    expect(page).to_have_url(re.compile(rf"/{code}/{SLUG}$"))
    # Danger first: the search form answers from the server, the helplines before any measure.
    page.locator("input[name=q]").first.fill(HURT[code])
    page.locator("input[name=q]").first.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{code}/{SLUG}/sok\?"))
    results = page.locator(".tt-finder__results")
    expect(results.locator(".tt-urgent")).to_contain_text(words.gettext("Er du i fare nå? Ring 112."))
    first_call = results.locator(".tt-urgent__call").first.bounding_box()
    cards = results.locator(".tt-card")
    assert first_call is not None
    if cards.count():
        card = cards.first.bounding_box()
        assert card is not None and first_call["y"] < card["y"]


def _heading(base: str, path: str) -> str:
    with urllib.request.urlopen(base + urllib.parse.quote(path, safe="/?=&%")) as response:
        text = response.read().decode()
    found = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    assert found, path
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())


OFFLINE_KINDS = ("home", "ladder", "step", "measure", "glossary", "help", "about", "traces", "situations", "situation")
OFFLINE_KINDS += ("concern", "saved-list", "interpreter")


@pytest.mark.parametrize("code", LANGUAGES)
def test_after_one_visit_in_a_language_its_pages_open_with_no_network(
    context: BrowserContext, page: Page, live_server: str, code: str
) -> None:
    paths = [path_of(kind, code) for kind in OFFLINE_KINDS]
    headings = {path: _heading(live_server, path) for path in paths}
    page.goto(localized(f"/{SLUG}", code))
    wait_until_saved(page)
    context.set_offline(True)
    for path in paths:
        page.goto(path)
        assert page.evaluate("document.documentElement.lang") == code, path
        assert " ".join(page.locator("h1").inner_text().split()) == headings[path], path
        # The switch and the hreflang links the copy leaves out, put back by the worker.
        assert page.locator(".tt-languages__link").count() == len(SITE_LANGUAGES), path
        assert page.locator("link[rel=alternate][hreflang]").count() == len(SITE_LANGUAGES) + 1, path
    # Danger first offline too: the search on the device shows the helplines before any measure.
    page.goto(localized(f"/{SLUG}/sok", code))
    page.locator("#sok").fill(HURT[code])
    expect(page.locator(".tt-finder__results .tt-urgent")).to_be_visible()
    assert page.locator(".tt-finder__results > *").first.evaluate("(el) => el.classList.contains('tt-urgent')")


# Every page of the copy as the worker stored it, and its address.
STORED_PAGES = """async () => {
  const found = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      if ((response.headers.get("content-type") || "").startsWith("text/html")) {
        found.push([new URL(request.url).pathname, await response.text()]);
      }
    }
  }
  return found;
}"""
# A measure's Norwegian description beside the English one, on a page in Ukrainian, Arabic or Polish.
NORWEGIAN_DESCRIPTION = re.compile(r'<details class="tt-details tt-choice__item" data-lang="nb">.*?</details>', re.S)


def reading(code: str) -> re.Pattern[str]:
    """«Slik har vi lest det» in English or Norwegian on a page in `code`, after its label."""
    label = interface(code).gettext("Slik har vi lest det: %(note)s").split("%(note)s")[0]
    return re.compile(rf'(?<=<p>{re.escape(label)})<span lang="(en|nb)">[^<]*</span></p>')


def _linked_reading(norwegian: str, note: re.Match[str]) -> str:
    """What the copy has for «Slik har vi lest det» in a language: a link to the page in it."""
    code = note[1]
    name = SITE_LANGUAGES[code].own_name
    return f'<a href="{localized(norwegian, code)}" hreflang="{code}" lang="{code}">{name}</a></p>'


@pytest.mark.parametrize("code", ["nb", "uk", "ar"])
def test_every_page_of_the_copy_is_the_page_the_server_sends(context: BrowserContext, page: Page, code: str) -> None:
    """The pack sends the parts pages share once (server/pack_parts.py, server/i18n/links.py) and
    the worker puts them back: byte for byte what the server sends. The differences are meant:
    in Ukrainian, Arabic and Polish the copy has a measure's English description, and a link to
    the Norwegian page instead of the Norwegian one; and «Slik har vi lest det» is a link to the
    page in the language it is written in."""
    page.goto(localized(f"/{SLUG}", code))
    wait_until_saved(page)
    stored = page.evaluate(STORED_PAGES)
    assert len(stored) > 150
    linked = 0
    for path, text in stored:
        sent = context.request.get(path).text()
        language, norwegian = split(path)
        if not SITE_LANGUAGES[language].full:
            choices = NORWEGIAN_DESCRIPTION.findall(text)
            if choices:
                linked += language == code
                assert f'<a href="{norwegian}" hreflang="nb">' in choices[0], path
                assert 'data-lang="en" open>' in text, path  # the English description is there
                sent = NORWEGIAN_DESCRIPTION.sub("", sent, count=1)
                text = NORWEGIAN_DESCRIPTION.sub("", text, count=1)
            sent = reading(language).sub(functools.partial(_linked_reading, norwegian), sent)
        assert text == sent, path
    assert linked > 100 if not SITE_LANGUAGES[code].full else linked == 0


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_browser_shows_what_the_server_shows_for_every_case_in_the_language_also_offline(
    context: BrowserContext, page: Page, code: str
) -> None:
    """tests/search_cases.yaml and tests/situation_cases.yaml, the cases typed on a page in
    `code`: the browser's search (online, then from the copy) finds what the server's does."""
    cases = [case for case in situation_cases.ALL if situation_cases.language(case) == code]
    searches = by_municipality(code)
    slugs = sorted({str(case["municipality"]) for case in cases} | set(searches))
    assert len(cases) >= 4 and searches
    for slug in slugs:
        page.goto(localized(f"/{slug}/sok", code))
        wait_until_saved(page)
    for offline in (False, True):
        context.set_offline(offline)
        wrong: list[str] = []
        for slug in slugs:
            page.goto(localized(f"/{slug}/sok", code))
            queries = [str(case["query"]) for case in cases if case["municipality"] == slug]
            for query, shown in zip(queries, find_in_page(page, slug, queries), strict=True):
                if shown != server_find(slug, query, code) or not shown[2]:  # the helplines first, as the server
                    wrong.append(f"{slug}: «{query}»")
            found = searches.get(slug, [])
            wrong += wrong_cases(slug, found, find_in_page(page, slug, [case["query"] for case in found]))
        assert wrong == [], ("offline" if offline else "online", wrong)
