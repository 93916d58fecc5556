"""`tiltakstrapp check` warns where a measure's text contradicts its data (issue 14), naming the
file, line and field; the bundled content has no such contradiction left."""

from pathlib import Path

import pytest
import yaml

from server.cli import main
from tests.unit.test_content_check import _first_measure, _line

STEP = Path("elverum") / "steps" / "1.yaml"


def test_the_bundled_content_has_no_contradiction(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict"]) == 0
    assert "advarsel" not in capsys.readouterr().err


# (what the editor wrote, the fields it changes, what the warning says). The first three are
# what the plans' content said before issue 14 (barnehage «open» but «du søker om plass»; BTI's
# staff e-mail; an age range from a plan heading).
CONTRADICTIONS = [
    (
        {"access": "open", "description": "Du søker om plass hos kommunen."},
        "description",
        "«søker», men access er open",
    ),
    ({"access": "contact", "summary": "Du får et vedtak."}, "summary", "«vedtak», men access er contact"),
    (
        {"description": "Send en e-post til bti@elverum.kommune.no hvis du vil vite mer om det her."},
        "description",
        "ikke tiltakets egen kontakt",
    ),
    ({"description": "Ring 62 43 30 00 for å få hjelp."}, "description", "ikke tiltakets egen kontakt"),
    ({"description": "Tilbudet er for unge fra 0 til 25 år.", "age_from": 0, "age_to": 17}, "description", "0–25 år"),
    ({"summary": "Det er gratis å komme.", "cost": ""}, "summary", "«gratis», men cost er tom"),
    ({"audience": ["system"], "kind": "system", "title": "Du får en plan"}, "title", "skal ikke snakke til «du»"),
]


@pytest.mark.parametrize(("change", "field", "says"), CONTRADICTIONS, ids=[c[2] for c in CONTRADICTIONS])
def test_a_contradiction_is_a_warning_with_file_line_and_field(
    content_copy: Path, capsys: pytest.CaptureFixture[str], change: dict[str, object], field: str, says: str
) -> None:
    path = content_copy / STEP
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    measure = _unused_measure(content_copy, data)
    measure.update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    assert main(["check", str(content_copy)]) == 0  # a warning does not stop the content
    assert main(["check", "--strict", str(content_copy)]) == 1
    err = capsys.readouterr().err
    value = str(change[field])
    line = _line(path, f"{field}: {value}") if not value.startswith("[") else _line(path, f"{field}:")
    expected = f"{STEP.as_posix()}:{line}: measures[{measure['slug']}].{field}:"
    assert any(row.strip().startswith(expected) and says in row for row in err.splitlines()), err


def _unused_measure(content: Path, data: dict) -> dict:  # type: ignore[type-arg]
    """A measure of the step no situation names, so changing its kind breaks nothing else."""
    named = {
        fit["measure"]
        for s in yaml.safe_load((content / "situations.yaml").read_text())
        for fit in s["municipalities"]["elverum"].get("fits", [])
    }
    return next(m for group in data["groups"] for m in group["measures"] if m["slug"] not in named)


def test_no_warning_where_the_text_says_you_need_not_apply(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content_copy / STEP
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _first_measure(data).update({"access": "contact", "description": "Du trenger ikke søke. Du kan komme uten vedtak."})
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    assert main(["check", "--strict", str(content_copy)]) == 0, capsys.readouterr().err
