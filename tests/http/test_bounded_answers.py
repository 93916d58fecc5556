"""Answers that cost real work, or hold what someone searched for (issue 19).

A shared list's QR code is drawn on request (~118 ms of CPU for a long list): it is drawn off
the event loop, its cache is bounded, and one client gets at most 30 a minute. Answers whose
address holds search words are never stored. A 500 never logs the path.
"""

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server import finder
from server.app import create_app
from server.content.loader import BUNDLED_CONTENT
from server.routes import share as share_routes
from server.settings import Settings
from server.share import QrCache, qr_svg


@pytest.fixture
def fresh_client(tmp_path: Path) -> Iterator[TestClient[Litestar]]:
    """An app of its own: the rate limit's memory must not leak into other tests."""
    app = create_app(Settings(data_dir=tmp_path / "data", content_dir=BUNDLED_CONTENT))
    with TestClient(app=app) as client:
        yield client


def test_one_client_gets_at_most_30_shared_list_codes_a_minute(fresh_client: TestClient[Litestar]) -> None:
    statuses = [fresh_client.get(f"/elverum/liste/qr.svg?t=barnehage,x{number}").status_code for number in range(31)]
    assert statuses[:30] == [200] * 30
    response = fresh_client.get("/elverum/liste/qr.svg?t=barnehage,y")
    assert response.status_code == 429
    assert "Vent litt" in response.text and "116 111" in response.text  # a plain page with the helplines
    assert fresh_client.get("/elverum").status_code == 200  # pages are not limited


def test_a_shared_list_code_is_drawn_in_a_worker_thread(
    fresh_client: TestClient[Litestar], monkeypatch: pytest.MonkeyPatch
) -> None:
    on_the_event_loop: list[bool] = []

    def drawing(url: str) -> bytes:
        if "/liste" not in url:  # a page's own code, drawn while pages are pre-rendered
            return qr_svg(url)
        try:
            asyncio.get_running_loop()
            on_the_event_loop.append(True)
        except RuntimeError:  # no loop runs in this thread: a worker thread
            on_the_event_loop.append(False)
        return qr_svg(url)

    monkeypatch.setattr(share_routes.QR_CODES, "get", drawing)
    assert fresh_client.get("/elverum/liste/qr.svg?t=barnehage").status_code == 200
    assert on_the_event_loop == [False]


def test_the_code_cache_stays_within_its_size() -> None:
    cache = QrCache(max_bytes=20_000)
    for number in range(40):
        cache.get(f"https://tiltak.example.no/elverum/liste?t=tiltak-{number}")
    assert 0 < cache.size <= 20_000
    first = cache.get("https://tiltak.example.no/elverum/liste?t=tiltak-39")
    assert first == qr_svg("https://tiltak.example.no/elverum/liste?t=tiltak-39")


def test_answers_with_search_words_in_the_address_are_never_stored(client: TestClient[Litestar]) -> None:
    for path in ("/api/v1/municipalities/elverum/search?q=ppt", "/elverum/sok?q=ppt"):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store", path


def test_a_500_is_logged_without_the_path(
    client: TestClient[Litestar], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(finder, "find", broken)
    with caplog.at_level(logging.ERROR, logger="tiltakstrapp"):
        response = client.get("/elverum/sok?q=hemmeligord")
    assert response.status_code == 500
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "search_page" in logged  # the error is logged, by the handler's name
    assert "hemmeligord" not in logged and "/elverum" not in logged
