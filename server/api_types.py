"""The public JSON API's shapes (/api/v1). English field names; a contract outside users rely on."""

import datetime

import msgspec

from server.catalogue import MunicipalityIndex, Placed
from server.content.model import Access, Audience, Contact, DecidedBy, GlossaryTerm, Helpline, Kind
from server.view import step_accesses


class MunicipalityListItem(msgspec.Struct, frozen=True):
    slug: str
    name: str
    step_count: int
    measure_count: int


class MeasureSummary(msgspec.Struct, frozen=True):
    slug: str
    name: str
    """The official name, as in the municipality's plan."""
    title: str
    """The plain-language title."""
    summary: str
    step: int
    access: Access
    decided_by: DecidedBy | None
    """Who decides, for a measure no one applies for (access `decided`)."""
    kind: Kind
    """`service`: help a family can use; `plan`: what the municipality is working on; `system`: its own work."""
    audience: list[Audience]
    age_from: int | None
    age_to: int | None
    topics: list[str]


class SourceOut(msgspec.Struct, frozen=True):
    document: str
    text: str
    note: str


class MeasureDetail(MeasureSummary, frozen=True):
    description: str
    group: str
    service: str | None
    cost: str
    contact: Contact
    source: SourceOut
    last_checked: datetime.date
    previous_slugs: list[str]
    terms: list[str]


class GroupOut(msgspec.Struct, frozen=True):
    name: str
    measures: list[MeasureSummary]


class StepOut(msgspec.Struct, frozen=True):
    number: int
    official_name: str
    subtitle: str
    plain_name: str
    plain_summary: str
    goal: str
    commitments: list[str]
    accesses: dict[Access, int]
    """How people get the help on this step: each way and how many of its services use it."""
    measure_count: int
    groups: list[GroupOut]
    measures: list[MeasureSummary]


class MunicipalityOut(msgspec.Struct, frozen=True):
    slug: str
    name: str
    model: str
    intro: str
    contact: Contact
    steps: list[StepOut]


class SearchHit(msgspec.Struct, frozen=True):
    slug: str
    name: str
    title: str
    step: int
    score: float
    """The search score; 0 for a measure listed only because it fits a situation the words name."""
    why: str = ""
    """Why the measure fits the situation the words name ("" for an ordinary match)."""


class SituationRef(msgspec.Struct, frozen=True):
    slug: str
    title: str
    urgent: bool
    """A child may be in danger: show `helplines` before any measure."""


class SearchResponse(msgspec.Struct, frozen=True):
    query: str
    results: list[SearchHit]
    """Best first: the measures of the situations the words name (lowest step first), then the ordinary matches."""
    situations: list[SituationRef] = []
    """The situations the words name, strongest first."""
    urgent: bool = False
    """Whether any of them is urgent; then `helplines` come before every result."""
    helplines: list[Helpline] = []
    """The helplines to show first, most fitting first; empty unless `urgent`."""


class SituationMeasure(msgspec.Struct, frozen=True):
    slug: str
    title: str
    step: int
    why: str


class SituationOut(msgspec.Struct, frozen=True):
    slug: str
    title: str
    text: str
    askers: list[str]
    urgent: bool
    helplines: list[str]
    """Helpline slugs (see /api/v1/helplines), most fitting first."""
    measures: list[SituationMeasure]
    """What fits in this municipality, lowest step first."""
    none_fit: str
    """When nothing fits: where to ask instead."""


class GlossaryOut(msgspec.Struct, frozen=True):
    terms: list[GlossaryTerm]


class HelplinesOut(msgspec.Struct, frozen=True):
    helplines: list[Helpline]


def measure_summary(placed: Placed) -> MeasureSummary:
    measure = placed.measure
    return MeasureSummary(
        slug=measure.slug,
        name=measure.name,
        title=measure.title,
        summary=measure.summary,
        step=placed.step.number,
        access=measure.access,
        decided_by=measure.decided_by,
        kind=measure.kind,
        audience=list(measure.audience),
        age_from=measure.age_from,
        age_to=measure.age_to,
        topics=list(measure.topics),
    )


def measure_detail(placed: Placed) -> MeasureDetail:
    measure = placed.measure
    summary = msgspec.structs.asdict(measure_summary(placed))
    return MeasureDetail(
        **summary,
        description=measure.description,
        group=placed.group,
        service=measure.service,
        cost=measure.cost,
        contact=measure.contact,
        source=SourceOut(measure.source.document, measure.source.text, measure.source.note),
        last_checked=measure.last_checked,
        previous_slugs=list(measure.previous_slugs),
        terms=list(measure.terms),
    )


def municipality_out(index: MunicipalityIndex) -> MunicipalityOut:
    municipality = index.municipality
    steps = []
    for step in municipality.steps:
        groups = [
            GroupOut(group.name, [measure_summary(index.measures[m.slug]) for m in group.measures])
            for group in step.groups
        ]
        flat = [summary for group in groups for summary in group.measures]
        steps.append(
            StepOut(
                number=step.number,
                official_name=step.official_name,
                subtitle=step.subtitle,
                plain_name=step.plain_name,
                plain_summary=step.plain_summary,
                goal=step.goal,
                commitments=list(step.commitments),
                accesses=dict(step_accesses(step)),
                measure_count=len(flat),
                groups=groups,
                measures=flat,
            )
        )
    return MunicipalityOut(
        slug=municipality.slug,
        name=municipality.name,
        model=municipality.model,
        intro=municipality.intro,
        contact=municipality.contact,
        steps=steps,
    )


def municipality_list_item(index: MunicipalityIndex) -> MunicipalityListItem:
    municipality = index.municipality
    return MunicipalityListItem(
        slug=municipality.slug,
        name=municipality.name,
        step_count=len(municipality.steps),
        measure_count=len(index.measures),
    )
