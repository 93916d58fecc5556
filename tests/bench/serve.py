"""Throughput side by side: the app against nginx serving the static export of the same pages.

Run: .venv/bin/python -m tests.bench.serve [--seconds 10] [--connections 64] [--workers 2] [--rounds 3]
                                           [--shared-cores]
Needs wrk and nginx (Debian: apt-get install wrk nginx libnginx-mod-http-brotli-static).
Prints requests/s and p99 latency for each server and URL, and the ratios app/nginx.
Three servers run on this machine with the same wrk settings and the same number of processes
(nginx worker_processes = app workers): nginx, the app counting usage (the default), and the app
with counting off (TILTAKSTRAPP_COUNT_USAGE=0), in alternating rounds so a noisy neighbour slows
all alike; each figure is the median of its rounds. The machine is shared and noisy, so compare
the ratios, not the absolute figures. It also prints any response header one server sends and
the other does not (nginx sends the app's security headers: deploy/nginx.conf).

wrk runs on half the cores and the servers on the other half (on 2 cores: one each), as a load
generator runs on a machine of its own: on shared cores the kernel's scheduling between wrk's
threads and the server's is measured as much as the server, and it treats the two servers
unlike (granian hands each request between a Rust and a Python thread, which waits for a core
when wrk has them; nginx answers on the thread that read the request). `--shared-cores` runs
everything on all cores, each server in a session (a scheduling group) of its own; the README
gives both figures.
"""

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
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


def wait_prerendered(process: subprocess.Popen[str], base: str, workers: int) -> None:
    """Until every worker has pre-rendered every page: each prints «Forhåndslaget N sider» when
    done (~25 s a worker in five languages). Waiting for one pack was not enough: the other
    pages were still being rendered in the background during the first rounds, on the same two
    cores (/elverum measured 0.26 of nginx that way, 0.67 once they were done)."""
    assert process.stdout is not None
    done = 0
    while done < workers:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the server at {base} stopped before it had pre-rendered")
        done += line.startswith("Forhåndslaget")
    wrk(base + "/elverum", 1, 16)  # warm up


def pin(pid: int, cores: set[int]) -> tuple[int, int]:
    """Every thread of a process and of its children (the workers) onto `cores`; threads started
    later inherit it from the thread that starts them. Returns how many processes and threads."""
    processes, threads = 1, 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(ProcessLookupError):  # a thread that just ended
            os.sched_setaffinity(int(task.name), cores)
            threads += 1
    for child in children(pid):
        more = pin(child, cores)
        processes, threads = processes + more[0], threads + more[1]
    return processes, threads


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc/*/stat: /proc/PID/task/*/children is not
    in every kernel)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            # "pid (name) state ppid …": the name may hold spaces, so split after its ")"
            if int(stat.read_text().rpartition(")")[2].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def split_cores() -> tuple[set[int], set[int]]:
    """Cores for wrk, cores for the servers: half each."""
    cores = sorted(os.sched_getaffinity(0))
    half = len(cores) // 2
    return set(cores[:half]), set(cores[half:])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--shared-cores", action="store_true", help="wrk and the servers on all cores")
    args = parser.parse_args()
    shared = args.shared_cores or len(os.sched_getaffinity(0)) < 2
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
        for process, base in ((counting, counting_base), (quiet, quiet_base)):
            wait_prerendered(process, base, args.workers)
        try:
            print(
                f"wrk -t2 -c{args.connections} -d{args.seconds}s, Accept-Encoding: br, gzip; "
                f"{args.workers} nginx worker processes, {args.workers} app workers; "
                f"median of {args.rounds} alternating rounds"
            )
            if shared:
                print(f"wrk and the servers share cores {sorted(os.sched_getaffinity(0))}")
            else:
                load, serving = split_cores()
                pinned = [pin(pid, serving) for pid in (nginx.pid, counting.pid, quiet.pid)]
                os.sched_setaffinity(0, load)  # this process, and so wrk
                print(
                    f"wrk on cores {sorted(load)}, each server on cores {sorted(serving)} "
                    f"(processes, threads: nginx {pinned[0]}, app {pinned[1]}, app without counting {pinned[2]})"
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
