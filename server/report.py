"""The content report for editors: per municipality, what is there and what is missing."""

import statistics

from server.content.model import Content, Municipality
from server.plain import lix


def _municipality_report(municipality: Municipality) -> list[str]:
    measures = [m for step in municipality.steps for group in step.groups for m in group.measures]
    scores = [lix(measure.description) for measure in measures] or [0.0]
    with_contact = sum(1 for m in measures if any(msgspec_values(m.contact)))
    with_age = sum(1 for m in measures if m.age_from is not None or m.age_to is not None)
    with_cost = sum(1 for m in measures if m.cost)
    system = sum(1 for m in measures if "system" in m.audience)
    lines = [f"{municipality.name} ({municipality.slug}): {len(measures)} tiltak på {len(municipality.steps)} trinn"]
    for step in municipality.steps:
        count = sum(len(group.measures) for group in step.groups)
        lines.append(f"  Trinn {step.number} {step.plain_name}: {count} tiltak i {len(step.groups)} grupper")
    lines += [
        f"  LIX: median {statistics.median(scores):.1f}, høyest {max(scores):.1f}",
        f"  Med kontaktinformasjon: {with_contact} av {len(measures)}",
        f"  Med aldersgrense: {with_age} av {len(measures)}",
        f"  Med pris: {with_cost} av {len(measures)}",
        f"  Kommunens eget arbeid (system): {system}",
    ]
    oldest = min((m.last_checked for m in measures), default=None)
    if oldest is not None:
        lines.append(f"  Eldste kontroll: {oldest.isoformat()}")
    return lines


def msgspec_values(struct: object) -> list[str]:
    """The non-empty string fields of a Struct, e.g. the known parts of a contact."""
    fields = getattr(struct, "__struct_fields__", ())
    return [value for name in fields if isinstance(value := getattr(struct, name), str) and value]


def content_report(content: Content) -> str:
    """The report as text, one block per municipality."""
    blocks = ["\n".join(_municipality_report(item)) for item in content.municipalities]
    blocks.append(f"Ordliste: {len(content.glossary)} ord. Hjelpetelefoner: {len(content.helplines)}.")
    return "\n\n".join(blocks)
