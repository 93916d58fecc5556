"""What a first visit to /elverum transfers, including the complete offline copy of Elverum, in
every language (/elverum, /en/elverum, /uk/elverum, /ar/elverum, /pl/elverum).

Run: .venv/bin/python -m tests.bench.first_visit [--export] [--language nb …]
Budget (issue 9; issue 18: in every language): ≤ 150 KB, aim 100 KB. Real Chromium opens the
ladder on a fresh profile and
waits until the page says "Klar til bruk uten nett"; every byte that came over the network is
counted: the page and its files, the service worker, its precache and the offline pack.
Bytes are Chromium's own `encodedDataLength` (headers and compressed body as received, from the
CDP Network events), for the page's requests and for the worker's. Chromium sends
`Accept-Encoding: br` only over HTTPS, so the visit asks for br as it would in production.
`--export` measures the static export served by nginx (deploy/nginx.conf) as well.
"""

import argparse
import contextlib
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from playwright.sync_api import Request, sync_playwright

from server.i18n.languages import SITE_LANGUAGES, localized
from tests import server_process
from tests.browser.conftest import CHROMIUM_ARGS, ROOT
from tests.browser.offline_helpers import wait_until_saved

KB = 1024
BUDGET = 150 * KB


def kind(request: Request) -> str:
    """The row a request is counted in."""
    path = request.url.split("/", 3)[-1]
    if path.startswith("offline/") and path.endswith(".json"):
        return "offline pack"
    if path == "sw.js":
        return "service worker"
    where = "worker precache" if request.service_worker else "page"
    what = next((name for end, name in ((".css", "CSS"), (".js", "JS")) if path.endswith(end)), "other")
    return f"{where}: {what}" if path.startswith("static/") else f"{where}: {path or '/'}"


def measure(base: str, chromium: str, path: str = "/elverum") -> dict[str, list[int]]:
    """Bytes received per row for a first visit to a page on a fresh profile."""
    rows: dict[str, list[int]] = defaultdict(list)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=base, extra_http_headers={"Accept-Encoding": "gzip, deflate, br"})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        received: dict[str, int] = {}
        cdp.on(
            "Network.loadingFinished",
            lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"]),
        )
        cdp.send("Network.enable")
        requests: list[Request] = []
        context.on("requestfinished", lambda request: requests.append(request))
        page.goto(path)
        wait_until_saved(page)
        page.wait_for_load_state("networkidle")
        for request in requests:
            sizes = request.sizes()  # Playwright's CDP session on the worker: the same encodedDataLength
            rows[kind(request)].append(sizes["responseHeadersSize"] + sizes["responseBodySize"])
        page_total = sum(size for row, sizes in rows.items() if row.startswith("page") for size in sizes)
        if page_total != sum(received.values()):
            raise RuntimeError(f"page bytes disagree: {page_total} from Playwright, {sum(received.values())} from CDP")
        browser.close()
    return rows


@contextlib.contextmanager
def servers(export: bool) -> Iterator[list[tuple[str, str]]]:
    with tempfile.TemporaryDirectory() as temporary, contextlib.ExitStack() as stack:
        found = [("app (tiltakstrapp serve)", stack.enter_context(server_process.running(Path(temporary) / "data")))]
        if export:
            from tests import static_host

            found.append(("static export (nginx)", stack.enter_context(static_host.running_export(Path(temporary)))))
        yield found


def report(name: str, rows: dict[str, Any], path: str = "/elverum") -> int:
    total = sum(sum(sizes) for sizes in rows.values())
    print(f"\nFirst visit to {path} with the offline copy — {name}")
    for row, sizes in sorted(rows.items()):
        print(f"  {row:<40} {len(sizes):>3} requests {sum(sizes) / KB:7.1f} KB")
    verdict = "within" if total <= BUDGET else "OVER"
    print(
        f"  {'total':<40} {sum(map(len, rows.values())):>3} requests {total / KB:7.1f} KB ({verdict} {BUDGET // KB} KB)"
    )
    return total


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--export", action="store_true", help="also measure the static export served by nginx")
    options.add_argument("--language", action="append", choices=list(SITE_LANGUAGES), help="only these (default: all)")
    args = options.parse_args()
    chromium = subprocess.run([str(ROOT / "scripts" / "find-chromium.sh")], check=True, capture_output=True, text=True)
    totals = []
    with servers(args.export) as found:
        for name, base in found:
            for code in args.language or SITE_LANGUAGES:
                path = localized("/elverum", code)
                totals.append(report(name, measure(base, chromium.stdout.strip(), path), path))
    return 0 if all(total <= BUDGET for total in totals) else 1


if __name__ == "__main__":
    sys.exit(main())
