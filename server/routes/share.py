"""Sharing and keeping measures: QR codes of pages, "Min liste", and a list shared as one link.

The QR codes and `/{kommune}/min-liste` depend only on their path, so they are pre-rendered
(server/site.py). A shared list, `/{kommune}/liste?t=a,b,c`, has a query string and is always
rendered here: unknown slugs are left out, old ones follow their rename, and a list longer than
a shared list may be is a 400, not a slow page.
"""

from typing import Annotated

import anyio
from litestar import Response, Router, get
from litestar.di import NamedDependency
from litestar.exceptions import HTTPException, NotFoundException, ServiceUnavailableException
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_400_BAD_REQUEST

from server.catalogue import Catalogue, MunicipalityIndex
from server.content.model import Access
from server.i18n.languages import prefix
from server.responses import AnyRequest, cached, etag_for, respond
from server.routes.pages import page
from server.settings import Settings
from server.share import MAX_LIST_CHARS, QR_CODES, ListTooLong, SharedList, list_path, parse_list, qr_path

SVG = "image/svg+xml"
Slugs = Annotated[
    str, QueryParameter(max_length=MAX_LIST_CHARS, description="Comma-separated measure slugs, at most 50")
]
Current = NamedDependency[Catalogue]
Config = NamedDependency[Settings]
# A shared list's code is drawn on request (its address has a query), ~118 ms of CPU for a long
# list. So: drawn in a worker thread, one at a time (the event loop keeps answering pages), at
# most a few waiting (then 503), and a per-client limit far above what a person printing or
# showing lists needs (tests/bench/qr_storm.py shows the server staying responsive).
MAX_WAITING = 8
QR_RATE_LIMIT = RateLimitConfig(rate_limit=("minute", 30), store="rate-limit-qr", set_rate_limit_headers=False)


def _index(catalogue: Catalogue, kommune: str) -> MunicipalityIndex:
    index = catalogue.municipalities.get(kommune)
    if index is None:
        raise NotFoundException(f"Ukjent kommune: {kommune}")
    return index


def _svg(request: AnyRequest, catalogue: Catalogue, settings: Settings, path: str) -> Response[bytes]:
    """The QR code of the page at `path` (its Norwegian address), encoding its full public
    address in the catalogue's language."""
    address = settings.base_url + prefix(catalogue.language) + path
    body, etag = cached(catalogue, ("qr", path), lambda: QR_CODES.get(address))
    return respond(request, body, etag, SVG)


@get("/{kommune:str}/tiltak/{slug:str}/qr.svg", include_in_schema=False)
async def measure_qr(
    request: AnyRequest, catalogue: Current, settings: Config, kommune: FromPath[str], slug: FromPath[str]
) -> Response[bytes] | Redirect:
    index = _index(catalogue, kommune)
    if slug in index.redirects:
        return Redirect(
            qr_path(f"{prefix(catalogue.language)}/{kommune}/tiltak/{index.redirects[slug]}"), status_code=301
        )
    if slug not in index.measures:
        raise NotFoundException(f"Ukjent tiltak: {slug}")
    return _svg(request, catalogue, settings, f"/{kommune}/tiltak/{slug}")


@get("/{kommune:str}/trinn/{number:int}/qr.svg", include_in_schema=False)
async def step_qr(
    request: AnyRequest, catalogue: Current, settings: Config, kommune: FromPath[str], number: FromPath[int]
) -> Response[bytes]:
    index = _index(catalogue, kommune)
    if index.step(number) is None:
        raise NotFoundException(f"Ukjent trinn: {number}")
    return _svg(request, catalogue, settings, f"/{kommune}/trinn/{number}")


@get("/{kommune:str}/min-liste", include_in_schema=False)
async def saved_list(catalogue: Current, kommune: FromPath[str]) -> Template:
    """The page is the same for everyone; the browser fills in what this device has saved."""
    index = _index(catalogue, kommune)
    return page("saved_list", catalogue, municipality=index.municipality, accesses=list(Access))


def _shared(index: MunicipalityIndex, t: str) -> SharedList:
    try:
        return parse_list(index, t)
    except ListTooLong as error:
        raise HTTPException(status_code=HTTP_400_BAD_REQUEST, detail=str(error)) from error


@get("/{kommune:str}/liste", include_in_schema=False)
async def shared_list(catalogue: Current, kommune: FromPath[str], t: Slugs = "") -> Template:
    index = _index(catalogue, kommune)
    shared = _shared(index, t)
    return page(
        "shared_list",
        catalogue,
        municipality=index.municipality,
        shared=shared,
        path=list_path(kommune, shared.slugs),
        query=",".join(shared.slugs),
    )


def _qr_limiter(request: AnyRequest) -> anyio.CapacityLimiter:
    """One code drawn at a time per app; made on first use, inside the app's event loop."""
    limiter: anyio.CapacityLimiter | None = request.app.state.get("qr_limiter")
    if limiter is None:
        limiter = request.app.state.qr_limiter = anyio.CapacityLimiter(1)
    return limiter


@get("/{kommune:str}/liste/qr.svg", include_in_schema=False, middleware=[QR_RATE_LIMIT.middleware])
async def shared_list_qr(
    request: AnyRequest, catalogue: Current, settings: Config, kommune: FromPath[str], t: Slugs = ""
) -> Response[bytes]:
    index = _index(catalogue, kommune)
    url = settings.base_url + prefix(catalogue.language) + list_path(kommune, _shared(index, t).slugs)
    limiter = _qr_limiter(request)
    if limiter.statistics().tasks_waiting >= MAX_WAITING:
        raise ServiceUnavailableException("Prøv igjen om litt.", headers={"retry-after": "2"})
    body = await anyio.to_thread.run_sync(QR_CODES.get, url, limiter=limiter)
    return respond(request, body, etag_for(body), SVG)


router = Router(path="/", route_handlers=[measure_qr, step_qr, saved_list, shared_list, shared_list_qr])
