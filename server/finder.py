"""What the search page /{kommune}/sok shows for a query and filters.

Words give the best matches first; filters with no words list every measure that fits, in ladder
order. When nothing is found the page says why: the filters hid the matches (and how many), or
the words matched nothing (and close spellings to try). web/static/js/search.js shows the same
in the browser, from the same engine, and tests/browser/test_search_filters.py holds them equal.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from server.catalogue import Catalogue, MunicipalityIndex, Placed
from server.content.model import Helpline, Kind, Topic
from server.filters import Filters
from server.i18n.interface import Interface, interface
from server.i18n.languages import SOURCE
from server.i18n.search import asks_for_interpreter
from server.search import rank, search, search_index, tokens
from server.situations.local import LocalSituation, matching, situations_of, urgent_helplines
from server.suggestions import real_words, suggestions

NB = interface(SOURCE)
# The form's field names: short, Norwegian, and part of addresses people share.
QUERY, AGE, AUDIENCE, TOPIC, OPEN = "q", "alder", "for", "tema", "apen"


@dataclass(frozen=True)
class Findings:
    """The answer to one search: what to list and, if nothing, what to try."""

    query: str
    filters: Filters
    hits: list[Placed]
    hidden: int  # matches for the words that the filters left out
    suggestions: list[str]  # close spellings, when the words matched nothing
    situations: list[LocalSituation] = field(default_factory=list)  # the words name these, strongest first
    why: dict[str, str] = field(default_factory=dict)  # measure slug → why it fits the situation
    folded: dict[str, list[Placed]] = field(default_factory=dict)  # a result's slug → its service's other matches
    every: list[Placed] = field(default_factory=list)  # every match in order, before one per service (the API)
    interpreter: bool = False  # the words ask for an interpreter: «Du har rett til tolk» first

    def also_on(self, shown: Placed) -> list[int]:
        """The other steps where a result's service matched too, lowest first ([] for none)."""
        steps = {placed.step.number for placed in self.folded.get(shown.measure.slug, [])}
        return sorted(steps - {shown.step.number})

    def covers(self, slug: str) -> list[str]:
        """A result's slug and the slugs of the same service's matches folded into it."""
        return [slug, *(placed.measure.slug for placed in self.folded.get(slug, []))]

    @property
    def helplines_first(self) -> list[Helpline]:
        """The helplines to show before any measure: the words may mean a child is in danger."""
        return urgent_helplines(self.situations)

    @property
    def asked(self) -> bool:
        """Whether the person asked anything: words, filters or both."""
        return bool(self.query) or self.filters.active

    @property
    def headline(self) -> str:
        """How many were found, in words: "3 treff for «ppt»" ("" when nothing was asked)."""
        return headline(self)

    def address(self, slug: str, query: str, filtered: bool = True) -> str:
        """The address of another search from here: other words, the same filters or none."""
        return address(slug, query, self.filters if filtered else Filters())


def headline(found: Findings, words: Interface = NB) -> str:
    """How many were found, in words: "3 treff for «ppt»", "Ingen treff for «x»" ("" when nothing
    was asked). js/search.js words it the same from the page's words."""
    count, query = len(found.hits), found.query
    if query and found.filters.active:
        if not count:
            return words.gettext("Ingen treff for «%(words)s» med filtrene dine") % {"words": query}
        text = words.ngettext(
            "%(num)d treff for «%(words)s» med filtrene dine", "%(num)d treff for «%(words)s» med filtrene dine", count
        )
        return text % {"num": count, "words": query}
    if query:
        if not count:
            return words.gettext("Ingen treff for «%(words)s»") % {"words": query}
        return words.ngettext("%(num)d treff for «%(words)s»", "%(num)d treff for «%(words)s»", count) % {
            "num": count,
            "words": query,
        }
    if found.filters.active:
        if not count:
            return words.gettext("Ingen tilbud passer med filtrene dine")
        text = words.ngettext(
            "%(num)d tilbud passer med filtrene dine", "%(num)d tilbud passer med filtrene dine", count
        )
        return text % {"num": count}
    return ""


def topics_in(catalogue: Catalogue, index: MunicipalityIndex) -> list[Topic]:
    """The topics the municipality's measures use, in the fixed order of topics.yaml."""
    used = {topic for placed in index.measures.values() for topic in placed.measure.topics}
    return [topic for slug, topic in catalogue.topics.items() if slug in used]


def parse_filters(
    catalogue: Catalogue, index: MunicipalityIndex, age: str, audience: str, topic: str, open_: str
) -> Filters:
    topics = {topic.slug for topic in topics_in(catalogue, index)}
    return Filters.parse(age, audience, topic, open_, topics)


def find(catalogue: Catalogue, index: MunicipalityIndex, query: str, filters: Filters) -> Findings:
    """Measures for the words and filters; with no words, every measure the filters accept.

    When the words name a situation («pappa slår meg»), its measures lead, lowest step first,
    then the ordinary matches; the page shows the situation (and its helplines, if urgent) first.
    Words that ask for an interpreter («tolk», «interpreter», «перекладач») show the way to
    «Du har rett til tolk» as well.
    """
    found = _find(catalogue, index, query, filters)
    return replace(found, interpreter=True) if query and asks_for_interpreter(tokens(query)) else found


def _find(catalogue: Catalogue, index: MunicipalityIndex, query: str, filters: Filters) -> Findings:
    keep = filters.accepts if filters.active else None
    if not query:
        hits = (
            [p for p in index.measures.values() if p.measure.kind != Kind.PLAN and filters.accepts(p)]
            if filters.active
            else []
        )
        shown, folded = one_per_service(hits)
        return Findings(query, filters, shown, 0, [], folded=folded)
    named = matching(catalogue, situations_of(catalogue, index), query)
    why = leading(named, keep)
    hits = [index.measures[slug] for slug in why]
    hits += [hit.placed for hit in search(catalogue, index, query, keep) if hit.placed.measure.slug not in why]
    if hits or named:
        shown, folded = one_per_service(hits)
        return Findings(query, filters, shown, 0, [], named, why, folded, hits)
    built = search_index(catalogue, index)
    # As many as the page without the filters shows: each service once.
    unfiltered = [index.measures[slug] for slug, _ in rank(built, query)] if filters.active else []
    hidden = len(one_per_service(unfiltered)[0])
    return Findings(query, filters, [], hidden, [] if hidden else suggestions(built, query, situation_words(catalogue)))


def situation_words(catalogue: Catalogue) -> frozenset[str]:
    """Every word of the situations (titles, texts, phrases, word groups): real words, never
    «corrected» (js/search.js builds the same set from the search index)."""
    if "situation-words" not in catalogue.cache:
        texts = [text for s in catalogue.content.situations for text in (s.title, s.text, *s.phrases)]
        texts += [word for group in catalogue.content.situation_words for word in group.words]
        catalogue.cache["situation-words"] = real_words(texts)
    words: frozenset[str] = catalogue.cache["situation-words"]
    return words


def one_per_service(hits: list[Placed]) -> tuple[list[Placed], dict[str, list[Placed]]]:
    """Each service once, where it ranks first; its other matches (the same service on other
    steps, e.g. PPT on steps 3, 4 and 6) fold into that result, which names their steps
    (issue 17: the same service twice in a list reads as two different places to go)."""
    shown: list[Placed] = []
    first: dict[str, Placed] = {}
    folded: dict[str, list[Placed]] = {}
    for placed in hits:
        service = placed.measure.service
        if service and service in first:
            folded.setdefault(first[service].measure.slug, []).append(placed)
            continue
        if service:
            first[service] = placed
        shown.append(placed)
    return shown, folded


def leading(situations: list[LocalSituation], keep: Callable[[Placed], bool] | None) -> dict[str, str]:
    """The measures of the named situations, in order, each once, with why each fits."""
    why: dict[str, str] = {}
    for local in situations:
        for fitting in local.fits:
            slug = fitting.placed.measure.slug
            if slug not in why and (keep is None or keep(fitting.placed)):
                why[slug] = fitting.why
    return why


def address(slug: str, query: str, filters: Filters) -> str:
    """The search page's address for these words and filters; empty fields are left out."""
    fields = [
        (QUERY, query),
        (AGE, filters.age),
        (AUDIENCE, filters.audience),
        (TOPIC, filters.topic),
        (OPEN, "ja" if filters.open_access else ""),
    ]
    encoded = urlencode([(name, value) for name, value in fields if value])
    return f"/{slug}/sok?{encoded}" if encoded else f"/{slug}/sok"
