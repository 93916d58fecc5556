"""Sharing over HTTP: canonical and preview tags, the share panel without JavaScript, QR code
files, Min liste in the offline copy, and a list shared as one link."""

import re
import urllib.parse

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server import site
from server.catalogue import Catalogue, MunicipalityIndex
from server.precomputed import CACHE_KEY
from server.share import MAX_LIST_SLUGS
from server.view import is_system

Client = TestClient[Litestar]


@pytest.fixture(scope="module")
def catalogue(shared_app: Litestar) -> Catalogue:
    current: Catalogue = shared_app.state.holder.current
    return current


@pytest.fixture(scope="module")
def index(catalogue: Catalogue) -> MunicipalityIndex:
    return max(catalogue.municipalities.values(), key=lambda item: len(item.municipality.steps))


@pytest.fixture(scope="module")
def base(shared_app: Litestar) -> str:
    url: str = shared_app.state.settings.base_url
    return url


def family_slugs(index: MunicipalityIndex, count: int) -> list[str]:
    return [slug for slug, placed in index.measures.items() if not is_system(placed.measure)][:count]


def meta(text: str, attribute: str, name: str) -> str:
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', text)
    assert match, f"no {name}"
    return match.group(1)


def test_measure_and_step_pages_name_their_public_address_and_preview_with_title_and_summary(
    client: Client, index: MunicipalityIndex, base: str
) -> None:
    kommune = index.municipality.slug
    slug = family_slugs(index, 1)[0]
    measure = index.measures[slug].measure
    step = index.municipality.steps[0]
    for path, title, summary in [
        (f"/{kommune}/tiltak/{slug}", measure.title, measure.summary),
        (f"/{kommune}/trinn/{step.number}", step.plain_name, step.plain_summary),
    ]:
        text = client.get(path).text
        assert f'<link rel="canonical" href="{base}{path}">' in text
        assert meta(text, "property", "og:url") == base + path
        assert title in meta(text, "property", "og:title") and meta(text, "name", "twitter:title")
        assert meta(text, "property", "og:description") == meta(text, "name", "twitter:description") == summary
        assert meta(text, "name", "twitter:card") == "summary"
        assert "og:image" not in text and "twitter:image" not in text  # a preview fetches nothing


def test_without_javascript_a_measure_can_be_sent_by_sms_and_its_qr_code_opened(
    client: Client, index: MunicipalityIndex, base: str
) -> None:
    kommune, slug = index.municipality.slug, family_slugs(index, 1)[0]
    text = client.get(f"/{kommune}/tiltak/{slug}").text
    sms = re.search(r'href="sms:\?&amp;body=([^"]+)"', text)
    assert sms, "no sms: link"
    body = urllib.parse.unquote(sms.group(1))
    assert body.startswith("Her kan du lese om ") and body.endswith(f" {base}/{kommune}/tiltak/{slug}")
    assert '<summary class="tt-details__summary">Vis QR-kode</summary>' in text
    assert f'src="/{kommune}/tiltak/{slug}/qr.svg"' in text
    # The controls that need JavaScript are marked so (gone without scripting, 10-base.css);
    # the share sheet's button waits, hidden, until the script finds a share sheet.
    for label in ("Kopier lenke", "Lagre", "Min liste"):
        assert re.search(rf'<(button|a) class="[^"]*\btt-js\b[^"]*"[^>]*>{label}</(button|a)>', text), label
    assert re.search(r"<button [^>]*hidden>Del lenken</button>", text)


def test_an_sms_says_the_words_the_page_shows_not_their_html_escapes(client: Client, index: MunicipalityIndex) -> None:
    """«сім'ї» in an SMS, not «сім&#39;ї»: the share text is escaped markup on the page."""
    kommune = index.municipality.slug
    apostrophes = 0
    for language in ("", "/uk"):
        for slug in index.measures:
            text = client.get(f"{language}/{kommune}/tiltak/{slug}").text
            sms = re.search(r'href="sms:\?&amp;body=([^"]+)"', text)
            assert sms, slug
            body = urllib.parse.unquote(sms.group(1))
            assert not re.search(r"&(#\d+|amp|lt|gt|quot);", body), (language, slug, body)
            apostrophes += "'" in body
    assert apostrophes > 0  # some titles have one (Ukrainian writes «сім'я» with it)


def test_every_step_and_measure_has_a_pre_rendered_qr_code_outside_the_offline_copy(
    shared_app: Litestar, catalogue: Catalogue
) -> None:
    table = catalogue.cache[CACHE_KEY]
    for kommune, index in catalogue.municipalities.items():
        codes = site.municipality_qr_codes(index)
        assert len(codes) == len(index.measures) + len(index.municipality.steps)
        for path in codes:
            entry = table[path]
            assert dict(entry.headers)[b"content-type"].startswith(b"image/svg+xml"), path
            assert entry.identity.body.startswith(b"<svg "), path
        assert not set(codes) & set(site.offline_paths(catalogue, kommune))


def test_min_liste_is_pre_rendered_kept_offline_and_explains_itself_without_javascript(
    catalogue: Catalogue, client: Client
) -> None:
    for kommune in catalogue.municipalities:
        path = f"/{kommune}/min-liste"
        assert path in catalogue.cache[CACHE_KEY] and path in site.offline_paths(catalogue, kommune)
    text = client.get(f"/{kommune}/min-liste").text
    assert "<h1>Min liste</h1>" in text
    assert "Min liste trenger JavaScript" in text and "åpner du bare lenken" in text
    assert f'data-module="saved-list" data-kommune="{kommune}"' in text


def test_a_shared_list_shows_its_measures_once_in_order_and_leaves_out_unknown_ones(
    client: Client, index: MunicipalityIndex, base: str
) -> None:
    kommune = index.municipality.slug
    first, second = family_slugs(index, 2)
    response = client.get(f"/{kommune}/liste", params={"t": f"{second},finnes-ikke,{first},{second},<b>"})
    assert response.status_code == 200
    text = response.text
    titles = [index.measures[slug].measure.title for slug in (second, first)]
    assert text.index(titles[0]) < text.index(titles[1])
    assert text.count(f'href="/{kommune}/tiltak/{first}"') == 1
    assert "2 av tilbudene i lenken finnes ikke lenger." in text
    assert "<b>" not in text
    # The list's own address keeps only what it found, so passing it on stays clean.
    assert f'<link rel="canonical" href="{base}/{kommune}/liste?t={second},{first}">' in text
    assert f"{base}/{kommune}/tiltak/{first}</p>" in text  # each measure's address, for paper


def test_an_empty_shared_list_says_so(client: Client, index: MunicipalityIndex) -> None:
    response = client.get(f"/{index.municipality.slug}/liste", params={"t": "finnes-ikke"})
    assert response.status_code == 200
    assert "Listen er tom." in response.text and "1 av tilbudene" in response.text


@pytest.mark.parametrize("kind", ["too many", "too long"])
def test_an_oversized_shared_list_is_a_plain_400(client: Client, index: MunicipalityIndex, kind: str) -> None:
    slug = family_slugs(index, 1)[0]
    t = ",".join([slug] * (MAX_LIST_SLUGS + 1)) if kind == "too many" else "a" * 2001
    for path in (f"/{index.municipality.slug}/liste", f"/{index.municipality.slug}/liste/qr.svg"):
        response = client.get(path, params={"t": t})
        assert response.status_code == 400, path
    assert "Noe i adressen er feil" in client.get(f"/{index.municipality.slug}/liste", params={"t": t}).text


def test_a_shared_list_of_fifty_measures_still_opens(client: Client, index: MunicipalityIndex) -> None:
    slugs = family_slugs(index, MAX_LIST_SLUGS)
    assert len(slugs) == MAX_LIST_SLUGS, "the municipality has fewer measures than a full list"
    response = client.get(f"/{index.municipality.slug}/liste", params={"t": ",".join(slugs)})
    assert response.status_code == 200
    assert response.text.count('class="tt-card"') == len(slugs)


def test_unknown_qr_codes_are_404(client: Client, index: MunicipalityIndex) -> None:
    kommune = index.municipality.slug
    for path in (f"/{kommune}/tiltak/finnes-ikke/qr.svg", f"/{kommune}/trinn/99/qr.svg", "/atlantis/trinn/1/qr.svg"):
        assert client.get(path).status_code == 404, path
