"""How well search understands situations: the share of cases answered well, per municipality.

Run: .venv/bin/python -m tests.bench.situations [CASES.yaml …] [--misses]
Default cases: tests/situation_cases.yaml. An urgent case is answered well when a helpline (one of
the case's, if it names them) comes before the first measure; another case when one of its
fitting measures is in the top three. Prints the figures; tests/unit/test_situation_cases.py
holds the targets (100 % urgent, ≥ 95 % of the others).
"""

import argparse
from pathlib import Path

import yaml

from server.catalogue import Catalogue
from server.content.loader import BUNDLED_CONTENT, content_hash, load_content
from server.filters import Filters
from server.finder import find

ROOT = Path(__file__).resolve().parents[2]


def judge(catalogue: Catalogue, case: dict[str, object]) -> tuple[bool | None, bool | None, str]:
    """(urgent answered well or None, top three well or None, what was shown)."""
    found = find(catalogue, catalogue.municipalities[str(case["municipality"])], str(case["query"]), Filters())
    lines = [line.slug for line in found.helplines_first]
    top = [slug for placed in found.hits[:3] for slug in found.covers(placed.measure.slug)]
    urgent = None
    if case.get("urgent"):
        wanted = set(case.get("helplines") or [])  # type: ignore[call-overload]
        urgent = bool(lines) and (not wanted or bool(wanted & set(lines)))
    fitting = None
    if case.get("top3"):
        fitting = bool(set(case["top3"]) & set(top))  # type: ignore[call-overload]
    shown = f"situations {[local.slug for local in found.situations[:2]]} helplines {lines} top {top}"
    return urgent, fitting, shown


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", default=[str(ROOT / "tests" / "situation_cases.yaml")])
    parser.add_argument("--misses", action="store_true", help="print each case answered badly")
    args = parser.parse_args()
    catalogue = Catalogue.build(load_content(), content_hash(BUNDLED_CONTENT))
    for file in args.files:
        cases = yaml.safe_load(Path(file).read_text(encoding="utf-8"))
        figures: dict[str, list[int]] = {}
        for case in cases:
            urgent, fitting, shown = judge(catalogue, case)
            row = figures.setdefault(case["municipality"], [0, 0, 0, 0])
            if urgent is not None:
                row[0] += urgent
                row[1] += 1
            if fitting is not None and not case.get("urgent"):
                row[2] += fitting
                row[3] += 1
            if args.misses and (urgent is False or (fitting is False and not case.get("urgent"))):
                print(f"  miss {case['municipality']}: «{case['query']}» → {shown}")
        print(Path(file).name)
        totals = [sum(row[i] for row in figures.values()) for i in range(4)]
        for name, (u_ok, u_all, f_ok, f_all) in [*figures.items(), ("all", totals)]:
            print(f"  {name:<12} urgent {u_ok}/{u_all}   other top three {f_ok}/{f_all} ({f_ok / max(1, f_all):.0%})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
