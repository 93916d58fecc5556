"""The static export: the whole site as files any web server or CDN can serve.

Every pre-rendered response is written where a plain web server looks for it — a page at
`…/index.html`, JSON at `…/index.json` (or its own name when it has one) — with `.br` and
`.gz` siblings for servers that send precompressed files (nginx `gzip_static`, `brotli_static`).
The files are byte for byte what the live server sends: both come from the same renders, the
fingerprinted assets included (they are in the same table, compressed once).

The export is written into a new folder beside the target and then swapped in, so a web server
serving the target never sees half a site. The target must be new, empty, or an earlier export
(it carries a marker file); anything else is refused, since replacing it would delete it.
"""

import asyncio
import contextlib
import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

from litestar import Litestar

from server import inprocess
from server.precomputed import CACHE_KEY, Precomputed, prerender, ready

MARKER = ".tiltakstrapp-export"
_RENAME_EXCHANGE = 2  # renameat2(2) flag: swap two paths in one step (Linux 3.15+)
_AT_FDCWD = -100


class ExportRefused(Exception):
    """The target folder holds something that is not an earlier export."""


def file_for(path: str, media_type: str) -> str:
    """Where an address lives in the export, relative to its root."""
    relative = path.strip("/")
    if "." in relative.rsplit("/", 1)[-1]:
        return relative  # has its own file name: /sw.js, /offline/elverum.json, /robots.txt
    index = "index.json" if "json" in media_type else "index.html"
    return f"{relative}/{index}" if relative else index


def _write(target: Path, entry: Precomputed) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(entry.identity.body)
    target.with_name(target.name + ".br").write_bytes(entry.br.body)
    target.with_name(target.name + ".gz").write_bytes(entry.gzip.body)


async def _export(app: Litestar, directory: Path) -> int:
    catalogue = app.state.holder.current
    while CACHE_KEY in catalogue.cache and not ready(catalogue).is_set():
        # Being rendered in the background (by the server's own loop, maybe in another thread):
        # wait for the whole table rather than read it while it grows (issue 18: five languages).
        await asyncio.sleep(0.1)
    table: dict[str, Precomputed] = catalogue.cache.get(CACHE_KEY) or await prerender(app, catalogue)
    for path, entry in list(table.items()):
        media_type = next((v.decode() for k, v in entry.headers if k == b"content-type"), "text/html")
        _write(directory / file_for(path, media_type), entry)
    not_found = await inprocess.get(app, "/404", app.state.host_example)
    _write(directory / "404.html", Precomputed.build(not_found))
    (directory / MARKER).write_text(f"Tiltakstrappa static export, content version {catalogue.version}\n")
    return len(table)


def check_target(directory: Path) -> None:
    """Refuse a folder that is neither new, empty, nor an earlier export."""
    if not directory.exists():
        return
    if not directory.is_dir():
        raise ExportRefused(f"{directory} finnes og er ikke en mappe.")
    if any(directory.iterdir()) and not (directory / MARKER).is_file():
        raise ExportRefused(
            f"Mappen {directory} er ikke tom, og den er ikke en tidligere eksport fra Tiltakstrappa. "
            "Eksporten ville ha slettet det som ligger der. Velg en ny eller tom mappe."
        )


def export_site(app: Litestar, directory: Path) -> int:
    """Write the site into `directory` (new, empty or an earlier export), all at once; return
    the number of files (without their .br and .gz siblings)."""
    return asyncio.run(write_export(app, directory))


async def write_export(app: Litestar, directory: Path) -> int:
    """The same, from inside the running app (after a publish, with TILTAKSTRAPP_EXPORT_DIR)."""
    directory = directory.resolve()
    check_target(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.new-", dir=directory.parent))
    try:
        count = await _export(app, staging)
        staging.chmod(0o755)  # mkdtemp makes it private; a web server must read it
        if directory.exists():
            _swap(staging, directory)  # staging now holds the old export
            shutil.rmtree(staging)
        else:
            os.rename(staging, directory)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            shutil.rmtree(staging)
        raise
    return count


def _swap(a: Path, b: Path) -> None:
    """Exchange two folders in one step where the system can (Linux renameat2), so a web server
    sees either the old export or the new one; elsewhere, two renames in quick succession."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is not None and renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return
    aside = a.with_name(a.name + ".old")
    os.rename(b, aside)
    os.rename(a, b)
    os.rename(aside, a)
