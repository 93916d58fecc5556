"""The HSDS 3.0 API under /api/hsds, and every service in full at /hsds/services.json.

The addresses without a query are pre-rendered with the rest of the site (server/site.py) and
are files in the static export; a query (another page, a filter) is answered live. Operation
ids are HSDS's own (its openapi.json), so tools written for HSDS find them.
"""

import datetime
import uuid
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import msgspec
from litestar import Response, Router, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException, ValidationException
from litestar.params import FromPath, QueryParameter

from server.catalogue import Catalogue
from server.opendata import query, types
from server.opendata.mapping import hsds_data
from server.responses import JSON, NO_STORE, REVALIDATE, AnyRequest, cached, etag_for, respond
from server.settings import Settings

HSDS_VERSION = "3.0"
# We follow plain HSDS 3.0, no profile: the specification's canonical schema address (HSDS
# profiles reference: a profile is named by a URI that describes it).
PROFILE = "https://github.com/openreferral/specification/tree/3.0/schema"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
MAX_SEARCH = 200  # as /api/v1's `q`

Current = NamedDependency[Catalogue]
MAX_PAGE = 100_000  # far past any last page, and a number every JSON reader can hold
PageNumber = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE, description="The page to answer, from 1.")]
PerPage = Annotated[
    int, QueryParameter(ge=1, le=MAX_PER_PAGE, description=f"Items per page, 1 to {MAX_PER_PAGE}; 50 if not given.")
]
Search = Annotated[
    str,
    QueryParameter(
        max_length=MAX_SEARCH,
        description="Words to search for, as the site's search finds them (up to 200 characters); best match first.",
    ),
]
TermId = Annotated[
    uuid.UUID | None, QueryParameter(description="Only services linked to this taxonomy term (a step or a topic).")
]
OrganizationId = Annotated[uuid.UUID | None, QueryParameter(description="Only this municipality's services.")]
TaxonomyId = Annotated[uuid.UUID | None, QueryParameter(description="Only the terms of this taxonomy.")]
ModifiedAfter = Annotated[
    str | None,
    QueryParameter(
        max_length=40,
        description=(
            "Only services modified on or after this date (2026-11-22) or date and time "
            "(2026-11-22T10:00:00Z; UTC when no zone is given). A service's modification time is "
            "the day its content was last checked (`assured_date`), at midnight UTC."
        ),
    ),
]
_encoder = msgspec.json.Encoder()


def _answer(request: AnyRequest, body: bytes, cache_control: str = REVALIDATE) -> Response[Any]:
    return respond(request, body, etag_for(body), JSON, cache_control)


def _fixed(request: AnyRequest, catalogue: Catalogue, key: object, build: Callable[[], object]) -> Response[Any]:
    """An answer that depends only on the catalogue: rendered once per publish."""
    body, etag = cached(catalogue, ("hsds", key), lambda: _encoder.encode(build()))
    return respond(request, body, etag, JSON)


def _listing(
    request: AnyRequest,
    catalogue: Catalogue,
    kind: type[types.Page],
    items: Callable[[], Sequence[Any]],
    page: int,
    per_page: int,
) -> Response[Any]:
    """A page of a list. The first page at the default size is the pre-rendered address and
    kept; others are rendered when asked, so no query can grow what is kept in memory."""
    if (page, per_page) == (1, DEFAULT_PER_PAGE):
        return _fixed(request, catalogue, kind.__name__, lambda: query.page_of(kind, items(), 1, DEFAULT_PER_PAGE))
    return _answer(request, _encoder.encode(query.page_of(kind, items(), page, per_page)))


def _missing(kind: str, id_: str) -> NotFoundException:
    return NotFoundException(f"No {kind} with id '{id_}'.")


@get("/", summary="Which HSDS version and profile this API follows", operation_id="getAPIMetaInformation")
async def root(request: AnyRequest, catalogue: Current, settings: NamedDependency[Settings]) -> Response[types.ApiInfo]:
    info = types.ApiInfo(version=HSDS_VERSION, profile=PROFILE, openapi_url=f"{settings.base_url}/schema/openapi.json")
    return _fixed(request, catalogue, "root", lambda: info)


@get("/services", summary="Services, paginated, without their child objects", operation_id="getPaginatedListOfServices")
async def services(
    request: AnyRequest,
    catalogue: Current,
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
    search: Search = "",
    taxonomy_term_id: TermId = None,
    organization_id: OrganizationId = None,
    modified_after: ModifiedAfter = None,
) -> Response[types.ServicePage]:
    filters = query.ServiceFilters(
        search=search,
        taxonomy_term_id=str(taxonomy_term_id) if taxonomy_term_id else None,
        organization_id=str(organization_id) if organization_id else None,
        modified_after=_moment(modified_after),
    )
    if filters == query.ServiceFilters():
        return _listing(request, catalogue, types.ServicePage, lambda: _summaries(catalogue, filters), page, per_page)
    body = _encoder.encode(query.page_of(types.ServicePage, _summaries(catalogue, filters), page, per_page))
    # An address with search words is never kept by a cache (as /api/v1's search, issue 19).
    return _answer(request, body, NO_STORE if search.strip() else REVALIDATE)


def _moment(text: str | None) -> datetime.datetime | None:
    if text is None or not text.strip():
        return None
    try:
        return query.parse_moment(text)
    except ValueError:
        raise ValidationException(
            "modified_after: expected a date (2026-11-22) or a date and time (2026-11-22T10:00:00Z)"
        ) from None


def _summaries(catalogue: Catalogue, filters: query.ServiceFilters) -> list[types.ServiceSummary]:
    return [item.summary for item in query.services(catalogue, hsds_data(catalogue), filters)]


@get("/services/{id:str}", summary="One service in full", operation_id="getFullyNestedServiceById")
async def service(request: AnyRequest, catalogue: Current, id: FromPath[str]) -> Response[types.Service]:
    found = hsds_data(catalogue).services.get(id.lower())
    if found is None:
        raise _missing("service", id)
    return _fixed(request, catalogue, ("service", found.full.id), lambda: found.full)


@get("/organizations", summary="The municipalities, paginated", operation_id="getPaginatedListOfOrganizations")
async def organizations(
    request: AnyRequest, catalogue: Current, page: PageNumber = 1, per_page: PerPage = DEFAULT_PER_PAGE
) -> Response[types.OrganizationPage]:
    def listed() -> list[types.OrganizationSummary]:
        return [types.OrganizationSummary(**_own(item)) for item in hsds_data(catalogue).organizations.values()]

    return _listing(request, catalogue, types.OrganizationPage, listed, page, per_page)


def _own(organization: types.Organization) -> dict[str, Any]:
    """An organization's own fields, without its phones and services."""
    fields = msgspec.structs.asdict(organization)
    return {name: fields[name] for name in types.OrganizationSummary.__struct_fields__}


@get("/organizations/{id:str}", summary="One municipality with its services", operation_id="getOrganizationById")
async def organization(request: AnyRequest, catalogue: Current, id: FromPath[str]) -> Response[types.Organization]:
    found = hsds_data(catalogue).organizations.get(id.lower())
    if found is None:
        raise _missing("organization", id)
    return _fixed(request, catalogue, ("organization", found.id), lambda: found)


@get("/taxonomies", summary="Our two taxonomies: steps and topics", operation_id="getPaginatedListOfTaxonomies")
async def taxonomies(
    request: AnyRequest, catalogue: Current, page: PageNumber = 1, per_page: PerPage = DEFAULT_PER_PAGE
) -> Response[types.TaxonomyPage]:
    return _listing(
        request, catalogue, types.TaxonomyPage, lambda: list(hsds_data(catalogue).taxonomies.values()), page, per_page
    )


@get("/taxonomies/{id:str}", summary="One taxonomy", operation_id="getTaxonomyById")
async def taxonomy(request: AnyRequest, catalogue: Current, id: FromPath[str]) -> Response[types.Taxonomy]:
    found = hsds_data(catalogue).taxonomies.get(id.lower())
    if found is None:
        raise _missing("taxonomy", id)
    return _fixed(request, catalogue, ("taxonomy", found.id), lambda: found)


@get("/taxonomy_terms", summary="Every step and topic, paginated", operation_id="getPaginatedListOfTaxonomyTerms")
async def taxonomy_terms(
    request: AnyRequest,
    catalogue: Current,
    page: PageNumber = 1,
    per_page: PerPage = DEFAULT_PER_PAGE,
    taxonomy_id: TaxonomyId = None,
) -> Response[types.TaxonomyTermPage]:
    wanted = str(taxonomy_id) if taxonomy_id else None
    listed = [term for term in hsds_data(catalogue).terms.values() if wanted in (None, term.taxonomy_id)]
    if wanted is not None:
        return _answer(request, _encoder.encode(query.page_of(types.TaxonomyTermPage, listed, page, per_page)))
    return _listing(request, catalogue, types.TaxonomyTermPage, lambda: listed, page, per_page)


@get("/taxonomy_terms/{id:str}", summary="One step or topic", operation_id="getTaxonomyTermById")
async def taxonomy_term(request: AnyRequest, catalogue: Current, id: FromPath[str]) -> Response[types.TaxonomyTerm]:
    found = hsds_data(catalogue).terms.get(id.lower())
    if found is None:
        raise _missing("taxonomy term", id)
    return _fixed(request, catalogue, ("taxonomy_term", found.id), lambda: found)


@get(
    "/hsds/services.json",
    summary="Every service in full, in one file (HSDS 3.0)",
    operation_id="getEveryServiceInFull",
    tags=["hsds"],
)
async def services_file(request: AnyRequest, catalogue: Current) -> Response[list[types.Service]]:
    return _fixed(
        request, catalogue, "services.json", lambda: [item.full for item in hsds_data(catalogue).services.values()]
    )


router = Router(
    path="/api/hsds",
    route_handlers=[
        root,
        services,
        service,
        organizations,
        organization,
        taxonomies,
        taxonomy,
        taxonomy_terms,
        taxonomy_term,
    ],
    tags=["hsds"],
)
