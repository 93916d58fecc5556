"""Pre-rendered responses: every page and JSON file rendered and compressed once per publish.

A request for one of them is answered from memory — identity, gzip or brotli bytes chosen by
Accept-Encoding, a strong ETag, 304 on If-None-Match — without routing or rendering. That is
what lets one small process keep up with nginx serving files (tests/bench/serve.py).
"""

import asyncio
import functools
import gzip
import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import brotli
from litestar import Litestar
from litestar.types import Receive

from server import inprocess, site
from server.catalogue import Catalogue, CatalogueHolder
from server.hosts import HostRule
from server.i18n.languages import SOURCE
from server.i18n.routing import front_page_redirect, routed
from server.responses import etag_for
from server.security import HEADERS, HSTS
from server.usage.counts import VIEWS, Usage

logger = logging.getLogger("tiltakstrapp")
CACHE_KEY = "precomputed"
READY_KEY = "prerendered"
PAGES_READY = "pages-prerendered"
# Brotli quality: 5 for single responses (all ~460 in 0.15 s; 11 takes 9 s for 8 % less),
# 11 for the offline packs, where the best ratio matters most (Elverum: 52 KB vs 62 KB at 5).
PAGE_QUALITY = 5
PACK_QUALITY = 11
# Headers a variant sets itself; everything else is kept from the rendered response.
_OWN = {"content-length", "content-encoding", "etag", "vary", "date"}


@dataclass(frozen=True)
class Variant:
    body: bytes
    etag: str
    encoding: str | None
    # The response's headers, ready to send: for a 200 and for a 304 (set by Precomputed.build).
    start: tuple[tuple[bytes, bytes], ...] = ()
    not_modified: tuple[tuple[bytes, bytes], ...] = ()

    @classmethod
    def of(cls, shared: tuple[tuple[bytes, bytes], ...], body: bytes, etag: str, encoding: str | None) -> "Variant":
        common = (*shared, (b"etag", etag.encode()), (b"vary", b"Accept-Encoding"))
        own = ((b"content-encoding", encoding.encode()),) if encoding else ()
        start = (*common, *own, (b"content-length", str(len(body)).encode()))
        return cls(body, etag, encoding, start, common)


@dataclass(frozen=True)
class Precomputed:
    """One response in three encodings, with the headers they share."""

    headers: tuple[tuple[bytes, bytes], ...]
    identity: Variant
    br: Variant
    gzip: Variant

    @classmethod
    def build(cls, rendered: inprocess.Rendered, quality: int = PAGE_QUALITY) -> "Precomputed":
        body = rendered.body
        tag = etag_for(body)[:-1]
        headers = tuple((key.encode(), value.encode()) for key, value in rendered.headers if key not in _OWN)
        return cls(
            headers=headers,
            identity=Variant.of(headers, body, f'{tag}"', None),
            br=Variant.of(headers, brotli.compress(body, quality=quality), f'{tag}-br"', "br"),
            gzip=Variant.of(headers, gzip.compress(body, compresslevel=9, mtime=0), f'{tag}-gz"', "gzip"),
        )

    def choose(self, accept_encoding: str) -> Variant:
        """The smallest variant the client accepts (q=0 means refused)."""
        br, gz = _accepts(accept_encoding)
        if br and len(self.br.body) < len(self.identity.body):
            return self.br
        if gz and len(self.gzip.body) < len(self.identity.body):
            return self.gzip
        return self.identity

    def etags(self) -> set[str]:
        return {self.identity.etag, self.br.etag, self.gzip.etag}


# Accept-Encoding values seen, parsed: browsers send a handful, so each is parsed once. Cleared
# when full, so a client sending endless distinct values cannot grow it.
_ACCEPTS: dict[str, tuple[bool, bool]] = {}


def _accepts(accept_encoding: str) -> tuple[bool, bool]:
    """Whether a client takes brotli and gzip (q=0 means refused)."""
    known = _ACCEPTS.get(accept_encoding)
    if known is None:
        accepted = {}
        for part in accept_encoding.lower().split(","):
            name, _, params = part.strip().partition(";")
            refused = params.replace(" ", "") in {"q=0", "q=0.0", "q=0.00", "q=0.000"}
            accepted[name.strip()] = not refused
        known = (bool(accepted.get("br")), bool(accepted.get("gzip") or accepted.get("*")))
        if len(_ACCEPTS) >= 64:
            _ACCEPTS.clear()
        _ACCEPTS[accept_encoding] = known
    return known


def ready(catalogue: Catalogue, key: str = READY_KEY) -> asyncio.Event:
    """Set once every page of this catalogue is pre-rendered (or rendering gave up); with
    PAGES_READY, once every page the offline packs are made of is (the packs come last)."""
    event: asyncio.Event | None = catalogue.cache.get(key)
    if event is None:
        event = catalogue.cache[key] = asyncio.Event()
    return event


async def prerender(app: Litestar, catalogue: Catalogue, previous: Catalogue | None = None) -> dict[str, Precomputed]:
    """Render every address of the site through the app, compress it, and keep it; with the
    catalogue it replaces, keep what a publish did not change (see `Reuse`)."""
    try:
        return await _prerender(app, catalogue, Reuse.between(previous, catalogue))
    except PrerenderError:
        catalogue.cache["prerender-failed"] = True
        raise
    finally:
        ready(catalogue, PAGES_READY).set()
        ready(catalogue).set()
        for event in catalogue.cache.get("packs-ready", {}).values():
            event.set()  # nobody waits for a pack that will not come


def prerender_in_background(app: Litestar, catalogue: Catalogue, previous: Catalogue | None = None) -> None:
    """Start pre-rendering a catalogue while the server answers (dynamically until it is done):
    ten municipalities take ~15 s, too long to keep a starting server or a publish waiting."""
    if CACHE_KEY in catalogue.cache:
        return
    catalogue.cache[CACHE_KEY] = {}
    task = asyncio.get_running_loop().create_task(_logged(prerender(app, catalogue, previous)))
    app.state.background = {*app.state.get("background", set()), task}
    task.add_done_callback(lambda done: app.state.background.discard(done))


async def _logged(work: Any) -> None:
    try:
        await work
    except PrerenderError as error:
        logger.error("%s", error)
        print(f"FEIL: {error}", flush=True)


@dataclass(frozen=True)
class Reuse:
    """What a new catalogue may keep of the one it replaces: every response of a municipality
    whose content did not change, when nothing shared changed either (the glossary, helplines,
    situations … appear on every page), and the assets. A municipality's offline copy is kept
    when its pages and the shared pages in it are all the same bytes. A publish in one
    municipality then renders its pages, not the whole site's (tests/bench/editor.py)."""

    table: dict[str, Precomputed]
    unchanged: frozenset[str]

    @classmethod
    def between(cls, previous: Catalogue | None, catalogue: Catalogue) -> "Reuse":
        if previous is None or not ready(previous).is_set() or previous.cache.get("prerender-failed"):
            return cls({}, frozenset())
        table: dict[str, Precomputed] = previous.cache.get(CACHE_KEY, {})
        old, new = previous.content, catalogue.content
        shared = [name for name in new.__struct_fields__ if name != "municipalities"]
        if any(getattr(old, name) != getattr(new, name) for name in shared):
            return cls({path: entry for path, entry in table.items() if path.startswith("/static/")}, frozenset())
        before = {item.slug: item for item in old.municipalities}
        same = frozenset(item.slug for item in new.municipalities if before.get(item.slug) == item)
        if {item.slug for item in old.municipalities} != {item.slug for item in new.municipalities}:
            same = frozenset()  # the home page, help and about list the municipalities
        return cls(table, same)

    def kept(self, path: str, catalogue: Catalogue, table: dict[str, Precomputed]) -> Precomputed | None:
        """The previous response for `path`, if it is certainly the same."""
        old = self.table.get(path)
        if old is None:
            return None
        if path.startswith("/static/"):
            return old
        slug = site.owner(path, catalogue)
        if slug is None or slug not in self.unchanged:
            match = PACK.fullmatch(path)
            if not match or match.group(2) not in self.unchanged:
                return None
            # A copy is the same when everything in it is: the shared pages were rendered anew.
            if all(
                table.get(part) is self.table.get(part) or _same(table.get(part), self.table.get(part))
                for part in site.offline_paths(catalogue, match.group(2), match.group(1) or SOURCE)
            ):
                return old
            return None
        return old


def _same(one: "Precomputed | None", other: "Precomputed | None") -> bool:
    return one is not None and other is not None and one.identity.body == other.identity.body


PACK = re.compile(r"(?:/([a-z]{2}))?/offline/([a-z0-9-]+)\.json")
"""An offline pack: one municipality (group 2) in one language (group 1; Norwegian: none)."""


async def _prerender(app: Litestar, catalogue: Catalogue, reuse: Reuse) -> dict[str, Precomputed]:
    started = time.perf_counter()
    table: dict[str, Precomputed] = {}
    catalogue.cache[CACHE_KEY] = table  # filled as we go: the offline packs are built from it
    # The fingerprinted assets too, so CSS and JavaScript also go out brotli-compressed.
    assets = sorted(app.state.assets.by_url) if hasattr(app.state, "assets") else []
    host = app.state.host_example  # rendered as a visitor on the public address would get them
    failed: list[str] = []
    packing: list[asyncio.Future[Precomputed]] = []
    # ~1.4 s each at brotli 11 for Elverum, 15 packs in five languages: one at a time on the
    # other core (brotli lets go of the GIL) while the rest is rendered, Norwegian first, each
    # answered as soon as it is done (`pack_ready`); a publish is that much sooner public.
    packer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tiltakstrapp-pack")
    kept = 0
    try:
        # The assets first: every page a first visitor opens needs them, best compressed.
        for path in [*assets, *site.all_paths(catalogue)]:
            if PACK.fullmatch(path):
                ready(catalogue, PAGES_READY).set()  # the packs are assembled from what is done
            old = reuse.kept(path, catalogue, table)
            if old is not None:
                table[path] = old
                pack_ready(catalogue, path).set()
                kept += 1
                continue
            rendered = await inprocess.get(app, path, host)
            if rendered.status != 200:
                failed.append(f"{path} ({rendered.status})")
            elif PACK.fullmatch(path):
                work = asyncio.get_running_loop().run_in_executor(packer, Precomputed.build, rendered, PACK_QUALITY)
                work.add_done_callback(functools.partial(_packed, catalogue, table, path))
                packing.append(work)
            else:
                table[path] = Precomputed.build(rendered, _quality(path))
        await asyncio.gather(*packing)
    finally:
        packer.shutdown(wait=False, cancel_futures=True)  # a cancelled render leaves no work behind
    if failed:
        # Every address in the site list exists; a page that cannot be rendered would be missing
        # from the offline copy and the export without a word (issue 19), so refuse to start.
        raise PrerenderError(f"kunne ikke lage {len(failed)} sider: {', '.join(failed[:5])}")
    seconds = time.perf_counter() - started
    again = f" ({kept} uendret fra forrige versjon)" if kept else ""
    print(f"Forhåndslaget {len(table)} sider og filer på {seconds:.1f} s{again}.", flush=True)
    return table


class PrerenderError(RuntimeError):
    """A page of the site could not be rendered."""


def pack_ready(catalogue: Catalogue, path: str) -> asyncio.Event:
    """Set once the offline pack at `path` is compressed and in the table (or rendering ended)."""
    events: dict[str, asyncio.Event] = catalogue.cache.setdefault("packs-ready", {})
    if path not in events:
        events[path] = asyncio.Event()
    return events[path]


def _packed(
    catalogue: Catalogue, table: dict[str, Precomputed], path: str, work: "asyncio.Future[Precomputed]"
) -> None:
    if not work.cancelled() and work.exception() is None:
        table[path] = work.result()
    pack_ready(catalogue, path).set()


def _quality(path: str) -> int:
    if PACK.fullmatch(path):
        return PACK_QUALITY
    if path.startswith("/static/"):
        return PACK_QUALITY  # a few files, fetched by every first visit: worth the best ratio
    return PAGE_QUALITY


class PrecomputedApp(Litestar):
    """Litestar, with pre-rendered responses answered before Litestar sees the request.

    Measured with wrk on 2 cores: a raw ASGI answer runs at ~21 000 req/s on one granian
    worker, the same answer through Litestar's request machinery at ~9 000. The security
    headers are part of the stored response (they were added when it was rendered), HSTS is
    added here over HTTPS, and the allowed-hosts rule is checked here too.
    """

    host_rule: HostRule = HostRule(("*",))
    watcher: "PublishWatcher | None" = None
    usage: "Usage | None" = None
    holder: CatalogueHolder | None = None  # app.state.holder, without State's look-up per request

    async def __call__(self, scope: Any, receive: Receive, send: Any) -> None:  # type: ignore[override]
        if scope["type"] == "http" and self.holder is not None:
            if self.watcher is not None:
                self.watcher.check(self)
            headers = dict(scope["headers"])  # one pass over the request's headers
            if not self.host_rule.allows(headers.get(b"host")):
                await _refuse_host(scope, send)
                return
            path = scope["path"]
            catalogue = self.holder.current
            ours = headers.get(b"x-prerender") == b"1"  # a request the pre-rendering makes itself
            # A person's GET of one of the site's pages (not a file, not the API, not our renders).
            counted = (
                self.usage is not None
                and self.usage.enabled
                and scope["method"] == "GET"
                and not ours
                and path in site.pages(catalogue)
            )
            if scope["method"] in {"GET", "HEAD"} and not scope["query_string"]:
                # A pack asked for while the pages are being rendered: wait for the finished,
                # best-compressed one rather than compress it in a hurry (~18 KB more).
                if not ours and self._pack_pending(scope, catalogue):
                    await pack_ready(catalogue, path).wait()
                table = catalogue.cache.get(CACHE_KEY)
                entry = table.get(path) if table else None
                if entry is not None:
                    if counted:
                        self.usage.add(path, VIEWS)  # type: ignore[union-attr]
                    await _send(entry, scope, headers, send)
                    return
            if scope["method"] in {"GET", "HEAD"} and (location := front_page_redirect(scope["path"])):
                await _redirect(scope, send, location)
                return
            if counted:
                send = _counting(self.usage, path, send)  # type: ignore[arg-type]
            scope = routed(scope)  # /en/… is routed as the Norwegian address, in English
        await super().__call__(scope, receive, send)

    @staticmethod
    def _pack_pending(scope: Any, catalogue: Catalogue) -> bool:
        """An offline pack asked for while the pages are still being rendered."""
        return bool(PACK.fullmatch(scope["path"])) and CACHE_KEY in catalogue.cache and not ready(catalogue).is_set()


class PublishWatcher:
    """Notices a publish by another process (or `tiltakstrapp import`) and swaps in its content.

    Each server process holds its own catalogue. At most once a second a request looks at the
    published content file's modification time; when it changed and the store's revision is new,
    the catalogue is rebuilt from the store and pre-rendered in the background. Until then pages
    are rendered as they are asked for, from the new content, so no page mixes two releases.
    """

    INTERVAL = 1.0

    def __init__(self, path: Path, load: Callable[[], Catalogue]) -> None:
        self.path = path
        self.load = load
        self._checked = 0.0
        self._seen = self._mtime()

    def _mtime(self) -> int:
        try:
            return self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def check(self, app: Litestar) -> None:
        now = time.monotonic()
        if now - self._checked < self.INTERVAL:
            return
        self._checked = now
        mtime = self._mtime()
        if mtime != self._seen:
            self._seen = mtime
            self.swap(app)

    def swap(self, app: Litestar, catalogue: Catalogue | None = None) -> Catalogue:
        """Make the catalogue of what is published now current (if it is new): the one given (a
        publish in this process has it at hand), else built from the store."""
        holder = app.state.holder
        catalogue = catalogue or self.load()
        previous = holder.current
        if catalogue.cache.get("revision") != previous.cache.get("revision"):
            holder.publish(catalogue)
            if app.state.settings.prerender:
                prerender_in_background(app, catalogue, previous)
        current: Catalogue = holder.current
        return current


def _counting(usage: Usage, path: str, send: Any) -> Any:
    """`send`, counting a view when the page is answered (200, or 304 from a cache that asked)."""

    async def counting_send(message: Any) -> None:
        if message["type"] == "http.response.start" and message["status"] in {200, 304}:
            usage.add(path, VIEWS)
        await send(message)

    return counting_send


async def _refuse_host(scope: Any, send: Any) -> None:
    """400 for a host the site does not answer to, in plain words and with the usual headers."""
    body = "Denne adressen hører ikke til nettstedet (ukjent vertsnavn).\n".encode()
    headers = [(key.encode(), value.encode()) for key, value in HEADERS.items()]
    headers += [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 400, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


async def _redirect(scope: Any, send: Any, location: str) -> None:
    """A permanent redirect, with the usual headers."""
    headers = [(key.encode(), value.encode()) for key, value in HEADERS.items()]
    headers += [(b"location", location.encode()), (b"content-length", b"0")]
    await send({"type": "http.response.start", "status": 301, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


async def _send(entry: Precomputed, scope: Any, request_headers: dict[bytes, bytes], send: Any) -> None:
    variant = entry.choose(request_headers.get(b"accept-encoding", b"").decode("latin-1"))
    if_none_match = request_headers.get(b"if-none-match", b"").decode("latin-1")
    if if_none_match and ({tag.strip().removeprefix("W/") for tag in if_none_match.split(",")} & entry.etags()):
        status, headers, body = 304, variant.not_modified, b""
    else:
        status, headers, body = 200, variant.start, b"" if scope["method"] == "HEAD" else variant.body
    if scope.get("scheme") == "https" and (b"strict-transport-security", HSTS.encode()) not in entry.headers:
        # Not twice: with an https public address it was stored with the response (server/security.py).
        headers = (*headers, (b"strict-transport-security", HSTS.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
