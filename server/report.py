"""The content report for editors: per municipality, what is there and what is missing."""

import statistics
from collections import Counter

from server.content.model import Content, Kind, Municipality
from server.plain import lix
from server.view import ACCESS_LABELS, DECIDED_LABELS


def _municipality_report(municipality: Municipality) -> list[str]:
    measures = [m for step in municipality.steps for group in step.groups for m in group.measures]
    scores = [lix(measure.description) for measure in measures] or [0.0]
    with_contact = sum(1 for m in measures if any(msgspec_values(m.contact)))
    with_age = sum(1 for m in measures if m.age_from is not None or m.age_to is not None)
    with_cost = sum(1 for m in measures if m.cost)
    kinds = Counter(m.kind for m in measures)
    services = [m for m in measures if m.kind == Kind.SERVICE]
    ways = Counter(DECIDED_LABELS[m.decided_by] if m.decided_by else ACCESS_LABELS[m.access] for m in services)
    lines = [f"{municipality.name} ({municipality.slug}): {len(measures)} tiltak på {len(municipality.steps)} trinn"]
    for step in municipality.steps:
        count = sum(len(group.measures) for group in step.groups)
        lines.append(f"  Trinn {step.number} {step.plain_name}: {count} tiltak i {len(step.groups)} grupper")
    lines += [
        f"  LIX: median {statistics.median(scores):.1f}, høyest {max(scores):.1f}",
        f"  Med kontaktinformasjon: {with_contact} av {len(measures)}",
        f"  Med aldersgrense: {with_age} av {len(measures)}",
        f"  Med pris: {with_cost} av {len(measures)}",
        f"  Tilbud familier kan bruke (service): {kinds[Kind.SERVICE]}",
        f"  Planer kommunen jobber med (plan): {kinds[Kind.PLAN]}",
        f"  Kommunens eget arbeid (system): {kinds[Kind.SYSTEM]}",
        "  Slik får man tilbudene: " + ", ".join(f"{label} {count}" for label, count in ways.most_common()),
    ]
    oldest = min((m.last_checked for m in measures), default=None)
    if oldest is not None:
        lines.append(f"  Eldste kontroll: {oldest.isoformat()}")
    return lines


def msgspec_values(struct: object) -> list[str]:
    """The non-empty string fields of a Struct, e.g. the known parts of a contact."""
    fields = getattr(struct, "__struct_fields__", ())
    return [value for name in fields if isinstance(value := getattr(struct, name), str) and value]


def _thin_situations(content: Content, municipality: Municipality) -> list[str]:
    """Situations with fewer than two fitting measures here: where the ladder is thin."""
    lines = []
    for situation in content.situations:
        place = situation.municipalities.get(municipality.slug)
        count = len(place.fits) if place else 0
        if count < 2:
            lines.append(
                f"    {situation.slug}: {count} tiltak"
                + (" (med tekst om hvor man kan spørre)" if place and place.none_fit else "")
            )
    header = f"  Situasjoner med færre enn to tiltak som passer: {len(lines)} av {len(content.situations)}"
    return [header, *lines]


def content_report(content: Content) -> str:
    """The report as text, one block per municipality."""
    blocks = [
        "\n".join([*_municipality_report(item), *_thin_situations(content, item)]) for item in content.municipalities
    ]
    blocks.append(f"Ordliste: {len(content.glossary)} ord. Hjelpetelefoner: {len(content.helplines)}.")
    return "\n\n".join(blocks)
