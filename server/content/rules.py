"""Rules across files: unique slugs, contiguous steps, references that resolve, plain language."""

import re
from collections.abc import Iterator

from server.content import contradictions, situation_rules
from server.content.model import Access, Audience, Content, Kind, Measure, Municipality, Step
from server.content.problems import Problem, Report
from server.content.yaml_source import Lines
from server.plain import lix, longest_sentence

MAX_LIX = 40
MAX_SENTENCE_WORDS = 25
# An abbreviation: two or more capitals, optionally with a hyphenated capital part (COS-P).
ABBREVIATION = re.compile(r"(?<![\w-])[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]+)?(?![\w])")
# Capitalised words in the plans that are emphasis, not abbreviations.
NOT_ABBREVIATIONS = frozenset({"OG", "I", "AV", "TIL", "FOR"})
# First path segments the site uses itself; a municipality cannot be called any of them.
RESERVED_SLUGS = frozenset(
    {"api", "static", "schema", "ordliste", "hjelp", "om", "sok", "sw.js", "offline", "redaksjon", "felles", "healthz"}
)


def normalise_term(term: str) -> str:
    """Compare abbreviations without case or hyphens: COS-P, COSP and Cos-p are the same."""
    return term.upper().replace("-", "").replace(" ", "")


def check(
    content: Content, lines: dict[str, Lines], folders: dict[str, str], changed: set[str] | None = None
) -> list[Problem]:
    """Every cross-file problem in content that passed the per-file checks. With `changed` (the
    editor's one item: `kommune/slug` of a measure, `situasjon/slug`), a text's own checks run
    only for it: the rest was checked when it was published (a save takes 5 ms, not 55)."""
    report = Report(lines)
    situation_rules.check(report, content, changed)
    _unique(report, "topics.yaml", [topic.slug for topic in content.topics])
    _unique(report, "glossary.yaml", [term.slug for term in content.glossary])
    _unique(report, "helplines.yaml", [line.slug for line in content.helplines])
    known_terms = _known_terms(content)
    topics = {topic.slug for topic in content.topics}
    glossary = {term.slug for term in content.glossary}
    for municipality in content.municipalities:
        folder = folders[municipality.slug]
        if municipality.slug in RESERVED_SLUGS:
            report.add(
                f"{folder}/municipality.yaml", ("slug",), "slug", f"«{municipality.slug}» er brukt av nettstedet selv"
            )
        if folder != municipality.slug:
            report.add(f"{folder}/municipality.yaml", ("slug",), "slug", f"må være lik mappenavnet «{folder}»")
        _check_steps(report, folder, municipality)
        _check_slugs(report, folder, municipality)
        services = {service.key for service in municipality.services}
        documents = {source.document for source in municipality.sources}
        for file, path, measure in _measures(folder, municipality):
            if changed is None or f"{municipality.slug}/{measure.slug}" in changed:
                _check_measure(report, file, path, measure, services, topics, glossary, documents, known_terms)
    return report.problems


def warnings(
    content: Content, lines: dict[str, Lines], folders: dict[str, str], changed: set[str] | None = None
) -> list[Problem]:
    """Where a measure's text contradicts its data (server/content/contradictions.py)."""
    report = Report(lines)
    for municipality in content.municipalities:
        measures = _measures(folders[municipality.slug], municipality)
        contradictions.check(
            report, (m for m in measures if changed is None or f"{municipality.slug}/{m[2].slug}" in changed)
        )
    return report.problems


def _unique(report: Report, file: str, slugs: list[str]) -> None:
    seen: set[str] = set()
    for index, slug in enumerate(slugs):
        if slug in seen:
            report.add(file, (index, "slug"), f"[{index}].slug", f"«{slug}» er brukt før i samme fil")
        seen.add(slug)


def _known_terms(content: Content) -> set[str]:
    known = set()
    for term in content.glossary:
        known.add(normalise_term(term.term))
        known.update(normalise_term(alias) for alias in term.aliases)
    return known


def _step_file(folder: str, step: Step) -> str:
    return f"{folder}/steps/{step.number}.yaml"


def _measures(folder: str, municipality: Municipality) -> Iterator[tuple[str, tuple[str | int, ...], Measure]]:
    for step in municipality.steps:
        for group_index, group in enumerate(step.groups):
            for measure_index, measure in enumerate(group.measures):
                yield _step_file(folder, step), ("groups", group_index, "measures", measure_index), measure


def _check_steps(report: Report, folder: str, municipality: Municipality) -> None:
    if not municipality.steps:
        report.add(f"{folder}/municipality.yaml", (), "steps", "kommunen har ingen trinn (mappen steps/ er tom)")
    for expected, step in enumerate(municipality.steps, start=1):
        if step.number != expected:
            report.add(
                _step_file(folder, step),
                ("number",),
                "number",
                f"trinnene må være nummerert 1, 2, 3 … uten hull; ventet {expected}, fant {step.number}",
            )


def _check_slugs(report: Report, folder: str, municipality: Municipality) -> None:
    current: dict[str, str] = {}
    for file, path, measure in _measures(folder, municipality):
        if measure.slug in current:
            report.add(
                file,
                (*path, "slug"),
                f"measures[{measure.slug}].slug",
                f"slug «{measure.slug}» er allerede brukt i {current[measure.slug]}",
            )
        current.setdefault(measure.slug, file)
    for index, gone in enumerate(municipality.retired):
        where = f"{folder}/municipality.yaml"
        if gone.slug in current:
            report.add(
                where, ("retired", index), f"retired[{index}].slug", f"«{gone.slug}» er tatt bort, men brukes fortsatt"
            )
        if not any(step.number == gone.step for step in municipality.steps):
            report.add(where, ("retired", index), f"retired[{index}].step", f"trinn {gone.step} finnes ikke")
    gone_slugs = {gone.slug for gone in municipality.retired}
    retired: dict[str, str] = {}
    for file, path, measure in _measures(folder, municipality):
        for old in measure.previous_slugs:
            if old in gone_slugs:
                report.add(
                    file,
                    (*path, "previous_slugs"),
                    f"measures[{measure.slug}].previous_slugs",
                    f"«{old}» er et tatt bort tiltak og kan ikke gjenbrukes",
                )
        for old in measure.previous_slugs:
            if old in current:
                report.add(
                    file,
                    (*path, "previous_slugs"),
                    f"measures[{measure.slug}].previous_slugs",
                    f"gammel slug «{old}» er i bruk som slug for et annet tiltak og kan ikke gjenbrukes",
                )
            elif old in retired and retired[old] != measure.slug:
                report.add(
                    file,
                    (*path, "previous_slugs"),
                    f"measures[{measure.slug}].previous_slugs",
                    f"gammel slug «{old}» står også hos «{retired[old]}»",
                )
            retired.setdefault(old, measure.slug)


def _check_measure(
    report: Report,
    file: str,
    path: tuple[str | int, ...],
    measure: Measure,
    services: set[str],
    topics: set[str],
    glossary: set[str],
    documents: set[str],
    known_terms: set[str],
) -> None:
    def add(field: str, message: str) -> None:
        report.add(file, (*path, field), f"measures[{measure.slug}].{field}", message)

    if measure.service is not None and measure.service not in services:
        add("service", f"tjenesten «{measure.service}» finnes ikke under services i municipality.yaml")
    for topic in measure.topics:
        if topic not in topics:
            add("topics", f"temaet «{topic}» finnes ikke i topics.yaml")
    for term in measure.terms:
        if term not in glossary:
            add("terms", f"ordet «{term}» finnes ikke i glossary.yaml")
    if measure.age_from is not None and measure.age_to is not None and measure.age_from > measure.age_to:
        add("age_from", f"alder fra ({measure.age_from}) er høyere enn alder til ({measure.age_to})")
    if (measure.access == Access.DECIDED) != (measure.decided_by is not None):
        add("decided_by", "decided_by skal stå hvis og bare hvis access er decided (hvem som bestemmer)")
    if (measure.kind == Kind.SYSTEM) != (Audience.SYSTEM in measure.audience):
        add("kind", "kind: system og audience: system hører sammen: kommunens eget arbeid har begge")
    if measure.source.document not in documents:
        add("source", f"dokumentet «{measure.source.document}» står ikke under sources i municipality.yaml")
    score = lix(measure.description)
    if score > MAX_LIX:
        add("description", f"teksten er for tung: LIX {score:.0f}, høyst {MAX_LIX} (kortere setninger og ord)")
    longest = longest_sentence(measure.description)
    if longest > MAX_SENTENCE_WORDS:
        add("description", f"en setning har {longest} ord, høyst {MAX_SENTENCE_WORDS}")
    for field in ("name", "title", "summary", "description"):
        for abbreviation in unexplained_abbreviations(getattr(measure, field), known_terms):
            add(field, f"forkortelsen «{abbreviation}» står ikke i ordlisten (glossary.yaml)")


def unexplained_abbreviations(text: str, known_terms: set[str]) -> list[str]:
    """Abbreviations in a text with no glossary entry, each once, in order."""
    found: list[str] = []
    for match in ABBREVIATION.findall(text):
        if match in NOT_ABBREVIATIONS or normalise_term(match) in known_terms or match in found:
            continue
        found.append(match)
    return found
