"""Search a municipality's measures: Norwegian folding, prefixes, one typo, synonyms, field weights.

This is the server's implementation; the browser runs MiniSearch with the same rules over the
same index (see web/static/js/search.js), and `tests/search_cases.yaml` holds both to them.
"""

import re
import unicodedata
from dataclasses import dataclass

from server.catalogue import Catalogue, MunicipalityIndex, Placed

# Field weights: the names people know a measure by count most.
WEIGHTS = {"title": 3.0, "name": 3.0, "terms": 2.0, "summary": 1.5, "description": 1.0, "group": 1.0}
MIN_FUZZY_LENGTH = 5
MAX_RESULTS = 50
_TOKEN = re.compile(r"[a-z0-9]+")
_FOLDS = (("æ", "ae"), ("ø", "o"), ("å", "a"), ("aa", "a"), ("oe", "o"), ("ae", "a"), ("é", "e"), ("ü", "u"))


@dataclass(frozen=True)
class Hit:
    placed: Placed
    score: float


def fold(text: str) -> str:
    """Lower-case and fold Norwegian letters, so ø/oe/o, å/aa/a and æ/ae/a all match."""
    text = text.lower()
    for source, target in _FOLDS:
        text = text.replace(source, target)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def tokens(text: str) -> list[str]:
    """The folded words of a text."""
    return _TOKEN.findall(fold(text))


def within_one_edit(a: str, b: str) -> bool:
    """Whether b is a within one insertion, deletion, substitution or swap of two letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if la < lb else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            return True
    return False


@dataclass(frozen=True)
class _Document:
    placed: Placed
    fields: dict[str, tuple[str, ...]]


def _documents(catalogue: Catalogue, slug: str) -> tuple[_Document, ...]:
    key = ("search-documents", slug)
    if key not in catalogue.cache:
        catalogue.cache[key] = _build_documents(catalogue, slug)
    documents: tuple[_Document, ...] = catalogue.cache[key]
    return documents


def _build_documents(catalogue: Catalogue, slug: str) -> tuple[_Document, ...]:
    index = catalogue.municipalities[slug]
    documents = []
    for placed in index.measures.values():
        measure = placed.measure
        terms = " ".join(
            f"{catalogue.glossary[t].term} {catalogue.glossary[t].expansion}" for t in measure.terms
            if t in catalogue.glossary
        )
        fields = {
            "title": tuple(tokens(measure.title)),
            "name": tuple(tokens(measure.name)),
            "terms": tuple(tokens(terms)),
            "summary": tuple(tokens(measure.summary)),
            "description": tuple(tokens(measure.description)),
            "group": tuple(tokens(placed.group)),
        }
        documents.append(_Document(placed, fields))
    return tuple(documents)


def _expand(catalogue: Catalogue, query: str) -> list[list[str]]:
    """Each query word with the words it also stands for (synonyms, glossary expansions)."""
    words = tokens(query)
    synonyms = {fold(item.word): item.means for item in catalogue.content.synonyms}
    glossary = {fold(term.term).replace("-", ""): term.expansion for term in catalogue.glossary.values()}
    expanded = []
    for word in words:
        alternatives = [word]
        for phrase in synonyms.get(word, []):
            alternatives.extend(tokens(phrase))
        if word in glossary and glossary[word]:
            alternatives.extend(tokens(glossary[word]))
        expanded.append(alternatives)
    return expanded


def _word_score(word: str, field_tokens: tuple[str, ...]) -> float:
    best = 0.0
    for token in field_tokens:
        if token == word:
            return 1.0
        if token.startswith(word) and len(word) >= 2:
            best = max(best, 0.8)
        elif len(word) >= MIN_FUZZY_LENGTH and within_one_edit(word, token[: len(word) + 1]) or (
            len(word) >= MIN_FUZZY_LENGTH and within_one_edit(word, token)
        ):
            best = max(best, 0.5)
    return best


def search(catalogue: Catalogue, index: MunicipalityIndex, query: str) -> list[Hit]:
    """Measures matching every word of the query (or its synonyms), best first."""
    expanded = _expand(catalogue, query)
    if not expanded:
        return []
    hits = []
    for document in _documents(catalogue, index.municipality.slug):
        total = 0.0
        for alternatives in expanded:
            best = 0.0
            for position, word in enumerate(alternatives):
                weight = 1.0 if position == 0 else 0.7
                for field, field_tokens in document.fields.items():
                    best = max(best, weight * WEIGHTS[field] * _word_score(word, field_tokens))
            if best == 0.0:
                break
            total += best
        else:
            hits.append(Hit(document.placed, total))
    hits.sort(key=lambda hit: (-hit.score, hit.placed.step.number, hit.placed.measure.title))
    return hits[:MAX_RESULTS]
