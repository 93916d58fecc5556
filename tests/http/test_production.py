"""The app run as the README tells a municipality to run it in production: allowed hosts set,
an https public address behind a proxy. Pre-rendering, 304s, the offline packs and the export
broke only under these settings (issue 19), so they are tested under exactly these."""

import gzip
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from litestar.testing import TestClient

from server import site
from server.app import create_app
from server.content.loader import BUNDLED_CONTENT
from server.export import MARKER
from server.i18n.languages import SITE_LANGUAGES, localized
from server.precomputed import CACHE_KEY
from server.settings import Settings
from tests import production, server_process, static_host

ROOT = Path(__file__).resolve().parents[2]


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Host": production.HOST, **headers})
    try:
        # A pack waits until it is compressed, after every page in five languages (issue 18).
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("production-data")
    with server_process.running(data, extra_env=production.ENV, host_header=production.HOST) as base:
        yield base


@pytest.fixture(scope="module")
def live_for_export(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The server of a site whose public pages are the static export: it takes no «Er noe feil?»
    form (a static host cannot receive it), so its pages are the export's, byte for byte."""
    data = tmp_path_factory.mktemp("export-data")
    env = {**production.ENV, "TILTAKSTRAPP_FEEDBACK": "0"}
    with server_process.running(data, extra_env=env, host_header=production.HOST) as base:
        yield base


def test_every_page_is_prerendered_at_start_and_the_count_is_printed(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "in-process",
        content_dir=BUNDLED_CONTENT,
        allowed_hosts=(production.HOST,),
        public_url=production.PUBLIC_URL,
    )
    app = create_app(settings)
    with TestClient(app) as client:  # start-up pre-renders in the background
        assert client.get("/offline/elverum.json", headers={"host": production.HOST}).status_code == 200  # waits
        catalogue = app.state.holder.current
        expected = len(site.all_paths(catalogue)) + len(app.state.assets.by_url)
        deadline = time.monotonic() + 300  # the assets are compressed last; five languages
        while len(catalogue.cache[CACHE_KEY]) < expected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(catalogue.cache[CACHE_KEY]) == expected  # was 0 of ~700 with allowed hosts set
    process, base = server_process.start(tmp_path / "data", extra_env=production.ENV, host_header=production.HOST)
    # Each pack is answered as soon as it is compressed (server/precomputed.py `pack_ready`): the
    # last one, in the last language, comes when every page is pre-rendered and the count printed.
    for code in SITE_LANGUAGES:
        for slug in catalogue.municipalities:
            _get(base + localized(f"/offline/{slug}.json", code))
    time.sleep(1)
    output = server_process.stop(process)
    assert f"Forhåndslaget {expected} sider og filer" in output, output


def test_pages_have_an_etag_and_answer_304_under_production_settings(live: str) -> None:
    for path in ("/elverum", "/elverum/trinn/1", "/asnes/trinn/2", "/api/v1/municipalities/elverum"):
        status, headers, _ = _get(live + path, **{"Accept-Encoding": "br"})
        assert status == 200 and headers.get("etag"), path
        status, _, body = _get(live + path, **{"If-None-Match": headers["etag"]})
        assert (status, body) == (304, b""), path


def test_each_offline_pack_holds_every_page_of_its_municipality(live: str) -> None:
    for slug in ("elverum", "stor-elvdal", "asnes"):
        status, _, body = _get(f"{live}/offline/{slug}.json")
        assert status == 200
        pack = json.loads(body)
        paths = [entry[0] for entry in pack["entries"]]
        assert f"/{slug}" in paths and f"/{slug}/trinn/1" in paths
        measures = json.loads(_get(f"{live}/api/v1/municipalities/{slug}")[2])
        for step in measures["steps"]:
            assert f"/{slug}/trinn/{step['number']}" in paths
            for measure in step["measures"]:
                assert f"/{slug}/tiltak/{measure['slug']}" in paths


def _address(relative: str) -> str:
    """The address a file of the export answers, as the live server serves it."""
    if relative == "index.html":
        return "/"
    for index in ("/index.html", "/index.json"):
        if relative.endswith(index):
            return "/" + relative.removesuffix(index)
    return "/" + relative


def test_the_export_equals_the_live_server_for_every_file_and_encoding(
    live: str, live_for_export: str, tmp_path: Path
) -> None:
    root = tmp_path / "export"
    static_host.export(root, tmp_path / "data", production.ENV)
    # The export leaves out the form a static host cannot receive; the live server has it.
    assert b"tt-feedback" not in (root / "elverum" / "tiltak" / "bibliotek" / "index.html").read_bytes()
    assert b"tt-feedback" in _get(live + "/elverum/tiltak/bibliotek", **{"Accept-Encoding": "identity"})[2]
    live = live_for_export
    files = sorted(
        path for path in root.rglob("*") if path.is_file() and path.suffix not in {".br", ".gz"} and path.name != MARKER
    )
    assert len(files) > 600  # every page, JSON file, QR code and asset of three municipalities
    for path in files:
        relative = path.relative_to(root).as_posix()
        identity = path.read_bytes()
        compressed = {
            "br": path.with_name(path.name + ".br").read_bytes(),
            "gzip": path.with_name(path.name + ".gz").read_bytes(),
        }
        assert brotli.decompress(compressed["br"]) == identity, relative
        assert gzip.decompress(compressed["gzip"]) == identity, relative
        if relative == "404.html":
            status, _, body = _get(live + "/finnes/ikke", **{"Accept-Encoding": "identity"})
            assert (status, body) == (404, identity)
            continue
        address = _address(relative)
        status, headers, body = _get(live + address, **{"Accept-Encoding": "identity"})
        assert (status, body) == (200, identity), relative
        for encoding, expected in compressed.items():
            status, headers, body = _get(live + address, **{"Accept-Encoding": encoding})
            if headers.get("content-encoding") == encoding:  # the server sends the smaller one only
                assert body == expected, f"{relative} ({encoding})"
            else:
                assert body == identity and len(expected) >= len(identity), f"{relative} ({encoding})"


def _export(directory: Path, data_dir: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "server.cli", "export", str(directory), "--data-dir", str(data_dir)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_export_refuses_a_folder_that_is_not_empty_and_not_an_earlier_export(tmp_path: Path) -> None:
    target = tmp_path / "nettsted"
    target.mkdir()
    (target / "viktig.txt").write_text("ikke slett meg")
    result = _export(target, tmp_path / "data")
    assert result.returncode == 1
    assert "ikke tom" in result.stderr and "Traceback" not in result.stderr
    assert (target / "viktig.txt").read_text() == "ikke slett meg"
    assert sorted(path.name for path in target.iterdir()) == ["viktig.txt"]


def test_export_into_the_current_folder_deletes_nothing_beside_it(tmp_path: Path) -> None:
    here = tmp_path / "her"
    (here / "data").mkdir(parents=True)
    (here / "notat.txt").write_text("mitt")
    result = _export(Path("."), here / "data", cwd=here)
    assert result.returncode == 1, result.stdout
    assert (here / "notat.txt").read_text() == "mitt"
    assert (here / "data").is_dir()


def test_export_replaces_an_earlier_export_whole(tmp_path: Path) -> None:
    target = tmp_path / "nettsted"
    assert _export(target, tmp_path / "data").returncode == 0
    (target / "rest-fra-forrige.txt").write_text("gammel")
    assert (target / MARKER).is_file()
    result = _export(target, tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert not (target / "rest-fra-forrige.txt").exists()
    assert (target / "elverum" / "index.html").is_file()
    assert not list(tmp_path.glob(".nettsted.*"))  # no staging folder left behind
    assert re.search(r"Skrev \d+ filer", result.stdout)
