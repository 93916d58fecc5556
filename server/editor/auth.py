"""Who is logged in to /redaksjon: Litestar's server-side sessions, CSRF and rate limit, scoped
to the staff side, and a throttle on failed logins.

The session cookie (`tt_redaksjon`) and the CSRF cookie (`tt_csrf`) have path /redaksjon,
HttpOnly, SameSite=Strict, and Secure when the public address is https; the middleware runs only
on the staff router, so public pages never set or read them. Sessions live in files in the data
folder, so every server process knows them, and expire after 8 hours without use. A login gets a
new session id (Litestar keeps the cookie's id, so the backend below rotates it), so an id
planted before login is worth nothing after.

Failed logins are counted in memory, per account and per client address, in each server
process (Litestar's rate limit counts requests, not failures): after 5 failures for an account,
or 20 from an address, in 15 minutes, the login answers the same plain message as for a wrong
password, so it never tells whether an address has an account.
"""

import secrets
import time
from collections import deque
from pathlib import Path
from typing import Any

from litestar.config.csrf import CSRFConfig
from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.types import Message

from server.datadir import DataDir
from server.editor import accounts
from server.editor.accounts import Account
from server.responses import AnyRequest
from server.settings import Settings

SESSION_COOKIE = "tt_redaksjon"
CSRF_COOKIE = "tt_csrf"
PATH = "/redaksjon"
IDLE_SECONDS = 8 * 3600
SESSION_STORE = "editor-sessions"
_ROTATE = "tt-rotate-session"


class RotatingBackend(ServerSideSessionBackend):
    """Server-side sessions whose id changes at login (OWASP: renew the id on privilege change)."""

    def get_session_id(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        state = connection.scope.setdefault("state", {})
        if state.get(_ROTATE):
            new: str = state.setdefault("tt-new-session-id", self.generate_session_id())
            return new
        return super().get_session_id(connection)

    async def store_in_message(
        self, scope_session: Any, message: Message, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> None:
        old = connection.cookies.get(self.config.key)
        if connection.scope.get("state", {}).get(_ROTATE) and old:
            await self.delete(old, store=self.config.get_store_from_app(connection.scope["app"]))
        await super().store_in_message(scope_session, message, connection)


class RotatingSessionConfig(ServerSideSessionConfig):
    _backend_class = RotatingBackend


def secure(settings: Settings) -> bool:
    return settings.base_url.startswith("https://")


def session_config(settings: Settings) -> ServerSideSessionConfig:
    return RotatingSessionConfig(
        key=SESSION_COOKIE,
        max_age=IDLE_SECONDS,
        renew_on_access=True,  # 8 hours from the last request, not from the login
        path=PATH,
        httponly=True,
        secure=secure(settings),
        samesite="strict",
        store=SESSION_STORE,
    )


def secret(data: DataDir) -> str:
    """The CSRF signing secret, made once and kept in the data folder for every process."""
    path = data.path / ".hemmelighet"
    if not path.exists():
        with open(path, "x", encoding="ascii") as file:  # the first process to get here wins
            file.write(secrets.token_hex(32))
    path.chmod(0o600)
    return path.read_text(encoding="ascii").strip()


def csrf_config(settings: Settings, data: DataDir) -> CSRFConfig:
    return CSRFConfig(
        secret=secret(data),
        cookie_name=CSRF_COOKIE,
        cookie_path=PATH,
        cookie_secure=secure(settings),
        cookie_httponly=True,
        cookie_samesite="strict",
    )


def sessions_folder(data: DataDir) -> Path:
    return data.path / "sesjoner"


def log_in(request: AnyRequest, account: Account) -> None:
    request.scope.setdefault("state", {})[_ROTATE] = True
    request.set_session({"user": account.email, "since": int(time.time())})


def log_out(request: AnyRequest) -> None:
    request.clear_session()


def logged_in(request: AnyRequest, data: DataDir) -> Account | None:
    """The account of the session, if it is still allowed in."""
    email = request.session.get("user") if isinstance(request.session, dict) else None
    if not email:
        return None
    account = accounts.get(data, str(email))
    return account if account is not None and not account.disabled and account.password_hash else None


class LoginThrottle:
    """Failed logins per account and per client address, in a sliding window."""

    WINDOW = 15 * 60
    PER_ACCOUNT = 5
    PER_ADDRESS = 20

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] < now - self.WINDOW:
            failures.popleft()
        return failures

    def blocked(self, email: str, address: str) -> bool:
        now = time.monotonic()
        return (
            len(self._recent(f"konto:{email}", now)) >= self.PER_ACCOUNT
            or len(self._recent(f"adresse:{address}", now)) >= self.PER_ADDRESS
        )

    def failed(self, email: str, address: str) -> None:
        now = time.monotonic()
        self._recent(f"konto:{email}", now).append(now)
        self._recent(f"adresse:{address}", now).append(now)
        if len(self._failures) > 10_000:  # a flood of made-up addresses must not grow memory
            self._failures = {key: value for key, value in self._failures.items() if value}

    def succeeded(self, email: str) -> None:
        self._failures.pop(f"konto:{email}", None)
