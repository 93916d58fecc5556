"""Throughput side by side: the app against nginx serving the static export of the same pages.

Run: .venv/bin/python -m tests.bench.serve [--seconds 10] [--connections 64] [--workers 1] [--rounds 3]
Needs wrk and nginx (Debian: apt-get install wrk nginx libnginx-mod-http-brotli-static).
Prints requests/s and p99 latency for each server and URL, and the ratio app/nginx.
Both run on this machine with the same wrk settings, in alternating rounds (nginx, app, nginx,
app …) so a noisy neighbour slows both alike; each figure is the median of its rounds. The
machine is shared and noisy, so compare the ratio, not the absolute figures.
"""

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=1)
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
        nginx = static_host.start_nginx(export, nginx_port, workdir)
        app, app_base = server_process.start(workdir / "d2", workers=args.workers)
        try:
            print(
                f"wrk -t2 -c{args.connections} -d{args.seconds}s, Accept-Encoding: br, gzip; "
                f"app workers: {args.workers}; median of {args.rounds} alternating rounds"
            )
            print(f"{'path':48} {'app req/s':>10} {'nginx req/s':>12} {'ratio':>6} {'app p99':>9} {'nginx p99':>10}")
            for path in paths:
                app_runs, nginx_runs, ratios = [], [], []
                for _ in range(args.rounds):
                    nginx_runs.append(wrk(f"http://127.0.0.1:{nginx_port}{path}", args.seconds, args.connections))
                    app_runs.append(wrk(app_base + path, args.seconds, args.connections))
                    ratios.append(app_runs[-1][0] / nginx_runs[-1][0])
                app_rps, app_p99 = (statistics.median(figures) for figures in zip(*app_runs, strict=True))
                nginx_rps, nginx_p99 = (statistics.median(figures) for figures in zip(*nginx_runs, strict=True))
                print(
                    f"{path[:48]:48} {app_rps:10.0f} {nginx_rps:12.0f} {statistics.median(ratios):6.2f} "
                    f"{app_p99:7.2f}ms {nginx_p99:8.2f}ms"
                )
        finally:
            server_process.stop(app)
            nginx.terminate()
            nginx.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
