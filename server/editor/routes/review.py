"""Review and publish, reject, history and restore."""

from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from server.catalogue import Catalogue
from server.editor import forms, workflow
from server.editor.items import ItemKey, read_item
from server.editor.routes.common import Note, account_of, after_publish, back_to, data_of, page, require, today
from server.editor.routes.items import _key
from server.editor.validation import check_item
from server.responses import AnyRequest


def _rows(catalogue: Catalogue, key: ItemKey, before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[Any]:
    """Field by field: (label, before, after, changed), as the form shows the values."""
    rows = []
    for field in forms.fields_for(catalogue, key):
        old = forms.shown(field, before or {}) if before is not None else ""
        new = forms.shown(field, after or {}) if after is not None else ""
        rows.append((field.label, old, new, old != new))
    return rows


def _self_publish(request: AnyRequest, area: str) -> bool:
    index = request.app.state.holder.current.municipalities.get(area)
    return bool(index and index.municipality.allow_self_publish)


@get("/{area:str}/gjennomgang/{kind:str}/{name:str}")
async def review(
    request: AnyRequest, area: FromPath[str], kind: FromPath[str], name: FromPath[str], melding: Note = ""
) -> Template:
    account = account_of(request)
    require(account, area)
    key = _key(area, kind, name)
    data = data_of(request)
    draft = workflow.draft_of(data, key)
    if draft is None:
        raise NotFoundException("Det er ikke noe utkast her.")
    published = read_item(workflow.published_content(data), key)
    catalogue: Catalogue = request.app.state.holder.current
    return page(
        "review",
        request,
        area=area,
        key=key,
        draft=draft,
        rows=_rows(catalogue, key, published, draft.data),
        retiring=draft.data is None,
        new=published is None,
        why_not=workflow.may_publish(account, draft, _self_publish(request, area)),
        message=melding,
    )


@post("/{area:str}/gjennomgang/{kind:str}/{name:str}/publiser")
async def publish(
    request: Request[Any, Any, Any], area: FromPath[str], kind: FromPath[str], name: FromPath[str]
) -> Template | Redirect:
    account = account_of(request)
    require(account, area, "publisher")
    key = _key(area, kind, name)
    form = await request.form()
    try:
        content = workflow.publish(
            data_of(request), account, key, str(form.get("grunnlag", "")), _self_publish(request, area), today()
        )
    except workflow.WorkflowError as error:
        return page(
            "message", request, 409, area=area, title="Ikke publisert", text=str(error), back=f"/redaksjon/{area}"
        )
    await after_publish(request.app, content)
    return back_to(f"/redaksjon/{area}", "Publisert. Nettstedet viser endringen nå.")


@post("/{area:str}/gjennomgang/{kind:str}/{name:str}/avvis")
async def reject(
    request: Request[Any, Any, Any], area: FromPath[str], kind: FromPath[str], name: FromPath[str]
) -> Template | Redirect:
    account = account_of(request)
    require(account, area, "publisher")
    form = await request.form()
    try:
        workflow.reject(data_of(request), account, _key(area, kind, name), str(form.get("kommentar", ""))[:1000])
    except workflow.WorkflowError as error:
        return page("message", request, 409, area=area, title="Ikke avvist", text=str(error), back=f"/redaksjon/{area}")
    return back_to(f"/redaksjon/{area}", "Utkastet er sendt tilbake med kommentaren din.")


@post("/{area:str}/gjennomgang/{kind:str}/{name:str}/forkast")
async def discard(request: AnyRequest, area: FromPath[str], kind: FromPath[str], name: FromPath[str]) -> Redirect:
    account = account_of(request)
    require(account, area)
    workflow.discard(data_of(request), account, _key(area, kind, name))
    return back_to(f"/redaksjon/{area}", "Utkastet er forkastet.")


@get("/{area:str}/historikk/{kind:str}/{name:str}")
async def history(request: AnyRequest, area: FromPath[str], kind: FromPath[str], name: FromPath[str]) -> Template:
    account = account_of(request)
    require(account, area)
    key = _key(area, kind, name)
    versions = workflow.versions(data_of(request), key)
    return page("history", request, area=area, key=key, versions=list(reversed(versions)))


@get("/{area:str}/historikk/{kind:str}/{name:str}/{number:int}")
async def version(
    request: AnyRequest, area: FromPath[str], kind: FromPath[str], name: FromPath[str], number: FromPath[int]
) -> Template:
    account = account_of(request)
    require(account, area)
    key = _key(area, kind, name)
    data = data_of(request)
    found = next((v for v in workflow.versions(data, key) if v.number == number), None)
    if found is None:
        raise NotFoundException("Den versjonen finnes ikke.")
    catalogue: Catalogue = request.app.state.holder.current
    now = read_item(workflow.published_content(data), key)
    return page(
        "version",
        request,
        area=area,
        key=key,
        version=found,
        rows=_rows(catalogue, key, now, found.data),
        grunnlag=workflow.current_grunnlag(data, key),
    )


@post("/{area:str}/historikk/{kind:str}/{name:str}/{number:int}/gjenopprett")
async def restore(
    request: Request[Any, Any, Any],
    area: FromPath[str],
    kind: FromPath[str],
    name: FromPath[str],
    number: FromPath[int],
) -> Template | Redirect:
    """Restore a version as a new draft, reviewed like any other change."""
    account = account_of(request)
    require(account, area)
    key = _key(area, kind, name)
    data = data_of(request)
    found = next((v for v in workflow.versions(data, key) if v.number == number), None)
    if found is None:
        raise NotFoundException("Den versjonen finnes ikke.")
    form = await request.form()
    verdict = check_item(workflow.published_content(data), key, found.data, today())
    if not verdict.ok:
        text = " ".join(m for messages in verdict.errors.values() for m in messages)
        return page(
            "message", request, 422, area=area, title="Kan ikke gjenopprettes", text=text, back=f"/redaksjon/{area}"
        )
    saved = workflow.save_draft(data, account, key, found.data, str(form.get("grunnlag", "")), verdict)
    if isinstance(saved, workflow.Conflict):
        text = f"Endret av {saved.by} kl. {saved.at} mens du så på versjonen. Prøv igjen."
        return page(
            "message",
            request,
            409,
            area=area,
            title="Noen andre har endret det",
            text=text,
            back=f"/redaksjon/{area}",
        )
    data.audit("gjenopprettet", account.email, item=str(key), municipality=area, detail=f"versjon {number} som utkast")
    return back_to(f"/redaksjon/{area}/gjennomgang/{kind}/{name}", f"Versjon {number} er et nytt utkast.")
