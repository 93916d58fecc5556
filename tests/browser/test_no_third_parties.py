"""No third parties: a visit to every kind of page — with the service worker saving the offline
copy in the background — asks only this site for anything. No fonts, scripts, images, analytics
or prefetching from anywhere else; not even yr.no, the quick exit's target, until it is used."""

from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Request, Route

from tests.browser import examples

# Every kind of page there is (home, ladder, step, measure, search, ordliste, hjelp, om,
# om/skjul-besok, the saved list, 404 …): a new kind added to the examples is covered too.
KINDS = examples.KINDS


def test_every_kind_of_page_asks_only_this_site_for_anything(
    context: BrowserContext, page: Page, live_server: str
) -> None:
    ours = urlsplit(live_server).netloc
    seen: list[str] = []
    outside: list[str] = []

    def record(request: Request) -> None:
        seen.append(request.url)

    def refuse(route: Route) -> None:
        # Anything for another site is stopped here, so a failing test never reaches the internet.
        outside.append(route.request.url)
        route.abort()

    context.on("request", record)  # the pages' requests and the service worker's
    context.route(lambda url: urlsplit(url).netloc != ours, refuse)
    for kind in KINDS:
        page.goto(examples.paths()[kind])
        page.wait_for_load_state("networkidle")
    # Pointing at the quick exit (a mouse hovering, a finger resting) must not fetch yr.no early.
    page.locator(".tt-quick-exit").hover()
    page.wait_for_load_state("networkidle")

    assert outside == []
    assert [url for url in seen if urlsplit(url).netloc != ours] == []
    paths = {urlsplit(url).path for url in seen}
    # The recording saw the whole visit: the pages, their CSS and JavaScript, and the worker's saving.
    assert {examples.paths()[kind].split("?")[0] for kind in KINDS} <= paths
    assert any(path.startswith("/static/css/") for path in paths)
    assert any(path.startswith("/static/js/") for path in paths)
    assert "/sw.js" in paths and any(path.startswith("/offline/") for path in paths)
