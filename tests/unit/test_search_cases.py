"""The server's search finds what people mean: every case in tests/search_cases.yaml."""

from pathlib import Path

import pytest
import yaml

from server.catalogue import Catalogue
from server.content.loader import content_hash, load_content
from server.search import fold, search, tokens, within_one_edit

CASES = yaml.safe_load((Path(__file__).parents[1] / "search_cases.yaml").read_text(encoding="utf-8"))
CATALOGUE = Catalogue.build(load_content(), content_hash(Path(__file__).parents[2] / "content"))


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[f"{c['municipality']}:{c['query']}" for c in CASES])
def test_a_person_finds_the_measure_they_mean_in_the_top_three(case: dict[str, str]) -> None:
    index = CATALOGUE.municipalities[case["municipality"]]
    assert case["expect"] in index.measures, "the case names a measure that does not exist"
    top = [hit.placed.measure.slug for hit in search(CATALOGUE, index, case["query"])[:3]]
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
    assert isinstance(search(CATALOGUE, index, "og i til"), list)
