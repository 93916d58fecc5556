"""Content problems: what is wrong, where, in words an editor understands."""

import re

import msgspec


class Problem(msgspec.Struct, frozen=True):
    """One thing wrong with the content, with enough to find and fix it."""

    file: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class Report:
    """Collects problems found across files, each placed at the nearest line the YAML gives."""

    def __init__(self, lines: dict[str, dict[tuple[str | int, ...], int]]) -> None:
        self.lines = lines
        self.problems: list[Problem] = []

    def add(self, file: str, path: tuple[str | int, ...], field: str, message: str) -> None:
        file_lines = self.lines.get(file, {})
        probe = path
        while probe and probe not in file_lines:
            probe = probe[:-1]
        self.problems.append(Problem(file, field, message, file_lines.get(probe)))


class ContentError(Exception):
    """Raised when content has problems; carries all of them, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(er) i innholdet")
        self.problems = problems


_TYPE_NAMES = {
    "str": "tekst",
    "int": "et heltall",
    "bool": "true eller false",
    "array": "en liste",
    "object": "en oppslagsliste (nøkkel: verdi)",
    "null": "tom",
    "float": "et tall",
    "date": "en dato",
}

_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Expected `(str|array)` of length >= 1"), "kan ikke være tom"),
    (re.compile(r"Expected `str` of length <= (\d+)"), "er for lang (høyst {0} tegn)"),
    (re.compile(r"Expected `str` matching regex '\^\[a-z0-9\]"), "kan bare ha små bokstaver a–z, tall og bindestrek"),
    (re.compile(r"Expected `str` matching regex '\^\[0-9\]"), "kan bare ha sifre, uten mellomrom"),
    (re.compile(r"Expected `str` matching regex '\^\(\\\\\+"), "må være et telefonnummer med sifre og mellomrom"),
    (re.compile(r"Expected `str` matching regex '\^\(\[\^@"), "må være en e-postadresse"),
    (re.compile(r"Expected `str` matching regex '\^\(https"), "må være en hel adresse som begynner med https://"),
    (re.compile(r"Expected `int` >= (\d+)"), "må være minst {0}"),
    (re.compile(r"Expected `int` <= (\d+)"), "kan ikke være over {0}"),
    (re.compile(r"Invalid enum value '(.*)'"), "har en ugyldig verdi «{0}»"),
    (re.compile(r"Invalid RFC3339 encoded date"), "må være en dato på formen ÅÅÅÅ-MM-DD"),
    (re.compile(r"Expected `date`, got `str`"), "må være en dato på formen ÅÅÅÅ-MM-DD"),
]
_EXPECTED = re.compile(r"Expected `(\w+)[^`]*`(?: \| `\w+`)*, got `(\w+)`")


def plain_message(error: msgspec.ValidationError) -> str:
    """Turn a msgspec validation message into plain Norwegian, dropping msgspec's path."""
    text = str(error).split(" - at `", 1)[0]
    for pattern, message in _TRANSLATIONS:
        match = pattern.search(text)
        if match:
            return message.format(*match.groups())
    match = _EXPECTED.search(text)
    if match:
        wanted, got = (_TYPE_NAMES.get(name, name) for name in match.groups())
        return f"skal være {wanted}, men er {got}"
    return text
