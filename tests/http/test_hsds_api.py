"""The HSDS API as a directory uses it: paging through, filtering, and clean errors."""

from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.catalogue import Catalogue
from server.content.model import Access, Kind
from server.opendata import ids
from server.opendata.mapping import hsds_data
from server.search import search
from server.view import DECIDED_EXPLANATIONS
from tests import hsds

Client = TestClient[Litestar]
SERVICES = "/api/hsds/services"
KINDS = {
    "services": "service",
    "organizations": "organization",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
}


def _page(client: Client, path: str = SERVICES, **params: object) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    hsds.validate_page(KINDS[path.rsplit("/", 1)[-1]], body)
    return body


def _ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["contents"]]


def _catalogue(client: Client) -> Catalogue:
    catalogue: Catalogue = client.app.state.holder.current
    return catalogue


def _full(client: Client) -> list[dict[str, Any]]:
    services: list[dict[str, Any]] = client.get("/hsds/services.json").json()
    return services


def test_paging_through_the_services_gives_each_once_with_the_right_flags(client: Client) -> None:
    first = _page(client)
    assert (first["total_items"], first["total_pages"], first["page_number"], first["size"]) == (188, 4, 1, 50)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    pages = [first] + [_page(client, page=number) for number in (2, 3, 4)]
    assert [page["size"] for page in pages] == [50, 50, 50, 38]
    assert pages[-1]["last_page"] and not pages[-1]["first_page"]
    seen = [id_ for page in pages for id_ in _ids(page)]
    assert len(set(seen)) == 188 and seen == [service["id"] for service in _full(client)]
    past = _page(client, page=9)
    assert (past["size"], past["empty"], past["last_page"], past["contents"]) == (0, True, True, [])
    whole = _page(client, per_page=200)
    assert whole["total_pages"] == 1 and whole["first_page"] and whole["last_page"] and _ids(whole) == seen


def test_every_list_pages_the_same_way(client: Client) -> None:
    terms = _page(client, "/api/hsds/taxonomy_terms", per_page=10, page=3)
    assert (terms["total_items"], terms["total_pages"], terms["size"], terms["last_page"]) == (28, 3, 8, True)
    organizations = _page(client, "/api/hsds/organizations", per_page=2, page=2)
    assert (organizations["total_items"], organizations["size"]) == (3, 1)
    assert _page(client, "/api/hsds/taxonomies")["total_items"] == 2


@pytest.mark.parametrize(
    ("path", "field"),
    [
        (f"{SERVICES}?page=0", "page"),
        (f"{SERVICES}?page=-1", "page"),
        (f"{SERVICES}?page=to", "page"),
        (f"{SERVICES}?page=1.5", "page"),
        (f"{SERVICES}?per_page=0", "per_page"),
        (f"{SERVICES}?per_page=201", "per_page"),
        (f"{SERVICES}?per_page=alle", "per_page"),
        (f"{SERVICES}?page=99999999999999999999999", "page"),
        (f"{SERVICES}?taxonomy_term_id=helse", "taxonomy_term_id"),
        (f"{SERVICES}?organization_id=elverum", "organization_id"),
        (f"{SERVICES}?modified_after=i%20g%C3%A5r", "modified_after"),
        (f"{SERVICES}?modified_after=2026-13-01", "modified_after"),
        (f"{SERVICES}?search=" + "a" * 201, "search"),
        ("/api/hsds/organizations?page=0", "page"),
        ("/api/hsds/taxonomies?per_page=1000", "per_page"),
        ("/api/hsds/taxonomy_terms?taxonomy_id=tema", "taxonomy_id"),
    ],
)
def test_a_bad_query_is_a_clean_400_that_names_the_parameter(client: Client, path: str, field: str) -> None:
    response = client.get(path)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert (problem["status"], problem["title"]) == (400, "Bad Request")
    assert problem["detail"].startswith(f"{field}:"), problem["detail"]
    assert "Traceback" not in response.text


@pytest.mark.parametrize("kind", ["services", "organizations", "taxonomies", "taxonomy_terms"])
def test_an_unknown_or_malformed_id_is_a_404_problem(client: Client, kind: str) -> None:
    for id_ in ("00000000-0000-5000-8000-000000000000", "ikke-en-id", "%20"):
        response = client.get(f"/api/hsds/{kind}/{id_}")
        assert response.status_code == 404, id_
        assert response.headers["content-type"] == "application/problem+json"


def test_an_id_in_capitals_finds_the_same_item(client: Client) -> None:
    id_ = _ids(_page(client))[0]
    assert client.get(f"{SERVICES}/{id_.upper()}").json()["id"] == id_


def test_organization_id_gives_exactly_that_municipalitys_services(client: Client) -> None:
    counts = {}
    for slug, index in _catalogue(client).municipalities.items():
        organization = ids.organization_id(slug)
        page = _page(client, organization_id=organization, per_page=200)
        assert {item["organization_id"] for item in page["contents"]} == {organization}
        counts[slug] = page["total_items"]
        assert counts[slug] == sum(1 for placed in index.measures.values() if placed.measure.kind == Kind.SERVICE)
    assert counts == {"asnes": 28, "elverum": 135, "stor-elvdal": 25}
    assert _page(client, organization_id="00000000-0000-5000-8000-000000000000")["empty"]


def test_taxonomy_term_id_gives_the_services_linked_to_that_step_or_topic(client: Client) -> None:
    full = _full(client)
    for term in ("tiltakstrapp-tema/psykisk-helse", "tiltakstrapp-trinn/elverum-4", "tiltakstrapp-trinn/asnes-1"):
        term_id = ids.term_id(*term.split("/"))
        expected = [s["id"] for s in full if term_id in {a["taxonomy_term_id"] for a in s["attributes"]}]
        page = _page(client, taxonomy_term_id=term_id, per_page=200)
        assert expected and _ids(page) == expected, term
    tema = _page(client, "/api/hsds/taxonomy_terms", taxonomy_id=ids.taxonomy_id("tiltakstrapp-tema"))
    assert tema["total_items"] == 15 and {term["taxonomy"] for term in tema["contents"]} == {"tiltakstrapp-tema"}


def test_modified_after_uses_the_day_each_service_was_last_checked(client: Client) -> None:
    full = _full(client)
    checked_30th = [s["id"] for s in full if s["assured_date"] >= "2026-11-30"]
    assert 0 < len(checked_30th) < len(full)
    for moment in ("2026-11-23", "2026-11-30", "2026-11-30T00:00:00Z", "2026-11-30T01:00:00+01:00", "2026-11-29T12:00"):
        assert _ids(_page(client, modified_after=moment, per_page=200)) == checked_30th, moment
    assert _page(client, modified_after="2026-11-30T00:00:01Z")["total_items"] == 0
    assert _page(client, modified_after="2000-01-01")["total_items"] == 188
    nothing = _page(client, modified_after="2100-01-01")
    assert (nothing["total_items"], nothing["total_pages"], nothing["empty"], nothing["last_page"]) == (
        0,
        1,
        True,
        True,
    )


def test_search_finds_what_the_sites_search_finds_best_first(client: Client) -> None:
    catalogue = _catalogue(client)
    elverum = catalogue.municipalities["elverum"]
    data = hsds_data(catalogue)
    by_slug = {
        item.placed.measure.slug: item.full.id
        for item in data.services.values()
        if item.placed.municipality.slug == "elverum"
    }
    for words in ("helsesøster", "barenvern", "penger til fritid"):
        found = search(catalogue, elverum, words, keep=lambda placed: placed.measure.kind == Kind.SERVICE)
        hits = [hit.placed.measure.slug for hit in found]
        expected = [by_slug[slug] for slug in hits if slug in by_slug]
        response = client.get(
            SERVICES, params={"search": words, "organization_id": ids.organization_id("elverum"), "per_page": 200}
        )
        assert _ids(response.json()) == expected and expected, words
        assert response.headers["cache-control"] == "no-store"  # the address holds the words
    everywhere = _page(client, search="helsestasjon", per_page=200)
    assert len({item["organization_id"] for item in everywhere["contents"]}) == 3
    assert _page(client, search="zzqxy")["empty"]


def test_filters_combine_as_and(client: Client) -> None:
    organization = ids.organization_id("elverum")
    term = ids.term_id("tiltakstrapp-tema", "psykisk-helse")
    both = _page(client, organization_id=organization, taxonomy_term_id=term, modified_after="2026-11-30", per_page=200)
    each = [
        set(_ids(_page(client, per_page=200, **{key: value})))
        for key, value in (
            ("organization_id", organization),
            ("taxonomy_term_id", term),
            ("modified_after", "2026-11-30"),
        )
    ]
    assert set(_ids(both)) == each[0] & each[1] & each[2]
    assert both["total_items"] < min(len(ids_) for ids_ in each)


def test_plans_and_system_work_are_not_services(client: Client) -> None:
    catalogue = _catalogue(client)
    served = {service["id"] for service in _full(client)}
    for slug, index in catalogue.municipalities.items():
        for placed in index.measures.values():
            assert (ids.service_id(slug, placed.measure) in served) == (placed.measure.kind == Kind.SERVICE)


def test_a_service_says_in_plain_words_how_to_get_it_and_who_it_is_for(client: Client) -> None:
    catalogue = _catalogue(client)
    by_id = {service["id"]: service for service in _full(client)}
    decided = 0
    for slug, index in catalogue.municipalities.items():
        for placed in index.measures.values():
            measure = placed.measure
            service = by_id.get(ids.service_id(slug, measure))
            if service is None:
                continue
            assert service["name"] == measure.title and service["status"] == "active"
            assert service.get("alternate_name", measure.title) == measure.name
            assert (service.get("minimum_age"), service.get("maximum_age")) == (measure.age_from, measure.age_to)
            assert service["assured_date"] == measure.last_checked.isoformat()
            if measure.access == Access.DECIDED and measure.decided_by:
                decided += 1
                assert service["application_process"] == DECIDED_EXPLANATIONS[measure.decided_by]
                assert "søke" not in service["application_process"].replace("ikke noe du søker", "")
            assert ("cost_options" in service) == bool(measure.cost)
            assert ("phones" in service) == bool(measure.contact.phone)
            assert ("contacts" in service) == bool(measure.contact.email)
    assert decided > 0


def test_what_we_know_of_cost_and_phone_is_passed_on_and_nothing_more(client: Client) -> None:
    full = _full(client)
    legevakt = next(s for s in full if s["name"] == "Legevakt")
    assert [(p["number"], p["service_id"]) for p in legevakt["phones"]] == [("116 117", legevakt["id"])]
    free = [option for s in full for option in s.get("cost_options", []) if option["amount_description"] == "Gratis"]
    assert free and all((o["amount"], o["currency"]) == (0, "NOK") for o in free)
    other = [option for s in full for option in s.get("cost_options", []) if option["amount_description"] != "Gratis"]
    assert other and all("amount" not in o and "currency" not in o for o in other)
    assert sum(1 for s in full if "phones" in s) == 1 and not any("contacts" in s for s in full)


def test_an_unchanged_answer_is_a_304(client: Client) -> None:
    for path in (SERVICES, f"{SERVICES}?page=2", "/api/hsds/", "/hsds/services.json"):
        first = client.get(path)
        again = client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert (again.status_code, again.content) == (304, b""), path


def test_the_openapi_document_describes_every_hsds_endpoint_with_hsds_operation_ids(client: Client) -> None:
    spec = client.get("/schema/openapi.json").json()
    operations = {path: spec["paths"][path]["get"]["operationId"] for path in spec["paths"] if "hsds" in path}
    assert operations == {
        "/api/hsds": "getAPIMetaInformation",
        "/api/hsds/services": "getPaginatedListOfServices",
        "/api/hsds/services/{id}": "getFullyNestedServiceById",
        "/api/hsds/organizations": "getPaginatedListOfOrganizations",
        "/api/hsds/organizations/{id}": "getOrganizationById",
        "/api/hsds/taxonomies": "getPaginatedListOfTaxonomies",
        "/api/hsds/taxonomies/{id}": "getTaxonomyById",
        "/api/hsds/taxonomy_terms": "getPaginatedListOfTaxonomyTerms",
        "/api/hsds/taxonomy_terms/{id}": "getTaxonomyTermById",
        "/hsds/services.json": "getEveryServiceInFull",
    }
    parameters = {p["name"] for p in spec["paths"]["/api/hsds/services"]["get"]["parameters"]}
    assert parameters == {"page", "per_page", "search", "taxonomy_term_id", "organization_id", "modified_after"}
    assert "Contact" in spec["components"]["schemas"]  # /api/v1's schema names are unchanged
