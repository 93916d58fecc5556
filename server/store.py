"""The embedded store: one TinyDB JSON file, written crash-safely.

This is the only module that touches TinyDB. A write goes to a temporary file in the same
directory, is fsynced, then `os.replace`d over the old file, and the directory is fsynced, so
after a crash (SIGKILL, power loss) the file is either the old version or the new one, never
half of each. One writer at a time: a lock within the process and an `flock` across processes.
No CachingMiddleware: a write that returned is on disk.
"""

import contextlib
import fcntl
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
from tinydb import TinyDB
from tinydb.storages import Storage

from server.content.model import Content

DEFAULT_FILE = "tiltakstrapp.json"


class AtomicJSONStorage(Storage):
    """A TinyDB storage that replaces its file atomically on every write."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        data: dict[str, dict[str, Any]] = json.loads(raw)
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        handle, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(payload)
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        _fsync_directory(self.path.parent)

    def close(self) -> None:
        """Nothing is held open between reads and writes."""


def _fsync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class Store:
    """The app's data: imported content and its hash. Every write holds the writer lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._db = TinyDB(path, storage=AtomicJSONStorage)
        self._lock_path = path.with_name(path.name + ".lock")

    @contextlib.contextmanager
    def writing(self) -> Iterator[TinyDB]:
        """Hold the single-writer lock, in this process and across processes."""
        with self._lock, open(self._lock_path, "a+b") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            self._remove_stale_temporaries()
            try:
                yield self._db
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _remove_stale_temporaries(self) -> None:
        # A writer killed between writing its temporary file and renaming it leaves the file
        # behind. We hold the writer lock, so no temporary file belongs to a live write.
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()

    def import_content(self, content: Content, content_hash: str) -> None:
        """Replace the published content in one write, so readers never see half of it."""
        document = msgspec.to_builtins(content)
        with self.writing() as db:
            db.storage.write(
                {
                    "content": {"1": document},
                    "meta": {"1": {"content_hash": content_hash}},
                }
            )
            db.clear_cache()

    def content_hash(self) -> str | None:
        """The hash of the content last imported, or None for an empty store."""
        meta = self._db.table("meta").get(doc_id=1)
        return None if meta is None else str(meta["content_hash"])

    def content(self) -> Content | None:
        """The content last imported, validated again on the way out."""
        document = self._db.table("content").get(doc_id=1)
        return None if document is None else msgspec.convert(dict(document), Content)

    def append(self, table: str, record: dict[str, Any]) -> int:
        """Add one record to a table and return its id once it is safely on disk."""
        with self.writing() as db:
            return db.table(table).insert(record)

    def records(self, table: str) -> list[dict[str, Any]]:
        """Every record in a table, read from disk."""
        self._db.table(table).clear_cache()
        return [dict(record) for record in self._db.table(table).all()]

    def close(self) -> None:
        self._db.close()


def open_store(data_dir: Path) -> Store:
    """Open (or create) the store file in a data directory."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return Store(data_dir / DEFAULT_FILE)
