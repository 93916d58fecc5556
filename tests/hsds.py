"""Validation against the official HSDS 3.0 JSON schemas, from the copies in tests/hsds-3.0/
(Human Services Data Specification: an Open Referral resource, https://openreferral.org/;
CC BY-SA 4.0, see tests/hsds-3.0/LICENSE and README.md).

The files refer to each other by relative `$ref` ("attribute.json"), and the API reference
(openapi.json) by the specification's raw GitHub address. Each file is registered under that
address, so every reference resolves to the local copy; nothing is fetched: a reference we do
not hold fails instead. Formats (uuid, uri, date-time, email) are checked too.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parent / "hsds-3.0" / "schema"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
PAGE_FIELDS = ("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty")


@cache
def registry() -> Registry[Any]:
    resources = [
        (BASE + path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
        for path in sorted(SCHEMAS.glob("*.json"))
    ]
    return Registry().with_resources(resources)


@cache
def _validator(schema_json: str) -> Draft202012Validator:
    schema = json.loads(schema_json)
    return Draft202012Validator(schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _check(schema: dict[str, Any], instance: object) -> None:
    _validator(json.dumps(schema, sort_keys=True)).validate(instance)


def validate(kind: str, instance: object) -> None:
    """Validate against one object schema: "service", "organization", "taxonomy", …"""
    _check({"$ref": f"{BASE}{kind}.json"}, instance)


def validate_root(instance: object) -> None:
    """The `/` answer, by the schema in HSDS's openapi.json, with all three fields present."""
    _check(
        {
            "allOf": [{"$ref": f"{BASE}openapi.json#/paths/~1/get/responses/200/content/application~1json/schema"}],
            "required": ["version", "profile", "openapi_url"],
        },
        instance,
    )


def validate_page(kind: str, instance: object) -> None:
    """A list answer: HSDS's `Page` (openapi.json) with every field present, and each of its
    `contents` valid as `kind`."""
    _check(
        {
            "allOf": [{"$ref": f"{BASE}openapi.json#/components/schemas/Page"}],
            "required": [*PAGE_FIELDS, "contents"],
            "properties": {"contents": {"type": "array", "items": {"$ref": f"{BASE}{kind}.json"}}},
        },
        instance,
    )
