"""Translation files (server/content/translations.py): they load with their language and scope,
remember the Norwegian they were made from, and a changed Norwegian text makes them stale."""

from pathlib import Path

import pytest
import yaml

from server.content.dump import dump
from server.content.loader import load_content
from server.content.problems import ContentError
from server.content.translations import LANGUAGES, source_hash, todo, translatable


def _write(content_dir: Path, language: str, scope: str, texts: dict[str, dict[str, object]]) -> Path:
    path = content_dir / "i18n" / language / f"{scope}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"language": language, "machine": True, "texts": texts}, allow_unicode=True))
    return path


def test_a_translation_file_loads_and_a_stale_one_is_listed_again(content_copy: Path) -> None:
    norwegian = translatable(load_content(content_copy), full=True)["elverum"]["measures.bibliotek.title"]
    _write(
        content_copy, "en", "elverum", {"measures.bibliotek.title": {"from": source_hash(norwegian), "text": "Library"}}
    )
    content = load_content(content_copy)
    translation = next(t for t in content.translations if (t.language, t.scope) == ("en", "elverum"))
    assert (translation.language, translation.scope, translation.machine) == ("en", "elverum", True)
    assert translation.texts["measures.bibliotek.title"].text == "Library"
    assert "measures.bibliotek.title" not in (todo(content, LANGUAGES["en"], "elverum") or {})

    step = next(p for p in (content_copy / "elverum" / "steps").glob("*.yaml") if "slug: bibliotek\n" in p.read_text())
    step.write_text(step.read_text(encoding="utf-8").replace(f"title: {norwegian}", "title: Biblioteket i byen"))
    work = todo(load_content(content_copy), LANGUAGES["en"], "elverum") or {}
    assert work["measures.bibliotek.title"] == {"from": source_hash("Biblioteket i byen"), "nb": "Biblioteket i byen"}


def test_only_english_has_the_long_texts_and_refolding_a_line_keeps_the_hash(content_copy: Path) -> None:
    content = load_content(content_copy)
    full, essential = translatable(content, full=True), translatable(content, full=False)
    assert "measures.bibliotek.description" in full["elverum"]
    assert "measures.bibliotek.description" not in essential["elverum"]
    assert set(essential["elverum"]) < set(full["elverum"])
    assert source_hash("Hjelp  for\n alle") == source_hash("Hjelp for alle") != source_hash("Hjelp for deg")


def test_a_file_in_the_wrong_folder_or_with_a_bad_hash_names_the_file_and_field(content_copy: Path) -> None:
    _write(content_copy, "pl", "felles", {})
    path = content_copy / "i18n" / "pl" / "felles.yaml"
    path.write_text(path.read_text().replace("language: pl", "language: en"))
    _write(content_copy, "uk", "asnes", {"intro": {"from": "not-a-hash", "text": "Вступ"}})
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    text = "\n".join(str(problem) for problem in error.value.problems)
    assert "i18n/pl/felles.yaml" in text and "language" in text
    assert "i18n/uk/asnes.yaml" in text and "from" in text


def test_dump_writes_the_translations_back_as_they_were(content_copy: Path, tmp_path: Path) -> None:
    norwegian = translatable(load_content(content_copy), full=False)["felles"]["helplines.alarmtelefonen.name"]
    _write(
        content_copy, "ar", "felles", {"helplines.alarmtelefonen.name": {"from": source_hash(norwegian), "text": "x"}}
    )
    content = load_content(content_copy)
    dump(content, tmp_path / "out")
    assert load_content(tmp_path / "out").translations == content.translations
