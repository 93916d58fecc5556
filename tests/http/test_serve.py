"""`tiltakstrapp serve` as the municipality's IT person runs it: one command, embedded store."""

import json
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from tests import server_process


def _get_json(url: str) -> object:
    # The first start renders every page in five languages (issue 18) on a busy machine too.
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_first_start_imports_the_bundled_content_into_an_empty_data_folder(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with server_process.running(data_dir) as base:
        slugs = {item["slug"] for item in _get_json(base + "/api/v1/municipalities")}  # type: ignore[attr-defined]
    assert {"elverum", "stor-elvdal", "asnes"} <= slugs
    assert (data_dir / "tiltakstrapp.json").is_file()


def test_an_edited_content_folder_is_reimported_on_the_next_start(tmp_path: Path, content_copy: Path) -> None:
    data_dir = tmp_path / "data"
    step = content_copy / "stor-elvdal" / "steps" / "1.yaml"
    with server_process.running(data_dir, content_copy) as base:
        body = _get_json(base + "/api/v1/municipalities/stor-elvdal")
    slug = body["steps"][0]["measures"][0]["slug"]  # type: ignore[index]
    data = yaml.safe_load(step.read_text(encoding="utf-8"))
    data["groups"][0]["measures"][0]["title"] = "En ny tittel fra redaktøren"
    step.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with server_process.running(data_dir, content_copy) as base:
        measure = _get_json(f"{base}/api/v1/municipalities/stor-elvdal/measures/{slug}")
    assert measure["title"] == "En ny tittel fra redaktøren"  # type: ignore[index]


def test_bad_content_stops_the_start_with_a_clear_message_and_no_server(tmp_path: Path, content_copy: Path) -> None:
    (content_copy / "helplines.yaml").write_text("- slug: 113\n  number: []\n", encoding="utf-8")
    process, _base = server_process.start(tmp_path / "data", content_copy)
    output = server_process.stop(process)
    assert process.returncode == 1
    assert "helplines.yaml" in output and "Traceback" not in output
    assert "kjører på" not in output


def test_the_server_log_holds_no_search_terms_addresses_or_user_agents(tmp_path: Path) -> None:
    process, base = server_process.start(tmp_path / "data")
    try:
        for path in (
            "/api/v1/municipalities/elverum/search?q=hemmeligord",
            "/elverum/sok?q=hemmeligord",
            "/finnes-ikke?q=hemmeligord",
            "/elverum/tiltak/hemmelig-tiltak",  # which page someone read is private too
        ):
            request = urllib.request.Request(
                base + path, headers={"User-Agent": "Agentnavn/9.9", "X-Forwarded-For": "203.0.113.9"}
            )
            try:
                urllib.request.urlopen(request, timeout=5).read()
            except urllib.error.HTTPError as error:
                assert error.code < 500
    finally:
        output = server_process.stop(process)
    assert "kjører på" in output  # the log was captured
    for secret in ("hemmeligord", "hemmelig-tiltak", "Agentnavn", "203.0.113.9"):
        assert secret not in output
