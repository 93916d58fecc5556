"""What the staff pages share: the page helper, who may do what, and what a publish sets off."""

import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from litestar import Litestar
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.params import QueryParameter
from litestar.response import Redirect, Template

from server.catalogue import Catalogue, content_version
from server.content.model import Content
from server.datadir import DataDir
from server.editor import auth
from server.editor.accounts import ROLE_LABELS, Account
from server.export import write_export
from server.precomputed import ready
from server.responses import AnyRequest

SCOPE_NAMES = {"felles": "Felles innhold"}
Note = Annotated[str, QueryParameter(max_length=300)]  # a short notice after a POST (?melding=)
Filter = Annotated[str, QueryParameter(max_length=200)]


def data_of_app(app: Litestar) -> DataDir:
    data: DataDir = app.state.data
    return data


def data_of(request: AnyRequest) -> DataDir:
    data: DataDir = request.app.state.data
    return data


def account_of(request: AnyRequest) -> Account:
    """The logged-in account; anyone else is sent to the login page."""
    account = auth.logged_in(request, data_of(request))
    if account is None:
        raise NotAuthorizedException("Du må logge inn.")
    return account


def require(account: Account, scope: str, role: str = "editor") -> None:
    """403 unless the account works on this scope with at least this role."""
    if not account.covers(scope):
        raise PermissionDeniedException("Du har ikke tilgang til denne kommunens innhold.")
    if not account.can(role):
        raise PermissionDeniedException(f"Dette krever rollen {ROLE_LABELS[role].lower()}.")


def scope_name(catalogue: Catalogue, scope: str) -> str:
    index = catalogue.municipalities.get(scope)
    return index.municipality.name if index else SCOPE_NAMES.get(scope, scope)


def page(name: str, request: AnyRequest, status: int = 200, **context: Any) -> Template:
    """A staff page: `editor/<name>.html`, with the account and the scope's name."""
    account = auth.logged_in(request, data_of(request))
    catalogue = request.app.state.holder.current
    scope = str(context.pop("area", account.municipality if account else ""))
    return Template(
        template_name=f"editor/{name}.html",
        context={
            "page": f"editor-{name}",
            "account": account,
            "role_labels": ROLE_LABELS,
            "scope": scope,
            "scope_name": scope_name(catalogue, scope) if scope else "",
            **context,
        },
        status_code=status,
    )


def back_to(path: str, message: str = "") -> Redirect:
    """303 to a page after a POST, with a short message in the address (no cookie needed)."""
    return Redirect(f"{path}?{urlencode({'melding': message})}" if message else path, status_code=303)


def today() -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date()


async def after_publish(app: Litestar, content: Content | None = None) -> None:
    """Make the publish public from this process: the new catalogue, every page pre-rendered
    (new search index and offline packs; the worker's version changes with the content), and
    the static export rewritten when the settings ask for it. Other processes follow within a
    second (server/precomputed.py PublishWatcher)."""
    fresh = None
    if content is not None:  # what was just written: no need to read 10 MB back from disk
        fresh = Catalogue.build(content, content_version(content))
        fresh.cache["revision"] = int(data_of_app(app).main.meta().get("revision", 0))
    catalogue = app.watcher.swap(app, fresh) if app.watcher else app.state.holder.current  # type: ignore[attr-defined]
    settings = app.state.settings
    if settings.prerender:
        await ready(catalogue).wait()
    if settings.export_dir is not None:
        await write_export(app, settings.export_dir)
