"""Safety and privacy over HTTP: the quick exit and the helpline bar on every page (saved
copies too), nothing fetched from other sites, the pages that explain what stays on the device,
and the security headers on every kind of error, host check and body cap."""

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from litestar import Litestar, get, post
from litestar.params import RawBody
from litestar.testing import TestClient

from server.app import MAX_BODY, create_app
from server.pack_parts import unpacked
from server.settings import Settings
from server.site import SHARED_PAGES, municipality_pages

Client = TestClient[Litestar]
QUICK_EXIT = re.compile(r'<a class="tt-quick-exit" href="https://www\.yr\.no/" rel="noreferrer"[^>]*>Gå ut raskt</a>')
HOST = "tiltak.example"
CONTACT = "mailto:sikkerhet@tiltak.example"
# Attributes by which a page makes the browser fetch something (an <a href> is only a link).
FETCHING = {"src", "srcset", "poster", "data", "action", "formaction", "background", "ping"}
# <link> types the browser fetches (a canonical link only names the page's address).
FETCHING_LINKS = {"stylesheet", "icon", "apple-touch-icon", "manifest", "preload", "modulepreload", "prefetch"}


@pytest.fixture(scope="module")
def pages(client: Client) -> dict[str, str]:
    """Every page of the site by address, and the 404 page."""
    paths = [*SHARED_PAGES, "/finnes/ikke"]
    catalogue = client.app.state.holder.current
    for index in catalogue.municipalities.values():
        paths += municipality_pages(index, catalogue.content.situations)
    return {path: client.get(path).text for path in paths}


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """An app as a municipality runs it in production: its host name only, an https public
    address, a security contact, plus routes that crash or take a body, to see what errors send."""
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("guarded"),
        allowed_hosts=(HOST,),
        public_url=f"https://{HOST}",
        security_contact=CONTACT,
    )
    app = create_app(settings)

    @get("/test-crash", include_in_schema=False)
    async def crash_page() -> str:
        raise RuntimeError("secret internal detail")

    @get("/api/v1/test-crash", include_in_schema=False)
    async def crash_api() -> str:
        raise RuntimeError("secret internal detail")

    @post("/test-upload", include_in_schema=False)
    async def upload(body: RawBody) -> str:
        return str(len(body))

    for handler in (crash_page, crash_api, upload):
        app.register(handler)
    with TestClient(app=app, base_url=f"http://{HOST}") as client:
        yield client


def _assert_secure(response) -> None:  # type: ignore[no-untyped-def]
    headers = response.headers
    assert headers["content-security-policy"].startswith("default-src 'none'"), response.url
    for name, value in {
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
        "x-frame-options": "DENY",
    }.items():
        assert headers.get(name) == value, (response.url, name)
    assert "set-cookie" not in headers, response.url


def test_every_page_offers_the_quick_exit_right_after_the_skip_link(pages: dict[str, str]) -> None:
    assert len(pages) > 200
    for path, text in pages.items():
        links = re.findall(r"<a [^>]*>[^<]*</a>", text[text.index("<body") :])
        assert 'href="#main"' in links[0], path
        assert QUICK_EXIT.fullmatch(links[1]), (path, links[1])


def test_no_page_fetches_anything_from_another_site_or_asks_to_prefetch(pages: dict[str, str]) -> None:
    class Fetches(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.urls: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            fetched_link = tag == "link" and bool(FETCHING_LINKS & set((dict(attrs).get("rel") or "").split()))
            for name, value in attrs:
                if value and (name in FETCHING or (fetched_link and name == "href")):
                    self.urls.append(value)

    for path, text in pages.items():
        parser = Fetches()
        parser.feed(text)
        assert parser.urls, path
        outside = [url for url in parser.urls if not url.startswith("/") or url.startswith("//")]
        assert outside == [], path
        assert not re.search(r"rel=\"[^\"]*\b(prefetch|preconnect|dns-prefetch|prerender)\b", text), path
        assert "speculationrules" not in text, path


def test_the_saved_copy_of_every_page_keeps_the_helplines_and_the_quick_exit(client: Client) -> None:
    # What the service worker shows with no network: the offline pack and the offline page.
    catalogue = client.app.state.holder.current
    slug = next(iter(catalogue.municipalities))
    pack = json.loads(client.get(f"/offline/{slug}.json").content)
    saved = {entry[0]: unpacked(pack, entry) for entry in pack["entries"] if entry[1].startswith("text/html")}
    assert f"/{slug}" in saved and "/offline" in saved and "/om/skjul-besok" in saved
    for path, body in saved.items():
        assert 'class="tt-helpbar"' in body and 'href="tel:116111"' in body and 'href="tel:113"' in body, path
        assert QUICK_EXIT.search(body), path


def test_the_hide_your_visit_page_says_what_quick_exit_cannot_hide_and_how_to_remove_it(client: Client) -> None:
    response = client.get("/om/skjul-besok")
    assert response.status_code == 200
    text = response.text
    assert "<h1>Slik skjuler du at du har vært her</h1>" in text
    for topic in ("Historikken i nettleseren", "Kopien for bruk uten nett", "Ikonet på hjemskjermen", "Min liste"):
        assert topic in text.replace("&shy;", ""), topic  # a soft hyphen breaks a long word on a phone
    assert "Shift-tasten tre ganger" in text and "privat nettlesing" in text
    # The button only with JavaScript; the steps in the browser's own settings always.
    assert re.search(r'<div class="tt-clear" data-module="clear-data" hidden>\s*<button', text)
    assert "Slett data lagret på denne enheten" in text and "Nettstedsinnstillinger" in text
    assert 'href="/om/skjul-besok"' in client.get("/hjelp").text  # in the footer of every page


def test_the_about_page_says_what_is_stored_on_the_device_and_nothing_on_the_server(client: Client) -> None:
    text = client.get("/om").text
    for said in (
        "Vi lagrer ingenting om deg på serveren",
        "IP-adressen",
        "Dette lagres på telefonen eller PC-en din",
        "Kommunen du valgte sist",
        "En kopi av sidene",
        "Listen din",
    ):
        assert said in text, said
    assert 'data-module="clear-data"' in text and 'href="/om/skjul-besok"' in text


def test_security_txt_points_to_a_section_on_how_to_report_a_problem(client: Client) -> None:
    contact = client.get("/.well-known/security.txt").text.split("\n")[0]
    assert contact.endswith("/om#sikkerhet")
    text = client.get("/om").text
    assert '<h2 id="sikkerhet">' in text and "kommunen som driver denne tjenesten" in text
    assert "mailto:" not in text  # no address is invented when none is configured


def test_a_configured_security_contact_is_shown_on_the_about_page(guarded: Client) -> None:
    text = guarded.get("/om").text
    assert f'<a href="{CONTACT}">sikkerhet@tiltak.example</a>' in text
    assert guarded.get("/.well-known/security.txt").text.startswith(f"Contact: {CONTACT}\n")


@pytest.mark.parametrize(
    ("kind", "path", "status"),
    [
        ("page", "/finnes/ikke", 404),
        ("step", "/elverum/trinn/99", 404),
        ("measure", "/elverum/tiltak/finnes-ikke", 404),
        ("search", "/elverum/sok?q=" + "a" * 201, 400),
        ("api", "/api/v1/municipalities/atlantis", 404),
        ("api measure", "/api/v1/municipalities/elverum/measures/finnes-ikke", 404),
        ("asset", "/static/css/finnes-ikke.css", 404),
        ("offline pack", "/offline/atlantis.json", 404),
        ("well-known", "/.well-known/finnes-ikke", 404),
        ("page crash", "/test-crash", 500),
        ("api crash", "/api/v1/test-crash", 500),
    ],
)
def test_every_kind_of_error_carries_the_security_headers(guarded: Client, kind: str, path: str, status: int) -> None:
    response = guarded.get(path)
    assert response.status_code == status, kind
    _assert_secure(response)
    assert "secret internal detail" not in response.text
    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


def test_behind_an_https_proxy_every_answer_sends_hsts_once(guarded: Client) -> None:
    # TLS ends at the proxy, so the app sees plain HTTP; the https public address decides.
    for path in ("/elverum", "/elverum?x=1", "/api/v1/helplines", "/sw.js", "/finnes-ikke"):
        for scheme in ("http", "https"):
            response = guarded.get(f"{scheme}://{HOST}{path}")
            assert response.headers.get_list("strict-transport-security") == ["max-age=31536000; includeSubDomains"], (
                scheme,
                path,
            )


def test_a_foreign_host_name_is_refused_with_the_security_headers(guarded: Client) -> None:
    assert guarded.get("/elverum").status_code == 200
    for path in ("/elverum", "/elverum?x=1", "/api/v1/helplines"):  # pre-rendered and rendered
        response = guarded.get(path, headers={"host": "evil.example"})
        assert response.status_code == 400, path
        _assert_secure(response)
        assert "Elverum" not in response.text


def test_a_request_body_over_the_cap_is_refused(guarded: Client) -> None:
    assert guarded.post("/test-upload", content=b"x" * 100).text == "100"
    response = guarded.post("/test-upload", content=b"x" * (MAX_BODY + 1))
    assert response.status_code == 413
    _assert_secure(response)
    assert guarded.post("/elverum", content=b"x" * (MAX_BODY + 1)).status_code in {405, 413}


def test_the_stylesheets_pull_in_no_outside_file_or_font() -> None:
    # The CSS bundle itself may not pull anything in either: no @import, no url() to another site.
    css = sorted((Path(__file__).resolve().parents[2] / "web" / "static" / "css").glob("*.css"))
    assert css, "no stylesheets found: the folder moved?"
    for file in css:
        text = file.read_text(encoding="utf-8")
        assert "@import" not in text and "@font-face" not in text, file.name
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), file.name
