"""Every measure the municipalities list is in the content, traceable to the plan's wording."""

import difflib
import re
from pathlib import Path

import pytest

from server.content.loader import load_content
from server.content.model import Municipality
from server.search import fold

SOURCES = Path(__file__).resolve().parents[2] / "content" / "sources"  # the plans, as plain text
CONTENT = load_content()
BY_SLUG = {municipality.slug: municipality for municipality in CONTENT.municipalities}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _measures(municipality: Municipality) -> list:  # type: ignore[type-arg]
    return [measure for step in municipality.steps for group in step.groups for measure in group.measures]


def test_every_list_item_on_elverums_ladder_is_a_measure_or_a_commitment() -> None:
    ladder = (SOURCES / "001_3ab6193fe0b6bdf2.txt").read_text(encoding="utf-8").split("TRINN 1", 1)[1]
    items = [_normal(line[2:]) for line in ladder.splitlines() if line.startswith("- ")]
    elverum = BY_SLUG["elverum"]
    sources = [_normal(measure.source.text) for measure in _measures(elverum)]
    commitments = [_normal(text) for step in elverum.steps for text in step.commitments]
    assert len(items) > 150
    missing = [
        item
        for item in items
        if not any(item in source for source in sources)
        and not difflib.get_close_matches(item, commitments, n=1, cutoff=0.95)
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("municipality", "names"),
    [
        (
            "stor-elvdal",
            [
                "svangerskapsomsorg",
                "barselomsorg",
                "barselgrupper",
                "helsestasjonen 0",
                "skolehelsetjenesten",
                "cos-p",
                "barnehage",
                "skole",
                "sfo",
                "leksehjelp",
                "vold i nære relasjoner",
                "utsett",
                "gratis kjernetid",
                "foreldreveiledningskurs",
                "spesialpedagogisk",
                "logoped",
                "psykisk helsetjeneste for barn og unge 0",
                "hjelpetiltak",
                "nav",
                "brukerstyrt personlig",
                "støttekontakt",
                "avlastning",
                "individuell plan",
                "ansvarsgrupper",
                "samarbeidsmøter",
            ],
        ),
        (
            "asnes",
            [
                "utsett",
                "icdp",
                "cos-p",
                "kvello",
                "kartlegging og samhandling 0",
                "psykologisk førstehjelp",
                "tankevirus",
                "jeg vet",
                "gleding",
                "kostholdsprosjekt",
                "fysisk aktivitet",
                "kommunal fysioterapeut",
                "ungdomshus",
                "mestringsuke 40",
                "permisjonstid",
                "pårørende",
                "psykisk syke foresatte",
                "skolehelseteam",
                "fastlegetjenesten",
                "omsorgsovertagelse",
                "akuttplasseringer",
                "bup elverum",
                "stafettlogg",
                "individuell plan med koordinator",
                "barnekoordinator",
                "familiens hus",
                "åsnesmodellen",
                "flyt samspill",
                "ungdataundersøkelse",
                "tilbakemeldingskultur",
            ],
        ),
    ],
)
def test_every_measure_the_plan_names_is_in_the_content(municipality: str, names: list[str]) -> None:
    haystack = [fold(f"{measure.name} {measure.source.text}") for measure in _measures(BY_SLUG[municipality])]
    missing = [name for name in names if not any(fold(name) in text for text in haystack)]
    assert missing == []


def test_system_work_is_marked_so_families_can_keep_it_apart() -> None:
    names = {fold(measure.name): measure for m in CONTENT.municipalities for measure in _measures(m)}
    for name in ("helhetlig plan for oppvekst", "tilbakemeldingskultur", "ungdataundersokelse"):
        measure = next(measure for folded, measure in names.items() if name in folded)
        assert [audience.value for audience in measure.audience] == ["system"], name


def test_the_national_helplines_are_all_there_in_order() -> None:
    numbers = [line.number for line in CONTENT.helplines]
    assert numbers == ["113", "112", "110", "116 117", "116 111", "116 123", "22 40 00 40"]


def test_every_measure_names_a_source_document_that_is_in_the_project() -> None:
    documents = {path.name for path in SOURCES.glob("*.txt")}
    named = {measure.source.document for municipality in CONTENT.municipalities for measure in _measures(municipality)}
    assert len(named) >= 3
    assert named <= documents, sorted(named - documents)
