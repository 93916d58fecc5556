"""HSDS ids never change: not between releases, not on a re-import, not when other content
changes, not when a measure is renamed. A directory that copied our services keeps its links.

tests/published_hsds_ids.txt pins the id of every service ever published, as
`municipality/first-slug id`; like tests/published_slugs.txt it only ever grows.
"""

import re
from pathlib import Path

from litestar import Litestar
from litestar.testing import TestClient

from server.app import create_app
from server.catalogue import Catalogue
from server.datadir import DataDir
from server.opendata import ids
from server.opendata.mapping import hsds_data
from server.publish import import_bundle
from server.settings import Settings
from tests.http.test_share_stable_links import rename_first_measure

PUBLISHED = Path(__file__).resolve().parents[1] / "published_hsds_ids.txt"
Client = TestClient[Litestar]


def service_ids(catalogue: Catalogue) -> dict[tuple[str, str], str]:
    """(municipality, current slug) → HSDS id, for every service of the catalogue."""
    return {
        (item.placed.municipality.slug, item.placed.measure.slug): item.full.id
        for item in hsds_data(catalogue).services.values()
    }


def served_ids(app: Litestar) -> list[str]:
    """The ids the API answers with, in order, from the file of every service."""
    return [service["id"] for service in TestClient(app=app).get("/hsds/services.json").json()]


def published() -> dict[str, str]:
    lines = [line for line in PUBLISHED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return dict(line.split(" ") for line in lines)


def test_the_published_ids_file_is_sorted_and_each_line_is_a_name_and_a_uuid() -> None:
    lines = [line for line in PUBLISHED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines == sorted(set(lines)), "keep tests/published_hsds_ids.txt sorted, one service per line"
    pattern = r"[a-z0-9-]+/[a-z0-9-]+ [0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"
    assert all(re.fullmatch(pattern, line) for line in lines)


def test_every_service_has_the_id_it_was_published_with(shared_app: Litestar) -> None:
    catalogue: Catalogue = shared_app.state.holder.current
    pinned = published()
    new = []
    for item in hsds_data(catalogue).services.values():
        name = f"{item.placed.municipality.slug}/{ids.first_slug(item.placed.measure)}"
        if name not in pinned:
            new.append(f"{name} {item.full.id}")
        else:
            assert item.full.id == pinned[name], f"{name} changed its HSDS id: directories lose the service"
    assert not new, f"a new service: add these lines to tests/published_hsds_ids.txt (it must only grow): {new}"


def test_ids_are_the_same_after_a_reimport_and_a_change_elsewhere_in_the_content(
    tmp_path: Path, content_copy: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", content_dir=content_copy)
    first = create_app(settings)
    before = service_ids(first.state.holder.current)
    assert len(before) == 188 and len(set(before.values())) == 188  # every measure of kind `service`
    served = served_ids(first)

    import_bundle(settings, DataDir(settings.data_dir))  # the same content again
    assert service_ids(create_app(settings).state.holder.current) == before

    step = content_copy / "elverum" / "steps" / "2.yaml"
    step.write_text(step.read_text(encoding="utf-8").replace("Du ", "Du som forelder ", 1), encoding="utf-8")
    changed = create_app(settings)  # sees the change and imports again
    assert changed.state.holder.current.version != first.state.holder.current.version
    assert service_ids(changed.state.holder.current) == before
    assert served_ids(changed) == served

    elsewhere = create_app(Settings(data_dir=tmp_path / "another-server", content_dir=content_copy))
    assert service_ids(elsewhere.state.holder.current) == before


def test_a_renamed_service_keeps_its_id_under_its_new_slug(tmp_path: Path, content_copy: Path) -> None:
    original = service_ids(
        create_app(Settings(data_dir=tmp_path / "before", content_dir=content_copy)).state.holder.current
    )
    kommune, old, new = rename_first_measure(content_copy)
    renamed = create_app(Settings(data_dir=tmp_path / "after", content_dir=content_copy))
    after = service_ids(renamed.state.holder.current)
    assert (kommune, old) not in after
    assert after[(kommune, new)] == original[(kommune, old)]
    assert {key: value for key, value in after.items() if key != (kommune, new)} == {
        key: value for key, value in original.items() if key != (kommune, old)
    }
    response = TestClient(app=renamed).get(f"/api/hsds/services/{after[(kommune, new)]}")
    assert response.status_code == 200 and response.json()["id"] == original[(kommune, old)]


def test_ids_come_from_one_fixed_namespace() -> None:
    # The namespace and the names under it are a promise to every directory that copied us.
    assert str(ids.NAMESPACE) == "f48fb77b-ec3d-4605-8f62-cb8e2079a8e3"
    assert ids.organization_id("elverum") == "99b112b6-6c0a-51c3-ac0a-5e067385a754"
    assert ids.taxonomy_id("tiltakstrapp-tema") == "cd5ecbb2-bfff-53f4-ad29-3374ec2321b2"
    assert ids.term_id("tiltakstrapp-tema", "helse") == "bee39863-9122-58e1-932d-4d2214a0be93"
