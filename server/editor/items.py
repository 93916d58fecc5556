"""What an editor changes: one item of the content at a time, addressed by a key.

`elverum/kommune`, `elverum/trinn/3`, `elverum/tiltak/{slug}`, `elverum/situasjon/{slug}` (what
fits a situation in Elverum), and the shared `felles/ordliste/{slug}` and `felles/situasjon/{slug}`.
An item is plain data (what the YAML holds for it); `read_item` takes it out of the published
content and `write_item` puts a changed one back, giving new content to validate and publish.
"""

import datetime
from dataclasses import dataclass
from typing import Any

import msgspec

from server.content.model import Content, GlossaryTerm, Municipality, Situation

SHARED = "felles"
KINDS = ("kommune", "trinn", "tiltak", "situasjon", "ordliste")


class ItemError(ValueError):
    """The key names nothing that exists, or a change that cannot be made."""


@dataclass(frozen=True)
class ItemKey:
    scope: str  # a municipality's slug, or "felles"
    kind: str
    name: str = ""

    def __str__(self) -> str:
        return f"{self.scope}/{self.kind}" + (f"/{self.name}" if self.name else "")

    @classmethod
    def parse(cls, text: str) -> "ItemKey":
        parts = text.split("/")
        if len(parts) == 2 and parts[1] == "kommune":
            return cls(parts[0], "kommune")
        if len(parts) == 3 and parts[1] in KINDS and parts[1] != "kommune":
            return cls(parts[0], parts[1], parts[2])
        raise ItemError(f"ukjent element: {text}")


def _municipality(document: dict[str, Any], slug: str) -> dict[str, Any]:
    found = _by_slug(document["municipalities"], slug)
    if found is None:
        raise ItemError(f"ukjent kommune: {slug}")
    return found


def _by_slug(items: list[dict[str, Any]], slug: object, field: str = "slug") -> dict[str, Any] | None:
    return next((item for item in items if item[field] == slug), None)


def _measure_place(municipality: dict[str, Any], slug: str) -> tuple[dict[str, Any], dict[str, Any], int] | None:
    for step in municipality["steps"]:
        for group in step["groups"]:
            for position, measure in enumerate(group["measures"]):
                if measure["slug"] == slug:
                    return step, group, position
    return None


def read_item(content: Content, key: ItemKey) -> dict[str, Any] | None:
    """The item as plain data, or None when it does not exist (a new measure, say)."""
    document = msgspec.to_builtins(content)
    if key.scope == SHARED:
        if key.kind == "ordliste":
            return _by_slug(document["glossary"], key.name)
        if key.kind == "situasjon":
            situation = _by_slug(document["situations"], key.name)
            return None if situation is None else {k: v for k, v in situation.items() if k != "municipalities"}
        raise ItemError(f"ukjent felles element: {key}")
    municipality = _municipality(document, key.scope)
    if key.kind == "kommune":
        return {k: v for k, v in municipality.items() if k not in ("steps", "concern")}
    if key.kind == "trinn":
        step = _by_slug(municipality["steps"], int(key.name) if key.name.isdigit() else -1, "number")
        if step is None:
            return None
        groups = [
            {"name": group["name"], "measures": [m["slug"] for m in group["measures"]]} for group in step["groups"]
        ]
        return {**{k: v for k, v in step.items() if k != "groups"}, "groups": groups}
    if key.kind == "tiltak":
        place = _measure_place(municipality, key.name)
        if place is None:
            return None
        step, group, position = place
        return {**group["measures"][position], "step": step["number"], "group": group["name"]}
    if key.kind == "situasjon":
        situation = _by_slug(document["situations"], key.name)
        if situation is None:
            return None
        fits: dict[str, Any] = situation["municipalities"].get(key.scope, {"fits": [], "none_fit": ""})
        return fits
    raise ItemError(f"ukjent element: {key}")


def write_item(content: Content, key: ItemKey, data: dict[str, Any] | None, today: datetime.date) -> Content:
    """New content with the item replaced (or, for a measure, added, or retired when data is
    None). The result is not validated here: the caller checks it as `tiltakstrapp check` would."""
    if key.scope == SHARED or key.kind == "situasjon":
        # Only the list that changes is converted (a save must stay well under 50 ms).
        table = "glossary" if key.kind == "ordliste" else "situations"
        document = {table: msgspec.to_builtins(getattr(content, table))}
        if key.scope == SHARED:
            _write_shared(document, key, data)
        else:
            situation = _by_slug(document["situations"], key.name)
            if situation is None:
                raise ItemError(f"ukjent situasjon: {key.name}")
            situation["municipalities"][key.scope] = data or {"fits": [], "none_fit": ""}
        return msgspec.structs.replace(content, **{table: msgspec.convert(document[table], type_of(table))})
    found = next((item for item in content.municipalities if item.slug == key.scope), None)
    if found is None:
        raise ItemError(f"ukjent kommune: {key.scope}")
    municipality = msgspec.to_builtins(found)
    if key.kind == "kommune":
        municipality.update({k: v for k, v in (data or {}).items() if k not in ("slug", "steps", "concern")})
    elif key.kind == "trinn":
        _write_step(municipality, key, data or {})
    elif key.kind == "tiltak":
        _write_measure(municipality, key.name, data, today)
    changed = msgspec.convert(municipality, Municipality)
    return msgspec.structs.replace(
        content, municipalities=[changed if item is found else item for item in content.municipalities]
    )


def type_of(table: str) -> Any:
    return list[GlossaryTerm] if table == "glossary" else list[Situation]


def _write_shared(document: dict[str, Any], key: ItemKey, data: dict[str, Any] | None) -> None:
    if data is None:
        raise ItemError("felles elementer kan ikke tas bort her")
    table = "glossary" if key.kind == "ordliste" else "situations"
    items: list[dict[str, Any]] = document[table]
    existing = _by_slug(items, key.name)
    if key.kind == "situasjon":
        data = {**data, "municipalities": existing["municipalities"] if existing else {}}
    if existing is None:
        items.append(data)
    else:
        items[items.index(existing)] = data


def _write_step(municipality: dict[str, Any], key: ItemKey, data: dict[str, Any]) -> None:
    step = _by_slug(municipality["steps"], int(key.name), "number")
    if step is None:
        raise ItemError(f"ukjent trinn: {key.name}")
    measures = {m["slug"]: m for group in step["groups"] for m in group["measures"]}
    groups = []
    for group in data.get("groups", []):
        if any(slug not in measures for slug in group["measures"]):
            raise ItemError("et trinn kan bare ordne sine egne tiltak")
        groups.append({"name": group["name"], "measures": [measures[slug] for slug in group["measures"]]})
    if sorted(s for g in groups for s in (m["slug"] for m in g["measures"])) != sorted(measures):
        raise ItemError("alle trinnets tiltak må være med")
    step.clear()
    step.update({**{k: v for k, v in data.items() if k != "groups"}, "number": int(key.name), "groups": groups})


def _write_measure(municipality: dict[str, Any], slug: str, data: dict[str, Any] | None, today: datetime.date) -> None:
    place = _measure_place(municipality, slug)
    if place is None and data is None:
        raise ItemError(f"ukjent tiltak: {slug}")
    if place is not None:
        step, group, position = place
        removed = group["measures"].pop(position)
        if data is None:
            retired = {"slug": slug, "title": removed["title"], "step": step["number"], "date": today.isoformat()}
            municipality.setdefault("retired", []).append(retired)
    if data is not None:
        _place_measure(municipality, data, place)
    for step in municipality["steps"]:
        step["groups"] = [group for group in step["groups"] if group["measures"]]


def _place_measure(
    municipality: dict[str, Any], data: dict[str, Any], place: tuple[dict[str, Any], dict[str, Any], int] | None
) -> None:
    """Put a measure on its step and group: where it was if it stays, else last in the group."""
    target = _by_slug(municipality["steps"], data["step"], "number")
    if target is None:
        raise ItemError(f"trinn {data['step']} finnes ikke")
    measure = {k: v for k, v in data.items() if k not in ("step", "group")}
    into = _by_slug(target["groups"], data["group"], "name")
    if into is None:
        into = {"name": data["group"], "measures": []}
        target["groups"].append(into)
    if place is not None and place[0] is target and place[1] is into:
        into["measures"].insert(place[2], measure)  # an edit keeps its place in the group
    else:
        into["measures"].append(measure)
