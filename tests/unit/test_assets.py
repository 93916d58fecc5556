"""What is served of the JavaScript: the same modules, minified by rjsmin, still valid modules
whose imports point at the hashed files."""

import re
import shutil
import subprocess
from pathlib import Path

import rjsmin

from server.assets import STATIC, Assets

HASHED = re.compile(r"/static/js/([\w-]+)\.[0-9a-f]{12}\.js")


def test_served_modules_are_the_minified_sources_with_hashed_imports() -> None:
    assets = Assets()
    for path in sorted((STATIC / "js").glob("*.js")):
        source = path.read_text(encoding="utf-8")
        served = assets.by_name[f"js/{path.name}"].body.decode()
        assert HASHED.sub(r"./\1.js", served) == rjsmin.jsmin(source), path.name
        assert len(served) < len(source) and "// " not in served.split("\n")[0][:3], path.name
        for name in HASHED.findall(served):
            assert assets.by_name[f"js/{name}.js"].url in served  # the address of the file it imports


def test_every_served_module_parses_as_an_es_module(tmp_path: Path) -> None:
    assets = Assets()
    for name, asset in assets.by_name.items():
        if name.endswith(".js") and name.startswith("js/"):
            module = tmp_path / (Path(name).stem + ".mjs")
            module.write_bytes(asset.body)
            node = shutil.which("node") or "node"  # Node 20 is part of this machine (README)
            checked = subprocess.run([node, "--check", str(module)], capture_output=True, text=True)
            assert checked.returncode == 0, f"{name}: {checked.stderr}"
