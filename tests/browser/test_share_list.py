"""Min liste in real Chromium: a parent saves measures on the phone, opens the list with no
network, removes from it, and sends it as one link that opens the same list on another phone."""

import urllib.parse

from playwright.sync_api import Browser, BrowserContext, Page, expect

from server.view import is_system
from tests.browser import examples
from tests.browser.offline_helpers import wait_until_saved


def family_measures(count: int) -> list[str]:
    """The slugs of the first measures for families, from different steps where there are some."""
    index = examples.municipality()
    families = [slug for slug, placed in index.measures.items() if not is_system(placed.measure)]
    return families[:: max(1, len(families) // count)][:count]


def titles(slugs: list[str]) -> list[str]:
    return [examples.municipality().measures[slug].measure.title for slug in slugs]


def test_three_saved_measures_open_with_no_network_and_the_shared_link_shows_them_on_another_phone(
    browser: Browser, context: BrowserContext, page: Page, live_server: str
) -> None:
    slugs = family_measures(3)
    kommune = examples.municipality().municipality.slug
    page.goto(f"/{kommune}/tiltak/{slugs[0]}")
    wait_until_saved(page)
    for slug in slugs:
        page.goto(f"/{kommune}/tiltak/{slug}")
        page.get_by_role("button", name="Lagre").click()
        expect(page.get_by_role("button", name="Lagre")).to_have_attribute("aria-pressed", "true")
        expect(page.locator(".tt-share__status")).to_have_text("Lagret i Min liste.")

    context.set_offline(True)
    page.goto(f"/{kommune}/min-liste")
    expect(page.locator(".tt-saved__list .tt-card__link")).to_have_text(titles(slugs))
    link = page.locator(".tt-saved__share .tt-share__actions").get_attribute("data-url")
    assert link == f"{live_server}/{kommune}/liste?t={','.join(slugs)}"
    expect(page.locator(".tt-saved__share .tt-share__print")).to_contain_text(link)

    other_phone = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    shared = other_phone.new_page()
    shared.goto(link)
    expect(shared.locator(".tt-card__link")).to_have_text(titles(slugs))
    # The other phone can keep the list as its own.
    shared.get_by_role("button", name="Lagre i Min liste").click()
    expect(shared.locator(".tt-share__status")).to_contain_text("Listen er lagret i Min liste")
    shared.goto(f"/{kommune}/min-liste")
    expect(shared.locator(".tt-saved__list .tt-card__link")).to_have_text(titles(slugs))
    other_phone.close()


def test_removing_from_the_list_is_announced_and_focus_moves_on(page: Page) -> None:
    slugs = family_measures(2)
    kommune = examples.municipality().municipality.slug
    page.goto(f"/{kommune}/tiltak/{slugs[0]}")
    save = page.get_by_role("button", name="Lagre")
    save.click()
    save.click()  # a second press takes it off again
    expect(save).to_have_attribute("aria-pressed", "false")
    expect(page.locator(".tt-share__status")).to_have_text("Fjernet fra Min liste.")
    page.evaluate(
        "([key, slugs]) => localStorage.setItem(key, JSON.stringify(slugs))", [f"tiltakstrappa:liste:{kommune}", slugs]
    )

    page.goto(f"/{kommune}/min-liste")
    first, second = titles(slugs)
    page.get_by_role("button", name=f"Fjern {first} fra listen").click()
    expect(page.locator(".tt-saved__status")).to_have_text(f"{first} er fjernet fra listen.")
    expect(page.get_by_role("button", name=f"Fjern {second} fra listen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".tt-saved__empty")).to_be_focused()
    expect(page.locator(".tt-saved__share")).to_be_hidden()
    page.reload()
    expect(page.locator(".tt-saved__empty")).to_be_visible()


def test_without_javascript_min_liste_explains_itself_and_a_measure_still_has_sms_and_qr_code(
    browser: Browser, live_server: str
) -> None:
    context = browser.new_context(base_url=live_server, java_script_enabled=False)
    page = context.new_page()
    kommune = examples.municipality().municipality.slug
    page.goto(f"/{kommune}/min-liste")
    expect(page.locator(".tt-saved__nojs")).to_contain_text("Min liste trenger JavaScript")
    page.goto(examples.paths()["measure"])
    sms = page.get_by_role("link", name="Send som SMS").get_attribute("href") or ""
    body = urllib.parse.unquote(sms.removeprefix("sms:?&body="))
    assert body.startswith("Her kan du lese om ") and body.endswith(" " + live_server + examples.paths()["measure"])
    page.get_by_text("Vis QR-kode").click()
    qr = page.get_by_role("img", name="QR-kode med lenken til siden")
    expect(qr).to_be_visible()
    assert qr.evaluate("(image) => image.complete && image.naturalWidth > 0")
    context.close()
