"""The editing forms: which fields each kind of item has, how they read from a posted form and
how they show. One description per kind drives both, so every field of the content model has a
place in a form (tests/unit/test_editor_forms.py) and a mistake is shown beside its field.

A posted form is kept as it was typed (`raw`), so a page with a mistake shows exactly what the
person wrote, never a half-parsed version of it.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from server.catalogue import Catalogue
from server.content.model import Access, Asker, Audience, DecidedBy, Kind
from server.editor.items import ItemKey
from server.view import ACCESS_LABELS, AUDIENCE_LABELS, DECIDED_LABELS

Choices = list[tuple[str, str]]


@dataclass(frozen=True)
class Field:
    """One form field. `name` is the item's key, dotted for a nested one (`contact.phone`)."""

    name: str
    label: str
    kind: str  # text, textarea, plain (a text whose LIX is shown), int, date, bool, select, checks, csv, lines, pairs
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    pair: tuple[str, str] = ("", "")  # the two keys of each line of a `pairs` field: "a | b"


def _enum(values: Mapping[Any, str]) -> tuple[tuple[str, str], ...]:
    return tuple((str(getattr(key, "value", key)), label) for key, label in values.items())


def measure_fields(catalogue: Catalogue, scope: str) -> list[Field]:
    municipality = catalogue.municipalities[scope].municipality
    steps = tuple((str(step.number), f"Trinn {step.number}: {step.plain_name}") for step in municipality.steps)
    services = (("", "Ingen"), *((s.key, s.name) for s in municipality.services))
    sources = tuple((source.document, source.title) for source in municipality.sources)
    return [
        Field("title", "Tittel i klarspråk", "text"),
        Field("name", "Navn i planen", "text", "Slik tiltaket heter i kommunens plan."),
        Field("summary", "Kort om tiltaket", "textarea", "Én linje, høyst 140 tegn."),
        Field("description", "Hva er dette?", "plain", "2–6 korte setninger til «du». LIX høyst 40."),
        Field("audience", "Hvem er det for?", "checks", choices=_enum(AUDIENCE_LABELS)),
        Field("age_from", "Alder fra", "int", "Bare hvis planen sier det."),
        Field("age_to", "Alder til", "int"),
        Field("access", "Slik får du hjelpen", "select", choices=_enum(ACCESS_LABELS)),
        Field("decided_by", "Hvem bestemmer?", "select", "Bare når ingen søker.", (("", "—"), *_enum(DECIDED_LABELS))),
        Field("kind", "Hva slags tiltak", "select", choices=_enum(KIND_LABELS)),
        Field("topics", "Tema", "checks", choices=tuple((t.slug, t.name) for t in catalogue.topics.values())),
        Field("terms", "Ord fra ordlisten", "csv", "Kortnavn skilt med komma, for eksempel ppt, bti."),
        Field("service", "Samme tjeneste på andre trinn", "select", choices=services),
        Field("cost", "Pris", "text", "Bare det planen sier. Tom hvis ukjent."),
        Field("contact.phone", "Telefon", "text", "Bare et nummer kommunen har gitt."),
        Field("contact.email", "E-post", "text"),
        Field("contact.web", "Nettside", "text"),
        Field("contact.address", "Adresse", "text"),
        Field("contact.note", "Merknad om kontakt", "textarea"),
        Field(
            "routes",
            "Nasjonale veier inn",
            "checks",
            choices=tuple((r.slug, r.label) for r in catalogue.content.routes),
        ),
        Field("youth_alone", "Unge kan ta kontakt alene (siden sier hva tjenesten holder for seg selv)", "bool"),
        Field(
            "placement",
            "Hvorfor tiltaket står på dette trinnet",
            "textarea",
            "Bare når et åpent tilbud står høyt i trappen.",
        ),
        Field("source.document", "Planen det står i", "select", choices=sources),
        Field("source.text", "Ordene i planen", "textarea"),
        Field("source.note", "Slik har vi lest det", "textarea"),
        Field("last_checked", "Sist kontrollert", "date"),
        Field("previous_slugs", "Gamle adresser", "csv", "Tidligere kortnavn som skal sende folk hit."),
        Field("step", "Trinn", "select", choices=steps),
        Field("group", "Gruppe på trinnet", "text"),
    ]


KIND_LABELS = {
    Kind.SERVICE: "Tilbud familier kan bruke",
    Kind.PLAN: "Mål i planen",
    Kind.SYSTEM: "Kommunens eget arbeid",
}
ASKER_LABELS = {Asker.UNG: "Ung", Asker.FORELDER: "Forelder", Asker.ANNEN_VOKSEN: "Annen voksen eller ansatt"}

STEP_FIELDS = [
    Field("plain_name", "Navn i klarspråk", "text"),
    Field("plain_summary", "Kort om trinnet", "textarea"),
    Field("plain_goal", "Målet i klarspråk", "textarea"),
    Field("official_name", "Navn i planen", "text"),
    Field("subtitle", "Undertittel i planen", "text"),
    Field("goal", "Mål i planen", "textarea"),
    Field("commitments", "Kommunen skal (én per linje)", "lines"),
    Field("our_placement", "Planen sier ikke hvilket nivå tiltakene hører til", "bool"),
]
MUNICIPALITY_FIELDS = [
    Field("name", "Navn", "text"),
    Field("model", "Modellen på én linje", "text"),
    Field("intro", "Innledning over trappen", "plain"),
    Field("contact.phone", "Telefon", "text"),
    Field("contact.email", "E-post", "text"),
    Field("contact.web", "Nettside", "text"),
    Field("contact.address", "Adresse", "text"),
    Field("contact.note", "Merknad om kontakt", "textarea"),
    Field("services", "Tjenester på flere trinn (kortnavn | navn)", "pairs", pair=("key", "name")),
]
GLOSSARY_FIELDS = [
    Field("term", "Ord eller forkortelse", "text"),
    Field("expansion", "Står for", "text"),
    Field("explanation", "Forklaring", "plain", "Høyst to enkle setninger."),
    Field("aliases", "Andre former", "csv"),
    Field("link_everywhere", "Lenk ordet overalt der det står", "bool"),
]
FITS_FIELDS = [
    Field("fits", "Tiltak som passer (kortnavn | hvorfor), laveste trinn først", "pairs", pair=("measure", "why")),
    Field("none_fit", "Når ingenting passer: hvor man kan spørre", "textarea"),
]


def situation_fields(catalogue: Catalogue) -> list[Field]:
    return [
        Field("title", "Tittel", "text"),
        Field("text", "Tekst til den som leser", "plain", "2–3 setninger, LIX høyst 35."),
        Field("askers", "Hvem spør", "checks", choices=_enum(ASKER_LABELS)),
        Field("phrases", "Ord og uttrykk folk bruker (ett per linje)", "lines"),
        Field("urgent", "Et barn kan være i fare (hjelpetelefonene først)", "bool"),
        Field("helplines", "Hjelpetelefoner", "checks", choices=tuple((h.slug, h.name) for h in catalogue.helplines)),
        Field("concern_page", "Lenk til «Er du bekymret for et barn?»", "bool"),
    ]


def fields_for(catalogue: Catalogue, key: ItemKey) -> list[Field]:
    if key.scope == "felles":
        return GLOSSARY_FIELDS if key.kind == "ordliste" else situation_fields(catalogue)
    if key.kind == "tiltak":
        return measure_fields(catalogue, key.scope)
    return {"kommune": MUNICIPALITY_FIELDS, "trinn": STEP_FIELDS, "situasjon": FITS_FIELDS}[key.kind]


# ---- From a posted form to item data --------------------------------------------------------


def _value(field: Field, form: Mapping[str, Any]) -> Any:
    raw = form.get(field.name, "")
    if field.kind == "checks":
        values = form.getall(field.name, []) if hasattr(form, "getall") else ([raw] if raw else [])
        return [value for value in values if value]
    text = str(raw).replace("\r\n", "\n").strip()
    if field.kind == "bool":
        return bool(text)
    if field.kind == "int":
        return int(text) if text.isdigit() else (text or None)
    if field.kind == "csv":
        return [part.strip() for part in text.split(",") if part.strip()]
    if field.kind == "lines":
        return [line.strip() for line in text.split("\n") if line.strip()]
    if field.kind == "pairs":
        first, second = field.pair
        rows = [line.split("|", 1) for line in text.split("\n") if line.strip()]
        return [{first: row[0].strip(), second: row[1].strip() if len(row) > 1 else ""} for row in rows]
    if field.kind == "select" and field.name in ("decided_by", "service"):
        return text or None
    if field.kind == "select" and field.name == "step":
        return int(text) if text.isdigit() else text
    if field.kind in ("textarea", "plain"):
        return " ".join(text.split()) if field.name not in ("contact.note",) else text
    return text


def parse(fields: list[Field], form: Mapping[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    """The item as the form describes it, on top of what the form does not show (`base`)."""
    item: dict[str, Any] = {key: value for key, value in base.items()}
    for field in fields:
        value = _value(field, form)
        if field.kind == "checks":
            value = _in_order_of(shown(field, base), value)
        if "." in field.name:
            outer, inner = field.name.split(".", 1)
            item[outer] = {**(item.get(outer) or {}), inner: value}
        else:
            item[field.name] = value
    return item


def _in_order_of(before: list[str], chosen: list[str]) -> list[str]:
    """Ticked boxes in the item's own order (the first topic may be the main one), new ones after:
    saving a form nobody changed changes nothing."""
    return [v for v in before if v in chosen] + [v for v in chosen if v not in before]


# ---- From item data to what the form shows ---------------------------------------------------


def shown(field: Field, item: Mapping[str, Any]) -> Any:
    """The field's value as the form shows it: text for inputs, a list for check boxes."""
    value: Any = item
    for part in field.name.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    if field.kind == "checks":
        return [str(v) for v in value or []]
    if field.kind == "bool":
        return bool(value)
    if value is None:
        return ""
    if field.kind == "csv":
        return ", ".join(value)
    if field.kind == "lines":
        return "\n".join(value)
    if field.kind == "pairs":
        first, second = field.pair
        return "\n".join(f"{row.get(first, '')} | {row.get(second, '')}" for row in value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def typed(field: Field, form: Mapping[str, Any]) -> Any:
    """The field's value as the person typed it, to show again after a mistake."""
    if field.kind == "checks":
        return form.getall(field.name, []) if hasattr(form, "getall") else []
    if field.kind == "bool":
        return bool(form.get(field.name))
    return str(form.get(field.name, ""))


ALL_ACCESS = list(Access)
ALL_AUDIENCE = list(Audience)
ALL_DECIDERS = list(DecidedBy)
