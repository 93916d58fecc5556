"""The data folder: the store files, one lock across them, and the audit log.

A publish touches several files (the published content, an item's history, the drafts, the
audit log); the folder's lock keeps two publishers, in two processes, from interleaving. Each
file is still replaced whole and fsynced by its Store, so a crash leaves every file valid; the
published content carries a revision, and a history entry of a revision that never reached the
content is ignored (`History.versions`).

The audit log is JSON Lines, appended with O_APPEND and fsynced: an append-only record is what
it is for, and appending does not rewrite a growing file on every login. A line cut short by a
crash is skipped when the log is read.
"""

import contextlib
import datetime
import fcntl
import gc
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from server.store import DEFAULT_FILE, Store, fsync_directory

EDITORIAL_FILE = "redaksjon.json"
AUDIT_FILE = "revisjonslogg.jsonl"
LOCK_FILE = ".skrivelaas"


class DataDir:
    """The app's data folder and what lives in it."""

    _locks: ClassVar[dict[Path, threading.Lock]] = {}  # one per folder in this process

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.main = Store(path / DEFAULT_FILE)
        self.editorial = Store(path / EDITORIAL_FILE)
        self._thread_lock = self._locks.setdefault(path.resolve(), threading.Lock())

    def history(self, scope: str) -> "History":
        """The history of one municipality's items (or `felles` for the shared ones)."""
        return History(self.path / f"historikk-{scope}.jsonl")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One writer at a time across all files: in this process and across processes."""
        with self._thread_lock, open(self.path / LOCK_FILE, "a+b") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def audit(self, action: str, user: str, item: str = "", municipality: str = "", detail: str = "") -> None:
        """Append one event to the audit log, durably."""
        record = {
            "at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "user": user,
            "action": action,
            "item": item,
            "municipality": municipality,
            "detail": detail,
        }
        append_line(self.path / AUDIT_FILE, record)

    def audit_log(self) -> list[dict[str, Any]]:
        """Every event, oldest first; a last line cut short by a crash is left out."""
        return read_lines(self.path / AUDIT_FILE)


def append_line(path: Path, record: dict[str, Any]) -> None:
    """Append one JSON line, durably (O_APPEND, then fsync; the folder too for a new file)."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
    created = not path.exists()
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    if created:
        fsync_directory(path.parent)


_LINES: dict[Path, tuple[tuple[int, int, int], list[dict[str, Any]]]] = {}


def read_lines(path: Path) -> list[dict[str, Any]]:
    """Every JSON line of a file, parsed once per version of the file; a torn last line is left out."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return []
    stamp = (status.st_ino, status.st_mtime_ns, status.st_size)
    cached = _LINES.get(path)
    if cached is None or cached[0] != stamp:
        records = []
        for line in path.read_bytes().splitlines():
            with contextlib.suppress(ValueError):
                records.append(json.loads(line))
        cached = _LINES[path] = (stamp, records)
        gc.freeze()  # see store._tables
    return cached[1]


class History:
    """Every published version of the items of one scope: immutable records, appended one line
    each (JSON Lines). A publish adds a line instead of rewriting a file that grows with every
    version (14 MB for 200 measures × 50 versions, tests/bench/editor.py)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, record: dict[str, Any]) -> None:
        append_line(self.path, record)

    def records(self) -> list[dict[str, Any]]:
        return read_lines(self.path)
