"""What is served of the JavaScript: the same code without its comment lines."""

import re

from server.assets import STATIC, Assets


def test_served_modules_keep_every_line_of_code_and_drop_only_comment_lines() -> None:
    assets = Assets()
    for path in sorted((STATIC / "js").glob("*.js")):
        source = path.read_text(encoding="utf-8").split("\n")
        served = assets.by_name[f"js/{path.name}"].body.decode().split("\n")
        code = [line for line in source if not line.lstrip().startswith("//")]
        assert len(served) == len(code) < len(source), path.name
        # Import lines differ only by the hashed address they were rewritten to.
        for kept, line in zip(served, code, strict=True):
            assert re.sub(r"/static/js/[\w.-]+\.js", "X", kept) == re.sub(r"\./[\w.-]+\.js", "X", line), path.name


def test_no_module_has_a_template_string_over_several_lines() -> None:
    # A `//` line inside a multi-line template string would be text, not a comment.
    for path in sorted((STATIC / "js").glob("*.js")):
        for line in path.read_text(encoding="utf-8").split("\n"):
            if not line.lstrip().startswith("//"):
                assert line.count("`") % 2 == 0, f"{path.name}: {line}"
