"""Keyboard only: the skip link is the first Tab stop, every control can be reached with Tab,
and wherever focus lands, a ring shows it (WCAG 2.1.1, 2.4.1, 2.4.7)."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser import examples

# Every visible control, marked so the walk can tell which it reached. Run after the walk:
# enhancements (share, save, clear data) add their buttons once their modules have loaded.
UNREACHED = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const controls = [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility());
  return controls.filter((el) => el.dataset.kbdSeen !== '1').map((el) => el.outerHTML.slice(0, 120));
}"""
# Which control has focus, and whether a ring shows: an outline or shadow on it, or on the
# ::after that stretches a card's link over the whole card. Marks it as reached.
FOCUSED = """() => {
  const el = document.activeElement;
  const shows = (s) => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  const seen = el.dataset.kbdSeen === '1' || el === document.body;
  el.dataset.kbdSeen = '1';
  return {
    seen,
    ring: shows(getComputedStyle(el)) || shows(getComputedStyle(el, '::after')),
    name: (el.textContent || el.getAttribute('aria-label') || el.tagName).trim().slice(0, 60),
  };
}"""


def walk(page: Page, skip_link: str = "Hopp til innholdet") -> None:
    """Tab through the loaded page: the skip link first, a ring on every stop, every control reached."""
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert first["name"] == skip_link
    for _ in range(500):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["seen"]:
            break
        assert focused["ring"], f"no visible focus on «{focused['name']}»"
    assert page.evaluate(UNREACHED) == []


@pytest.mark.parametrize("kind", examples.KINDS)
def test_keyboard_user_reaches_every_control_and_always_sees_where_focus_is(page: Page, kind: str) -> None:
    page.goto(examples.paths()[kind])
    walk(page)


def test_the_skip_link_shows_when_focused_and_moves_focus_to_the_content(page: Page) -> None:
    page.goto(examples.paths()["measure"])
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til innholdet")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
