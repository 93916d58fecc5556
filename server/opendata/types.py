"""The HSDS 3.0 shapes we send, as msgspec Structs.

Field names and meanings are HSDS's own (tests/hsds-3.0/schema/*.json; every answer is
validated against those files in tests/http/test_hsds_schema.py). What we do not know is left
out, never sent empty or invented (DESIGN.md, truthfulness): every optional field defaults to
None or an empty list, and `omit_defaults` drops it from the JSON.
"""

import msgspec


class Base(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Shared configuration: immutable, keyword-only, unknown values left out of the JSON."""


class ApiInfo(Base, frozen=True, kw_only=True):
    """The answer of `/api/hsds/`: which HSDS this is and where the API is described."""

    version: str
    """The HSDS version: "3.0"."""
    profile: str
    """The HSDS profile followed: plain HSDS 3.0, so the specification's own schema address."""
    openapi_url: str
    """This API's OpenAPI document (it describes /api/v1 too)."""


class Taxonomy(Base, frozen=True, kw_only=True):
    """One of our two classifications: the steps (`tiltakstrapp-trinn`) and the topics (`tiltakstrapp-tema`)."""

    id: str
    name: str
    description: str


class TaxonomyTerm(Base, frozen=True, kw_only=True):
    """A step of one municipality's ladder, or a topic."""

    id: str
    code: str
    """A topic's slug, or `{municipality}-{step number}`."""
    name: str
    description: str
    taxonomy: str
    """The taxonomy's name."""
    taxonomy_id: str
    language: str
    """Always "nb": the names and descriptions are in Norwegian bokmål."""


class Attribute(Base, frozen=True, kw_only=True):
    """Links a service to a taxonomy term: its step, or one of its topics."""

    id: str
    link_id: str
    """The service's id."""
    link_entity: str
    """Always "service"."""
    taxonomy_term_id: str
    taxonomy_term: TaxonomyTerm


class Phone(Base, frozen=True, kw_only=True):
    """A phone number from the content, never one we looked up or guessed."""

    id: str
    service_id: str | None = None
    organization_id: str | None = None
    number: str
    description: str | None = None
    """The content's note on the contact (e.g. "Nasjonalt nummer til legevakten")."""


class EmailContact(Base, frozen=True, kw_only=True):
    """An e-mail address from the content. We know no named persons, so there is no `name`."""

    id: str
    service_id: str
    email: str


class CostOption(Base, frozen=True, kw_only=True):
    """What the service costs, in the content's words; `amount` 0 only where it says «Gratis»."""

    id: str
    service_id: str
    currency: str | None = None
    amount: float | None = None
    amount_description: str


class ServiceRef(Base, frozen=True, kw_only=True):
    """A service named in its organization's answer; the rest is at `/api/hsds/services/{id}`."""

    id: str
    name: str
    status: str


class OrganizationSummary(Base, frozen=True, kw_only=True):
    """A municipality as an organization: what lists show and each service carries."""

    id: str
    name: str
    description: str
    """The municipality's introduction to its ladder."""
    email: str | None = None
    website: str | None = None


class Organization(OrganizationSummary, frozen=True, kw_only=True):
    """A municipality with its phone (only if the content has one) and its services."""

    phones: list[Phone] = []
    services: list[ServiceRef] = []


class ServiceSummary(Base, frozen=True, kw_only=True):
    """A service's own fields, without its child objects: what a list holds (HSDS API
    reference: a list "need not contain arrays of child entities")."""

    id: str
    organization_id: str
    name: str
    """The plain-language title."""
    alternate_name: str | None = None
    """The official name in the municipality's plan, where it differs from the title."""
    description: str
    url: str | None = None
    """The service's own web site, where the content has one."""
    status: str
    """Always "active": what is published is offered today (plans are left out)."""
    application_process: str
    """How to get the help, in plain words; for what is decided, who decides."""
    eligibility_description: str
    """Who it is for, and the ages, in plain words."""
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: str
    """The date the content was last checked against the source."""
    last_modified: str
    """`assured_date` at midnight UTC: the content holds no finer modification time."""


class Service(ServiceSummary, frozen=True, kw_only=True):
    """A service in full: its organization, phones, e-mail contact, cost and taxonomy terms."""

    organization: OrganizationSummary
    phones: list[Phone] = []
    contacts: list[EmailContact] = []
    cost_options: list[CostOption] = []
    attributes: list[Attribute] = []
    """Its step (`tiltakstrapp-trinn`) first, then its topics (`tiltakstrapp-tema`)."""


class Page(Base, frozen=True, kw_only=True):
    """HSDS's wrapper around every list: where this page is. Each list adds its `contents`
    (one class per list, so the OpenAPI document names what a page holds)."""

    total_items: int
    """How many items match, on all pages."""
    total_pages: int
    """At least 1: the first page exists even when nothing matches."""
    page_number: int
    size: int
    """How many items this page holds."""
    first_page: bool
    last_page: bool
    empty: bool
    """This page holds nothing (nothing matches, or the page is past the last)."""


class ServicePage(Page, frozen=True, kw_only=True):
    contents: list[ServiceSummary]


class OrganizationPage(Page, frozen=True, kw_only=True):
    contents: list[OrganizationSummary]


class TaxonomyPage(Page, frozen=True, kw_only=True):
    contents: list[Taxonomy]


class TaxonomyTermPage(Page, frozen=True, kw_only=True):
    contents: list[TaxonomyTerm]
