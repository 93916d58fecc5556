"""Check loose YAML data against a content Struct field by field, so every problem is found.

msgspec stops at the first error in a document; an editor fixing a file wants them all.
So we walk the Struct's fields ourselves, convert each value on its own, and only convert
the whole document once nothing is wrong.
"""

import difflib
import typing
from typing import Any

import msgspec

from server.content.problems import Problem, plain_message
from server.content.yaml_source import Lines

Path = tuple[str | int, ...]


class Checker:
    """Collects problems for one file."""

    def __init__(self, file: str, lines: Lines) -> None:
        self.file = file
        self.lines = lines
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str, data_path: Path | None = None) -> None:
        """Record a problem at a data path, with the nearest line the YAML gives."""
        self.problems.append(Problem(self.file, _describe(path), message, self._line(data_path or path)))

    def _line(self, path: Path) -> int | None:
        raw = tuple(part for part in path if not isinstance(part, _Label))
        while raw:
            if raw in self.lines:
                return self.lines[raw]
            raw = raw[:-1]
        return self.lines.get((), None)

    def struct(self, data: Any, cls: type[msgspec.Struct], path: Path = ()) -> None:
        """Check a mapping against a Struct: unknown keys, missing keys and every value."""
        if not isinstance(data, dict):
            self.add(path, "skal være en oppslagsliste (nøkkel: verdi)")
            return
        fields = {field.encode_name: field for field in msgspec.structs.fields(cls)}
        for key in data:
            if key not in fields:
                hint = difflib.get_close_matches(str(key), list(fields), n=1)
                extra = f" Mente du «{hint[0]}»?" if hint else ""
                self.add((*path, str(key)), f"ukjent felt «{key}».{extra}")
        for name, field in fields.items():
            if name not in data:
                if field.required:
                    self.add((*path, name), "mangler", path)
                continue
            self.value(data[name], field.type, (*path, name))

    def value(self, value: Any, annotation: Any, path: Path) -> None:
        """Check one value against its annotation, recursing into Structs and lists of them."""
        inner = _unwrap(annotation)
        if isinstance(inner, type) and issubclass(inner, msgspec.Struct):
            self.struct(value, inner, path)
            return
        mapped = _struct_dict_value(inner)
        if mapped is not None and isinstance(value, dict):
            for key, element in value.items():
                try:
                    msgspec.convert(key, typing.get_args(inner)[0])
                except msgspec.ValidationError as error:
                    self.add((*path, str(key)), plain_message(error))
                self.struct(element, mapped, (*path, str(key)))
            return
        item = _struct_list_item(inner)
        if item is None:
            try:
                msgspec.convert(value, annotation)
            except msgspec.ValidationError as error:
                self.add(path, plain_message(error))
            return
        if not isinstance(value, list):
            self.add(path, "skal være en liste")
            return
        if not value and _min_length(annotation):
            self.add(path, "kan ikke være tom")
        for index, element in enumerate(value):
            label = element.get("slug") if isinstance(element, dict) else None
            step = (index, _Label(label)) if isinstance(label, str) else (index,)
            self.struct(element, item, (*path, *step))


class _Label(str):
    """A readable name for a list element (its slug), shown in the field path only."""


def _describe(path: Path) -> str:
    text = ""
    parts = list(path)
    for position, part in enumerate(parts):
        if isinstance(part, _Label):
            continue
        if isinstance(part, int):
            nxt = parts[position + 1] if position + 1 < len(parts) else None
            text += f"[{nxt}]" if isinstance(nxt, _Label) else f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def _unwrap(annotation: Any) -> Any:
    if typing.get_origin(annotation) is typing.Annotated:
        return typing.get_args(annotation)[0]
    return annotation


def _struct_dict_value(annotation: Any) -> type[msgspec.Struct] | None:
    """The Struct of a `dict[str, Struct]`, whose entries are checked one by one."""
    if typing.get_origin(annotation) is not dict:
        return None
    value = _unwrap(typing.get_args(annotation)[1])
    return value if isinstance(value, type) and issubclass(value, msgspec.Struct) else None


def _struct_list_item(annotation: Any) -> type[msgspec.Struct] | None:
    if typing.get_origin(annotation) is not list:
        return None
    (item,) = typing.get_args(annotation)
    item = _unwrap(item)
    if isinstance(item, type) and issubclass(item, msgspec.Struct):
        return item
    return None


def _min_length(annotation: Any) -> int:
    if typing.get_origin(annotation) is not typing.Annotated:
        return 0
    for meta in typing.get_args(annotation)[1:]:
        if isinstance(meta, msgspec.Meta) and meta.min_length:
            return meta.min_length
    return 0
