"""The content model: what a municipality's ladder, its steps and measures are.

Every Struct is frozen and forbids unknown fields, so a typo in a YAML key fails loudly
instead of silently dropping text. Keys are English; the text inside is Norwegian.
"""

import datetime
from enum import StrEnum
from typing import Annotated

import msgspec
from msgspec import Meta

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[str, Meta(pattern=SLUG_PATTERN, max_length=80)]
Text = Annotated[str, Meta(min_length=1)]
Age = Annotated[int, Meta(ge=0, le=30)]
Summary = Annotated[str, Meta(min_length=1, max_length=140)]


class Access(StrEnum):
    """How a person gets the help, from the lowest threshold to the highest."""

    OPEN = "open"
    CONTACT = "contact"
    REFERRAL = "referral"
    APPLICATION = "application"


class Audience(StrEnum):
    """Who a measure is for; `system` is the municipality's own work, kept apart for families."""

    BARN = "barn"
    UNGDOM = "ungdom"
    FORELDRE = "foreldre"
    GRAVIDE = "gravide"
    ANSATTE = "ansatte"
    SYSTEM = "system"


class Base(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Shared configuration for every content Struct."""


class Contact(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What is known about how to reach a service. Everything optional: unknown stays empty."""

    phone: str = ""
    email: str = ""
    web: str = ""
    address: str = ""
    note: str = ""


class Source(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Where a measure comes from: the seed document and its original wording."""

    document: Text
    text: Text
    note: str = ""


class Measure(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One measure (tiltak) on one step. The slug is its address forever."""

    slug: Slug
    name: Text
    title: Text
    summary: Summary
    description: Text
    audience: Annotated[list[Audience], Meta(min_length=1)]
    access: Access
    topics: Annotated[list[Slug], Meta(min_length=1)]
    source: Source
    last_checked: datetime.date
    previous_slugs: list[Slug] = []
    age_from: Age | None = None
    age_to: Age | None = None
    terms: list[Slug] = []
    service: Slug | None = None
    cost: str = ""
    contact: Contact = Contact()


class Group(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A heading on a step that groups its measures, as in the plan (e.g. Råd og veiledning)."""

    name: Text
    measures: Annotated[list[Measure], Meta(min_length=1)]


class Step(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One step (trinn or nivå) of a municipality's ladder."""

    number: Annotated[int, Meta(ge=1)]
    official_name: Text
    subtitle: str
    plain_name: Text
    plain_summary: Text
    access: Access
    groups: list[Group]
    goal: str = ""
    commitments: list[str] = []


class SourceDocument(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A plan document a municipality's content comes from."""

    document: Text
    title: Text


class Service(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A service that appears on several steps, so its measures can link to each other."""

    key: Slug
    name: Text


class MunicipalityFile(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """`<municipality>/municipality.yaml`: the municipality without its steps."""

    slug: Slug
    name: Text
    model: Text
    intro: Text
    sources: Annotated[list[SourceDocument], Meta(min_length=1)]
    services: list[Service] = []
    contact: Contact = Contact()


class Municipality(MunicipalityFile, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A municipality and its ladder. The number of steps is whatever its content defines."""

    steps: list[Step] = []


class Topic(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A topic from the fixed list measures are tagged with."""

    slug: Slug
    name: Text


class GlossaryTerm(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """An abbreviation or term, explained in at most two plain sentences."""

    slug: Slug
    term: Text
    explanation: Text
    expansion: str = ""
    aliases: list[str] = []


class Helpline(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A national helpline, always shown and always available offline."""

    slug: Slug
    number: Text
    tel: Annotated[str, Meta(pattern=r"^[0-9]{3,12}$")]
    name: Text
    when: Text
    always_open: bool = False


class Synonym(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """An everyday word and the words in the content it should find in search."""

    word: Text
    means: Annotated[list[Text], Meta(min_length=1)]


class Content(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """All content, validated: what is imported into the store as one unit."""

    municipalities: list[Municipality]
    topics: list[Topic]
    glossary: list[GlossaryTerm]
    helplines: list[Helpline]
    synonyms: list[Synonym]
