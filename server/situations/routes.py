"""The pages: «Hva gjelder det?», one situation, and «Er du bekymret for et barn?».

Without a query they are the same for everyone, so they are pre-rendered and in the offline
copy (server/site.py). The two optional questions (who you are, the child's age) are a plain
GET form; with them the page hides what does not fit and says so. js/situation-filter.js does
the same in the browser from the address, so a saved page filters offline too.
"""

from typing import Annotated

from litestar import Router, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, QueryParameter
from litestar.response import Template

from server.catalogue import Catalogue, MunicipalityIndex
from server.content.model import Asker
from server.routes.pages import page
from server.situations.local import ASKER_HEADINGS, ASKER_LABELS, MAX_AGE, Asking, LocalSituation, situations_of

Current = NamedDependency[Catalogue]
Answer = Annotated[str, QueryParameter(max_length=20)]


def _index(catalogue: Catalogue, kommune: str) -> MunicipalityIndex:
    index = catalogue.municipalities.get(kommune)
    if index is None:
        raise NotFoundException(f"Ukjent kommune: {kommune}")
    return index


def grouped(situations: tuple[LocalSituation, ...], asking: Asking) -> list[tuple[Asker, list[LocalSituation]]]:
    """The situations by who asks, urgent ones first in each group; only the asker's group if known."""
    askers = [asking.asker] if asking.asker else list(Asker)
    groups = []
    for asker in askers:
        chosen = [local for local in situations if asker in local.situation.askers]
        chosen.sort(key=lambda local: not local.urgent)  # stable: the content's order otherwise
        groups.append((asker, chosen))
    return groups


@get("/{kommune:str}/hva-gjelder-det", include_in_schema=False)
async def situations_page(
    catalogue: Current, kommune: FromPath[str], hvem: Answer = "", alder: Answer = ""
) -> Template:
    index = _index(catalogue, kommune)
    asking = Asking.parse(hvem, alder)
    return page(
        "situations",
        catalogue,
        municipality=index.municipality,
        groups=grouped(situations_of(catalogue, index), asking),
        asking=asking,
        asker_labels=ASKER_LABELS,
        asker_headings=ASKER_HEADINGS,
        max_age=MAX_AGE,
    )


@get("/{kommune:str}/situasjon/{slug:str}", include_in_schema=False)
async def situation_page(
    catalogue: Current, kommune: FromPath[str], slug: FromPath[str], hvem: Answer = "", alder: Answer = ""
) -> Template:
    index = _index(catalogue, kommune)
    local = next((item for item in situations_of(catalogue, index) if item.slug == slug), None)
    if local is None:
        raise NotFoundException(f"Ukjent situasjon: {slug}")
    asking = Asking.parse(hvem, alder)
    shown = [fit for fit in local.fits if asking.accepts(fit.placed)]
    others = [line for line in local.helplines if not local.urgent]
    return page(
        "situation",
        catalogue,
        municipality=index.municipality,
        local=local,
        asking=asking,
        shown=shown,
        hidden=len(local.fits) - len(shown),
        other_helplines=others,
    )


@get("/{kommune:str}/bekymret", include_in_schema=False)
async def concern_page(catalogue: Current, kommune: FromPath[str]) -> Template:
    """«Er du bekymret for et barn?»: national facts, then the municipality's own way of working."""
    index = _index(catalogue, kommune)
    return page("concern", catalogue, municipality=index.municipality, national=catalogue.content.concern)


router = Router(path="/", route_handlers=[situations_page, situation_page, concern_page])
