"""The situation cases (tests/situation_cases*.yaml), read once for the tests that run them."""

from pathlib import Path

import yaml

HERE = Path(__file__).parent
FILES = ("situation_cases.yaml", "situation_cases_holdout.yaml", "situation_cases_holdout2.yaml")


def load(name: str) -> list[dict[str, object]]:
    cases: list[dict[str, object]] = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    return cases


ALL = [case for name in FILES for case in load(name)]
URGENT = [case for case in ALL if case.get("urgent")]
