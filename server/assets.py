"""Static assets, fingerprinted: each file is served at a URL with a hash of its bytes.

Hashed URLs never change meaning, so browsers and the service worker may keep them forever
(`immutable`), and a new release can never mix old and new files on one page.
CSS files in `web/static/css/` are concatenated in name order into one `css/app.css`
(tokens first: `00-tokens.css`), one request instead of many. JavaScript stays native ES
modules; a module's `import "./x.js"` is rewritten to x's hashed URL, and what is served is
minified by rjsmin (comments and needless spaces out; the source keeps them): 5 KB less brotli
than the 15.9 KB all the modules weighed with their comments, against a budget of 15 KB
(tests/bench/budgets.py) and the 150 KB first visit. The CSS bundle goes
out without its comments and indentation (the source keeps them): 1.6 KB less brotli on every
first visit, which issue 17's new styles needed to stay within the 150 KB first visit.
"""

import hashlib
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

import rjsmin

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
PREFIX = "/static/"
CSS_BUNDLE = "css/app.css"
_IMPORT = re.compile(r"""(\bfrom\s*|\bimport\s*\(?\s*)(["'])\./([\w.-]+\.js)\2""")
# A CSS comment. No stylesheet here has "/*" inside a string, so a plain match is safe.
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


@dataclass(frozen=True)
class Asset:
    """One fingerprinted file: its logical name, hashed URL, bytes and media type."""

    name: str
    url: str
    body: bytes
    media_type: str


def _media_type(name: str) -> str:
    # Litestar adds "; charset=utf-8" to text/* types itself.
    if name.endswith(".js"):
        return "text/javascript"
    if name.endswith(".webmanifest"):
        return "application/manifest+json"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _hashed(name: str, body: bytes) -> str:
    digest = hashlib.blake2b(body, digest_size=6).hexdigest()
    stem, dot, suffix = name.rpartition(".")
    return f"{PREFIX}{stem}.{digest}.{suffix}" if dot else f"{PREFIX}{name}.{digest}"


def _compact_css(source: str) -> str:
    """CSS without comments, indentation and empty lines."""
    lines = (line.strip() for line in _CSS_COMMENT.sub("", source).split("\n"))
    return "\n".join(line for line in lines if line)


class Assets:
    """Every static asset, read and fingerprinted once at start-up."""

    def __init__(self, root: Path = STATIC) -> None:
        self.root = root
        self.by_name: dict[str, Asset] = {}
        self.by_url: dict[str, Asset] = {}
        sources = {
            path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*"))
            if path.is_file() and not path.name.startswith(".")
        }
        css = [name for name in sources if name.startswith("css/") and name.endswith(".css")]
        if css:
            bundle = b"\n".join(sources.pop(name) for name in sorted(css))
            sources[CSS_BUNDLE] = _compact_css(bundle.decode()).encode()
        for name in sorted(sources):
            self._add(name, sources, ())

    def _add(self, name: str, sources: dict[str, bytes], chain: tuple[str, ...]) -> Asset:
        if name in self.by_name:
            return self.by_name[name]
        if name in chain:
            raise ValueError(f"circular import between JavaScript modules: {' -> '.join((*chain, name))}")
        body = sources[name]
        if name.endswith(".js"):
            folder = name.rpartition("/")[0]

            def rewrite(match: re.Match[str]) -> str:
                target = f"{folder}/{match.group(3)}" if folder else match.group(3)
                if target not in sources:
                    raise ValueError(f"{name} imports {match.group(3)}, which does not exist")
                return (
                    f"{match.group(1)}{match.group(2)}{self._add(target, sources, (*chain, name)).url}{match.group(2)}"
                )

            body = _IMPORT.sub(rewrite, rjsmin.jsmin(body.decode())).encode()
        asset = Asset(name, _hashed(name, body), body, _media_type(name))
        self.by_name[name] = asset
        self.by_url[asset.url] = asset
        return asset

    def url(self, name: str) -> str:
        """The hashed URL of an asset by its logical name, e.g. `css/app.css`."""
        return self.by_name[name].url

    def version(self) -> str:
        """A hash of every asset URL: changes whenever any asset changes."""
        return hashlib.blake2b("".join(sorted(self.by_url)).encode(), digest_size=8).hexdigest()
