"""Draw the app icon (a white stair on deep blue) as SVG and PNG, with no image library.

Run once when the design changes: python scripts/make_icons.py. The PNGs are committed.
The stair is five steps rising to the right; the maskable icon keeps it inside the central
80 % safe zone (W3C "maskable" icons), the plain one fills more of the square.
"""

import struct
import zlib
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "web" / "static" / "icons"
BLUE = (0x1F, 0x4E, 0x79)
WHITE = (0xFF, 0xFF, 0xFF)
STEPS = 5


def stair_boxes(size: int, inset: float) -> list[tuple[int, int, int, int]]:
    """The steps as boxes (x0, y0, x1, y1) inside a square of `size`, `inset` share kept empty."""
    start, span = size * inset, size * (1 - 2 * inset)
    width = span / STEPS
    boxes = []
    for step in range(STEPS):
        height = span * (step + 1) / STEPS
        x0 = round(start + step * width)
        boxes.append((x0, round(start + span - height), round(start + (step + 1) * width), round(start + span)))
    return boxes


def png(size: int, inset: float) -> bytes:
    boxes = stair_boxes(size, inset)
    rows = bytearray()
    for y in range(size):
        rows.append(0)  # no filter
        for x in range(size):
            inside = any(x0 <= x < x1 and y0 <= y < y1 for x0, y0, x1, y1 in boxes)
            rows.extend(WHITE if inside else BLUE)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    data = zlib.compress(bytes(rows), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def svg(inset: float) -> str:
    boxes = stair_boxes(512, inset)
    rects = "".join(f'<rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}"/>' for x0, y0, x1, y1 in boxes)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" rx="96" fill="#1f4e79"/><g fill="#fff">{rects}</g></svg>\n'
    )


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "icon.svg").write_text(svg(0.16), encoding="utf-8")
    (ICONS / "icon-192.png").write_bytes(png(192, 0.16))
    (ICONS / "icon-512.png").write_bytes(png(512, 0.16))
    (ICONS / "icon-maskable-512.png").write_bytes(png(512, 0.24))


if __name__ == "__main__":
    main()
