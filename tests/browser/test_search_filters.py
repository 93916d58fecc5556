"""Filters and "no results" in the browser: the filters apply as they are chosen and give what the
server gives for the same address, with JavaScript and without; a search that finds nothing
says so, suggests close spellings, and shows the glossary and the helplines."""

import json
import re
import urllib.request

from playwright.sync_api import Browser, Page, expect

from server.content.model import Kind
from server.filters import AGE_GROUPS, AUDIENCE_GROUPS, Filters
from tests.browser import examples
from tests.browser.search_helpers import engine_url, page_listing, server_listing
from tests.browser.test_pages_accessibility import AXE_OPTIONS, _axe, _describe

FILTERED = "/elverum/sok?q=samtale&alder=13-17&apen=ja"
FILTERS_ONLY = "/elverum/sok?alder=13-17&for=gravide&apen=ja"


def test_filters_apply_as_they_are_chosen_and_match_the_server(page: Page, live_server: str) -> None:
    page.goto("/elverum/sok")
    page.locator("#sok").press_sequentially("samtale")
    # The search runs as the words are typed: wait for the answer to the whole word.
    expect(page.locator(".tt-result-count")).to_have_text(re.compile(r"^\d+ treff for «samtale»$"))
    words_only = page_listing(page)
    page.get_by_text("Avgrens søket").click()
    page.locator("#filter-alder").select_option("13-17")
    page.get_by_label("Bare tilbud uten søknad eller henvisning").check()
    expect(page).to_have_url(re.compile(re.escape(FILTERED) + "$"))
    filtered = page_listing(page)
    assert filtered == server_listing(live_server, FILTERED)
    assert 0 < len(filtered[0]) < len(words_only[0])
    # Filters alone, no words: every measure that fits, as the server lists them.
    page.locator("#sok").fill("")
    page.locator("#filter-for").select_option("gravide")
    expect(page).to_have_url(re.compile(re.escape(FILTERS_ONLY) + "$"))
    assert page_listing(page) == server_listing(live_server, FILTERS_ONLY)
    expect(page.locator(".tt-result-count")).to_have_text(re.compile(r"^\d+ tilbud passer med filtrene dine$"))


def test_without_javascript_the_filters_are_a_plain_form_with_the_same_answer(
    browser: Browser, live_server: str
) -> None:
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto("/elverum/sok")
    page.locator("#sok").fill("samtale")
    page.get_by_text("Avgrens søket").click()
    page.locator("#filter-alder").select_option("13-17")
    page.get_by_label("Bare tilbud uten søknad eller henvisning").check()
    page.get_by_role("button", name="Vis treff").click()
    expect(page).to_have_url(re.compile(r"/elverum/sok\?q=samtale&alder=13-17&for=&tema=&apen=ja$"))
    listing = page_listing(page)
    assert listing[0] and listing == server_listing(live_server, FILTERED)
    context.close()


def test_a_search_that_finds_nothing_suggests_spellings_the_glossary_and_helplines(
    page: Page, live_server: str
) -> None:
    with urllib.request.urlopen(live_server + "/elverum/sok?q=stotekontaktt") as response:
        on_server = re.findall(r'class="tt-finder__go" href="[^"]+">([^<]+)</a>', response.read().decode())
    page.goto("/elverum/sok")
    page.locator("#sok").press_sequentially("stotekontaktt")
    expect(page.locator(".tt-result-count")).to_have_text("Ingen treff for «stotekontaktt»")
    results = page.locator(".tt-finder__results")
    assert (
        results.locator(".tt-noresults__try a").all_inner_texts()
        == on_server
        == [
            "støttekontakt",
            "støtteordninger",
            "støttetjenester",
        ]
    )
    expect(results.get_by_role("link", name="ordlisten")).to_have_attribute("href", "/ordliste")
    expect(results.locator('a[href="tel:116111"]')).to_be_visible()
    # A suggestion searches for that word right here.
    results.get_by_role("link", name="støttekontakt").click()
    expect(page.locator(".tt-result-count")).to_contain_text("treff for «støttekontakt»")
    assert page_listing(page) == server_listing(live_server, "/elverum/sok?q=st%C3%B8ttekontakt")
    expect(page.locator("#sok")).to_be_focused()


def test_when_the_filters_hide_every_match_one_tap_shows_them(page: Page, live_server: str) -> None:
    page.goto("/elverum/sok?q=bpa&alder=0-5&for=gravide")
    expect(page.locator(".tt-result-count")).to_have_text("Ingen treff for «bpa» med filtrene dine")
    unfiltered = server_listing(live_server, "/elverum/sok?q=bpa")
    page.get_by_role("link", name=f"Se {len(unfiltered[0])} treff uten filtrene").click()
    expect(page).to_have_url(re.compile(r"/elverum/sok\?q=bpa$"))
    assert page_listing(page) == unfiltered
    expect(page.locator("#filter-alder")).to_have_value("")


def test_the_ladder_says_plainly_when_nothing_is_found_and_shows_the_helplines(page: Page, live_server: str) -> None:
    with urllib.request.urlopen(live_server + "/api/v1/helplines") as response:
        helplines = json.load(response)["helplines"]
    page.goto("/elverum")
    page.locator("#sok").press_sequentially("qqxzv")
    expect(page.locator(".tt-result-count")).to_have_text("Ingen treff for «qqxzv»")
    results = page.locator(".tt-finder__results")
    expect(results.get_by_role("link", name="ordlisten")).to_be_visible()
    talk = [line for line in helplines if line["slug"] != "brann"]  # issue 17: no «110 Brann» here
    expect(results.locator(".tt-helplines__call")).to_have_count(len(talk))
    for line in talk:
        expect(results.locator(f'a[href="tel:{line["tel"]}"]')).to_be_visible()
    expect(results.locator('a[href="tel:110"]')).to_have_count(0)


ACCEPTED_IN_PAGE = """
async ({ engine, slug, choices }) => {
  const { accepts } = await import(engine);
  const data = await (await fetch(`/api/v1/municipalities/${slug}/search-index`)).json();
  return choices.map((filters) => data.documents.filter((document) => accepts(filters, document)).map((d) => d.slug));
}
"""


def test_the_browser_filters_accept_exactly_what_the_server_filters_accept(page: Page) -> None:
    catalogue = examples.catalogue()
    page.goto("/elverum/sok")
    for slug, index in catalogue.municipalities.items():
        choices = [Filters(age=age) for age in AGE_GROUPS]
        choices += [Filters(audience=audience) for audience in AUDIENCE_GROUPS]
        choices += [Filters(topic=topic) for topic in catalogue.topics]
        choices += [
            Filters(open_access=True),
            Filters(age="6-12", audience="foreldre", topic="fritid", open_access=True),
        ]
        in_page = [{"age": f.age, "audience": f.audience, "topic": f.topic, "open": f.open_access} for f in choices]
        accepted = page.evaluate(ACCEPTED_IN_PAGE, {"engine": engine_url(), "slug": slug, "choices": in_page})
        for filters, slugs in zip(choices, accepted, strict=True):
            # Plans are never offered as help, so the index has none (README: «Sant om hvordan du får hjelp»).
            helps = [slug for slug, placed in index.measures.items() if placed.measure.kind != Kind.PLAN]
            assert slugs == [slug for slug in helps if filters.accepts(index.measures[slug])], filters


def test_the_filters_and_what_to_try_next_pass_axe_in_dark_mode_at_320_px(browser: Browser, live_server: str) -> None:
    # The page tests (test_pages_accessibility.py) see the search page with no filter chosen;
    # these are the states only this page has, drawn by the script.
    context = browser.new_context(base_url=live_server, viewport={"width": 320, "height": 800}, color_scheme="dark")
    page = context.new_page()
    for path in ("/elverum/sok?q=stotekontaktt&alder=0-5&apen=ja", "/elverum/sok?q=bpa&alder=0-5&for=gravide"):
        page.goto(path)
        page.locator("#sok").press_sequentially(" ")  # the script draws the page anew
        expect(page.locator(".tt-noresults__try")).to_be_visible()
        result = _axe.run(page, options=AXE_OPTIONS)
        assert result.violations_count == 0, _describe(result.response["violations"])
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
