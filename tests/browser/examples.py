"""One example address for every page template, picked from the content the live server runs.

The browser tests loop over these, so a new municipality or a rewritten step changes the
examples, not the tests. The richest examples are chosen: a step with the municipality's own
work under "Slik jobber kommunen", a measure with glossary words and the same service elsewhere.
"""

from functools import cache

from server.catalogue import Catalogue, MunicipalityIndex, Placed
from server.content.loader import load_content
from server.settings import Settings
from server.view import is_system

KINDS = (
    "home",
    "ladder",
    "step",
    "measure",
    "search",
    "search-empty",
    "glossary",
    "help",
    "about",
    "traces",
    "saved-list",
    "shared-list",
    "error",
    "situations",
    "situation",
    "situation-filtered",
    "search-urgent",
    "concern",
)


@cache
def catalogue() -> Catalogue:
    """The content the live server imports (it reads the same settings from the environment)."""
    return Catalogue.build(load_content(Settings.from_env().content_dir), "examples")


def municipality() -> MunicipalityIndex:
    """The municipality with the most steps."""
    return max(catalogue().municipalities.values(), key=lambda index: len(index.municipality.steps))


def richest_measure(index: MunicipalityIndex) -> Placed:
    """A measure for families with the most to show: glossary words and the same service on other steps."""
    families = [placed for placed in index.measures.values() if not is_system(placed.measure)]
    return max(families, key=lambda placed: (bool(index.same_service(placed)), len(placed.measure.terms)))


def step_number(index: MunicipalityIndex) -> int:
    """A step that has work kept apart under "Slik jobber kommunen", else the first."""
    for step in index.municipality.steps:
        if any(is_system(measure) for group in step.groups for measure in group.measures):
            return step.number
    return 1


@cache
def paths() -> dict[str, str]:
    """Page kind → an address of that kind."""
    index = municipality()
    slug = index.municipality.slug
    measure = richest_measure(index)
    return {
        "home": "/",
        "ladder": f"/{slug}",
        "step": f"/{slug}/trinn/{step_number(index)}",
        "measure": f"/{slug}/tiltak/{measure.measure.slug}",
        "search": f"/{slug}/sok?q={measure.measure.title.split()[0]}",
        "search-empty": f"/{slug}/sok?q=qqxzv",
        "glossary": "/ordliste",
        "help": "/hjelp",
        "about": "/om",
        "traces": "/om/skjul-besok",
        "saved-list": f"/{slug}/min-liste",
        "shared-list": f"/{slug}/liste?t={measure.measure.slug},{next(iter(index.measures))}",
        "error": "/denne-siden-finnes-ikke",
        "situations": f"/{slug}/hva-gjelder-det",
        "situation": f"/{slug}/situasjon/{urgent_situation()}",
        "situation-filtered": f"/{slug}/situasjon/{urgent_situation()}?hvem=ung&alder=15",
        "search-urgent": f"/{slug}/sok?q=pappa+sl%C3%A5r+meg",
        "concern": f"/{slug}/bekymret",
    }


def urgent_situation() -> str:
    """The urgent situation with the most fitting measures in the richest municipality."""
    slug = municipality().municipality.slug
    urgent = [situation for situation in catalogue().content.situations if situation.urgent]
    return max(urgent, key=lambda situation: len(situation.municipalities[slug].fits)).slug
