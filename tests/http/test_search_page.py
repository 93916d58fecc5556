"""The search page without JavaScript, over HTTP: words and filters combine, filters alone list
what fits, and a search that finds nothing says so and offers what to try next."""

import html
import re

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.catalogue import Catalogue, MunicipalityIndex
from server.filters import Filters
from server.search import search

Client = TestClient[Litestar]
CARD_LINK = re.compile(r'class="tt-card__link" href="/[a-z0-9-]+/tiltak/([a-z0-9-]+)"')
SLUG = "elverum"


@pytest.fixture(scope="module")
def catalogue(shared_app: Litestar) -> Catalogue:
    current: Catalogue = shared_app.state.holder.current
    return current


@pytest.fixture(scope="module")
def index(catalogue: Catalogue) -> MunicipalityIndex:
    return catalogue.municipalities[SLUG]


def _listed(client: Client, params: dict[str, str]) -> tuple[list[str], str]:
    """The measures the page lists, in order, and its line that counts them."""
    response = client.get(f"/{SLUG}/sok", params=params)
    assert response.status_code == 200
    count = re.search(r'<p class="tt-result-count"[^>]*>([^<]*)</p>', response.text)
    assert count is not None
    return CARD_LINK.findall(response.text), html.unescape(count.group(1))


def test_words_and_filters_together_show_only_matches_that_fit_every_filter(
    client: Client, catalogue: Catalogue, index: MunicipalityIndex
) -> None:
    words_only = [hit.placed.measure.slug for hit in search(catalogue, index, "samtale")]
    slugs, count = _listed(client, {"q": "samtale", "alder": "13-17", "apen": "ja"})
    filters = Filters(age="13-17", open_access=True)
    assert slugs and len(slugs) < len(words_only)
    assert all(filters.accepts(index.measures[slug]) for slug in slugs)
    assert slugs == [slug for slug in words_only if slug in slugs]  # still best first
    assert count == f"{len(slugs)} treff for «samtale» med filtrene dine"


def test_filters_without_words_list_every_measure_that_fits_in_ladder_order(
    client: Client, index: MunicipalityIndex
) -> None:
    slugs, count = _listed(client, {"q": "", "for": "gravide", "tema": "graviditet-og-smabarn"})
    filters = Filters(audience="gravide", topic="graviditet-og-smabarn")
    assert slugs == [slug for slug, placed in index.measures.items() if filters.accepts(placed)]
    assert "jordmortjenesten" in slugs
    assert count == f"{len(slugs)} tilbud passer med filtrene dine"


def test_the_chosen_filters_stay_chosen_in_the_form(client: Client) -> None:
    text = client.get(f"/{SLUG}/sok", params={"q": "lekser", "alder": "6-12", "for": "foreldre", "apen": "ja"}).text
    assert '<details class="tt-details tt-filters" open>' in text
    assert '<option value="6-12" selected>' in text and '<option value="foreldre" selected>' in text
    assert 'name="apen" value="ja" checked' in text


def test_unknown_filter_values_are_ignored(client: Client) -> None:
    plain, _ = _listed(client, {"q": "lekser"})
    odd, count = _listed(client, {"q": "lekser", "alder": "200-300", "for": "katter", "tema": "romfart", "apen": "nei"})
    assert odd == plain
    assert count == f"{len(plain)} treff for «lekser»"


def test_the_topic_choices_are_the_topics_this_municipality_uses(
    client: Client, catalogue: Catalogue, index: MunicipalityIndex
) -> None:
    text = client.get(f"/{SLUG}/sok").text
    used = {topic for placed in index.measures.values() for topic in placed.measure.topics}
    offered = set(re.findall(r'<option value="([a-z0-9-]+)"', text.split('name="tema"')[1].split("</select>")[0]))
    assert offered == used <= set(catalogue.topics)


def test_a_misspelling_that_finds_nothing_suggests_close_spellings_the_glossary_and_helplines(client: Client) -> None:
    text = client.get(f"/{SLUG}/sok", params={"q": "stotekontaktt"}).text
    assert "Ingen treff for «stotekontaktt»" in text
    assert re.search(
        r'Mente du <a class="tt-finder__go" href="/elverum/sok\?q=st%C3%B8ttekontakt">støttekontakt</a>', text
    )
    results = text.split('class="tt-finder__results"')[1]
    assert 'href="/ordliste"' in results and f'href="/{SLUG}"' in results
    assert 'href="tel:116111"' in results and 'href="tel:113"' in results


def test_nonsense_gets_no_suggestions_but_still_the_glossary_and_helplines(client: Client) -> None:
    text = client.get(f"/{SLUG}/sok", params={"q": "qqxzv"}).text
    results = text.split('class="tt-finder__results"')[1]
    assert "Mente du" not in results
    assert 'href="/ordliste"' in results and 'href="tel:116111"' in results


def test_when_the_filters_hide_every_match_the_page_offers_the_matches_without_them(client: Client) -> None:
    slugs, count = _listed(client, {"q": "bpa", "alder": "0-5", "for": "gravide"})
    assert slugs == [] and count == "Ingen treff for «bpa» med filtrene dine"
    text = client.get(f"/{SLUG}/sok", params={"q": "bpa", "alder": "0-5", "for": "gravide"}).text
    unfiltered, _ = _listed(client, {"q": "bpa"})
    assert f'<a class="tt-finder__go" href="/{SLUG}/sok?q=bpa">Se {len(unfiltered)} treff uten filtrene</a>' in text
    assert "Mente du" not in text


def test_the_empty_search_page_invites_words_and_lists_nothing(client: Client) -> None:
    slugs, count = _listed(client, {})
    text = client.get(f"/{SLUG}/sok").text
    assert slugs == [] and count == ""
    assert re.search(r'<p class="tt-finder__intro">Skriv hva du lurer på', text)


@pytest.mark.parametrize(("accept", "encoding"), [("br, gzip", "br"), ("gzip", "gzip"), ("identity", None)])
def test_a_search_with_words_goes_out_compressed_like_the_pre_rendered_pages(
    client: Client, accept: str, encoding: str | None
) -> None:
    for path in (f"/{SLUG}/sok?q=helsesykepleier", f"/api/v1/municipalities/{SLUG}/search?q=ppt"):
        response = client.get(path, headers={"accept-encoding": accept})
        assert response.status_code == 200, path
        assert response.headers.get("content-encoding") == encoding, path
        if encoding:
            assert "Accept-Encoding" in response.headers["vary"], path
            assert len(response.content) > int(response.headers["content-length"]), path  # decoded > sent
        etag = response.headers.get("etag")
        assert etag or "/api/" not in path, f"{path} has no ETag"  # the search page has none; the API must
        if etag and encoding:
            assert etag.startswith("W/"), f"{path}: compressed bytes keep a strong tag"
    assert "helsesykepleier" in client.get(f"/{SLUG}/sok?q=helsesykepleier", headers={"accept-encoding": "br"}).text
