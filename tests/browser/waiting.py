"""Waiting for a condition in a page without breaking its CSP.

Playwright's `wait_for_function` polls a string predicate with `eval` inside the page once the
first check fails, and the site's CSP (no 'unsafe-eval') refuses that: the wait then fails with
an EvalError, or passes only when the condition already held at the first check. `page.evaluate`
goes through the DevTools protocol, which the CSP does not govern, so this polls with it.
"""

import time
from typing import Any

from playwright.sync_api import Page

POLL_S = 0.05


def wait_until(page: Page, expression: str, arg: Any = None, timeout_s: float = 20.0) -> None:
    """Wait until `expression` (JavaScript, or a function of `arg`) is truthy in `page`."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s} s: {expression}")
        time.sleep(POLL_S)
