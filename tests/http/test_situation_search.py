"""Danger first on the paths without JavaScript: the search page and the API (issue 13)."""

import re

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.i18n.interface import interface
from server.i18n.languages import localized
from tests import situation_cases

Client = TestClient[Litestar]
FIRST_CARD = re.compile(r'class="tt-card"')
FIRST_CALL = re.compile(r'<a class="tt-urgent__call" href="tel:(\d+)"')


@pytest.mark.parametrize("case", situation_cases.URGENT, ids=[str(c["query"]) for c in situation_cases.URGENT])
def test_the_search_page_shows_a_helpline_before_the_first_measure(client: Client, case: dict[str, object]) -> None:
    code = situation_cases.language(case)  # in every language (issue 18)
    response = client.get(localized(f"/{case['municipality']}/sok", code), params={"q": str(case["query"])})
    results = response.text.split('class="tt-finder__results"', 1)[1]
    call = FIRST_CALL.search(results)
    assert call, "no helpline to call in the results"
    card = FIRST_CARD.search(results)
    assert card is None or call.start() < card.start()
    assert interface(code).gettext("Er du i fare nå? Ring 112.") in results


def test_the_api_says_urgent_and_gives_the_helplines_first(client: Client) -> None:
    answer = client.get("/api/v1/municipalities/elverum/search", params={"q": "pappa slår meg"}).json()
    assert answer["urgent"] is True
    assert [line["tel"] for line in answer["helplines"]][:2] == ["116111", "112"]
    assert answer["situations"][0]["urgent"] is True
    assert answer["results"] and answer["results"][0]["why"]
    calm = client.get("/api/v1/municipalities/elverum/search", params={"q": "ppt"}).json()
    assert (calm["urgent"], calm["helplines"], calm["situations"]) == (False, [], [])


def test_the_situations_are_served_as_json(client: Client) -> None:
    every = client.get("/api/v1/municipalities/stor-elvdal/situations").json()
    assert len(every) >= 25
    one = client.get(f"/api/v1/municipalities/stor-elvdal/situations/{every[0]['slug']}").json()
    assert one == every[0]
    steps = [measure["step"] for measure in one["measures"]]
    assert steps == sorted(steps)  # lowest step first
    assert client.get("/api/v1/municipalities/stor-elvdal/situations/finnes-ikke").status_code == 404
    schema = client.get("/schema/openapi.json").json()
    assert "/api/v1/municipalities/{slug}/situations" in schema["paths"]
    assert "urgent" in schema["components"]["schemas"]["SearchResponse"]["properties"]
