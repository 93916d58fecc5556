"""One host rule for every request: pre-rendered pages and everything else agree (issue 19).

Before, `Host: tiltak.example:8443` got a pre-rendered page (the fast path dropped the port)
and a 400 from Litestar on a search (which compared the port too).
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.app import create_app
from server.content.loader import BUNDLED_CONTENT
from server.hosts import HostRule, hostname
from server.settings import Settings

PRERENDERED = "/elverum"
DYNAMIC = ("/elverum/sok?q=ppt", "/api/v1/municipalities/elverum/search?q=ppt", "/finnes/ikke")
HOSTS = {
    "tiltak.example.no": True,
    "tiltak.example.no:8443": True,
    "TILTAK.Example.no": True,
    "tiltak.example.no.": True,
    "a.elverum.example": True,  # *.elverum.example
    "elverum.example": False,  # the wildcard is for sub-domains only
    "evil.example": False,
    "tiltak.example.no.evil.example": False,
    "tiltak.example.no:abc": False,
    "": False,
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient[Litestar]]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("data"),
        content_dir=BUNDLED_CONTENT,
        allowed_hosts=("tiltak.example.no", "*.elverum.example"),
    )
    with TestClient(app=create_app(settings)) as test_client:
        yield test_client


@pytest.mark.parametrize("host", sorted(HOSTS))
def test_prerendered_and_dynamic_answers_apply_the_same_host_rule(client: TestClient[Litestar], host: str) -> None:
    expected = HOSTS[host]
    for path in (PRERENDERED, *DYNAMIC):
        status = client.get(path, headers={"host": host}).status_code
        assert (status != 400) is expected, (path, host, status)


def test_a_refused_host_gets_a_plain_message_with_the_security_headers(client: TestClient[Litestar]) -> None:
    response = client.get(PRERENDERED, headers={"host": "evil.example"})
    assert response.status_code == 400
    assert "ukjent vertsnavn" in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]


def test_the_host_name_is_read_without_port_case_or_trailing_dot() -> None:
    assert hostname(b"Tiltak.Example.no:8443") == "tiltak.example.no"
    assert hostname("[::1]:8000") == "[::1]"
    assert hostname(None) == ""
    assert HostRule(("*",)).allows(None)
    assert not HostRule(("a.no",)).allows(None)


def test_pages_are_rendered_for_the_public_host_when_it_is_allowed(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, allowed_hosts=("a.no", "b.no"), public_url="https://b.no")
    assert HostRule(settings.allowed_hosts).example(settings) == "b.no"
    assert HostRule(("*.x.no",)).example(Settings(data_dir=tmp_path)) == "www.x.no"
