"""Privacy and security on every response: strict headers, no cookies, hostile input refused."""

import pytest
from litestar import Litestar, Response, get
from litestar.datastructures import Cookie
from litestar.testing import TestClient

from server import finder
from server.catalogue import Catalogue
from server.security import add_security_headers
from server.site import all_paths

Client = TestClient[Litestar]
REQUIRED = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


@pytest.fixture(scope="module")
def failing_client(client: Client) -> Client:
    """The app with one more route, which crashes, to see what a visitor gets from a 500."""

    @get("/test-crash", include_in_schema=False)
    async def crash() -> str:
        raise RuntimeError("secret internal detail")

    client.app.register(crash)
    return client


def _assert_headers(response) -> None:  # type: ignore[no-untyped-def]
    for name, value in REQUIRED.items():
        assert response.headers.get(name) == value, (response.url, name)
    permissions = response.headers["permissions-policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions
    assert "set-cookie" not in response.headers
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_every_kind_of_response_carries_the_security_headers(client: Client) -> None:
    css = client.app.state.assets.url("css/app.css")
    responses = {
        "page": client.get("/elverum"),
        "json": client.get("/api/v1/municipalities"),
        "asset": client.get(css),
        "service worker": client.get("/sw.js"),
        "manifest": client.get("/manifest.webmanifest"),
        "page 404": client.get("/finnes/ikke"),
        "api 404": client.get("/api/v1/municipalities/atlantis"),
        "405": client.post("/elverum"),
        "304": client.get(
            "/api/v1/glossary", headers={"if-none-match": client.get("/api/v1/glossary").headers["etag"]}
        ),
    }
    assert responses["304"].status_code == 304 and responses["405"].status_code == 405
    for kind, response in responses.items():
        _assert_headers(response)
        assert response.status_code < 500, kind


def test_a_crash_shows_a_calm_page_with_helplines_and_no_traceback(failing_client: Client) -> None:
    response = failing_client.get("/test-crash")
    assert response.status_code == 500
    _assert_headers(response)
    assert "Noe gikk galt" in response.text and "tel:116111" in response.text
    assert "secret internal detail" not in response.text and "Traceback" not in response.text


def _addresses_with_a_query(catalogue: Catalogue) -> list[str]:
    """Every kind of address that is rendered on request, for each municipality."""
    paths = []
    for slug, index in catalogue.municipalities.items():
        topic = next(topic.slug for topic in finder.topics_in(catalogue, index))
        listed = ",".join(list(index.measures)[:3])
        paths += [
            f"/{slug}/sok?q=hjelp",
            f"/{slug}/sok?q=ppt&alder=6-12&for=foreldre&tema={topic}&apen=1",
            f"/{slug}/sok?alder=13-17",
            f"/{slug}/liste?t={listed}",
            f"/{slug}/liste/qr.svg?t={listed}",
            f"/api/v1/municipalities/{slug}/search?q=hjelp",
            f"/{slug}?utm_source=qr",  # a pre-rendered page, asked for with a query string
        ]
    return paths


def test_no_public_address_sets_a_cookie(shared_app: Litestar) -> None:
    # Must catch a cookie reaching a visitor from any page, pre-rendered or rendered on request
    # (a search with words, a shared list, an API search, a list's QR code) and from an error.
    # The security hook drops any Set-Cookie, so this fails only when that and a handler fail.
    with TestClient(app=shared_app) as client:  # its own, empty cookie jar: no other test's cookies
        catalogue = client.app.state.holder.current
        pre_rendered = all_paths(catalogue)
        on_request = _addresses_with_a_query(catalogue)
        answered = 0
        for path in [*pre_rendered, *on_request, "/finnes/ikke", "/api/v1/municipalities/atlantis"]:
            response = client.get(path)
            assert response.status_code < 500, path
            assert "set-cookie" not in response.headers, path
            answered += response.status_code == 200
        assert answered == len(pre_rendered) + len(on_request)
        assert not client.cookies


def test_a_cookie_set_by_a_handler_never_reaches_the_visitor() -> None:
    # Must catch the security hook no longer dropping Set-Cookie (server/security.py): it is what
    # keeps a handler, a plug-in or a future library from giving visitors a cookie.
    @get("/sets-a-cookie")
    async def sets_a_cookie() -> Response[str]:
        return Response("hei", cookies=[Cookie(key="visitor", value="1")], headers={"set-cookie": "other=2"})

    app = Litestar(route_handlers=[sets_a_cookie], before_send=[add_security_headers])
    with TestClient(app=app) as client:
        response = client.get("/sets-a-cookie")
        assert response.status_code == 200 and response.text == "hei"
        assert "set-cookie" not in response.headers
        assert not client.cookies


def test_hsts_is_sent_only_over_https(client: Client) -> None:
    for path in ("/", "/api/v1/helplines", "/finnes-ikke"):
        secure = client.get(f"https://tiltak.example{path}")
        assert secure.headers["strict-transport-security"].startswith("max-age=31536000"), path
        assert "strict-transport-security" not in client.get(path).headers, path


def test_pages_answer_head_but_refuse_other_methods(client: Client) -> None:
    head = client.head("/elverum")
    assert head.status_code == 200 and head.content == b""
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        assert client.request(method, "/elverum").status_code == 405, method
        assert client.request(method, "/api/v1/municipalities").status_code == 405, method


def test_crawler_and_security_files_are_served(client: Client) -> None:
    assert "Sitemap:" in client.get("/robots.txt").text
    sitemap = client.get("/sitemap.xml").text
    assert "<loc>" in sitemap and "/elverum/tiltak/" in sitemap
    security = client.get("/.well-known/security.txt").text
    assert security.startswith("Contact: ") and "\nExpires: " in security


def test_script_in_a_query_is_never_reflected_unescaped(client: Client) -> None:
    attack = '<script>alert("x")</script>'
    for path in ("/elverum/sok", "/api/v1/municipalities/elverum/search"):
        response = client.get(path, params={"q": attack})
        assert response.status_code in {200, 404}, path
        assert attack not in response.text, path
