"""Close spellings to offer ("Mente du …?") when a search finds nothing.

The browser offers the same (suggestions in web/static/js/search-engine.js): the terms of the
index one typo away from a word, or sharing the longest start with it, written as the texts
write them.
"""

import bisect
from collections.abc import Iterable

from server.search import FIELDS, WORD, SearchIndex, fold, query_words, tokens, within_one_edit

MIN_SUGGEST = 3  # letters a word and a suggestion must share at the start
MAX_SUGGESTIONS = 5


def _shared_start(a: str, b: str) -> int:
    length = 0
    while length < min(len(a), len(b)) and a[length] == b[length]:
        length += 1
    return length


def close_terms(search_index: SearchIndex, word: str) -> list[str]:
    """Index terms spelled close to a word that found nothing: one typo away (short words too,
    which search takes only as typed), or sharing the most letters at the start (at least
    MIN_SUGGEST); one typo away first, then the closest in length, then the most common."""
    terms = search_index.terms
    close = [term for term in search_index.starting_with(word[0]) if within_one_edit(word, term)]
    position = bisect.bisect_left(terms, word)
    shared = max((_shared_start(word, terms[i]) for i in (position - 1, position) if 0 <= i < len(terms)), default=0)
    starting = search_index.starting_with(word[:shared]) if shared >= MIN_SUGGEST else ()
    candidates = set(close) | set(starting) if len(word) >= MIN_SUGGEST else set()
    return sorted(
        candidates,
        key=lambda term: (term not in close, abs(len(term) - len(word)), -len(search_index.postings[term]), term),
    )


def spelling(search_index: SearchIndex, term: str) -> str:
    """A term as the texts write it ("støttekontakt", not the folded "stottekontakt")."""
    document = search_index.documents[search_index.postings[term][0][0]]
    for field, _ in FIELDS:
        words: list[str] = WORD.findall(str(document.get(field) or ""))
        for word in words:
            if fold(word) == term:
                return word if word.isupper() else word.lower()
    return term


def real_words(texts: Iterable[str]) -> frozenset[str]:
    """The folded words of texts: a word people type that is one of these is no typo."""
    return frozenset(word for text in texts for word in tokens(text))


def suggestions(search_index: SearchIndex, query: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Words to offer ("Mente du …?") when a query found nothing: up to three per query word,
    none for a real word (`known`: the situations' words), so «sint» gets no «Mente du sitt?»."""
    found: list[str] = []
    for word in query_words(query, search_index.stopwords):
        if word in known:
            continue
        for term in close_terms(search_index, word)[:3]:
            spelled = spelling(search_index, term)
            if spelled not in found:
                found.append(spelled)
    return found[:MAX_SUGGESTIONS]
