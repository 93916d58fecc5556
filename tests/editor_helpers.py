"""A member of staff using /redaksjon through a test client: logs in, reads a form as the browser
would (every field, as shown), changes some fields and posts it with its CSRF token."""

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from litestar import Litestar
from litestar.testing import TestClient

from server.content.loader import BUNDLED_CONTENT
from server.datadir import DataDir
from server.editor import accounts
from server.publish import import_bundle
from server.settings import Settings

PASSWORD = "gul hest løper fort i snø"
CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')
GRUNNLAG = re.compile(r'name="grunnlag" value="([^"]+)"')
INPUT = re.compile(
    r'<input class="tt-field__input[^"]*" (?:type="\w+" )?(?:inputmode="\w+" )?'
    r'value="([^"]*)" id="[^"]+" name="([^"]+)"'
)
TEXTAREA = re.compile(
    r'<textarea class="tt-field__input" rows="\d+" id="[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>', re.S
)
SELECT = re.compile(r'<select class="tt-field__input" id="[^"]+" name="([^"]+)"[^>]*>(.*?)</select>', re.S)
CHECKED = re.compile(r'<input type="checkbox" (?:id="[^"]+" )?name="([^"]+)" value="([^"]+)" checked')


def make_account(data: DataDir, email: str, municipality: str, role: str) -> None:
    accounts.set_password(data, accounts.add(data, email, municipality, role, "test"), PASSWORD)


def bundled_store(data_dir: Path) -> DataDir:
    """A data folder with the bundled content imported, as the first `serve` leaves it."""
    data = DataDir(data_dir)
    import_bundle(Settings(data_dir=data_dir, content_dir=BUNDLED_CONTENT), data)
    return data


def form_fields(page: str) -> list[tuple[str, str]]:
    """Every field of an item form with the value it shows, as the browser would post it."""
    fields = [(name, html.unescape(value)) for value, name in INPUT.findall(page)]
    fields += [(name, html.unescape(value)) for name, value in TEXTAREA.findall(page)]
    for name, options in SELECT.findall(page):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        fields.append((name, html.unescape(chosen.group(1)) if chosen else ""))
    return fields + CHECKED.findall(page)


class Staff:
    """One person at /redaksjon, with their own cookies."""

    def __init__(self, app: Litestar, email: str = "", password: str = PASSWORD) -> None:
        self.client = TestClient(app, base_url="http://tiltak.local")
        self.client.__enter__()
        if email:
            assert self.log_in(email, password).status_code == 303

    def close(self) -> None:
        self.client.__exit__(None, None, None)

    def token(self, path: str = "/redaksjon/logg-inn") -> str:
        match = CSRF.search(self.client.get(path).text)
        assert match, path
        return match.group(1)

    def post(self, path: str, fields: list[tuple[str, str]] | dict[str, str], token: str | None = None) -> Any:
        items = list(fields.items()) if isinstance(fields, dict) else list(fields)
        if token is not None:
            items.append(("_csrf_token", token))
        body = urlencode(items)
        return self.client.post(
            path, content=body, headers={"content-type": "application/x-www-form-urlencoded"}, follow_redirects=False
        )

    def log_in(self, email: str, password: str = PASSWORD) -> Any:
        return self.post("/redaksjon/logg-inn", {"epost": email, "passord": password}, self.token())

    def edit(self, path: str, changes: dict[str, str]) -> Any:
        """Open an edit form, change some fields, post it as the browser would."""
        page = self.client.get(path)
        assert page.status_code == 200, page.text[:500]
        fields = [(name, value) for name, value in form_fields(page.text) if name not in changes]
        fields += list(changes.items())
        grunnlag = GRUNNLAG.search(page.text)
        assert grunnlag
        return self.post(path, [*fields, ("grunnlag", grunnlag.group(1))], CSRF.search(page.text).group(1))  # type: ignore[union-attr]

    def publish(self, scope: str, kind: str, name: str) -> Any:
        review = self.client.get(f"/redaksjon/{scope}/gjennomgang/{kind}/{name}")
        assert review.status_code == 200, review.text[:300]
        grunnlag = GRUNNLAG.search(review.text)
        assert grunnlag, "no publish button: " + review.text[:300]
        path = f"/redaksjon/{scope}/gjennomgang/{kind}/{name}/publiser"
        return self.post(path, {"grunnlag": grunnlag.group(1)}, CSRF.search(review.text).group(1))  # type: ignore[union-attr]


class LiveStaff:
    """The same person against a live server (`tiltakstrapp serve`), over real HTTP."""

    def __init__(self, base: str, email: str, password: str = PASSWORD) -> None:
        import httpx

        self.client = httpx.Client(base_url=base, follow_redirects=False, timeout=30)
        page = self.client.get("/redaksjon/logg-inn")
        answer = self._post("/redaksjon/logg-inn", [("epost", email), ("passord", password)], page.text)
        assert answer.status_code == 303, answer.text[:300]

    def _post(self, path: str, fields: list[tuple[str, str]], page: str) -> Any:
        token = CSRF.search(page)
        assert token, path
        body = urlencode([*fields, ("_csrf_token", token.group(1))])
        return self.client.post(path, content=body, headers={"content-type": "application/x-www-form-urlencoded"})

    def edit(self, path: str, changes: dict[str, str]) -> Any:
        return self.post_form(path, self.client.get(path).text, changes)

    def post_form(self, path: str, page: str, changes: dict[str, str]) -> Any:
        """Post a form already fetched, with some fields changed."""
        fields = [(name, value) for name, value in form_fields(page) if name not in changes]
        grunnlag = GRUNNLAG.search(page)
        assert grunnlag, path
        return self._post(path, [*fields, *changes.items(), ("grunnlag", grunnlag.group(1))], page)

    def publish(self, scope: str, kind: str, name: str) -> Any:
        page = self.client.get(f"/redaksjon/{scope}/gjennomgang/{kind}/{name}").text
        grunnlag = GRUNNLAG.search(page)
        if grunnlag is None:
            return None  # nothing to publish (yet), or not allowed
        return self._post(
            f"/redaksjon/{scope}/gjennomgang/{kind}/{name}/publiser", [("grunnlag", grunnlag.group(1))], page
        )

    def close(self) -> None:
        self.client.close()
