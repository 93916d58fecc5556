"""Rules for situations: every reference resolves, urgent ones name helplines, texts are plain.

A situation speaks to someone who may be scared or in a hurry, so its text is held to a
stricter standard than a measure's: LIX ≤ 35 and no sentence over 20 words (issue 13).
"""

import re
from dataclasses import dataclass

from server.content.model import Content, Kind, Measure, Municipality, Situation, SituationPlace
from server.content.problems import Report
from server.plain import lix, longest_sentence

FILE = "situations.yaml"
MAX_LIX = 35
MAX_SENTENCE_WORDS = 20


@dataclass
class _Situation:
    """Problems of one situation, placed at its lines."""

    report: Report
    number: int
    situation: Situation

    def add(self, path: tuple[str | int, ...], field: str, message: str) -> None:
        self.report.add(FILE, (self.number, *path), f"[{self.situation.slug}].{field}", message)


def check(report: Report, content: Content, changed: set[str] | None = None) -> None:
    """Add a problem for every broken reference or hard text in situations.yaml (the texts only
    of the `changed` situation, when the editor checks one change)."""
    helplines = {line.slug for line in content.helplines}
    municipalities = {item.slug: item for item in content.municipalities}
    measures = {slug: _measures(municipality) for slug, municipality in municipalities.items()}
    groups = {group.name for group in content.situation_words}
    seen: set[str] = set()
    for number, situation in enumerate(content.situations):
        one = _Situation(report, number, situation)
        if situation.slug in seen:
            one.add(("slug",), "slug", f"«{situation.slug}» er brukt før i samme fil")
        seen.add(situation.slug)
        if changed is None or f"situasjon/{situation.slug}" in changed:
            _check_text(one)
            _check_phrases(one, groups)
        for slug in situation.helplines:
            if slug not in helplines:
                one.add(("helplines",), "helplines", f"hjelpetelefonen «{slug}» finnes ikke i helplines.yaml")
        if situation.urgent and not situation.helplines:
            one.add(("urgent",), "helplines", "en situasjon som haster må ha hjelpetelefoner")
        for slug in situation.municipalities:
            if slug not in municipalities:
                one.add(("municipalities", slug), f"municipalities.{slug}", f"kommunen «{slug}» finnes ikke")
        for slug, municipality in municipalities.items():
            place = situation.municipalities.get(slug)
            if place is None:
                one.add(("municipalities",), "municipalities", f"mangler {slug}: tiltak som passer, eller none_fit")
            else:
                _check_place(one, municipality, measures[slug], place)


def _measures(municipality: Municipality) -> dict[str, Measure]:
    """A municipality's measures by slug; a renamed one's old slug follows the rename, as its
    old address does."""
    measures = {m.slug: m for step in municipality.steps for group in step.groups for m in group.measures}
    measures.update({old: m for m in list(measures.values()) for old in m.previous_slugs if old not in measures})
    return measures


def _check_phrases(one: _Situation, groups: set[str]) -> None:
    for index, phrase in enumerate(one.situation.phrases):
        for name in re.findall(r"@([a-z0-9-]+)", phrase):
            if name not in groups:
                one.add(("phrases", index), "phrases", f"ordgruppen «@{name}» finnes ikke i situation_words.yaml")


def _check_text(one: _Situation) -> None:
    score = lix(one.situation.text)
    if score > MAX_LIX:
        one.add(("text",), "text", f"teksten er for tung: LIX {score:.0f}, høyst {MAX_LIX}")
    longest = longest_sentence(one.situation.text)
    if longest > MAX_SENTENCE_WORDS:
        one.add(("text",), "text", f"en setning har {longest} ord, høyst {MAX_SENTENCE_WORDS}")


def _check_place(
    one: _Situation, municipality: Municipality, measures: dict[str, Measure], place: SituationPlace
) -> None:
    slug = municipality.slug
    if not place.fits and not place.none_fit.strip():
        one.add(("municipalities", slug), f"municipalities.{slug}", "ingen tiltak: skriv none_fit")
    seen: set[str] = set()
    for index, fit in enumerate(place.fits):
        path = ("municipalities", slug, "fits", index, "measure")
        field = f"municipalities.{slug}.fits[{index}].measure"
        found = measures.get(fit.measure)
        if found is None:
            one.add(path, field, f"tiltaket «{fit.measure}» finnes ikke i {municipality.name}")
        elif found.kind != Kind.SERVICE:
            one.add(path, field, f"«{fit.measure}» er ikke et tilbud familier kan bruke (kind: {found.kind})")
        if fit.measure in seen:
            one.add(path, field, f"«{fit.measure}» står to ganger")
        seen.add(fit.measure)
