"""Which services a query asks for, and one page of a list.

Filters combine as AND, as the HSDS API reference requires. `search` is the site's own search
(server/search.py: folding, prefixes, one typo, synonyms), run in each municipality asked for;
its results come best first, everything else in ladder order.
"""

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from server.catalogue import Catalogue, Placed
from server.opendata import types
from server.opendata.mapping import HsdsData, Listed
from server.search import search

AnyPage = TypeVar("AnyPage", bound=types.Page)


@dataclass(frozen=True)
class ServiceFilters:
    """The filters of `/api/hsds/services`; None or "" means not asked for."""

    search: str = ""
    taxonomy_term_id: str | None = None
    organization_id: str | None = None
    modified_after: datetime.datetime | None = None


def parse_moment(text: str) -> datetime.datetime:
    """A date (`2026-11-22`) or date and time (`2026-11-22T10:00:00+01:00`, `…Z`), in UTC; a
    time without a zone is read as UTC, a date as its midnight. ValueError if it is neither."""
    text = text.strip()
    if len(text) == 10:
        moment = datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time())
    else:
        moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def services(catalogue: Catalogue, data: HsdsData, filters: ServiceFilters) -> list[Listed]:
    """The services that pass every filter: best match first with `search`, else ladder order."""
    chosen = list(data.services.values())
    if filters.organization_id is not None:
        chosen = [item for item in chosen if item.full.organization_id == filters.organization_id]
    if filters.taxonomy_term_id is not None:
        chosen = [item for item in chosen if filters.taxonomy_term_id in item.term_ids]
    if filters.modified_after is not None:
        after = filters.modified_after
        chosen = [item for item in chosen if item.modified >= after]
    if filters.search.strip():
        chosen = _searched(catalogue, chosen, filters.search)
    return chosen


def _searched(catalogue: Catalogue, chosen: list[Listed], query: str) -> list[Listed]:
    """The chosen services the words find, best first. Within a municipality the order is its
    search's own (equal scores by slug); across municipalities equal scores keep theirs."""
    by_measure = {(item.placed.municipality.slug, item.placed.measure.slug): item for item in chosen}
    scored: list[tuple[float, Listed]] = []
    for slug in dict.fromkeys(item.placed.municipality.slug for item in chosen):
        index = catalogue.municipalities[slug]
        # The other filters go into the search, so its cut (the best 50) is taken among them.
        wanted = {measure for municipality, measure in by_measure if municipality == slug}
        for hit in search(catalogue, index, query, keep=_among(wanted)):
            scored.append((hit.score, by_measure[(slug, hit.placed.measure.slug)]))
    scored.sort(key=lambda pair: -pair[0])  # stable: keeps each search's order at equal scores
    return [item for _, item in scored]


def _among(slugs: set[str]) -> Callable[[Placed], bool]:
    return lambda placed: placed.measure.slug in slugs


def page_of(kind: type[AnyPage], items: Sequence[Any], page: int, per_page: int) -> AnyPage:
    """One page of a list in HSDS's wrapper `kind`, which holds items of that type; a page
    past the last is empty, not an error."""
    total_pages = max(1, math.ceil(len(items) / per_page))
    contents = list(items[(page - 1) * per_page : page * per_page])
    fields: dict[str, Any] = {"contents": contents}  # every page kind adds `contents`
    return kind(
        total_items=len(items),
        total_pages=total_pages,
        page_number=page,
        size=len(contents),
        first_page=page == 1,
        last_page=page >= total_pages,
        empty=not contents,
        **fields,
    )
