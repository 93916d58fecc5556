"""Usage counts with nothing personal (issue 16): numbers per day and page, in memory until a
batch is written, and no search word, address or user agent in any request or stored byte."""

import datetime
import json
from pathlib import Path

import pytest
from litestar.testing import TestClient

from server.app import create_app
from server.cli import main as cli
from server.content.loader import BUNDLED_CONTENT
from server.datadir import DataDir
from server.settings import Settings
from server.usage.counts import FOLDER, Usage, read_days
from tests.http.test_publish_render import _table

SECRET_WORD = "hemmeligord"
AGENT = "Hemmelig-Nettleser/9.9 (unik)"
TODAY = datetime.date.today().isoformat()


def _stored(data_dir: Path) -> dict[str, dict[str, int]]:
    return dict(read_days(DataDir(data_dir), 1)).get(TODAY, {})


def test_views_are_counted_in_memory_and_written_in_one_batch(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, content_dir=BUNDLED_CONTENT))
    with TestClient(app) as client:
        _table(client)  # every page pre-rendered: its own requests are not views
        for _ in range(3):
            assert client.get("/elverum").status_code == 200  # from the pre-rendered table
        assert client.get("/elverum/trinn/1?fra=qr").status_code == 200  # through Litestar (a query)
        assert client.head("/elverum").status_code == 200  # not a view: no page was read
        client.get("/api/v1/helplines")  # not a page
        client.get("/elverum/tiltak/finnes-ikke")  # 404: not a page
        etag = client.get("/asnes").headers["etag"]
        assert client.get("/asnes", headers={"if-none-match": etag}).status_code == 304  # a view from a cache
        assert not (tmp_path / FOLDER).exists()  # no write per request
        assert app.state.usage.pending() == 6
    # Stopping the server writes what was counted.
    assert _stored(tmp_path) == {"/elverum": {"views": 3}, "/elverum/trinn/1": {"views": 1}, "/asnes": {"views": 2}}


def test_counts_of_several_processes_add_up_and_a_flush_writes_each_count_once(tmp_path: Path) -> None:
    data = DataDir(tmp_path)
    first, second = Usage(data), Usage(data)
    first.add("/elverum", "views")
    second.add("/elverum", "views")
    second.add("/elverum/sok", "searches_empty")
    assert first.flush() == 1 and second.flush() == 2
    assert first.flush() == 0  # nothing new: nothing written twice
    assert _stored(tmp_path) == {"/elverum": {"views": 2}, "/elverum/sok": {"searches_empty": 1}}


def test_no_request_or_stored_byte_holds_a_search_word_an_address_or_a_user_agent(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, content_dir=BUNDLED_CONTENT, prerender=False))
    headers = {"user-agent": AGENT, "x-forwarded-for": "203.0.113.77"}
    with TestClient(app) as client:
        assert client.get(f"/elverum/sok?q={SECRET_WORD}", headers=headers).status_code == 200  # no JavaScript
        assert client.get("/elverum/sok?q=jordmor", headers=headers).status_code == 200
        # The browser's count carries whether it found anything, and nothing else can ride along.
        beacon = "/api/v1/municipalities/elverum/searches"
        assert client.post(beacon, json={"found": False}, headers=headers).status_code == 204
        assert client.post(beacon, json={"found": True, "q": SECRET_WORD}, headers=headers).status_code == 400
        assert client.post(beacon, content=SECRET_WORD, headers=headers).status_code == 400
        assert client.post("/api/v1/municipalities/finnes-ikke/searches", json={"found": True}).status_code == 404
        client.post(
            "/elverum/tiltak/bibliotek",
            data={"nyttig": "nei"},
            headers={**headers, "origin": "http://testserver.local"},
        )
    stored = _stored(tmp_path)
    assert stored["/elverum/sok"] == {"views": 2, "searches": 3, "searches_empty": 2}
    assert stored["/elverum/tiltak/bibliotek"] == {"useful_no": 1}
    everything = b"".join(path.read_bytes() for path in tmp_path.rglob("*") if path.is_file())
    for secret in (SECRET_WORD, "Hemmelig-Nettleser", "203.0.113.77", "testclient", "127.0.0.1"):
        assert secret.encode() not in everything, secret


def test_with_counting_off_nothing_is_counted_or_written(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, content_dir=BUNDLED_CONTENT, prerender=False, count_usage=False))
    with TestClient(app) as client:
        client.get("/elverum")
        client.get("/elverum/sok?q=ppt")
    assert not (tmp_path / FOLDER).exists()


def test_stats_prints_the_most_and_least_viewed_measures_and_empty_searches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DataDir(tmp_path)
    usage = Usage(data)
    for _ in range(7):
        usage.add("/elverum/tiltak/bibliotek", "views")
    usage.add("/elverum/tiltak/helsestasjon-og-skolehelsetjenesten", "views")
    for found in (True, False, False, True):
        usage.add("/elverum/sok", "searches")
        if not found:
            usage.add("/elverum/sok", "searches_empty")
    usage.flush()
    monkeypatch.setenv("TILTAKSTRAPP_DATA_DIR", str(tmp_path))
    assert cli(["stats", "--days", "7"]) == 0
    out = capsys.readouterr().out
    elverum = out[out.index("Elverum") :]
    most = elverum[elverum.index("Mest vist") : elverum.index("Minst vist")]
    assert most.splitlines()[1].split()[0] == "7" and "/elverum/tiltak/bibliotek" in most.splitlines()[1]
    assert "/elverum/tiltak/helsestasjon-og-skolehelsetjenesten" in most.splitlines()[2]
    assert "4 søk" in elverum and "Søk uten treff: 2 (50 %)" in elverum
    least = elverum[elverum.index("Minst vist") :].splitlines()[1]
    assert least.split()[0] == "0"  # a measure nobody opened is listed, not left out
    assert json.dumps(_stored(tmp_path)).count("views") == 2
