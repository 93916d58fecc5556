"""For admins: the municipality's accounts, its settings, and the audit log."""

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from server.editor import accounts, workflow
from server.editor.accounts import ROLES
from server.editor.routes.common import Filter, Note, account_of, after_publish, back_to, data_of, page, require, today
from server.responses import AnyRequest


@get("/{area:str}/brukere")
async def users(request: AnyRequest, area: FromPath[str], melding: Note = "") -> Template:
    account = account_of(request)
    require(account, area, "admin")
    everyone = [
        a
        for a in accounts.all_accounts(data_of(request))
        if area in (a.municipality, "felles") or account.municipality == "felles"
    ]
    return page(
        "users",
        request,
        area=area,
        users=[a for a in everyone if a.municipality == area],
        roles=ROLES,
        message=melding,
    )


@post("/{area:str}/brukere")
async def add_user(request: Request[Any, Any, Any], area: FromPath[str]) -> Template | Redirect:
    account = account_of(request)
    require(account, area, "admin")
    form = await request.form()
    data = data_of(request)
    try:
        token = accounts.add(data, str(form.get("epost", "")), area, str(form.get("rolle", "")), account.email)
    except accounts.AccountError as error:
        everyone = [a for a in accounts.all_accounts(data) if a.municipality == area]
        return page("users", request, 422, area=area, users=everyone, roles=ROLES, error=str(error))
    return _link_page(request, area, str(form.get("epost", "")), token)


def _link_page(request: AnyRequest, area: str, email: str, token: str) -> Template:
    base = request.app.state.settings.base_url
    return page(
        "link", request, area=area, email=accounts.normalise_email(email), link=f"{base}/redaksjon/passord/{token}"
    )


@post("/{area:str}/brukere/{email:str}/nullstill")
async def reset_user(request: AnyRequest, area: FromPath[str], email: FromPath[str]) -> Template | Redirect:
    account = account_of(request)
    require(account, area, "admin")
    target = accounts.get(data_of(request), email)
    if target is None or target.municipality != area:
        return back_to(f"/redaksjon/{area}/brukere", "Fant ikke kontoen.")
    return _link_page(request, area, email, accounts.reset(data_of(request), email, account.email))


@post("/{area:str}/brukere/{email:str}/sperr")
async def disable_user(request: AnyRequest, area: FromPath[str], email: FromPath[str]) -> Redirect:
    account = account_of(request)
    require(account, area, "admin")
    target = accounts.get(data_of(request), email)
    if target is None or target.municipality != area:
        return back_to(f"/redaksjon/{area}/brukere", "Fant ikke kontoen.")
    accounts.disable(data_of(request), email, account.email)
    return back_to(f"/redaksjon/{area}/brukere", f"{target.email} er sperret.")


@post("/{area:str}/innstillinger")
async def settings(request: Request[Any, Any, Any], area: FromPath[str]) -> Template | Redirect:
    """Whether editors may publish their own drafts: published at once, and in the audit log."""
    account = account_of(request)
    require(account, area, "admin")
    form = await request.form()
    allow = form.get("selvpublisering") == "ja"
    workflow.set_self_publish(data_of(request), account, area, allow, today())
    await after_publish(request.app)
    return back_to(f"/redaksjon/{area}", "Innstillingen er lagret.")


@get("/{area:str}/logg")
async def audit_log(request: AnyRequest, area: FromPath[str], person: Filter = "", element: Filter = "") -> Template:
    account = account_of(request)
    require(account, area, "admin")
    events = [
        event
        for event in reversed(data_of(request).audit_log())
        if (account.municipality == "felles" or event.get("municipality") == area)
        and (not person or event.get("user") == person)
        and (not element or event.get("item", "").startswith(element))
    ]
    people = sorted({str(event.get("user", "")) for event in events})
    return page("audit", request, area=area, events=events[:500], person=person, element=element, people=people)
