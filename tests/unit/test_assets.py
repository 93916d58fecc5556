"""What is served of the JavaScript: the same code without its comments and indentation."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from server.assets import STATIC, Assets


def test_served_modules_keep_every_line_of_code_and_drop_only_comments() -> None:
    assets = Assets()
    for path in sorted((STATIC / "js").glob("*.js")):
        source = path.read_text(encoding="utf-8").split("\n")
        served = assets.by_name[f"js/{path.name}"].body.decode().split("\n")
        code = [line for line in source if not line.lstrip().startswith("//")]
        assert len(served) == len(code) < len(source), path.name
        # Import lines differ only by the hashed address they were rewritten to; a line may lose
        # its indentation and a comment at its end, nothing else.
        for kept, line in zip(served, code, strict=True):
            kept = re.sub(r"/static/js/[\w.-]+\.js", "X", kept)
            line = re.sub(r"\./[\w.-]+\.js", "X", line).strip()
            assert line == kept or (line.startswith(kept) and line[len(kept) :].lstrip().startswith("// ")), path.name


def test_every_served_module_is_still_valid_javascript(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node is not installed")
    for asset in Assets().by_name.values():
        if asset.name.endswith(".js"):
            module = tmp_path / Path(asset.name).with_suffix(".mjs").name
            module.write_bytes(asset.body)
            checked = subprocess.run([node, "--check", str(module)], capture_output=True, text=True)
            assert checked.returncode == 0, f"{asset.name}: {checked.stderr}"


def test_no_module_has_a_template_string_over_several_lines() -> None:
    # A `//` line inside a multi-line template string would be text, not a comment.
    for path in sorted((STATIC / "js").glob("*.js")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.lstrip().startswith("//"):
                assert line.count("`") % 2 == 0, f"{path.name}: {line}"
