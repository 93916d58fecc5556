"""Error responses: problem+json (RFC 9457) for the API, plain Norwegian pages for people.

Never a traceback to a visitor: anything unexpected becomes a calm 500 page with the helplines.
"""

import logging

import msgspec
from litestar import Response
from litestar.exceptions import HTTPException
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from server.i18n.content import in_language
from server.i18n.interface import N_, interface
from server.i18n.languages import prefix
from server.i18n.routing import language_of
from server.i18n.templates import template_name
from server.responses import AnyRequest
from server.search import fold
from server.security import is_staff_path

logger = logging.getLogger("tiltakstrapp")
PROBLEM_JSON = "application/problem+json"

TITLES = {
    400: ("Bad Request", N_("Noe i adressen er feil")),
    403: ("Forbidden", N_("Du har ikke tilgang til dette")),
    404: ("Not Found", N_("Vi finner ikke siden")),
    405: ("Method Not Allowed", N_("Det går ikke an å gjøre det her")),
    410: ("Gone", N_("Dette finnes ikke lenger")),
    413: ("Content Too Large", N_("Forespørselen er for stor")),
    429: ("Too Many Requests", N_("Du har spurt mange ganger på kort tid. Vent litt, og prøv igjen")),
    500: ("Internal Server Error", N_("Noe gikk galt hos oss")),
    503: ("Service Unavailable", N_("Vi har mye å gjøre akkurat nå. Prøv igjen om litt")),
}


class ProblemDetails(msgspec.Struct, frozen=True):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str


def _status(exception: Exception) -> int:
    if isinstance(exception, HTTPException):
        return exception.status_code
    return HTTP_500_INTERNAL_SERVER_ERROR


def _detail(exception: Exception, status: int) -> str:
    if status >= 500:
        return "Something went wrong on our side. Please try again later."
    if isinstance(exception, HTTPException):
        detail = exception.detail
        extra = exception.extra
        if status == 400 and isinstance(extra, list) and extra:
            messages = [f"{item.get('key', '')}: {item.get('message', '')}" for item in extra if isinstance(item, dict)]
            detail = "; ".join(messages) or detail
        return str(detail)
    return "Error"


def municipality_address(request: AnyRequest) -> str | None:
    """The address in lower case when its first part names a municipality in other letters:
    /Elverum, /ELVERUM/trinn/3 and /Åsnes are what people type from a poster (issue 17)."""
    path = request.url.path  # the Norwegian address: /en/… is routed without its prefix
    first, _, rest = path.lstrip("/").partition("/")
    slug = fold(first)
    if slug == first or slug not in request.app.state.holder.current.municipalities:
        return None
    query = request.url.query
    lowered = prefix(language_of(request.scope)) + (f"/{slug}/{rest.lower()}".rstrip("/") if rest else f"/{slug}")
    return f"{lowered}?{query}" if query else lowered


def handle(request: AnyRequest, exception: Exception) -> Response[bytes] | Template | Redirect:
    """One handler for every error, API or page."""
    status = _status(exception)
    if status == 404 and (address := municipality_address(request)):
        return Redirect(address, status_code=301)
    if status == 401 and is_staff_path(request.url.path):
        return Redirect("/redaksjon/logg-inn", status_code=303)  # not logged in: the login page
    if status >= 500 and status != 503:
        # Never the path: it can name what someone looked for (the README: no paths in logs).
        handler = getattr(request.scope.get("route_handler"), "handler_name", "no route")
        logger.error("error while serving %s in %s", request.method, handler, exc_info=exception)
    if request.url.path.startswith("/api/"):
        title = TITLES.get(status, ("Error", ""))[0]
        problem = ProblemDetails("about:blank", title, status, _detail(exception, status))
        headers = getattr(exception, "headers", None) or {}
        return Response(msgspec.json.encode(problem), status_code=status, media_type=PROBLEM_JSON, headers=headers)
    title = TITLES.get(status, ("Error", N_("Noe gikk galt")))[1]
    language = language_of(request.scope)
    catalogue = in_language(request.app.state.holder.current, language)
    return Template(
        template_name=template_name(language, "pages/error.html"),
        context={
            "status": status,
            "title": title,
            "helplines": catalogue.helplines,
            "page": "error",
            "machine": interface(language).machine,
        },
        status_code=status,
        media_type="text/html",
        headers=getattr(exception, "headers", None) or {},
    )
