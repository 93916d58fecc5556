"""The municipality's front page for editors, and editing one item: a form, a draft, a conflict."""

import datetime
import re
import unicodedata
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import FormMultiDict
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect, Template

from server.catalogue import Catalogue
from server.content.model import Kind
from server.editor import forms, workflow
from server.editor.accounts import Account
from server.editor.items import SHARED, ItemError, ItemKey, read_item
from server.editor.routes.common import Note, account_of, back_to, data_of, page, require, today
from server.editor.validation import Verdict, check_item
from server.editor.workflow import Conflict
from server.feedback import reports
from server.plain import lix, longest_sentence
from server.responses import AnyRequest

STALE_DAYS = 180
StepNumber = Annotated[int, QueryParameter(ge=1, le=30)]
MAX_SLUG = 60


def _key(area: str, kind: str, name: str) -> ItemKey:
    try:
        return ItemKey.parse(f"{area}/{kind}" + (f"/{name}" if name and kind != "kommune" else ""))
    except ItemError as error:
        raise NotFoundException(str(error)) from error


@get("/{area:str}", name="editor-area")
async def dashboard(request: AnyRequest, area: FromPath[str], melding: Note = "") -> Template:
    account = account_of(request)
    require(account, area)
    data = data_of(request)
    catalogue: Catalogue = request.app.state.holder.current
    drafts = workflow.drafts_in(data, area)
    tokens = workflow.grunnlag_map(data, area)
    context: dict[str, Any] = {
        "area": area,
        "drafts": drafts,
        "message": melding,
        "grunnlag": lambda key: tokens.get(key, "0:0"),
    }
    if area == SHARED:
        context.update(glossary=list(catalogue.glossary.values()), situations=catalogue.content.situations)
        return page("dashboard_shared", request, **context)
    index = catalogue.municipalities.get(area)
    if index is None:
        raise NotFoundException("Ukjent kommune")
    limit = today() - datetime.timedelta(days=STALE_DAYS)
    services = [p for p in index.measures.values() if p.measure.kind == Kind.SERVICE]
    context.update(
        open_reports=len(reports.reports(data, area)),
        municipality=index.municipality,
        stale=[p for p in services if p.measure.last_checked < limit],
        no_contact=[
            p for p in services if not any((p.measure.contact.phone, p.measure.contact.email, p.measure.contact.web))
        ],
        situations=catalogue.content.situations,
        stale_days=STALE_DAYS,
    )
    return page("dashboard", request, **context)


def _form_page(
    request: AnyRequest,
    key: ItemKey,
    item: dict[str, Any] | None,
    *,
    form: FormMultiDict | None = None,
    verdict: Verdict | None = None,
    conflict: Conflict | None = None,
    grunnlag: str = "",
    status: int = 200,
    message: str = "",
) -> Template:
    data = data_of(request)
    catalogue: Catalogue = request.app.state.holder.current
    fields = forms.fields_for(catalogue, key)
    values = {f.name: forms.typed(f, form) if form is not None else forms.shown(f, item or {}) for f in fields}
    plain = {f.name: _readability(str(values[f.name])) for f in fields if f.kind == "plain"}
    return page(
        "edit",
        request,
        status,
        area=key.scope,
        key=key,
        fields=fields,
        values=values,
        plain=plain,
        verdict=verdict or Verdict(),
        conflict=conflict,
        conflict_values={f.name: forms.shown(f, conflict.theirs or {}) for f in fields} if conflict else {},
        draft=workflow.draft_of(data, key),
        grunnlag=grunnlag or workflow.current_grunnlag(data, key),
        new=read_item(workflow.published_content(data), key) is None,
        message=message,
    )


def _readability(text: str) -> tuple[float, int]:
    return round(lix(text), 1), longest_sentence(text)


@get("/{area:str}/rediger/{kind:str}/{name:str}")
async def edit_form(
    request: AnyRequest, area: FromPath[str], kind: FromPath[str], name: FromPath[str], melding: Note = ""
) -> Template:
    account = account_of(request)
    require(account, area)
    key = _key(area, kind, name)
    data = data_of(request)
    draft = workflow.draft_of(data, key)
    item = draft.data if draft and draft.data is not None else read_item(workflow.published_content(data), key)
    if item is None:
        raise NotFoundException("Finnes ikke")
    return _form_page(request, key, item, message=melding)


async def _save(
    request: Request[Any, Any, Any], account: Account, key: ItemKey, base: dict[str, Any]
) -> Template | Redirect:
    data = data_of(request)
    form = await request.form()
    catalogue: Catalogue = request.app.state.holder.current
    item = forms.parse(forms.fields_for(catalogue, key), form, base)
    verdict = check_item(workflow.published_content(data), key, item, today())
    grunnlag = str(form.get("grunnlag", ""))
    if not verdict.ok:
        return _form_page(request, key, item, form=form, verdict=verdict, grunnlag=grunnlag, status=422)
    saved = workflow.save_draft(data, account, key, item, grunnlag, verdict)
    if isinstance(saved, Conflict):
        return _form_page(request, key, item, form=form, conflict=saved, grunnlag=grunnlag, status=409)
    return back_to(f"/redaksjon/{key.scope}/rediger/{key.kind}/{key.name or '-'}", "Utkastet er lagret.")


@post("/{area:str}/rediger/{kind:str}/{name:str}")
async def save(
    request: Request[Any, Any, Any], area: FromPath[str], kind: FromPath[str], name: FromPath[str]
) -> Template | Redirect:
    account = account_of(request)
    require(account, area)
    key = _key(area, kind, name)
    data = data_of(request)
    draft = workflow.draft_of(data, key)
    base = draft.data if draft and draft.data is not None else read_item(workflow.published_content(data), key)
    if base is None:
        raise NotFoundException("Finnes ikke")
    return await _save(request, account, key, base)


def propose_slug(title: str, taken: set[str]) -> str:
    """A new measure's address from its title: «Ung & trygg» → ung-trygg; never one in use or used."""
    ascii_title = unicodedata.normalize("NFKD", title.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a"))
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.encode("ascii", "ignore").decode()).strip("-")[:MAX_SLUG] or "tiltak"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def taken_slugs(catalogue: Catalogue, data: Any, area: str) -> set[str]:
    """Every slug a new measure here may not have: in use, renamed, retired, or in a draft."""
    index = catalogue.municipalities[area]
    drafts = {
        ItemKey.parse(d.key).name for d in workflow.drafts_in(data, area) if ItemKey.parse(d.key).kind == "tiltak"
    }
    return {*index.measures, *index.redirects, *(gone.slug for gone in index.municipality.retired), *drafts}


@get("/{area:str}/ny")
async def new_form(
    request: AnyRequest, area: FromPath[str], trinn: Annotated[int, QueryParameter(ge=1, le=30)] = 1
) -> Template:
    account = account_of(request)
    require(account, area)
    key = ItemKey(area, "tiltak", "nytt")
    blank = {"step": trinn, "last_checked": today().isoformat(), "access": "contact", "kind": "service"}
    return _form_page(request, key, blank, grunnlag="0:0")


@post("/{area:str}/ny")
async def create(request: Request[Any, Any, Any], area: FromPath[str]) -> Template | Redirect:
    account = account_of(request)
    require(account, area)
    form = await request.form()
    catalogue: Catalogue = request.app.state.holder.current
    if area not in catalogue.municipalities:
        raise NotFoundException("Ukjent kommune")
    slug = propose_slug(str(form.get("title", "")), taken_slugs(catalogue, data_of(request), area))
    return await _save(request, account, ItemKey(area, "tiltak", slug), {"slug": slug})


async def _grunnlag(request: Request[Any, Any, Any]) -> str:
    return str((await request.form()).get("grunnlag", ""))


@post("/{area:str}/ta-bort/{slug:str}")
async def retire(request: Request[Any, Any, Any], area: FromPath[str], slug: FromPath[str]) -> Template | Redirect:
    """A draft that takes the measure away; its address will lead to its step with a note."""
    account = account_of(request)
    require(account, area)
    key = ItemKey(area, "tiltak", slug)
    data = data_of(request)
    verdict = check_item(workflow.published_content(data), key, None, today())
    saved = workflow.save_draft(data, account, key, None, await _grunnlag(request), verdict)
    if isinstance(saved, Conflict):
        return _form_page(request, key, read_item(workflow.published_content(data), key), conflict=saved, status=409)
    return back_to(f"/redaksjon/{area}", "Utkast: tiltaket tas bort når det publiseres.")


@post("/{area:str}/kontrollert/{slug:str}")
async def checked_today(
    request: Request[Any, Any, Any], area: FromPath[str], slug: FromPath[str]
) -> Template | Redirect:
    """«Kontrollert i dag»: a draft that sets last_checked, reviewed like any change."""
    account = account_of(request)
    require(account, area)
    key = ItemKey(area, "tiltak", slug)
    data = data_of(request)
    draft = workflow.draft_of(data, key)
    item = draft.data if draft and draft.data is not None else read_item(workflow.published_content(data), key)
    if item is None:
        raise NotFoundException("Finnes ikke")
    item = {**item, "last_checked": today().isoformat()}
    verdict = check_item(workflow.published_content(data), key, item, today())
    saved = workflow.save_draft(data, account, key, item, await _grunnlag(request), verdict)
    if isinstance(saved, Conflict):
        return _form_page(request, key, item, conflict=saved, status=409)
    return back_to(f"/redaksjon/{area}", "Utkast: kontrollert i dag.")


@post("/{area:str}/flytt/{slug:str}/{direction:str}")
async def move(
    request: Request[Any, Any, Any], area: FromPath[str], slug: FromPath[str], direction: FromPath[str]
) -> Template | Redirect:
    """Move a measure up or down within its group: a draft of its step's order."""
    account = account_of(request)
    require(account, area)
    data = data_of(request)
    content = workflow.published_content(data)
    measure = read_item(content, ItemKey(area, "tiltak", slug))
    if measure is None or direction not in ("opp", "ned"):
        raise NotFoundException("Finnes ikke")
    key = ItemKey(area, "trinn", str(measure["step"]))
    draft = workflow.draft_of(data, key)
    step = draft.data if draft and draft.data is not None else read_item(content, key)
    assert step is not None
    for group in step["groups"]:
        if slug in group["measures"]:
            order: list[str] = group["measures"]
            at = order.index(slug)
            to = at - 1 if direction == "opp" else at + 1
            if 0 <= to < len(order):
                order[at], order[to] = order[to], order[at]
    verdict = check_item(content, key, step, today())
    saved = workflow.save_draft(data, account, key, step, await _grunnlag(request), verdict)
    if isinstance(saved, Conflict):
        return _form_page(request, key, step, conflict=saved, status=409)
    return back_to(f"/redaksjon/{area}", "Utkast: ny rekkefølge på trinnet.")
