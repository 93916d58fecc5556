"""The embedded store: TinyDB JSON files, written crash-safely, and an append-only audit log.

This is the only module that touches TinyDB. A write goes to a temporary file in the same
directory, is fsynced, then `os.replace`d over the old file, and the directory is fsynced, so
after a crash (SIGKILL, power loss) the file is either the old version or the new one, never
half of each. One writer at a time: a lock within the process and an `flock` across processes.
No CachingMiddleware: a write that returned is on disk.

A data folder (`DataDir`) holds several files, so that a draft saved by an editor rewrites a
small file, not the whole published content (the save target is 50 ms, tests/bench/editor.py):
`tiltakstrapp.json` (the published content: the public site's source of truth), `redaksjon.json`
(accounts, drafts, settings), `historikk-<kommune>.jsonl` (every published version of every item)
and `revisjonslogg.jsonl` (the audit log: one JSON line per event, appended, never rewritten).
"""

import contextlib
import fcntl
import gc
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec
from tinydb import Query, TinyDB
from tinydb.storages import Storage

from server.content.model import Content

DEFAULT_FILE = "tiltakstrapp.json"
# Parsed files by path, with the (inode, mtime, size) they were read at. A write replaces the
# file (a new inode), so a stale entry is never used; one process, many Store objects.
_READ_CACHE: dict[Path, tuple[tuple[int, int, int], dict[str, Any]]] = {}


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
        fsync_directory(self.path.parent)

    def close(self) -> None:
        """Nothing is held open between reads and writes."""


def fsync_directory(directory: Path) -> None:
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
        """Hold the single-writer lock, in this process and across processes, with the file
        read afresh: TinyDB caches each table's next id, which another process may have used."""
        with self._lock, open(self._lock_path, "a+b") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            self._remove_stale_temporaries()
            self._db = TinyDB(self.path, storage=AtomicJSONStorage)
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

    def replace_tables(self, tables: dict[str, dict[str, Any]]) -> None:
        """Replace whole tables in one write; every other table stays as it is."""
        with self.writing() as db:
            data = db.storage.read() or {}
            data.update(tables)
            db.storage.write(data)

    def import_content(self, content: Content, content_hash: str, **meta: object) -> None:
        """Replace the published content in one write, so readers never see half of it. Only the
        content and its meta change (accounts, drafts and history live in other files)."""
        document = msgspec.to_builtins(content)
        self.replace_tables({"content": {"1": document}, "meta": {"1": {"content_hash": content_hash, **meta}}})

    def meta(self) -> dict[str, Any]:
        """What the store knows of its content: the bundle's hash, the revision, what editors changed."""
        return self.get_one("meta") or {}

    def _tables(self) -> dict[str, dict[str, Any]]:
        """The whole file as read from disk, parsed once per version of the file: a history file
        of 10 000 versions takes ~150 ms to parse, and a draft save must stay under 50 ms."""
        try:
            status = self.path.stat()
        except FileNotFoundError:
            return {}
        stamp = (status.st_ino, status.st_mtime_ns, status.st_size)
        cached = _READ_CACHE.get(self.path)
        if cached is None or cached[0] != stamp:
            cached = (stamp, AtomicJSONStorage(self.path).read() or {})
            _READ_CACHE[self.path] = cached
            # Millions of parsed objects would make every full garbage collection walk them (pauses
            # of 100–200 ms in a draft save, measured); parsed JSON holds no cycles, so reference
            # counting still frees it, and the collector can leave it alone.
            gc.freeze()
        return cached[1]

    def get_one(self, table: str) -> dict[str, Any] | None:
        """The single record of a one-record table, read from disk."""
        document = self._tables().get(table, {}).get("1")
        return None if document is None else dict(document)

    def content_hash(self) -> str | None:
        """The hash of the content last imported, or None for an empty store."""
        meta = self.get_one("meta")
        return None if meta is None else str(meta["content_hash"])

    def content(self) -> Content | None:
        """The content last imported, validated again on the way out."""
        document = self.get_one("content")
        return None if document is None else msgspec.convert(document, Content)

    def append(self, table: str, record: dict[str, Any]) -> int:
        """Add one record to a table and return its id once it is safely on disk."""
        with self.writing() as db:
            return db.table(table).insert(record)

    def records(self, table: str) -> list[dict[str, Any]]:
        """Every record in a table, read from disk (or from the parse of this very file version)."""
        return [dict(record) for record in self._tables().get(table, {}).values()]

    def keyed(self, table: str) -> dict[str, dict[str, Any]]:
        """A table whose records each have a unique `key`, as key → record, read from disk."""
        return {str(record["key"]): record for record in self.records(table)}

    def put(self, table: str, record: dict[str, Any]) -> None:
        """Insert or replace the record with this `key`, durably."""
        with self.writing() as db:
            db.table(table).upsert(record, Query().key == record["key"])

    def remove(self, table: str, key: str) -> None:
        """Remove the record with this `key`, durably (nothing if there is none)."""
        with self.writing() as db:
            db.table(table).remove(Query().key == key)

    def close(self) -> None:
        self._db.close()


def open_store(data_dir: Path) -> Store:
    """Open (or create) the store file in a data directory."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return Store(data_dir / DEFAULT_FILE)
