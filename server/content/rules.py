"""Rules across files: unique slugs, contiguous steps, references that resolve, plain language."""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from server.content import contradictions, situation_rules
from server.content.model import Access, Audience, ConcernPage, Content, Kind, Measure, Municipality, Step
from server.content.problems import Problem, Report
from server.content.yaml_source import Lines
from server.plain import lix, longest_sentence

MAX_LIX = 40
MAX_SENTENCE_WORDS = 25
# An abbreviation: two or more capitals, optionally with a hyphenated capital part (COS-P).
ABBREVIATION = re.compile(r"(?<![\w-])[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]+)?(?![\w])")
# Capitalised words in the plans that are emphasis, not abbreviations.
NOT_ABBREVIATIONS = frozenset({"OG", "I", "AV", "TIL", "FOR"})
# A plan document's file name («003_94f9c3a9dc839de1.txt», «001_…») or its bare number («(001)»):
# internal names readers must never see (issue 17); the page names a document by its title.
DOCUMENT_NAME = re.compile(r"\b\d{3}_(?:[0-9a-f]{6,}|…)(?:\.txt)?|\(\d{3}\)")
MAX_PLACEMENT_WORDS = 30
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
    _unique(report, "routes.yaml", [route.slug for route in content.routes])
    known_terms = _known_terms(content)
    topics = {topic.slug for topic in content.topics}
    glossary = {term.slug for term in content.glossary}
    routes = {route.slug for route in content.routes}
    _check_routes(report, content)
    alone = (m for i in content.municipalities for s in i.steps for g in s.groups for m in g.measures if m.youth_alone)
    if "taushetsplikt" not in glossary and next(alone, None) is not None:
        report.add("glossary.yaml", (), "taushetsplikt", "youth_alone viser ordlistens «taushetsplikt», som mangler")
    _check_concern(report, "concern.yaml", content.concern)
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
        known = Known(services, topics, glossary, documents, known_terms, routes)
        _check_concern(report, f"{folder}/concern.yaml", municipality.concern)
        for file, path, measure in _measures(folder, municipality):
            if changed is None or f"{municipality.slug}/{measure.slug}" in changed:
                _check_measure(report, file, path, measure, known)
    return report.problems


@dataclass(frozen=True)
class Known:
    """What a measure's references must name: one municipality's services and sources, and the
    shared topics, glossary, abbreviations and national routes."""

    services: set[str]
    topics: set[str]
    glossary: set[str]
    documents: set[str]
    terms: set[str]
    routes: set[str]


def _check_routes(report: Report, content: Content) -> None:
    for index, route in enumerate(content.routes):
        if bool(route.web) == bool(route.tel):
            report.add("routes.yaml", (index, "web"), f"[{index}].web", "skriv enten web (en https-adresse) eller tel")


def _check_concern(report: Report, file: str, page: ConcernPage) -> None:
    """No plan document's file name in what «Er du bekymret for et barn?» shows."""
    for part in ("adults", "staff"):
        for index, section in enumerate(getattr(page, part)):
            texts = [section.heading, *section.paragraphs, *section.points]
            texts += [section.source.note] if section.source else []
            if any(DOCUMENT_NAME.search(text) for text in texts):
                report.add(file, (part, index), f"{part}[{index}]", DOCUMENT_NAME_MESSAGE)


DOCUMENT_NAME_MESSAGE = "teksten nevner et dokument ved filnavnet; skriv tittelen (som under sources)"


def warnings(
    content: Content, lines: dict[str, Lines], folders: dict[str, str], changed: set[str] | None = None
) -> list[Problem]:
    """Where a measure's text contradicts its data (server/content/contradictions.py); with
    `changed`, only for the measure an editor changed."""
    report = Report(lines)
    for municipality in content.municipalities:
        measures = _measures(folders[municipality.slug], municipality)
        contradictions.check(
            report, (m for m in measures if changed is None or f"{municipality.slug}/{m[2].slug}" in changed)
        )
        if changed is not None:
            continue
        _check_placement(report, folders[municipality.slug], municipality)
        if not municipality.contact.web:
            # The municipality's site is the next step every measure page offers (issue 17).
            report.add(
                f"{folders[municipality.slug]}/municipality.yaml",
                ("contact",),
                "contact.web",
                "kommunens nettside mangler: tiltak uten egen kontakt får da ingen lenke videre",
            )
    return report.problems


def high_step(step: Step) -> bool:
    """A step where most of the help families can use needs an application, a referral or a decision."""
    family = [measure for group in step.groups for measure in group.measures if measure.kind == Kind.SERVICE]
    higher = [measure for measure in family if measure.access not in (Access.OPEN, Access.CONTACT)]
    return 2 * len(higher) > len(family)


def _check_placement(report: Report, folder: str, municipality: Municipality) -> None:
    """Help you use without applying, on a high step, says why it is there: a parenting course
    among child-welfare measures alarms the family who gets the link (issue 17)."""
    for step in municipality.steps:
        if not high_step(step):
            continue
        for group_index, group in enumerate(step.groups):
            for measure_index, measure in enumerate(group.measures):
                if (
                    measure.kind == Kind.SERVICE
                    and measure.access in (Access.OPEN, Access.CONTACT)
                    and not measure.placement
                ):
                    report.add(
                        _step_file(folder, step),
                        ("groups", group_index, "measures", measure_index, "slug"),
                        f"measures[{measure.slug}].placement",
                        f"trinn {step.number} er mest hjelp du må søke eller bli henvist til: skriv i placement"
                        " én linje om hvorfor dette står her",
                    )


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


def _check_measure(report: Report, file: str, path: tuple[str | int, ...], measure: Measure, known: Known) -> None:
    def add(field: str, message: str) -> None:
        report.add(file, (*path, field), f"measures[{measure.slug}].{field}", message)

    if measure.service is not None and measure.service not in known.services:
        add("service", f"tjenesten «{measure.service}» finnes ikke under services i municipality.yaml")
    for topic in measure.topics:
        if topic not in known.topics:
            add("topics", f"temaet «{topic}» finnes ikke i topics.yaml")
    for term in measure.terms:
        if term not in known.glossary:
            add("terms", f"ordet «{term}» finnes ikke i glossary.yaml")
    for route in measure.routes:
        if route not in known.routes:
            add("routes", f"veien inn «{route}» finnes ikke i routes.yaml")
    _check_reader_facing(add, measure)
    if measure.age_from is not None and measure.age_to is not None and measure.age_from > measure.age_to:
        add("age_from", f"alder fra ({measure.age_from}) er høyere enn alder til ({measure.age_to})")
    if (measure.access == Access.DECIDED) != (measure.decided_by is not None):
        add("decided_by", "decided_by skal stå hvis og bare hvis access er decided (hvem som bestemmer)")
    if (measure.kind == Kind.SYSTEM) != (Audience.SYSTEM in measure.audience):
        add("kind", "kind: system og audience: system hører sammen: kommunens eget arbeid har begge")
    if measure.source.document not in known.documents:
        add("source", f"dokumentet «{measure.source.document}» står ikke under sources i municipality.yaml")
    score = lix(measure.description)
    if score > MAX_LIX:
        add("description", f"teksten er for tung: LIX {score:.0f}, høyst {MAX_LIX} (kortere setninger og ord)")
    longest = longest_sentence(measure.description)
    if longest > MAX_SENTENCE_WORDS:
        add("description", f"en setning har {longest} ord, høyst {MAX_SENTENCE_WORDS}")
    for field in ("name", "title", "summary", "description"):
        for abbreviation in unexplained_abbreviations(getattr(measure, field), known.terms):
            add(field, f"forkortelsen «{abbreviation}» står ikke i ordlisten (glossary.yaml)")


def _check_reader_facing(add: Callable[[str, str], None], measure: Measure) -> None:
    """What a reader of the page would be misled or puzzled by (issue 17)."""
    shown = {
        "title": measure.title,
        "summary": measure.summary,
        "description": measure.description,
        "placement": measure.placement,
        "contact": measure.contact.note,
        "source": measure.source.note,
    }
    for field, text in shown.items():
        if DOCUMENT_NAME.search(text):
            add(field, DOCUMENT_NAME_MESSAGE)
    if measure.kind == Kind.SERVICE and set(measure.audience) == {Audience.ANSATTE}:
        # A family reads the badge as theirs: «Ta kontakt selv» on help only staff can use misleads.
        add("audience", "et tilbud bare for ansatte er ikke hjelp en familie kan bruke: gjør det til kind: system")
    if measure.youth_alone:
        if not {Audience.BARN, Audience.UNGDOM} & set(measure.audience):
            add("youth_alone", "youth_alone gjelder tilbud for barn eller ungdom (audience barn eller ungdom)")
        if measure.access not in (Access.OPEN, Access.CONTACT):
            add("youth_alone", "youth_alone gjelder tilbud du kan ta kontakt med selv (access open eller contact)")
    if len(measure.placement.split()) > MAX_PLACEMENT_WORDS:
        add("placement", f"placement skal være én kort linje, høyst {MAX_PLACEMENT_WORDS} ord")


def unexplained_abbreviations(text: str, known_terms: set[str]) -> list[str]:
    """Abbreviations in a text with no glossary entry, each once, in order."""
    found: list[str] = []
    for match in ABBREVIATION.findall(text):
        if match in NOT_ABBREVIATIONS or normalise_term(match) in known_terms or match in found:
            continue
        found.append(match)
    return found
