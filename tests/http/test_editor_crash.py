"""Crash safety, black-box (issue 15): a real `tiltakstrapp serve`, editors saving drafts and
publishers publishing at once, SIGKILLed in the middle of it, twenty times. Every save the
server acknowledged is still there afterwards, nothing else changed, and every store file is
whole."""

import os
import random
import signal
import threading
import time
from pathlib import Path

import msgspec

from server.datadir import DataDir
from server.editor import workflow
from server.editor.items import ItemKey, read_item
from tests import server_process
from tests.editor_helpers import LiveStaff, bundled_store, make_account

ROUNDS = 20
MEASURES = ("bibliotek", "kulturskole", "kulturhus", "fritidsaktiviteter")


def _marker(data: DataDir, slug: str) -> int:
    """The highest save number found for a measure, in its draft or in what is published."""
    key = ItemKey("elverum", "tiltak", slug)
    found = []
    draft = workflow.draft_of(data, key)
    if draft is not None and draft.data is not None:
        found.append(draft.data.get("cost", ""))
    published = read_item(data.main.content(), key)  # type: ignore[arg-type]
    found.append((published or {}).get("cost", ""))
    numbers = [int(text.rsplit(" ", 1)[1]) for text in found if text.startswith("Lagring nr ")]
    return max(numbers, default=-1)


def _storm(base: str, email: str, slug: str, acknowledged: dict[str, int], stop: threading.Event) -> None:
    try:
        staff = LiveStaff(base, email)
    except Exception:  # the server was killed before this one logged in
        return
    number = acknowledged.get(slug, -1) + 1
    while not stop.is_set():
        try:
            answer = staff.edit(f"/redaksjon/elverum/rediger/tiltak/{slug}", {"cost": f"Lagring nr {number}"})
        except Exception:
            return  # the server is gone: what it did not answer was never acknowledged
        if answer.status_code == 303:
            acknowledged[slug] = number
        number += 1


def _publish(base: str, stop: threading.Event, published: list[str]) -> None:
    try:
        staff = LiveStaff(base, "publiserer@elverum.no")
    except Exception:
        return
    while not stop.is_set():
        for slug in MEASURES:
            try:
                answer = staff.publish("elverum", "tiltak", slug)
            except Exception:
                return
            if answer is not None and answer.status_code == 303:
                published.append(slug)


def test_every_acknowledged_save_survives_a_sigkill_in_the_middle_of_a_storm(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data = bundled_store(data_dir)
    original = data.main.content()
    assert original is not None
    for number, _slug in enumerate(MEASURES):
        make_account(data, f"redaktor{number}@elverum.no", "elverum", "editor")
    make_account(data, "publiserer@elverum.no", "elverum", "publisher")
    acknowledged: dict[str, int] = {}
    chance = random.Random(15)
    published: list[str] = []
    for _ in range(ROUNDS):
        # The editor alone, as on a small editor server (the public site is the export): no
        # pre-rendering at start competing with the storm for the two cores.
        process, base = server_process.start(data_dir, extra_env={"TILTAKSTRAPP_PRERENDER": "0"})
        stop = threading.Event()
        workers = [
            threading.Thread(target=_storm, args=(base, f"redaktor{n}@elverum.no", slug, acknowledged, stop))
            for n, slug in enumerate(MEASURES)
        ]
        workers.append(threading.Thread(target=_publish, args=(base, stop, published)))
        for worker in workers:
            worker.start()
        time.sleep(chance.uniform(1.5, 3.0))
        os.killpg(process.pid, signal.SIGKILL)  # mid-storm: no shutdown, no flush
        process.wait()
        stop.set()
        for worker in workers:
            worker.join()
        server_process.stop(process)
        # Every file reads back whole, and every acknowledged save is there (or a later one).
        content = data.main.content()
        assert content is not None
        for slug, number in acknowledged.items():
            assert _marker(data, slug) >= number, f"{slug}: save {number} was acknowledged but is gone"
        for name in os.listdir(data_dir):
            if name.endswith(".json"):
                assert msgspec.json.decode((data_dir / name).read_bytes()), name
        assert data.audit_log()  # the log reads, a torn last line left out
    print(f"acknowledged saves: {acknowledged}; publishes: {len(published)}")
    assert sum(acknowledged.values()) > ROUNDS, "the storm saved almost nothing: the test proved little"
    assert published, "nothing was published during the storms"
    # Nothing but the four measures changed.
    content = data.main.content()
    assert content is not None
    before, after = msgspec.to_builtins(original), msgspec.to_builtins(content)
    for municipality_before, municipality_after in zip(before["municipalities"], after["municipalities"], strict=True):
        if municipality_before["slug"] != "elverum":
            assert municipality_before == municipality_after
    elverum = next(m for m in content.municipalities if m.slug == "elverum")
    untouched = [
        measure
        for step in elverum.steps
        for group in step.groups
        for measure in group.measures
        if measure.slug not in MEASURES
    ]
    original_elverum = next(m for m in original.municipalities if m.slug == "elverum")
    originals = {
        measure.slug: measure for step in original_elverum.steps for group in step.groups for measure in group.measures
    }
    assert all(measure == originals[measure.slug] for measure in untouched)
