"""Search understands situations (issue 13): every urgent case shows a helpline before the first
measure, and at least 95 % of the other cases put a fitting measure in the top three.
The browser gives the same answers (tests/browser/test_situation_cases.py)."""

import pytest

from server.filters import Filters
from server.finder import find
from server.i18n.content import in_language
from tests import situation_cases
from tests.browser import examples

CATALOGUE = examples.catalogue()


def _found(case: dict[str, object]):  # type: ignore[no-untyped-def]
    catalogue = in_language(CATALOGUE, situation_cases.language(case))  # the page's language
    return find(catalogue, catalogue.municipalities[str(case["municipality"])], str(case["query"]), Filters())


def test_there_are_enough_cases_written_as_people_write() -> None:
    assert len(situation_cases.ALL) >= 100
    assert len(situation_cases.URGENT) >= 25
    assert {case["municipality"] for case in situation_cases.ALL} == set(CATALOGUE.municipalities)
    # Urgent cases in every language (issue 18), in every municipality.
    for code in ("en", "uk", "ar", "pl"):
        urgent = [case for case in situation_cases.URGENT if situation_cases.language(case) == code]
        assert {case["municipality"] for case in urgent} == set(CATALOGUE.municipalities), code


@pytest.mark.parametrize("case", situation_cases.URGENT, ids=[str(c["query"]) for c in situation_cases.URGENT])
def test_every_urgent_case_shows_a_fitting_helpline_before_any_measure(case: dict[str, object]) -> None:
    lines = [line.slug for line in _found(case).helplines_first]
    assert lines, "no helpline before the measures"
    wanted = set(case.get("helplines") or [])  # type: ignore[call-overload]
    assert not wanted or wanted & set(lines), f"{lines} has none of {sorted(wanted)}"


def test_at_least_95_percent_of_the_other_cases_put_a_fitting_measure_in_the_top_three() -> None:
    others = [case for case in situation_cases.ALL if case.get("top3") and not case.get("urgent")]
    missed = []
    for case in others:
        found = _found(case)
        top = {slug for placed in found.hits[:3] for slug in found.covers(placed.measure.slug)}
        if not top & set(case["top3"]):  # type: ignore[call-overload]
            missed.append(f"{case['municipality']}: «{case['query']}»")
    assert len(missed) <= 0.05 * len(others), f"{len(missed)} of {len(others)} missed: {missed}"
