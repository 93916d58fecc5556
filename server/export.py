"""The static export: the whole site as files any web server or CDN can serve.

Every pre-rendered response is written where a plain web server looks for it — a page at
`…/index.html`, JSON at `…/index.json` (or its own name when it has one) — with `.br` and
`.gz` siblings for servers that send precompressed files (nginx `gzip_static`, `brotli_static`).
The files are byte for byte what the live server sends: both come from the same renders.
"""

import asyncio
import shutil
from pathlib import Path

from litestar import Litestar

from server import inprocess
from server.precomputed import CACHE_KEY, Precomputed, prerender


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
    table = catalogue.cache.get(CACHE_KEY) or await prerender(app, catalogue)
    for path, entry in table.items():
        media_type = next((v.decode() for k, v in entry.headers if k == b"content-type"), "text/html")
        _write(directory / file_for(path, media_type), entry)
    for asset in app.state.assets.by_url.values():
        rendered = inprocess.Rendered(200, (("content-type", asset.media_type),), asset.body)
        _write(directory / asset.url.lstrip("/"), Precomputed.build(rendered))
    not_found = await inprocess.get(app, "/404")
    _write(directory / "404.html", Precomputed.build(not_found))
    return len(table) + len(app.state.assets.by_url)


def export_site(app: Litestar, directory: Path) -> int:
    """Write the site into an empty (or new) folder; return the number of files (without siblings)."""
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    return asyncio.run(_export(app, directory))
