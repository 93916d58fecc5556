"""The QR code decodes to the address it was made for; a shared list keeps what it can find."""

import re

import pytest
import zxingcpp

from server.catalogue import Catalogue, MunicipalityIndex
from server.content.loader import load_content
from server.settings import Settings
from server.share import MAX_LIST_SLUGS, ListTooLong, list_path, parse_list, qr_svg

SCALE = 4  # pixels per module when the code is drawn for the decoder


def modules(svg: bytes) -> list[list[bool]]:
    """The dark modules of segno's SVG (one path of horizontal runs: `M x y`, `h n`, `m dx dy`),
    as rows of booleans, quiet zone included."""
    text = svg.decode()
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', text).group(1))  # type: ignore[union-attr]
    path = re.search(r'stroke="#000" d="([^"]+)"', text).group(1)  # type: ignore[union-attr]
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, args in re.findall(r"([Mmh])([-\d. ]+)", path):
        numbers = [float(n) for n in args.split()]
        if command == "M":
            x, y = numbers
        elif command == "m":
            x, y = x + numbers[0], y + numbers[1]
        else:
            for column in range(int(x), int(x + numbers[0])):
                grid[int(y)][column] = True
            x += numbers[0]
    return grid


def decode(grid: list[list[bool]]) -> list[str]:
    """What a QR reader (zxing-cpp) finds in the code drawn black on white."""
    rows = bytearray()
    for row in grid:
        line = b"".join((b"\x00" if dark else b"\xff") * SCALE for dark in row)
        rows += line * SCALE
    image = memoryview(bytes(rows)).cast("B", (len(grid) * SCALE, len(grid[0]) * SCALE))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/elverum/tiltak/helsestasjon-og-skolehelsetjenesten",
        "https://tiltak.stor-elvdal.kommune.no/stor-elvdal/trinn/3",
        "https://tiltak.asnes.kommune.no/asnes/liste?t=" + ",".join(["familiens-hus"] * 20),
    ],
)
def test_the_qr_code_scans_to_exactly_the_address_it_was_made_for(url: str) -> None:
    grid = modules(qr_svg(url))
    assert decode(grid) == [url]
    # A quiet zone of four light modules on every side, so a camera finds the code on paper.
    assert not any(any(row) for row in grid[:4] + grid[-4:])
    assert not any(any(row[:4] + row[-4:]) for row in grid)


@pytest.fixture(scope="module")
def index() -> MunicipalityIndex:
    catalogue = Catalogue.build(load_content(Settings().content_dir), "test")
    return max(catalogue.municipalities.values(), key=lambda item: len(item.measures))


def test_a_shared_list_keeps_known_measures_once_and_counts_what_it_cannot_find(index: MunicipalityIndex) -> None:
    first, second = list(index.measures)[:2]
    shared = parse_list(index, f" {second}, {first},{second},,ukjent,../../etc,{'x' * 200}")
    assert shared.slugs == [second, first]
    assert shared.missing == 3


def test_a_shared_list_of_more_than_the_cap_is_refused(index: MunicipalityIndex) -> None:
    with pytest.raises(ListTooLong):
        parse_list(index, ",".join(["a"] * (MAX_LIST_SLUGS + 1)))


def test_the_list_address_has_no_query_when_empty() -> None:
    assert list_path("elverum", []) == "/elverum/liste"
    assert list_path("elverum", ["a", "b"]) == "/elverum/liste?t=a,b"
