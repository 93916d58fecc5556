"""The editor at scale: 10 municipalities × 200 measures × 50 published versions each (issue 15).

Run: .venv/bin/python -m tests.bench.editor [--municipalities 10] [--measures 200] [--versions 50]
Builds that store from the bundled content (Elverum's ladder copied and padded), starts a real
`tiltakstrapp serve` on it and prints: the store's size, the start-up time (until a page
answers), the draft save time (p50, p95 over 40 saves through HTTP, CSRF and all), and the time
to publish one municipality's change (until the publisher's answer, when every page, search index
and offline pack of the new content is rendered). Targets: save p95 ≤ 50 ms, publish ≤ 3 s,
start-up ≤ 5 s.
"""

import argparse
import json
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

import msgspec

from server.content.loader import BUNDLED_CONTENT, load_content
from server.content.model import Content, Group, Municipality, SituationPlace
from server.datadir import DataDir
from tests import server_process
from tests.editor_helpers import LiveStaff, make_account


def padded(municipality: Municipality, slug: str, name: str, size: int) -> Municipality:
    """A copy of a municipality under a new name, with `size` measures (copies get new slugs)."""
    measures = [m for step in municipality.steps for group in step.groups for m in group.measures]
    extra = size - len(measures)
    steps = []
    for number, step in enumerate(municipality.steps):
        groups = list(step.groups)
        if number == 0 and extra > 0:
            copies = [
                msgspec.structs.replace(
                    measures[i % len(measures)],
                    slug=f"{measures[i % len(measures)].slug}-kopi-{i}",
                    previous_slugs=[],
                    service=None,
                )
                for i in range(extra)
            ]
            groups.append(Group(name="Flere tilbud", measures=copies))
        steps.append(msgspec.structs.replace(step, groups=groups))
    return msgspec.structs.replace(municipality, slug=slug, name=name, steps=steps, retired=[])


def build(content: Content, count: int, size: int) -> Content:
    elverum = next(m for m in content.municipalities if m.slug == "elverum")
    municipalities = [padded(elverum, f"kommune-{n:02d}", f"Kommune {n}", size) for n in range(1, count + 1)]
    situations = [
        msgspec.structs.replace(
            situation,
            municipalities={
                m.slug: situation.municipalities.get("elverum", SituationPlace(none_fit="Spør kommunen."))
                for m in municipalities
            },
        )
        for situation in content.situations
    ]
    return msgspec.structs.replace(content, municipalities=municipalities, situations=situations)


def histories(data: DataDir, content: Content, versions: int) -> None:
    """`versions` published versions of every measure, written as the editor writes them."""
    for municipality in content.municipalities:
        lines = []
        for step in municipality.steps:
            for group in step.groups:
                for measure in group.measures:
                    item = f"{municipality.slug}/tiltak/{measure.slug}"
                    document = {**msgspec.to_builtins(measure), "step": step.number, "group": group.name}
                    for number in range(1, versions + 1):
                        record = {
                            "key": f"{item}#{number}",
                            "item": item,
                            "number": number,
                            "data": document,
                            "author": "redaktor@kommune.no",
                            "at": "2026-01-01T10:00:00+00:00",
                            "comment": "publisert av publiserer@kommune.no",
                            "changes": ["description"],
                            "revision": 1,
                        }
                        lines.append(json.dumps(record, ensure_ascii=False))
        data.history(municipality.slug).path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--municipalities", type=int, default=10)
    parser.add_argument("--measures", type=int, default=200)
    parser.add_argument("--versions", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        data_dir = Path(temporary) / "data"
        data = DataDir(data_dir)
        content = build(load_content(BUNDLED_CONTENT), args.municipalities, args.measures)
        data.main.import_content(content, "benchmark", revision=1, edited=["kommune-01/kommune"])
        histories(data, content, args.versions)
        make_account(data, "redaktor@kommune.no", "kommune-01", "editor")
        make_account(data, "publiserer@kommune.no", "kommune-01", "publisher")
        size = sum(path.stat().st_size for path in data_dir.iterdir() if path.is_file())
        measures = sum(len(g.measures) for m in content.municipalities for s in m.steps for g in s.groups)
        print(
            f"store: {args.municipalities} municipalities, {measures} measures, {measures * args.versions} versions, "
            f"{size / 1e6:.1f} MB in {len(list(data_dir.iterdir()))} files"
        )
        started = time.perf_counter()
        process, base = server_process.start(data_dir)
        print(f"start-up until a page answers: {time.perf_counter() - started:.2f} s (target ≤ 5 s)")
        try:
            while not json.loads(urllib.request.urlopen(base + "/healthz").read())["prerendered"]:
                time.sleep(0.5)
            print(f"every page pre-rendered after {time.perf_counter() - started:.1f} s (in the background)")
            editor = LiveStaff(base, "redaktor@kommune.no")
            slug = content.municipalities[0].steps[0].groups[0].measures[0].slug
            path = f"/redaksjon/kommune-01/rediger/tiltak/{slug}"
            times = []
            for number in range(40):
                page = editor.client.get(path).text
                begin = time.perf_counter()
                answer = editor.post_form(path, page, {"cost": f"Pris nr {number}"})
                times.append((time.perf_counter() - begin) * 1000)
                assert answer.status_code == 303, answer.text[:300]
            ordered = sorted(times)
            p95 = ordered[int(len(ordered) * 0.95) - 1]
            print(f"draft save: p50 {statistics.median(ordered):.1f} ms, p95 {p95:.1f} ms (target p95 ≤ 50 ms)")
            publisher = LiveStaff(base, "publiserer@kommune.no")
            begin = time.perf_counter()
            answer = publisher.publish("kommune-01", "tiltak", slug)
            seconds = time.perf_counter() - begin
            assert answer is not None and answer.status_code == 303, getattr(answer, "text", "")[:300]
            print(f"publish one municipality's change, until every page is rendered: {seconds:.2f} s (target ≤ 3 s)")
        finally:
            output = server_process.stop(process)
        rendered = [line for line in output.splitlines() if "Forhåndslaget" in line]
        print("server:", rendered[-1] if rendered else "(no pre-render finished)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
