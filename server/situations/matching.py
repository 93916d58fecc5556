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

With ~3 500 phrases, testing each against the query took 6–30 ms. So everything is compiled
once into an index: every distinct phrase word (an "atom") gets a number and is filed under its
first letter, which every kind of match shares; a query looks up, for each of its words, only
the atoms of that letter, and then each phrase checks positions it already has (~1 ms).
"""

from dataclasses import dataclass, field

from server.search import tokens, within_one_edit

MAX_GAP = 2  # other words allowed between two words of a phrase
MIN_FUZZY = 4  # a phrase word this long forgives one typo

Word = tuple[str, bool]  # a folded word, and whether it is a stem


def compile_words(text: str) -> list[Word]:
    """The folded words of a text, the last of each part marked as a stem if it ends in `*`."""
    words: list[Word] = []
    for part in text.split():
        found = tokens(part)
        words += [(word, False) for word in found[:-1]]
        if found:
            words.append((found[-1], part.endswith("*")))
    return words


def word_matches(typed: str, word: str, stem: bool) -> bool:
    """Whether a typed word is this phrase word (or, for a stem, starts with it)."""
    if stem:
        return typed.startswith(word)
    if typed == word:
        return True
    return len(word) >= MIN_FUZZY and typed[:1] == word[:1] and within_one_edit(typed, word)


@dataclass
class Matcher:
    """Every situation's phrases, compiled: atoms, slots (alternatives of atoms) and phrases
    (parts of slots), with the atoms filed by first letter."""

    atoms: list[Word] = field(default_factory=list)
    by_letter: dict[str, list[int]] = field(default_factory=dict)
    slots: list[tuple[int, ...]] = field(default_factory=list)
    # Per situation: its phrases, each (size, parts), a part a tuple of slot numbers.
    phrases: list[list[tuple[int, tuple[tuple[int, ...], ...]]]] = field(default_factory=list)
    atom_slots: list[list[int]] = field(default_factory=list)  # atom → the slots it is in
    by_anchor: dict[int, list[tuple[int, int]]] = field(
        default_factory=dict
    )  # a phrase's first slot → (situation, phrase)
    _atom_ids: dict[Word, int] = field(default_factory=dict)
    _slot_ids: dict[tuple[int, ...], int] = field(default_factory=dict)

    @classmethod
    def build(cls, situations: list[list[str]], groups: dict[str, list[str]]) -> "Matcher":
        """From each situation's phrases as written, and the word groups by name."""
        matcher = cls()
        group_slots = {
            name: matcher._slot([matcher._atom(word) for text in words for word in compile_words(text)])
            for name, words in groups.items()
        }
        for phrases in situations:
            compiled: list[tuple[int, tuple[tuple[int, ...], ...]]] = []
            for text in phrases:
                parts = []
                for part in text.split("+"):
                    slots = []
                    for item in part.split():
                        if item.startswith("@"):
                            slots.append(group_slots.get(item[1:], matcher._slot([])))
                        else:
                            slots += [matcher._slot([matcher._atom(word)]) for word in compile_words(item)]
                    if slots:
                        parts.append(tuple(slots))
                if parts:
                    matcher.by_anchor.setdefault(parts[0][0], []).append((len(matcher.phrases), len(compiled)))
                compiled.append((sum(len(part) for part in parts), tuple(parts)))
            matcher.phrases.append(compiled)
        return matcher

    def _atom(self, word: Word) -> int:
        if word not in self._atom_ids:
            self._atom_ids[word] = len(self.atoms)
            self.atoms.append(word)
            self.atom_slots.append([])
            self.by_letter.setdefault(word[0][:1], []).append(self._atom_ids[word])
        return self._atom_ids[word]

    def _slot(self, atoms: list[int]) -> int:
        key = tuple(sorted(set(atoms)))
        if key not in self._slot_ids:
            self._slot_ids[key] = len(self.slots)
            self.slots.append(key)
            for atom in key:
                self.atom_slots[atom].append(self._slot_ids[key])
        return self._slot_ids[key]

    def strengths(self, query: str) -> list[int]:
        """For each situation, the size of its largest phrase the query matches (0: none)."""
        typed = tokens(query)
        at: dict[int, list[int]] = {}  # atom → the positions of the typed words it matches
        for position, word in enumerate(typed):
            for atom in self.by_letter.get(word[:1], ()):
                text, stem = self.atoms[atom]
                if word_matches(word, text, stem):
                    at.setdefault(atom, []).append(position)
        places: dict[int, set[int]] = {}  # slot → positions, for the slots any typed word is in
        for atom, found in at.items():
            for slot in self.atom_slots[atom]:
                places.setdefault(slot, set()).update(found)
        ordered = {slot: sorted(found) for slot, found in places.items()}
        best = [0] * len(self.phrases)
        # Only the phrases whose first word is there can match.
        for slot in ordered:
            for situation, number in self.by_anchor.get(slot, ()):
                size, parts = self.phrases[situation][number]
                if size > best[situation] and all(_part_matches(part, ordered) for part in parts):
                    best[situation] = size
        return best


def _part_matches(part: tuple[int, ...], ordered: dict[int, list[int]]) -> bool:
    """Whether the part's slots stand in the query in order, each within MAX_GAP words of the last."""
    if any(slot not in ordered for slot in part):
        return False
    places = [ordered[slot] for slot in part]

    def rest(after: int, index: int) -> bool:
        if index == len(places):
            return True
        return any(after < p <= after + MAX_GAP + 1 and rest(p, index + 1) for p in places[index])

    return any(rest(start, 1) for start in places[0])
