"""The site's languages and their addresses.

Norwegian keeps the root and its addresses, which never change (`/elverum/tiltak/x`); every other
language puts its code in front (`/en/elverum/tiltak/x`). A language's front page is `/en/`.
"""

from server.content.translations import LANGUAGES, Language

SOURCE = "nb"
NORWEGIAN = Language(SOURCE, "Norsk", "ltr", full=True)
SITE_LANGUAGES: dict[str, Language] = {SOURCE: NORWEGIAN, **LANGUAGES}
"""Every language the site speaks, Norwegian first: the order of the language switch."""
PREFIXED = frozenset(LANGUAGES)
# Addresses that exist only once, for every language: under a language prefix they are unknown.
NOT_TRANSLATED = (
    "/api/hsds",
    "/hsds/",
    "/static/",
    "/schema",
    "/redaksjon",
    "/sw.js",
    "/manifest.webmanifest",
    "/robots.txt",
    "/sitemap.xml",
    "/.well-known/",
    "/healthz",
)


def prefix(code: str) -> str:
    """What a language puts in front of a Norwegian address: "" for Norwegian, "/en" for English."""
    return "" if code == SOURCE else f"/{code}"


def localized(path: str, code: str) -> str:
    """The address of a Norwegian page in a language: `/elverum` → `/en/elverum`, `/` → `/en/`."""
    return prefix(code) + path


def split(path: str) -> tuple[str, str]:
    """The language of an address and the Norwegian address it translates: `/en/elverum` →
    ("en", "/elverum"); `/en` and `/en/` → ("en", "/"); `/elverum` → ("nb", "/elverum")."""
    first, slash, rest = path[1:].partition("/")
    if first in PREFIXED:
        return first, "/" + rest if slash else "/"
    return SOURCE, path


def translated_address(rest: str) -> bool:
    """Whether a Norwegian address has versions in the other languages (pages, the offline packs
    and /api/v1 do; assets, HSDS, the editor and the site's own files do not)."""
    return not rest.startswith(NOT_TRANSLATED)


SECOND_LANGUAGES = ("en", SOURCE)
"""Where a language does not translate a text (a measure's description), the reader chooses one
of these: English, if its translation is current, or Norwegian."""
