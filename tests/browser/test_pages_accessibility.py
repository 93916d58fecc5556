"""Every page template at 320 px and 1280 px, light and dark: no axe-core violations of WCAG 2.2
AA (with the target-size rule switched on), no sideways scrolling, and text that reflows at 200 %.

One page per viewport and colour scheme is kept for the whole module and reused by every case:
opening a browser context costs more than the checks themselves.
"""

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser import examples

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    # target-size (WCAG 2.5.8) is off by default in axe-core 4.x; the issue asks for it.
    "rules": {"target-size": {"enabled": True}},
    "resultTypes": ["violations"],
}
WIDTHS = (320, 1280)
SCHEMES = ("light", "dark")
_axe = Axe()


class PageCache(dict[tuple[int, str], Page]):
    """Pages by (width, colour scheme), each opened in its own context on first use."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        super().__init__()
        self.browser = browser
        self.base_url = base_url

    def __missing__(self, key: tuple[int, str]) -> Page:
        width, scheme = key
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport={"width": width, "height": 800},
            color_scheme=scheme,  # type: ignore[arg-type]
        )
        self[key] = context.new_page()
        return self[key]

    def close(self) -> None:
        for page in self.values():
            page.context.close()


@pytest.fixture(scope="module")
def pages(browser: Browser, live_server: str) -> Iterator[PageCache]:
    cache = PageCache(browser, live_server)
    yield cache
    cache.close()


def _describe(violations: list[dict[str, object]]) -> str:
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        targets = [node["target"] for node in nodes][:5]  # type: ignore[index, union-attr]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} → {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", examples.KINDS)
def test_every_page_passes_axe_and_fits_the_screen(pages: PageCache, kind: str, width: int, scheme: str) -> None:
    page = pages[(width, scheme)]
    page.goto(examples.paths()[kind])
    # Check what is folded away too: the plan's wording and the municipality's own work.
    page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
    result = _axe.run(page, options=AXE_OPTIONS)
    assert result.violations_count == 0, _describe(result.response["violations"])
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("kind", ["ladder", "step", "measure", "search", "help"])
def test_text_at_200_percent_reflows_without_sideways_scrolling(pages: PageCache, kind: str) -> None:
    # WCAG 1.4.4 and 1.4.10: 200 % text on a 640 px wide window (1280 px at 200 % zoom).
    page = pages[(640, "light")]
    page.goto(examples.paths()[kind])
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate("document.documentElement.scrollWidth") <= 640


def test_target_size_is_really_checked(pages: PageCache) -> None:
    page = pages[(320, "light")]
    page.goto(examples.paths()["ladder"])
    options = {**AXE_OPTIONS, "resultTypes": ["passes"]}
    result = _axe.run(page, options=options)
    assert "target-size" in {rule["id"] for rule in result.response["passes"]}


# Every control that is not a link inside running text, with the box a finger can hit: a card
# link's stretched ::after makes the whole card its target, and a radio or checkbox inside its
# label is hit through the label.
TARGETS = """() => {
  const selector = 'a[href], button, input, select, textarea, summary';
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.checkVisibility() && getComputedStyle(el).display !== 'inline')
    .map((el) => {
      const stretched = getComputedStyle(el, '::after').position === 'absolute';
      const wrapped = el.matches('input[type=radio], input[type=checkbox]') && el.closest('label');
      const box = (stretched ? el.closest('li') : wrapped || el).getBoundingClientRect();
      const name = (el.textContent || el.name || el.tagName).trim().slice(0, 40);
      return { name, width: box.width, height: box.height };
    });
}"""


@pytest.mark.parametrize("kind", examples.KINDS)
def test_every_control_is_at_least_44_px_to_tap(pages: PageCache, kind: str) -> None:
    # WCAG 2.5.5 (AAA) size, which the issue asks for; links inside sentences are exempt.
    page = pages[(320, "light")]
    page.goto(examples.paths()[kind])
    page.evaluate("document.querySelectorAll('details').forEach((details) => { details.open = true; })")
    small = [target for target in page.evaluate(TARGETS) if target["width"] < 44 or target["height"] < 44]
    assert small == []
