"""The static export served by nginx with deploy/nginx.conf, as a municipality's web host would."""

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests import server_process

ROOT = Path(__file__).resolve().parents[1]
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def export(directory: Path, data_dir: Path, extra_env: dict[str, str] | None = None) -> None:
    """Run `tiltakstrapp export` into a folder (with extra settings, e.g. the production ones)."""
    subprocess.run(
        [sys.executable, "-m", "server.cli", "export", str(directory), "--data-dir", str(data_dir)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={**os.environ, **(extra_env or {})},
    )


def _wait(url: str) -> None:
    for _ in range(100):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=1).read()
            return
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer")


def start_nginx(site_root: Path, port: int, workdir: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    """nginx in the foreground on 127.0.0.1:port with the README's configuration, in a session of
    its own like the app (`server_process.start`): with the kernel's autogroups, a session is a
    scheduling group, so both servers share the cores with the load generator alike (tests.bench.serve)."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};").replace(
        "/srv/tiltakstrapp", str(site_root)
    )
    load = ""
    if BROTLI_MODULE.exists():
        load = f"load_module {BROTLI_MODULE};\n"
    else:
        site = site.replace("brotli_static on;", "")
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"{load}worker_processes {workers};\nuser root;\npid {workdir}/nginx.pid;\nerror_log {workdir}/error.log;\n"
        f"events {{ worker_connections 1024; }}\nhttp {{\n{site}\n}}\n"
    )
    process = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(workdir), "-g", "daemon off;"], start_new_session=True
    )
    _wait(f"http://127.0.0.1:{port}/")
    return process


@contextlib.contextmanager
def running_export(workdir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Export the site and serve it with nginx; yield its base URL."""
    site_root = workdir / "export"
    export(site_root, workdir / "data", extra_env)
    port = server_process.free_port()
    process = start_nginx(site_root, port, workdir)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
