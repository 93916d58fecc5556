"""Size budgets, measured: each page template's HTML, all JavaScript, all CSS, and a 304.

Run: .venv/bin/python -m tests.bench.budgets
Budgets (issue 9): a page ≤ 14 KB brotli (it fits the first round trip of a new connection),
all JS ≤ 15 KB brotli, all CSS ≤ 12 KB brotli, a repeat visit's content check (a 304) < 1 KB.
Figures are brotli sizes of the bytes the server actually sends (pre-rendered at quality 5).
Pages are measured in every language (issue 18): the largest of each kind per language.
"""

import asyncio
import socket
import sys
import tempfile
from pathlib import Path

import brotli

from server.app import create_app
from server.i18n.languages import split, translated_address
from server.precomputed import CACHE_KEY, prerender
from server.settings import Settings
from tests import server_process

KB = 1024
PAGE_BUDGET, JS_BUDGET, CSS_BUDGET, NOT_MODIFIED_BUDGET = 14 * KB, 15 * KB, 12 * KB, 1 * KB


def page_kind(path: str) -> str | None:
    parts = path.strip("/").split("/")
    if path.startswith(("/api/", "/offline/", "/static/")) or "." in parts[-1]:
        return None
    if len(parts) == 1:
        return {"": "home", "ordliste": "glossary", "hjelp": "help", "om": "about", "offline": "offline"}.get(
            parts[0], "ladder"
        )
    return {
        "trinn": "step",
        "tiltak": "measure",
        "sok": "search",
        "min-liste": "saved list",
        "skjul-besok": "hide visit",
    }.get(parts[1], parts[1])


def not_modified_bytes(base: str, path: str) -> int:
    """The whole 304 response on the wire, headers included, for a matching If-None-Match."""
    host, port = base.removeprefix("http://").split(":")

    def exchange(extra: str) -> bytes:
        with socket.create_connection((host, int(port))) as sock:
            request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: br\r\n{extra}Connection: close\r\n\r\n"
            sock.sendall(request.encode())
            chunks = []
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    first = exchange("")
    etag = next(line.split(b":", 1)[1].strip() for line in first.split(b"\r\n") if line.lower().startswith(b"etag:"))
    second = exchange(f"If-None-Match: {etag.decode()}\r\n")
    assert second.startswith(b"HTTP/1.1 304"), second[:40]
    return len(second)


def main() -> int:
    with tempfile.TemporaryDirectory() as temporary:
        app = create_app(Settings(data_dir=Path(temporary) / "data"))
        table = asyncio.run(prerender(app, app.state.holder.current))
        largest: dict[str, tuple[int, str]] = {}
        for path, entry in table.items():
            code, norwegian = split(path)
            kind = page_kind(norwegian) if translated_address(norwegian) else None
            kind = kind and f"{code} {kind}"
            if kind and len(entry.br.body) > largest.get(kind, (0, ""))[0]:
                largest[kind] = (len(entry.br.body), path)
        assets = [a for a in app.state.assets.by_name.values() if not a.name.startswith("editor/")]  # public only
        js = sum(len(brotli.compress(a.body, quality=11)) for a in assets if a.name.endswith(".js"))
        css = sum(len(brotli.compress(a.body, quality=11)) for a in assets if a.name.endswith(".css"))
        assert CACHE_KEY in app.state.holder.current.cache
        with server_process.running(Path(temporary) / "live") as base:
            not_modified = not_modified_bytes(base, "/elverum")
    rows = [(f"page: {kind} (largest: {path})", size, PAGE_BUDGET) for kind, (size, path) in sorted(largest.items())]
    rows += [
        ("all JavaScript", js, JS_BUDGET),
        ("all CSS", css, CSS_BUDGET),
        ("304 for /elverum", not_modified, NOT_MODIFIED_BUDGET),
    ]
    failed = 0
    print(f"{'what':72} {'bytes':>7} {'budget':>7}")
    for name, size, budget in rows:
        mark = "ok" if size <= budget else "OVER"
        failed += size > budget
        print(f"{name[:72]:72} {size:7d} {budget:7d} {mark}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
