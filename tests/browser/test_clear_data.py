"""«Slett data lagret på denne enheten»: one button removes everything the site keeps on the
device — the offline copy, the saved list, the last municipality, the service worker — and
says so; without JavaScript the page tells how to do it in the browser's settings."""

import re

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Page, expect

from tests.browser.offline_helpers import wait_until_saved
from tests.browser.waiting import wait_until

# What the site keeps, as the page itself can see it.
KEPT = """async () => ({
  caches: (await caches.keys()).filter((key) => key.startsWith("tiltakstrapp-")).length,
  workers: (await navigator.serviceWorker.getRegistrations()).length,
  local: localStorage.length,
  session: sessionStorage.length,
})"""
NOTHING = {"caches": 0, "workers": 0, "local": 0, "session": 0}


def _keep_things(page: Page) -> None:
    """What a visit leaves: the offline copy and the last municipality (both by the site itself),
    a saved list and something for this tab (stand-ins for what other features store)."""
    page.goto("/elverum")
    wait_until_saved(page)
    page.evaluate("""() => {
      localStorage.setItem("tiltakstrappa:liste", JSON.stringify(["elverum/helsestasjon"]));
      sessionStorage.setItem("tiltakstrappa:fane", "1");
    }""")


def _clear(page: Page) -> None:
    page.get_by_role("button", name="Slett data lagret på denne enheten").click()
    expect(page.locator(".tt-clear [role=status]")).to_have_text(re.compile(r"^Ferdig\. .*er slettet"))


def test_clearing_removes_the_offline_copy_the_saved_things_and_the_worker(context: BrowserContext, page: Page) -> None:
    _keep_things(page)
    page.goto("/om/skjul-besok")
    kept = page.evaluate(KEPT)
    assert kept["caches"] >= 2 and kept["workers"] == 1 and kept["local"] >= 2 and kept["session"] >= 1, kept
    assert page.evaluate("localStorage.getItem('tiltakstrappa:kommune')") == "elverum"

    _clear(page)
    assert page.evaluate(KEPT) == NOTHING
    # The copy is really gone: with no network, a page that worked offline before now fails.
    context.set_offline(True)
    with pytest.raises(Error):
        page.goto("/elverum/trinn/1")


def test_the_about_page_has_the_same_button(page: Page) -> None:
    page.goto("/elverum")
    wait_until(page, "localStorage.getItem('tiltakstrappa:kommune') === 'elverum'")
    page.goto("/om")
    page.evaluate("navigator.serviceWorker.ready.then(() => undefined)")
    assert page.evaluate(KEPT)["workers"] == 1
    _clear(page)
    kept = page.evaluate(KEPT)
    assert kept == NOTHING, kept


def test_without_javascript_the_page_says_how_to_clear_it_in_the_browser(browser: Browser, live_server: str) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    try:
        page = context.new_page()
        page.goto("/om/skjul-besok")
        expect(page.get_by_role("button", name="Slett data lagret på denne enheten")).to_be_hidden()
        expect(page.get_by_text("Åpne innstillingene og finn «Personvern»")).to_be_visible()
    finally:
        context.close()
