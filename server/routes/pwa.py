"""What makes the site an installable, offline app: the service worker, the manifest, the
offline page and each municipality's offline pack."""

import hashlib
import json
from pathlib import Path

import msgspec
from litestar import Request, Response, Router, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Template

from server.assets import Assets
from server.catalogue import Catalogue
from server.precomputed import CACHE_KEY
from server.responses import JSON, REVALIDATE, cached, etag_for, respond
from server.routes.pages import page
from server.site import offline_paths

SERVICE_WORKER = Path(__file__).resolve().parents[2] / "service-worker" / "sw.js"
THEME_COLOUR = "#1f4e79"
# The worker itself must always be checked with the server: a stale worker would pin old content.
NO_CACHE = "no-cache"


def shell_urls(assets: Assets) -> list[str]:
    """The app shell the worker precaches: every fingerprinted file and the offline page."""
    return [*sorted(assets.by_url), "/offline"]


def service_worker_source(catalogue: NamedDependency[Catalogue], assets: NamedDependency[Assets]) -> bytes:
    """The worker stamped with its shell and a version that changes with any asset or content."""
    source = SERVICE_WORKER.read_text(encoding="utf-8")
    shell = shell_urls(assets)
    digest = hashlib.blake2b(digest_size=8)
    for part in (source, catalogue.version, *shell):
        digest.update(part.encode())
    return (
        source.replace('"__VERSION__"', json.dumps(digest.hexdigest())).replace("__SHELL__", json.dumps(shell)).encode()
    )


@get("/sw.js", include_in_schema=False)
async def service_worker(
    request: Request, catalogue: NamedDependency[Catalogue], assets: NamedDependency[Assets]
) -> Response[bytes]:
    body, etag = cached(catalogue, "sw.js", lambda: service_worker_source(catalogue, assets))
    return respond(request, body, etag, "text/javascript", NO_CACHE)


@get("/manifest.webmanifest", include_in_schema=False)
async def manifest(
    request: Request, catalogue: NamedDependency[Catalogue], assets: NamedDependency[Assets]
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
async def offline_pack(request: Request, catalogue: NamedDependency[Catalogue], slug: FromPath[str]) -> Response[bytes]:
    """Every page and JSON file of one municipality in one file: the worker unpacks it."""
    name, _, extension = slug.partition(".")
    if extension != "json" or name not in catalogue.municipalities:
        raise NotFoundException("Ukjent kommune")
    table = catalogue.cache.get(CACHE_KEY, {})
    entries = []
    for path in offline_paths(catalogue, name):
        entry = table.get(path)
        if entry is not None:
            media_type = next((v.decode() for k, v in entry.headers if k == b"content-type"), "text/html")
            entries.append([path, media_type, entry.identity.body.decode()])
    body = msgspec.json.encode({"version": catalogue.version, "slug": name, "entries": entries})
    return respond(request, body, etag_for(body), JSON, REVALIDATE)


router = Router(path="/", route_handlers=[service_worker, manifest, offline_page, offline_pack])
