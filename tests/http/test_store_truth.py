"""The store is the source of truth (issues 15 and 16): edits survive a changed bundle and a
restart, an import never silently overwrites them, `dump-content` gives the content back as
files that import to the very same pages, and a broken bundle does not take the site down."""

import datetime
import urllib.request
from pathlib import Path

import pytest
from litestar.testing import TestClient

from server.app import create_app
from server.cli import main
from server.content.loader import BUNDLED_CONTENT, load_content
from server.datadir import DataDir
from server.editor import accounts, workflow
from server.editor.items import ItemKey, read_item
from server.editor.validation import check_item
from server.publish import ensure_imported, import_bundle
from server.settings import Settings
from tests import server_process
from tests.editor_helpers import make_account

TODAY = datetime.date(2026, 11, 30)


def _publish_an_edit(data: DataDir, slug: str = "bibliotek", cost: str = "Gratis") -> ItemKey:
    """An editor changes a measure and a publisher publishes it, as the editor's routes do."""
    make_account(data, f"r-{slug}@elverum.no", "elverum", "editor")
    make_account(data, f"p-{slug}@elverum.no", "elverum", "publisher")
    key = ItemKey("elverum", "tiltak", slug)
    content = workflow.published_content(data)
    item = {**(read_item(content, key) or {}), "cost": cost}
    editor, publisher = accounts.get(data, f"r-{slug}@elverum.no"), accounts.get(data, f"p-{slug}@elverum.no")
    assert editor and publisher
    draft = workflow.save_draft(
        data, editor, key, item, workflow.current_grunnlag(data, key), check_item(content, key, item, TODAY)
    )
    assert isinstance(draft, workflow.Draft)
    workflow.publish(data, publisher, key, draft.grunnlag, False, TODAY)
    return key


def test_a_changed_bundle_does_not_overwrite_what_editors_published(tmp_path: Path, content_copy: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", content_dir=content_copy)
    data = DataDir(settings.data_dir)
    assert ensure_imported(settings).imported
    key = _publish_an_edit(data)
    step = content_copy / "elverum" / "steps" / "1.yaml"
    step.write_text(step.read_text(encoding="utf-8").replace("Bibliotek", "Biblioteket", 1), encoding="utf-8")
    outcome = ensure_imported(settings)  # what `serve` does at every start
    assert not outcome.imported and outcome.kept_edits == [str(key)]
    assert (read_item(workflow.published_content(data), key) or {})["cost"] == "Gratis"


def test_import_refuses_to_overwrite_edits_and_lists_them_unless_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    data = DataDir(data_dir)
    import_bundle(Settings(data_dir=data_dir, content_dir=BUNDLED_CONTENT), data)
    key = _publish_an_edit(data)
    assert main(["import", "--data-dir", str(data_dir)]) == 1
    err = capsys.readouterr().err
    assert "ville gått tapt" in err and str(key) in err and "dump-content" in err
    assert (read_item(workflow.published_content(data), key) or {})["cost"] == "Gratis"
    assert main(["import", "--data-dir", str(data_dir), "--replace"]) == 0
    assert (read_item(workflow.published_content(data), key) or {}).get("cost", "") != "Gratis"
    assert any(e["action"] == "importert" and "erstattet 1" in e["detail"] for e in data.audit_log())


def test_dump_then_check_then_import_gives_byte_identical_pages(tmp_path: Path) -> None:
    edited = tmp_path / "edited"
    data = DataDir(edited)
    import_bundle(Settings(data_dir=edited, content_dir=BUNDLED_CONTENT), data)
    _publish_an_edit(data)
    dumped = tmp_path / "dumped"
    assert main(["dump-content", str(dumped), "--data-dir", str(edited)]) == 0
    assert main(["check", "--strict", str(dumped)]) == 0
    assert (dumped / "sources").is_dir() and load_content(dumped) == data.main.content()
    again = tmp_path / "again"
    import_bundle(Settings(data_dir=again, content_dir=dumped), DataDir(again))
    first = create_app(Settings(data_dir=edited, content_dir=BUNDLED_CONTENT))
    second = create_app(Settings(data_dir=again, content_dir=dumped))
    assert first.state.holder.current.version == second.state.holder.current.version
    with TestClient(first) as one, TestClient(second) as two:
        for path in (
            "/",
            "/elverum",
            "/elverum/trinn/1",
            "/elverum/tiltak/bibliotek",
            "/sw.js",
            "/offline/elverum.json",
            "/api/v1/municipalities/elverum/search-index",
            "/elverum/situasjon/mobbing",
            "/ordliste",
        ):
            assert one.get(path).content == two.get(path).content, path


def test_a_broken_bundle_leaves_the_last_good_content_served_and_strict_refuses(
    tmp_path: Path, content_copy: Path
) -> None:
    data_dir = tmp_path / "data"
    with server_process.running(data_dir, content_copy) as base:  # imports the good content
        healthy = urllib.request.urlopen(base + "/healthz").read()
    (content_copy / "helplines.yaml").write_text("- slug: 113\n  number: []\n", encoding="utf-8")
    process, base = server_process.start(data_dir, content_copy)
    try:
        assert process.poll() is None, "the server did not start"
        with urllib.request.urlopen(base + "/healthz") as answer:
            health = answer.read()
        with urllib.request.urlopen(base + "/elverum") as answer:
            assert answer.status == 200
    finally:
        output = server_process.stop(process)
    assert b'"status":"ok"' in health and health == healthy  # the same version as before the break
    assert "helplines.yaml" in output and "siste gode innholdet" in output and "Traceback" not in output
    process = server_process.start_strict(data_dir, content_copy)
    output = server_process.stop(process)
    assert process.returncode == 1 and "helplines.yaml" in output and "kjører på" not in output


def test_healthz_answers_503_while_the_store_cannot_be_read(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, content_dir=BUNDLED_CONTENT))
    with TestClient(app) as client:
        ok = client.get("/healthz")
        assert ok.status_code == 200 and ok.json()["version"] == app.state.holder.current.version
        (tmp_path / "tiltakstrapp.json").write_text("{ halv fil", encoding="utf-8")
        broken = client.get("/healthz")
        assert broken.status_code == 503 and broken.headers["cache-control"] == "no-store"
        assert client.get("/elverum").status_code == 200  # the site goes on from memory
