"""Publishing: import the bundled content into the store when it changed, build the catalogue."""

from server.catalogue import Catalogue
from server.content.loader import content_hash, load_content
from server.settings import Settings
from server.store import Store, open_store


def import_content(settings: Settings, store: Store) -> str:
    """Validate the content folder and import it; raise ContentError on any problem."""
    version = content_hash(settings.content_dir)
    content = load_content(settings.content_dir)
    store.import_content(content, version)
    return version


def ensure_imported(settings: Settings) -> bool:
    """Import the content when the store is empty or the content changed. True if it imported."""
    store = open_store(settings.data_dir)
    try:
        if store.content_hash() == content_hash(settings.content_dir):
            return False
        import_content(settings, store)
        return True
    finally:
        store.close()


def load_catalogue(settings: Settings) -> Catalogue:
    """Build the in-memory catalogue from the store, importing first if needed."""
    ensure_imported(settings)
    store = open_store(settings.data_dir)
    try:
        content = store.content()
        version = store.content_hash()
    finally:
        store.close()
    if content is None or version is None:
        raise RuntimeError(f"the store in {settings.data_dir} has no content after import")
    return Catalogue.build(content, version)
