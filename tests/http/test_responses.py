"""Answers rendered on request (server/responses.py): a client that has the answer gets a 304.

Pre-rendered addresses are answered in server/precomputed.py; an address with a query string
never is, so only `responses.not_modified` decides these. Each test must fail when it always
says "modified" (or always "not modified").
"""

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from server.catalogue import Catalogue

Client = TestClient[Litestar]


def _dynamic_addresses(client: Client) -> list[str]:
    catalogue: Catalogue = client.app.state.holder.current
    slugs = ",".join(list(catalogue.municipalities["elverum"].measures)[:3])
    return ["/api/v1/municipalities/elverum/search?q=ppt", f"/elverum/liste/qr.svg?t={slugs}"]


@pytest.mark.parametrize("encoding", ["identity", "gzip, deflate, br"])
def test_an_answer_the_client_has_is_a_304_with_no_body(client: Client, encoding: str) -> None:
    # Must catch not_modified never matching: an unchanged search or QR code sent again in full.
    for path in _dynamic_addresses(client):
        first = client.get(path, headers={"accept-encoding": encoding})
        assert first.status_code == 200 and first.content, path
        etag = first.headers["etag"]  # weak (W/"…") when compressed on the way out, else strong
        strong = etag.removeprefix("W/")
        for header in (etag, strong, f"W/{strong}", f'"older", {etag}', f'"older",{strong} , "oldest"', "*"):
            again = client.get(path, headers={"accept-encoding": encoding, "if-none-match": header})
            assert again.status_code == 304, (path, header)
            assert again.content == b"", (path, header)
            # The same tag; strong here even after a weak one, as a 304 is not compressed on the way out.
            assert again.headers["etag"].removeprefix("W/") == strong, (path, header)


def test_an_answer_the_client_does_not_have_is_sent_whole(client: Client) -> None:
    # Must catch not_modified matching too much: any other tag, or a prefix of this one, is a 200.
    for path in _dynamic_addresses(client):
        first = client.get(path, headers={"accept-encoding": "identity"})
        strong = first.headers["etag"]
        for header in ('"older"', f'"{strong[1:-2]}"', f"{strong[:-1]}-br" + '"', ""):
            again = client.get(path, headers={"accept-encoding": "identity", "if-none-match": header})
            assert again.status_code == 200, (path, header)
            assert again.content == first.content, (path, header)
