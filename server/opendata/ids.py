"""Stable HSDS identifiers: UUIDv5 names under one fixed namespace.

HSDS wants a UUID for every object. Ours are derived from what names a thing in the content
(municipality and slug, a taxonomy's name, a term's code), never random and never stored, so
the same service has the same id in every release, on every server and after every re-import:
a directory that copied our services keeps its links (issue 16). tests/published_hsds_ids.txt
pins every service's id, so a change to anything here fails a test before it reaches a release.
"""

import uuid

from server.content.model import Measure

NAMESPACE = uuid.UUID("f48fb77b-ec3d-4605-8f62-cb8e2079a8e3")
"""Generated once (uuid4) for Tiltakstrappa's HSDS ids. Never change it: every id would change."""


def _derived(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def first_slug(measure: Measure) -> str:
    """The slug a measure was first published under: the oldest of its `previous_slugs`
    (listed oldest first), else its slug. A renamed measure keeps its HSDS id, as its old
    address keeps working by a redirect: for a directory it is the same service."""
    return measure.previous_slugs[0] if measure.previous_slugs else measure.slug


def organization_id(municipality: str) -> str:
    """A municipality, by its slug."""
    return _derived("organization", municipality)


def service_id(municipality: str, measure: Measure) -> str:
    """A measure, by its municipality and the slug it was first published under."""
    return _derived("service", municipality, first_slug(measure))


def taxonomy_id(taxonomy: str) -> str:
    """A taxonomy, by its name (`tiltakstrapp-trinn`, `tiltakstrapp-tema`)."""
    return _derived("taxonomy", taxonomy)


def term_id(taxonomy: str, code: str) -> str:
    """A taxonomy term, by its taxonomy's name and its code (a topic slug, `elverum-3`)."""
    return _derived("taxonomy_term", taxonomy, code)


def part_id(kind: str, owner: str, key: str = "") -> str:
    """Something that belongs to one object (a phone, a cost option, an attribute), by what it
    is, the owner's id and, where an owner has several, what tells them apart."""
    return _derived(kind, owner, key) if key else _derived(kind, owner)
