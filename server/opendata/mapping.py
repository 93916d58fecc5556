"""The catalogue as HSDS: municipalities as organizations, measures of kind `service` as services,
steps and topics as two taxonomies. Built once per catalogue and kept with it.

Plans («skal utarbeide …») and the municipality's own system work are not services anyone can
use, so they are not in HSDS at all (README, «Open data: HSDS 3.0»); /api/v1 still has them.
"""

import datetime
from dataclasses import dataclass

import msgspec

from server.catalogue import Catalogue, MunicipalityIndex, Placed
from server.content.model import Contact as ContentContact
from server.content.model import Kind, Municipality
from server.opendata import ids, types
from server.view import access_text, audience_text

STEPS = "tiltakstrapp-trinn"
TOPICS = "tiltakstrapp-tema"
TAXONOMY_TEXT = {
    STEPS: (
        "Trinnet i kommunens tiltakstrapp eller forebyggingsmodell, fra det som er åpent for alle "
        "til den mest spesialiserte hjelpen. Hver kommune har sine egne trinn."
    ),
    TOPICS: "Temaene Tiltakstrappa sorterer tilbudene etter. Et tilbud kan ha flere temaer.",
}
CACHE_KEY = ("hsds", "data")


@dataclass(frozen=True)
class Listed:
    """One service with what the filters look at."""

    full: types.Service
    summary: types.ServiceSummary
    placed: Placed
    term_ids: frozenset[str]
    modified: datetime.datetime


@dataclass(frozen=True)
class HsdsData:
    """Everything HSDS answers for one catalogue, in ladder order; each kind also by id."""

    services: dict[str, Listed]
    organizations: dict[str, types.Organization]
    taxonomies: dict[str, types.Taxonomy]
    terms: dict[str, types.TaxonomyTerm]


def hsds_data(catalogue: Catalogue) -> HsdsData:
    """The HSDS view of a catalogue, built on first use and kept with the catalogue."""
    built: HsdsData | None = catalogue.cache.get(CACHE_KEY)
    if built is None:
        built = _build(catalogue)
        catalogue.cache[CACHE_KEY] = built
    return built


def _build(catalogue: Catalogue) -> HsdsData:
    terms = {**_step_terms(catalogue), **_topic_terms(catalogue)}
    services: list[Listed] = []
    organizations: list[types.Organization] = []
    for index in catalogue.municipalities.values():
        summary = organization_summary(index.municipality)
        listed = [_service(placed, summary, terms) for placed in _services_of(index)]
        services += listed
        refs = [types.ServiceRef(id=item.full.id, name=item.full.name, status=item.full.status) for item in listed]
        phones = _phones(index.municipality.contact, organization_id=summary.id)
        organizations.append(types.Organization(**msgspec.structs.asdict(summary), phones=phones, services=refs))
    taxonomies = [
        types.Taxonomy(id=ids.taxonomy_id(name), name=name, description=text) for name, text in TAXONOMY_TEXT.items()
    ]
    return HsdsData(
        services={item.full.id: item for item in services},
        organizations={item.id: item for item in organizations},
        taxonomies={item.id: item for item in taxonomies},
        terms={item.id: item for item in terms.values()},
    )


def _services_of(index: MunicipalityIndex) -> list[Placed]:
    return [placed for placed in index.measures.values() if placed.measure.kind == Kind.SERVICE]


def organization_name(municipality: Municipality) -> str:
    """«Elverum kommune»: the content names the place; the organization is its municipality."""
    name = municipality.name
    return name if name.lower().endswith("kommune") else f"{name} kommune"


def organization_summary(municipality: Municipality) -> types.OrganizationSummary:
    contact = municipality.contact
    return types.OrganizationSummary(
        id=ids.organization_id(municipality.slug),
        name=organization_name(municipality),
        description=municipality.intro,
        email=contact.email or None,
        website=contact.web or None,
    )


def _step_terms(catalogue: Catalogue) -> dict[tuple[str, str], types.TaxonomyTerm]:
    terms = {}
    for slug, index in catalogue.municipalities.items():
        municipality = index.municipality
        for step in municipality.steps:
            code = f"{slug}-{step.number}"
            terms[(STEPS, code)] = types.TaxonomyTerm(
                id=ids.term_id(STEPS, code),
                code=code,
                name=f"{municipality.name}, trinn {step.number}: {step.plain_name}",
                description=step.plain_summary,
                taxonomy=STEPS,
                taxonomy_id=ids.taxonomy_id(STEPS),
                language="nb",
            )
    return terms


def _topic_terms(catalogue: Catalogue) -> dict[tuple[str, str], types.TaxonomyTerm]:
    return {
        (TOPICS, topic.slug): types.TaxonomyTerm(
            id=ids.term_id(TOPICS, topic.slug),
            code=topic.slug,
            name=topic.name,
            description=f"Tilbud som handler om {topic.name.lower()}.",
            taxonomy=TOPICS,
            taxonomy_id=ids.taxonomy_id(TOPICS),
            language="nb",
        )
        for topic in catalogue.topics.values()
    }


def _service(
    placed: Placed, organization: types.OrganizationSummary, terms: dict[tuple[str, str], types.TaxonomyTerm]
) -> Listed:
    measure = placed.measure
    service_id = ids.service_id(placed.municipality.slug, measure)
    modified = datetime.datetime.combine(measure.last_checked, datetime.time(), datetime.UTC)
    summary = types.ServiceSummary(
        id=service_id,
        organization_id=organization.id,
        name=measure.title,
        alternate_name=measure.name if measure.name != measure.title else None,
        description=measure.description,
        url=measure.contact.web or None,
        status="active",
        application_process=access_text(measure),
        eligibility_description=audience_text(measure) + ".",
        minimum_age=measure.age_from,
        maximum_age=measure.age_to,
        assured_date=measure.last_checked.isoformat(),
        last_modified=modified.isoformat().replace("+00:00", "Z"),
    )
    keys = [(STEPS, f"{placed.municipality.slug}-{placed.step.number}")]
    keys += [(TOPICS, topic) for topic in measure.topics]
    linked = [terms[key] for key in keys]
    full = types.Service(
        **msgspec.structs.asdict(summary),
        organization=organization,
        phones=_phones(measure.contact, service_id=service_id),
        contacts=_contacts(measure.contact, service_id),
        cost_options=_cost_options(measure.cost, service_id),
        attributes=[
            types.Attribute(
                id=ids.part_id("attribute", service_id, term.id),
                link_id=service_id,
                link_entity="service",
                taxonomy_term_id=term.id,
                taxonomy_term=term,
            )
            for term in linked
        ],
    )
    return Listed(full, summary, placed, frozenset(term.id for term in linked), modified)


def _phones(
    contact: ContentContact, service_id: str | None = None, organization_id: str | None = None
) -> list[types.Phone]:
    """The content's phone number with its note, or nothing."""
    if not contact.phone:
        return []
    owner = service_id or organization_id or ""
    return [
        types.Phone(
            id=ids.part_id("phone", owner),
            service_id=service_id,
            organization_id=organization_id,
            number=contact.phone,
            description=contact.note or None,
        )
    ]


def _contacts(contact: ContentContact, service_id: str) -> list[types.EmailContact]:
    """The content's e-mail address as a contact, or nothing."""
    if not contact.email:
        return []
    return [types.EmailContact(id=ids.part_id("contact", service_id), service_id=service_id, email=contact.email)]


def _cost_options(cost: str, service_id: str) -> list[types.CostOption]:
    """The content's words on cost; an amount (0 kroner) only where they say plainly «Gratis»."""
    if not cost:
        return []
    free = cost.strip().rstrip(".").lower() == "gratis"
    return [
        types.CostOption(
            id=ids.part_id("cost_option", service_id),
            service_id=service_id,
            currency="NOK" if free else None,
            amount=0 if free else None,
            amount_description=cost,
        )
    ]
