"""Every HSDS answer is valid HSDS 3.0, by the official schemas (tests/hsds.py): the root, every
page of every list, every single item, and hsds/services.json as the export writes it."""

import concurrent.futures
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server import site
from server.export import export_site
from tests import hsds

Client = TestClient[Litestar]
LISTS = {
    "services": "service",
    "organizations": "organization",
    "taxonomies": "taxonomy",
    "taxonomy_terms": "taxonomy_term",
}


def _json(client: Client, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, (path, response.text)
    assert response.headers["content-type"] == "application/json", path
    return response.json()


def _every_page(client: Client, name: str, per_page: int | None = None) -> list[dict[str, Any]]:
    """Each page of a list, from the first until the one that says it is the last."""
    pages = []
    size = f"&per_page={per_page}" if per_page else ""
    while not pages or not pages[-1]["last_page"]:
        pages.append(_json(client, f"/api/hsds/{name}?page={len(pages) + 1}{size}"))
        assert len(pages) <= 200, f"{name} never reaches its last page"
    return pages


def test_the_schema_check_rejects_what_hsds_forbids() -> None:
    # Guards the guard: without these, a check that passes everything would look like success.
    good = {"id": "ac148810-d857-441c-9679-408f346de14b", "name": "Helsestasjon", "status": "active"}
    hsds.validate("service", good)
    for broken in (
        {**good, "id": "helsestasjon"},  # not a UUID
        {**good, "status": "open"},  # not in the enum
        {**good, "url": "ikke en adresse"},  # not a URI
        {**good, "last_modified": "2026-11-22"},  # not a date-time
        {**good, "attributes": [{"id": "x"}]},  # a nested object, by its own schema
        {key: value for key, value in good.items() if key != "status"},  # a required field missing
    ):
        with pytest.raises(jsonschema.ValidationError):
            hsds.validate("service", broken)
    with pytest.raises(jsonschema.ValidationError):
        hsds.validate_page("service", {"contents": [good]})  # the page fields missing


def test_the_root_names_version_profile_and_openapi_url(client: Client) -> None:
    for path in ("/api/hsds/", "/api/hsds"):
        body = _json(client, path)
        hsds.validate_root(body)
        assert body["version"] == "3.0"
        assert body["openapi_url"].endswith("/schema/openapi.json")
    assert client.get("/schema/openapi.json").status_code == 200


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_page_of_every_list_and_every_item_in_it_is_valid_hsds(client: Client, name: str) -> None:
    kind = LISTS[name]
    pages = _every_page(client, name)
    small = _every_page(client, name, per_page=7)
    for page in pages + small:
        hsds.validate_page(kind, page)
    ids = [item["id"] for page in pages for item in page["contents"]]
    assert len(ids) == len(set(ids)) == pages[0]["total_items"] > 0
    assert [item["id"] for page in small for item in page["contents"]] == ids
    for id_ in ids:
        hsds.validate(kind, _json(client, f"/api/hsds/{name}/{id_}"))


def test_every_fixed_hsds_address_is_valid_hsds(client: Client) -> None:
    catalogue = client.app.state.holder.current
    paths = site.hsds_paths(catalogue)
    assert paths[:2] == ["/api/hsds/", "/api/hsds"]
    assert paths[-2:] == ["/hsds/services.json", "/schema/openapi.json"]
    for path in paths[:2]:
        hsds.validate_root(_json(client, path))
    for path in paths[2:-2]:
        name, _, id_ = path.removeprefix("/api/hsds/").partition("/")
        body = _json(client, path)
        if id_:
            hsds.validate(LISTS[name], body)
        else:
            hsds.validate_page(LISTS[name], body)


def test_the_exported_services_file_holds_every_service_in_full_and_is_valid(client: Client, tmp_path: Path) -> None:
    # In a thread of its own: in the full run, Playwright's sync API holds this thread's loop.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(export_site, client.app, tmp_path / "eksport").result()
    services = json.loads((tmp_path / "eksport" / "hsds" / "services.json").read_bytes())
    assert isinstance(services, list)
    listed = _every_page(client, "services", per_page=200)[0]
    assert [service["id"] for service in services] == [item["id"] for item in listed["contents"]]
    for service in services:
        hsds.validate("service", service)
        assert service == _json(client, f"/api/hsds/services/{service['id']}")  # the full form
        assert service["attributes"] and service["organization"]["id"] == service["organization_id"]
    # The files of the fixed addresses are in the export too, where a web server looks.
    assert (tmp_path / "eksport" / "api" / "hsds" / "index.json").is_file()
    assert (tmp_path / "eksport" / "api" / "hsds" / "services" / services[0]["id"] / "index.json").is_file()
    assert (tmp_path / "eksport" / "schema" / "openapi.json").is_file()  # what the root names
