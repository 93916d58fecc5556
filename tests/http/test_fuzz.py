"""Hostile and random input never makes the server answer 500 or echo script back."""

import urllib.parse

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient

Client = TestClient[Litestar]

HOSTILE_SEGMENTS = [
    "..",
    "%2e%2e",
    "..%2f..%2fetc%2fpasswd",
    "%00",
    "%ff%fe",
    "<script>",
    "elverum",
    "tiltak",
    "trinn",
    "0",
    "-1",
    "99999999999999999999",
    "api",
    "v1",
    "municipalities",
    "sok",
    "a" * 300,
]
segment = st.one_of(st.sampled_from(HOSTILE_SEGMENTS), st.text(min_size=0, max_size=20))
MARKUP = ["<b>x</b>", '"><script>alert(1)</script>', "<img src=x onerror=alert(1)>"]
query_value = st.one_of(st.text(max_size=250), st.sampled_from([*MARKUP, "%ff", "a" * 201, "' OR 1=1 --"]))


def _path(parts: list[str]) -> str:
    # The hostile segments are sent as written (pre-encoded); random text is percent-encoded.
    return "/" + "/".join(part if part in HOSTILE_SEGMENTS else urllib.parse.quote(part, safe="") for part in parts)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    prefix=st.sampled_from(["", "api/v1/municipalities", "elverum", "elverum/tiltak", "elverum/trinn", "elverum/sok"]),
    parts=st.lists(segment, max_size=3),
    query=st.dictionaries(st.sampled_from(["q", "alder", "for", "tema", "apen", "x"]), query_value, max_size=3),
)
def test_random_paths_and_queries_never_give_a_500(
    client: Client, prefix: str, parts: list[str], query: dict[str, str]
) -> None:
    path = _path([*prefix.split("/"), *parts]) if prefix else _path(parts)
    response = client.get(path, params=query)
    assert response.status_code < 500, (path, query, response.text[:300])
    if response.status_code >= 400 and response.request.url.path.startswith("/api/"):  # as sent, after ../
        assert response.headers["content-type"].startswith("application/problem+json"), path
    for value in query.values():
        if value in MARKUP:
            assert value not in response.text, (path, value)


def test_the_openapi_schema_endpoints_all_answer_without_500(client: Client) -> None:
    schema = client.get("/schema/openapi.json").json()
    assert len([template for template in schema["paths"] if template.startswith("/api/v1/")]) >= 7, schema["paths"]
    for template in schema["paths"]:
        path = template.replace("{slug}", "elverum").replace("{measure}", "finnes-ikke")
        assert client.get(path, params={"q": "\u0000"}).status_code < 500, path


def test_invalid_utf8_and_huge_headers_are_refused_cleanly(client: Client) -> None:
    assert client.get("/elverum/sok?q=%ff%fe").status_code < 500
    assert client.get("/api/v1/municipalities/elverum/search?q=%ff").status_code < 500
    response = client.get("/elverum", headers={"x-filler": "a" * 20_000})
    assert response.status_code < 500
