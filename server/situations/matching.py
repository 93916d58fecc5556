"""Recognise a situation in what someone typed. web/static/js/situations.js is a line-by-line port.

A phrase («slår meg», «vil ikke leve», «mobb*») matches when all its words appear in the query in
the same order, with at most two other words between each (so «pappa slår meg», «mamma og pappa
slår meg» and «han slår meg hver dag» all match «slår meg»). Both are folded as search folds them
(æ/å → a, ø → o, accents dropped). A phrase word of four letters or more also matches a word one
typo away («sla», «slaar», «mobet») with the same first letter, as in search (people rarely get the
first letter wrong, and «gruer» must not be «truer»); a word ending in `*` is a stem («mobb*»).
Unlike search, nothing is a stopword here: «ikke», «meg» and «vil» carry the meaning.

Two more forms let a few lines cover the many ways people say the same thing:
- `@name` stands for any word of a word group (content/situation_words.yaml), e.g. `@voksen @slag`
  covers «pappa slo», «stefaren banker», «mora dytta»;
- `+` joins parts that may stand anywhere in the query, in any order: `@slag + @hjemme` matches
  «han banker meg når vi er hjemme» and «hjemme hos oss slår pappa».
"""

from collections.abc import Mapping
from dataclasses import dataclass

from server.search import tokens, within_one_edit

MAX_GAP = 2  # other words allowed between two words of a phrase
MIN_FUZZY = 4  # a phrase word this long forgives one typo

# A word of a phrase: the folded word and whether it is a stem; a word group is a tuple of them.
Word = tuple[str, bool]
Slot = tuple[Word, ...]  # one or more alternatives


def compile_words(text: str) -> list[Word]:
    """The folded words of a text, the last of each part marked as a stem if it ends in `*`."""
    words: list[Word] = []
    for part in text.split():
        found = tokens(part)
        words += [(word, False) for word in found[:-1]]
        if found:
            words.append((found[-1], part.endswith("*")))
    return words


@dataclass(frozen=True)
class Phrase:
    """A phrase as parts (joined by `+`), each an ordered list of slots."""

    parts: tuple[tuple[Slot, ...], ...]

    @classmethod
    def compile(cls, text: str, groups: Mapping[str, Slot] | None = None) -> "Phrase":
        parts = []
        for part in text.split("+"):
            slots: list[Slot] = []
            for item in part.split():
                if item.startswith("@"):
                    slots.append((groups or {}).get(item[1:], ()))
                else:
                    slots += [(word,) for word in compile_words(item)]
            if slots:
                parts.append(tuple(slots))
        return cls(tuple(parts))

    @property
    def size(self) -> int:
        return sum(len(part) for part in self.parts)


def compile_group(words: list[str]) -> Slot:
    """A word group as one slot of alternatives."""
    return tuple(word for text in words for word in compile_words(text))


def word_matches(typed: str, word: str, stem: bool) -> bool:
    """Whether a typed word is this phrase word (or, for a stem, starts with it)."""
    if stem:
        return typed.startswith(word)
    if typed == word:
        return True
    return len(word) >= MIN_FUZZY and typed[:1] == word[:1] and within_one_edit(typed, word)


def slot_matches(typed: str, slot: Slot) -> bool:
    return any(word_matches(typed, word, stem) for word, stem in slot)


def part_matches(typed: list[str], part: tuple[Slot, ...]) -> bool:
    """Whether the part's slots are in the typed words, in order, with small gaps."""

    def rest(position: int, index: int) -> bool:
        if index == len(part):
            return True
        end = min(len(typed), position + MAX_GAP + 1)
        return any(slot_matches(typed[at], part[index]) and rest(at + 1, index + 1) for at in range(position, end))

    return any(slot_matches(typed[at], part[0]) and rest(at + 1, 1) for at in range(len(typed)))


def phrase_matches(typed: list[str], phrase: Phrase) -> bool:
    """Whether every part of the phrase is somewhere in the typed words."""
    return bool(phrase.parts) and all(part_matches(typed, part) for part in phrase.parts)


def strength(typed: list[str], phrases: tuple[Phrase, ...]) -> int:
    """How strongly a situation matches: the size of its largest matching phrase, or 0."""
    best = 0
    for phrase in phrases:
        if phrase.size > best and phrase_matches(typed, phrase):
            best = phrase.size
    return best
