"""What makes the site an installable, offline app: the service worker, the manifest, the
offline page and each municipality's offline pack."""

import hashlib
import json
from pathlib import Path
from typing import cast

import msgspec
from litestar import Response, Router, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from server.assets import Assets
from server.catalogue import Catalogue
from server.i18n.interface import interface
from server.i18n.links import PackChrome
from server.i18n.templates import LanguageTemplates
from server.pack_parts import RepeatedParts, SharePacking
from server.precomputed import CACHE_KEY, PAGES_READY, prerender_in_background, ready
from server.responses import JSON, REVALIDATE, AnyRequest, cached, etag_for, respond
from server.routes.pages import page
from server.security import HEADERS as SECURITY_HEADERS
from server.settings import Settings
from server.site import offline_paths

SERVICE_WORKER = Path(__file__).resolve().parents[2] / "service-worker" / "sw.js"
THEME_COLOUR = "#1f4e79"
# The worker itself must always be checked with the server: a stale worker would pin old content.
NO_CACHE = "no-cache"


def shell_urls(assets: Assets) -> list[str]:
    """The app shell the worker precaches: the fingerprinted files pages use, the offline page, the manifest.

    Not the PNG icons: only the manifest names them, and the browser fetches them itself when
    someone installs the app (7 KB less on a first visit; they hardly compress). Not the staff
    side's files (`editor/`): no visitor needs them, and the worker never serves /redaksjon. Not
    `js/second-language.js`: only a measure page in Ukrainian, Arabic or Polish uses it, to
    remember whether the reader chose the English or the Norwegian description; a page from the
    copy without it still shows both (every first visit in every language pays for the shell).
    """
    files = [url for url, asset in assets.by_url.items() if not asset.name.endswith((".png",)) and _public(asset.name)]
    return [*sorted(files), "/offline", "/manifest.webmanifest"]


NOT_IN_SHELL = ("js/second-language.js",)


def _public(name: str) -> bool:
    return not name.startswith("editor/") and name not in NOT_IN_SHELL


def worker_version(catalogue: Catalogue, assets: Assets) -> str:
    """A hash of the worker's source, the content and every asset URL: any change gives a new worker.

    The offline packs carry it too, so a worker never stores pages of another release (their
    hashed asset URLs would not be in its shell, and the pages would break with no network).
    """
    digest = hashlib.blake2b(digest_size=8)
    for part in (SERVICE_WORKER.read_text(encoding="utf-8"), catalogue.version, *shell_urls(assets)):
        digest.update(part.encode())
    return digest.hexdigest()


def shell_version(assets: Assets) -> str:
    """A hash of the shell's files: the pages of a copy work only with the files they link to."""
    return hashlib.blake2b("".join(shell_urls(assets)).encode(), digest_size=8).hexdigest()


def service_worker_source(catalogue: NamedDependency[Catalogue], assets: NamedDependency[Assets]) -> bytes:
    """The worker stamped with its shell and version."""
    source = SERVICE_WORKER.read_text(encoding="utf-8")
    version = json.dumps(worker_version(catalogue, assets))
    stamped = source.replace('"__VERSION__"', version).replace('"__SHELL_VERSION__"', json.dumps(shell_version(assets)))
    return stamped.replace("__SHELL__", json.dumps(shell_urls(assets))).encode()


@get("/sw.js", include_in_schema=False)
async def service_worker(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], assets: NamedDependency[Assets]
) -> Response[bytes]:
    body, etag = cached(catalogue, "sw.js", lambda: service_worker_source(catalogue, assets))
    return respond(request, body, etag, "text/javascript", NO_CACHE)


@get("/manifest.webmanifest", include_in_schema=False)
async def manifest(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], assets: NamedDependency[Assets]
) -> Response[bytes]:
    def build() -> bytes:
        icon = assets.url
        return msgspec.json.encode(
            {
                "name": "Tiltakstrappa – hjelp for barn, unge og familier",
                "short_name": "Tiltakstrappa",
                "description": "Finn hjelp for barn, unge og familier i kommunen din, også uten nett.",
                "lang": "nb",
                "dir": "ltr",
                "start_url": "/",
                "scope": "/",
                "display": "standalone",
                "theme_color": THEME_COLOUR,
                "background_color": "#ffffff",
                "icons": [
                    {"src": icon("icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
                    {"src": icon("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                    {"src": icon("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                    {
                        "src": icon("icons/icon-maskable-512.png"),
                        "sizes": "512x512",
                        "type": "image/png",
                        "purpose": "maskable",
                    },
                ],
            }
        )

    body, etag = cached(catalogue, "manifest", build)
    return respond(request, body, etag, "application/manifest+json")


@get("/offline", include_in_schema=False)
async def offline_page(catalogue: NamedDependency[Catalogue]) -> Template:
    return page("offline", catalogue)


@get("/offline/{slug:str}", include_in_schema=False)
async def offline_pack(
    request: AnyRequest,
    catalogue: NamedDependency[Catalogue],
    assets: NamedDependency[Assets],
    settings: NamedDependency[Settings],
    slug: FromPath[str],
) -> Response[bytes]:
    """Every page and JSON file of one municipality, in one language, in one file: the worker
    unpacks it (`/offline/elverum.json`, `/en/offline/elverum.json`).

    `shell` names the files its pages link to: a worker stores only a copy whose pages work with
    the files it holds. `version` is a hash of the copy itself, so a municipality whose content
    did not change keeps the very same copy when another publishes (a publish re-renders only
    what changed, server/precomputed.py), and a Norwegian copy stays the same when a translation
    changes. `headers` are the security headers the pages are served with, so a page from the
    copy keeps its CSP and frame rules. The pages come without their hreflang links and language
    switch, which `chrome` has once for the worker to put back (server/i18n/links.py), and
    without their share panel and preview tags, which `share` has once per kind, each page's
    values beside it (server/pack_parts.py).
    """
    name, _, extension = slug.partition(".")
    source = catalogue.source  # it holds the pre-rendered pages of every language
    if extension != "json" or name not in source.municipalities:
        raise NotFoundException("Ukjent kommune")
    prerender_in_background(request.app, source)  # a pack is assembled from the rendered pages
    await ready(source, PAGES_READY).wait()
    table = source.cache.get(CACHE_KEY, {})
    words = interface(catalogue.language)
    chrome = PackChrome.build(words, settings.base_url)
    share = SharePacking(cast(LanguageTemplates, request.app.template_engine).environment(catalogue.language))
    repeated = RepeatedParts()
    entries: list[list[object]] = []
    headers: dict[str, str] = {}
    for path in offline_paths(source, name, catalogue.language):
        entry = table.get(path)
        if entry is not None:
            stored = {key.decode(): value.decode() for key, value in entry.headers}
            headers = headers or {key: value for key, value in stored.items() if key in SECURITY_HEADERS}
            media_type = stored.get("content-type", "text/html")
            text = entry.identity.body.decode()
            values = None
            if media_type.startswith("text/html"):
                text, values = share.strip(chrome.strip(text, path, words, settings.base_url))
                text = repeated.strip(text, path[len(chrome.prefix) :] or "/")
            entries.append([path, media_type, text] if values is None else [path, media_type, text, values])
    parts = {"chrome": {**repeated.templates, **chrome.templates()}, "share": share.templates}
    version = hashlib.blake2b(msgspec.json.encode([entries, parts]), digest_size=16).hexdigest()
    pack = {"version": version, "shell": shell_version(assets), "slug": name, "prefix": chrome.prefix}
    body = msgspec.json.encode({**pack, **parts, "headers": headers, "entries": entries})
    return respond(request, body, etag_for(body), JSON, REVALIDATE)


router = Router(path="/", route_handlers=[service_worker, manifest, offline_page, offline_pack])
