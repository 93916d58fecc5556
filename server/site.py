"""The site's address list: every page and JSON file that exists for the current content.

Used to pre-render and compress everything once per publish, to build each municipality's
offline pack, and to write the static export — one list, so the three always agree.
"""

from collections.abc import Sequence

from server.catalogue import Catalogue, MunicipalityIndex
from server.content.model import Situation
from server.i18n.languages import SITE_LANGUAGES, SOURCE, localized, split
from server.opendata.mapping import hsds_data

SHARED_PAGES = ("/", "/ordliste", "/hjelp", "/om", "/om/skjul-besok", "/offline", "/tolk")
"""The pages every municipality shares, Norwegian addresses; each language has them too."""
SHARED_JSON = ("/api/v1/municipalities", "/api/v1/glossary", "/api/v1/helplines")
SHARED_FILES = ("/sw.js", "/manifest.webmanifest", "/robots.txt", "/sitemap.xml", "/.well-known/security.txt")


def municipality_pages(
    index: MunicipalityIndex, situations: Sequence[Situation] = (), language: str = SOURCE
) -> list[str]:
    """Every page of one municipality: the ladder, the situations, «bekymret», each step, each
    measure, search and the saved list; in a language, under its prefix (`/en/elverum`)."""
    slug = index.municipality.slug
    pages = [f"/{slug}", f"/{slug}/sok", f"/{slug}/min-liste", f"/{slug}/hva-gjelder-det", f"/{slug}/bekymret"]
    pages += [f"/{slug}/situasjon/{situation.slug}" for situation in situations]
    pages += [f"/{slug}/trinn/{step.number}" for step in index.municipality.steps]
    pages += [f"/{slug}/tiltak/{measure}" for measure in index.measures]
    return [localized(page, language) for page in pages]


def shared_pages(language: str = SOURCE) -> list[str]:
    """The shared pages in a language."""
    return [localized(page, language) for page in SHARED_PAGES]


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


def municipality_qr_codes(index: MunicipalityIndex, language: str = SOURCE) -> list[str]:
    """The QR code of each step and measure page, as its own file (~0.5 KB brotli). Not in
    the offline copy: inline in the pages they would add ~39 KB brotli to Elverum's 69 KB
    pack (measured), and a QR code only helps a phone that has network (see
    web/templates/components/share.html)."""
    pages = municipality_pages(index, language=language)
    return [f"{page}/qr.svg" for page in pages if "/trinn/" in page or "/tiltak/" in page]


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


def offline_paths(catalogue: Catalogue, slug: str, language: str = SOURCE) -> list[str]:
    """What one municipality's offline copy in one language holds: its pages and the shared
    pages in that language, and the search index the pages search (and the saved list reads)."""
    index = catalogue.municipalities[slug]
    return [
        # Only the JSON a page reads offline: the search index, which the search and the saved
        # list read. Not /api/v1/municipalities/{slug} (3.6 KB less in Elverum's copy, issue 13's
        # budget), nor the glossary and helplines as JSON (2 KB; their pages are in the copy): in
        # five languages the first visit needs every byte (issue 18). First: the pages after it
        # repeat its titles and summaries, which brotli then sends as references (1 KB less).
        search_index_path(slug, language),
        *shared_pages(language),
        *municipality_pages(index, catalogue.content.situations, language),
    ]


def search_index_path(slug: str, language: str = SOURCE) -> str:
    """What the browser searches, in a language: its titles, summaries and situation phrases."""
    return localized(f"/api/v1/municipalities/{slug}/search-index", language)


def pack_path(slug: str, language: str = SOURCE) -> str:
    """One municipality's offline copy in one language: `/offline/elverum.json`, `/en/offline/elverum.json`."""
    return localized(f"/offline/{slug}.json", language)


def owner(path: str, catalogue: Catalogue) -> str | None:
    """The municipality a page or JSON file belongs to, in any language (None: shared, or the
    site's own)."""
    slugs = catalogue.municipalities
    path = split(path)[1]
    parts = path.split("/")
    if len(parts) > 1 and parts[1] in slugs:
        return parts[1]
    if path.startswith("/api/v1/municipalities/") and len(parts) > 4 and parts[4] in slugs:
        return parts[4]
    if path.startswith("/api/hsds/services/"):
        listed = hsds_data(catalogue).services.get(parts[-1])
        return listed.placed.municipality.slug if listed else None
    return None


def all_pages(catalogue: Catalogue) -> list[str]:
    """Every page of the site, in every language."""
    paths: list[str] = []
    situations = catalogue.content.situations
    for language in SITE_LANGUAGES:
        paths += shared_pages(language)
        for index in catalogue.municipalities.values():
            paths += municipality_pages(index, situations, language)
    return paths


def pages(catalogue: Catalogue) -> frozenset[str]:
    """Every page a person reads, in every language, without a query (what usage is counted
    for: /en/elverum apart from /elverum), found once per content."""
    found = catalogue.cache.get("pages")
    if found is None:
        found = catalogue.cache["pages"] = frozenset(all_pages(catalogue))
    return found


def all_paths(catalogue: Catalogue) -> list[str]:
    """Every address of the site for this content, pages first (in every language)."""
    paths = all_pages(catalogue)
    situations = catalogue.content.situations
    paths += SHARED_JSON
    for index in catalogue.municipalities.values():
        paths += municipality_json(index, situations)
    # The rest of /api/v1 exists in every language too (`/en/api/v1/…`), answered when asked.
    paths += [
        search_index_path(slug, code) for code in SITE_LANGUAGES if code != SOURCE for slug in catalogue.municipalities
    ]
    # Each offline pack is assembled from the responses above; it is compressed in a thread
    # while the rest is rendered (server/precomputed.py).
    paths += [pack_path(slug, code) for code in SITE_LANGUAGES for slug in catalogue.municipalities]
    paths += hsds_paths(catalogue)
    for code in SITE_LANGUAGES:
        for index in catalogue.municipalities.values():
            paths += municipality_qr_codes(index, code)
    return paths + list(SHARED_FILES)
