"""«Hva gjelder det?», a situation's page and «Er du bekymret for et barn?» (issues 13 and 14)."""

import re

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.situations.local import Asking, situations_of

Client = TestClient[Litestar]
SLUGS = ("elverum", "stor-elvdal", "asnes")
TEL = re.compile(r'href="tel:(\d+)"')


def _catalogue(client: Client):  # type: ignore[no-untyped-def]
    return client.app.state.holder.current


@pytest.mark.parametrize("slug", SLUGS)
def test_every_situation_is_a_choice_grouped_by_who_asks(client: Client, slug: str) -> None:
    page = client.get(f"/{slug}/hva-gjelder-det").text
    for heading in ("For deg som er ung", "For foreldre", "For ansatte og andre voksne"):
        assert heading in page
    catalogue = _catalogue(client)
    for situation in catalogue.content.situations:
        assert f'href="/{slug}/situasjon/{situation.slug}"' in page
    only_young = client.get(f"/{slug}/hva-gjelder-det", params={"hvem": "ung", "alder": "15"}).text
    assert "For foreldre" not in only_young and "?hvem=ung&amp;alder=15" in only_young


@pytest.mark.parametrize("slug", SLUGS)
def test_an_urgent_situation_shows_helplines_before_any_measure_and_starts_at_the_lowest_step(
    client: Client, slug: str
) -> None:
    catalogue = _catalogue(client)
    for local in situations_of(catalogue, catalogue.municipalities[slug]):
        page = client.get(f"/{slug}/situasjon/{local.slug}").text
        main = page.split('id="main"', 1)[1]
        card = main.find('class="tt-card"')
        if local.urgent:
            call = TEL.search(main)
            assert call and (card < 0 or call.start() < card), local.slug
            assert local.helplines[0].tel == call.group(1)
        if local.fits:
            start = main.split('id="start-her"', 1)[1]
            assert f"/tiltak/{local.fits[0].placed.measure.slug}" in start.split("</ul>", 1)[0]
            steps = [fit.placed.step.number for fit in local.fits]
            assert steps == sorted(steps), local.slug
        else:
            assert local.none_fit and local.none_fit.split(".")[0] in page


def test_the_answers_hide_what_does_not_fit_and_say_how_many(client: Client) -> None:
    catalogue = _catalogue(client)
    index = catalogue.municipalities["elverum"]
    asking = Asking.parse("ung", "15")
    local = next(
        s for s in situations_of(catalogue, index) if 0 < sum(asking.accepts(f.placed) for f in s.fits) < len(s.fits)
    )
    hidden = sum(not asking.accepts(fit.placed) for fit in local.fits)
    page = client.get(f"/elverum/situasjon/{local.slug}", params={"hvem": "ung", "alder": "15"}).text
    assert f'<span class="tt-situation__count">{hidden}</span> tilbud passer ikke' in page
    assert page.count(" hidden>") >= hidden
    assert client.get("/elverum/situasjon/finnes-ikke").status_code == 404
    assert client.get("/elverum/situasjon/" + local.slug, params={"alder": "ti"}).status_code == 200  # ignored


@pytest.mark.parametrize("slug", SLUGS)
def test_the_concern_page_has_both_ways_in_national_facts_and_the_municipalitys_own_way(
    client: Client, slug: str
) -> None:
    response = client.get(f"/{slug}/bekymret")
    assert response.status_code == 200
    page = response.text
    catalogue = _catalogue(client)
    assert "For foreldre og andre voksne" in page and "For ansatte i barnehage, skole og helse" in page
    for section in [*catalogue.content.concern.adults, *catalogue.content.concern.staff]:
        assert section.heading in page
    municipality = catalogue.municipalities[slug].municipality
    assert municipality.concern.adults or municipality.concern.staff
    for section in [*municipality.concern.adults, *municipality.concern.staff]:
        assert section.heading in page
    # Only the national numbers: no phone number or e-mail the plans do not give.
    national = {line.tel for line in catalogue.helplines}
    assert set(TEL.findall(page)) <= national
    assert "@" not in re.sub(r"<[^>]+>", "", page.split('id="main"', 1)[1])
    for link in (f"/{slug}", "/hjelp", f"/{slug}/sok?q=ppt"):
        assert f'href="/{slug}/bekymret"' in client.get(link).text, link


def test_ladder_steps_and_search_lead_to_the_situations(client: Client) -> None:
    for path in ("/elverum", "/elverum/trinn/3", "/elverum/sok?q=ppt", "/asnes/trinn/1"):
        assert 'href="/' + path.split("/")[1] + '/hva-gjelder-det"' in client.get(path).text, path
