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
    DECIDED = "decided"
    """Decided for the family, not applied for: by barnevernet, the nemnd or PPT (`decided_by`)."""


class DecidedBy(StrEnum):
    """Who decides a measure no one applies for (access `decided`)."""

    BARNEVERNET = "barnevernet"
    NEMNDA = "nemnda"
    """Barneverns- og helsenemnda: decides what the family does not agree to; the parents have a lawyer."""
    PPT = "ppt"
    """PPT's sakkyndig vurdering, on which the municipality then decides."""


class Kind(StrEnum):
    """What a measure is: help a family can use, a plan the municipality works on, or its own work."""

    SERVICE = "service"
    PLAN = "plan"
    """A goal or task in the plan («skal utarbeide …»): not help anyone can contact today."""
    SYSTEM = "system"
    """How the services work together; goes with audience `system`."""


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

    phone: Annotated[str, Meta(pattern=r"^(\+?[0-9][0-9 ]{1,18}[0-9])?$")] = ""
    """Digits and spaces, as written on paper: «62 43 30 00», «116 117»."""
    email: Annotated[str, Meta(pattern=r"^([^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,})?$")] = ""
    web: Annotated[str, Meta(pattern=r"^(https?://[^\s<>\"']+)?$")] = ""
    """A whole address from http(s)://, so no other kind of link (javascript:) can reach a page."""
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
    kind: Kind = Kind.SERVICE
    decided_by: DecidedBy | None = None
    """Only with access `decided`: who decides."""
    routes: list[Slug] = []
    """National ways in the service itself has (slugs in `routes.yaml`: nav.no, helsenorge.no …),
    offered beside the measure's own contact and the municipality's web site."""
    placement: str = ""
    """One plain line on why it sits on this step, when help you use without applying sits on a
    step where most help needs an application, a referral or a decision (checked)."""
    youth_alone: bool = False
    """A young person can contact it alone: the page says what the service keeps to itself and
    when it must tell barnevernet (the glossary's `taushetsplikt`)."""


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
    groups: list[Group]
    goal: str = ""
    commitments: list[str] = []
    plain_goal: str = ""
    """The goal in plain words, shown first; the plan's own `goal` and `commitments` follow under
    «Fra planen»."""
    our_placement: bool = False
    """The plan does not say which level its measures belong to: we placed them, and the step says so."""


class Section(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A part of a text page: a heading, paragraphs, points and, for municipal facts, the plan."""

    heading: Text
    paragraphs: list[Text] = []
    points: list[Text] = []
    source: Source | None = None


class ConcernPage(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """«Er du bekymret for et barn?»: for parents and other adults, and for staff.

    `content/concern.yaml` holds the national part, `<municipality>/concern.yaml` the
    municipality's own way of working, from its plans."""

    adults: list[Section] = []
    staff: list[Section] = []


class SourceDocument(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A plan document a municipality's content comes from."""

    document: Text
    title: Text


class Service(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A service that appears on several steps, so its measures can link to each other."""

    key: Slug
    name: Text


class Retired(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A measure that no longer exists: its address leads to the step it stood on, with a note."""

    slug: Slug
    title: Text
    step: Annotated[int, Meta(ge=1)]
    date: datetime.date


class MunicipalityFile(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """`<municipality>/municipality.yaml`: the municipality without its steps."""

    slug: Slug
    name: Text
    model: Text
    intro: Text
    sources: Annotated[list[SourceDocument], Meta(min_length=1)]
    services: list[Service] = []
    contact: Contact = Contact()
    retired: list[Retired] = []
    """Measures taken away; their slugs are never used again."""
    allow_self_publish: bool = False
    """Whether an editor here may publish their own draft (set by the municipality's admin)."""


class Municipality(MunicipalityFile, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A municipality and its ladder. The number of steps is whatever its content defines."""

    steps: list[Step] = []
    concern: ConcernPage = ConcernPage()
    """The municipality's own part of «Er du bekymret for et barn?» (`concern.yaml`)."""


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
    link_everywhere: bool = False
    """Link every use of the word to its entry, not only on measures that list it (e.g. «vedtak»)."""


Tel = Annotated[str, Meta(pattern=r"^[0-9]{3,12}$")]


class Helpline(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A national helpline, always shown and always available offline."""

    slug: Slug
    number: Text
    tel: Tel
    name: Text
    short_name: str = ""
    """One or two words for the helpline bar on a phone («Ambulanse», «For barn og unge»)."""
    when: Text
    always_open: bool = False
    calling: str = ""
    """What happens when you call, in one plain sentence (e.g. free, can be anonymous)."""


class Route(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A well-established national way in to a kind of service (nav.no, finding your fastlege on
    helsenorge.no, legevakten on 116 117): a link or a number, never an invented one."""

    slug: Slug
    label: Text
    """The words of the link or the call button: «Finn fastlegen din på helsenorge.no»."""
    web: Annotated[str, Meta(pattern=r"^(https://[^\s]+)?$")] = ""
    tel: Annotated[str, Meta(pattern=r"^([0-9]{3,12})?$")] = ""
    note: str = ""
    """One plain line under it (what you can do there)."""


class Synonym(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """An everyday word and the words in the content it should find in search."""

    word: Text
    means: Annotated[list[Text], Meta(min_length=1)]


class Asker(StrEnum):
    """Who a situation speaks to."""

    UNG = "ung"
    FORELDER = "forelder"
    ANNEN_VOKSEN = "annen-voksen"
    """Staff in barnehage, school or health, and any other adult."""


class WordGroup(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Words that mean the same in a situation's phrases: `@name` in a phrase stands for any of them."""

    name: Slug
    words: Annotated[list[Text], Meta(min_length=1)]


class Fit(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One measure that fits a situation, with one plain line on why."""

    measure: Slug
    why: Text


class SituationPlace(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """What fits a situation in one municipality, lowest step first, or honestly nothing."""

    fits: list[Fit] = []
    none_fit: str = ""
    """When nothing fits: say so, and point to the general way in (helsesykepleier, fastlege,
    the municipality). Never an invented service."""


class Situation(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A situation people arrive with, in their own words, and the help that fits it."""

    slug: Slug
    title: Text
    text: Text
    askers: Annotated[list[Asker], Meta(min_length=1)]
    phrases: Annotated[list[Text], Meta(min_length=1)]
    """The words people use: every phrase that should lead search to this situation."""
    urgent: bool = False
    """A child may be in danger: the helplines come before any measure, on every path."""
    helplines: list[Slug] = []
    """Helpline slugs, most fitting first."""
    municipalities: dict[Slug, SituationPlace] = {}
    concern_page: bool = False
    """Link «Er du bekymret for et barn?» (`/{kommune}/bekymret`) on the situation page."""


Hash = Annotated[str, Meta(pattern=r"^[0-9a-f]{12}$")]
Value = str | list[str]


class Translated(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One translated text and the hash of the Norwegian it was made from."""

    source: Hash = msgspec.field(name="from")
    text: Value


class TranslationFile(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """`content/i18n/<lang>/<scope>.yaml`."""

    language: str
    machine: bool = False
    """Made by machine translation and not yet checked by a person: every page says so."""
    texts: dict[str, Translated] = {}


class Translation(TranslationFile, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A translation file with its scope (`felles` or a municipality's slug), as stored."""

    scope: str


class Content(Base, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """All content, validated: what is imported into the store as one unit."""

    municipalities: list[Municipality]
    topics: list[Topic]
    glossary: list[GlossaryTerm]
    helplines: list[Helpline]
    synonyms: list[Synonym]
    routes: list[Route] = []
    situations: list[Situation] = []
    situation_words: list[WordGroup] = []
    concern: ConcernPage = ConcernPage()
    """The national part of «Er du bekymret for et barn?»."""
    interpreter: list[Section] = []
    """«Du har rett til tolk» (`interpreter.yaml`): national facts, translated into every language."""
    translations: list[Translation] = []
    """Every translation file under `i18n/` (server/content/translations.py)."""
