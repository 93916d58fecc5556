"""The code stays as STYLE.md asks: ruff's rules and format, and mypy --strict on the server.

Run in the suite so a change that breaks them fails on a clean checkout, not only in an editor.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_finds_nothing_and_the_code_is_formatted() -> None:
    lint = run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    formatted = run("ruff", "format", "--check", ".")
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr


def test_mypy_strict_finds_nothing_in_the_server() -> None:
    typed = run("mypy")
    assert typed.returncode == 0, typed.stdout + typed.stderr
