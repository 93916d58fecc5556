"""Write content back as a content folder, in the layout the loader reads (content/README.md).

`tiltakstrapp dump-content DIR` uses it to take what editors published out of the store: to keep
it in git, to review it as text, or to import it elsewhere. Fields at their default are left
out, as a person writing the YAML would; long texts are folded. Loading the folder again gives
the same content (tests/unit/test_dump.py), so the pages are byte for byte the same.
"""

import datetime
import shutil
from pathlib import Path
from typing import Any

import msgspec
import yaml

from server.content.model import ConcernPage, Content, MunicipalityFile, TranslationFile

FOLD_AT = 80


def plain(value: Any) -> Any:
    """A Struct as builtins without the fields left at their default."""
    if isinstance(value, msgspec.Struct):
        out = {}
        for field in msgspec.structs.fields(value):
            item = getattr(value, field.name)
            default = field.default if field.default is not msgspec.NODEFAULT else msgspec.NODEFAULT
            if field.default_factory is not msgspec.NODEFAULT:
                default = field.default_factory()
            if not field.required and item == default:
                continue
            out[field.encode_name] = plain(item)
        return out
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, datetime.date):
        return value
    return msgspec.to_builtins(value)


class _Dumper(yaml.SafeDumper):
    """Folds long texts (`>-`) so a reviewer reads them as prose."""


def _string(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    foldable = len(text) > FOLD_AT and "\n" not in text and text == text.strip() and "  " not in text
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=">" if foldable else None)


_Dumper.add_representer(str, _string)


def _write(path: Path, data: Any, header: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + text, encoding="utf-8")


def plain_translation(fields: dict[str, Any]) -> dict[str, Any]:
    """A translation file as YAML data: each text's `from` and `text`, in that order."""
    texts = {path: {"from": item.source, "text": item.text} for path, item in fields["texts"].items()}
    return {"language": fields["language"], "machine": fields["machine"], "texts": texts}


def dump(content: Content, target: Path, sources: Path | None = None) -> int:
    """Write every content file under `target`; return how many. Copies the plan texts too."""
    header = "# Written by `tiltakstrapp dump-content` from the published content.\n"
    files = {
        "topics.yaml": content.topics,
        "glossary.yaml": content.glossary,
        "helplines.yaml": content.helplines,
        "synonyms.yaml": content.synonyms,
        "situations.yaml": content.situations,
        "situation_words.yaml": content.situation_words,
        "routes.yaml": content.routes,
    }
    for name, items in files.items():
        _write(target / name, plain(items) or [], header)
    count = len(files)
    if content.concern != ConcernPage():
        _write(target / "concern.yaml", plain(content.concern), header)
        count += 1
    for municipality in content.municipalities:
        folder = target / municipality.slug
        head = {name: getattr(municipality, name) for name in MunicipalityFile.__struct_fields__}
        _write(
            folder / "municipality.yaml", plain(msgspec.convert(msgspec.to_builtins(head), MunicipalityFile)), header
        )
        for step in municipality.steps:
            _write(folder / "steps" / f"{step.number}.yaml", plain(step), header)
        count += 1 + len(municipality.steps)
        if municipality.concern != ConcernPage():
            _write(folder / "concern.yaml", plain(municipality.concern), header)
            count += 1
    if content.interpreter:
        _write(target / "interpreter.yaml", plain(content.interpreter), header)
        count += 1
    for translation in content.translations:
        fields = {name: getattr(translation, name) for name in TranslationFile.__struct_fields__}
        _write(target / "i18n" / translation.language / f"{translation.scope}.yaml", plain_translation(fields), header)
        count += 1
    if sources is not None and sources.is_dir():
        shutil.copytree(sources, target / "sources", dirs_exist_ok=True)
    return count
