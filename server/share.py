"""Sharing a page: its canonical address, a QR code of it, and the shared list of measures.

A measure's address is what staff send to families, so it is built one way everywhere: the
public base URL from Settings plus the path. `register(env, settings)` gives templates that
base URL; the QR code is drawn here on the server (segno), so no JavaScript or outside service
is needed to show or print it.
"""

import io
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

import segno
from jinja2 import Environment

from server.catalogue import MunicipalityIndex, Placed
from server.settings import Settings

# A shared list (`/{kommune}/liste?t=a,b,c`) holds at most this many measures. Elverum's
# longest step has 38, and slugs average 29 characters, so 50 is more than anyone sends; the
# character cap keeps the address inside one QR code at level M (2 331 bytes) and well inside
# what SMS apps and old browsers accept.
MAX_LIST_SLUGS = 50
MAX_LIST_CHARS = 2000
_SLUG = re.compile(r"[a-z0-9-]{1,100}")


def qr_svg(url: str) -> bytes:
    """The URL as a QR code in SVG: black on white, a 4-module quiet zone (ISO/IEC 18004 §6.3.8),
    error correction M (15 %: survives a fold or a smudge on paper). No fixed size: the page
    sets it. The white background keeps it scannable on the dark colour scheme."""
    try:
        code = segno.make(url, error="m", micro=False)
    except segno.DataOverflowError:  # only a shared list near its cap, with renamed (longer) slugs
        code = segno.make(url, error="l", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        omitsize=True,
        nl=False,
        svgclass=None,
        lineclass=None,
    )
    return out.getvalue()


class QrCache:
    """Codes already made, least recently used dropped first, bounded by their total size.

    A page's code takes ~8 ms (segno scores all eight masks; ~1.7 s for the ~220 pages at start)
    and never changes, so a republish reuses it. A shared list's code is up to ~34 KB and
    ~118 ms: an unbounded cache of them grew the server by ~140 MB under a stream of distinct
    lists (issue 19), so the cache holds at most `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._codes: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()  # shared lists are drawn in worker threads

    def get(self, url: str) -> bytes:
        with self._lock:
            code = self._codes.get(url)
            if code is not None:
                self._codes.move_to_end(url)
                return code
        code = qr_svg(url)
        with self._lock:
            if url not in self._codes:
                self._codes[url] = code
                self.size += len(code)
            while self.size > self.max_bytes and self._codes:
                _, dropped = self._codes.popitem(last=False)
                self.size -= len(dropped)
        return code


# Every page's code (~250 of ~1 KB for three municipalities) fits many times over.
QR_CODES = QrCache(max_bytes=4 * 1024 * 1024)


def qr_path(path: str) -> str:
    """Where the QR code of a page is served: next to it, e.g. `/elverum/tiltak/x/qr.svg`."""
    return f"{path.rstrip('/')}/qr.svg"


@dataclass(frozen=True)
class SharedList:
    """A list of measures from a shared link: the ones found, in order, and how many were not."""

    measures: list[Placed]
    missing: int

    @property
    def slugs(self) -> list[str]:
        return [placed.measure.slug for placed in self.measures]


class ListTooLong(ValueError):
    """The list asks for more measures than a shared list may hold."""


def parse_list(index: MunicipalityIndex, t: str) -> SharedList:
    """The measures named in `t` (comma-separated slugs). Old slugs follow their rename;
    unknown or malformed slugs and repeats are left out and counted, never an error."""
    names = [name.strip() for name in t.split(",") if name.strip()]
    if len(names) > MAX_LIST_SLUGS:
        raise ListTooLong(f"En delt liste kan ha høyst {MAX_LIST_SLUGS} tilbud.")
    found: dict[str, Placed] = {}
    missing = 0
    for name in names:
        slug = index.redirects.get(name, name) if _SLUG.fullmatch(name) else ""
        placed = index.measures.get(slug)
        if placed is None:
            missing += 1
        elif slug not in found:
            found[slug] = placed
    return SharedList(list(found.values()), missing)


def list_path(kommune: str, slugs: list[str]) -> str:
    """The shared address of a list: `/elverum/liste?t=a,b` (or without `t` when empty)."""
    return f"/{kommune}/liste?t={','.join(slugs)}" if slugs else f"/{kommune}/liste"


def register(env: Environment, settings: Settings) -> None:
    """Give every template the public base URL and the address of a page's QR code."""
    env.globals.update(base_url=settings.base_url, qr_path=qr_path)
