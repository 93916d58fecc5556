"""The form on measure and situation pages posts to the page's own address (`<form method=post>`
with no action: the form is then the same bytes on every page, and costs the offline copy, which
holds every page, next to nothing); /tilbakemelding/takk thanks.
In another language the page's address has its prefix (/en/elverum/tiltak/x): the same handler
answers it (server/i18n/routing.py), in that language, and thanks at /en/tilbakemelding/takk.
Votes and reports are kept under the page's Norwegian address, the one the editor knows.

No cookie, so no CSRF token: a cross-site post is refused on its `Origin` and `Sec-Fetch-Site`
instead (_same_origin). A filled honeypot field is thanked
and dropped. Litestar's RateLimitConfig limits posts per client address, in memory only.
"""

import re
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from litestar import Request, Router, get, post
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect, Template

from server import site
from server.catalogue import Catalogue
from server.feedback import reports
from server.feedback.reports import MAX_TEXT, REASON_LABELS, Reason
from server.i18n.interface import interface
from server.i18n.languages import prefix
from server.responses import NO_STORE
from server.routes.pages import page
from server.settings import Settings
from server.usage.counts import USEFUL_NO, USEFUL_YES

Current = NamedDependency[Catalogue]
HONEYPOT = "nettadresse"
# The pages that carry the form: a measure and a situation of a municipality.
_PAGE = re.compile(r"^/(?P<kommune>[a-z0-9-]+)/(?:tiltak|situasjon)/[a-z0-9-]+$")
Side = Annotated[str, QueryParameter(max_length=200)]


def form_page(catalogue: Catalogue, path: str) -> str | None:
    """The municipality of a page that has the form, or None for any other address."""
    match = _PAGE.match(path)
    if match is None or path not in site.pages(catalogue):
        return None
    return match["kommune"]


def _same_origin(request: Request[Any, Any, Any]) -> bool:
    """Whether the form was sent from a page of this site. Our pages ask for `Referrer-Policy:
    no-referrer`, so a browser sends `Origin: null` with their forms; then `Sec-Fetch-Site`
    (sent by every current browser, and never settable by a page) says where it came from."""
    origin = request.headers.get("origin")
    if origin is not None and origin != "null":
        return urlsplit(origin).netloc == request.headers.get("host", "")
    return request.headers.get("sec-fetch-site") == "same-origin"


async def on_measure(
    request: Request[Any, Any, Any], catalogue: Current, kommune: FromPath[str], slug: FromPath[str]
) -> Redirect | Template:
    return await _receive(request, catalogue, f"/{kommune}/tiltak/{slug}")


async def on_situation(
    request: Request[Any, Any, Any], catalogue: Current, kommune: FromPath[str], slug: FromPath[str]
) -> Redirect | Template:
    return await _receive(request, catalogue, f"/{kommune}/situasjon/{slug}")


async def _receive(request: Request[Any, Any, Any], catalogue: Current, path: str) -> Redirect | Template:
    if not _same_origin(request):
        raise PermissionDeniedException("Skjemaet må sendes fra en side på dette nettstedet.")
    kommune = form_page(catalogue, path)
    if kommune is None:
        raise NotFoundException("Siden finnes ikke.")
    form = await request.form()
    useful = str(form.get("nyttig", ""))
    reason = str(form.get("grunn", ""))
    text = str(form.get("tekst", ""))
    if form.get(HONEYPOT):
        return _thanks_redirect(catalogue, path, "melding")  # a robot: thanked, and nothing kept
    if useful in {"ja", "nei"}:
        request.app.state.usage.add(path, USEFUL_YES if useful == "ja" else USEFUL_NO)
        if reason in set(Reason):  # a report filled in, then «Ja» or «Nei» pressed: keep it too
            reports.add(request.app.state.data, kommune, path, Reason(reason), text[:MAX_TEXT])
        return _thanks_redirect(catalogue, path, useful)
    words = interface(catalogue.language)
    if reason not in set(Reason):
        return _problem(catalogue, words.gettext("Velg hva som er feil."), path, reason, text)
    if len(text) > MAX_TEXT:
        too_long = words.gettext("Teksten er for lang. Skriv høyst %(max)d tegn.") % {"max": MAX_TEXT}
        return _problem(catalogue, too_long, path, reason, text)
    reports.add(request.app.state.data, kommune, path, Reason(reason), text)
    return _thanks_redirect(catalogue, path, "melding")


def _thanks_redirect(catalogue: Catalogue, path: str, kind: str) -> Redirect:
    """To the thanks in the page's language; `side` is the page's Norwegian address."""
    query = urlencode({"side": path, "type": kind})
    return Redirect(f"{prefix(catalogue.language)}/tilbakemelding/takk?{query}", status_code=303)


def _problem(catalogue: Catalogue, message: str, path: str, reason: str, text: str) -> Template:
    """The form again with what the person wrote, and what to fix: nothing typed is lost."""
    response = page(
        "feedback_problem",
        catalogue,
        message=message,
        side=path if form_page(catalogue, path) else "",
        reason=reason,
        text=text,
        reasons=REASON_LABELS,
        max_text=MAX_TEXT,
    )
    response.status_code = 422
    response.headers["cache-control"] = NO_STORE
    return response


@get("/tilbakemelding/takk", include_in_schema=False)
async def thanks(
    catalogue: Current, side: Side = "", kind: Annotated[str, QueryParameter(name="type", max_length=10)] = ""
) -> Template:
    response = page("feedback_thanks", catalogue, side=side if form_page(catalogue, side) else "", kind=kind)
    response.headers["cache-control"] = NO_STORE
    return response


def routes(settings: Settings) -> list[Any]:
    """The form's handlers, posts limited per client address; none when feedback is off. The
    posts are handlers of the app itself, not of a Router: a Router of their own would register
    a second OPTIONS handler for the pages' addresses, which Litestar refuses."""
    if not settings.feedback:
        return []
    limit = RateLimitConfig(
        rate_limit=("minute", settings.feedback_per_minute), store="rate-limit-feedback", set_rate_limit_headers=False
    )
    return [
        post(path, include_in_schema=False, status_code=303, middleware=[limit.middleware])(handler)
        for path, handler in (
            ("/{kommune:str}/tiltak/{slug:str}", on_measure),
            ("/{kommune:str}/situasjon/{slug:str}", on_situation),
        )
    ] + [
        Router(path="/", route_handlers=[thanks]),
    ]
