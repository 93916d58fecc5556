"""A publish renders what it changed, and keeps the rest byte for byte (issue 15's publish time):
the other municipalities' pages and offline copies stay the very same responses."""

import time
from pathlib import Path

from litestar.testing import TestClient

from server.app import create_app
from server.content.loader import BUNDLED_CONTENT
from server.precomputed import CACHE_KEY, ready
from server.settings import Settings
from tests.http.test_store_truth import _publish_an_edit


def _table(client: TestClient) -> dict:  # type: ignore[type-arg]
    """The current catalogue's responses, once every one is rendered."""
    catalogue = client.app.state.holder.current
    deadline = time.monotonic() + 300  # five languages (issue 18): ~30 s alone, minutes on a busy machine
    while not ready(catalogue).is_set() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready(catalogue).is_set()
    table: dict = catalogue.cache[CACHE_KEY]  # type: ignore[type-arg]
    return table


def test_a_publish_in_elverum_keeps_every_other_municipalitys_responses(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, content_dir=BUNDLED_CONTENT))
    with TestClient(app) as client:
        before = dict(_table(client))
        _publish_an_edit(app.state.data, "bibliotek", "Gratis")
        app.watcher._checked = 0.0  # type: ignore[attr-defined]  # the next request looks at once
        client.get("/")  # the server notices the publish, as every process does
        after = _table(client)
    assert set(after) == set(before)
    for path, entry in after.items():
        if path.startswith(("/asnes", "/stor-elvdal", "/offline/asnes", "/offline/stor-elvdal", "/static/")):
            assert entry is before[path], f"{path} was rendered again"
    assert after["/elverum/tiltak/bibliotek"] is not before["/elverum/tiltak/bibliotek"]
    assert b"Gratis" in after["/elverum/tiltak/bibliotek"].identity.body
    assert after["/offline/elverum.json"] is not before["/offline/elverum.json"]
    assert after["/sw.js"].identity.body != before["/sw.js"].identity.body  # a new worker version
