"""A child process for the crash test: append records forever, print each id once it is on disk."""

import sys
from pathlib import Path

from server.store import Store


def main() -> None:
    store = Store(Path(sys.argv[1]))
    start = int(sys.argv[2])
    for number in range(start, start + 100_000):
        store.append("log", {"n": number, "text": "x" * (number % 50)})
        print(number, flush=True)  # acknowledged: append returned, so the write is durable


if __name__ == "__main__":
    main()
