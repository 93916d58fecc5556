"""The editorial side as new staff would use it, in real Chromium against a real server (issue 15):
an admin makes two accounts, the editor fixes a measure with the keyboard only, the publisher
reviews the difference and publishes; the public page, search, the API and — after the update
prompt — the offline copy show the change; the old version comes back; the audit log has it all."""

import json
import re
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests import server_process
from tests.browser.offline_helpers import wait_until_saved
from tests.editor_helpers import PASSWORD, bundled_store, make_account

ADMIN = "admin@elverum.no"
MEASURE = "bibliotek"
ADDED = "Du kan låne bøker, spill og filmer gratis."
PHONE = "12 34 56 78"  # a made-up number, only in this test's own store


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("editor-journey")
    data = bundled_store(data_dir)
    make_account(data, ADMIN, "elverum", "admin")
    with server_process.running(data_dir) as base:
        yield base


CACHED_URLS = """
async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}
"""


def _log_in(page: Page, email: str, password: str) -> None:
    page.goto("/redaksjon/logg-inn")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Redaksjon for Elverum")


def _new_account(admin: Page, email: str, role: str) -> str:
    admin.goto("/redaksjon/elverum/brukere")
    admin.get_by_label("E-post").fill(email)
    admin.get_by_label("Rolle").select_option(role)
    admin.get_by_role("button", name="Lag bruker og lenke").click()
    link = admin.locator(".tt-editor__link code").inner_text()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/redaksjon/passord/[\w-]+", link), link
    return link


def _first_password(page: Page, link: str, password: str) -> None:
    page.goto(link)
    page.get_by_label("Nytt passord").fill(password)
    page.get_by_label("Skriv passordet en gang til").fill(password)
    page.get_by_role("button", name="Lagre passordet").click()
    expect(page.locator(".tt-editor__notice")).to_contain_text("Passordet er satt")


def _json(base: str, path: str) -> dict[str, object]:
    with urllib.request.urlopen(base + path) as answer:
        found: dict[str, object] = json.load(answer)
        return found


def test_a_measure_is_fixed_reviewed_published_seen_everywhere_and_restored(browser: Browser, editor_site: str) -> None:
    contexts = {
        name: browser.new_context(base_url=editor_site, viewport={"width": 1000, "height": 900})
        for name in ("admin", "editor", "publisher", "visitor")
    }
    pages = {name: context.new_page() for name, context in contexts.items()}
    admin, editor, publisher, visitor = pages["admin"], pages["editor"], pages["publisher"], pages["visitor"]

    # A family has the offline copy from before the change.
    visitor.goto("/elverum")
    wait_until_saved(visitor)

    _log_in(admin, ADMIN, PASSWORD)
    editor_link = _new_account(admin, "redaktor@elverum.no", "editor")
    publisher_link = _new_account(admin, "publiserer@elverum.no", "publisher")
    _first_password(editor, editor_link, "blå båt seiler sakte hjem")
    _first_password(publisher, publisher_link, "rød rev hopper over gjerdet")
    _log_in(editor, "redaktor@elverum.no", "blå båt seiler sakte hjem")
    _log_in(publisher, "publiserer@elverum.no", "rød rev hopper over gjerdet")

    # The editor, with the keyboard only: Tab to the description, type, Tab to the phone, type, save.
    editor.goto(f"/redaksjon/elverum/rediger/tiltak/{MEASURE}")
    description = editor.get_by_label("Hva er dette?")
    original = description.input_value()
    editor.keyboard.press("Tab")
    for _ in range(80):
        if editor.evaluate("document.activeElement.name") == "description":
            break
        editor.keyboard.press("Tab")
    editor.keyboard.press("Control+End")
    editor.keyboard.type(" " + ADDED)
    for _ in range(80):
        editor.keyboard.press("Tab")
        if editor.evaluate("document.activeElement.name") == "contact.phone":
            break
    editor.keyboard.type(PHONE)
    for _ in range(80):
        editor.keyboard.press("Tab")
        if editor.evaluate("document.activeElement.textContent") == "Lagre utkast":
            break
    editor.keyboard.press("Enter")
    expect(editor.locator(".tt-editor__notice[role=status]")).to_contain_text("Utkastet er lagret")
    assert (
        PHONE not in urllib.request.urlopen(f"{editor_site}/elverum/tiltak/{MEASURE}").read().decode()
    )  # a draft only

    # The publisher sees the difference field by field and publishes.
    publisher.goto("/redaksjon/elverum")
    publisher.get_by_role("link", name=f"elverum/tiltak/{MEASURE}").click()
    changed = publisher.locator("tr.tt-editor__changed")
    expect(changed).to_have_count(2)
    expect(changed.filter(has_text="Telefon")).to_contain_text(PHONE)
    expect(changed.filter(has_text="Hva er dette?")).to_contain_text(ADDED)
    publisher.get_by_role("button", name="Publiser").click()
    expect(publisher.locator(".tt-editor__notice[role=status]")).to_contain_text("Publisert")

    # Everywhere on the public side.
    public = urllib.request.urlopen(f"{editor_site}/elverum/tiltak/{MEASURE}").read().decode()
    assert PHONE in public and ADDED in public
    assert _json(editor_site, f"/api/v1/municipalities/elverum/measures/{MEASURE}")["contact"]["phone"] == PHONE  # type: ignore[index]
    index = _json(editor_site, "/api/v1/municipalities/elverum/search-index")
    assert any("filmer" in str(d["description"]) for d in index["documents"] if d["slug"] == MEASURE)  # type: ignore[union-attr,index]
    # The family's copy: the new version waits for «Oppdater», then is there with no network.
    visitor.goto("/elverum")
    update = visitor.locator(".tt-offline__update")
    expect(update).to_be_visible(timeout=20_000)
    with visitor.expect_navigation():
        update.click()
    visitor.wait_for_load_state("load")
    expect(update).to_be_hidden()  # the new version saved the municipality before it took over
    contexts["visitor"].set_offline(True)
    visitor.goto(f"/elverum/tiltak/{MEASURE}")
    expect(visitor.locator("main")).to_contain_text(PHONE)
    contexts["visitor"].set_offline(False)

    # The old version comes back, as a new draft that is reviewed like any other.
    editor.goto(f"/redaksjon/elverum/historikk/tiltak/{MEASURE}")
    editor.get_by_role("link", name="Versjon 0").click()
    editor.get_by_role("button", name="Gjenopprett som nytt utkast").click()
    publisher.goto(f"/redaksjon/elverum/gjennomgang/tiltak/{MEASURE}")
    publisher.get_by_role("button", name="Publiser").click()
    expect(publisher.locator(".tt-editor__notice[role=status]")).to_contain_text("Publisert")
    public = urllib.request.urlopen(f"{editor_site}/elverum/tiltak/{MEASURE}").read().decode()
    assert PHONE not in public and original.split(".")[0] in public

    # The audit log shows every step.
    admin.goto("/redaksjon/elverum/logg")
    log = admin.locator("table").inner_text()
    for action in ("konto opprettet", "passord satt", "innlogget", "utkast lagret", "publisert", "gjenopprettet"):
        assert action in log, action
    for context in contexts.values():
        context.close()


def test_the_staff_pages_set_cookies_only_for_redaksjon_and_the_worker_keeps_none(
    browser: Browser, editor_site: str
) -> None:
    context = browser.new_context(base_url=editor_site)
    page = context.new_page()
    page.goto("/elverum")
    wait_until_saved(page)
    _log_in(page, ADMIN, PASSWORD)
    page.goto("/elverum")
    cookies = context.cookies()
    assert cookies and all(cookie["path"] == "/redaksjon" and cookie["httpOnly"] for cookie in cookies)
    kept = page.evaluate(CACHED_URLS)
    assert kept and not [url for url in kept if "/redaksjon" in url]
    context.close()
