"""POST /api/v1/municipalities/{kommune}/searches: the browser's search says that a search was
made, and whether it found anything. Only that: the words stay in the browser (the search runs
there, js/search.js). A search without JavaScript (/{kommune}/sok?q=) is counted where the server
answers it (server/routes/pages.py)."""

import msgspec
from litestar import Request, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody

from server.catalogue import Catalogue
from server.usage.counts import SEARCHES, SEARCHES_EMPTY, Usage


class Search(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A search was made; `found`: whether it found anything."""

    found: bool


def count_search(usage: Usage, kommune: str, found: bool) -> None:
    page = f"/{kommune}/sok"
    usage.add(page, SEARCHES)
    if not found:
        usage.add(page, SEARCHES_EMPTY)


@post("/api/v1/municipalities/{kommune:str}/searches", status_code=204, tags=["usage"])
async def searches(
    request: Request,  # type: ignore[type-arg]
    catalogue: NamedDependency[Catalogue],
    kommune: FromPath[str],
    data: JSONBody[Search],
) -> None:
    """Count one search (no words: only whether it found anything)."""
    if kommune not in catalogue.municipalities:
        raise NotFoundException(f"Ukjent kommune: {kommune}")
    count_search(request.app.state.usage, kommune, data.found)
