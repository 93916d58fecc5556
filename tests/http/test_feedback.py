"""«Er noe feil?» (issue 16): a plain POST form with no cookie, refused from other sites, a
honeypot, a limit per client address, personal details removed, and reports that survive a
crash of the server the moment they were acknowledged."""

import concurrent.futures
import html
import os
import re
import signal
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.app import create_app
from server.cli import main as cli
from server.content.loader import BUNDLED_CONTENT
from server.datadir import DataDir
from server.feedback import reports
from server.feedback.reports import Reason, scrub
from server.settings import Settings
from tests import server_process
from tests.editor_helpers import CSRF, Staff, make_account

PAGE = "/elverum/tiltak/bibliotek"
ORIGIN = {"origin": "http://testserver.local"}
FORM = re.compile(r'<section class="tt-feedback".*?<form method="post"(?P<attributes>[^>]*)>(?P<body>.*?)</form>', re.S)


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Litestar]:
    yield create_app(Settings(data_dir=tmp_path / "data", content_dir=BUNDLED_CONTENT, feedback_per_minute=5))


def _post(
    client: TestClient[Litestar], fields: dict[str, str], headers: dict[str, str] | None = None, page: str = PAGE
) -> object:
    """Send the form the way a browser does: to the address of the page it is on."""
    return client.post(page, data=fields, headers=ORIGIN if headers is None else headers, follow_redirects=False)


def _report(text: str = "", reason: str = "utdatert") -> dict[str, str]:
    return {"grunn": reason, "tekst": text, "nettadresse": ""}


def test_the_form_on_the_page_works_without_javascript_and_sets_no_cookie(app: Litestar) -> None:
    with TestClient(app) as client:
        page = client.get(PAGE)
        form = FORM.search(page.text)
        assert form is not None and "action" not in form["attributes"]  # it goes to the page's own address
        # What the browser would send: every field of the form as the page has it, a reason ticked.
        fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form["body"]))
        fields = {name: html.unescape(value) for name, value in fields.items() if name != "grunn"}
        assert fields == {"nettadresse": ""}  # the same bytes on every page: nothing of the page in it
        posted = client.post(
            PAGE,
            data={**fields, "grunn": "mangler-noe", "tekst": "Åpningstidene mangler."},
            headers=ORIGIN,
        )
        assert posted.status_code == 200 and "Takk for at du sa fra" in posted.text
        assert f'href="{PAGE}"' in posted.text  # the way back
        for answer in (page, posted, *posted.history):
            assert "set-cookie" not in answer.headers
    (stored,) = reports.reports(app.state.data)
    assert (stored.municipality, stored.page, stored.reason, stored.text) == (
        "elverum",
        PAGE,
        Reason.MISSING,
        "Åpningstidene mangler.",
    )
    record = (app.state.data.path / reports.FILE).read_text()
    assert "testclient" not in record and "127.0.0.1" not in record and "python-httpx" not in record


def test_a_filled_honeypot_is_thanked_and_nothing_is_kept(app: Litestar) -> None:
    with TestClient(app) as client:
        answer = _post(client, {**_report("Kjøp billig her"), "nettadresse": "http://spam.example"})
        assert answer.status_code == 303  # type: ignore[attr-defined]
    assert reports.reports(app.state.data, include_done=True) == []


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://ondsinnet.example"},
        {"origin": "null"},
        {"origin": "null", "sec-fetch-site": "cross-site"},
        {"origin": "https://ondsinnet.example", "sec-fetch-site": "same-origin"},
        {"sec-fetch-site": "cross-site"},
        {},  # neither: a browser always sends one of them with a form
    ],
)
def test_a_post_from_another_site_is_403_and_keeps_nothing(app: Litestar, headers: dict[str, str]) -> None:
    with TestClient(app) as client:
        answer = _post(client, _report("Fra et annet nettsted"), headers)
        assert answer.status_code == 403  # type: ignore[attr-defined]
        assert "Traceback" not in answer.text  # type: ignore[attr-defined]
    assert reports.reports(app.state.data, include_done=True) == []


def test_a_browser_on_a_page_with_no_referrer_sends_origin_null_and_is_let_through(app: Litestar) -> None:
    with TestClient(app) as client:
        headers = {"origin": "null", "sec-fetch-site": "same-origin"}  # what Chromium sends (no-referrer)
        assert _post(client, _report("Fra siden selv"), headers).status_code == 303  # type: ignore[attr-defined]
    assert [r.text for r in reports.reports(app.state.data)] == ["Fra siden selv"]


def test_posts_over_the_limit_get_429_with_a_plain_page(app: Litestar) -> None:
    with TestClient(app) as client:
        answers = [_post(client, _report(f"Melding {n}")) for n in range(7)]
        statuses = [answer.status_code for answer in answers]  # type: ignore[attr-defined]
        assert statuses == [303] * 5 + [429] * 2
        refused = answers[-1]
        assert "text/html" in refused.headers["content-type"]  # type: ignore[attr-defined]
        assert "Vent litt" in refused.text and "Traceback" not in refused.text  # type: ignore[attr-defined]
    assert len(reports.reports(app.state.data)) == 5


def test_email_phone_and_fodselsnummer_are_removed_before_the_report_is_stored(app: Litestar) -> None:
    text = (
        "Ring meg på 912 34 567 eller +47 62 43 30 00, skriv til kari.nordmann@eksempel.no. "
        "Sønnen min (01020312345, også skrevet 010203 12345) fikk ikke plass 12.03.2025."
    )
    with TestClient(app) as client:
        assert _post(client, _report(text)).status_code == 303  # type: ignore[attr-defined]
    stored = (app.state.data.path / reports.FILE).read_text()
    for secret in ("912 34 567", "62 43 30 00", "kari.nordmann", "eksempel.no", "01020312345", "010203 12345"):
        assert secret not in stored, secret
    (report,) = reports.reports(app.state.data)
    assert report.text.startswith("Ring meg på [fjernet] eller [fjernet], skriv til [fjernet].")
    assert "12.03.2025" in report.text  # a date reaches no one: it stays


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        (_report("Det meste stemmer", reason="ukjent"), "Velg hva som er feil"),
        (_report("x" * 1001), "for lang"),
    ],
)
def test_a_bad_report_is_shown_again_with_what_was_written(app: Litestar, fields: dict[str, str], shown: str) -> None:
    with TestClient(app) as client:
        answer = _post(client, fields)
        assert answer.status_code == 422  # type: ignore[attr-defined]
        assert shown in answer.text and html.escape(fields["tekst"][:40]) in answer.text  # type: ignore[attr-defined]
        assert f'action="{PAGE}"' in answer.text  # type: ignore[attr-defined]  # sent again, to the same page
        assert _post(client, _report("Hei"), page="/elverum/tiltak/finnes-ikke").status_code == 404  # type: ignore[attr-defined]
    assert reports.reports(app.state.data) == []


def test_without_the_form_setting_there_is_no_form_and_no_address_for_it(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", feedback=False))
    with TestClient(app) as client:
        assert "tt-feedback" not in client.get(PAGE).text
        assert _post(client, _report("Hei")).status_code == 405  # type: ignore[attr-defined]
    assert not (tmp_path / "data" / reports.FILE).exists()


def test_staff_see_the_reports_of_their_municipality_and_mark_them_done(app: Litestar) -> None:
    data = app.state.data
    reports.add(data, "elverum", PAGE, Reason.OUTDATED, "Telefontiden er endret.")
    reports.add(data, "asnes", "/asnes/tiltak/helsestasjon", Reason.GONE, "Finnes ikke lenger i Åsnes.")
    make_account(data, "redaktor@elverum.no", "elverum", "editor")
    editor = Staff(app, "redaktor@elverum.no")
    listed = editor.client.get("/redaksjon/elverum/meldinger")
    assert "Telefontiden er endret." in listed.text and "Åsnes" not in listed.text
    (report,) = reports.reports(data, "elverum")
    path = f"/redaksjon/elverum/meldinger/{report.id}/ferdig"
    assert editor.post(path, {}).status_code == 403  # no CSRF token
    assert editor.post(path, {}, CSRF.search(listed.text).group(1)).status_code == 303  # type: ignore[union-attr]
    assert reports.reports(data, "elverum") == []
    assert [event["action"] for event in data.audit_log()][-1] == "melding ferdig"
    other = reports.reports(data, "asnes")[0]
    forged = editor.post(f"/redaksjon/elverum/meldinger/{other.id}/ferdig", {}, CSRF.search(listed.text).group(1))  # type: ignore[union-attr]
    assert forged.status_code == 303 and len(reports.reports(data, "asnes")) == 1  # another municipality's: untouched
    editor.close()


def test_the_command_lists_the_reports_and_marks_one_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = DataDir(tmp_path / "data")
    report = reports.add(data, "elverum", PAGE, Reason.UNCLEAR, "Vanskelige ord.")
    monkeypatch.setenv("TILTAKSTRAPP_DATA_DIR", str(data.path))
    assert cli(["feedback", "list"]) == 0
    out = capsys.readouterr().out
    assert report.id in out and "Vanskelige ord." in out and "1 meldinger" in out
    assert cli(["feedback", "done", report.id]) == 0
    assert cli(["feedback", "done", report.id]) == 1  # already done
    assert cli(["feedback", "list"]) == 0 and "0 meldinger" in capsys.readouterr().out
    assert scrub("ingen tall her") == "ingen tall her"


def _send(base: str, number: int) -> int | None:
    """Post report `number`; its status, or None when the server was gone."""
    body = urllib.parse.urlencode(_report(f"Rapport nummer {number} i en storm")).encode()
    request = urllib.request.Request(f"{base}{PAGE}", data=body, headers={"Origin": base})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, urllib.error.URLError):
        return None


def test_every_acknowledged_report_survives_a_sigkill_in_the_middle_of_a_burst(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {"TILTAKSTRAPP_FEEDBACK_PER_MINUTE": "100000", "TILTAKSTRAPP_PRERENDER": "0"}
    process, base = server_process.start(data_dir, extra_env=env)
    acknowledged: list[int] = []
    try:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            futures = {pool.submit(_send, base, number): number for number in range(400)}
            for done, future in enumerate(concurrent.futures.as_completed(futures)):
                if future.result() == 200:  # urllib follows the 303 to the thank-you page
                    acknowledged.append(futures[future])
                if done == 150:
                    os.killpg(process.pid, signal.SIGKILL)
    finally:
        server_process.stop(process)
    assert 100 <= len(acknowledged) < 400  # killed in the middle, not before or after
    kept = {int(re.search(r"nummer (\d+)", r.text)[1]) for r in reports.reports(DataDir(data_dir))}  # type: ignore[index]
    assert set(acknowledged) <= kept
