"""Lighthouse (default mobile settings) on the main page types, with this machine's Chromium.

Run: .venv/bin/python -m tests.bench.lighthouse
Installs Lighthouse into tests/bench/lighthouse/node_modules on first use (npm, pinned in
tests/bench/lighthouse/package-lock.json). Saves the JSON reports in bench-output/lighthouse/
and prints performance, accessibility, best practices and SEO per page (target: all 100).
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from tests import server_process

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tests" / "bench" / "lighthouse"
OUTPUT = ROOT / "bench-output" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = " ".join(
    (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    )
)


def lighthouse_binary() -> Path:
    binary = TOOL / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=TOOL, check=True)
    return binary


def pages(base: str) -> dict[str, str]:
    with urllib.request.urlopen(base + "/api/v1/municipalities/elverum") as response:
        municipality = json.loads(response.read())
    measure = municipality["steps"][0]["measures"][0]["slug"]
    return {
        "front page": "/",
        "ladder": "/elverum",
        "step": "/elverum/trinn/1",
        "measure": f"/elverum/tiltak/{measure}",
        "search": "/elverum/sok?q=helsesykepleier",
        "situations": "/elverum/hva-gjelder-det",
        "situation": "/elverum/situasjon/noen-slar-deg",
        "concern": "/elverum/bekymret",
    }


def run(binary: Path, url: str, name: str, chromium: str) -> dict[str, int]:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    report = OUTPUT / f"{name.replace(' ', '-')}.json"
    command = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    # Chromium on a busy shared machine now and then fails to start in time: one more try,
    # then say why.
    for attempt in (1, 2):
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium})
        if done.returncode == 0:
            break
        if attempt == 2:
            raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    data = json.loads(report.read_text())
    return {category: round(data["categories"][category]["score"] * 100) for category in CATEGORIES}


def main() -> int:
    binary = lighthouse_binary()
    chromium = subprocess.run(
        [str(ROOT / "scripts" / "find-chromium.sh")], check=True, capture_output=True, text=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory() as temporary, server_process.running(Path(temporary) / "data") as base:
        print(f"{'page':12} " + " ".join(f"{category:>15}" for category in CATEGORIES))
        below = 0
        for name, path in pages(base).items():
            scores = run(binary, base + path, name, chromium)
            below += sum(score < 100 for score in scores.values())
            print(f"{name:12} " + " ".join(f"{scores[category]:15d}" for category in CATEGORIES))
    print(f"reports: {OUTPUT}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
