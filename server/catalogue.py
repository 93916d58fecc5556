"""The published catalogue: immutable, in memory, built once from the store.

Requests read only this. Publishing builds a new catalogue and swaps the reference in one
assignment, so a request sees either the old content or the new, never a mix.
"""

import hashlib
import threading
from dataclasses import dataclass, field
from typing import Any

import msgspec

from server.content.model import (
    Content,
    GlossaryTerm,
    Helpline,
    Measure,
    Municipality,
    Retired,
    Route,
    Step,
    Topic,
)


@dataclass(frozen=True)
class Placed:
    """A measure with where it sits: its municipality, step and group."""

    municipality: Municipality
    step: Step
    group: str
    measure: Measure


@dataclass(frozen=True)
class MunicipalityIndex:
    """Lookups for one municipality, built once."""

    municipality: Municipality
    measures: dict[str, Placed]
    redirects: dict[str, str]
    by_service: dict[str, list[Placed]]
    retired: dict[str, Retired] = field(default_factory=dict)
    """Measures taken away, by slug: their address leads to the step they stood on."""

    @classmethod
    def build(cls, municipality: Municipality) -> "MunicipalityIndex":
        measures: dict[str, Placed] = {}
        redirects: dict[str, str] = {}
        by_service: dict[str, list[Placed]] = {}
        for step in municipality.steps:
            for group in step.groups:
                for measure in group.measures:
                    placed = Placed(municipality, step, group.name, measure)
                    measures[measure.slug] = placed
                    redirects.update({old: measure.slug for old in measure.previous_slugs})
                    if measure.service:
                        by_service.setdefault(measure.service, []).append(placed)
        retired = {gone.slug: gone for gone in municipality.retired}
        return cls(municipality, measures, redirects, by_service, retired)

    def step(self, number: int) -> Step | None:
        """The step with this number, or None."""
        if 1 <= number <= len(self.municipality.steps):
            return self.municipality.steps[number - 1]
        return None

    def same_service(self, placed: Placed) -> list[Placed]:
        """The same service's measures on other steps (or other groups), in ladder order."""
        service = placed.measure.service
        if not service:
            return []
        return [other for other in self.by_service.get(service, []) if other.measure.slug != placed.measure.slug]


@dataclass(frozen=True)
class Catalogue:
    """Everything the app serves, for one version of the content."""

    version: str
    content: Content
    municipalities: dict[str, MunicipalityIndex]
    glossary: dict[str, GlossaryTerm]
    helplines: list[Helpline]
    topics: dict[str, Topic]
    routes: dict[str, Route] = field(default_factory=dict)
    """The national ways in (nav.no, helsenorge.no …) by slug."""
    cache: dict[Any, Any] = field(default_factory=dict, compare=False, hash=False)
    """Responses rendered from this catalogue, by key; dropped with the catalogue."""
    language: str = "nb"
    """The language its texts are in (server/i18n): Norwegian, or a translation of `base`."""
    base: "Catalogue | None" = field(default=None, compare=False, hash=False)
    """For a translation, the Norwegian catalogue it was made from (which holds the pre-rendered
    pages of every language)."""

    @property
    def source(self) -> "Catalogue":
        """The Norwegian catalogue: this one, or the one it translates."""
        return self.base or self

    @classmethod
    def build(
        cls, content: Content, version: str, language: str = "nb", base: "Catalogue | None" = None
    ) -> "Catalogue":
        return cls(
            language=language,
            base=base,
            version=version,
            content=content,
            municipalities={item.slug: MunicipalityIndex.build(item) for item in content.municipalities},
            glossary={term.slug: term for term in content.glossary},
            helplines=list(content.helplines),
            topics={topic.slug: topic for topic in content.topics},
            routes={route.slug: route for route in content.routes},
        )


def content_version(content: Content) -> str:
    """The published content's version: a hash of its bytes, the same on every server, so the
    same content gives the same pages, ETags and service-worker version everywhere."""
    return hashlib.blake2b(msgspec.json.encode(content), digest_size=16).hexdigest()


class CatalogueHolder:
    """Holds the current catalogue; `publish` swaps it atomically."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._lock = threading.Lock()

    @property
    def current(self) -> Catalogue:
        return self._catalogue

    def publish(self, catalogue: Catalogue) -> None:
        """Make a new catalogue current. Readers holding the old one finish with it."""
        with self._lock:
            self._catalogue = catalogue
