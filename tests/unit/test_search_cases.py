"""The server's search finds what people mean: every case in tests/search_cases.yaml."""

import copy
from pathlib import Path

import pytest
import yaml

from server.catalogue import Catalogue
from server.content.loader import content_hash, load_content
from server.filters import Filters
from server.finder import find
from server.i18n.content import in_language
from server.search import (
    SearchIndex,
    fold,
    index_data,
    new_words,
    rank,
    search,
    search_index,
    tokens,
    within_one_edit,
)
from server.suggestions import suggestions

CASES = yaml.safe_load((Path(__file__).parents[1] / "search_cases.yaml").read_text(encoding="utf-8"))
CATALOGUE = Catalogue.build(load_content(), content_hash(Path(__file__).parents[2] / "content"))


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.get('language', 'nb')}:{c['municipality']}:{c['query']}" for c in CASES]
)
def test_a_person_finds_the_measure_they_mean_in_the_top_three(case: dict[str, str]) -> None:
    catalogue = in_language(CATALOGUE, case.get("language", "nb"))  # the page's language (issue 18)
    index = catalogue.municipalities[case["municipality"]]
    assert case["expect"] in index.measures, "the case names a measure that does not exist"
    # What the search page shows: a situation the words name leads, then the ordinary matches,
    # each service once (its matches on other steps folded into the result that names them).
    found = find(catalogue, index, case["query"], Filters())
    top = [slug for placed in found.hits[:3] for slug in found.covers(placed.measure.slug)]
    assert case["expect"] in top


def test_norwegian_letters_and_their_ascii_spellings_fold_together() -> None:
    assert fold("Støttekontakt") == fold("stottekontakt") == fold("stoettekontakt")
    assert fold("Åsnes") == fold("Aasnes") == fold("asnes")
    assert fold("Kjærlighet") == fold("kjaerlighet")
    assert tokens("COS-P, PPT og BUP!") == ["cos", "p", "ppt", "og", "bup"]


def test_one_typo_is_an_insertion_deletion_substitution_or_swap() -> None:
    assert within_one_edit("barnvern", "barnevern")  # a letter missing
    assert within_one_edit("barnevvern", "barnevern")  # one too many
    assert within_one_edit("barnevarn", "barnevern")  # one wrong
    assert within_one_edit("barenvern", "barnevern")  # two swapped
    assert not within_one_edit("banrevren", "barnevern")


def test_an_empty_or_stopword_query_is_handled() -> None:
    index = CATALOGUE.municipalities["elverum"]
    assert search(CATALOGUE, index, "") == []
    assert search(CATALOGUE, index, "   ,.;") == []
    assert search(CATALOGUE, index, "og i til")  # only stopwords: searched as written, not dropped


def test_the_index_sends_each_new_word_of_a_description_once_and_finds_the_same() -> None:
    assert new_words("Du kan få hjelp. Hjelp er gratis, og hjelpen er gratis.", {"du", "kan", "er", "og"}) == (
        "få hjelp gratis hjelpen"
    )
    for slug, index in CATALOGUE.municipalities.items():
        data = index_data(CATALOGUE, index)
        whole = copy.deepcopy(data)
        for document in whole["documents"]:
            document["description"] = index.measures[str(document["slug"])].measure.description
        sent, full = SearchIndex.build(data), SearchIndex.build(whole)
        for case in (case for case in CASES if case["municipality"] == slug):
            assert rank(sent, case["query"]) == rank(full, case["query"]), case


def test_a_search_that_finds_nothing_suggests_words_as_the_texts_spell_them() -> None:
    built = search_index(CATALOGUE, CATALOGUE.municipalities["elverum"])
    assert rank(built, "stotekontaktt") == []
    assert suggestions(built, "stotekontaktt")[0] == "støttekontakt"
    assert suggestions(built, "barnevernsinstitusjonen") == ["barnevernsinstitusjon"]
    assert suggestions(built, "qqxzv") == []
