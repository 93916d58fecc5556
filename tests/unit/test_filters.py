from pathlib import Path

from server.catalogue import Catalogue
from server.content.loader import content_hash, load_content
from server.filters import Filters

CATALOGUE = Catalogue.build(load_content(), content_hash(Path(__file__).parents[2] / "content"))
ELVERUM = CATALOGUE.municipalities["elverum"]
TOPICS = set(CATALOGUE.topics)


def _slugs(filters: Filters) -> set[str]:
    return {slug for slug, placed in ELVERUM.measures.items() if filters.accepts(placed)}


def test_unknown_filter_values_are_ignored_not_refused() -> None:
    filters = Filters.parse("7-99", "romvesen", "finnes-ikke", "kanskje", TOPICS)
    assert filters == Filters() and not filters.active
    assert _slugs(filters) == set(ELVERUM.measures)


def test_a_parent_of_a_toddler_sees_measures_for_small_children_and_those_without_an_age_limit() -> None:
    slugs = _slugs(Filters(age="0-5"))
    assert "barnehage" in slugs and "helsestasjon-og-skolehelsetjenesten" in slugs
    assert "ruskonsulent-fra-18-ar" not in slugs  # from 18 years


def test_uten_soknad_keeps_only_what_you_can_use_without_applying() -> None:
    slugs = _slugs(Filters(open_access=True))
    assert "bibliotek" in slugs and "bpa-trinn-4" not in slugs


def test_filters_combine() -> None:
    both = _slugs(Filters(audience="gravide", topic="graviditet-og-smabarn"))
    assert "jordmortjenesten" in both
    assert both <= _slugs(Filters(audience="gravide")) and both <= _slugs(Filters(topic="graviditet-og-smabarn"))
