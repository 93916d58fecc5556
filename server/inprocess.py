"""Call the app in-process, as a client would, without a socket.

Publishing renders every page through the real route handlers this way, so the pre-rendered
pages, the offline pack and the static export are byte for byte what a browser would get.
"""

from dataclasses import dataclass
from typing import Any

from litestar.types import ASGIApp


@dataclass(frozen=True)
class Rendered:
    """One response: status, headers (lower-case names) and body."""

    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((value for key, value in self.headers if key == name), None)


async def get(app: ASGIApp, path: str, host: str = "localhost") -> Rendered:
    """GET a path from the app and collect the whole response."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", host.encode()), (b"accept-encoding", b"identity"), (b"x-prerender", b"1")],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    status = 0
    headers: list[tuple[str, str]] = []
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
            headers.extend((key.decode().lower(), value.decode()) for key, value in message.get("headers", []))
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)  # type: ignore[arg-type]  # plain ASGI dicts
    return Rendered(status, tuple(headers), b"".join(chunks))
