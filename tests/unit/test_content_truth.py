"""What a page promises about a measure is true of the content (issue 17): a step's badges are
the sum of its measures, help only staff use is never «Ta kontakt selv», help you use without
applying on a high step says why it is there, and help young people contact alone says who will
be told what. Every municipality's content, whatever is bundled."""

from collections import Counter

from server.content.model import Access, Audience, Kind
from server.content.rules import high_step
from server.view import badge_label, family_groups, step_accesses
from tests.browser import examples

CATALOGUE = examples.catalogue()
STEPS = [(index.municipality, step) for index in CATALOGUE.municipalities.values() for step in index.municipality.steps]


def test_every_steps_badges_agree_with_its_measures() -> None:
    checked = 0
    for municipality, step in STEPS:
        measures = [measure for _, group in family_groups(step) for measure in group]
        counted = Counter(measure.access for measure in measures)
        badges = dict(step_accesses(step))
        assert badges == dict(counted), f"{municipality.slug} trinn {step.number}: {badges} ≠ {dict(counted)}"
        # One badge says one way in only when every measure of the step uses it.
        if len(badges) == 1:
            assert {measure.access for measure in measures} == set(badges)
        checked += len(measures)
    assert checked > 150  # every measure of every step was looked at


def test_no_measure_only_staff_can_use_says_contact_yourself_or_open_to_all() -> None:
    staff_only = [
        (index.municipality.slug, placed.measure)
        for index in CATALOGUE.municipalities.values()
        for placed in index.measures.values()
        if set(placed.measure.audience) == {Audience.ANSATTE}
    ]
    for slug, measure in staff_only:
        assert measure.kind != Kind.SERVICE, f"{slug}/{measure.slug}"
        assert badge_label(measure) not in {"Ta kontakt selv", "Åpent for alle"} or measure.kind != Kind.SERVICE


def test_help_you_use_without_applying_on_a_high_step_says_why_it_is_there() -> None:
    found = []
    for municipality, step in STEPS:
        if not high_step(step):
            continue
        for _, measures in family_groups(step):
            for measure in measures:
                if measure.access in (Access.OPEN, Access.CONTACT):
                    found.append(f"{municipality.slug}/{measure.slug}")
                    assert measure.placement, f"{municipality.slug}/{measure.slug} says nothing about why"
    # COS-P on Elverum's step 5 among child-welfare measures is the case that started it.
    assert "elverum/foreldreveiledning-cos-p-icdp-pykk-marte-meo" in found


def test_health_help_young_people_contact_alone_says_who_is_told() -> None:
    alone = [
        placed.measure
        for index in CATALOGUE.municipalities.values()
        for placed in index.measures.values()
        if placed.measure.youth_alone
    ]
    slugs = {measure.slug for measure in alone}
    assert {
        "helsestasjon-for-ungdom-trinn-1",
        "skolehelsetjenesten",
        "psykisk-helsetjeneste-barn-og-unge-0-25",
    } <= slugs
    for measure in alone:
        assert {Audience.BARN, Audience.UNGDOM} & set(measure.audience)
        assert measure.access in (Access.OPEN, Access.CONTACT)
    assert "taushetsplikt" in CATALOGUE.glossary
