"""The JSON API as an outside user sees it."""

from typing import Any

from litestar import Litestar
from litestar.testing import TestClient

Client = TestClient[Litestar]


def _first_measure(client: Client, slug: str = "elverum") -> dict[str, Any]:
    municipality = client.get(f"/api/v1/municipalities/{slug}").json()
    step = next(step for step in municipality["steps"] if step["measures"])
    measure: dict[str, Any] = step["measures"][0]
    return measure


def test_municipalities_lists_all_three_with_counts(client: Client) -> None:
    response = client.get("/api/v1/municipalities")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    items = {item["slug"]: item for item in response.json()}
    assert {"elverum", "stor-elvdal", "asnes"} <= set(items)
    assert items["elverum"]["step_count"] == 7
    assert items["stor-elvdal"]["step_count"] == 3 and items["asnes"]["step_count"] == 3
    assert all(item["measure_count"] > 0 for item in items.values())


def test_a_municipality_has_its_steps_with_measure_summaries(client: Client) -> None:
    body = client.get("/api/v1/municipalities/elverum").json()
    assert [step["number"] for step in body["steps"]] == [1, 2, 3, 4, 5, 6, 7]
    summary = body["steps"][0]["measures"][0]
    assert set(summary) == {
        "slug",
        "name",
        "title",
        "summary",
        "step",
        "access",
        "decided_by",
        "kind",
        "audience",
        "age_from",
        "age_to",
        "topics",
    }
    assert summary["step"] == 1


def test_a_measure_has_its_full_text_and_source(client: Client) -> None:
    slug = _first_measure(client)["slug"]
    body = client.get(f"/api/v1/municipalities/elverum/measures/{slug}").json()
    for field in ("description", "group", "service", "cost", "contact", "source", "last_checked", "previous_slugs"):
        assert field in body
    assert body["source"]["document"].endswith(".txt") and body["source"]["text"]
    assert body["last_checked"][:4].isdigit()


def test_an_unchanged_response_is_a_304_with_the_same_strong_etag(client: Client) -> None:
    first = client.get("/api/v1/municipalities/stor-elvdal")
    etag = first.headers["etag"]
    assert etag.startswith('"') and not etag.startswith("W/")
    assert first.headers["cache-control"]
    again = client.get("/api/v1/municipalities/stor-elvdal", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag


def test_unknown_municipality_and_measure_are_problem_json_404s(client: Client) -> None:
    for path in (
        "/api/v1/municipalities/atlantis",
        "/api/v1/municipalities/elverum/measures/finnes-ikke",
        "/api/v1/finnes-ikke",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("application/problem+json")
        problem = response.json()
        assert problem["status"] == 404 and problem["title"] == "Not Found" and problem["type"]


def test_an_overlong_query_is_a_400_problem(client: Client) -> None:
    response = client.get("/api/v1/municipalities/elverum/search", params={"q": "a" * 201})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "200" in response.json()["detail"]


def test_search_finds_a_measure_by_its_plain_title(client: Client) -> None:
    measure = _first_measure(client, "asnes")
    body = client.get("/api/v1/municipalities/asnes/search", params={"q": measure["title"]}).json()
    assert body["query"] == measure["title"]
    assert measure["slug"] in [hit["slug"] for hit in body["results"][:3]]
    scores = [hit["score"] for hit in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_glossary_and_helplines_are_served(client: Client) -> None:
    terms = client.get("/api/v1/glossary").json()["terms"]
    assert any(term["term"] == "PPT" for term in terms)
    numbers = [line["number"] for line in client.get("/api/v1/helplines").json()["helplines"]]
    assert numbers[:4] == ["113", "112", "110", "116 117"] and "116 111" in numbers


def test_the_openapi_schema_describes_the_api(client: Client) -> None:
    schema = client.get("/schema/openapi.json").json()
    assert "/api/v1/municipalities/{slug}/measures/{measure}" in schema["paths"]


def test_no_route_answers_500_for_odd_paths(client: Client) -> None:
    for path in (
        "/api/v1/municipalities/%00",
        "/api/v1/municipalities/elverum/measures/..%2f..%2fetc",
        "/elverum/../../etc/passwd",
        "/%ff",
    ):
        assert client.get(path).status_code < 500, path
