"""Reports from the public: cleaned of personal details, appended durably, marked done.

One JSON line per report in `tilbakemeldinger.jsonl` in the data folder, written with O_APPEND
and fsync before the person is thanked, so a report that was acknowledged survives a crash; a
line cut short by a crash is skipped when read (server/datadir.py). Marking a report done appends
a line too: nothing is ever rewritten, so a burst of reports never waits for a large file.
"""

import datetime
import re
import secrets
from enum import StrEnum

import msgspec

from server.datadir import DataDir, append_line, read_lines
from server.i18n.interface import N_

FILE = "tilbakemeldinger.jsonl"
MAX_TEXT = 1000
REMOVED = "[fjernet]"


class Reason(StrEnum):
    OUTDATED = "utdatert"
    MISSING = "mangler-noe"
    GONE = "finnes-ikke"
    UNCLEAR = "vanskelig"
    OTHER = "annet"


REASON_LABELS = {
    Reason.OUTDATED: N_("Noe er utdatert"),
    Reason.MISSING: N_("Det mangler noe"),
    Reason.GONE: N_("Tilbudet finnes ikke lenger"),
    Reason.UNCLEAR: N_("Det er vanskelig å forstå"),
    Reason.OTHER: N_("Annet"),
}

# What could name or reach a person: an e-mail address; a fødselsnummer (11 digits, often
# written 6 + 5); a phone number (8 digits in Norway, in groups, with or without +47 / 0047, and
# longer foreign numbers). Digits in runs of 8 or more, however they are grouped, go.
_EMAIL = re.compile(r"[^\s@<>()\[\],;:\"']+\s*(?:@|\(at\)|\[at\])\s*[^\s@<>()\[\],;:\"']+\.[a-zæøå]{2,}", re.I)
_NUMBER = re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\s.\-/]?\d){7,}(?![\w])")
# A date is not a number that reaches anyone: «12.03.2025» and «2025-03-12» stay.
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}")


def scrub(text: str) -> str:
    """The text without e-mail addresses, phone numbers and fødselsnummer."""
    without_email = _EMAIL.sub(REMOVED, text)
    return _NUMBER.sub(lambda match: match[0] if _DATE.fullmatch(match[0]) else REMOVED, without_email)


class Report(msgspec.Struct, frozen=True, kw_only=True):
    """One report: the page, when (to the minute), why, and the cleaned text. No address, no
    user agent, no identifier of the person."""

    id: str
    municipality: str
    page: str
    at: str
    reason: Reason
    text: str
    done: bool = False


def add(data: DataDir, municipality: str, page: str, reason: Reason, text: str) -> Report:
    """Store a report durably (it is on disk when this returns)."""
    at = datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0)
    report = Report(
        id=secrets.token_hex(4),
        municipality=municipality,
        page=page,
        at=at.isoformat(timespec="minutes"),
        reason=reason,
        text=scrub(text.replace("\r\n", "\n").strip()[:MAX_TEXT]),
    )
    append_line(data.path / FILE, {k: v for k, v in msgspec.to_builtins(report).items() if k != "done"})
    return report


def mark_done(data: DataDir, report_id: str) -> bool:
    """Mark a report done; False when there is no open report with that id."""
    if not any(report.id == report_id and not report.done for report in reports(data)):
        return False
    append_line(data.path / FILE, {"done_id": report_id})
    return True


def reports(data: DataDir, municipality: str | None = None, include_done: bool = False) -> list[Report]:
    """The reports, newest first; for one municipality if given; open ones unless told."""
    found: dict[str, Report] = {}
    done: set[str] = set()
    for record in read_lines(data.path / FILE):
        if "done_id" in record:
            done.add(str(record["done_id"]))
            continue
        try:
            report = msgspec.convert(record, Report)
        except msgspec.ValidationError:
            continue  # a line from another version of the file: skipped, never a crash
        found[report.id] = report
    listed = [msgspec.structs.replace(report, done=report.id in done) for report in found.values()]
    return sorted(
        (
            report
            for report in listed
            if (municipality is None or report.municipality == municipality) and (include_done or not report.done)
        ),
        key=lambda report: report.at,
        reverse=True,
    )
