"""With JavaScript turned off, the site still works: the ladder, a step, a measure and search
are plain links and a plain form (JavaScript only improves them)."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import examples


@pytest.fixture
def page_without_js(browser: Browser, live_server: str) -> Iterator[Page]:
    context = browser.new_context(
        java_script_enabled=False, base_url=live_server, viewport={"width": 360, "height": 740}
    )
    yield context.new_page()
    context.close()


def test_without_javascript_a_parent_can_go_from_the_ladder_to_a_measure(page_without_js: Page) -> None:
    page = page_without_js
    index = examples.municipality()
    page.goto("/")
    page.get_by_role("link", name=index.municipality.name).click()
    step = index.municipality.steps[0]
    page.get_by_role("link", name=f"Trinn {step.number}: {step.plain_name}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(step.plain_name)
    page.locator(".tt-card__link").first.click()
    expect(page.get_by_role("heading", level=2, name="Hva er dette?")).to_be_visible()
    assert "/tiltak/" in page.url


def test_without_javascript_search_answers_from_the_server(page_without_js: Page) -> None:
    page = page_without_js
    measure = examples.richest_measure(examples.municipality()).measure
    page.goto(examples.paths()["ladder"])
    page.get_by_role("searchbox").fill(measure.title)
    page.get_by_role("searchbox").press("Enter")
    expect(page.locator(".tt-result-count")).to_contain_text("treff for")
    page.get_by_role("link", name=measure.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(measure.title)


def test_without_javascript_the_folded_parts_still_open(page_without_js: Page) -> None:
    page = page_without_js
    page.goto(examples.paths()["measure"])
    quote = page.locator(".tt-quote")
    expect(quote).to_be_hidden()
    page.get_by_text("Fra planen", exact=True).click()
    expect(quote).to_be_visible()


def test_without_javascript_only_the_controls_that_work_are_shown(page_without_js: Page) -> None:
    page = page_without_js
    page.goto(examples.paths()["measure"])
    expect(page.get_by_role("link", name="Send som SMS")).to_be_visible()
    expect(page.get_by_text("Vis QR-kode")).to_be_visible()
    for control in ("Kopier lenke", "Del lenken", "Lagre"):
        expect(page.get_by_role("button", name=control)).to_be_hidden()
    expect(page.get_by_role("link", name="Min liste")).to_be_hidden()


def test_without_javascript_a_young_person_goes_from_the_ladder_to_help_for_their_situation(
    page_without_js: Page,
) -> None:
    page = page_without_js
    page.goto(examples.paths()["ladder"])
    page.get_by_role("link", name="Hva gjelder det?").click()
    page.get_by_label("Hvem er du?").select_option("ung")
    page.get_by_label("Hvor gammel er barnet?").fill("15")
    page.get_by_role("button", name="Vis det som passer").click()
    assert "hvem=ung" in page.url and "alder=15" in page.url
    expect(page.get_by_role("heading", level=2, name="For foreldre")).to_have_count(0)  # only the asker's group
    page.locator(".tt-situations__item--urgent .tt-situations__link").first.click()
    expect(page.locator(".tt-urgent a[href^='tel:']").first).to_be_visible()  # helplines before any measure
    expect(page.get_by_role("heading", name="Start her")).to_be_visible()


def test_without_javascript_search_shows_the_helplines_first_for_danger(page_without_js: Page) -> None:
    page = page_without_js
    page.goto(examples.paths()["ladder"])
    page.get_by_role("searchbox").fill("pappa slår meg")
    page.get_by_role("searchbox").press("Enter")
    expect(page.locator(".tt-finder__results .tt-urgent")).to_be_visible()
    page.get_by_role("link", name="Er du bekymret for et barn?").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Er du bekymret for et barn?")
