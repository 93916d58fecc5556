"""The store is the source of truth: the bundle fills an empty store, editors' publishes live in
the store, and each server process builds its catalogue from what is published there.

`ensure_imported` runs when the server starts. It imports the bundled `content/` into an empty
store, and again when the bundle changed — unless editors have published changes since the last
import (then it keeps them: `tiltakstrapp import --replace` overwrites them on purpose), and
unless the bundle is broken (then the last good content in the store goes on being served, with
every problem printed; `serve --strict` refuses instead).
"""

import datetime
from dataclasses import dataclass, field

from server.catalogue import Catalogue, content_version
from server.content.loader import content_hash, load_content
from server.content.problems import ContentError, Problem
from server.datadir import DataDir
from server.settings import Settings


class EditsWouldBeLost(Exception):
    """Importing would overwrite what editors published; carries what would be lost."""

    def __init__(self, edited: list[str]) -> None:
        super().__init__(f"{len(edited)} endringer fra redaksjonen ville gått tapt")
        self.edited = edited


@dataclass(frozen=True)
class Outcome:
    """What happened to the bundle at start-up."""

    imported: bool = False
    kept_edits: list[str] = field(default_factory=list)  # the bundle changed, but editors' changes win
    problems: list[Problem] = field(default_factory=list)  # the bundle is broken; the store's content is served


def import_bundle(settings: Settings, data: DataDir, replace: bool = False, by: str = "tiltakstrapp import") -> str:
    """Validate the content folder and import it; raise ContentError on any problem, and
    EditsWouldBeLost when editors published changes since the last import (unless `replace`)."""
    bundle = content_hash(settings.content_dir)
    content = load_content(settings.content_dir)
    with data.transaction():
        meta = data.main.meta()
        edited = list(meta.get("edited", []))
        if edited and not replace:
            raise EditsWouldBeLost(edited)
        revision = int(meta.get("revision", 0)) + 1
        now = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        data.main.import_content(content, bundle, revision=revision, edited=[], imported_at=now, published_at=now)
    data.audit(
        "importert", by, detail=f"innhold {bundle[:12]}" + (f", erstattet {len(edited)} endringer" if edited else "")
    )
    return bundle


def ensure_imported(settings: Settings, strict: bool = False) -> Outcome:
    """Import the bundle when the store is empty or the bundle changed and nothing was edited."""
    data = DataDir(settings.data_dir)
    meta = data.main.meta()
    if meta and meta.get("content_hash") == content_hash(settings.content_dir):
        return Outcome()
    if meta.get("edited"):
        return Outcome(kept_edits=list(meta["edited"]))
    try:
        import_bundle(settings, data, by="tiltakstrapp serve")
    except ContentError as error:
        if strict or data.main.content() is None:
            raise
        return Outcome(problems=error.problems)
    return Outcome(imported=True)


def load_catalogue(settings: Settings) -> Catalogue:
    """Build the in-memory catalogue from the store, importing first if needed."""
    ensure_imported(settings)
    return catalogue_from_store(DataDir(settings.data_dir))


def catalogue_from_store(data: DataDir) -> Catalogue:
    """The catalogue of what is published in the store now."""
    content = data.main.content()
    if content is None:
        raise RuntimeError(f"the store in {data.path} has no content after import")
    catalogue = Catalogue.build(content, content_version(content))
    catalogue.cache["revision"] = int(data.main.meta().get("revision", 0))
    return catalogue
