"""«Er noe feil?» reports from the public, per municipality: read them, mark them done."""

from litestar import get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from server.editor.routes.common import Note, account_of, back_to, data_of, page, require
from server.feedback import reports
from server.feedback.reports import REASON_LABELS
from server.responses import AnyRequest


@get("/{area:str}/meldinger")
async def list_reports(request: AnyRequest, area: FromPath[str], melding: Note = "") -> Template:
    require(account_of(request), area)
    found = reports.reports(data_of(request), area)
    return page("reports", request, area=area, reports=found, reasons=REASON_LABELS, message=melding)


@post("/{area:str}/meldinger/{report_id:str}/ferdig")
async def report_done(request: AnyRequest, area: FromPath[str], report_id: FromPath[str]) -> Redirect:
    account = account_of(request)
    require(account, area)
    data = data_of(request)
    if not any(report.id == report_id for report in reports.reports(data, area)):
        return back_to(f"/redaksjon/{area}/meldinger", "Fant ikke meldingen.")
    reports.mark_done(data, report_id)
    data.audit("melding ferdig", account.email, item=report_id, municipality=area)
    return back_to(f"/redaksjon/{area}/meldinger", "Meldingen er merket ferdig.")
