"""Warnings where a measure's text says one thing and its data another (issue 14).

A family acts on the text: «Du søker om plass» under a badge that says «Åpent for alle», or
«gratis» with no price known, misleads at the worst moment. These are warnings, not errors:
`tiltakstrapp check` prints them with file, line and field, and `check --strict` (used in the
tests) fails on them, while a server with a small contradiction in new content still starts.
"""

import re
from collections.abc import Callable, Iterable

from server.content.model import Access, Audience, Measure
from server.content.problems import Report

FIELDS = ("title", "summary", "description", "placement")
_APPLY = re.compile(r"\b(søke|søker|søknad|søknaden|søkes|vedtak|vedtaket)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(ikke|uten|ingen)\b(\s+\w+){0,2}\s*$", re.IGNORECASE)
_FREE = re.compile(r"\bgratis\b", re.IGNORECASE)
_YOU = re.compile(r"\b(du|deg|din|ditt|dine)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\d[ ]?){7}\d(?!\d)")  # eight digits, spaced or not
_RANGE = re.compile(r"\b(?:fra\s+)?(\d{1,2})\s*(?:–|-|til)\s*(\d{1,2})\s*år\b", re.IGNORECASE)
_FROM = re.compile(r"\bfra\s+(\d{1,2})\s+år\b", re.IGNORECASE)
_UNDER = re.compile(r"\bunder\s+(\d{1,2})\s+år\b", re.IGNORECASE)


Located = tuple[str, tuple[str | int, ...], Measure]  # file, path in the file, measure


def check(report: Report, measures: Iterable[Located]) -> None:
    """Add a warning for each contradiction between a measure's text and its data."""
    for file, path, measure in measures:
        for field in FIELDS:
            at = (*path, field)
            name = f"measures[{measure.slug}].{field}"
            _check_text(lambda message: report.add(file, at, name, message), measure, getattr(measure, field))  # noqa: B023


def _check_text(warn: Callable[[str], None], measure: Measure, text: str) -> None:
    if measure.access in (Access.OPEN, Access.CONTACT):
        for match in _APPLY.finditer(text):
            if not _NEGATION.search(text[: match.start()]):
                word, access = match.group(0), measure.access.value
                warn(f"teksten sier «{word}», men access er {access}: søker man, er det application")
                break
    if _FREE.search(text) and not measure.cost:
        warn("teksten sier «gratis», men cost er tom: skriv cost fra planen, eller ta bort ordet")
    if Audience.SYSTEM in measure.audience and _YOU.search(text):
        warn("kommunens eget arbeid (audience system) skal ikke snakke til «du»; skriv om tjenestene")
    for found in [*_EMAIL.findall(text), *_PHONE.findall(text)]:
        if found.replace(" ", "") not in {measure.contact.email, measure.contact.phone.replace(" ", "")}:
            warn(f"«{found}» står i teksten, men er ikke tiltakets egen kontakt (contact)")
    for low, high in _RANGE.findall(text):
        if (measure.age_from, measure.age_to) != (int(low), int(high)):
            warn(f"teksten sier {low}–{high} år, men age_from/age_to er {measure.age_from}/{measure.age_to}")
    for low in _FROM.findall(text):
        if measure.age_from != int(low):
            warn(f"teksten sier fra {low} år, men age_from er {measure.age_from}")
    for high in _UNDER.findall(text):
        if measure.age_to is not None and measure.age_to >= int(high):
            warn(f"teksten sier under {high} år, men age_to er {measure.age_to}")
