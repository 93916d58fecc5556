"""The minimal pages: the municipalities, a ladder, and a plain 404."""

from litestar import Litestar
from litestar.testing import TestClient

Client = TestClient[Litestar]


def test_the_front_page_lists_the_municipalities(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="nb"' in response.text
    for slug, name in (("elverum", "Elverum"), ("stor-elvdal", "Stor-Elvdal"), ("asnes", "Åsnes")):
        assert f'href="/{slug}"' in response.text and name in response.text


def test_a_ladder_page_shows_every_step(client: Client) -> None:
    response = client.get("/elverum")
    assert response.status_code == 200
    for number in range(1, 8):
        assert f"Trinn {number}" in response.text


def test_an_unknown_page_is_a_plain_norwegian_404_with_the_helplines(client: Client) -> None:
    response = client.get("/atlantis")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Vi finner ikke siden" in response.text
    assert 'href="tel:116111"' in response.text
