"""The store keeps its three promises (server/store.py): a write replaces the file whole, it is
on disk before it is acknowledged, and one writer at a time, across processes too.

Each test says which break in server/store.py it must catch; each was seen to fail with it.
"""

import builtins
import io
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from server.content.loader import content_hash, load_content
from server.store import AtomicJSONStorage, Store

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("store_writer.py")
# Written first, so every later write rewrites ~1 MB: long enough to be caught half done.
PADDING = {"1": {"text": "x" * 1_000_000}}
RACE_APPENDS = 100  # per process


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "db.json")
    assert storage.read() is None
    storage.write({"t": {"1": {"a": "å"}}})
    storage.write({"t": {"1": {"a": "ø"}}})
    assert storage.read() == {"t": {"1": {"a": "ø"}}}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["db.json"]


def test_imported_content_reads_back_equal_with_its_hash(tmp_path: Path) -> None:
    content = load_content()
    store = Store(tmp_path / "db.json")
    assert store.content() is None and store.content_hash() is None
    store.import_content(content, content_hash_value := content_hash(Path(ROOT / "content")))
    reopened = Store(tmp_path / "db.json")
    assert reopened.content() == content
    assert reopened.content_hash() == content_hash_value


WRITING_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_TRUNC | os.O_APPEND | os.O_CREAT


def _record_what_touches(path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Wrap every way Python writes, truncates, removes or renames a file; keep what names `path`."""
    touched: list[str] = []

    def names_path(name: object) -> bool:
        return isinstance(name, (str, bytes, os.PathLike)) and Path(os.fsdecode(name)).resolve() == path.resolve()

    real_open, real_os_open = builtins.open, os.open

    def python_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if names_path(file) and any(letter in mode for letter in "wax+"):
            touched.append(f"open {mode}")
        return real_open(file, mode, *args, **kwargs)

    def os_open(file: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if names_path(file) and flags & WRITING_FLAGS:
            touched.append(f"os.open {flags:#o}")
        return real_os_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", python_open)
    monkeypatch.setattr(io, "open", python_open)  # what pathlib's write_bytes calls
    monkeypatch.setattr(os, "open", os_open)
    for name in ("truncate", "unlink", "remove", "replace", "rename"):
        real = getattr(os, name)

        def wrapped(*args: Any, _name: str = name, _real: Any = real, **kwargs: Any) -> Any:
            if names_path(args[0]):
                touched.append(f"{_name} of it")
            elif _name in {"replace", "rename"} and names_path(args[1]):
                touched.append(f"{_name} onto it")
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, wrapped)
    return touched


def test_a_write_goes_to_a_new_file_that_replaces_the_old_one_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Must catch a non-atomic write: writing into the file (TinyDB's JSONStorage, open(path, "wb"),
    # path.write_bytes) or removing it and writing a new one. Only os.replace may change it.
    path = tmp_path / "db.json"
    store = Store(path)
    store.append("log", {"n": 0})
    before = os.stat(path)
    with open(path, "rb") as old:  # a reader that opened the file before the write
        touched = _record_what_touches(path, monkeypatch)
        store.append("log", {"n": 1})
        monkeypatch.undo()
        assert json.loads(old.read()) == {"log": {"1": {"n": 0}}}, "the write changed the file a reader had open"
    after = os.stat(path)
    assert (after.st_dev, after.st_ino) != (before.st_dev, before.st_ino), "the write went into the same file"
    assert touched == ["replace onto it"], touched
    assert Store(path).records("log") == [{"n": 0}, {"n": 1}]


def test_a_write_is_fsynced_before_the_rename_and_the_directory_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Must catch a missing fsync of the new file (a power cut could leave the renamed file empty)
    # or of the directory (the rename itself could be lost): the write returned, so it must last.
    path = tmp_path / "db.json"
    store = Store(path)
    store.append("log", {"n": 0})
    events: list[tuple[str, object]] = []  # ("synced", (device, inode, size)) or ("replaced", path)
    for name in ("fsync", "fdatasync"):
        real_sync = getattr(os, name)

        def sync(descriptor: int, _real: Any = real_sync) -> None:
            status = os.fstat(descriptor)
            events.append(("synced", (status.st_dev, status.st_ino, status.st_size)))
            _real(descriptor)

        monkeypatch.setattr(os, name, sync)
    real_replace = os.replace

    def replace(source: Any, target: Any, **kwargs: Any) -> None:
        events.append(("replaced", Path(target).resolve()))
        real_replace(source, target, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    store.append("log", {"n": 1})
    monkeypatch.undo()
    new_file, directory = os.stat(path), os.stat(tmp_path)
    assert events.count(("replaced", path.resolve())) == 1, f"the file was not replaced by os.replace, once: {events}"
    replaced = events.index(("replaced", path.resolve()))
    whole_new_file = ("synced", (new_file.st_dev, new_file.st_ino, new_file.st_size))
    assert whole_new_file in events[:replaced], f"the new file was not fsynced, whole, before the rename: {events}"
    synced_after = [event[1][:2] for event in events[replaced:] if event[0] == "synced"]  # type: ignore[index]
    assert (directory.st_dev, directory.st_ino) in synced_after, f"no fsync of the folder after the rename: {events}"


def _start_writer(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(WRITER), *args]
    pipe = subprocess.PIPE
    return subprocess.Popen(command, stdin=pipe, stdout=pipe, stderr=pipe, env=env, text=True)


def _read_whole(path: Path) -> dict[str, Any]:
    """The file as a reader finds it: it must parse and still hold the padding written first."""
    raw = path.read_bytes()
    try:
        data: dict[str, Any] = json.loads(raw)
    except ValueError:
        pytest.fail(f"a reader found a half-written file: {len(raw)} bytes, ending {raw[-30:]!r}")
    assert data["padding"] == PADDING, "a reader found the padding damaged"
    return data


def _run_writer_and_kill(path: Path, start: int, rng: random.Random) -> tuple[list[int], int]:
    """Run a writer, read the file over and over while it writes, then SIGKILL it at a random
    moment. Returns the numbers it acknowledged and how often the file was read meanwhile."""
    child = _start_writer("crash", str(path), str(start))
    stdout = child.stdout
    assert stdout is not None
    acknowledged: list[int] = []
    listener = threading.Thread(target=lambda: acknowledged.extend(int(line) for line in stdout))
    try:
        acknowledged.append(int(stdout.readline()))  # it is writing now
        listener.start()
        reads = 0
        deadline = time.monotonic() + rng.uniform(0.02, 0.2)
        while time.monotonic() < deadline:
            _read_whole(path)
            reads += 1
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        # Read to the end of the pipe before closing it: every number the writer printed before
        # it died counts (closing it first lost the last ones, and the listener failed).
        if listener.is_alive():
            listener.join()
        for pipe in (child.stdin, stdout, child.stderr):
            if pipe is not None:
                pipe.close()
    return acknowledged, reads


def test_sigkilled_writers_never_corrupt_the_file_or_lose_an_acknowledged_write(tmp_path: Path) -> None:
    # Must catch a write in place, seen from outside: every write here rewrites ~1 MB, so a
    # reader polling the file, or a kill, lands inside one and finds the file half written.
    path = tmp_path / "db.json"
    AtomicJSONStorage(path).write({"log": {}, "padding": PADDING})  # "log" first: a record moves the rest
    rng = random.Random(2026)
    acknowledged: set[int] = set()
    start, reads = 0, 0
    for _round in range(25):
        numbers, polled = _run_writer_and_kill(path, start, rng)
        acknowledged.update(numbers)
        reads += polled
        start = max(numbers) + 2  # the unacknowledged write in flight may or may not be there
        stored = {record["n"] for record in _read_whole(path)["log"].values()}
        assert acknowledged <= stored, f"lost acknowledged writes: {sorted(acknowledged - stored)[:5]}"
        assert Store(path).records("log")  # and TinyDB loads it
    assert len(acknowledged) > 50 and reads > 200, (len(acknowledged), reads)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1  # only the last kill's, if it struck between writing and renaming


def test_two_processes_appending_at_once_lose_nothing(tmp_path: Path) -> None:
    # Must catch a missing flock in Store.writing: both processes then read the same file and
    # the later write drops the other's record (or reuses its id, or removes its temporary file).
    path = tmp_path / "db.json"
    writers = {name: _start_writer("race", str(path), name, str(RACE_APPENDS)) for name in ("a", "b")}
    try:
        for child in writers.values():
            assert child.stdout is not None and child.stdout.readline() == "ready\n"
        for child in writers.values():
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        ended = {name: child.communicate(timeout=120) for name, child in writers.items()}
    finally:
        for child in writers.values():
            child.kill()
    for name, child in writers.items():
        assert child.returncode == 0, f"writer {name} failed: {ended[name][1][-600:]}"
    records = sorted((record["writer"], record["n"]) for record in Store(path).records("log"))
    expected = sorted((name, number) for name in writers for number in range(RACE_APPENDS))
    assert len(records) == len(expected) and records == expected, f"{len(records)} of {len(expected)} records kept"
