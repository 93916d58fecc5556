"""HTML pages for people: choose a municipality, its ladder, a step, a measure, search, and help.

Every page is whole HTML that works without JavaScript. Templates mirror the routes
(`web/templates/pages/<name>.html`); the handlers only find things and pass Structs on.
"""

import datetime
from typing import Annotated

from litestar import Router, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect, Template

from server import finder
from server.catalogue import Catalogue, MunicipalityIndex
from server.filters import AGE_LABELS, AUDIENCE_LABELS
from server.i18n.content import in_language, machine_made
from server.i18n.interface import interface
from server.i18n.languages import SECOND_LANGUAGES, SITE_LANGUAGES, prefix
from server.i18n.templates import template_name
from server.responses import NO_STORE, AnyRequest
from server.settings import Settings
from server.usage.routes import count_search
from server.view import neighbours, term_marker

MAX_QUERY = 200
# A measure page says quietly when its facts were last checked over a year ago (issue 15).
STALE_AFTER_DAYS = 365
# The glossary entry whose words a measure young people contact alone shows: what the service
# keeps to itself, and when it must tell barnevernet (content/glossary.yaml).
SECRECY = "taushetsplikt"
Query = Annotated[str, QueryParameter(max_length=MAX_QUERY)]
Choice = Annotated[str, QueryParameter(max_length=40)]  # a filter; unknown values are ignored
Current = NamedDependency[Catalogue]


def _index(catalogue: Catalogue, kommune: str) -> MunicipalityIndex:
    index = catalogue.municipalities.get(kommune)
    if index is None:
        raise NotFoundException(f"Ukjent kommune: {kommune}")
    return index


def page(name: str, catalogue: Catalogue, **context: object) -> Template:
    """A page template, in the catalogue's language, with what every page needs: helplines for
    the bar, glossary links, and whether a machine made its translation (server/i18n)."""
    municipality = context.get("municipality")
    slug = getattr(municipality, "slug", None)
    machine = interface(catalogue.language).machine or machine_made(catalogue, slug)
    return Template(
        template_name=template_name(catalogue.language, f"pages/{name}.html"),
        context={
            "page": name,
            "helplines": catalogue.helplines,
            "terms": term_marker(catalogue),
            "machine": machine,
            **context,
        },
    )


@get("/", include_in_schema=False)
async def home(catalogue: Current) -> Template:
    municipalities = [index.municipality for index in catalogue.municipalities.values()]
    return page("home", catalogue, municipalities=municipalities)


@get("/ordliste", include_in_schema=False)
async def glossary(catalogue: Current) -> Template:
    terms = sorted(catalogue.glossary.values(), key=lambda term: term.term.casefold())
    return page("glossary", catalogue, glossary=terms)


@get("/hjelp", include_in_schema=False)
async def helplines(catalogue: Current) -> Template:
    municipalities = [index.municipality for index in catalogue.municipalities.values()]
    return page("help", catalogue, municipalities=municipalities)


@get("/om", include_in_schema=False)
async def about(catalogue: Current, settings: NamedDependency[Settings]) -> Template:
    municipalities = [index.municipality for index in catalogue.municipalities.values()]
    return page("about", catalogue, municipalities=municipalities, security_contact=settings.security_contact)


@get("/om/skjul-besok", include_in_schema=False)
async def hide_traces(catalogue: Current) -> Template:
    """What the quick exit cannot hide, how to remove it, and "Slett data lagret på denne enheten"."""
    return page("traces", catalogue)


@get("/{kommune:str}", include_in_schema=False)
async def ladder(catalogue: Current, kommune: FromPath[str]) -> Template:
    index = _index(catalogue, kommune)
    return page("ladder", catalogue, municipality=index.municipality, index=index)


@get("/{kommune:str}/trinn/{number:int}", include_in_schema=False)
async def step(catalogue: Current, kommune: FromPath[str], number: FromPath[int], fjernet: Choice = "") -> Template:
    index = _index(catalogue, kommune)
    found = index.step(number)
    if found is None:
        raise NotFoundException(f"Ukjent trinn: {number}")
    previous, following = neighbours(index, found)
    gone = index.retired.get(fjernet)
    return page(
        "step",
        catalogue,
        municipality=index.municipality,
        step=found,
        previous=previous,
        following=following,
        gone=gone if gone and gone.step == number else None,
    )


@get("/{kommune:str}/tiltak/{slug:str}", include_in_schema=False)
async def measure(catalogue: Current, kommune: FromPath[str], slug: FromPath[str]) -> Template | Redirect:
    index = _index(catalogue, kommune)
    here = prefix(catalogue.language)
    if slug in index.redirects:
        # Links people were sent keep working after a rename (content/README.md: never reuse a slug).
        return Redirect(f"{here}/{kommune}/tiltak/{index.redirects[slug]}", status_code=301)
    if slug in index.retired:
        # A measure taken away: its step, with a note that it is gone (never a dead link).
        return Redirect(f"{here}/{kommune}/trinn/{index.retired[slug].step}?fjernet={slug}", status_code=301)
    placed = index.measures.get(slug)
    if placed is None:
        raise NotFoundException(f"Ukjent tiltak: {slug}")
    return page(
        "measure",
        catalogue,
        stale=placed.measure.last_checked < datetime.date.today() - datetime.timedelta(days=STALE_AFTER_DAYS),
        municipality=index.municipality,
        placed=placed,
        measure=placed.measure,
        step=placed.step,
        same_service=index.same_service(placed),
        words=[catalogue.glossary[term] for term in placed.measure.terms if term in catalogue.glossary],
        routes=[catalogue.routes[route] for route in placed.measure.routes if route in catalogue.routes],
        secrecy=catalogue.glossary.get(SECRECY) if placed.measure.youth_alone else None,
        descriptions=descriptions(catalogue, kommune, slug),
    )


def descriptions(catalogue: Catalogue, kommune: str, slug: str) -> list[tuple[str, str, str]]:
    """For a language that does not translate descriptions (Ukrainian, Arabic, Polish): the
    description in English (where its translation is current) and in Norwegian, for the reader
    to choose; [] where the page's own language has it."""
    if SITE_LANGUAGES[catalogue.language].full:
        return []
    found = []
    for code in SECOND_LANGUAGES:
        text = in_language(catalogue, code).municipalities[kommune].measures[slug].measure.description
        if code == "nb" or getattr(text, "lang", code) == code:  # an English fallback is no English
            found.append((code, SITE_LANGUAGES[code].own_name, text))
    return found


@get("/{kommune:str}/sok", include_in_schema=False)
async def search_page(
    request: AnyRequest,
    catalogue: Current,
    kommune: FromPath[str],
    q: Query = "",
    alder: Choice = "",
    audience: Annotated[str, QueryParameter(name="for", max_length=40)] = "",
    tema: Choice = "",
    apen: Choice = "",
) -> Template:
    """Search with filters (server/finder.py); without words, the filters list what fits."""
    index = _index(catalogue, kommune)
    filters = finder.parse_filters(catalogue, index, alder, audience, tema, apen)
    found = finder.find(catalogue, index, q.strip(), filters)
    topics = {topic.slug: topic.name for topic in finder.topics_in(catalogue, index)}
    say = interface(catalogue.language).gettext
    answer = page(
        "search",
        catalogue,
        municipality=index.municipality,
        found=found,
        topics=topics,
        ages={value: say(label) for value, label in AGE_LABELS.items()},
        audiences={value: say(label) for value, label in AUDIENCE_LABELS.items()},
    )
    if q:
        answer.headers["cache-control"] = NO_STORE  # the address holds the words
        count_search(request.app.state.usage, kommune, bool(found.hits or found.situations))
    return answer


router = Router(
    path="/",
    route_handlers=[home, glossary, helplines, about, hide_traces, ladder, step, measure, search_page],
)
