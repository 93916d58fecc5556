"""The editorial side with a hostile client, not only the happy path (issue 15): CSRF, login
throttling, session ids and expiry, who may see and change what, conflicts, escaping, and that
public pages never get a cookie."""

import re
import time
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.app import create_app
from server.content.loader import BUNDLED_CONTENT
from server.datadir import DataDir
from server.editor import auth, workflow
from server.editor.items import ItemKey, read_item
from server.settings import Settings
from tests.editor_helpers import PASSWORD, Staff, form_fields, make_account

WRONG = "Feil e-post eller passord, eller for mange forsøk på kort tid."


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Litestar:
    data_dir = tmp_path_factory.mktemp("editor-data")
    app = create_app(Settings(data_dir=data_dir, content_dir=BUNDLED_CONTENT))
    data = DataDir(data_dir)
    make_account(data, "redaktor@elverum.no", "elverum", "editor")
    make_account(data, "publiserer@elverum.no", "elverum", "publisher")
    make_account(data, "admin@elverum.no", "elverum", "admin")
    make_account(data, "redaktor@asnes.no", "asnes", "editor")
    return app


@pytest.fixture
def editor(app: Litestar) -> Iterator[Staff]:
    staff = Staff(app, "redaktor@elverum.no")
    yield staff
    staff.close()


@pytest.fixture
def publisher(app: Litestar) -> Iterator[Staff]:
    staff = Staff(app, "publiserer@elverum.no")
    yield staff
    staff.close()


def _drafts(app: Litestar) -> dict[str, object]:
    return app.state.data.editorial.keyed(workflow.DRAFTS)


def test_a_post_without_or_with_a_wrong_csrf_token_is_403_and_saves_nothing(app: Litestar, editor: Staff) -> None:
    path = "/redaksjon/elverum/rediger/tiltak/kulturskole"
    page = editor.client.get(path).text
    fields = [*form_fields(page), ("grunnlag", "0:0"), ("title", "Endret uten token")]
    before = dict(_drafts(app))
    assert editor.post(path, fields).status_code == 403  # no token
    assert editor.post(path, fields, "feil" * 16).status_code == 403  # a made-up token
    other = Staff(app)  # a token from someone else's cookie
    assert editor.post(path, fields, other.token()).status_code == 403
    other.close()
    assert _drafts(app) == before


def test_a_wrong_password_is_throttled_with_one_plain_message_that_tells_nothing(app: Litestar) -> None:
    staff = Staff(app)
    for _ in range(auth.LoginThrottle.PER_ACCOUNT):
        answer = staff.log_in("admin@elverum.no", "feil passord")
        assert answer.status_code == 401 and WRONG in answer.text
    unknown = staff.log_in("finnes.ikke@elverum.no", "feil passord")
    assert unknown.status_code == 401 and WRONG in unknown.text  # the same words for an unknown address
    blocked = staff.log_in("admin@elverum.no", PASSWORD)  # now even the right password waits
    assert blocked.status_code == 429 and WRONG in blocked.text
    events = [event["action"] for event in app.state.data.audit_log() if event["user"] == "admin@elverum.no"]
    assert events.count("innlogging feilet") >= auth.LoginThrottle.PER_ACCOUNT and "innlogging stoppet" in events
    staff.close()
    app.state.login_throttle = auth.LoginThrottle()  # other tests log in as admin


def test_the_session_id_changes_at_login_and_the_old_one_is_worth_nothing(app: Litestar) -> None:
    staff = Staff(app)
    staff.client.get("/redaksjon/logg-inn")
    before = staff.client.cookies.get(auth.SESSION_COOKIE)
    assert staff.log_in("redaktor@elverum.no").status_code == 303
    after = staff.client.cookies.get(auth.SESSION_COOKIE)
    assert before and after and before != after
    planted = TestClient(app, base_url="http://tiltak.local")
    planted.cookies.set(auth.SESSION_COOKIE, before, path="/redaksjon")
    assert planted.get("/redaksjon/elverum", follow_redirects=False).status_code == 303  # to the login page
    staff.close()


def test_the_cookies_are_httponly_strict_and_only_for_redaksjon(app: Litestar) -> None:
    staff = Staff(app)
    login_page = staff.client.get("/redaksjon/logg-inn")
    for cookie in login_page.headers.get_list("set-cookie"):
        assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Path=/redaksjon" in cookie, cookie
    assert login_page.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in login_page.headers["content-security-policy"]
    staff.close()


def test_an_idle_session_expires(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "IDLE_SECONDS", 1)
    app = create_app(Settings(data_dir=tmp_path, content_dir=BUNDLED_CONTENT))
    make_account(app.state.data, "kort@elverum.no", "elverum", "editor")
    staff = Staff(app, "kort@elverum.no")
    assert staff.client.get("/redaksjon/elverum").status_code == 200
    time.sleep(2.1)
    answer = staff.client.get("/redaksjon/elverum", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/redaksjon/logg-inn"
    staff.close()


def test_an_editor_of_one_municipality_cannot_see_or_change_anothers(app: Litestar) -> None:
    staff = Staff(app, "redaktor@asnes.no")
    for path in ("/redaksjon/elverum", "/redaksjon/elverum/rediger/tiltak/barnehage", "/redaksjon/felles"):
        assert staff.client.get(path).status_code == 403, path
    mine = staff.client.get("/redaksjon/asnes/rediger/tiltak/familiens-hus").text
    answer = staff.post(
        "/redaksjon/elverum/rediger/tiltak/barnehage", form_fields(mine), staff.token("/redaksjon/asnes")
    )
    assert answer.status_code == 403
    assert staff.client.get("/redaksjon/asnes/brukere").status_code == 403  # an editor is no admin
    staff.close()


def test_without_a_session_every_staff_page_leads_to_the_login(app: Litestar) -> None:
    anonymous = TestClient(app, base_url="http://tiltak.local")
    for path in (
        "/redaksjon",
        "/redaksjon/elverum",
        "/redaksjon/elverum/logg",
        "/redaksjon/elverum/rediger/tiltak/barnehage",
    ):
        answer = anonymous.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/redaksjon/logg-inn", path


def test_a_mistake_is_shown_beside_its_field_and_nothing_typed_is_lost(editor: Staff) -> None:
    path = "/redaksjon/elverum/rediger/tiltak/fritidsaktiviteter"
    answer = editor.edit(path, {"contact.web": "javascript:alert(1)", "age_from": "tolv", "cost": "Typed og beholdt"})
    assert answer.status_code == 422
    assert 'id="f-contact-web-error"' in answer.text and "https://" in answer.text
    assert 'id="f-age_from-error"' in answer.text and "heltall" in answer.text
    assert 'value="javascript:alert(1)"' in answer.text and 'value="tolv"' in answer.text  # as typed
    assert 'value="Typed og beholdt"' in answer.text
    hard = "Et veldig langt ord: " + "kommunehelsetjenesteorganiseringen " * 8 + "og mer."
    answer = editor.edit(path, {"description": hard})
    assert answer.status_code == 422
    assert (
        'id="f-description-error"' in answer.text
        and "LIX" in answer.text
        and "kommunehelsetjenesteorganiseringen" in answer.text
    )


def test_two_people_editing_the_same_measure_see_the_conflict(app: Litestar, editor: Staff, publisher: Staff) -> None:
    path = "/redaksjon/elverum/rediger/tiltak/bibliotek"
    first = editor.client.get(path).text  # both open the form
    second = publisher.client.get(path).text
    assert (
        publisher.post(
            path,
            [*[(k, v) for k, v in form_fields(second) if k != "cost"], ("cost", "Gratis"), ("grunnlag", "0:0")],
            re.search(r'name="_csrf_token" value="([^"]+)"', second).group(1),
        ).status_code
        == 303
    )  # type: ignore[union-attr]
    late = editor.post(
        path,
        [
            *[(k, v) for k, v in form_fields(first) if k != "title"],
            ("title", "Biblioteket i byen"),
            ("grunnlag", "0:0"),
        ],
        re.search(r'name="_csrf_token" value="([^"]+)"', first).group(1),  # type: ignore[union-attr]
    )
    assert late.status_code == 409
    assert "Endret av publiserer@elverum.no" in late.text and "mens du skrev" in late.text
    assert "Biblioteket i byen" in late.text  # what they typed is still in the form
    draft = workflow.draft_of(app.state.data, ItemKey("elverum", "tiltak", "bibliotek"))
    assert draft is not None and draft.data is not None and draft.data["title"] != "Biblioteket i byen"


def test_an_editor_cannot_publish_their_own_draft_unless_the_municipality_allows_it(
    app: Litestar, editor: Staff
) -> None:
    assert editor.edit("/redaksjon/elverum/rediger/tiltak/kulturhus", {"cost": "Gratis"}).status_code == 303
    review = editor.client.get("/redaksjon/elverum/gjennomgang/tiltak/kulturhus").text
    assert "Du har ikke rett til å publisere" in review
    answer = editor.post(
        "/redaksjon/elverum/gjennomgang/tiltak/kulturhus/publiser",
        {"grunnlag": "0:1"},
        editor.token("/redaksjon/elverum"),
    )
    assert answer.status_code == 403  # the route itself refuses an editor, not only the button


HOSTILE = "<script>alert(1)</script> «sitat» & 'enkel' <img src=x onerror=alert(2)>"


def test_hostile_text_in_every_field_is_escaped_on_every_page_and_in_json(
    app: Litestar, editor: Staff, publisher: Staff
) -> None:
    fields = (
        "title",
        "name",
        "summary",
        "cost",
        "contact.address",
        "contact.note",
        "source.text",
        "source.note",
        "group",
    )
    changes = {field: f"Tekst {HOSTILE}" for field in fields}
    changes["description"] = f"Her står det noe. Tekst {HOSTILE} her."
    assert editor.edit("/redaksjon/elverum/rediger/tiltak/leksehjelp-i-skolen", changes).status_code == 303
    assert publisher.publish("elverum", "tiltak", "leksehjelp-i-skolen").status_code == 303
    public = TestClient(app, base_url="http://tiltak.local")
    step = app.state.holder.current.municipalities["elverum"].measures["leksehjelp-i-skolen"].step.number
    for path in (
        "/elverum/tiltak/leksehjelp-i-skolen",
        f"/elverum/trinn/{step}",
        "/elverum/sok?q=sitat",
        "/redaksjon/elverum/historikk/tiltak/leksehjelp-i-skolen/1",
    ):
        client = publisher.client if path.startswith("/redaksjon") else public
        text = client.get(path).text
        assert "<script>alert(1)" not in text and "<img src=x" not in text, path
        assert "&lt;script&gt;alert(1)" in text, path
    answer = public.get("/api/v1/municipalities/elverum/measures/leksehjelp-i-skolen")
    assert answer.json()["title"] == f"Tekst {HOSTILE}" and answer.headers["content-type"].startswith(
        "application/json"
    )
    index = public.get("/api/v1/municipalities/elverum/search-index").json()
    assert any(HOSTILE in str(document["title"]) for document in index["documents"])


def test_no_public_address_gets_a_cookie_even_after_a_staff_visit(app: Litestar, editor: Staff) -> None:
    editor.client.get("/redaksjon/elverum")
    for path in (
        "/",
        "/elverum",
        "/elverum/sok?q=ppt",
        "/api/v1/municipalities",
        "/elverum/tiltak/barnehage",
        "/finnes/ikke",
    ):
        assert "set-cookie" not in editor.client.get(path).headers, path


def test_a_publish_is_shown_in_the_history_and_the_audit_log(app: Litestar, editor: Staff, publisher: Staff) -> None:
    assert editor.edit("/redaksjon/elverum/rediger/tiltak/fritidsaktiviteter", {"cost": "Gratis"}).status_code == 303
    assert publisher.publish("elverum", "tiltak", "fritidsaktiviteter").status_code == 303
    history = publisher.client.get("/redaksjon/elverum/historikk/tiltak/fritidsaktiviteter").text
    assert "Versjon 1" in history and "redaktor@elverum.no" in history
    admin = Staff(app, "admin@elverum.no")
    log = admin.client.get("/redaksjon/elverum/logg", params={"element": "elverum/tiltak/fritidsaktiviteter"}).text
    for action in ("utkast lagret", "publisert"):
        assert action in log
    assert admin.client.get("/redaksjon/elverum/logg", params={"person": "publiserer@elverum.no"}).status_code == 200
    admin.close()
    content = app.state.data.main.content()
    assert msgspec.to_builtins(content)  # the store file reads back whole


def test_saving_a_form_changes_only_what_was_typed_and_keeps_the_order_of_topics(
    app: Litestar, editor: Staff, publisher: Staff
) -> None:
    key = ItemKey("elverum", "tiltak", "svommehall")
    topics = read_item(workflow.published_content(app.state.data), key)["topics"]  # type: ignore[index]
    assert list(topics) != sorted(topics, key=list(app.state.holder.current.topics).index)  # not the form's order
    saved = editor.edit("/redaksjon/elverum/rediger/tiltak/svommehall", {"contact.phone": "12 34 56 78"})
    assert saved.status_code == 303
    review = publisher.client.get("/redaksjon/elverum/gjennomgang/tiltak/svommehall").text
    assert review.count('class="tt-editor__changed"') == 1 and "12 34 56 78" in review
    draft = workflow.draft_of(app.state.data, key)
    assert draft is not None and draft.data is not None and draft.data["topics"] == list(topics)
