"""HTML pages for people: the municipalities, a ladder."""

from litestar import Request, Router, get
from litestar.exceptions import NotFoundException
from litestar.response import Template

from server.catalogue import Catalogue, MunicipalityIndex


def _index(catalogue: Catalogue, kommune: str) -> MunicipalityIndex:
    index = catalogue.municipalities.get(kommune)
    if index is None:
        raise NotFoundException(f"Ukjent kommune: {kommune}")
    return index


def page(name: str, catalogue: Catalogue, **context: object) -> Template:
    """A page template with what every page needs (helplines for the help bar)."""
    return Template(
        template_name=f"pages/{name}.html",
        context={"page": name, "helplines": catalogue.helplines, **context},
    )


@get("/", include_in_schema=False)
async def home(catalogue: Catalogue) -> Template:
    municipalities = [index.municipality for index in catalogue.municipalities.values()]
    return page("home", catalogue, municipalities=municipalities)


@get("/{kommune:str}", include_in_schema=False)
async def ladder(request: Request, catalogue: Catalogue, kommune: str) -> Template:
    index = _index(catalogue, kommune)
    return page("ladder", catalogue, municipality=index.municipality, index=index)


router = Router(path="/", route_handlers=[home, ladder])
