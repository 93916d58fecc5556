"""«Gå ut raskt»: a person who must hide what they are reading leaves for the weather at yr.no
at once — by tapping, by pressing Shift three times, or with JavaScript off — and Back does not
bring the page back.

yr.no is answered on this machine (page.route): the test machines have no internet, and nothing
may leave them.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Route, expect

from tests.browser import examples
from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.waiting import wait_until

NEUTRAL = "https://www.yr.no/"
WEATHER = "<!doctype html><html lang='nb'><meta charset='utf-8'><title>Yr</title><h1>Været</h1></html>"
# Whether the page has hidden itself on the way out (js/quick-exit.js does it before leaving).
HIDDEN = "document.body.hidden && document.title === ''"


class Yr:
    """yr.no, answered locally; remembers each request and its Referer."""

    def __init__(self, context: BrowserContext, answer: bool = True) -> None:
        self.referers: list[str | None] = []
        self.answer = answer
        context.route("https://www.yr.no/**", self.fulfil)

    def fulfil(self, route: Route) -> None:
        self.referers.append(route.request.headers.get("referer"))
        if self.answer:
            route.fulfill(status=200, content_type="text/html", body=WEATHER)
        else:
            route.abort("aborted")  # as if yr.no were slow: the navigation never completes


@pytest.fixture
def yr(context: BrowserContext) -> Yr:
    return Yr(context)


def _enhanced(page: Page) -> None:
    """Wait until js/quick-exit.js has taken over the link (it loads after the page)."""
    expect(page.locator(".tt-quick-exit[data-ready]")).to_be_attached()


def _leave_by_link(page: Page) -> None:
    page.get_by_role("link", name="Gå ut raskt").click()
    page.wait_for_url(NEUTRAL)


def test_quick_exit_is_the_second_tab_stop_and_stays_in_view_on_every_page(page: Page) -> None:
    for kind in examples.KINDS:
        page.goto(examples.paths()[kind])
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.textContent, document.activeElement.href]")
        assert focused == ["Gå ut raskt", NEUTRAL], kind
        # Halfway down a long page it is still on screen (sticky).
        page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
        expect(page.locator(".tt-quick-exit")).to_be_in_viewport()


def test_tapping_quick_exit_replaces_the_page_so_back_cannot_return(page: Page, yr: Yr, live_server: str) -> None:
    page.goto(examples.paths()["measure"])
    _enhanced(page)
    entries = page.evaluate("history.length")
    _leave_by_link(page)
    expect(page.get_by_role("heading", name="Været")).to_be_visible()
    # location.replace: yr.no took the measure's place in the history instead of going after it.
    assert page.evaluate("history.length") == entries
    page.go_back()
    assert not page.url.startswith(live_server), page.url  # the tab's blank start, not our page
    assert yr.referers == [None]  # yr.no is not told where the person came from


def test_pressing_shift_three_times_leaves_at_once(page: Page, yr: Yr) -> None:
    page.goto(examples.paths()["step"])
    _enhanced(page)
    entries = page.evaluate("history.length")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    assert page.evaluate("history.length") == entries


def test_typing_capital_letters_or_slow_shift_presses_do_not_leave(page: Page, yr: Yr) -> None:
    page.clock.install()
    page.goto(examples.paths()["ladder"])
    _enhanced(page)
    page.get_by_role("searchbox").click()
    for letter in "PPT":
        page.keyboard.press(f"Shift+{letter}")  # Shift goes down and up around each letter
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.clock.fast_forward(2100)
    page.keyboard.press("Shift")
    assert page.evaluate(HIDDEN) is False
    assert page.get_by_role("searchbox").input_value() == "PPT"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")  # three within two seconds: now it goes
    page.wait_for_url(NEUTRAL)
    assert yr.referers == [None]


def test_the_page_hides_itself_at_once_even_while_yr_is_still_loading(context: BrowserContext, page: Page) -> None:
    stalled = Yr(context, answer=False)
    page.goto(examples.paths()["measure"])
    _enhanced(page)
    page.get_by_role("link", name="Gå ut raskt").click()
    wait_until(page, HIDDEN)
    expect(page.locator("main")).to_be_hidden()
    assert stalled.referers == [None]


def test_back_to_an_earlier_page_after_quick_exit_leaves_again(page: Page, yr: Yr) -> None:
    # The pages before the one the person left are still in the tab's history.
    page.goto(examples.paths()["ladder"])
    page.goto(examples.paths()["measure"])
    _enhanced(page)
    _leave_by_link(page)
    page.go_back(wait_until="commit")
    page.wait_for_url(NEUTRAL)
    expect(page.get_by_role("heading", name="Været")).to_be_visible()


def test_coming_back_to_the_site_on_purpose_works_as_normal(page: Page, yr: Yr) -> None:
    page.goto(examples.paths()["step"])
    _enhanced(page)
    _leave_by_link(page)
    page.goto(examples.paths()["ladder"])
    page.wait_for_load_state("load")
    expect(page.locator("main h1")).to_be_visible()
    assert page.url.endswith(examples.paths()["ladder"])


@pytest.fixture(scope="module")
def browser_with_back_forward_cache(playwright: Playwright, chromium_path: str) -> Iterator[Browser]:
    """Chromium as people have it: Playwright turns the back/forward cache off by default."""
    instance = playwright.chromium.launch(
        executable_path=chromium_path, args=CHROMIUM_ARGS, ignore_default_args=["--disable-back-forward-cache"]
    )
    yield instance
    instance.close()


def _back_after_quick_exit(context: BrowserContext) -> tuple[list[str], list[dict[str, str]]]:
    """Ladder → measure → «Gå ut raskt» → Back. Gives what the tab logged as restored from the
    back/forward cache, and Chromium's reasons for not using the cache (DevTools protocol)."""
    page = context.new_page()
    not_used: list[dict[str, str]] = []
    devtools = context.new_cdp_session(page)
    devtools.send("Page.enable")
    devtools.on("Page.backForwardCacheNotUsed", lambda event: not_used.extend(event["notRestoredExplanations"]))
    # Noted in the tab before any script of ours runs, so before quick-exit.js leaves again.
    page.add_init_script(
        "addEventListener('pageshow', (e) => { if (e.persisted) console.log('restored ' + location.pathname); })"
    )
    restored: list[str] = []
    page.on("console", lambda message: restored.append(message.text) if message.text.startswith("restored") else None)
    page.goto(examples.paths()["ladder"])
    _enhanced(page)
    page.goto(examples.paths()["measure"])
    _enhanced(page)
    _leave_by_link(page)
    page.go_back(wait_until="commit")
    page.wait_for_url(NEUTRAL)  # whether restored or loaded anew, the page left at once
    page.close()
    return restored, not_used


def test_a_page_restored_from_the_back_forward_cache_does_not_show_again(
    browser_with_back_forward_cache: Browser, live_server: str
) -> None:
    # No service worker here: its first claim of the page makes Chromium skip the cache.
    context = browser_with_back_forward_cache.new_context(base_url=live_server, service_workers="block")
    try:
        Yr(context)
        # Chromium may skip the cache for reasons of the moment (memory, time); then try again.
        # A reason that is the page's own ("PageSupportNeeded") fails at once.
        for _ in range(3):
            restored, not_used = _back_after_quick_exit(context)
            if not not_used or any(reason["type"] != "Circumstantial" for reason in not_used):
                break
        # Back brings up the ladder (yr.no took the measure's place): from the cache, and it left again.
        assert not_used == []
        assert restored == ["restored " + examples.paths()["ladder"]]
    finally:
        context.close()


def test_without_javascript_quick_exit_is_a_plain_link_that_tells_yr_nothing(
    browser: Browser, live_server: str
) -> None:
    context = browser.new_context(java_script_enabled=False, base_url=live_server)
    try:
        yr = Yr(context)
        page = context.new_page()
        page.goto(examples.paths()["measure"])
        link = page.get_by_role("link", name="Gå ut raskt")
        assert link.get_attribute("href") == NEUTRAL
        assert link.get_attribute("rel") == "noreferrer"
        _leave_by_link(page)
        expect(page.get_by_role("heading", name="Været")).to_be_visible()
        assert yr.referers == [None]
    finally:
        context.close()
