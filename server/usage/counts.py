"""Counters in memory, written to the data folder in batches.

A request adds one to a counter in memory: no write per request, so counting costs the served
pages next to nothing (tests/bench/serve.py measures it on and off). At most once a minute, and
when the server stops, the counters are added to one small file per day, `bruk/<dag>.json`
(`{page: {event: number}}`), replaced atomically under the data folder's lock, so several server
processes add up instead of overwriting each other.
"""

import asyncio
import collections
import contextlib
import datetime
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from server.datadir import DataDir
from server.store import AtomicJSONStorage

logger = logging.getLogger("tiltakstrapp")

FOLDER = "bruk"
FLUSH_EVERY = 60.0
VIEWS = "views"
USEFUL_YES = "useful_yes"
USEFUL_NO = "useful_no"
SEARCHES = "searches"
SEARCHES_EMPTY = "searches_empty"
EVENTS = (VIEWS, USEFUL_YES, USEFUL_NO, SEARCHES, SEARCHES_EMPTY)

Key = tuple[str, str, str]  # (day, page, event)


class Usage:
    """The counters of one server process."""

    def __init__(self, data: DataDir, enabled: bool = True) -> None:
        self.data = data
        self.enabled = enabled
        self._counts: collections.Counter[Key] = collections.Counter()
        self._day = ""
        self._day_until = 0.0

    def add(self, page: str, event: str) -> None:
        if self.enabled:
            self._counts[(self._today(), page, event)] += 1

    def _today(self) -> str:
        """Today's date, looked up at most once a second (a count is on the path of every page)."""
        now = time.monotonic()
        if now >= self._day_until:
            self._day, self._day_until = datetime.date.today().isoformat(), now + 1.0
        return self._day

    def pending(self) -> int:
        """How many counts wait for the next write."""
        return sum(self._counts.values())

    def flush(self) -> int:
        """Add the counts so far to the files of their days; return how many were written. On a
        failure the counts stay in memory for the next try."""
        counts, self._counts = self._counts, collections.Counter()
        if not counts:
            return 0
        try:
            with self.data.transaction():
                for day, rows in _by_day(counts).items():
                    storage = AtomicJSONStorage(self.data.path / FOLDER / f"{day}.json")
                    stored: dict[str, Any] = storage.read() or {}
                    for (page, event), number in rows.items():
                        events = stored.setdefault(page, {})
                        events[event] = int(events.get(event, 0)) + number
                    storage.write(stored)
        except OSError:
            self._counts.update(counts)
            logger.warning("Fikk ikke skrevet brukstallene; prøver igjen om et minutt.", exc_info=True)
            return 0
        return sum(counts.values())

    async def flush_every_minute(self) -> None:
        """Run until cancelled: write the counts once a minute (in a thread: the loop keeps serving)."""
        while True:
            await asyncio.sleep(FLUSH_EVERY)
            await asyncio.to_thread(self.flush)


def _by_day(counts: collections.Counter[Key]) -> dict[str, dict[tuple[str, str], int]]:
    days: dict[str, dict[tuple[str, str], int]] = {}
    for (day, page, event), number in counts.items():
        days.setdefault(day, {})[(page, event)] = number
    return days


def read_days(data: DataDir, days: int, today: datetime.date | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """The stored counts of the last `days` days, oldest first: (day, {page: {event: n}})."""
    today = today or datetime.date.today()
    for back in range(days - 1, -1, -1):
        day = (today - datetime.timedelta(days=back)).isoformat()
        path: Path = data.path / FOLDER / f"{day}.json"
        with contextlib.suppress(FileNotFoundError, ValueError):
            yield day, AtomicJSONStorage(path).read() or {}
