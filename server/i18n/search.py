"""What search needs to know about each language: the words that carry no meaning in a query
(stopwords), and the words that ask for an interpreter.

Both go to the browser in the language's search index, so js/search-engine.js and js/search.js
hold no word lists of their own (and every language's list is not sent to everyone).
"""

from server.i18n.languages import SOURCE

# Short, common words of each language, as search folds them (server/search.py `fold`). Norwegian's
# are in server/search.py and js/search-engine.js, where they always were.
STOPWORDS: dict[str, tuple[str, ...]] = {
    "en": tuple(
        "a an and are as at be by can do for from get have how i if in is it me my of on or our "
        "so that the their there this to was we what when where who will with you your".split()
    ),
    "uk": tuple("і й та а але в у на з із до від по за що як це я ти ми ви він вона вони мене мені є чи не".split()),
    "ar": tuple("في من على الى عن ان او مع هذا هذه ما لا هل كيف انا انت هو هي".split()),
    "pl": tuple("i w we z ze na do od po za o a ale czy jak co to jest sie nie mnie mi ja ty my wy".split()),
}
# Words that ask for an interpreter, in every language, folded; a word of the query that starts
# with one of them shows «Du har rett til tolk» above the results (and on the search page).
INTERPRETER = (
    "tolk",  # nb: tolk, tolke, tolken, tolking
    "interpret",  # en: interpreter, interpreting
    "translator",
    "перекладач",  # uk: перекладач, перекладача
    "тлумач",
    "переводчик",  # what many Ukrainians also type (Russian)
    "مترجم",  # ar: مترجم، مترجمة
    "ترجمه",  # ar: ترجمة (taa marbuta folds to ha)
    "tlumacz",  # pl: tłumacz, tłumacza, tłumaczenie (ł folds to l)
)


def stopwords(code: str) -> tuple[str, ...]:
    """The language's stopwords for its search index (none for Norwegian: its own are built in)."""
    return () if code == SOURCE else STOPWORDS.get(code, ())


def asks_for_interpreter(words: list[str]) -> bool:
    """Whether the folded words of a query ask for an interpreter."""
    return any(word.startswith(stem) for word in words for stem in INTERPRETER)
