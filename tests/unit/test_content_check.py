"""`tiltakstrapp check`: every problem in broken content is named with file, line and field."""

from pathlib import Path

import pytest
import yaml

from server.cli import main
from server.content.loader import load_content
from server.content.problems import ContentError
from server.content.yaml_source import read_yaml


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _first_measure(data: dict) -> dict:  # type: ignore[type-arg]
    return data["groups"][0]["measures"][0]


def test_the_bundled_content_passes_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "Innholdet er i orden" in capsys.readouterr().out


def _line(path: Path, text: str) -> int:
    """The number of the one line in a file that holds `text`, counted from 1 as editors do."""
    numbers = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(numbers) == 1, f"{text!r} is on lines {numbers} of {path}: the test needs it once"
    return numbers[0]


def _assert_check_reports_exactly(content: Path, expected: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(content)]) == 1
    err = capsys.readouterr().err
    head, *lines = err.splitlines()
    assert head == f"Fant {len(lines)} problem(er) i innholdet:" and "Traceback" not in err, err
    reported = [line.strip() for line in lines]
    missing = [line for line in expected if line not in reported]
    unexpected = [line for line in reported if line not in expected]
    assert not missing and not unexpected, "\n".join(["missing:", *missing, "unexpected:", *unexpected])
    assert len(reported) == len(expected), reported


def test_an_editor_sees_every_problem_with_file_line_and_field(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Must catch a wrong line number (off by one, the line of the measure instead of the field),
    # a wrong file or field, and a problem left out: each of the nine injected is named exactly.
    steps = content_copy / "elverum" / "steps"
    step_one, step_two = steps / "1.yaml", steps / "2.yaml"
    first = _first_measure(yaml.safe_load(step_one.read_text()))
    other_slug = _first_measure(yaml.safe_load(step_two.read_text()))["slug"]
    original = step_one.read_text(encoding="utf-8")

    def break_fields(data: dict) -> None:  # type: ignore[type-arg]
        measure = _first_measure(data)
        del measure["title"]  # required field missing
        measure["summary"] = ""  # required field empty
        measure["slug"] = "Ikke OK"  # not URL-safe
        measure["age_from"], measure["age_to"] = 12, 40  # over 30
        measure["last_checked"] = "22.11.2026"  # not an ISO date
        measure["colour"] = "blå"  # unknown field

    renamed = yaml.safe_load(original)["groups"][0]["measures"][1]["slug"]

    def break_references(data: dict) -> None:  # type: ignore[type-arg]
        _first_measure(data)["topics"] = ["finnes-ikke"]  # unknown topic
        data["groups"][0]["measures"][1]["slug"] = other_slug  # slug used on step 2 too

    _edit(step_one, break_references)
    _edit(step_one, break_fields)
    (steps / "3.yaml").rename(steps / "9.yaml")  # a gap in the step numbers
    _edit(steps / "9.yaml", lambda data: data.update(number=9))

    # The fields first: the rules across files wait until every file reads.
    where, measure = "elverum/steps/1.yaml", "groups[0].measures[Ikke OK]"
    start, summary = _line(step_one, "- slug: Ikke OK"), _line(step_one, "summary: ''")
    _assert_check_reports_exactly(
        content_copy,
        [
            f"{where}:{start}: {measure}.title: mangler",  # missing: the measure's own line
            f"{where}:{summary}: {measure}.summary: kan ikke være tom",
            f"{where}:{start}: {measure}.slug: kan bare ha små bokstaver a–z, tall og bindestrek",
            f"{where}:{_line(step_one, 'age_to: 40')}: {measure}.age_to: kan ikke være over 30",
            f"{where}:{_line(step_one, 'last_checked: 22.11.2026')}: {measure}.last_checked: "
            "må være en dato på formen ÅÅÅÅ-MM-DD",
            f"{where}:{_line(step_one, 'colour: blå')}: {measure}.colour: ukjent felt «colour».",
        ],
        capsys,
    )

    # The editor puts the fields right (by hand, so the file keeps its layout); the rest shows.
    step_one.write_text(original, encoding="utf-8")
    _edit(step_one, break_references)
    topics = _line(step_one, "- finnes-ikke") - 1  # the line of `topics:`, above the unknown one
    numbers = sorted(int(path.stem) for path in steps.glob("*.yaml"))
    gaps = [
        f"elverum/steps/{number}.yaml:{_line(steps / f'{number}.yaml', f'number: {number}')}: number: "
        f"trinnene må være nummerert 1, 2, 3 … uten hull; ventet {expected}, fant {number}"
        for expected, number in enumerate(numbers, 1)
        if number != expected
    ]
    assert gaps, numbers
    _assert_check_reports_exactly(
        content_copy,
        [
            f"{where}:{topics}: measures[{first['slug']}].topics: temaet «finnes-ikke» finnes ikke i topics.yaml",
            f"elverum/steps/2.yaml:{_line(step_two, f'- slug: {other_slug}')}: measures[{other_slug}].slug: "
            f"slug «{other_slug}» er allerede brukt i elverum/steps/1.yaml",
            *gaps,
            *_situations_naming(content_copy, renamed),  # the renamed measure's old slug no longer resolves
        ],
        capsys,
    )


def _situations_naming(content: Path, slug: str) -> list[str]:
    """The problem each situation reports when Elverum has no measure called `slug`."""
    data, lines = read_yaml(content / "situations.yaml", "situations.yaml")
    found = []
    for number, situation in enumerate(data):
        for index, fit in enumerate(situation["municipalities"]["elverum"].get("fits", [])):
            if fit["measure"] == slug:
                line = lines[(number, "municipalities", "elverum", "fits", index, "measure")]
                field = f"[{situation['slug']}].municipalities.elverum.fits[{index}].measure"
                found.append(f"situations.yaml:{line}: {field}: tiltaket «{slug}» finnes ikke i Elverum")
    return found


def test_cross_file_problems_are_reported_after_the_fields_are_right(content_copy: Path) -> None:
    steps = content_copy / "elverum" / "steps"
    step_two = yaml.safe_load((steps / "2.yaml").read_text())
    taken = _first_measure(step_two)["slug"]

    def break_references(data: dict) -> None:  # type: ignore[type-arg]
        measure = _first_measure(data)
        measure["topics"] = ["finnes-ikke"]
        measure["terms"] = ["xyz"]
        measure["service"] = "ingen-slik-tjeneste"
        measure["age_from"], measure["age_to"] = 15, 12
        measure["previous_slugs"] = [taken]
        measure["description"] = "Dette er en tekst. Ord " + " ".join(["ord"] * 29) + "."
        measure["summary"] = "Ring UFO for hjelp."

    _edit(steps / "1.yaml", break_references)
    (steps / "3.yaml").rename(steps / "9.yaml")
    _edit(steps / "9.yaml", lambda data: data.update(number=9))
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    messages = [str(problem) for problem in raised.value.problems]
    wanted = [
        "temaet «finnes-ikke» finnes ikke i topics.yaml",
        "ordet «xyz» finnes ikke i glossary.yaml",
        "tjenesten «ingen-slik-tjeneste» finnes ikke",
        "alder fra (15) er høyere enn alder til (12)",
        f"gammel slug «{taken}» er i bruk",
        "en setning har 30 ord",
        "forkortelsen «UFO» står ikke i ordlisten",
        "trinnene må være nummerert 1, 2, 3",
    ]
    for text in wanted:
        assert any(text in message for message in messages), (text, messages)
    assert all(message.startswith("elverum/steps/") for message in messages), messages


def test_broken_yaml_names_the_line(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_copy / "glossary.yaml"
    path.write_text(path.read_text() + "\n- slug: [unclosed\n", encoding="utf-8")
    assert main(["check", str(content_copy)]) == 1
    err = capsys.readouterr().err
    assert "glossary.yaml:" in err and "ugyldig YAML" in err
    assert "Traceback" not in err


def test_a_missing_content_folder_is_a_plain_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nothing")]) == 1
    assert "mappen finnes ikke" in capsys.readouterr().err


def test_a_heavy_description_is_refused_with_its_lix(content_copy: Path) -> None:
    steps = content_copy / "stor-elvdal" / "steps"
    heavy = (
        "Tverrfaglig samhandlingskompetanse forutsetter systematisk implementering. "
        "Kommunale velferdstjenester koordineres gjennom forpliktende samarbeidsstrukturer."
    )

    _edit(steps / "1.yaml", lambda data: _first_measure(data).update(description=heavy))
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    (problem,) = raised.value.problems
    assert problem.file == "stor-elvdal/steps/1.yaml" and problem.field.endswith(".description")
    assert "LIX" in problem.message and problem.line


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("summary", "Kort. " * 23 + "Ja.", "er for lang (høyst 140 tegn)"),
        ("description", "Dette er en tekst. Ord " + "ord " * 24 + "ord.", "en setning har 26 ord, høyst 25"),
        ("source", {"document": "finnes-ikke.txt", "text": "Tiltak"}, "dokumentet «finnes-ikke.txt» står ikke"),
    ],
    ids=["long summary", "long sentence", "unknown source"],
)
def test_text_a_twelve_year_old_cannot_read_or_trace_is_refused(
    content_copy: Path, field: str, value: object, message: str
) -> None:
    # Must catch a dropped rule: the site promises summaries of at most 140 characters, sentences of
    # at most 25 words and a source document for every measure, and only loading holds it to that.
    steps = content_copy / "asnes" / "steps"
    _edit(steps / "1.yaml", lambda data: _first_measure(data).update({field: value}))
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    (problem,) = raised.value.problems
    assert problem.file == "asnes/steps/1.yaml" and problem.field.endswith(f".{field}"), problem
    assert message in problem.message and problem.line, problem


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda measure: measure["source"].update(note="Rettet etter 001_3ab6193fe0b6bdf2.txt."),
            "nevner et dokument ved filnavnet",
        ),
        (lambda measure: measure["source"].update(note="Den eldre versjonen (000) sier det."), "ved filnavnet"),
        (lambda measure: measure.update(audience=["ansatte"]), "bare for ansatte"),
        (lambda measure: measure.update(routes=["finnes-ikke"]), "veien inn «finnes-ikke» finnes ikke"),
        (
            lambda measure: measure.update(youth_alone=True, audience=["foreldre"]),
            "youth_alone gjelder tilbud for barn",
        ),
    ],
    ids=["file name", "document number", "staff only", "unknown route", "youth_alone for parents"],
)
def test_what_would_mislead_or_puzzle_a_reader_is_refused(content_copy: Path, change, message: str) -> None:  # type: ignore[no-untyped-def]
    _edit(content_copy / "elverum" / "steps" / "1.yaml", lambda data: change(_first_measure(data)))
    with pytest.raises(ContentError) as raised:
        load_content(content_copy)
    assert any(message in problem.message for problem in raised.value.problems), raised.value.problems


def test_help_without_applying_on_a_high_step_must_say_why_it_is_there(content_copy: Path) -> None:
    from server.content.loader import load_with_warnings

    def drop(data: dict) -> None:  # type: ignore[type-arg]
        for group in data["groups"]:
            for measure in group["measures"]:
                measure.pop("placement", None)

    _edit(content_copy / "elverum" / "steps" / "5.yaml", drop)
    _, warnings = load_with_warnings(content_copy)
    assert any(
        "foreldreveiledning-cos-p" in warning.field and "placement" in warning.message for warning in warnings
    ), warnings
