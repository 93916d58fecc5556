"""The staff pages pass the same accessibility checks as the public ones (issue 15): axe-core
WCAG 2.2 AA with target size, at 320 and 1280 px, light and dark, no sideways scrolling, and
every control reachable by keyboard with a visible focus ring."""

import datetime
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from server.editor import accounts, workflow
from server.editor.items import ItemKey, read_item
from server.editor.validation import check_item
from tests import server_process
from tests.browser.test_pages_accessibility import AXE_OPTIONS, _describe
from tests.browser.test_pages_keyboard import FOCUSED, UNREACHED
from tests.editor_helpers import PASSWORD, bundled_store, make_account

ADMIN = "admin@elverum.no"
PAGES = {
    "login": "/redaksjon/logg-inn",
    "dashboard": "/redaksjon/elverum",
    "edit": "/redaksjon/elverum/rediger/tiltak/bibliotek",
    "new": "/redaksjon/elverum/ny",
    "review": "/redaksjon/elverum/gjennomgang/tiltak/kulturskole",
    "history": "/redaksjon/elverum/historikk/tiltak/kulturhus",
    "version": "/redaksjon/elverum/historikk/tiltak/kulturhus/1",
    "users": "/redaksjon/elverum/brukere",
    "audit": "/redaksjon/elverum/logg",
    "step": "/redaksjon/elverum/rediger/trinn/2",
    "situation": "/redaksjon/elverum/rediger/situasjon/mobbing",
}


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server whose store has a draft to review and a measure with history."""
    data_dir = tmp_path_factory.mktemp("editor-pages")
    data = bundled_store(data_dir)
    make_account(data, ADMIN, "elverum", "admin")
    make_account(data, "redaktor@elverum.no", "elverum", "editor")
    admin, editor = accounts.get(data, ADMIN), accounts.get(data, "redaktor@elverum.no")
    assert admin and editor
    today = datetime.date(2026, 11, 30)
    for slug, user, publish in (("kulturhus", editor, True), ("kulturskole", editor, False)):
        key = ItemKey("elverum", "tiltak", slug)
        content = workflow.published_content(data)
        item = {**(read_item(content, key) or {}), "cost": "Gratis"}
        draft = workflow.save_draft(
            data, user, key, item, workflow.current_grunnlag(data, key), check_item(content, key, item, today)
        )
        assert isinstance(draft, workflow.Draft)
        if publish:
            workflow.publish(data, admin, key, draft.grunnlag, False, today)
    with server_process.running(data_dir) as base:
        yield base


def _logged_in(browser: Browser, base: str, width: int, scheme: str) -> Page:
    context = browser.new_context(base_url=base, viewport={"width": width, "height": 800}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto("/redaksjon/logg-inn")
    page.get_by_label("E-post").fill(ADMIN)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/redaksjon/elverum")
    return page


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 1280])
def test_every_staff_page_passes_axe_and_fits_the_screen(
    browser: Browser, staff_site: str, width: int, scheme: str
) -> None:
    page = _logged_in(browser, staff_site, width, scheme)
    axe = Axe()
    for name, path in PAGES.items():
        page.goto(path)
        page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
        result = axe.run(page, options=AXE_OPTIONS)
        assert result.violations_count == 0, f"{name}: {_describe(result.response['violations'])}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    page.context.close()


@pytest.mark.parametrize("name", ["edit", "review", "users"])
def test_a_keyboard_user_reaches_every_control_and_sees_where_focus_is(
    browser: Browser, staff_site: str, name: str
) -> None:
    page = _logged_in(browser, staff_site, 1280, "light")
    page.goto(PAGES[name])
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "Hopp til innholdet"
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        # A date field takes three Tabs (day, month, year): the same element, not a loop back.
        if focused["seen"] and page.evaluate("document.activeElement.type") != "date":
            break
        assert focused["ring"], f"no visible focus on «{focused['name']}»"
    assert page.evaluate(UNREACHED) == []
    page.context.close()
