"""«Du har rett til tolk» (`/tolk`, `/en/tolk` …): the right to an interpreter, in plain words, in
every language: national facts only (content/interpreter.yaml), linked from every page's footer,
the translation note, the situations and any search for «tolk», «interpreter», «перекладач» …"""

from litestar import Router, get
from litestar.di import NamedDependency
from litestar.response import Template

from server.catalogue import Catalogue
from server.routes.pages import page


@get("/tolk", include_in_schema=False)
async def interpreter(catalogue: NamedDependency[Catalogue]) -> Template:
    return page("interpreter", catalogue, sections=catalogue.content.interpreter)


router = Router(path="/", route_handlers=[interpreter])
