"""Files for crawlers and security researchers: robots.txt, sitemap.xml, security.txt."""

import datetime
from xml.sax.saxutils import escape

import msgspec
from litestar import Response, Router, get
from litestar.di import NamedDependency

from server.catalogue import Catalogue
from server.i18n.languages import PREFIXED
from server.precomputed import ready
from server.responses import AnyRequest, cached, respond
from server.settings import Settings
from server.site import all_pages

# security.txt must expire within a year (RFC 9116 §2.5.5); it is rebuilt on every start.
SECURITY_TXT_DAYS = 180


@get("/robots.txt", include_in_schema=False)
async def robots(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], settings: NamedDependency[Settings]
) -> Response[bytes]:
    def build() -> bytes:
        other = "".join(f"Disallow: /{code}/api/\nDisallow: /{code}/offline/\n" for code in sorted(PREFIXED))
        return (
            f"User-agent: *\nDisallow: /api/\nDisallow: /offline/\nDisallow: /redaksjon\n{other}"
            f"Sitemap: {settings.base_url}/sitemap.xml\n"
        ).encode()

    body, etag = cached(catalogue, "robots.txt", build)
    return respond(request, body, etag, "text/plain")


@get("/sitemap.xml", include_in_schema=False)
async def sitemap(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], settings: NamedDependency[Settings]
) -> Response[bytes]:
    def build() -> bytes:
        # Every page a search engine may show, in every language (each names the others, hreflang).
        paths = [path for path in all_pages(catalogue) if not path.endswith(("/offline", "/sok", "/min-liste"))]
        urls = "".join(f"<url><loc>{escape(settings.base_url + path)}</loc></url>\n" for path in paths)
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n'
        ).encode()

    body, etag = cached(catalogue, "sitemap.xml", build)
    return respond(request, body, etag, "application/xml")


@get("/.well-known/security.txt", include_in_schema=False)
async def security_txt(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], settings: NamedDependency[Settings]
) -> Response[bytes]:
    def build() -> bytes:
        contact = settings.security_contact or f"{settings.base_url}/om#sikkerhet"
        # Midnight: the same file from every render that day, so the export equals the live server.
        expires = datetime.datetime.now(datetime.UTC).replace(
            hour=0, minute=0, second=0, microsecond=0
        ) + datetime.timedelta(days=SECURITY_TXT_DAYS)
        return (
            f"Contact: {contact}\nExpires: {expires.isoformat().replace('+00:00', 'Z')}\n"
            f"Preferred-Languages: nb, nn, en\nCanonical: {settings.base_url}/.well-known/security.txt\n"
        ).encode()

    body, etag = cached(catalogue, "security.txt", build)
    return respond(request, body, etag, "text/plain")


class Health(msgspec.Struct, frozen=True):
    status: str
    version: str
    """The version of the content being served (a hash of it)."""
    revision: int
    """How many imports and publishes the store has had."""
    imported_at: str
    published_at: str
    prerendered: bool
    """Whether every page of this content is rendered and compressed (else they are made on demand)."""


@get("/healthz", include_in_schema=False, sync_to_thread=False)
def health(request: AnyRequest, catalogue: NamedDependency[Catalogue]) -> Response[bytes]:
    """For the municipality's monitoring: 200 with the content's version and when it was last
    imported or published; 503 while the store cannot be read (the site still serves what it
    has in memory)."""
    try:
        meta = request.app.state.data.main.meta()
        if not meta:
            raise ValueError("the store has no content")
    except (OSError, ValueError) as error:
        body = msgspec.json.encode({"status": "store-unreadable", "detail": type(error).__name__})
        return Response(body, status_code=503, media_type="application/json", headers={"cache-control": "no-store"})
    health = Health(
        status="ok",
        version=catalogue.version,
        revision=int(meta.get("revision", 0)),
        imported_at=str(meta.get("imported_at", "")),
        published_at=str(meta.get("published_at", "")),
        prerendered=ready(catalogue).is_set(),
    )
    return Response(msgspec.json.encode(health), media_type="application/json", headers={"cache-control": "no-store"})


router = Router(path="/", route_handlers=[robots, sitemap, security_txt, health])
