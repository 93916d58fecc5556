"""The situation cases (tests/situation_cases*.yaml), read once for the tests that run them."""

from pathlib import Path

import yaml

HERE = Path(__file__).parent
FILES = ("situation_cases.yaml", "situation_cases_holdout.yaml", "situation_cases_holdout2.yaml")


def load(name: str) -> list[dict[str, object]]:
    cases: list[dict[str, object]] = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    return cases


def language(case: dict[str, object]) -> str:
    """The language of the page the case is typed on (issue 18): Norwegian unless it says."""
    return str(case.get("language", "nb"))


ALL = [case for name in FILES for case in load(name)]
URGENT = [case for case in ALL if case.get("urgent")]
NORWEGIAN = [case for case in ALL if language(case) == "nb"]
