"""Does the server stay responsive under a stream of distinct shared-list QR codes? (issue 19)

Run: .venv/bin/python -m tests.bench.qr_storm [--clients 32] [--seconds 15]
A shared list's QR code (`/{kommune}/liste/qr.svg?t=…`) is drawn on request, ~118 ms of CPU for
a long list. The storm sends long, distinct lists from many clients at once (each from its own
127.0.0.x address, so the per-client limit sees them as different people) while a probe reads a
pre-rendered page and a dynamic search in turn. Prints the probe's latency idle and in the storm,
what the storm got (200, 429, 503), and the server's memory (RSS) before and after.
"""

import argparse
import http.client
import json
import random
import statistics
import tempfile
import threading
import time
from pathlib import Path

from tests import server_process


def _get(port: int, path: str, source: str = "127.0.0.1") -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        connection.request("GET", path, headers={"Accept-Encoding": "br"})
        response = connection.getresponse()
        response.read()
        return response.status, (time.perf_counter() - started) * 1000
    finally:
        connection.close()


def _rss_kb(pid: int) -> int:
    """Resident memory of a process and its children (the server's workers), in KB."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        status = Path(f"/proc/{candidate}/status")
        if status.exists():
            line = next(line for line in status.read_text().splitlines() if line.startswith("VmRSS"))
            total += int(line.split()[1])
    return total


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        children = (task / "children").read_text().split()
        for child in map(int, children):
            found += [child, *_children(child)]
    return found


def _probe(port: int, seconds: float) -> list[float]:
    latencies: list[float] = []
    end = time.monotonic() + seconds
    paths = ["/elverum", "/elverum/sok?q=ppt"]
    while time.monotonic() < end:
        status, ms = _get(port, paths[len(latencies) % 2])
        assert status == 200, status
        latencies.append(ms)
        time.sleep(0.02)
    return latencies


def _slugs(port: int) -> list[str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/api/v1/municipalities/elverum")
    municipality = json.loads(connection.getresponse().read())
    connection.close()
    return [m["slug"] for step in municipality["steps"] for group in step["groups"] for m in group["measures"]]


def _storm(port: int, client: int, slugs: list[str], stop: threading.Event, results: list[int]) -> None:
    # Real measures (unknown ones are left out of a list), a different choice each time: every
    # list is new, long (up to the 2 000-character cap) and drawn from scratch.
    chooser = random.Random(client)
    while not stop.is_set():
        chosen = ",".join(chooser.sample(slugs, 40))[:2000].rsplit(",", 1)[0]
        status, _ = _get(port, f"/elverum/liste/qr.svg?t={chosen}", f"127.0.0.{client + 2}")
        results.append(status)


def _summary(name: str, latencies: list[float]) -> str:
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    p50 = statistics.median(ordered)
    return f"{name:<22} n={len(ordered):4d}  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {ordered[-1]:7.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        process, base = server_process.start(Path(temporary) / "data")
        port = int(base.rsplit(":", 1)[1])
        try:
            idle = _probe(port, 5)
            rss_before = _rss_kb(process.pid)
            stop = threading.Event()
            results: list[int] = []
            slugs = _slugs(port)
            storm = [
                threading.Thread(target=_storm, args=(port, client, slugs, stop, results), daemon=True)
                for client in range(args.clients)
            ]
            for thread in storm:
                thread.start()
            loaded = _probe(port, args.seconds)
            stop.set()
            for thread in storm:
                thread.join()
            rss_after = _rss_kb(process.pid)
        finally:
            server_process.stop(process)
    print(f"{args.clients} storming clients for {args.seconds:.0f} s")
    print(_summary("probe, idle", idle))
    print(_summary("probe, in the storm", loaded))
    counts = {status: results.count(status) for status in sorted(set(results))}
    print(f"storm answers: {counts} ({len(results) / args.seconds:.0f}/s)")
    print(f"server memory: {rss_before / 1024:.0f} MB before, {rss_after / 1024:.0f} MB after")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
