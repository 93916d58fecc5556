"""Responses with strong ETags, built once per catalogue and answered with 304 when unchanged."""

import hashlib
from collections.abc import Callable
from typing import Any

from litestar import Request, Response

from server.catalogue import Catalogue

JSON = "application/json"
HTML = "text/html; charset=utf-8"
# Content can change on any publish, so clients revalidate every time; a match costs a 304.
REVALIDATE = "public, no-cache"
# An answer whose address holds what someone searched for: never kept by a proxy, a browser's
# disk cache or the service worker (issue 19).
NO_STORE = "no-store"
AnyRequest = Request[Any, Any, Any]


def etag_for(body: bytes) -> str:
    """A strong ETag: the same bytes always give the same tag, on every server."""
    return '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'


def not_modified(request: AnyRequest, etag: str) -> bool:
    """Whether the client's If-None-Match already names this ETag."""
    header = request.headers.get("if-none-match")
    if not header:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in tags or "*" in tags


def cached(catalogue: Catalogue, key: object, produce: Callable[[], bytes]) -> tuple[bytes, str]:
    """The body and ETag for a key, rendered once per catalogue version."""
    hit = catalogue.cache.get(key)
    if hit is None:
        body = produce()
        hit = (body, etag_for(body))
        catalogue.cache[key] = hit
    return hit


def respond(
    request: AnyRequest,
    body: bytes,
    etag: str,
    media_type: str,
    cache_control: str = REVALIDATE,
    status_code: int = 200,
) -> Response[bytes]:
    """The response for a body, or an empty 304 when the client has it already."""
    headers = {"etag": etag, "cache-control": cache_control}
    if status_code == 200 and not_modified(request, etag):
        return Response(b"", status_code=304, headers=headers, media_type=media_type)
    return Response(body, status_code=status_code, headers=headers, media_type=media_type)
