"""What a parent on a phone does: find a measure in three taps, understand the words, and call
for help from any page. The default context is a 360 × 740 phone."""

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser import examples
from tests.browser.waiting import wait_until


def test_parent_can_open_a_measure_from_the_front_page_in_three_taps(page: Page) -> None:
    index = examples.municipality()
    placed = examples.richest_measure(index)
    page.goto("/")
    page.get_by_role("link", name=index.municipality.name).click()  # 1: the municipality
    page.get_by_role("link", name=f"Trinn {placed.step.number}: {placed.step.plain_name}").click()  # 2: the step
    page.get_by_role("link", name=placed.measure.title, exact=True).click()  # 3: the measure
    expect(page).to_have_url(re.compile(f"/tiltak/{placed.measure.slug}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(placed.measure.title)


def test_the_last_municipality_is_offered_first_and_no_cookie_is_set(page: Page, context: BrowserContext) -> None:
    slugs = list(examples.catalogue().municipalities)
    assert len(slugs) >= 2, "the bundled content has three municipalities"
    last = examples.catalogue().municipalities[slugs[-1]].municipality
    page.goto(f"/{last.slug}")
    # The enhancement loads after the page; a person reading the ladder gives it ample time.
    wait_until(page, f"localStorage.getItem('tiltakstrappa:kommune') === '{last.slug}'")
    page.goto("/")
    first = page.locator(".tt-choices__item").first
    expect(first).to_contain_text(last.name)
    expect(first).to_contain_text("Sist valgt")
    assert context.cookies() == []


@pytest.mark.parametrize("kind", examples.KINDS)
def test_a_helpline_can_be_called_from_every_page_without_scrolling(page: Page, kind: str) -> None:
    page.goto(examples.paths()[kind])
    call = page.locator('.tt-helpbar a[href="tel:116111"]')
    expect(call).to_be_in_viewport(ratio=1)
    for number in ("113", "112"):
        expect(page.locator(f'.tt-helpbar a[href="tel:{number}"]')).to_be_in_viewport(ratio=1)
    expect(page.locator('.tt-helpbar a[href="/hjelp"]')).to_be_in_viewport(ratio=1)


def test_an_abbreviation_opens_the_glossary_at_its_explanation(page: Page) -> None:
    page.goto(examples.paths()["measure"])
    term = page.locator("main .tt-term").first
    expect(term).to_be_attached()  # examples.richest_measure uses glossary words
    slug = term.get_attribute("href").split("#")[1]  # type: ignore[union-attr]
    term.click()
    expect(page).to_have_url(re.compile(f"/ordliste#{slug}$"))
    expect(page.locator(f"#{slug}")).to_be_in_viewport()
