"""Recognise a situation in what someone typed. web/static/js/situations.js is a line-by-line port.

A phrase («slår meg», «vil ikke leve», «mobb*») matches when all its words appear in the query in
the same order, with at most two other words between each (so «pappa slår meg», «mamma og pappa
slår meg» and «han slår meg hver dag» all match «slår meg»). Both are folded as search folds them
(æ/å → a, ø → o, accents dropped). A phrase word of four letters or more also matches a word one
typo away («sla», «slaar», «mobet») with the same first letter, as in search (people rarely get the
first letter wrong, and «gruer» must not be «truer»); a word ending in `*` is a stem («mobb*»).
Unlike search, nothing is a stopword here: «ikke», «meg» and «vil» carry the meaning.
"""

from dataclasses import dataclass

from server.search import tokens, within_one_edit

MAX_GAP = 2  # other words allowed between two words of a phrase
MIN_FUZZY = 4  # a phrase word this long forgives one typo


@dataclass(frozen=True)
class Phrase:
    """A phrase as folded words, each with whether it is a stem."""

    words: tuple[tuple[str, bool], ...]

    @classmethod
    def compile(cls, text: str) -> "Phrase":
        words: list[tuple[str, bool]] = []
        for part in text.split():
            found = tokens(part)
            words += [(word, False) for word in found[:-1]]
            if found:
                words.append((found[-1], part.endswith("*")))
        return cls(tuple(words))


def word_matches(typed: str, word: str, stem: bool) -> bool:
    """Whether a typed word is this phrase word (or, for a stem, starts with it)."""
    if stem:
        return typed.startswith(word)
    if typed == word:
        return True
    return len(word) >= MIN_FUZZY and typed[:1] == word[:1] and within_one_edit(typed, word)


def phrase_matches(typed: list[str], phrase: Phrase) -> bool:
    """Whether the phrase's words are in the typed words, in order, with small gaps."""
    if not phrase.words:
        return False

    def rest(position: int, index: int) -> bool:
        if index == len(phrase.words):
            return True
        word, stem = phrase.words[index]
        end = min(len(typed), position + MAX_GAP + 1)
        return any(word_matches(typed[at], word, stem) and rest(at + 1, index + 1) for at in range(position, end))

    first, stem = phrase.words[0]
    return any(word_matches(typed[at], first, stem) and rest(at + 1, 1) for at in range(len(typed)))


def strength(typed: list[str], phrases: tuple[Phrase, ...]) -> int:
    """How strongly a situation matches: the word count of its longest matching phrase, or 0."""
    best = 0
    for phrase in phrases:
        if len(phrase.words) > best and phrase_matches(typed, phrase):
            best = len(phrase.words)
    return best
