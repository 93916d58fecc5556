"""The staff side's router: /redaksjon, with sessions and CSRF only here."""

from litestar import Router
from litestar.middleware.base import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware

from server.datadir import DataDir
from server.editor import auth
from server.editor.routes import items, people, reports, review, session
from server.settings import Settings

# Forms hold whole descriptions and lists of phrases; public pages keep their 16 KB cap.
MAX_BODY = 256 * 1024


def router(settings: Settings, data: DataDir) -> Router:
    return Router(
        path=auth.PATH,
        route_handlers=[
            session.home,
            session.login_form,
            session.log_in,
            session.log_out,
            session.password_form,
            session.set_password,
            items.dashboard,
            items.edit_form,
            items.save,
            items.new_form,
            items.create,
            items.retire,
            items.checked_today,
            items.move,
            review.review,
            review.publish,
            review.reject,
            review.discard,
            review.history,
            review.version,
            review.restore,
            people.users,
            people.add_user,
            people.reset_user,
            people.disable_user,
            people.settings,
            people.audit_log,
            reports.list_reports,
            reports.report_done,
        ],
        middleware=[
            auth.session_config(settings).middleware,
            DefineMiddleware(CSRFMiddleware, config=auth.csrf_config(settings, data)),
        ],
        request_max_body_size=MAX_BODY,
        include_in_schema=False,
    )
