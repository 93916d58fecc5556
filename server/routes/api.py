"""The JSON API, /api/v1: municipalities, measures, search, glossary and helplines."""

from typing import Annotated

import msgspec
from litestar import Response, Router, get
from litestar.di import NamedDependency
from litestar.exceptions import HTTPException, NotFoundException
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect

from server import api_types
from server.catalogue import Catalogue, MunicipalityIndex
from server.filters import Filters
from server.finder import find
from server.i18n.content import as_text
from server.i18n.languages import prefix
from server.responses import JSON, NO_STORE, AnyRequest, cached, etag_for, respond
from server.search import index_data, search
from server.situations.local import LocalSituation, situation_data, situations_of

MAX_QUERY = 200
Query = Annotated[str, QueryParameter(name="q", max_length=MAX_QUERY, description="Search words, up to 200 characters")]
_encoder = msgspec.json.Encoder(enc_hook=as_text)  # a translation's fallback is text (server/i18n/content.py)


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
        here = prefix(catalogue.language)
        return Redirect(f"{here}/api/v1/municipalities/{slug}/measures/{index.redirects[measure]}", status_code=301)
    placed = index.measures.get(measure)
    if measure in index.retired:
        raise HTTPException(
            status_code=410, detail=f"The measure '{measure}' was taken away on {index.retired[measure].date}."
        )
    if placed is None:
        raise NotFoundException(f"No measure called '{measure}' in {index.municipality.name}.")
    return _json(request, catalogue, ("measure", slug, measure), lambda: api_types.measure_detail(placed))  # type: ignore[return-value]


@get("/municipalities/{slug:str}/search", summary="Search a municipality's measures, best first")
async def search_measures(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], slug: FromPath[str], q: Query = ""
) -> Response[api_types.SearchResponse]:
    index = _index(catalogue, slug)
    found = find(catalogue, index, q.strip(), Filters())
    scores = {hit.placed.measure.slug: hit.score for hit in search(catalogue, index, q)}
    results = [
        api_types.SearchHit(
            placed.measure.slug,
            placed.measure.name,
            placed.measure.title,
            placed.step.number,
            round(scores.get(placed.measure.slug, 0.0), 3),
            found.why.get(placed.measure.slug, ""),
        )
        for placed in found.every  # every match, best first: the page shows each service once
    ]
    named = [api_types.SituationRef(local.slug, local.situation.title, local.urgent) for local in found.situations]
    helplines = found.helplines_first
    answer = api_types.SearchResponse(q, results, named, bool(helplines), helplines)
    body = _encoder.encode(answer)
    return respond(request, body, etag_for(body), JSON, NO_STORE)  # type: ignore[return-value]  # bytes of that shape


@get("/municipalities/{slug:str}/search-index", summary="What the browser indexes to search offline")
async def search_index(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], slug: FromPath[str]
) -> Response[dict[str, object]]:
    index = _index(catalogue, slug)
    return _json(
        request,
        catalogue,
        ("search-index", slug),
        lambda: {**index_data(catalogue, index), **situation_data(catalogue, index)},
    )  # type: ignore[return-value]


def _situation_out(local: LocalSituation) -> api_types.SituationOut:
    measures = [
        api_types.SituationMeasure(fit.placed.measure.slug, fit.placed.measure.title, fit.placed.step.number, fit.why)
        for fit in local.fits
    ]
    situation = local.situation
    return api_types.SituationOut(
        situation.slug,
        situation.title,
        situation.text,
        [asker.value for asker in situation.askers],
        situation.urgent,
        list(situation.helplines),
        measures,
        local.none_fit,
    )


@get("/municipalities/{slug:str}/situations", summary="The situations people arrive with, and what fits each here")
async def situations(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], slug: FromPath[str]
) -> Response[list[api_types.SituationOut]]:
    index = _index(catalogue, slug)
    return _json(
        request, catalogue, ("situations", slug), lambda: [_situation_out(s) for s in situations_of(catalogue, index)]
    )  # type: ignore[return-value]


@get("/municipalities/{slug:str}/situations/{situation:str}", summary="One situation and what fits it here")
async def situation(
    request: AnyRequest, catalogue: NamedDependency[Catalogue], slug: FromPath[str], situation: FromPath[str]
) -> Response[api_types.SituationOut]:
    index = _index(catalogue, slug)
    local = next((item for item in situations_of(catalogue, index) if item.slug == situation), None)
    if local is None:
        raise NotFoundException(f"No situation called '{situation}'.")
    return _json(request, catalogue, ("situation", slug, situation), lambda: _situation_out(local))  # type: ignore[return-value]


@get("/glossary", summary="Every abbreviation and term, explained in plain words")
async def glossary(request: AnyRequest, catalogue: NamedDependency[Catalogue]) -> Response[api_types.GlossaryOut]:
    return _json(request, catalogue, "glossary", lambda: api_types.GlossaryOut(list(catalogue.glossary.values())))  # type: ignore[return-value]


@get("/helplines", summary="National helplines")
async def helplines(request: AnyRequest, catalogue: NamedDependency[Catalogue]) -> Response[api_types.HelplinesOut]:
    return _json(request, catalogue, "helplines", lambda: api_types.HelplinesOut(catalogue.helplines))  # type: ignore[return-value]


router = Router(
    path="/api/v1",
    route_handlers=[
        municipalities,
        municipality,
        measure,
        search_measures,
        search_index,
        situations,
        situation,
        glossary,
        helplines,
    ],
    tags=["api"],
)
