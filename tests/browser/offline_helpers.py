"""What the offline tests share: waiting for the copy, and servers that change release."""

import shutil
import subprocess
from pathlib import Path

from playwright.sync_api import Page, expect

from server.assets import STATIC, Assets
from server.i18n.interface import interface
from tests import server_process

READY = "Klar til bruk uten nett"


def wait_until_saved(page: Page) -> None:
    """Wait until the page says, in its language, that the municipality is saved for use
    without network."""
    ready = interface(page.evaluate("document.documentElement.lang")).gettext(READY)
    expect(page.locator(".tt-offline__status")).to_have_text(ready, timeout=20_000)


# Ask for the newest worker the way the browser does on a navigation, and say how its install
# ended: "installed" (it waits for the person) or "redundant" (it failed and is thrown away).
UPDATE_AND_WAIT = """
async () => {
  const registration = await navigator.serviceWorker.ready;
  const found = new Promise((resolve) =>
    registration.addEventListener("updatefound", () => resolve(registration.installing), { once: true }));
  await registration.update().catch(() => {});
  const worker = await found;
  return new Promise((resolve) => {
    const check = () => {
      if (worker.state === "installed" || worker.state === "redundant") resolve(worker.state);
    };
    worker.addEventListener("statechange", check);
    check();
  });
}
"""


class Releases:
    """The real server on one port, restarted with release A's or release B's static files.

    B is a copy of web/static with one more CSS file, so its app.css (and so its worker) is new
    while everything else stays the same, as after a small release.
    """

    def __init__(self, root: Path) -> None:
        self.port = server_process.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.data_dir = root / "data"
        self.static_a = STATIC
        self.static_b = root / "static-b"
        shutil.copytree(STATIC, self.static_b)
        # A rule, not only a comment: the bundle goes out without comments (server/assets.py).
        (self.static_b / "css" / "99-release-b.css").write_text(".tt-release-b {}\n", encoding="utf-8")
        self.a, self.b = Assets(self.static_a), Assets(self.static_b)
        self.process: subprocess.Popen[str] | None = None

    def serve(self, static_dir: Path) -> None:
        self.stop()
        self.process, _ = server_process.start(self.data_dir, port=self.port, static_dir=static_dir)
        if self.process.poll() is not None:
            raise RuntimeError(f"the server exited: {server_process.stop(self.process)}")

    def stop(self) -> None:
        if self.process is not None:
            server_process.stop(self.process)
            self.process = None
