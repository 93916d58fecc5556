"""Content translations: which texts can be translated, under which path, and how a
translation remembers the Norwegian it was made from.

Norwegian bokmål is the source. A translation lives beside the content, one file per language
and scope: `content/i18n/<lang>/felles.yaml` (what all municipalities share) and
`content/i18n/<lang>/<kommune>.yaml`:

    language: en
    machine: true          # made by machine translation, not yet checked by a person
    texts:
      measures.bibliotek.title:
        from: 3f1c0a9b2e7d  # source_hash() of the Norwegian text it was made from
        text: The library

A path names one text field (`translatable` lists every path and its Norwegian text). A list
field (a situation's phrases, a plan's commitments) has a list as its text. When the Norwegian
changes, its hash no longer matches `from`: the translation is *stale*, and the page shows the
Norwegian with a note instead of a wrong old text.

English gets every field (`FULL`); Ukrainian, Arabic and Polish the essentials (`ESSENTIAL`).
"""

import hashlib
from collections.abc import Iterator

import msgspec

from server.content.model import ConcernPage, Content, Municipality, Section, Value

SHARED_SCOPE = "felles"
HASH_LENGTH = 12


class Language(msgspec.Struct, frozen=True):
    code: str
    own_name: str
    """The language's name in itself, as the language switch shows it."""
    direction: str
    full: bool
    """Every text is translated (English); otherwise the essentials."""


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "English", "ltr", full=True),
    "uk": Language("uk", "Українська", "ltr", full=False),
    "ar": Language("ar", "العربية", "rtl", full=False),
    "pl": Language("pl", "Polski", "ltr", full=False),
}


def source_hash(value: Value) -> str:
    """The hash a translation records: of the Norwegian text with its spacing made plain, so a
    re-folded line in the YAML does not make every translation stale."""
    text = "\n".join(" ".join(part.split()) for part in value) if isinstance(value, list) else " ".join(value.split())
    return hashlib.sha256(text.encode()).hexdigest()[:HASH_LENGTH]


def translatable(content: Content, full: bool) -> dict[str, dict[str, Value]]:
    """Every text a language translates: scope → path → the Norwegian text (empty ones left out).
    `full` adds what only English translates (descriptions, the plans' own words, the glossary)."""
    shared = dict(_shared(content, full))
    found = {SHARED_SCOPE: {path: value for path, value in shared.items() if value}}
    for municipality in content.municipalities:
        texts = dict(_municipality(municipality, full))
        found[municipality.slug] = {path: value for path, value in texts.items() if value}
    return found


def _shared(content: Content, full: bool) -> Iterator[tuple[str, Value]]:
    for topic in content.topics:
        yield f"topics.{topic.slug}.name", topic.name
    for line in content.helplines:
        yield f"helplines.{line.slug}.name", line.name
        yield f"helplines.{line.slug}.short_name", line.short_name
        yield f"helplines.{line.slug}.when", line.when
        yield f"helplines.{line.slug}.calling", line.calling
    for route in content.routes:
        yield f"routes.{route.slug}.label", route.label
        yield f"routes.{route.slug}.note", route.note
    for situation in content.situations:
        path = f"situations.{situation.slug}"
        yield f"{path}.title", situation.title
        yield f"{path}.text", situation.text
        yield f"{path}.phrases", list(situation.phrases)
        for slug, place in situation.municipalities.items():
            yield f"{path}.municipalities.{slug}.none_fit", place.none_fit
            for fit in place.fits:
                yield f"{path}.municipalities.{slug}.fits.{fit.measure}.why", fit.why
    yield from _concern("concern", content.concern)
    yield from _sections("interpreter", content.interpreter)
    if full:
        for term in content.glossary:
            yield f"glossary.{term.slug}.expansion", term.expansion
            yield f"glossary.{term.slug}.explanation", term.explanation


def _municipality(municipality: Municipality, full: bool) -> Iterator[tuple[str, Value]]:
    yield "intro", municipality.intro
    for step in municipality.steps:
        path = f"steps.{step.number}"
        yield f"{path}.plain_name", step.plain_name
        yield f"{path}.plain_summary", step.plain_summary
        for index, group in enumerate(step.groups):
            yield f"{path}.groups.{index}.name", group.name
        if full:
            yield f"{path}.plain_goal", step.plain_goal
            yield f"{path}.official_name", step.official_name
            yield f"{path}.subtitle", step.subtitle
            yield f"{path}.goal", step.goal
            yield f"{path}.commitments", list(step.commitments)
        for measure in (m for g in step.groups for m in g.measures):
            path = f"measures.{measure.slug}"
            yield f"{path}.title", measure.title
            yield f"{path}.summary", measure.summary
            if full:
                yield f"{path}.description", measure.description
                yield f"{path}.cost", measure.cost
                yield f"{path}.placement", measure.placement
                yield f"{path}.contact.note", measure.contact.note
                yield f"{path}.source.note", measure.source.note
    yield from _concern("concern", municipality.concern)
    if full:
        for retired in municipality.retired:
            yield f"retired.{retired.slug}.title", retired.title


def _concern(path: str, page: ConcernPage) -> Iterator[tuple[str, Value]]:
    yield from _sections(f"{path}.adults", page.adults)
    yield from _sections(f"{path}.staff", page.staff)


def _sections(path: str, sections: list[Section]) -> Iterator[tuple[str, Value]]:
    for index, section in enumerate(sections):
        yield f"{path}.{index}.heading", section.heading
        for number, paragraph in enumerate(section.paragraphs):
            yield f"{path}.{index}.paragraphs.{number}", paragraph
        for number, point in enumerate(section.points):
            yield f"{path}.{index}.points.{number}", point
        if section.source is not None:
            yield f"{path}.{index}.source.note", section.source.note


def todo(content: Content, language: Language, scope: str) -> dict[str, dict[str, Value]] | None:
    """The texts of a scope that a language lacks or has stale: path → the Norwegian (`nb`) and
    the hash a translation of it records (`from`). None for a scope that does not exist."""
    texts = translatable(content, language.full).get(scope)
    if texts is None:
        return None
    done = next((t.texts for t in content.translations if t.language == language.code and t.scope == scope), {})
    work = {}
    for path, norwegian in texts.items():
        wanted = source_hash(norwegian)
        if path not in done or done[path].source != wanted:
            work[path] = {"from": wanted, "nb": norwegian}
    return work


def check(content: Content) -> tuple[list[str], list[str]]:
    """What `tiltakstrapp check` says of the translations: (problems, warnings). A text English
    lacks is a problem (English has everything); a stale one, or one Ukrainian, Arabic or Polish
    lacks, a warning: the page shows the Norwegian with a note until it is translated again."""
    problems: list[str] = []
    warnings: list[str] = []
    for language in LANGUAGES.values():
        for scope in translatable(content, language.full):
            done = next((t.texts for t in content.translations if (t.language, t.scope) == (language.code, scope)), {})
            for path in todo(content, language, scope) or {}:
                where = f"i18n/{language.code}/{scope}.yaml: {path}"
                if path in done:
                    warnings.append(f"{where} er utdatert: den norske teksten er endret siden oversettelsen")
                elif language.full:
                    problems.append(f"{where} mangler")
                else:
                    warnings.append(f"{where} mangler (vises på norsk)")
    return problems, warnings
