"""Start `tiltakstrapp serve` as a real process on a free port, for tests that need a live server."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(
    data_dir: Path,
    content_dir: Path | None = None,
    port: int | None = None,
    workers: int = 1,
    static_dir: Path | None = None,
    extra_env: dict[str, str] | None = None,
    host_header: str | None = None,
) -> tuple[subprocess.Popen[str], str]:
    """Start the server; return the process and its base URL once it answers. `extra_env` adds
    settings (e.g. the production ones); `host_header` is what to send while waiting for it."""
    port = port or free_port()
    env = {**os.environ, "TILTAKSTRAPP_DATA_DIR": str(data_dir), **(extra_env or {})}
    if content_dir is not None:
        env["TILTAKSTRAPP_CONTENT_DIR"] = str(content_dir)
    if static_dir is not None:
        env["TILTAKSTRAPP_STATIC_DIR"] = str(static_dir)
    process = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "serve", "--port", str(port), "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return process, base
        with contextlib.suppress(OSError):
            headers = {"Host": host_header} if host_header else {}
            request = urllib.request.Request(base + "/api/v1/helplines", headers=headers)
            urllib.request.urlopen(request, timeout=1).read()
            return process, base
        time.sleep(0.1)
    stop(process)
    raise RuntimeError("the server did not start within 30 s")


def start_strict(data_dir: Path, content_dir: Path) -> subprocess.Popen[str]:
    """`tiltakstrapp serve --strict`, which should refuse broken content; wait for it to end."""
    env = {**os.environ, "TILTAKSTRAPP_DATA_DIR": str(data_dir), "TILTAKSTRAPP_CONTENT_DIR": str(content_dir)}
    command = [sys.executable, "-m", "server.cli", "serve", "--strict", "--port", str(free_port())]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=30)
    return process


def stop(process: subprocess.Popen[str]) -> str:
    """Stop the server and its workers; return what it printed."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    output, _ = process.communicate()
    return output or ""


@contextlib.contextmanager
def running(
    data_dir: Path,
    content_dir: Path | None = None,
    extra_env: dict[str, str] | None = None,
    host_header: str | None = None,
) -> Iterator[str]:
    process, base = start(data_dir, content_dir, extra_env=extra_env, host_header=host_header)
    try:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited: {stop(process)}")
        yield base
    finally:
        stop(process)
