"""The site's address list: every page and JSON file that exists for the current content.

Used to pre-render and compress everything once per publish, to build each municipality's
offline pack, and to write the static export — one list, so the three always agree.
"""

from collections.abc import Sequence

from server.catalogue import Catalogue, MunicipalityIndex
from server.content.model import Situation
from server.opendata.mapping import hsds_data

SHARED_PAGES = ("/", "/ordliste", "/hjelp", "/om", "/om/skjul-besok", "/offline")
SHARED_JSON = ("/api/v1/municipalities", "/api/v1/glossary", "/api/v1/helplines")
# In every offline copy. Not the list of municipalities: nothing offline reads it, and its
# counts would make every copy change when one municipality adds a measure.
PACKED_JSON = ("/api/v1/glossary", "/api/v1/helplines")
SHARED_FILES = ("/sw.js", "/manifest.webmanifest", "/robots.txt", "/sitemap.xml", "/.well-known/security.txt")


def municipality_pages(index: MunicipalityIndex, situations: Sequence[Situation] = ()) -> list[str]:
    """Every page of one municipality: the ladder, the situations, «bekymret», each step, each
    measure, search and the saved list."""
    slug = index.municipality.slug
    pages = [f"/{slug}", f"/{slug}/sok", f"/{slug}/min-liste", f"/{slug}/hva-gjelder-det", f"/{slug}/bekymret"]
    pages += [f"/{slug}/situasjon/{situation.slug}" for situation in situations]
    pages += [f"/{slug}/trinn/{step.number}" for step in index.municipality.steps]
    pages += [f"/{slug}/tiltak/{measure}" for measure in index.measures]
    return pages


def municipality_json(index: MunicipalityIndex, situations: Sequence[Situation] = ()) -> list[str]:
    """Every JSON file of one municipality."""
    slug = index.municipality.slug
    base = f"/api/v1/municipalities/{slug}"
    return [
        base,
        f"{base}/search-index",
        f"{base}/situations",
        *(f"{base}/situations/{situation.slug}" for situation in situations),
        *(f"{base}/measures/{measure}" for measure in index.measures),
    ]


def municipality_qr_codes(index: MunicipalityIndex) -> list[str]:
    """The QR code of each step and measure page, as its own file (~0.5 KB brotli). Not in
    the offline copy: inline in the pages they would add ~39 KB brotli to Elverum's 69 KB
    pack (measured), and a QR code only helps a phone that has network (see
    web/templates/components/share.html)."""
    return [f"{page}/qr.svg" for page in municipality_pages(index) if "/trinn/" in page or "/tiltak/" in page]


def hsds_paths(catalogue: Catalogue) -> list[str]:
    """Every fixed HSDS address: the root, the first page of each list, each item, and every
    service in one file. Other pages and filtered lists carry a query: answered live only.
    The root is both `/api/hsds/` (as HSDS writes it) and `/api/hsds`: one file in the export
    (`api/hsds/index.json`), so both must be the pre-rendered bytes. Last, the OpenAPI
    document the root names, so it answers from the export as well."""
    data = hsds_data(catalogue)
    base = "/api/hsds"
    return [
        f"{base}/",
        base,
        f"{base}/services",
        *(f"{base}/services/{id_}" for id_ in data.services),
        f"{base}/organizations",
        *(f"{base}/organizations/{id_}" for id_ in data.organizations),
        f"{base}/taxonomies",
        *(f"{base}/taxonomies/{id_}" for id_ in data.taxonomies),
        f"{base}/taxonomy_terms",
        *(f"{base}/taxonomy_terms/{id_}" for id_ in data.terms),
        "/hsds/services.json",
        "/schema/openapi.json",  # the root's `openapi_url`: a file in the export too
    ]


def offline_paths(catalogue: Catalogue, slug: str) -> list[str]:
    """What one municipality's offline copy holds: its pages and JSON, and the shared pages."""
    index = catalogue.municipalities[slug]
    return [
        *SHARED_PAGES,
        *municipality_pages(index, catalogue.content.situations),
        *PACKED_JSON,
        # Not /api/v1/municipalities/{slug}: the saved list reads the search index, which has what
        # it shows (3.6 KB less in Elverum's copy, issue 13's budget).
        f"/api/v1/municipalities/{slug}/search-index",
    ]


def owner(path: str, catalogue: Catalogue) -> str | None:
    """The municipality a page or JSON file belongs to (None: shared, or the site's own)."""
    slugs = catalogue.municipalities
    parts = path.split("/")
    if len(parts) > 1 and parts[1] in slugs:
        return parts[1]
    if path.startswith("/api/v1/municipalities/") and len(parts) > 4 and parts[4] in slugs:
        return parts[4]
    if path.startswith("/api/hsds/services/"):
        listed = hsds_data(catalogue).services.get(parts[-1])
        return listed.placed.municipality.slug if listed else None
    return None


def pages(catalogue: Catalogue) -> frozenset[str]:
    """Every page a person reads, without a query (what usage is counted for), found once per content."""
    found = catalogue.cache.get("pages")
    if found is None:
        paths = list(SHARED_PAGES)
        for index in catalogue.municipalities.values():
            paths += municipality_pages(index, catalogue.content.situations)
        found = catalogue.cache["pages"] = frozenset(paths)
    return found


def all_paths(catalogue: Catalogue) -> list[str]:
    """Every address of the site for this content, pages first."""
    paths = list(SHARED_PAGES)
    situations = catalogue.content.situations
    for index in catalogue.municipalities.values():
        paths += municipality_pages(index, situations)
    paths += SHARED_JSON
    for index in catalogue.municipalities.values():
        paths += municipality_json(index, situations)
    # Each offline pack is assembled from the responses above; it is compressed in a thread
    # while the rest is rendered (server/precomputed.py).
    paths += [f"/offline/{slug}.json" for slug in catalogue.municipalities]
    paths += hsds_paths(catalogue)
    for index in catalogue.municipalities.values():
        paths += municipality_qr_codes(index)
    return paths + list(SHARED_FILES)
