"""The issue's target, A+ with no penalty by the MDN HTTP Observatory's rules, checked on every
kind of answer in-process (tests/bench/observatory.py prints the same against a running server)."""

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from tests.bench.observatory import CORS_ORIGIN, Response, evaluate, grade

Client = TestClient[Litestar]
# Redirecting http to https is the TLS proxy's job in front of the app; assumed done right.
REDIRECTED: tuple[str, int] = ("redirection-to-https", 0)


def _observed(client: Client, path: str) -> Response:
    answer = client.get(f"https://tiltak.example{path}")
    return Response(answer.status_code, list(answer.headers.multi_items()), answer.text)


@pytest.mark.parametrize("path", ["/", "/elverum", "/elverum/sok?q=ppt", "/api/v1/municipalities", "/sw.js", "/x"])
def test_every_kind_of_answer_gets_a_plus_with_no_penalty(client: Client, path: str) -> None:
    preflight = client.options(f"https://tiltak.example{path}", headers={"Origin": CORS_ORIGIN})
    results = evaluate(
        _observed(client, path),
        Response(preflight.status_code, list(preflight.headers.multi_items()), ""),
        REDIRECTED,
        https=True,
    )
    penalties = {test: result for test, result in results.items() if result[1] < 0}
    assert penalties == {}
    score, letter = grade(results)
    assert letter == "A+" and score >= 100, score


def test_the_asset_gets_a_plus_too(client: Client) -> None:
    css = client.app.state.assets.url("css/app.css")
    results = evaluate(_observed(client, css), _observed(client, css), REDIRECTED, https=True)
    assert grade(results)[1] == "A+"


def test_a_site_without_these_headers_would_fail() -> None:
    bare = Response(200, [("content-type", "text/html")], "<script src='http://cdn.example/x.js'></script>")
    results = evaluate(bare, bare, ("redirection-missing", -20), https=True)
    assert grade(results) == (0, "F")
