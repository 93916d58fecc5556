"""An editor's change is checked by the same rules as `tiltakstrapp check`, field by field.

First each field on its own (the content model's types and limits), then the whole content with
the change in it (unique slugs, references, plain language, and the warnings where a text
contradicts its data). Problems are sorted to the form fields they belong to, so the form can
show each beside its field in plain Norwegian.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

import msgspec

from server.content import rules
from server.content.model import Content, GlossaryTerm, Measure, MunicipalityFile, Situation, SituationPlace, Step
from server.content.problems import Problem
from server.content.validate import Checker
from server.editor.items import ItemError, ItemKey, write_item

GENERAL = ""  # problems that belong to no one field


@dataclass(frozen=True)
class Verdict:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


STRUCTS: dict[str, type[msgspec.Struct]] = {
    "kommune": MunicipalityFile,
    "trinn": Step,
    "tiltak": Measure,
    "situasjon": SituationPlace,
    "ordliste": GlossaryTerm,
    "felles-situasjon": Situation,
}


def _struct_for(key: ItemKey) -> type[msgspec.Struct]:
    return STRUCTS["felles-situasjon" if key.scope == "felles" and key.kind == "situasjon" else key.kind]


def _field_of(problem: Problem, slug: str = "") -> str:
    """The form field a problem is about: `measures[x].contact.web` → contact.web, `fits[2].why` → fits."""
    name = problem.field
    if slug and name.startswith(f"measures[{slug}]."):
        name = name.split(".", 1)[1]
    return name.split("[", 1)[0]


def _group(problems: list[Problem], slug: str = "") -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for problem in problems:
        grouped.setdefault(_field_of(problem, slug), []).append(problem.message)
    return grouped


def check_fields(key: ItemKey, item: dict[str, Any]) -> dict[str, list[str]]:
    """Problems of the item's own fields, as `tiltakstrapp check` words them."""
    checker = Checker("", {})
    plain = {k: v for k, v in item.items() if not (key.kind == "tiltak" and k in ("step", "group"))}
    if key.kind == "trinn":
        plain["groups"] = []
    checker.struct(plain, _struct_for(key))
    return _group(checker.problems)


def check_content(content: Content, slug: str = "", changed: set[str] | None = None) -> Verdict:
    """Every rule across the content (a text's own checks only for `changed`, when given);
    problems of the measure `slug` sorted to its fields."""
    folders = {municipality.slug: municipality.slug for municipality in content.municipalities}
    mine = f"measures[{slug}]."
    errors = rules.check(content, {}, folders, changed)
    warnings = [w for w in rules.warnings(content, {}, folders, changed) if not slug or w.field.startswith(mine)]
    return Verdict(_group(errors, slug), _group(warnings, slug))


def check_item(content: Content, key: ItemKey, item: dict[str, Any] | None, today: datetime.date) -> Verdict:
    """Check a changed item: its fields, then the whole content with the change in it."""
    if item is not None:
        errors = check_fields(key, item)
        if errors:
            return Verdict(errors)
    try:
        changed = write_item(content, key, item, today)
    except (ItemError, msgspec.ValidationError) as error:
        return Verdict({GENERAL: [str(error)]})
    slug = key.name if key.kind == "tiltak" and item is not None else ""
    focus = {f"{key.scope}/{slug}"} if slug else ({f"situasjon/{key.name}"} if key.kind == "situasjon" else set())
    return check_content(changed, slug, focus)
