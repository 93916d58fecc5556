"""The JSON API, /api/v1: municipalities, measures, search, glossary and helplines."""

from typing import Annotated

import msgspec
from litestar import Response, Router, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect

from server import api_types
from server.catalogue import Catalogue, MunicipalityIndex
from server.responses import JSON, NO_STORE, AnyRequest, cached, etag_for, respond
from server.search import index_data, search

MAX_QUERY = 200
Query = Annotated[str, QueryParameter(name="q", max_length=MAX_QUERY, description="Search words, up to 200 characters")]
_encoder = msgspec.json.Encoder()


def _index(catalogue: NamedDependency[Catalogue], slug: FromPath[str]) -> MunicipalityIndex:
    index = catalogue.municipalities.get(slug)
    if index is None:
        raise NotFoundException(f"No municipality called '{slug}'.")
    return index


def _json(request: AnyRequest, catalogue: NamedDependency[Catalogue], key: object, build: object) -> Response[bytes]:
    body, etag = cached(catalogue, ("api", key), lambda: _encoder.encode(build() if callable(build) else build))
    return respond(request, body, etag, JSON)


@get("/municipalities", summary="Every municipality with its number of steps and measures")
async def municipalities(
    request: AnyRequest, catalogue: NamedDependency[Catalogue]
) -> Response[list[api_types.MunicipalityListItem]]:
    return _json(
        request,
        catalogue,
        "municipalities",
        lambda: [api_types.municipality_list_item(index) for index in catalogue.municipalities.values()],
    )  # type: ignore[return-value]


@get("/municipalities/{slug:str}", summary="A municipality with its steps and their measures")
async def municipality(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], slug: FromPath[str]
) -> Response[api_types.MunicipalityOut]:
    index = _index(catalogue, slug)
    return _json(request, catalogue, ("municipality", slug), lambda: api_types.municipality_out(index))  # type: ignore[return-value]


@get("/municipalities/{slug:str}/measures/{measure:str}", summary="One measure in full")
async def measure(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], slug: FromPath[str], measure: FromPath[str]
) -> Response[api_types.MeasureDetail] | Redirect:
    index = _index(catalogue, slug)
    if measure in index.redirects:
        return Redirect(f"/api/v1/municipalities/{slug}/measures/{index.redirects[measure]}", status_code=301)
    placed = index.measures.get(measure)
    if placed is None:
        raise NotFoundException(f"No measure called '{measure}' in {index.municipality.name}.")
    return _json(request, catalogue, ("measure", slug, measure), lambda: api_types.measure_detail(placed))  # type: ignore[return-value]


@get("/municipalities/{slug:str}/search", summary="Search a municipality's measures, best first")
async def search_measures(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], slug: FromPath[str], q: Query = ""
) -> Response[api_types.SearchResponse]:
    index = _index(catalogue, slug)
    hits = search(catalogue, index, q)
    results = [
        api_types.SearchHit(
            hit.placed.measure.slug,
            hit.placed.measure.name,
            hit.placed.measure.title,
            hit.placed.step.number,
            round(hit.score, 3),
        )
        for hit in hits
    ]
    body = _encoder.encode(api_types.SearchResponse(query=q, results=results))
    return respond(request, body, etag_for(body), JSON, NO_STORE)  # type: ignore[return-value]  # bytes of that shape


@get("/municipalities/{slug:str}/search-index", summary="What the browser indexes to search offline")
async def search_index(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], slug: FromPath[str]
) -> Response[dict[str, object]]:
    index = _index(catalogue, slug)
    return _json(request, catalogue, ("search-index", slug), lambda: index_data(catalogue, index))  # type: ignore[return-value]


@get("/glossary", summary="Every abbreviation and term, explained in plain words")
async def glossary(request: AnyRequest, catalogue: NamedDependency[Catalogue]) -> Response[api_types.GlossaryOut]:
    return _json(request, catalogue, "glossary", lambda: api_types.GlossaryOut(list(catalogue.glossary.values())))  # type: ignore[return-value]


@get("/helplines", summary="National helplines")
async def helplines(request: AnyRequest, catalogue: NamedDependency[Catalogue]) -> Response[api_types.HelplinesOut]:
    return _json(request, catalogue, "helplines", lambda: api_types.HelplinesOut(catalogue.helplines))  # type: ignore[return-value]


router = Router(
    path="/api/v1",
    route_handlers=[municipalities, municipality, measure, search_measures, search_index, glossary, helplines],
    tags=["api"],
)
