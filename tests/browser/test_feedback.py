"""«Er noe feil?» in real Chromium (issue 16): the form and its pages pass axe, it works without
JavaScript, it says it needs the network when there is none (and keeps what was written), and a
search in the browser is counted without its words."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Request, expect

from server.datadir import DataDir
from server.feedback import reports
from server.usage.counts import read_days
from tests import server_process
from tests.browser.offline_helpers import wait_until_saved
from tests.browser.test_pages_accessibility import AXE_OPTIONS, _describe

MEASURE = "/elverum/tiltak/bibliotek"
SITUATION = "/elverum/situasjon/mobbing"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of this module's own, so its data folder can be read."""
    data_dir = tmp_path_factory.mktemp("feedback-data")
    process, base = server_process.start(data_dir)
    try:
        yield base, data_dir
    finally:
        server_process.stop(process)


def _open_report(page: object) -> None:
    page.get_by_text("Meld fra om noe er feil").click()  # type: ignore[attr-defined]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 1280])
def test_the_form_and_its_pages_pass_axe(browser: Browser, site: tuple[str, Path], width: int, scheme: str) -> None:
    base, _ = site
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 800}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    axe = Axe()
    for path in (MEASURE, SITUATION):
        page.goto(path)
        _open_report(page)
        result = axe.run(page, context=".tt-feedback", options=AXE_OPTIONS)
        assert result.violations_count == 0, f"{path}: {_describe(result.response['violations'])}"
    # The page that asks to fix a report (no reason chosen: sent without the browser's check).
    page.evaluate("document.querySelectorAll('.tt-feedback input[required]').forEach((i) => i.required = false)")
    page.locator("#tb-tekst").fill("Det står feil dag.")
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.locator("h1")).to_have_text("Meldingen er ikke sendt")
    expect(page.locator("#tb-tekst")).to_have_value("Det står feil dag.")
    result = axe.run(page, options=AXE_OPTIONS)
    assert result.violations_count == 0, f"problem page: {_describe(result.response['violations'])}"
    page.get_by_label("Det er vanskelig å forstå").check()
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.locator("h1")).to_have_text("Takk for at du sa fra")
    result = axe.run(page, options=AXE_OPTIONS)
    assert result.violations_count == 0, f"thank-you page: {_describe(result.response['violations'])}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_without_javascript_a_report_and_a_vote_are_sent_and_stored(browser: Browser, site: tuple[str, Path]) -> None:
    base, data_dir = site
    context = browser.new_context(base_url=base, java_script_enabled=False)
    page = context.new_page()
    page.goto(SITUATION)
    page.get_by_role("button", name="Ja").click()
    expect(page.locator("h1")).to_have_text("Takk for at du sa fra")
    page.get_by_role("link", name="Tilbake til siden").click()
    _open_report(page)
    page.get_by_label("Tilbudet finnes ikke lenger").check()
    page.locator("#tb-tekst").fill("Gruppen på skolen er lagt ned. Ring meg på 99 88 77 66.")
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.locator("h1")).to_have_text("Takk for at du sa fra")
    assert context.cookies() == []
    stored = [r.text for r in reports.reports(DataDir(data_dir)) if r.page == SITUATION and "Gruppen" in r.text]
    assert stored == ["Gruppen på skolen er lagt ned. Ring meg på [fjernet]."]
    context.close()


def test_offline_the_form_says_it_needs_the_network_and_nothing_written_is_lost(
    browser: Browser, site: tuple[str, Path]
) -> None:
    base, data_dir = site
    context = browser.new_context(base_url=base)
    page = context.new_page()
    page.goto("/elverum")
    wait_until_saved(page)
    page.goto(MEASURE)
    context.set_offline(True)
    page.goto(MEASURE)  # from the copy on the device
    _open_report(page)
    note = page.locator(".tt-feedback__offline")
    expect(note).to_contain_text("Skjemaet trenger nett")
    page.get_by_label("Noe er utdatert").check()
    page.locator("#tb-tekst").fill("Åpningstiden er endret.")
    page.get_by_role("button", name="Send meldingen").click()
    expect(page).to_have_url(base + MEASURE)
    expect(page.locator("#tb-tekst")).to_have_value("Åpningstiden er endret.")
    # Should the page's check not run, the worker answers the failed send in plain words.
    page.evaluate("Object.defineProperty(Navigator.prototype, 'onLine', { get: () => true })")
    page.get_by_role("button", name="Send meldingen").click()
    expect(page.locator("h1")).to_have_text("Meldingen er ikke sendt")
    expect(page.locator("body")).to_contain_text("116 111")
    page.go_back()
    expect(page.locator("#tb-tekst")).to_have_value("Åpningstiden er endret.")
    context.close()
    assert not any(r.text == "Åpningstiden er endret." for r in reports.reports(DataDir(data_dir)))


def test_a_search_in_the_browser_is_counted_without_its_words(browser: Browser, tmp_path: Path) -> None:
    word = "sjiraffkurs"  # finds nothing
    process, base = server_process.start(tmp_path)
    try:
        context = browser.new_context(base_url=base, service_workers="block")
        requests: list[Request] = []
        context.on("request", lambda request: requests.append(request))
        page = context.new_page()
        page.goto("/elverum/sok")
        with page.expect_request("**/searches") as counted:
            page.locator("#sok").press_sequentially(word)
            expect(page.locator(".tt-result-count")).to_contain_text(word)
        assert json.loads(counted.value.post_data or "") == {"found": False}
        with page.expect_request("**/searches") as counted:
            page.locator("#sok").fill("jordmor")
        assert json.loads(counted.value.post_data or "") == {"found": True}
        page.wait_for_timeout(2500)
        assert sum("/searches" in r.url for r in requests) == 2  # once per search, not per letter
        for request in requests:
            assert word not in request.url + (request.post_data or ""), request.url
        context.close()
    finally:
        server_process.stop(process)  # a server that stops writes what it counted
    (day,) = [pages for _, pages in read_days(DataDir(tmp_path), 1)]
    assert day["/elverum/sok"]["searches"] == 2 and day["/elverum/sok"]["searches_empty"] == 1
    everything = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    assert word.encode() not in everything and b"HeadlessChrome" not in everything
