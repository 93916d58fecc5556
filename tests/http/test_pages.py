"""The pages people read, over HTTP: every page answers, says what it should, and keeps the rules
the browser will enforce later (no inline script or style, nothing from other sites).

Examples are picked from whatever content is bundled, so the tests hold for any municipality.
"""

import html
import re
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from litestar import Litestar
from litestar.testing import TestClient
from markupsafe import escape

from server import finder
from server.app import create_app
from server.catalogue import Catalogue, MunicipalityIndex, Placed
from server.settings import Settings
from server.view import ACCESS_LABELS, NO_OWN_CONTACT, is_system, norwegian_date, step_accesses

Client = TestClient[Litestar]
# Budgets from the issue: a page, the CSS bundle and all JavaScript, brotli-compressed.
PAGE_BUDGET = 14 * 1024
CSS_BUDGET = 12 * 1024
JS_BUDGET = 15 * 1024


@pytest.fixture(scope="module")
def client(shared_app: Litestar) -> Iterator[Client]:
    """One client for the module: starting the app pre-renders every page, which takes seconds."""
    with TestClient(app=shared_app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def catalogue(shared_app: Litestar) -> Catalogue:
    current: Catalogue = shared_app.state.holder.current
    return current


@pytest.fixture(scope="module")
def index(catalogue: Catalogue) -> MunicipalityIndex:
    """The municipality with the most steps: the richest ladder to test with."""
    return max(catalogue.municipalities.values(), key=lambda item: len(item.municipality.steps))


def _first(index: MunicipalityIndex, want: object) -> Placed:
    found = next((placed for placed in index.measures.values() if want(placed)), None)  # type: ignore[operator]
    if found is None:
        pytest.fail("the bundled content has no measure like that: the test needs one")
    return found


def every_page(catalogue: Catalogue) -> list[str]:
    paths = ["/", "/ordliste", "/hjelp", "/om"]
    for index in catalogue.municipalities.values():
        slug = index.municipality.slug
        paths += [f"/{slug}", f"/{slug}/sok", f"/{slug}/sok?q=hjelp"]
        paths += [f"/{slug}/trinn/{step.number}" for step in index.municipality.steps]
        paths += [f"/{slug}/tiltak/{measure}" for measure in index.measures]
    return paths


def test_the_front_page_lists_the_municipalities(client: Client, catalogue: Catalogue) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="nb"' in response.text
    for index in catalogue.municipalities.values():
        assert f'href="/{index.municipality.slug}"' in response.text
        assert index.municipality.name in response.text


def test_a_ladder_shows_every_step_with_its_name_count_and_how_to_get_help(
    client: Client, index: MunicipalityIndex
) -> None:
    slug = index.municipality.slug
    response = client.get(f"/{slug}")
    assert response.status_code == 200
    for step in index.municipality.steps:
        assert f'href="/{slug}/trinn/{step.number}"' in response.text
        assert f"Trinn {step.number}: {step.plain_name}" in response.text
        for access, _count in step_accesses(step):  # the badge summarises the step's measures
            assert ACCESS_LABELS[access] in response.text
    assert f'action="/{slug}/sok"' in response.text
    assert re.search(r"\d+ tilbud", response.text)


def test_a_step_shows_its_measures_goal_and_neighbours(client: Client, index: MunicipalityIndex) -> None:
    slug = index.municipality.slug
    step = index.municipality.steps[1] if len(index.municipality.steps) > 1 else index.municipality.steps[0]
    response = client.get(f"/{slug}/trinn/{step.number}")
    assert response.status_code == 200
    assert step.plain_name in response.text and step.official_name in response.text
    measures = [measure for group in step.groups for measure in group.measures]
    assert measures, f"step {step.number} has no measures: the test needs some"
    for measure in measures:
        assert f'href="/{slug}/tiltak/{measure.slug}"' in response.text
    if step.number > 1:
        assert f'href="/{slug}/trinn/{step.number - 1}"' in response.text
    if step.number < len(index.municipality.steps):
        assert f'href="/{slug}/trinn/{step.number + 1}"' in response.text


def test_the_municipalitys_own_work_is_kept_apart_under_a_closed_details(
    client: Client, index: MunicipalityIndex
) -> None:
    placed = _first(index, lambda placed: is_system(placed.measure))
    text = client.get(f"/{index.municipality.slug}/trinn/{placed.step.number}").text
    details = text[text.index('<details class="tt-details tt-details--system">') :]
    assert "<details" in details and "open" not in details[: details.index(">")]
    assert "Slik jobber kommunen" in details
    assert f"/tiltak/{placed.measure.slug}" in details[: details.index("</details>")]


def test_a_measure_page_answers_what_who_and_how(client: Client, index: MunicipalityIndex) -> None:
    placed = _first(index, lambda placed: not is_system(placed.measure))
    measure = placed.measure
    text = client.get(f"/{index.municipality.slug}/tiltak/{measure.slug}").text
    assert "<h1>" in text and measure.title in text
    for heading in ("Hva er dette?", "Hvem er det for?", "Slik får du hjelpen", "Fra planen"):
        assert heading in text
    assert ACCESS_LABELS[measure.access] in text
    assert "Sist kontrollert" in text and norwegian_date(measure.last_checked) in text
    assert re.search(r"<details[^>]*>\s*<summary[^>]*>Fra planen</summary>", text)


def test_a_measure_without_contact_says_how_to_find_out_and_invents_nothing(
    client: Client, index: MunicipalityIndex
) -> None:
    placed = _first(
        index,
        lambda placed: (
            not placed.measure.contact.phone and not placed.measure.contact.email and not placed.measure.routes
        ),
    )
    text = client.get(f"/{index.municipality.slug}/tiltak/{placed.measure.slug}").text
    assert html.escape(NO_OWN_CONTACT, quote=False) in text
    assert f'href="{index.municipality.contact.web}"' in text  # the next step: the municipality's own site
    main = text[text.index("<main") :]
    assert 'href="tel:' not in main


def test_a_measure_with_a_phone_number_can_be_called(client: Client, catalogue: Catalogue) -> None:
    for index in catalogue.municipalities.values():
        for placed in index.measures.values():
            if placed.measure.contact.phone:
                text = client.get(f"/{index.municipality.slug}/tiltak/{placed.measure.slug}").text
                assert f'href="tel:{placed.measure.contact.phone.replace(" ", "")}"' in text
                return
    pytest.fail("no measure in the bundled content has a phone number: the test needs one")


def test_a_measure_links_the_same_service_on_other_steps(client: Client, index: MunicipalityIndex) -> None:
    placed = _first(index, lambda placed: bool(index.same_service(placed)))
    text = client.get(f"/{index.municipality.slug}/tiltak/{placed.measure.slug}").text
    assert "Samme tjeneste på andre trinn" in text
    for other in index.same_service(placed):
        assert f'href="/{index.municipality.slug}/tiltak/{other.measure.slug}"' in text


def test_abbreviations_link_to_their_glossary_entry(
    client: Client, catalogue: Catalogue, index: MunicipalityIndex
) -> None:
    placed = _first(index, lambda placed: bool(placed.measure.terms))
    text = client.get(f"/{index.municipality.slug}/tiltak/{placed.measure.slug}").text
    for slug in placed.measure.terms:
        assert f'href="/ordliste#{slug}"' in text
        assert catalogue.glossary[slug].explanation.split(".")[0] in text


CARD = re.compile(r'<li class="tt-card".*?</li>', re.S)
TAGS = re.compile(r"<[^>]+>")


def test_every_abbreviation_on_a_card_is_explained_on_the_card(client: Client, catalogue: Catalogue) -> None:
    """On the way from the ladder to a measure, no card shows an abbreviation it does not explain."""
    abbreviations = {
        form: term for term in catalogue.glossary.values() for form in (term.term, *term.aliases) if form.isupper()
    }
    explained = 0
    for index in catalogue.municipalities.values():
        for step in index.municipality.steps:
            page = client.get(f"/{index.municipality.slug}/trinn/{step.number}").text
            for card in CARD.findall(page):
                text = html.unescape(TAGS.sub(" ", card))
                for form, term in abbreviations.items():
                    if re.search(rf"(?<![\w-]){re.escape(form)}(?![\w])", text):
                        meaning = term.expansion or term.explanation.split(".")[0]
                        assert meaning.casefold() in text.casefold(), f"{form} on a card of {step.number}: {text}"
                        explained += 1
    assert explained > 10


def test_search_finds_measures_without_javascript(client: Client, index: MunicipalityIndex) -> None:
    placed = _first(index, lambda placed: True)
    word = placed.measure.title.split()[0]
    text = client.get(f"/{index.municipality.slug}/sok", params={"q": word}).text
    assert "treff for" in text
    assert f'value="{word}"' in text
    assert 'class="tt-card"' in text


def test_search_with_no_match_says_so_and_offers_the_ladder(client: Client, index: MunicipalityIndex) -> None:
    slug = index.municipality.slug
    text = client.get(f"/{slug}/sok", params={"q": "qqxzv"}).text
    assert "Ingen treff for «qqxzv»" in text
    assert f'href="/{slug}"' in text


def test_a_search_query_is_escaped_not_run(client: Client, index: MunicipalityIndex) -> None:
    text = client.get(f"/{index.municipality.slug}/sok", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert" not in text
    assert "&lt;script&gt;" in text


def test_an_overlong_search_is_a_plain_400(client: Client, index: MunicipalityIndex) -> None:
    response = client.get(f"/{index.municipality.slug}/sok", params={"q": "x" * 201})
    assert response.status_code == 400
    assert 'href="tel:116111"' in response.text


def test_the_glossary_gives_every_term_its_own_anchor(client: Client, catalogue: Catalogue) -> None:
    text = client.get("/ordliste").text
    assert catalogue.glossary, "the bundled content has no glossary: the test needs one"
    for term in catalogue.glossary.values():
        assert f'id="{term.slug}"' in text


def test_the_help_page_has_a_call_link_for_every_helpline(client: Client, catalogue: Catalogue) -> None:
    text = client.get("/hjelp").text
    assert catalogue.helplines, "the bundled content has no helplines: the test needs them"
    for line in catalogue.helplines:
        assert f'href="tel:{line.tel}"' in text and line.name in text


def test_the_about_page_names_the_sources_privacy_and_accessibility(client: Client, catalogue: Catalogue) -> None:
    text = client.get("/om").text
    for index in catalogue.municipalities.values():
        for source in index.municipality.sources:
            assert str(escape(source.title)) in text
    assert "Personvern" in text and "informasjonskapsler" in text
    assert "Tilgjengelighetserklæring" in text


@pytest.mark.parametrize("path", ["/atlantis", "/elverum/trinn/99", "/elverum/tiltak/finnes-ikke", "/elverum/trinn/x"])
def test_an_unknown_page_is_a_plain_norwegian_404_with_a_way_back_and_the_helplines(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Vi finner ikke siden" in response.text
    assert 'href="/"' in response.text
    assert 'href="tel:116111"' in response.text


def test_the_500_page_is_calm_and_offers_the_helplines(
    client: Client, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Must catch a crash answered with anything but the calm page (server/errors.py): its title
    # and words for a 500, a way back, and every helpline. A search with words is rendered on
    # request, so breaking the search inside it is a real crash through the app's error handler.
    def crash(*args: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(finder, "find", crash)
    response = client.get("/elverum/sok?q=hjelp")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "<h1>Noe gikk galt hos oss</h1>" in html and "<title>Noe gikk galt hos oss – Tiltakstrappa</title>" in html
    assert "Prøv igjen om litt" in html and 'href="/"' in html
    assert catalogue.helplines and all(f'href="tel:{line.tel}"' in html for line in catalogue.helplines)
    assert "secret internal detail" not in html and "Traceback" not in html


def test_a_renamed_measure_redirects_from_its_old_address(tmp_path: Path, content_copy: Path) -> None:
    step_file = next(iter(sorted(content_copy.glob("*/steps/*.yaml"))))
    text = step_file.read_text(encoding="utf-8")
    match = re.search(r"^(\s*)- slug: ([a-z0-9-]+)\n", text, flags=re.MULTILINE)
    assert match
    indent, slug = match.group(1) + "  ", match.group(2)
    insert = f"{indent}previous_slugs: [gammel-adresse-til-tiltaket]\n"
    step_file.write_text(text[: match.end()] + insert + text[match.end() :], encoding="utf-8")
    kommune = step_file.parent.parent.name
    app = create_app(Settings(data_dir=tmp_path / "data", content_dir=content_copy))
    # Without `with`, the app skips its start-up pre-rendering: the handler answers directly.
    response = TestClient(app=app).get(f"/{kommune}/tiltak/gammel-adresse-til-tiltaket", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == f"/{kommune}/tiltak/{slug}"


def test_every_page_has_one_h1_a_title_a_skip_link_and_the_helpline_bar(client: Client, catalogue: Catalogue) -> None:
    for path in every_page(catalogue):
        text = client.get(path).text
        assert text.count("<h1") == 1, path
        assert re.search(r"<title>[^<]+ – Tiltakstrappa</title>", text), path
        body = text[text.index("<body") :]
        first_link = re.search(r"<a [^>]*>", body)
        assert first_link and 'href="#main"' in first_link.group(0), path
        assert 'href="tel:116111"' in text and 'href="tel:113"' in text and 'href="/hjelp"' in text, path


def test_no_page_has_inline_script_or_style_or_outside_resources(client: Client, catalogue: Catalogue) -> None:
    # A strict Content-Security-Policy (issue 8) would block all of these; none may be needed.
    for path in [*every_page(catalogue), "/atlantis"]:
        text = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"\son[a-z]+\s*=", text), path
        assert " style=" not in text and "<style" not in text, path
        # rel="canonical" and the hreflang alternates (issue 18) name the site's own public
        # addresses; nothing is fetched from them.
        resource = r'<(script|link(?![^>]*rel="(?:canonical|alternate)")|img|iframe)[^>]+(src|href)="(https?:)?//'
        assert not re.search(resource, text), path


def test_every_page_fits_the_size_budget(client: Client, catalogue: Catalogue) -> None:
    # Compressing all ~230 pages at brotli's best takes seconds; the ten largest decide it.
    bodies = sorted((client.get(path).content for path in every_page(catalogue)), key=len)
    for body in bodies[-10:]:
        size = len(brotli.compress(body))
        assert size <= PAGE_BUDGET, f"{size} bytes brotli: {body[:200]!r}"


def test_css_and_javascript_fit_their_budgets(shared_app: Litestar) -> None:
    # What visitors load; the staff side's own files (editor/) are not part of the public budget.
    public = [a for a in shared_app.state.assets.by_name.values() if not a.name.startswith("editor/")]
    css = sum(len(brotli.compress(a.body)) for a in public if a.name.endswith(".css"))
    js = sum(len(brotli.compress(a.body)) for a in public if a.name.endswith(".js"))
    assert css <= CSS_BUDGET, css
    assert js <= JS_BUDGET, js
