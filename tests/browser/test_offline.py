"""Use without network: after one visit to a municipality, all of it opens with no network.

The same test runs against the live server, against the static export served by nginx
with deploy/nginx.conf, as a municipality's web host would serve it (issue 9), and against the
live server with the production settings the README gives (allowed hosts, an https public
address), under which nothing was pre-rendered and the copy was empty (issue 19).
"""

import html
import json
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from server.situations.local import Asking, situations_of
from tests import production, server_process, static_host
from tests.browser import examples
from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.offline_helpers import wait_until_saved
from tests.browser.waiting import wait_until

SLUG = "elverum"
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
SEARCH = f"/{SLUG}/sok?q=ppt"
SEARCH_EXPECTS = f"/{SLUG}/tiltak/ppt-sakkyndig-vurdering-trinn-4"  # tests/search_cases.yaml


def _filtered_example() -> tuple[str, str, int, int]:
    """A situation where a young person of 15 sees fewer measures: (slug, query, hidden, shown)."""
    catalogue = examples.catalogue()
    index = catalogue.municipalities[SLUG]
    asking = Asking.parse("ung", "15")
    for local in situations_of(catalogue, index):
        shown = sum(1 for fit in local.fits if asking.accepts(fit.placed))
        if 0 < shown < len(local.fits):
            return local.slug, "hvem=ung&alder=15", len(local.fits) - shown, shown
    raise AssertionError("no situation hides anything for a 15-year-old: the test needs one")


FILTERED = _filtered_example()


@dataclass(frozen=True)
class Site:
    """Where the browser finds the site, and how the test reads it over HTTP itself."""

    browser: Browser
    base: str  # as the browser opens it
    http_base: str  # as urllib reaches it
    host: str = ""  # the Host header to send, if not the one in http_base

    def read(self, path: str) -> bytes:
        headers = {"Host": self.host} if self.host else {}
        with urllib.request.urlopen(urllib.request.Request(self.http_base + path, headers=headers)) as response:
            body: bytes = response.read()
            return body


def municipality_paths(site: Site) -> list[str]:
    """Every step and measure page of the municipality, as its API lists them."""
    municipality = json.loads(site.read(f"/api/v1/municipalities/{SLUG}"))
    paths = [f"/{SLUG}/trinn/{step['number']}" for step in municipality["steps"]]
    paths += [
        f"/{SLUG}/tiltak/{measure['slug']}"
        for step in municipality["steps"]
        for group in step["groups"]
        for measure in group["measures"]
    ]
    situations = json.loads(site.read(f"/api/v1/municipalities/{SLUG}/situations"))
    paths += [f"/{SLUG}/hva-gjelder-det", f"/{SLUG}/bekymret"]
    return paths + [f"/{SLUG}/situasjon/{situation['slug']}" for situation in situations]


def heading_online(site: Site, path: str) -> str:
    """The page's h1 as the site serves it, in plain text."""
    match = H1.search(site.read(path).decode())
    assert match, f"{path} has no h1"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


@pytest.fixture(scope="module")
def exported_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`tiltakstrapp export` served by nginx."""
    with static_host.running_export(tmp_path_factory.mktemp("export")) as base:
        yield base


@pytest.fixture(scope="module")
def production_site(
    tmp_path_factory: pytest.TempPathFactory, playwright: Playwright, chromium_path: str
) -> Iterator[Site]:
    """The live server with the production settings, reached by its public name. Chromium maps
    the name to this machine and treats the plain-http origin as secure, as HTTPS would be."""
    data_dir = tmp_path_factory.mktemp("production-data")
    with server_process.running(data_dir, extra_env=production.ENV, host_header=production.HOST) as http_base:
        port = http_base.rsplit(":", 1)[1]
        origin = f"http://{production.HOST}:{port}"
        args = [
            *CHROMIUM_ARGS,
            f"--host-resolver-rules=MAP {production.HOST} 127.0.0.1",
            f"--unsafely-treat-insecure-origin-as-secure={origin}",
        ]
        browser = playwright.chromium.launch(executable_path=chromium_path, args=args)
        yield Site(browser, origin, http_base, production.HOST)
        browser.close()


@pytest.fixture(params=["live server", "static export", "production settings"])
def site(request: pytest.FixtureRequest, browser: Browser) -> Site:
    if request.param == "production settings":
        found: Site = request.getfixturevalue("production_site")
        return found
    base = str(request.getfixturevalue("live_server" if request.param == "live server" else "exported_site"))
    return Site(browser, base, base)


def test_after_one_visit_every_page_of_the_municipality_opens_with_no_network(site: Site) -> None:
    paths = [*municipality_paths(site), "/ordliste", "/hjelp", SEARCH]
    headings = {path: heading_online(site, path) for path in paths}
    context = site.browser.new_context(base_url=site.base, viewport={"width": 360, "height": 740})
    page = context.new_page()
    failed: list[str] = []
    # A request the browser itself cancels because the test opens the next page (the favicon,
    # fetched after load) is no failure of the copy; every other failure is.
    page.on(
        "requestfailed",
        lambda request: request.failure == "net::ERR_ABORTED" or failed.append(f"{request.url} {request.failure}"),
    )

    page.goto(f"/{SLUG}")
    wait_until_saved(page)
    context.set_offline(True)

    for path in paths:
        page.goto(path)
        assert " ".join(page.locator("h1").inner_text().split()) == headings[path], path
    # The search runs on the device: the saved search page finds PPT in its top three with no network.
    page.goto(SEARCH)
    links = page.locator(".tt-finder__results .tt-card__link")
    expect(links.first).to_be_visible()
    # One result per service: PPT's, wherever it ranks first, stands for its measure on step 4.
    top = links.evaluate_all("(links) => links.slice(0, 3).map((a) => a.getAttribute('href'))")
    measures = examples.catalogue().municipalities[SLUG].measures
    service = measures[SEARCH_EXPECTS.rsplit("/", 1)[1]].measure.service
    assert any(measures[href.rsplit("/", 1)[1]].measure.service == service for href in top), top
    # The municipality's own help pages came from the copy, so the network really was off:
    # a page that was never saved gets the offline page instead.
    page.goto("/asnes")
    expect(page.locator("h1")).to_have_text("Du er uten nett")
    # A situation page with the two answers in its address: the copy (saved without them)
    # leaves out what does not fit, as the server does online.
    filtered = f"/{SLUG}/situasjon/{FILTERED[0]}?{FILTERED[1]}"
    page.goto(filtered)
    expect(page.locator(".tt-situation__count")).to_have_text(str(FILTERED[2]))
    assert page.locator(".tt-situation .tt-card:visible").count() == FILTERED[3]
    context.close()
    assert failed == [], failed
    assert len(paths) > 140


STATUS_LOG = """
addEventListener("DOMContentLoaded", () => {
  window.statusLog = [];
  const status = document.querySelector(".tt-offline__status");
  new MutationObserver(() => window.statusLog.push(status.textContent)).observe(status, { childList: true });
});
"""


def test_saving_for_use_without_network_is_announced_politely(context: BrowserContext, page: Page) -> None:
    context.add_init_script(STATUS_LOG)
    page.goto(f"/{SLUG}/trinn/1")
    wait_until_saved(page)
    log: list[str] = page.evaluate("window.statusLog")
    progress = [re.fullmatch(r"Lagrer for bruk uten nett … (\d+) av (\d+)", text) for text in log[:-1]]
    assert progress and all(progress), log
    assert progress[-1] and progress[-1].group(1) == progress[-1].group(2), log
    assert page.locator(".tt-offline__status").get_attribute("role") == "status"
    # The next page is already saved: nothing new to announce.
    page.goto(f"/{SLUG}/trinn/2")
    wait_until(page, "navigator.serviceWorker.controller !== null")
    expect(page.locator(".tt-offline__status")).to_be_empty()
    # … but the page still shows, quietly, that it is there.
    expect(page.locator(".tt-offline__note")).to_have_text("Klar til bruk uten nett")
