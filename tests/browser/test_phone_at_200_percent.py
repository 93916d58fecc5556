"""A 375 px phone at 200 % text shows 188 CSS px (issue 17): every page type reflows down to 180
px with no sideways scrolling, the first screen shows the page and not only the quick exit, the
helplines and the header, the quick exit never leaves text showing round it while the page
scrolls, words break only where they must, and the helpline bar names each number."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from server.i18n.languages import SITE_LANGUAGES, localized
from tests.browser import examples

PHONE = {"width": 188, "height": 334}  # 375 × 667 at 200 %
# Words a line of the narrowest screen holds whole at any text size the pages use: a shorter word
# never breaks. The site's own words (its bar, header, buttons, badges, footer) never break at all.
WHOLE = 13
CHROME = (
    ".tt-quick-exit-bar, .tt-helpbar, .tt-header, .tt-footer, .tt-crumbs, .tt-pager, .tt-share__actions, .tt-access"
)

BROKEN_WORDS = r"""({ chrome, whole }) => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !parent.checkVisibility() || parent.closest("template")) continue;
    const mine = Boolean(parent.closest(chrome));
    for (const match of node.data.matchAll(/[\p{L}\p{N}\u00AD]+/gu)) {
      const word = match[0];
      if (word.includes("\u00AD") || (!mine && word.length > whole)) continue;  // a soft hyphen is a real hyphen
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + word.length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(`${word} (${parent.className || parent.tagName})`);
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def phone(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server, viewport=PHONE, device_scale_factor=2)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", [180, 188])
def test_no_page_type_scrolls_sideways_on_a_phone_at_200_percent(
    browser: Browser, live_server: str, width: int
) -> None:
    context = browser.new_context(base_url=live_server, viewport={"width": width, "height": 334})
    page = context.new_page()
    wide = {}
    for kind, path in examples.paths().items():
        page.goto(path)
        page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[kind] = scroll
    context.close()
    assert wide == {}, wide
    assert len(examples.paths()) == len(examples.KINDS)


@pytest.mark.parametrize("kind", examples.KINDS)
def test_the_first_screen_shows_the_page_and_words_break_only_where_they_must(phone: Page, kind: str) -> None:
    phone.goto(examples.paths()[kind])
    # At least a line of the page itself under the quick exit, the helplines and the header.
    top = phone.evaluate("document.querySelector('main').getBoundingClientRect().top")
    assert top + 48 <= PHONE["height"], f"the page starts at {top} px of {PHONE['height']}"
    broken = phone.evaluate(BROKEN_WORDS, {"chrome": CHROME, "whole": WHOLE})
    assert broken == [], broken


@pytest.mark.parametrize("code", SITE_LANGUAGES)
def test_the_header_words_do_not_break_at_180_px_in_any_language(browser: Browser, live_server: str, code: str) -> None:
    """A 360 px phone at 200 % text: the site's name, the municipality and the language switch
    stay whole words on every page type (the pages' own long words may break there)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 180, "height": 334})
    page = context.new_page()
    broken = {}
    for kind, path in examples.paths().items():
        page.goto(localized(path, code))
        if found := page.evaluate(BROKEN_WORDS, {"chrome": ".tt-header", "whole": 0}):
            broken[kind] = found
    context.close()
    assert broken == {}, broken


def test_the_quick_exit_stays_on_screen_with_no_text_showing_round_it(phone: Page) -> None:
    for kind in ("measure", "step", "glossary"):
        phone.goto(examples.paths()[kind])
        for share in (0.3, 0.6, 0.9):
            phone.evaluate(f"window.scrollTo(0, document.body.scrollHeight * {share})")
            exit_link = phone.locator(".tt-quick-exit")
            expect(exit_link).to_be_in_viewport(ratio=1)
            box = exit_link.bounding_box()
            assert box
            # Beside the button, across the whole width, is the strip itself: never the page's text.
            middle = box["y"] + box["height"] / 2
            for x in (2, box["x"] / 2, box["x"] - 4):
                under = phone.evaluate(
                    "([x, y]) => document.elementFromPoint(x, y)?.closest('.tt-quick-exit-bar') !== null", [x, middle]
                )
                assert under, f"{kind} at {share}: text shows beside the quick exit at x={x}"


def test_the_helpline_bar_names_each_number_on_a_phone(browser: Browser, live_server: str) -> None:
    for viewport in (PHONE, {"width": 360, "height": 740}):
        context = browser.new_context(base_url=live_server, viewport=viewport)
        page = context.new_page()
        page.goto("/elverum")
        calls = page.locator(".tt-helpbar__call")
        expect(calls).to_have_count(3)
        for index in range(3):
            call = calls.nth(index)
            name = call.locator(".tt-helpbar__short")
            expect(name).to_be_visible()
            assert len(name.inner_text().strip()) >= 5  # «Politi», «Ambulanse», «Barn og unge»
            expect(call).to_be_in_viewport(ratio=1)
        expect(page.locator(".tt-helpbar")).to_contain_text("Barn og unge")
        context.close()


def test_a_poster_address_in_capitals_opens_the_page(phone: Page) -> None:
    phone.goto("/ELVERUM/trinn/3")
    expect(phone).to_have_url(re.compile(r"/elverum/trinn/3$"))
    expect(phone.locator("h1")).to_contain_text("Trinn 3")


@pytest.mark.parametrize("kind", examples.KINDS)
def test_no_page_shows_a_plan_file_name(phone: Page, kind: str) -> None:
    phone.goto(examples.paths()[kind])
    phone.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
    text = phone.locator("body").inner_text()
    sources = [
        source.document
        for index in examples.catalogue().municipalities.values()
        for source in index.municipality.sources
    ]
    assert not [name for name in sources if name in text or name.split("_")[0] + "_" in text]


def test_a_measure_page_offers_a_next_step_to_tap(phone: Page) -> None:
    index = examples.municipality()
    for slug in list(index.measures)[::10]:
        phone.goto(f"/{index.municipality.slug}/tiltak/{slug}")
        step = phone.locator('.tt-next a[href^="https://"], .tt-next a[href^="tel:"], .tt-next a[href^="mailto:"]')
        expect(step.first).to_be_visible()
