"""`tiltakstrapp stats`: what the counts say, per municipality, as plain text."""

import collections
import datetime
from collections.abc import Iterator

from server.catalogue import Catalogue
from server.datadir import DataDir
from server.usage.counts import SEARCHES, SEARCHES_EMPTY, USEFUL_NO, USEFUL_YES, VIEWS, read_days

SHOWN = 5


def report(data: DataDir, catalogue: Catalogue, days: int, today: datetime.date | None = None) -> Iterator[str]:
    """Lines: per municipality the most and least viewed measures (those never viewed too),
    searches and how many found nothing, and «nyttig» ja/nei."""
    totals: collections.Counter[tuple[str, str]] = collections.Counter()
    for _, pages in read_days(data, days, today):
        for page, events in pages.items():
            for event, number in events.items():
                totals[(page, event)] += int(number)
    yield f"Brukstall for de siste {days} dagene (bare tall: ingen søkeord, ingen personer)."
    for slug, index in catalogue.municipalities.items():
        views = {measure: totals[(f"/{slug}/tiltak/{measure}", VIEWS)] for measure in index.measures}
        ranked = sorted(views.items(), key=lambda item: (-item[1], item[0]))
        searches, empty = totals[(f"/{slug}/sok", SEARCHES)], totals[(f"/{slug}/sok", SEARCHES_EMPTY)]
        yes = sum(n for (page, event), n in totals.items() if page.startswith(f"/{slug}/") and event == USEFUL_YES)
        no = sum(n for (page, event), n in totals.items() if page.startswith(f"/{slug}/") and event == USEFUL_NO)
        yield ""
        yield f"{index.municipality.name}: {sum(views.values())} visninger av tiltak, {searches} søk"
        if searches:
            yield f"  Søk uten treff: {empty} ({round(100 * empty / searches)} %)"
        yield f"  «Var siden nyttig?» ja: {yes}, nei: {no}"
        yield "  Mest vist:"
        for measure, number in ranked[:SHOWN]:
            yield f"    {number:6d}  {index.measures[measure].measure.title} (/{slug}/tiltak/{measure})"
        yield "  Minst vist:"
        for measure, number in ranked[::-1][:SHOWN]:
            yield f"    {number:6d}  {index.measures[measure].measure.title} (/{slug}/tiltak/{measure})"
