"""A child process for the store tests, in one of two modes.

`crash PATH START`: append records forever and print each number once it is on disk; the test
kills it with SIGKILL at a random moment.

`race PATH NAME COUNT`: wait for a line on stdin, then append COUNT records as fast as it can,
while another child does the same. Each append opens the store afresh, so only the lock keeps
the two apart (a Store kept open caches TinyDB's next id, a separate problem), and every read
of the file pauses a moment, so that without the lock two writers overlap almost every time.
"""

import sys
import time
from pathlib import Path
from typing import Any

from server.store import AtomicJSONStorage, Store

# The pause between reading the file and writing it back, inside the critical section.
RACE_PAUSE = 0.001


def crash(path: Path, start: int) -> None:
    store = Store(path)
    for number in range(start, start + 100_000):
        store.append("log", {"n": number})
        print(number, flush=True)  # acknowledged: append returned, so the write is durable


def race(path: Path, name: str, count: int) -> None:
    read = AtomicJSONStorage.read

    def slow_read(self: AtomicJSONStorage) -> dict[str, dict[str, Any]] | None:
        data = read(self)
        time.sleep(RACE_PAUSE)
        return data

    AtomicJSONStorage.read = slow_read  # type: ignore[method-assign]
    print("ready", flush=True)
    sys.stdin.readline()  # start together with the other writer
    for number in range(count):
        store = Store(path)
        store.append("log", {"writer": name, "n": number})
        store.close()


def main() -> None:
    mode, path = sys.argv[1], Path(sys.argv[2])
    if mode == "crash":
        crash(path, int(sys.argv[3]))
    else:
        race(path, sys.argv[3], int(sys.argv[4]))


if __name__ == "__main__":
    main()
