"""With no network every page says so, and when its copy was saved (issue 17): «Du er uten nett.
Du ser en kopi som ble lagret 3. desember 2026.», never «Klar til bruk uten nett»; the front page
marks the municipalities this device never saved; a page that was never saved is the offline page."""

import datetime

from playwright.sync_api import BrowserContext, Page, expect

from server.view import norwegian_date
from tests.browser import examples
from tests.browser.offline_helpers import READY, wait_until_saved

NOT_SAVED = {"shared-list", "error"}  # need the server: the offline page answers them


def test_every_page_type_from_the_copy_says_you_are_offline_and_when_it_was_saved(
    context: BrowserContext, page: Page
) -> None:
    slug = examples.municipality().municipality.slug
    page.goto(f"/{slug}")
    wait_until_saved(page)
    today = norwegian_date(datetime.date.today())
    context.set_offline(True)
    checked = []
    for kind, path in examples.paths().items():
        page.goto(path)
        status = page.locator(".tt-offline__status")
        if kind in NOT_SAVED:
            expect(page.locator("h1")).to_have_text("Du er uten nett")
            continue
        expect(status).to_have_text(f"Du er uten nett. Du ser en kopi som ble lagret {today}.")
        expect(status).to_be_visible()
        expect(page.get_by_text(READY)).to_have_count(0)
        checked.append(kind)
    assert len(checked) == len(examples.KINDS) - len(NOT_SAVED)


def test_the_front_page_offline_marks_the_municipalities_never_saved(context: BrowserContext, page: Page) -> None:
    saved = examples.municipality().municipality.slug
    page.goto(f"/{saved}")
    wait_until_saved(page)
    page.goto("/")
    unsaved = page.locator(".tt-choices__unsaved")
    expect(unsaved.first).to_be_hidden()  # online, every municipality is there
    context.set_offline(True)
    page.goto("/")
    others = [slug for slug in examples.catalogue().municipalities if slug != saved]
    assert others
    for slug in others:
        expect(page.locator(f'.tt-choices__item[data-kommune="{slug}"] .tt-choices__unsaved')).to_be_visible()
    expect(page.locator(f'.tt-choices__item[data-kommune="{saved}"] .tt-choices__unsaved')).to_be_hidden()
    # The marked one really needs the network.
    page.locator(f'.tt-choices__item[data-kommune="{others[0]}"] a').click()
    expect(page.locator("h1")).to_have_text("Du er uten nett")


def test_a_page_open_when_the_network_goes_says_so(context: BrowserContext, page: Page) -> None:
    page.goto(examples.paths()["measure"])
    wait_until_saved(page)
    context.set_offline(True)
    expect(page.locator(".tt-offline__status")).to_have_text("Du er uten nett.")
    context.set_offline(False)
    expect(page.locator(".tt-offline__status")).to_be_empty()
