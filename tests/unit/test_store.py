import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from server.content.loader import content_hash, load_content
from server.store import AtomicJSONStorage, Store

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("store_writer.py")


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


def _run_writer_and_kill(path: Path, start: int, rng: random.Random) -> list[int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(WRITER), str(path), str(start)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    acknowledged: list[int] = []
    first = child.stdout.readline()  # wait until it is writing, then kill it at a random moment
    acknowledged.append(int(first))
    deadline = time.monotonic() + rng.uniform(0.0, 0.15)
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if line:
            acknowledged.append(int(line))
    child.send_signal(signal.SIGKILL)
    rest, _ = child.communicate()
    acknowledged.extend(int(line) for line in rest.split())
    return acknowledged


def test_sigkilled_writers_never_corrupt_the_file_or_lose_an_acknowledged_write(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    rng = random.Random(2026)
    acknowledged: set[int] = set()
    start = 0
    for _round in range(25):
        numbers = _run_writer_and_kill(path, start, rng)
        acknowledged.update(numbers)
        start = max(numbers) + 2  # the unacknowledged write in flight may or may not be there
        data = json.loads(path.read_bytes())  # always a whole, valid JSON document
        stored = {record["n"] for record in data["log"].values()}
        assert acknowledged <= stored, f"lost acknowledged writes: {sorted(acknowledged - stored)[:5]}"
        assert Store(path).records("log")  # and TinyDB loads it
    assert len(acknowledged) > 50
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1  # only the last kill's, if it struck between writing and renaming
