"""The app factory: `create_app(settings)` builds one Litestar app; there is no module-level app."""

import asyncio
from pathlib import Path

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.stores.file import FileStore
from litestar.template.config import TemplateConfig

from server import errors, share, view
from server.assets import Assets
from server.catalogue import Catalogue, CatalogueHolder
from server.datadir import DataDir
from server.editor import auth
from server.editor import routes as editor_routes
from server.feedback import routes as feedback_routes
from server.feedback.reports import REASON_LABELS
from server.hosts import HostRule
from server.i18n import routes as i18n_routes
from server.i18n.content import in_language
from server.i18n.routing import language_of
from server.i18n.templates import LanguageTemplates, page_helpers
from server.opendata import routes as opendata_routes
from server.precomputed import PrecomputedApp, PublishWatcher, prerender_in_background
from server.publish import catalogue_from_store, load_catalogue
from server.responses import AnyRequest
from server.routes import api, meta, pages, pwa, static
from server.routes import share as share_routes
from server.security import add_security_headers, answer_head_as_get
from server.settings import Settings
from server.situations import routes as situation_routes
from server.usage import routes as usage_routes
from server.usage.counts import Usage

WEB = Path(__file__).resolve().parents[1] / "web"
# A capability with its own package keeps its page templates beside its routes (STYLE.md).
PACKAGE_TEMPLATES = [
    Path(__file__).resolve().parent / name / "templates" for name in ("situations", "editor", "feedback", "i18n")
]
# Public pages take no uploads; a small cap stops a large body from tying up a worker.
MAX_BODY = 16 * 1024
# What is not pre-rendered (a search with words, a shared list, an API search) is compressed
# as it goes out: brotli at the quality of the pre-rendered single responses, else gzip.
COMPRESSION = CompressionConfig(backend="brotli", brotli_quality=5, brotli_gzip_fallback=True, gzip_compress_level=6)


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the app: load the catalogue from the store (importing content first if needed)."""
    settings = settings or Settings.from_env()
    data = DataDir(settings.data_dir)
    holder = CatalogueHolder(load_catalogue(settings))
    assets = Assets(settings.static_dir)

    def current_catalogue(request: AnyRequest) -> Catalogue:
        """The catalogue in the language of the address (`/en/…`: English; server/i18n)."""
        return in_language(holder.current, language_of(request.scope))

    def the_assets() -> Assets:
        return assets

    def configure_templates(engine: LanguageTemplates) -> None:
        engine.engine.globals["asset"] = assets.url
        engine.engine.globals["feedback_enabled"] = settings.feedback
        engine.engine.globals["feedback_reasons"] = REASON_LABELS
        view.register(engine.engine)
        share.register(engine.engine, settings)
        engine.engine.trim_blocks = True
        engine.engine.lstrip_blocks = True
        engine.on_language(view.language_helpers)
        engine.on_language(page_helpers(settings.base_url))

    async def prerender_current(app: Litestar) -> None:
        if settings.prerender:
            prerender_in_background(app, holder.current)  # once per catalogue

    usage = Usage(data, enabled=settings.count_usage)

    async def start_counting(app: Litestar) -> None:
        if usage.enabled:
            app.state.usage_task = asyncio.create_task(usage.flush_every_minute())

    async def stop_counting(app: Litestar) -> None:
        task = app.state.get("usage_task")
        if task is not None:
            task.cancel()
        await asyncio.to_thread(usage.flush)  # what was counted since the last write

    app = PrecomputedApp(
        on_startup=[prerender_current, start_counting],
        on_shutdown=[stop_counting],
        route_handlers=[
            api.router,
            opendata_routes.router,
            opendata_routes.services_file,
            pwa.router,
            meta.router,
            situation_routes.router,
            i18n_routes.router,
            pages.router,
            share_routes.router,
            static.static_file,
            editor_routes.router(settings, data),
            *feedback_routes.routes(settings),
            usage_routes.searches,
        ],
        stores={auth.SESSION_STORE: FileStore(auth.sessions_folder(data), create_directories=True)},
        dependencies={
            "catalogue": Provide(current_catalogue, sync_to_thread=False),
            "assets": Provide(the_assets, sync_to_thread=False),
            "settings": Provide(lambda: settings, sync_to_thread=False),
        },
        exception_handlers={Exception: errors.handle},
        template_config=TemplateConfig(
            directory=[WEB / "templates", *PACKAGE_TEMPLATES],
            engine=LanguageTemplates,
            engine_callback=configure_templates,
        ),
        openapi_config=OpenAPIConfig(
            title="Tiltakstrappa API",
            version="1.0.0",
            description="Municipal measures for children, youth and families, as JSON.",
            path="/schema",
            render_plugins=[JsonRenderPlugin(path="/openapi.json")],
        ),
        before_send=[add_security_headers],
        request_max_body_size=MAX_BODY,
        compression_config=COMPRESSION,
        debug=settings.debug,
        logging_config=None,
    )
    answer_head_as_get(app)
    app.host_rule = HostRule(settings.allowed_hosts)  # checked before every request (server/hosts.py)
    app.state.host_example = app.host_rule.example(settings)
    app.usage = usage
    app.state.usage = usage
    app.state.holder = app.holder = holder
    app.state.data = data
    app.watcher = PublishWatcher(data.main.path, lambda: catalogue_from_store(data))
    app.state.settings = settings
    app.state.assets = assets
    return app
