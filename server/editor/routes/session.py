"""Logging in and out, and setting a password from a one-time link."""

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from server.editor import accounts, auth
from server.editor.routes.common import Note, back_to, data_of, page
from server.responses import AnyRequest

Form = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
WRONG = "Feil e-post eller passord, eller for mange forsøk på kort tid. Prøv igjen om litt."
# Requests of any kind to the login form, per client address (the failures are counted apart).
LOGIN_RATE = RateLimitConfig(rate_limit=("minute", 30), store="rate-limit-login", set_rate_limit_headers=False)


def _throttle(request: AnyRequest) -> auth.LoginThrottle:
    throttle: auth.LoginThrottle | None = request.app.state.get("login_throttle")
    if throttle is None:
        throttle = request.app.state.login_throttle = auth.LoginThrottle()
    return throttle


@get("/", name="editor-home")
async def home(request: AnyRequest) -> Redirect:
    account = auth.logged_in(request, data_of(request))
    return Redirect(f"/redaksjon/{account.municipality}" if account else "/redaksjon/logg-inn", status_code=303)


@get("/logg-inn")
async def login_form(request: AnyRequest, melding: Note = "") -> Template:
    return page("login", request, message=melding, email="")


@post("/logg-inn", middleware=[LOGIN_RATE.middleware], sync_to_thread=True)
def log_in(request: Request[Any, Any, Any], data: Form) -> Template | Redirect:
    email = accounts.normalise_email(str(data.get("epost", "")))[:200]
    address = request.client.host if request.client else ""
    throttle = _throttle(request)
    store = data_of(request)
    if throttle.blocked(email, address):
        store.audit("innlogging stoppet", email, detail="for mange forsøk")
        return page("login", request, 429, error=WRONG, email=email)
    account = accounts.verify(store, email, str(data.get("passord", "")))
    if account is None:
        throttle.failed(email, address)
        store.audit("innlogging feilet", email)
        return page("login", request, 401, error=WRONG, email=email)
    throttle.succeeded(email)
    auth.log_in(request, account)
    store.audit("innlogget", account.email, municipality=account.municipality)
    return Redirect(f"/redaksjon/{account.municipality}", status_code=303)


@post("/logg-ut")
async def log_out(request: AnyRequest) -> Redirect:
    account = auth.logged_in(request, data_of(request))
    if account is not None:
        data_of(request).audit("logget ut", account.email, municipality=account.municipality)
    auth.log_out(request)
    return back_to("/redaksjon/logg-inn", "Du er logget ut.")


@get("/passord/{token:str}")
async def password_form(request: AnyRequest, token: FromPath[str]) -> Template:
    account = accounts.account_for_link(data_of(request), token)
    return page("password", request, 200 if account else 404, token=token, link_account=account)


@post("/passord/{token:str}", sync_to_thread=True)
def set_password(request: Request[Any, Any, Any], token: FromPath[str], data: Form) -> Template | Redirect:
    store = data_of(request)
    password = str(data.get("passord", ""))
    if password != str(data.get("gjenta", "")):
        account = accounts.account_for_link(store, token)
        return page("password", request, 422, token=token, link_account=account, error="Passordene er ikke like.")
    try:
        accounts.set_password(store, token, password)
    except accounts.AccountError as error:
        account = accounts.account_for_link(store, token)
        return page("password", request, 422, token=token, link_account=account, error=str(error))
    return back_to("/redaksjon/logg-inn", "Passordet er satt. Logg inn.")
