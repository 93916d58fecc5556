"""`tiltakstrapp check`: every problem in broken content is named with file, line and field."""

from pathlib import Path

import pytest
import yaml

from server.cli import main
from server.content.loader import load_content
from server.content.problems import ContentError


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _first_measure(data: dict) -> dict:  # type: ignore[type-arg]
    return data["groups"][0]["measures"][0]


def test_the_bundled_content_passes_the_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "Innholdet er i orden" in capsys.readouterr().out


def test_an_editor_sees_every_problem_with_file_line_and_field(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    steps = content_copy / "elverum" / "steps"
    other_slug = yaml.safe_load((steps / "2.yaml").read_text())["groups"][0]["measures"][0]["slug"]

    def break_step_one(data: dict) -> None:  # type: ignore[type-arg]
        measure = _first_measure(data)
        del measure["title"]  # required field missing
        measure["summary"] = ""  # required field empty
        measure["slug"] = "Ikke OK"  # not URL-safe
        measure["topics"] = ["finnes-ikke"]  # unknown topic
        measure["age_from"], measure["age_to"] = 12, 40  # over 30
        measure["last_checked"] = "22.11.2026"  # not an ISO date
        measure["colour"] = "blå"  # unknown field
        second = data["groups"][0]["measures"][1]
        second["slug"] = other_slug  # slug used on step 2 too

    _edit(steps / "1.yaml", break_step_one)
    (steps / "3.yaml").rename(steps / "9.yaml")  # a gap in the step numbers
    _edit(steps / "9.yaml", lambda data: data.update(number=9))

    assert main(["check", str(content_copy)]) == 1
    err = capsys.readouterr().err
    lines = [line.strip() for line in err.splitlines()[1:]]
    expected = [
        ("elverum/steps/1.yaml:", "title: mangler"),
        ("elverum/steps/1.yaml:", "summary: kan ikke være tom"),
        ("elverum/steps/1.yaml:", "slug: kan bare ha små bokstaver a–z, tall og bindestrek"),
        ("elverum/steps/1.yaml:", "age_to: kan ikke være over 30"),
        ("elverum/steps/1.yaml:", "last_checked: må være en dato på formen ÅÅÅÅ-MM-DD"),
        ("elverum/steps/1.yaml:", "ukjent felt «colour»"),
    ]
    for file, message in expected:
        assert any(line.startswith(file) and message in line for line in lines), (file, message, err)
    # Every problem names a line number in its file.
    assert all(line.split(":")[1].isdigit() for line in lines if line.startswith("elverum/steps/1.yaml")), err
    assert "Traceback" not in err


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
