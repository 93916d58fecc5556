"""Read YAML and remember the line of every value, so problems can point at it."""

from pathlib import Path
from typing import Any

import yaml

from server.content.problems import ContentError, Problem

Lines = dict[tuple[str | int, ...], int]


def read_yaml(path: Path, name: str) -> tuple[Any, Lines]:
    """Parse one YAML file; return its data and a map from key path to line number."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError([Problem(name, "", "filen er ikke lagret som UTF-8")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(error, "problem", None) or str(error)
        raise ContentError([Problem(name, "", f"ugyldig YAML: {reason}", line)]) from None
    if node is None:
        return None, {}
    lines: Lines = {}
    _collect_lines(node, (), lines)
    loader = yaml.SafeLoader(text)
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        raise ContentError([Problem(name, "", f"ugyldig YAML: {error}")]) from None
    finally:
        loader.dispose()
    return data, lines


def _collect_lines(node: yaml.Node, path: tuple[str | int, ...], lines: Lines) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            lines[(*path, key)] = key_node.start_mark.line + 1
            _collect_children(value_node, (*path, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*path, index), lines)


def _collect_children(node: yaml.Node, path: tuple[str | int, ...], lines: Lines) -> None:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        key_line = lines[path]
        _collect_lines(node, path, lines)
        lines[path] = key_line
