"""Security headers on every response, no cookies, and HEAD answered like GET without a body.

Litestar has no security-headers middleware, and app middleware does not run for 404 and 405
answers (measured: only `before_send` sees those), so the headers are set in a `before_send`
hook, which sees every response the app sends: pages, JSON, assets, the service worker, errors.
"""

from typing import Any

from litestar import Litestar
from litestar.datastructures import MutableScopeHeaders
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from server.responses import REVALIDATE

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "manifest-src 'self'",
        "worker-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
# Powerful features the site never uses, denied to it and to anything that might frame it.
# Kept to the ones that matter for privacy, so a 304 stays under 1 KB (tests/bench/budgets.py).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture", "browsing-topics")
)
HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "permissions-policy": PERMISSIONS_POLICY,
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "x-frame-options": "DENY",
}
HSTS = "max-age=31536000; includeSubDomains"
STAFF_PREFIX = "/redaksjon"


def is_staff_path(path: str) -> bool:
    """The editors' area: /redaksjon and below (not /redaksjonen, not /elverum/redaksjon)."""
    return path == STAFF_PREFIX or path.startswith(STAFF_PREFIX + "/")


def served_over_https(scope: Scope) -> bool:
    """HTTPS here, or in front of us: a public address on https means a proxy ends TLS and
    forwards plain HTTP, so the scheme alone would never send HSTS in that set-up. Browsers
    ignore HSTS that arrives over plain HTTP (RFC 6797 §8.1), so sending it then is harmless."""
    if scope.get("scheme") == "https":
        return True
    settings = getattr(getattr(scope.get("app"), "state", None), "settings", None)
    return bool(settings and settings.base_url.startswith("https://"))


async def add_security_headers(message: Message, scope: Scope) -> None:
    """Set the security headers, drop any cookie, and send no body for HEAD."""
    if message["type"] == "http.response.start":
        headers = MutableScopeHeaders.from_message(message)
        for name, value in HEADERS.items():
            headers[name] = value
        if served_over_https(scope):
            headers["strict-transport-security"] = HSTS
        # Visitors get no cookies at all (DESIGN: private by default), whatever a handler does.
        # The one exception is the staff side, whose session and CSRF cookies are scoped to it.
        if not is_staff_path(scope.get("path", "")):
            del headers["set-cookie"]
        else:
            # Staff pages hold unpublished drafts and people's names: never kept in any cache.
            headers["cache-control"] = "no-store"
        if "cache-control" not in headers and scope.get("method") in {"GET", "HEAD"}:
            # Content can change on any publish: revalidate every time, as nginx is told to.
            headers["cache-control"] = REVALIDATE
        # Compressed on the way out (server/app.py): the bytes are no longer the ones the strong
        # tag names, so it becomes weak, as nginx does; If-None-Match compares weakly anyway.
        etag = headers.get("etag")
        if etag and "content-encoding" in headers and not etag.startswith("W/"):
            headers["etag"] = f"W/{etag}"
    elif message["type"] == "http.response.body" and scope.get("method") == "HEAD":
        message["body"] = b""


def answer_head_as_get(app: Litestar) -> None:
    """Route HEAD like GET everywhere (Litestar answers 405 to HEAD on GET routes)."""
    inner: ASGIApp = app.asgi_handler

    async def handler(scope: Any, receive: Receive, send: Send) -> None:  # raw ASGI: scope is a plain dict
        if scope["type"] == "http" and scope["method"] == "HEAD":
            scope = {**scope, "method": "GET"}
        await inner(scope, receive, send)

    app.asgi_handler = handler
