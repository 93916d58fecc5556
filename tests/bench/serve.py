"""Throughput side by side: the app against nginx serving the static export of the same pages.

Run: .venv/bin/python -m tests.bench.serve [--seconds 10] [--connections 64] [--workers 2] [--rounds 3]
Needs wrk and nginx (Debian: apt-get install wrk nginx libnginx-mod-http-brotli-static).
Prints requests/s and p99 latency for each server and URL, and the ratios app/nginx.
Three servers run on this machine with the same wrk settings and the same number of processes
(nginx worker_processes = app workers): nginx, the app counting usage (the default), and the app
with counting off (TILTAKSTRAPP_COUNT_USAGE=0), in alternating rounds so a noisy neighbour slows
all alike; each figure is the median of its rounds. The machine is shared and noisy, so compare
the ratios, not the absolute figures. It also prints any response header one server sends and
the other does not (nginx sends the app's security headers: deploy/nginx.conf).
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tests import server_process, static_host

ROOT = Path(__file__).resolve().parents[2]


def wrk(url: str, seconds: int, connections: int) -> tuple[float, float]:
    """Requests per second and p99 latency in ms."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", "Accept-Encoding: br, gzip", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
    p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rps, p99


# Headers every server adds about itself or the connection, not about the response.
OWN_HEADERS = {"server", "date", "connection", "keep-alive", "accept-ranges", "last-modified", "transfer-encoding"}


def header_names(url: str) -> set[str]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return {name.lower() for name in response.headers} - OWN_HEADERS


def wait_prerendered(base: str) -> None:
    """Until every worker has pre-rendered: an offline pack is answered only then, so ask for one
    on many connections at once (each worker gets some), then warm up for a second."""
    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(lambda _: urllib.request.urlopen(base + "/offline/elverum.json", timeout=120).read(), range(32)))
    wrk(base + "/elverum", 1, 16)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            print(f"{tool} is missing: apt-get install wrk nginx libnginx-mod-http-brotli-static", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as temporary:
        workdir = Path(temporary)
        export = workdir / "export"
        static_host.export(export, workdir / "d1")
        measure = sorted(p.parent.name for p in (export / "elverum" / "tiltak").glob("*/index.html"))[0]
        paths = ["/elverum", f"/elverum/tiltak/{measure}", "/api/v1/municipalities/elverum"]
        nginx_port = server_process.free_port()
        nginx = static_host.start_nginx(export, nginx_port, workdir, workers=args.workers)
        counting, counting_base = server_process.start(workdir / "d2", workers=args.workers)
        quiet, quiet_base = server_process.start(
            workdir / "d3", workers=args.workers, extra_env={"TILTAKSTRAPP_COUNT_USAGE": "0"}
        )
        servers = {"nginx": f"http://127.0.0.1:{nginx_port}", "app": counting_base, "app, no counting": quiet_base}
        for base in (counting_base, quiet_base):
            wait_prerendered(base)
        try:
            print(
                f"wrk -t2 -c{args.connections} -d{args.seconds}s, Accept-Encoding: br, gzip; "
                f"{args.workers} nginx worker processes, {args.workers} app workers; "
                f"median of {args.rounds} alternating rounds"
            )
            for path in paths:
                app_only = header_names(counting_base + path) - header_names(servers["nginx"] + path)
                nginx_only = header_names(servers["nginx"] + path) - header_names(counting_base + path)
                same = (
                    "same headers" if not (app_only or nginx_only) else f"app only {app_only}, nginx only {nginx_only}"
                )
                print(f"{path}: {same}")
            print(
                f"{'path':40} {'nginx req/s':>11} {'app req/s':>10} {'no count':>9} {'app/nginx':>9} "
                f"{'count/off':>9} {'app p99':>9} {'nginx p99':>10}"
            )
            for path in paths:
                runs: dict[str, list[tuple[float, float]]] = {name: [] for name in servers}
                for _ in range(args.rounds):
                    for name, base in servers.items():
                        runs[name].append(wrk(base + path, args.seconds, args.connections))
                rps = {name: statistics.median(r for r, _ in figures) for name, figures in runs.items()}
                p99 = {name: statistics.median(p for _, p in figures) for name, figures in runs.items()}
                ratio = statistics.median(a[0] / n[0] for a, n in zip(runs["app"], runs["nginx"], strict=True))
                cost = statistics.median(
                    a[0] / q[0] for a, q in zip(runs["app"], runs["app, no counting"], strict=True)
                )
                print(
                    f"{path[:40]:40} {rps['nginx']:11.0f} {rps['app']:10.0f} {rps['app, no counting']:9.0f} "
                    f"{ratio:9.2f} {cost:9.2f} {p99['app']:7.2f}ms {p99['nginx']:8.2f}ms"
                )
        finally:
            server_process.stop(counting)
            server_process.stop(quiet)
            nginx.terminate()
            nginx.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
