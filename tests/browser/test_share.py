"""Sharing in real Chromium: a teacher copies or shares a measure's link, shows its QR code, or
prints it. (Min liste: test_share_list.py.)"""

import base64
from collections.abc import Iterator

import pytest
import zxingcpp
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser import examples
from tests.browser.waiting import wait_until

# Headless Chromium on Linux has no share sheet today; removing it makes sure of the fallback.
NO_SHARE_SHEET = "delete Navigator.prototype.share;"
# A share sheet that records what the page hands it, as a phone's would receive it.
SHARE_SHEET = """
window.shared = [];
Object.defineProperty(Navigator.prototype, "share", {
  configurable: true,
  value: async function (data) { window.shared.push(data); },
});
"""
# The QR code as the browser draws it, in grey levels, for a QR reader.
PIXELS = """
async (image) => {
  await image.decode();
  const size = 400;
  const canvas = Object.assign(document.createElement("canvas"), { width: size, height: size });
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0, size, size);
  const rgba = context.getImageData(0, 0, size, size).data;
  let grey = "";
  for (let i = 0; i < rgba.length; i += 4) grey += String.fromCharCode(rgba[i]);
  return btoa(grey);
}
"""


@pytest.fixture
def a4(browser: Browser, live_server: str) -> Iterator[Page]:
    """A page as wide as A4 paper at 96 dpi, for what a print looks like."""
    context = browser.new_context(base_url=live_server, viewport={"width": 794, "height": 1123})
    yield context.new_page()
    context.close()


def canonical(page: Page) -> str:
    href = page.locator("link[rel=canonical]").get_attribute("href")
    assert href
    return href


def test_copy_link_puts_the_pages_address_on_the_clipboard_and_says_so(browser: Browser, live_server: str) -> None:
    context = browser.new_context(base_url=live_server, permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(NO_SHARE_SHEET)
    page = context.new_page()
    path = examples.paths()["measure"]
    page.goto(path)
    assert canonical(page) == live_server + path
    expect(page.locator(".tt-share__actions[data-ready]")).to_be_attached()  # share.js has started
    expect(page.get_by_role("button", name="Del lenken")).to_be_hidden()
    page.get_by_role("button", name="Kopier lenke").click()
    expect(page.locator(".tt-share__status")).to_have_text(
        "Lenken er kopiert. Lim den inn i en melding eller en e-post."
    )
    assert page.evaluate("navigator.clipboard.readText()") == live_server + path
    context.close()


def test_on_a_phone_with_a_share_sheet_share_hands_it_the_title_text_and_address(
    context: BrowserContext, page: Page, live_server: str
) -> None:
    context.add_init_script(SHARE_SHEET)
    path = examples.paths()["step"]
    page.goto(path)
    expect(page.get_by_role("button", name="Kopier lenke")).to_be_hidden()
    page.get_by_role("button", name="Del lenken").click()
    wait_until(page, "window.shared.length === 1")
    shared = page.evaluate("window.shared[0]")
    assert shared["url"] == canonical(page) == live_server + path
    assert shared["title"].startswith("Trinn ") and shared["text"].startswith("Her kan du lese om trinn ")


def test_the_qr_code_on_a_measure_and_a_step_scans_to_the_pages_own_address(page: Page) -> None:
    for kind in ("measure", "step"):
        page.goto(examples.paths()[kind])
        page.get_by_text("Vis QR-kode").click()
        image = page.get_by_role("img", name="QR-kode med lenken til siden")
        expect(image).to_be_visible()
        grey = base64.b64decode(image.evaluate(PIXELS))
        found = [result.text for result in zxingcpp.read_barcodes(memoryview(grey).cast("B", (400, 400)))]
        assert found == [canonical(page)], kind


def test_a_printed_measure_has_its_text_address_and_qr_code_and_no_navigation_or_buttons(a4: Page) -> None:
    a4.goto(examples.paths()["measure"])
    expect(a4.locator(".tt-share__print img")).to_have_count(1)
    wait_until(a4, "() => [...document.querySelectorAll('.tt-share__print img')].every((i) => i.complete)")
    a4.emulate_media(media="print")
    for hidden in ("nav", "button", ".tt-share__sms", ".tt-quick-exit", ".tt-footer", "details", ".tt-helpbar__more"):
        assert a4.locator(f"{hidden} >> visible=true").count() == 0, hidden
    for shown in ("h1", ".tt-official", "text=Hva er dette?", "text=Slik får du hjelpen", "text=Slik tar du kontakt"):
        expect(a4.locator(shown).first).to_be_visible()
    # The sheet names the municipality (a measure is only true of its own), and the ways to get
    # in touch carry their addresses on paper (issue 17).
    name = examples.municipality().municipality.name
    expect(a4.locator(".tt-header__place")).to_be_visible()
    expect(a4.locator(".tt-header__place")).to_have_text(name)
    site = examples.municipality().municipality.contact.web
    printed_links = a4.locator(".tt-next .tt-contact__link").evaluate_all(
        "(links) => links.map((link) => getComputedStyle(link, '::after').content).join(' ')"
    )
    assert site in printed_links
    printed = a4.locator(".tt-share__print")
    expect(printed).to_contain_text(canonical(a4))
    assert printed.locator("img").evaluate(
        "(image) => image.naturalWidth > 0 && image.getBoundingClientRect().width > 90"
    )
    # The helpline bar is one line of numbers with their names, not a row of red buttons.
    bar = a4.locator(".tt-helpbar")
    expect(bar).to_contain_text("113")
    line = a4.evaluate("parseFloat(getComputedStyle(document.body).lineHeight)")
    assert bar.bounding_box()["height"] < 2.5 * line  # type: ignore[index]
    assert bar.evaluate("(bar) => getComputedStyle(bar).backgroundColor") in ("rgba(0, 0, 0, 0)", "transparent")


def test_a_printed_step_lists_each_of_its_measures_with_its_address(a4: Page, live_server: str) -> None:
    a4.goto(examples.paths()["step"])
    a4.emulate_media(media="print")
    assert a4.locator("nav >> visible=true").count() == 0
    cards = a4.locator(".tt-group .tt-card")
    assert cards.count() > 0
    for index in range(cards.count()):
        card = cards.nth(index)
        href = card.locator(".tt-card__link").get_attribute("href")
        expect(card.locator(".tt-card__url")).to_have_text(f"{live_server}{href}")
    expect(a4.locator(".tt-share__print")).to_contain_text(canonical(a4))


def test_print_is_a_button_on_a_measure_and_a_step_with_javascript_only(browser: Browser, live_server: str) -> None:
    context = browser.new_context(base_url=live_server)
    context.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page = context.new_page()
    for kind in ("measure", "step"):
        page.goto(examples.paths()[kind])
        expect(page.locator(".tt-share__actions[data-ready]")).to_be_attached()  # share.js has started
        page.get_by_role("button", name="Skriv ut").click()
        assert page.evaluate("window.printed") == 1, kind
    context.close()
    plain = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = plain.new_page()
    page.goto(examples.paths()["measure"])
    expect(page.get_by_role("button", name="Skriv ut")).to_be_hidden()  # a button that does nothing would mislead
    plain.close()
