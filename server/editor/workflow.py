"""Drafts, review, publishing and history: nothing is ever silently overwritten.

A save is a draft of one item. Each item has a published version number (0: as imported from
the bundle) and its draft a revision; a form carries both as its `grunnlag`, and a save or a
publish whose grunnlag is no longer current is a conflict, shown with what the other person
changed (optimistic locking). Publishing writes the new content, a version in the item's
history and an audit event inside the data folder's lock; the published content's revision
goes up by one, which every server process notices and rebuilds its pages from.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from server.content.model import Content
from server.datadir import DataDir
from server.editor.accounts import Account
from server.editor.items import SHARED, ItemKey, read_item, write_item
from server.editor.validation import Verdict, check_content

DRAFTS = "drafts"


class WorkflowError(ValueError):
    """A step the person may not take, in plain Norwegian."""


@dataclass(frozen=True)
class Draft:
    key: str
    data: dict[str, Any] | None  # None: the measure is to be taken away
    revision: int
    base: int  # the published version the draft started from
    status: str  # "utkast" or "avvist"
    authors: tuple[str, ...]
    updated_by: str
    updated_at: str
    comment: str = ""

    @property
    def grunnlag(self) -> str:
        return f"{self.base}:{self.revision}"


@dataclass(frozen=True)
class Version:
    item: str
    number: int
    data: dict[str, Any] | None
    author: str
    at: str
    comment: str
    changes: tuple[str, ...]
    revision: int


@dataclass(frozen=True)
class Conflict:
    """Someone else saved or published the item after the form was opened."""

    by: str
    at: str
    theirs: dict[str, Any] | None


def now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def history_scope(key: ItemKey) -> str:
    return SHARED if key.scope == SHARED else key.scope


def published_content(data: DataDir) -> Content:
    content = data.main.content()
    if content is None:
        raise WorkflowError("Det er ikke noe innhold i databasen ennå.")
    return content


def versions(data: DataDir, key: ItemKey) -> list[Version]:
    """Every published version of an item, oldest first; none newer than the published content
    (a version written just before a crash, whose content never landed, is left out)."""
    revision = int(data.main.meta().get("revision", 0))
    found = [
        Version(
            r["item"], r["number"], r["data"], r["author"], r["at"], r["comment"], tuple(r["changes"]), r["revision"]
        )
        for r in data.history(history_scope(key)).records()
        if r["item"] == str(key) and r["revision"] <= revision
    ]
    return sorted(found, key=lambda version: version.number)


def published_number(data: DataDir, key: ItemKey) -> int:
    found = versions(data, key)
    return found[-1].number if found else 0


def draft_of(data: DataDir, key: ItemKey) -> Draft | None:
    record = data.editorial.keyed(DRAFTS).get(str(key))
    if record is None:
        return None
    return Draft(**{**record, "authors": tuple(record["authors"])})


def drafts_in(data: DataDir, scope: str) -> list[Draft]:
    found = [draft_of(data, ItemKey.parse(key)) for key in data.editorial.keyed(DRAFTS)]
    return [d for d in found if d is not None and ItemKey.parse(d.key).scope == scope]


def current_grunnlag(data: DataDir, key: ItemKey) -> str:
    draft = draft_of(data, key)
    return draft.grunnlag if draft else f"{published_number(data, key)}:0"


def grunnlag_map(data: DataDir, scope: str) -> dict[str, str]:
    """Every item's grunnlag in a scope at once (two file reads, not two per item)."""
    revision = int(data.main.meta().get("revision", 0))
    numbers: dict[str, int] = {}
    for record in data.history(scope).records():
        if record["revision"] <= revision:
            numbers[record["item"]] = max(numbers.get(record["item"], 0), record["number"])
    tokens = {item: f"{number}:0" for item, number in numbers.items()}
    tokens.update({draft.key: draft.grunnlag for draft in drafts_in(data, scope)})
    return tokens


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[str, ...]:
    """The names of the fields that differ, in the order of the item."""
    if before is None or after is None:
        return ("alt",) if before != after else ()
    names = list(after) + [name for name in before if name not in after]
    return tuple(name for name in names if before.get(name) != after.get(name))


def _conflict(data: DataDir, key: ItemKey, grunnlag: str) -> Conflict | None:
    if grunnlag == current_grunnlag(data, key):
        return None
    draft = draft_of(data, key)
    if draft is not None:
        return Conflict(draft.updated_by, draft.updated_at, draft.data)
    last = versions(data, key)
    return Conflict(last[-1].author if last else "", last[-1].at if last else "", last[-1].data if last else None)


def save_draft(
    data: DataDir, user: Account, key: ItemKey, item: dict[str, Any] | None, grunnlag: str, verdict: Verdict
) -> Draft | Conflict:
    """Keep a draft, unless someone else changed the item since the form was opened."""
    if verdict.errors:
        raise WorkflowError("Utkastet har feil som må rettes først.")
    with data.transaction():
        conflict = _conflict(data, key, grunnlag)
        if conflict is not None:
            return conflict
        old = draft_of(data, key)
        authors = tuple(dict.fromkeys([*(old.authors if old else ()), user.email]))
        draft = Draft(
            key=str(key),
            data=item,
            revision=(old.revision if old else 0) + 1,
            base=old.base if old else published_number(data, key),
            status="utkast",
            authors=authors,
            updated_by=user.email,
            updated_at=now(),
        )
        data.editorial.put(DRAFTS, {**draft.__dict__, "authors": list(authors)})
    action = "utkast: ta bort" if item is None else "utkast lagret"
    data.audit(action, user.email, item=str(key), municipality=key.scope, detail=f"revisjon {draft.revision}")
    return draft


def may_publish(user: Account, draft: Draft, self_publish: bool) -> str:
    """Why the user may not publish this draft ("" when they may)."""
    if not user.can("publisher"):
        return "Du har ikke rett til å publisere. En som publiserer, må se gjennom utkastet."
    if user.email in draft.authors and not self_publish:
        return "Du kan ikke publisere ditt eget utkast. En kollega må se gjennom det."
    return ""


def publish(
    data: DataDir, user: Account, key: ItemKey, grunnlag: str, self_publish: bool, today: datetime.date
) -> Content:
    """Publish the item's draft: the new content, a history version and an audit event, all
    under the data folder's lock. Raises WorkflowError with the problems if it is not valid."""
    with data.transaction():
        draft = draft_of(data, key)
        if draft is None:
            raise WorkflowError("Det er ikke noe utkast å publisere.")
        reason = may_publish(user, draft, self_publish)
        if reason:
            raise WorkflowError(reason)
        if grunnlag != draft.grunnlag or draft.base != published_number(data, key):
            raise WorkflowError("Utkastet er endret mens du så på det. Se gjennom det på nytt.")
        content = published_content(data)
        before = read_item(content, key)
        new = write_item(content, key, draft.data, today)
        verdict = check_content(new)
        if verdict.errors:
            raise WorkflowError(" ".join(message for messages in verdict.errors.values() for message in messages))
        revision = int(data.main.meta().get("revision", 0)) + 1
        number = published_number(data, key) + 1
        changes = changed_fields(before, draft.data)
        history = data.history(history_scope(key))
        if number == 1 and before is not None:
            # The first change of an item keeps what it was before, as version 0, so even the
            # content as imported can be viewed and restored.
            first = {
                "key": f"{key}#0",
                "item": str(key),
                "number": 0,
                "data": before,
                "author": "import",
                "at": str(data.main.meta().get("imported_at", "")),
                "comment": "slik det var ved import",
                "changes": [],
                "revision": revision,
            }
            history.append(first)
        record = {
            "key": f"{key}#{number}",
            "item": str(key),
            "number": number,
            "data": draft.data,
            "author": ", ".join(draft.authors),
            "at": now(),
            "comment": f"publisert av {user.email}",
            "changes": list(changes),
            "revision": revision,
        }
        history.append(record)
        _write_published(data, new, key)
        data.editorial.remove(DRAFTS, str(key))
    data.audit("publisert", user.email, item=str(key), municipality=key.scope, detail=", ".join(changes))
    return new


def _write_published(data: DataDir, new: Content, key: ItemKey) -> int:
    """Write new published content (the caller holds the lock); return its revision."""
    meta = data.main.meta()
    revision = int(meta.get("revision", 0)) + 1
    edited = sorted({*meta.get("edited", []), str(key)})
    data.main.import_content(
        new, str(meta.get("content_hash", "")), revision=revision, edited=edited, published_at=now()
    )
    return revision


def set_self_publish(data: DataDir, user: Account, scope: str, allow: bool, today: datetime.date) -> None:
    """The municipality's setting: may an editor publish their own draft? Takes effect at once
    (it is not content a family reads) and goes in the audit log."""
    key = ItemKey(scope, "kommune")
    with data.transaction():
        content = published_content(data)
        item = read_item(content, key)
        if item is None:
            raise WorkflowError("Ukjent kommune.")
        _write_published(data, write_item(content, key, {**item, "allow_self_publish": allow}, today), key)
    detail = f"egen publisering: {'ja' if allow else 'nei'}"
    data.audit("innstilling endret", user.email, item=str(key), municipality=scope, detail=detail)


def reject(data: DataDir, user: Account, key: ItemKey, comment: str) -> None:
    if not user.can("publisher"):
        raise WorkflowError("Du har ikke rett til å avvise utkast.")
    with data.transaction():
        draft = draft_of(data, key)
        if draft is None:
            raise WorkflowError("Det er ikke noe utkast å avvise.")
        record = {**draft.__dict__, "authors": list(draft.authors), "status": "avvist", "comment": comment.strip()}
        data.editorial.put(DRAFTS, record)
    data.audit("avvist", user.email, item=str(key), municipality=key.scope, detail=comment.strip()[:500])


def discard(data: DataDir, user: Account, key: ItemKey) -> None:
    with data.transaction():
        data.editorial.remove(DRAFTS, str(key))
    data.audit("utkast forkastet", user.email, item=str(key), municipality=key.scope)
