"""Safe updates: a new release waits until the person chooses it, and never mixes with the old one."""

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from tests.browser.offline_helpers import UPDATE_AND_WAIT, Releases, wait_until_saved


@pytest.fixture
def releases(tmp_path: Path) -> Iterator[Releases]:
    servers = Releases(tmp_path)
    servers.serve(servers.static_a)
    yield servers
    servers.stop()


@pytest.fixture
def release_context(browser: Browser, releases: Releases) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=releases.base, viewport={"width": 360, "height": 740})
    yield context
    context.close()


def static_files(page: Page) -> list[str]:
    """The path of every fingerprinted file the page asks for from now on."""
    files: list[str] = []
    page.on("request", lambda request: files.append(urlsplit(request.url).path) if "/static/" in request.url else None)
    return files


def test_a_new_version_waits_for_oppdater_and_then_every_file_comes_from_it(
    release_context: BrowserContext, releases: Releases
) -> None:
    page = release_context.new_page()
    files = static_files(page)
    page.goto("/elverum")
    wait_until_saved(page)

    releases.serve(releases.static_b)
    files.clear()
    page.reload()
    update = page.get_by_role("button", name="Oppdater")
    expect(update).to_be_visible(timeout=20_000)
    expect(page.locator(".tt-offline__status")).to_have_text("Ny versjon er klar")
    page.goto("/elverum/trinn/2")  # the person reads on before choosing the new version
    expect(update).to_be_visible()
    assert releases.a.url("css/app.css") in files
    assert set(files) <= set(releases.a.by_url), "a page of release A loaded a file of release B"

    files.clear()
    with page.expect_navigation():
        update.click()
    page.wait_for_load_state("load")
    assert releases.b.url("css/app.css") in files
    assert set(files) <= set(releases.b.by_url), "after Oppdater a page loaded a file of release A"
    expect(update).to_be_hidden()

    # The new version saved the municipality again before it took over: it opens offline, as B.
    release_context.set_offline(True)
    files.clear()
    page.goto("/elverum/trinn/3")
    expect(page.locator("h1")).not_to_have_text("Du er uten nett")
    assert releases.b.url("css/app.css") in files


def test_a_new_version_with_a_missing_file_is_not_installed_and_the_old_one_keeps_serving(
    release_context: BrowserContext, releases: Releases
) -> None:
    page = release_context.new_page()
    files = static_files(page)
    page.goto("/elverum")
    wait_until_saved(page)

    releases.serve(releases.static_b)
    missing = releases.b.url("css/app.css")
    answered: list[str] = []

    def not_found(route: Route) -> None:  # as a CDN would answer in the middle of a deploy
        answered.append(route.request.url)
        route.fulfill(status=404, content_type="text/plain", body="Not found")

    release_context.route(f"**{missing}", not_found)
    assert page.evaluate(UPDATE_AND_WAIT) == "redundant"
    assert answered, "the new worker never asked for the missing file"

    files.clear()
    page.reload()
    assert page.evaluate(UPDATE_AND_WAIT) == "redundant"  # the browser tries again, and fails again
    expect(page.get_by_role("button", name="Oppdater")).to_be_hidden()
    assert releases.a.url("css/app.css") in files and missing not in files

    release_context.set_offline(True)
    files.clear()
    page.goto("/elverum/trinn/2")
    expect(page.locator("h1")).not_to_have_text("Du er uten nett")
    assert releases.a.url("css/app.css") in files
