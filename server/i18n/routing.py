"""How an address in another language reaches the route handlers.

`/en/elverum/tiltak/x` is routed as `/elverum/tiltak/x` with the language kept in the request's
scope, so every page type, `/api/v1` and the offline packs exist in every language with one set
of handlers, and Norwegian addresses stay exactly as they were. The handlers read the language
with `language_of`; the catalogue they get is already in it (server/app.py).
"""

from typing import Any

from server.i18n.languages import SOURCE, split, translated_address

STATE_KEY = "tiltakstrapp.language"


def language_of(scope: Any) -> str:
    """The language of a request: its address's, Norwegian without a prefix."""
    state = scope.get("state") or {}
    code: str = state.get(STATE_KEY, SOURCE)
    return code


def routed(scope: Any) -> Any:
    """The scope Litestar routes: for `/en/…`, the Norwegian address and the language. An address
    that exists only once (an asset, HSDS, the editor) keeps its prefix, so it is a plain 404,
    in the language of the prefix."""
    code, rest = split(scope["path"])
    if code == SOURCE:
        return scope
    path = rest if translated_address(rest) else scope["path"]
    strip = len(scope["path"]) - len(path)  # the prefix is ASCII: as long in bytes as in letters
    raw = scope.get("raw_path") or scope["path"].encode()
    state = {**(scope.get("state") or {}), STATE_KEY: code}
    return {**scope, "path": path, "raw_path": raw[strip:] or b"/", "state": state}


def front_page_redirect(path: str) -> str | None:
    """`/en` → `/en/`: a language's front page has one address (a static host does the same)."""
    code, rest = split(path)
    return f"{path}/" if code != SOURCE and rest == "/" and not path.endswith("/") else None
