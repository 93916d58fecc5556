"""Search terms never leave the device when the browser searches: typing, choosing filters,
pressing Enter (on the search page, or in a ladder's or step's box, which opens the search page
with the search in its address), following a suggestion and coming Back to the search send no
request that carries the words."""

import re
from urllib.parse import quote, quote_plus

from playwright.sync_api import Browser, Request, expect

WORDS = ("jordmor", "stotekontaktt", "støttekontakt", "psykolog")


def _carries(request: Request, word: str) -> bool:
    if "/tiltak/" in request.url:
        return False  # a result's own page (and its QR code): its address is the same for every search
    sent = request.url + (request.post_data or "")
    return any(form in sent.lower() for form in {word, quote(word).lower(), quote_plus(word).lower()})


def test_searching_in_the_browser_sends_no_request_with_the_words(browser: Browser, live_server: str) -> None:
    # With no service worker every request the page makes is an event here; the worker could
    # only pass on what the page asks for, and the page asks for nothing with the words in it.
    context = browser.new_context(base_url=live_server, service_workers="block")
    requests: list[Request] = []
    context.on("request", lambda request: requests.append(request))
    page = context.new_page()
    page.goto("/elverum/sok")
    box = page.locator("#sok")
    count = page.locator(".tt-result-count")
    box.press_sequentially("jordmor")
    expect(count).to_contain_text("treff for «jordmor»")
    page.get_by_text("Avgrens søket").click()
    page.locator("#filter-for").select_option("gravide")
    expect(count).to_contain_text("«jordmor» med filtrene dine")
    box.press("Enter")
    box.fill("stotekontaktt")
    page.locator(".tt-finder__results").get_by_role("link", name="støttekontakt").click()
    expect(count).to_contain_text("for «støttekontakt»")
    # To a result and back: the page comes back with the search, without asking for it.
    page.locator("#filter-for").select_option("")
    page.locator(".tt-card__link").first.click()
    page.go_back()
    expect(count).to_contain_text("treff for «støttekontakt»")
    expect(page).to_have_url(re.compile(r"/elverum/sok\?q=st%C3%B8ttekontakt$"))
    page.goto("/elverum")
    page.locator("#sok").press_sequentially("psykolog")
    expect(count).to_contain_text("treff for «psykolog»")
    # Enter in the ladder's box: the search page, with the search in its address (issue 17) …
    page.locator("#sok").press("Enter")
    expect(page).to_have_url(re.compile(r"/elverum/sok\?q=psykolog$"))
    expect(count).to_contain_text("treff for «psykolog»")
    # … and Back from a result brings the search back, without asking the server for it.
    page.locator(".tt-card__link").first.click()
    page.go_back()
    expect(page).to_have_url(re.compile(r"/elverum/sok\?q=psykolog$"))
    expect(page.locator("#sok")).to_have_value("psykolog")
    expect(count).to_contain_text("treff for «psykolog»")
    # A step's box, a result straight from the list, and Back: the words are still there.
    page.goto("/elverum/trinn/2")
    page.locator("#sok").press_sequentially("jordmor")
    expect(count).to_contain_text("treff for «jordmor»")
    page.locator(".tt-finder__results .tt-card__link").first.click()
    page.go_back()
    expect(page.locator("#sok")).to_have_value("jordmor")
    expect(count).to_contain_text("treff for «jordmor»")

    urls = [request.url for request in requests]
    assert sum("/search-index" in url for url in urls) >= 2, urls  # the pages' own fetches are seen
    assert [request.url for request in requests if any(_carries(request, word) for word in WORDS)] == []
    context.close()
