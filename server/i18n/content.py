"""The content as a language shows it: the Norwegian Structs with each text replaced by its
translation from the store (`content.translations`), built once per language and publish.

A translation is used only while the Norwegian it was made from is the Norwegian now (its `from`
hash matches). Otherwise the page shows the Norwegian, never the old translation, and the text
says why: a `Shown` string (a `str`, so everything that reads text reads it as before) carries the
language it is really in and the reason, for the page's `lang` attribute and its note.

English translates every text; Ukrainian, Arabic and Polish the essentials
(server/content/translations.py). A text a language does not translate (a measure's description,
the glossary's explanations …) is shown in English where the English is current, else in
Norwegian; a measure page offers its description in both, for the reader to choose.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import msgspec
from msgspec.structs import replace

from server.catalogue import Catalogue
from server.content.model import (
    ConcernPage,
    Content,
    GlossaryTerm,
    Helpline,
    Measure,
    Municipality,
    Route,
    Section,
    Situation,
    SituationPlace,
    Step,
    Translated,
    Value,
)
from server.content.translations import SHARED_SCOPE, source_hash, translatable
from server.i18n.languages import SITE_LANGUAGES, SOURCE

MISSING = "missing"
"""Not translated yet: the Norwegian is shown."""
STALE = "stale"
"""The Norwegian changed since the translation was made: the Norwegian is shown."""
ELSEWHERE = "elsewhere"
"""The language does not translate this text: English (or Norwegian) is shown."""
SECOND = "en"
"""Where a language does not translate a text, it shows the English, if current."""
S = TypeVar("S", bound=msgspec.Struct)


class Shown(str):
    """A text in another language than the page's: `lang` says which, `reason` why."""

    lang: str
    reason: str

    def __new__(cls, text: str, lang: str, reason: str) -> "Shown":
        shown = super().__new__(cls, text)
        shown.lang = lang
        shown.reason = reason
        return shown


def as_text(value: object) -> str:
    """For msgspec's encoders (`enc_hook`): a `Shown` text is sent as the plain text it is."""
    if isinstance(value, str):
        return str.__str__(value)
    raise NotImplementedError(f"cannot encode {type(value).__name__}")


def shown_lang(text: object) -> str | None:
    """The language a text is really in, when it is not the page's (None: the page's)."""
    return text.lang if isinstance(text, Shown) else None


@dataclass
class Texts:
    """One language's texts of one scope (`felles` or a municipality), looked up by path."""

    code: str
    own: dict[str, Translated]
    english: dict[str, Translated]
    translated: frozenset[str]
    """The paths this language translates (every path for English, the essentials otherwise)."""
    asked: set[str] = field(default_factory=set)

    def text(self, path: str, norwegian: str) -> str:
        """The text to show for a path whose Norwegian is `norwegian`."""
        value = self.value(path, norwegian)
        return value if isinstance(value, str) else norwegian

    def items(self, path: str, norwegian: list[str]) -> list[str]:
        """A list field (a plan's commitments), as the language shows it."""
        value = self.value(path, norwegian)
        if isinstance(value, list):
            return value
        return [Shown(item, value.lang, value.reason) if isinstance(value, Shown) else item for item in norwegian]

    def value(self, path: str, norwegian: Value) -> Value:
        self.asked.add(path)
        if not norwegian or self.code == SOURCE:
            return norwegian
        wanted = source_hash(norwegian)
        own = self.own.get(path)
        if own is not None and own.source == wanted and type(own.text) is type(norwegian):
            return own.text
        if path in self.translated:
            return _marked(norwegian, SOURCE, STALE if own is not None else MISSING)
        english = self.english.get(path)
        if english is not None and english.source == wanted and type(english.text) is type(norwegian):
            return _marked(english.text, SECOND, ELSEWHERE)
        return _marked(norwegian, SOURCE, ELSEWHERE)


def _marked(value: Value, lang: str, reason: str) -> Value:
    if isinstance(value, list):
        return value  # a list keeps its words; only phrases and commitments are lists
    return Shown(value, lang, reason)


@dataclass(frozen=True)
class Translation:
    """The content in one language, and what the pages must say about it."""

    code: str
    content: Content
    machine: dict[str, bool]
    """Per scope: made by machine and not yet checked by a person."""
    asked: frozenset[str]
    """Every path the pages can show (tests hold it equal to what can be translated)."""


def translate(content: Content, code: str) -> Translation:
    """The content as language `code` shows it (Norwegian: the content itself)."""
    language = SITE_LANGUAGES[code]
    files = {(item.language, item.scope): item for item in content.translations}
    paths = translatable(content, language.full)
    machine = {scope: files[(code, scope)].machine for scope in paths if (code, scope) in files}

    def texts(scope: str) -> Texts:
        own = files.get((code, scope))
        english = files.get((SECOND, scope))
        return Texts(
            code,
            own.texts if own else {},
            english.texts if english else {},
            frozenset(paths.get(scope, {})) if code != SOURCE else frozenset(),
        )

    shared = texts(SHARED_SCOPE)
    scopes = [shared]
    municipalities = []
    for municipality in content.municipalities:
        local = texts(municipality.slug)
        scopes.append(local)
        municipalities.append(_municipality(municipality, local))
    translated = replace(
        content,
        municipalities=municipalities,
        topics=[replace(topic, name=shared.text(f"topics.{topic.slug}.name", topic.name)) for topic in content.topics],
        helplines=[_helpline(line, shared) for line in content.helplines],
        routes=[_route(route, shared) for route in content.routes],
        situations=[_situation(situation, shared) for situation in content.situations],
        concern=_concern("concern", content.concern, shared),
        interpreter=_sections("interpreter", content.interpreter, shared),
        glossary=[_term(term, shared) for term in content.glossary],
    )
    asked = frozenset(f"{texts.code}:{path}" for texts in scopes for path in texts.asked)
    return Translation(code, translated, machine, asked)


def _each(items: list[S], change: Callable[[S], S]) -> list[S]:
    return [change(item) for item in items]


def _municipality(municipality: Municipality, texts: Texts) -> Municipality:
    return replace(
        municipality,
        intro=texts.text("intro", municipality.intro),
        steps=_each(municipality.steps, lambda step: _step(step, texts)),
        concern=_concern("concern", municipality.concern, texts),
        retired=_each(
            municipality.retired,
            lambda gone: replace(gone, title=texts.text(f"retired.{gone.slug}.title", gone.title)),
        ),
    )


def _step(step: Step, texts: Texts) -> Step:
    path = f"steps.{step.number}"
    groups = [
        replace(
            group,
            name=texts.text(f"{path}.groups.{index}.name", group.name),
            measures=_each(group.measures, lambda measure: _measure(measure, texts)),
        )
        for index, group in enumerate(step.groups)
    ]
    return replace(
        step,
        plain_name=texts.text(f"{path}.plain_name", step.plain_name),
        plain_summary=texts.text(f"{path}.plain_summary", step.plain_summary),
        plain_goal=texts.text(f"{path}.plain_goal", step.plain_goal),
        official_name=texts.text(f"{path}.official_name", step.official_name),
        subtitle=texts.text(f"{path}.subtitle", step.subtitle),
        goal=texts.text(f"{path}.goal", step.goal),
        commitments=texts.items(f"{path}.commitments", list(step.commitments)),
        groups=groups,
    )


def _measure(measure: Measure, texts: Texts) -> Measure:
    path = f"measures.{measure.slug}"
    return replace(
        measure,
        title=texts.text(f"{path}.title", measure.title),
        summary=texts.text(f"{path}.summary", measure.summary),
        description=texts.text(f"{path}.description", measure.description),
        cost=texts.text(f"{path}.cost", measure.cost),
        placement=texts.text(f"{path}.placement", measure.placement),
        contact=replace(measure.contact, note=texts.text(f"{path}.contact.note", measure.contact.note)),
        source=replace(measure.source, note=texts.text(f"{path}.source.note", measure.source.note)),
    )


def _concern(path: str, page: ConcernPage, texts: Texts) -> ConcernPage:
    return replace(
        page,
        adults=_sections(f"{path}.adults", page.adults, texts),
        staff=_sections(f"{path}.staff", page.staff, texts),
    )


def _sections(path: str, sections: list[Section], texts: Texts) -> list[Section]:
    translated = []
    for index, section in enumerate(sections):
        here = f"{path}.{index}"
        source = section.source
        if source is not None:
            source = replace(source, note=texts.text(f"{here}.source.note", source.note))
        translated.append(
            replace(
                section,
                heading=texts.text(f"{here}.heading", section.heading),
                paragraphs=[texts.text(f"{here}.paragraphs.{n}", text) for n, text in enumerate(section.paragraphs)],
                points=[texts.text(f"{here}.points.{n}", text) for n, text in enumerate(section.points)],
                source=source,
            )
        )
    return translated


def _helpline(line: Helpline, texts: Texts) -> Helpline:
    path = f"helplines.{line.slug}"
    return replace(
        line,
        name=texts.text(f"{path}.name", line.name),
        short_name=texts.text(f"{path}.short_name", line.short_name),
        when=texts.text(f"{path}.when", line.when),
        calling=texts.text(f"{path}.calling", line.calling),
    )


def _route(route: Route, texts: Texts) -> Route:
    path = f"routes.{route.slug}"
    return replace(route, label=texts.text(f"{path}.label", route.label), note=texts.text(f"{path}.note", route.note))


def _situation(situation: Situation, texts: Texts) -> Situation:
    path = f"situations.{situation.slug}"
    phrases = texts.value(f"{path}.phrases", list(situation.phrases))
    own = [phrase for phrase in phrases if phrase not in situation.phrases] if isinstance(phrases, list) else []
    # The language's own words, then, for a situation where a child may be in danger, the
    # Norwegian ones too: someone who writes Norwegian on an English page is in the same danger
    # (danger first, on every path). The other Norwegian phrases stay Norwegian (~12 KB less in
    # each copy for use offline).
    norwegian = list(situation.phrases) if situation.urgent or not own or texts.code == SOURCE else []
    places = {}
    for slug, place in situation.municipalities.items():
        here = f"{path}.municipalities.{slug}"
        fits = [replace(fit, why=texts.text(f"{here}.fits.{fit.measure}.why", fit.why)) for fit in place.fits]
        places[slug] = SituationPlace(fits=fits, none_fit=texts.text(f"{here}.none_fit", place.none_fit))
    return replace(
        situation,
        title=texts.text(f"{path}.title", situation.title),
        text=texts.text(f"{path}.text", situation.text),
        phrases=[*own, *norwegian],
        municipalities=places,
    )


def _term(term: GlossaryTerm, texts: Texts) -> GlossaryTerm:
    path = f"glossary.{term.slug}"
    return replace(
        term,
        expansion=texts.text(f"{path}.expansion", term.expansion),
        explanation=texts.text(f"{path}.explanation", term.explanation),
    )


def in_language(catalogue: Catalogue, code: str) -> Catalogue:
    """The catalogue in language `code`, built once per publish (kept in the Norwegian one's cache)."""
    source = catalogue.source
    if code == source.language:
        return source
    key = ("language", code)
    found: Catalogue | None = source.cache.get(key)
    if found is None:
        translation = translate(source.content, code)
        found = Catalogue.build(translation.content, source.version, language=code, base=source)
        found.cache["translation"] = translation
        source.cache[key] = found
    return found


def machine_made(catalogue: Catalogue, municipality: str | None = None) -> bool:
    """Whether a page's translated texts (the shared ones, and its municipality's) were made by
    machine and not checked by a person yet."""
    translation: Translation | None = catalogue.cache.get("translation")
    if translation is None:
        return False
    scopes = [SHARED_SCOPE, *([municipality] if municipality else [])]
    return any(translation.machine.get(scope, False) for scope in scopes)
