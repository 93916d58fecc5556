"""Nothing on a page moves once it is painted: the script's controls and the offline status
have their room from the first paint (a layout shift makes a thumb tap the wrong thing)."""

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser import examples
from tests.browser.offline_helpers import wait_until_saved

# Every layout shift since the page started, as the browser measured it (Layout Instability API).
RECORD_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const moved = entry.sources.map((source) => source.node && source.node.className).join(", ");
    window.layoutShifts.push({ value: entry.value, moved });
  }
}).observe({ type: "layout-shift", buffered: true });
"""


@pytest.mark.parametrize("kind", ["ladder", "step", "measure", "search"])
def test_a_first_visit_does_not_move_the_page_while_it_is_saved_for_use_without_network(
    context: BrowserContext, page: Page, kind: str
) -> None:
    context.add_init_script(RECORD_SHIFTS)
    page.goto(examples.paths()[kind])
    wait_until_saved(page)
    shifts = page.evaluate("window.layoutShifts")
    assert sum(shift["value"] for shift in shifts) < 0.01, shifts
