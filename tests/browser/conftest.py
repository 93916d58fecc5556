"""Browser fixtures: a live server on a free port and real Chromium driven by Playwright."""

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from tests import server_process

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    script = ROOT / "scripts" / "find-chromium.sh"
    return subprocess.run([str(script)], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real server (`tiltakstrapp serve`) on a free port with its own data folder."""
    with server_process.running(tmp_path_factory.mktemp("live-data")) as base:
        yield base


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright, chromium_path: str) -> Iterator[Browser]:
    instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@pytest.fixture
def context(browser: Browser, live_server: str) -> Iterator[BrowserContext]:
    """A fresh browser profile per test: no storage, no service worker left from another test."""
    instance = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 740})
    yield instance
    instance.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
