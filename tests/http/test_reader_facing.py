"""What a reader meets on a phone (issue 17), over HTTP on every page the site pre-renders: a
next step on every measure page, no internal file names, the municipality in every title of its
pages, addresses that forgive capitals, search results once per service, no «Mente du sitt?»."""

import html
import re
from collections.abc import Iterator

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.catalogue import Catalogue
from server.precomputed import CACHE_KEY

Client = TestClient[Litestar]
NEXT_STEP = re.compile(r'<section class="tt-next".*?</section>', re.S)
ACTIONABLE = re.compile(r'href="(?:https://|tel:|mailto:)[^"]+"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@pytest.fixture(scope="module")
def client(shared_app: Litestar) -> Iterator[Client]:
    with TestClient(app=shared_app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def catalogue(client: Client, shared_app: Litestar) -> Catalogue:
    current: Catalogue = shared_app.state.holder.current
    return current


def pages(catalogue: Catalogue) -> dict[str, str]:
    """Every pre-rendered HTML page, by address."""
    table = catalogue.cache[CACHE_KEY]
    found = {}
    for path, entry in table.items():
        headers = dict(entry.headers)
        if headers.get(b"content-type", b"").startswith(b"text/html"):
            found[path] = entry.identity.body.decode()
    return found


def test_no_measure_page_ends_without_a_next_step(catalogue: Catalogue) -> None:
    every = pages(catalogue)
    checked = 0
    for slug, index in catalogue.municipalities.items():
        for measure in index.measures:
            text = every[f"/{slug}/tiltak/{measure}"]
            section = NEXT_STEP.search(text)
            assert section, f"/{slug}/tiltak/{measure} has no «Slik tar du kontakt»"
            assert ACTIONABLE.search(section.group(0)), f"/{slug}/tiltak/{measure}: no link or number to use"
            assert "Vi har ikke kontaktinformasjon" not in text
            checked += 1
    assert checked == sum(len(index.measures) for index in catalogue.municipalities.values()) > 200


def test_the_next_step_is_the_municipalitys_site_and_the_services_own_national_route(client: Client) -> None:
    text = client.get("/elverum/tiltak/fastlege").text
    section = NEXT_STEP.search(text).group(0)  # type: ignore[union-attr]
    assert 'href="https://www.helsenorge.no/"' in section  # find your fastlege
    assert 'href="tel:116117"' in section  # legevakten
    assert 'href="https://elverum.kommune.no/"' in section
    nav = NEXT_STEP.search(client.get("/stor-elvdal/tiltak/nav-barn-i-familien").text).group(0)  # type: ignore[union-attr]
    assert 'href="https://www.nav.no/"' in nav and 'href="https://www.stor-elvdal.kommune.no/"' in nav


def test_no_page_holds_a_plan_documents_file_name(catalogue: Catalogue) -> None:
    names = {source.document for index in catalogue.municipalities.values() for source in index.municipality.sources}
    names |= {name.split("_")[0] + "_" for name in names}  # «003_…» too
    every = pages(catalogue)
    assert len(every) > 300
    for path, text in every.items():
        visible = html.unescape(text)
        found = [name for name in names if name in visible]
        assert not found, f"{path} shows {found}"
        assert not re.search(r"\(00\d\)", visible), f"{path} names a plan by its number"


def test_every_page_of_a_municipality_names_it_in_its_title(catalogue: Catalogue) -> None:
    every = pages(catalogue)
    for slug, index in catalogue.municipalities.items():
        for path, text in every.items():
            if path == f"/{slug}" or path.startswith(f"/{slug}/"):
                title = html.unescape(TITLE.search(text).group(1))  # type: ignore[union-attr]
                assert index.municipality.name in title, f"{path}: «{title}»"


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("/ELVERUM/trinn/3", "/elverum/trinn/3"),
        ("/Elverum", "/elverum"),
        ("/Stor-Elvdal/tiltak/skole", "/stor-elvdal/tiltak/skole"),
        ("/Åsnes", "/asnes"),
        ("/ELVERUM/sok?q=PPT", "/elverum/sok?q=PPT"),
    ],
)
def test_a_municipality_address_in_other_letters_redirects_to_its_own(client: Client, typed: str, address: str) -> None:
    response = client.get(typed, follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == address


def test_an_unknown_address_in_capitals_is_still_not_found(client: Client) -> None:
    assert client.get("/NOWHERE", follow_redirects=False).status_code == 404


def test_a_search_shows_each_service_once_and_names_its_other_steps(client: Client) -> None:
    text = client.get("/elverum/sok", params={"q": "ppt"}).text
    titles = re.findall(r'class="tt-card__link" href="/elverum/tiltak/([a-z0-9-]+)"', text)
    ppt = [slug for slug in titles if slug.startswith("ppt-")]
    assert len(ppt) == 1, ppt
    assert "Også på trinn" in text


def test_a_real_word_gets_no_spelling_suggestion(client: Client) -> None:
    text = client.get("/elverum/sok", params={"q": "sint"}).text
    assert "Mente du" not in text


def test_a_search_that_finds_nothing_offers_helplines_to_talk_to_not_the_fire_brigade(client: Client) -> None:
    text = client.get("/elverum/sok", params={"q": "qqxzv"}).text
    results = text.split('class="tt-finder__results"', 1)[1]
    assert 'href="tel:116111"' in results
    assert 'href="tel:110"' not in results.split("<template")[0]
