"""Stable links: every measure address ever published keeps working, on the pages and in the API.

tests/published_slugs.txt lists them all and only ever grows; a rename keeps the old address
answering 301 to the new one (the measure's `previous_slugs`).
"""

import re
from pathlib import Path

from litestar import Litestar
from litestar.testing import TestClient

from server.app import create_app
from server.catalogue import Catalogue
from server.settings import Settings

PUBLISHED = Path(__file__).resolve().parents[1] / "published_slugs.txt"
Client = TestClient[Litestar]


def published() -> list[tuple[str, str]]:
    """(municipality, slug) for every line of the file that is not a comment."""
    lines = PUBLISHED.read_text(encoding="utf-8").splitlines()
    pairs = [line.strip().split("/") for line in lines if line.strip() and not line.startswith("#")]
    return [(kommune, slug) for kommune, slug in pairs]


def resolves(client: Client, path: str) -> str:
    """'' when the address answers 200, or 301 to an address that answers 200; else what went wrong."""
    response = client.get(path, follow_redirects=False)
    if response.status_code == 301:
        target = response.headers["location"]
        final = client.get(target, follow_redirects=False).status_code
        return "" if final == 200 else f"{path} → {target} answers {final}"
    return "" if response.status_code == 200 else f"{path} answers {response.status_code}"


def test_the_published_list_is_sorted_and_each_line_is_municipality_slash_slug() -> None:
    lines = [line for line in PUBLISHED.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert lines == sorted(set(lines)), "keep tests/published_slugs.txt sorted, one address per line"
    assert all(re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+", line) for line in lines)


def test_every_published_measure_address_still_opens_the_page_and_its_json(client: Client) -> None:
    problems = [resolves(client, f"/{kommune}/tiltak/{slug}") for kommune, slug in published()]
    problems += [resolves(client, f"/api/v1/municipalities/{kommune}/measures/{slug}") for kommune, slug in published()]
    assert not [problem for problem in problems if problem], "a published address stopped working"


def test_every_measure_published_now_is_in_the_list(shared_app: Litestar) -> None:
    catalogue: Catalogue = shared_app.state.holder.current
    listed = set(published())
    for kommune, index in catalogue.municipalities.items():
        missing = sorted(
            f"{kommune}/{slug}" for slug in [*index.measures, *index.redirects] if (kommune, slug) not in listed
        )
        assert not missing, f"add these lines to tests/published_slugs.txt (it must only grow): {missing}"


def rename_first_measure(content: Path) -> tuple[str, str, str]:
    """Rename the first measure of the first step file the way content/README.md says: a new
    slug, the old one in previous_slugs. Returns (municipality, old slug, new slug)."""
    step_file = sorted(content.glob("*/steps/*.yaml"))[0]
    text = step_file.read_text(encoding="utf-8")
    match = re.search(r"^(\s*)- slug: ([a-z0-9-]+)\n", text, flags=re.MULTILINE)
    assert match
    old = match.group(2)
    new = f"{old}-nytt-navn"
    renamed = f"{match.group(1)}- slug: {new}\n{match.group(1)}  previous_slugs: [{old}]\n"
    step_file.write_text(text[: match.start()] + renamed + text[match.end() :], encoding="utf-8")
    return step_file.parent.parent.name, old, new


def test_a_renamed_measure_answers_301_from_its_old_address_on_page_api_and_qr_code(
    tmp_path: Path, content_copy: Path
) -> None:
    kommune, old, new = rename_first_measure(content_copy)
    app = create_app(Settings(data_dir=tmp_path / "data", content_dir=content_copy))
    with TestClient(app=app) as client:
        for before, after in [
            (f"/{kommune}/tiltak/{old}", f"/{kommune}/tiltak/{new}"),
            (f"/api/v1/municipalities/{kommune}/measures/{old}", f"/api/v1/municipalities/{kommune}/measures/{new}"),
            (f"/{kommune}/tiltak/{old}/qr.svg", f"/{kommune}/tiltak/{new}/qr.svg"),
        ]:
            response = client.get(before, follow_redirects=False)
            assert (response.status_code, response.headers.get("location")) == (301, after)
            assert client.get(after).status_code == 200
        # A list shared before the rename opens with the measure under its new name.
        shared = client.get(f"/{kommune}/liste", params={"t": old}).text
        assert f'href="/{kommune}/tiltak/{new}"' in shared and "finnes ikke lenger" not in shared
        # And every address ever published still works after the rename.
        problems = [resolves(client, f"/{k}/tiltak/{slug}") for k, slug in published()]
        assert not [problem for problem in problems if problem]
