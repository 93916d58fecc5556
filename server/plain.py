"""Plain-language measures for Norwegian text.

LIX (läsbarhetsindex, Björnsson 1968) is the readability index used for Scandinavian text:
words per sentence plus the share of long words (more than six letters) in percent.
Under 30 is very easy, 30–40 easy (children's books, plain public information),
40–50 medium (newspapers), over 50 hard. DESIGN.md asks for LIX ≤ 40 in descriptions.
"""

import re

_WORD = re.compile(r"[0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+(?:[-'][0-9A-Za-zÆØÅæøåÉéÜüÖöÄä]+)*")
# A sentence ends at . ! ? : followed by space and an upper-case letter or digit, or at the end.
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s+[A-ZÆØÅ0-9«\"(]|\s*$)")
_LONG_WORD = 6


def words(text: str) -> list[str]:
    """The words of a text, with hyphenated compounds kept as one word."""
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """The sentences of a text; a text without end punctuation is one sentence."""
    parts = [part.strip() for part in _SENTENCE_END.split(text)]
    return [part for part in parts if words(part)]


def lix(text: str) -> float:
    """LIX of a text: words/sentences + 100 × long words/words. 0 for an empty text."""
    all_words = words(text)
    if not all_words:
        return 0.0
    long_words = sum(1 for word in all_words if len(word) > _LONG_WORD)
    return len(all_words) / max(1, len(sentences(text))) + 100 * long_words / len(all_words)


def longest_sentence(text: str) -> int:
    """The number of words in the longest sentence."""
    return max((len(words(sentence)) for sentence in sentences(text)), default=0)
