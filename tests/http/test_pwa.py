"""The installable, offline app as the server sends it: manifest, service worker, offline packs."""

import json
import re
import shutil
import struct
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.app import create_app
from server.assets import STATIC
from server.content.loader import BUNDLED_CONTENT
from server.pack_parts import unpacked
from server.settings import Settings
from server.site import offline_paths

Client = TestClient[Litestar]


def stamped(source: str) -> tuple[str, list[str]]:
    """The VERSION and SHELL the server wrote into the worker."""
    version = re.search(r'^const VERSION = "([0-9a-f]+)";', source, re.M)
    shell = re.search(r"^const SHELL = (\[.*?\]);", source, re.M)
    assert version and shell, "the worker was not stamped"
    return version.group(1), json.loads(shell.group(1))


def shell_stamp(source: str) -> str:
    """The SHELL_VERSION the server wrote into the worker: which files a pack's pages need."""
    found = re.search(r'^const SHELL_VERSION = "([0-9a-f]+)";', source, re.M)
    assert found, "the worker's shell version was not stamped"
    return found.group(1)


def png_size(body: bytes) -> tuple[int, int]:
    assert body[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", body[16:24])
    return width, height


def test_the_app_can_be_installed_with_a_complete_manifest(client: Client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["name"].startswith("Tiltakstrappa")
    assert manifest["short_name"] == "Tiltakstrappa"
    assert manifest["lang"] == "nb"
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    for colour in ("theme_color", "background_color"):
        assert re.fullmatch(r"#[0-9a-f]{6}", manifest[colour])


def test_every_manifest_icon_exists_in_its_stated_size(client: Client) -> None:
    icons = client.get("/manifest.webmanifest").json()["icons"]
    for icon in icons:
        response = client.get(icon["src"])
        assert response.status_code == 200, icon["src"]
        assert response.headers["content-type"].startswith(icon["type"])
        if icon["type"] == "image/png":
            width, height = png_size(response.content)
            assert icon["sizes"] == f"{width}x{height}", icon["src"]
    pngs = {icon["sizes"] for icon in icons if icon["type"] == "image/png"}
    assert {"192x192", "512x512"} <= pngs
    assert any(icon["type"] == "image/svg+xml" for icon in icons)
    assert any(icon.get("purpose") == "maskable" and icon["sizes"] == "512x512" for icon in icons)


def test_every_page_links_the_manifest_and_a_theme_colour(client: Client) -> None:
    for path in ("/", "/elverum", "/offline", "/ordliste"):
        page = client.get(path).text
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page, path
        theme = client.get("/manifest.webmanifest").json()["theme_color"]
        assert f'<meta name="theme-color" content="{theme}"' in page, path


def test_the_service_worker_is_checked_with_the_server_every_time(client: Client) -> None:
    response = client.get("/sw.js", headers={"service-worker": "script"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["content-type"].startswith("text/javascript")
    # Served from the root, its scope may be "/" without a Service-Worker-Allowed header.
    assert "service-worker-allowed" not in response.headers
    assert "worker-src 'self'" in client.get("/").headers["content-security-policy"]


def test_everything_the_worker_precaches_answers(client: Client) -> None:
    version, shell = stamped(client.get("/sw.js").text)
    assert len(version) == 16
    assert "/offline" in shell and "/manifest.webmanifest" in shell
    assert any(url.startswith("/static/css/app.") for url in shell)
    assert not any(url.endswith(".png") for url in shell)  # install icons: the browser fetches them itself
    for url in shell:  # one failing entry would stop every new worker from installing
        assert client.get(url).status_code == 200, url


def test_the_offline_pack_holds_every_page_of_the_municipality_for_this_worker(client: Client) -> None:
    pack = client.get("/offline/elverum.json").json()
    assert pack["shell"] == shell_stamp(client.get("/sw.js").text) and pack["slug"] == "elverum"
    paths = {path for path, *_ in pack["entries"]}
    municipality = client.get("/api/v1/municipalities/elverum").json()
    for step in municipality["steps"]:
        assert f"/elverum/trinn/{step['number']}" in paths
        for group in step["groups"]:
            for measure in group["measures"]:
                assert f"/elverum/tiltak/{measure['slug']}" in paths
    needed = {
        "/elverum",
        "/elverum/sok",
        "/ordliste",
        "/hjelp",
        "/offline",
        "/api/v1/municipalities/elverum/search-index",
    }
    assert needed <= paths
    assert not any("?" in path for path in paths)
    # Pages from the copy keep the security headers they have online.
    assert pack["headers"]["content-security-policy"] == client.get("/elverum").headers["content-security-policy"]
    assert client.get("/offline/nowhere.json").status_code == 404


def test_a_page_of_the_pack_is_the_page_the_server_sends_once_unpacked(client: Client) -> None:
    """What pages share goes once in a pack (server/pack_parts.py): unpacked as the worker does,
    every Norwegian and English page is byte for byte the page; the parts go once per pack."""
    for language in ("", "/en"):
        pack = client.get(f"{language}/offline/elverum.json").json()
        pages = [entry for entry in pack["entries"] if entry[1].startswith("text/html")]
        assert len(pages) > 150
        for entry in pages:
            assert unpacked(pack, entry) == client.get(entry[0]).text, entry[0]
        shared = sum(len(entry) == 4 for entry in pages)  # a share panel, its values beside the page
        assert shared > 140 and len(pack["share"]) >= 2
        assert all('class="tt-helpbar"' not in entry[2] for entry in pages)  # once, in the chrome
        raw, packed = sum(len(client.get(entry[0]).text) for entry in pages), sum(len(entry[2]) for entry in pages)
        assert packed < raw * 0.7, (packed, raw)


@pytest.fixture
def changed_static(tmp_path: Path) -> Path:
    target = tmp_path / "static"
    shutil.copytree(STATIC, target)
    # A rule: a comment alone changes nothing served (server/assets.py leaves comments out).
    (target / "css" / "99-changed.css").write_text(".tt-changed {}\n", encoding="utf-8")
    return target


def test_a_changed_asset_gives_a_new_worker_and_new_packs(tmp_path: Path, changed_static: Path) -> None:
    # Must catch a pack without its pages (empty, or missing an offline address), and a pack that
    # keeps pages naming the old release's asset URLs, which the new worker's shell does not hold.
    releases = []
    for static_dir in (STATIC, changed_static):
        settings = Settings(data_dir=tmp_path / "data", content_dir=BUNDLED_CONTENT, static_dir=static_dir)
        with TestClient(app=create_app(settings)) as client:  # start-up pre-renders what the pack holds
            source = client.get("/sw.js").text
            version, shell = stamped(source)
            pack = client.get("/offline/asnes.json").json()
            assert pack["shell"] == shell_stamp(source)
            wanted = offline_paths(client.app.state.holder.current, "asnes")
            assert [path for path, *_ in pack["entries"]] == wanted, "the pack lacks offline pages"
            urls = {name: asset.url for name, asset in client.app.state.assets.by_name.items()}
            releases.append((version, shell, urls, {entry[0]: unpacked(pack, entry) for entry in pack["entries"]}))
    (old_version, _, old_urls, old_pages), (new_version, new_shell, new_urls, new_pages) = releases
    assert old_version != new_version
    moved = {url: new_urls[name] for name, url in old_urls.items() if new_urls[name] != url}
    new_css = next(url for url in new_shell if url.startswith("/static/css/"))
    assert new_css in moved.values(), moved
    for path, old_body in old_pages.items():
        expected = old_body
        for old_url, new_url in moved.items():
            assert old_url not in new_pages[path], f"{path} still names {old_url}"
            expected = expected.replace(old_url, new_url)
        assert new_pages[path] == expected, f"{path} changed in more than its asset URLs"
    pages = [body for path, body in new_pages.items() if not path.startswith("/api/")]
    assert pages and all(new_css in body for body in pages), "a page in the pack lacks the new CSS"


def test_the_static_folder_can_be_set_in_the_environment(monkeypatch: pytest.MonkeyPatch, changed_static: Path) -> None:
    monkeypatch.setenv("TILTAKSTRAPP_STATIC_DIR", str(changed_static))
    settings = Settings.from_env()
    assert settings.static_dir == changed_static
    assert settings.to_env()["TILTAKSTRAPP_STATIC_DIR"] == str(changed_static)
