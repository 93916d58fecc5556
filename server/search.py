"""Search a municipality's measures: Norwegian folding, prefixes, one typo, synonyms, field weights.

The browser runs the same algorithm (web/static/js/search-engine.js, a line-by-line port) over
the same index JSON, so both give the same answers; `tests/search_cases.yaml` holds both to it.

Scoring, per query word: the best match over the word and its alternatives (synonyms, glossary
expansions), where a match is exact (1.0), a prefix (0.8) or one typo away (0.5; words of five
letters or more), times the weight of the field it is found in, times the term's rarity (idf).
A measure's score is the sum over query words, times the share of query words it matched.
"""

import bisect
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict

from server.catalogue import Catalogue, MunicipalityIndex, Placed
from server.content.model import Kind
from server.view import term_marker

# Heaviest first: a term's first posting for a measure then carries its best weight, so the build
# never has to compare weights (it halves the browser's build time, tests/bench/search.py).
FIELDS = (("title", 3.0), ("name", 3.0), ("terms", 2.0), ("summary", 1.5), ("group", 1.0), ("description", 1.0))
EXACT, PREFIX, FUZZY, FUZZY_PREFIX = 1.0, 0.8, 0.5, 0.4
ALTERNATIVE = 0.8  # a synonym or expansion counts a little less than the word typed
MIN_PREFIX = 2
MIN_FUZZY = 5
MAX_RESULTS = 50
STOPWORDS = frozenset(
    "og i til for pa med en et ei av som er det de du jeg vi meg min mitt "
    "mine hvor hva hvordan kan om at har den fra eller skal ikke mitt noe sin seg nar vil".split()
)
_TOKEN = re.compile(r"[a-z0-9]+")
WORD = re.compile(r"[^\W_]+")  # a word as written: letters and digits, any alphabet
# Two passes with a fixed replacement, not one per spelling (they cannot overlap, so the order
# does not matter): the browser's build folds every text, and this halves the time it takes.
_FOLD_A = re.compile("[æå]|a[ae]")
_FOLD_O = re.compile("ø|oe")


def fold(text: str) -> str:
    """Lower-case, strip accents and fold Norwegian spellings: ø/oe/o, å/aa/a, æ/ae/a (and the
    Polish ł, which has no accent to strip, to l)."""
    text = _FOLD_O.sub("o", _FOLD_A.sub("a", text.lower())).replace("ł", "l")
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def tokens(text: str) -> list[str]:
    """The folded words of a text."""
    return _TOKEN.findall(fold(text))


def within_one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by at most one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


@dataclass(frozen=True)
class SearchIndex:
    """One municipality's measures as an inverted index: term → [(document, best field weight)]."""

    documents: tuple[dict[str, object], ...]
    slugs: tuple[str, ...]
    postings: dict[str, list[tuple[int, float]]]
    terms: tuple[str, ...]  # sorted, for prefix look-ups
    synonyms: dict[str, tuple[str, ...]]
    expansions: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, data: "IndexData") -> "SearchIndex":
        """Build from the same data the browser gets, so both index exactly the same text."""
        postings: dict[str, list[tuple[int, float]]] = {}
        for number, document in enumerate(data["documents"]):
            for field, weight in FIELDS:
                for term in tokens(str(document.get(field) or "")):
                    found = postings.get(term)
                    if found is None:
                        postings[term] = [(number, weight)]
                    elif found[-1][0] != number:  # else already posted, from a heavier field
                        found.append((number, weight))
        documents = tuple(data["documents"])
        slugs = tuple(str(document["slug"]) for document in documents)
        synonyms = {word: tuple(means) for word, means in data["synonyms"].items()}
        expansions = {word: tuple(means) for word, means in data["expansions"].items()}
        return cls(documents, slugs, postings, tuple(sorted(postings)), synonyms, expansions)

    def matches(self, word: str) -> list[tuple[str, float]]:
        """Index terms a query word matches, with how well: exact, prefix, or one typo away."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = EXACT
        if len(word) >= MIN_PREFIX:
            for term in self.starting_with(word):
                found.setdefault(term, PREFIX)
        if len(word) >= MIN_FUZZY:
            # Typos are looked for among terms with the same first letter: people rarely get
            # the first letter wrong, and it keeps a query under a millisecond (tests/bench).
            for term in self.starting_with(word[0]):
                if term in found:
                    continue
                if within_one_edit(word, term):
                    found[term] = FUZZY
                elif len(term) > len(word) + 1 and (
                    within_one_edit(word, term[: len(word)]) or within_one_edit(word, term[: len(word) + 1])
                ):
                    found[term] = FUZZY_PREFIX
        return list(found.items())

    def starting_with(self, prefix: str) -> tuple[str, ...]:
        """The index terms that start with prefix, in order."""
        start = bisect.bisect_left(self.terms, prefix)
        end = bisect.bisect_left(self.terms, prefix + "\x7f", start)
        return self.terms[start:end]

    def idf(self, term: str) -> float:
        """The term's rarity, rounded: logarithms in the browser and here may differ in the last
        bit, which would order two equal scores differently (seen in 6 of 865 random queries)."""
        return math.floor(math.log(1 + len(self.slugs) / len(self.postings[term])) * 1e9 + 0.5) / 1e9


class IndexData(TypedDict):
    """What both search implementations index: a document per measure, synonyms, expansions,
    and the step names the results show."""

    documents: list[dict[str, object]]
    synonyms: dict[str, list[str]]
    expansions: dict[str, list[str]]
    steps: dict[str, str]  # number → plain name, for "Trinn 2: …" on a result


def meaningful(text: str) -> list[str]:
    """The folded words of a text that are not stopwords."""
    return [word for word in tokens(text) if word not in STOPWORDS]


def new_words(text: str, seen: set[str]) -> str:
    """The words of a text, as written, that add something to the index: each once, and none
    that a heavier field or a stopword already covers. A measure's description is most of the
    index's text; sent like this, the browser builds the index from 40 % fewer words
    (tests/bench/search.py) and finds exactly the same, as a word counts once per measure."""
    kept: list[str] = []
    for word in WORD.findall(text):
        found = tokens(word)
        if all(term in seen for term in found):
            continue
        seen.update(found)
        kept.append(word)
    return " ".join(kept)


def index_data(catalogue: Catalogue, index: MunicipalityIndex) -> IndexData:
    """The searchable text of every measure, with what the results show (step, access …)."""
    documents: list[dict[str, object]] = []
    marker = term_marker(catalogue)
    for placed in index.measures.values():
        measure = placed.measure
        if measure.kind == Kind.PLAN:
            continue  # what the municipality is working on is not help anyone can get today
        glossary = [catalogue.glossary[slug] for slug in measure.terms if slug in catalogue.glossary]
        terms = " ".join(f"{term.term} {term.expansion}" for term in glossary)
        heavier = {*STOPWORDS, *tokens(" ".join((measure.title, measure.name, terms, measure.summary, placed.group)))}
        documents.append(
            {
                "slug": measure.slug,
                "title": measure.title,
                "name": measure.name,
                "terms": terms,
                "summary": measure.summary,
                "group": placed.group,
                "description": new_words(measure.description, heavier),
                "step": placed.step.number,
                "access": measure.access.value,
                "decided_by": measure.decided_by.value if measure.decided_by else None,
                "audience": [audience.value for audience in measure.audience],
                "age_from": measure.age_from,
                "age_to": measure.age_to,
                "topics": list(measure.topics),
            }
        )
        if measure.service:
            documents[-1]["service"] = measure.service  # one result per service (js/search.js)
        # The abbreviations of the title and summary, explained under the result (view.py).
        if note := marker.card_note(measure.title, measure.summary):
            documents[-1]["note"] = note
    # Alternatives never include stopwords: "og" in "Arbeids- og velferdsforvaltningen" would
    # otherwise let NAV find nearly every measure.
    synonyms: dict[str, list[str]] = {}
    for item in catalogue.content.synonyms:
        synonyms.setdefault(fold(item.word), []).extend(meaningful(" ".join(item.means)))
    expansions = {
        fold(term.term).replace("-", ""): meaningful(term.expansion)
        for term in catalogue.glossary.values()
        if term.expansion
    }
    steps = {str(step.number): step.plain_name for step in index.municipality.steps}
    return {"documents": documents, "synonyms": synonyms, "expansions": expansions, "steps": steps}


def query_words(query: str) -> list[str]:
    """The words of a query that carry meaning (all of them if every word is a stopword)."""
    words = tokens(query)
    meaningful = [word for word in words if word not in STOPWORDS]
    return meaningful or words


def rank(search_index: SearchIndex, query: str, keep: Callable[[int], bool] | None = None) -> list[tuple[str, float]]:
    """Slugs with scores, best first; `keep` (a document number → bool) filters before the cut."""
    words = query_words(query)
    if not words:
        return []
    totals: dict[int, float] = {}
    matched: dict[int, int] = {}
    for word in words:
        alternatives = [(word, 1.0)]
        extra = search_index.synonyms.get(word, ()) + search_index.expansions.get(word, ())
        alternatives += [(alternative, ALTERNATIVE) for alternative in extra if alternative != word]
        best: dict[int, float] = {}
        for alternative, weight in alternatives:
            for term, quality in search_index.matches(alternative):
                idf = search_index.idf(term)
                for document, field_weight in search_index.postings[term]:
                    score = weight * quality * field_weight * idf
                    if score > best.get(document, 0.0):
                        best[document] = score
        for document, score in best.items():
            totals[document] = totals.get(document, 0.0) + score
            matched[document] = matched.get(document, 0) + 1
    scored = [
        (search_index.slugs[document], total * matched[document] / len(words))
        for document, total in totals.items()
        if keep is None or keep(document)
    ]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored[:MAX_RESULTS]


@dataclass(frozen=True)
class Hit:
    placed: Placed
    score: float


def search_index(catalogue: Catalogue, index: MunicipalityIndex) -> SearchIndex:
    """The municipality's search index, built once per catalogue."""
    key = ("search-index", index.municipality.slug)
    if key not in catalogue.cache:
        catalogue.cache[key] = SearchIndex.build(index_data(catalogue, index))
    built: SearchIndex = catalogue.cache[key]
    return built


def search(
    catalogue: Catalogue, index: MunicipalityIndex, query: str, keep: Callable[[Placed], bool] | None = None
) -> list[Hit]:
    """Measures matching the query, best first; only those `keep` accepts, if given."""
    built = search_index(catalogue, index)
    accepts = None if keep is None else (lambda number: keep(index.measures[built.slugs[number]]))
    return [Hit(index.measures[slug], score) for slug, score in rank(built, query, accepts)]
