"""Situations as one municipality sees them: the measures that fit, in ladder order, and the
helplines; plus who is asking and the child's age, which may hide some of the fits."""

from collections.abc import Sequence
from dataclasses import dataclass

from server.catalogue import Catalogue, MunicipalityIndex, Placed
from server.content.model import Asker, Audience, Helpline, Situation
from server.i18n.interface import N_
from server.situations.matching import Matcher

# Whose measures each asker may use. A parent also uses what is for the child; staff and other
# adults pass measures on to anyone, so nothing is hidden from them.
ASKER_AUDIENCES: dict[Asker, frozenset[Audience]] = {
    Asker.UNG: frozenset({Audience.BARN, Audience.UNGDOM}),
    Asker.FORELDER: frozenset({Audience.BARN, Audience.UNGDOM, Audience.FORELDRE, Audience.GRAVIDE}),
    Asker.ANNEN_VOKSEN: frozenset(Audience),
}
ASKER_LABELS = {
    Asker.UNG: N_("Jeg er ung"),
    Asker.FORELDER: N_("Jeg er forelder"),
    Asker.ANNEN_VOKSEN: N_("Jeg jobber med barn, eller er en annen voksen"),
}
ASKER_HEADINGS = {
    Asker.UNG: N_("For deg som er ung"),
    Asker.FORELDER: N_("For foreldre"),
    Asker.ANNEN_VOKSEN: N_("For ansatte og andre voksne"),
}
MAX_AGE = 25


@dataclass(frozen=True)
class Fitting:
    """A measure that fits a situation here, and why, in one plain line."""

    placed: Placed
    why: str


@dataclass(frozen=True)
class LocalSituation:
    """A situation in one municipality."""

    situation: Situation
    fits: tuple[Fitting, ...]  # lowest step first; the content's order within a step
    none_fit: str
    helplines: tuple[Helpline, ...]

    @property
    def slug(self) -> str:
        return self.situation.slug

    @property
    def urgent(self) -> bool:
        return self.situation.urgent


def situations_of(catalogue: Catalogue, index: MunicipalityIndex) -> tuple[LocalSituation, ...]:
    """The municipality's situations, built once per catalogue."""
    key = ("situations", index.municipality.slug)
    if key not in catalogue.cache:
        lines = {line.slug: line for line in catalogue.helplines}
        built = []
        for situation in catalogue.content.situations:
            place = situation.municipalities.get(index.municipality.slug)
            fits = [
                Fitting(index.measures[index.redirects.get(fit.measure, fit.measure)], fit.why)
                for fit in (place.fits if place else [])
            ]
            fits.sort(key=lambda fitting: fitting.placed.step.number)  # stable: the content's order within a step
            helplines = tuple(lines[slug] for slug in situation.helplines)
            built.append(LocalSituation(situation, tuple(fits), place.none_fit if place else "", helplines))
        catalogue.cache[key] = tuple(built)
    found: tuple[LocalSituation, ...] = catalogue.cache[key]
    return found


def matcher_of(catalogue: Catalogue) -> Matcher:
    """Every situation's phrases compiled once per catalogue (they are the same everywhere)."""
    matcher: Matcher | None = catalogue.cache.get("situation-matcher")
    if matcher is None:
        groups = {group.name: list(group.words) for group in catalogue.content.situation_words}
        phrases = [list(situation.phrases) for situation in catalogue.content.situations]
        matcher = catalogue.cache["situation-matcher"] = Matcher.build(phrases, groups)
    return matcher


def matching(catalogue: Catalogue, situations: Sequence[LocalSituation], query: str) -> list[LocalSituation]:
    """The situations a query names, strongest first; at equal strength urgent ones first."""
    strengths = matcher_of(catalogue).strengths(query)
    scored = [(strengths[number], number, local) for number, local in enumerate(situations)]
    found = [item for item in scored if item[0] > 0]
    found.sort(key=lambda item: (-item[0], not item[2].urgent, item[1]))
    return [local for _, _, local in found]


def urgent_helplines(situations: Sequence[LocalSituation]) -> list[Helpline]:
    """The helplines of every urgent situation among these, each once, most fitting first."""
    lines: dict[str, Helpline] = {}
    for local in situations:
        if local.urgent:
            lines.update({line.slug: line for line in local.helplines if line.slug not in lines})
    return list(lines.values())


@dataclass(frozen=True)
class Asking:
    """Who is asking and the child's age, from the optional questions; None when not given."""

    asker: Asker | None = None
    age: int | None = None

    @classmethod
    def parse(cls, who: str, age: str) -> "Asking":
        """Unknown or malformed answers are ignored, as the search filters are."""
        asker = next((item for item in Asker if item.value == who), None)
        years = int(age) if age.isdigit() and int(age) <= MAX_AGE else None
        return cls(asker, years)

    @property
    def active(self) -> bool:
        return self.asker is not None or self.age is not None

    def accepts(self, placed: Placed) -> bool:
        measure = placed.measure
        if self.asker is not None and not ASKER_AUDIENCES[self.asker] & set(measure.audience):
            return False
        if self.age is not None:
            low, high = measure.age_from or 0, 30 if measure.age_to is None else measure.age_to
            return low <= self.age <= high
        return True

    def query(self) -> str:
        """The answers as an address's query, for links between the pages ("" when none)."""
        parts = ([f"hvem={self.asker.value}"] if self.asker else []) + (
            [f"alder={self.age}"] if self.age is not None else []
        )
        return "?" + "&".join(parts) if parts else ""


def situation_data(catalogue: Catalogue, index: MunicipalityIndex) -> dict[str, object]:
    """What the browser needs to recognise situations offline (web/static/js/situations.js): the
    phrases and word groups as written, each situation's fits in ladder order, and the helplines."""
    situations = [
        {
            "slug": local.slug,
            "title": local.situation.title,
            "text": local.situation.text,
            "urgent": local.urgent,
            "helplines": [line.slug for line in local.helplines],
            "phrases": list(local.situation.phrases),
            "fits": [[fitting.placed.measure.slug, fitting.why] for fitting in local.fits],
            "none_fit": local.none_fit,
        }
        for local in situations_of(catalogue, index)
    ]
    groups = {group.name: list(group.words) for group in catalogue.content.situation_words}
    helplines = {
        line.slug: {
            "number": line.number,
            "tel": line.tel,
            "name": line.name,
            "when": line.when,
            "calling": line.calling,
        }
        for line in catalogue.helplines
    }
    return {"situations": situations, "groups": groups, "helplines": helplines}
