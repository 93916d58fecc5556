"""The static export, served by nginx with the README's configuration, is the same site."""

import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from server.export import file_for
from tests import static_host


@pytest.fixture(scope="module")
def export_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with static_host.running_export(tmp_path_factory.mktemp("export")) as base:
        yield base


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_pages_json_and_assets_are_files_where_a_web_server_looks() -> None:
    assert file_for("/", "text/html") == "index.html"
    assert file_for("/elverum/trinn/1", "text/html; charset=utf-8") == "elverum/trinn/1/index.html"
    assert file_for("/api/v1/municipalities", "application/json") == "api/v1/municipalities/index.json"
    assert file_for("/offline/elverum.json", "application/json") == "offline/elverum.json"
    assert file_for("/sw.js", "text/javascript") == "sw.js"


def test_nginx_serves_the_exported_pages_compressed_with_the_security_headers(export_base: str) -> None:
    status, headers, body = _get(export_base + "/elverum", **{"Accept-Encoding": "br"})
    assert status == 200 and headers["content-encoding"] == "br"
    assert headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in headers["content-security-policy"]
    status, headers, body = _get(export_base + "/elverum")
    assert status == 200 and b"<h1" in body and "content-encoding" not in headers


def test_the_export_holds_the_same_bytes_as_the_live_app(export_base: str, client) -> None:  # type: ignore[no-untyped-def]
    for path in ("/elverum", "/ordliste", "/api/v1/municipalities/asnes", "/sw.js", "/manifest.webmanifest"):
        status, headers, body = _get(export_base + path)
        assert status == 200, path
        live = client.get(path)
        assert body == live.content, path
        assert headers["content-type"].split(";")[0] == live.headers["content-type"].split(";")[0], path


def test_the_hsds_answers_and_the_file_of_every_service_are_served_from_the_export(export_base: str, client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/api/hsds/services").json()["contents"][0]["id"]
    for path in ("/api/hsds/", "/api/hsds", "/api/hsds/services", f"/api/hsds/services/{first}", "/hsds/services.json"):
        status, headers, body = _get(export_base + path)
        assert status == 200, path
        assert body == client.get(path).content, path
        assert headers["content-type"].startswith("application/json"), path


def test_assets_are_immutable_and_the_worker_is_revalidated(export_base: str, client) -> None:  # type: ignore[no-untyped-def]
    css = client.app.state.assets.url("css/app.css")
    _, headers, _ = _get(export_base + css)
    assert "immutable" in headers["cache-control"]
    _, headers, _ = _get(export_base + "/sw.js")
    assert headers["cache-control"] == "no-cache"


def test_an_unknown_address_gets_the_plain_norwegian_404_page(export_base: str) -> None:
    status, _, body = _get(export_base + "/finnes/ikke")
    assert status == 404
    assert b"Vi finner ikke siden" in body


# Headers each server adds about itself or the connection, not about the response.
SERVER_OWN = {"server", "date", "connection", "keep-alive", "accept-ranges", "last-modified", "transfer-encoding"}


def test_nginx_sends_the_same_headers_as_the_app(export_base: str, client) -> None:  # type: ignore[no-untyped-def]
    """What the serve benchmark compares must be like for like: same caching, same Vary, same
    security headers, whichever of the two serves the site (issue 16)."""
    assets = client.app.state.assets
    pages = ("/elverum", "/elverum/trinn/1", "/ordliste", "/api/v1/municipalities/elverum")
    for path in (*pages, assets.url("js/main.js"), assets.url("css/app.css"), assets.url("icons/icon.svg")):
        _, headers, _ = _get(export_base + path, **{"Accept-Encoding": "br"})
        live = client.get(path, headers={"Accept-Encoding": "br"})
        live_headers = {name.lower(): value for name, value in live.headers.items()}
        assert set(headers) - SERVER_OWN == set(live_headers) - SERVER_OWN, path
        for name in set(headers) - SERVER_OWN - {"etag", "content-length"}:
            assert headers[name] == live_headers[name], (path, name)
