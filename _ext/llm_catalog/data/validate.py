"""JSON Schema validation of the data file, each error in plain words with its line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import jsonschema

from .problems import Problem, describe, field_name, suggest
from .yamlsource import Document


@cache
def read_schema(resolved: str) -> dict:
    """The schema at the resolved path *resolved*, checked to be a valid draft-07 schema."""
    schema = json.loads(Path(resolved).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return schema


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list (lines starting with '- ')",
    "object": "a mapping of fields (name: value)",
    "boolean": "true or false (without quotes)",
}

_PATTERN_WORDS = {
    "id": "ids use lowercase letters, digits and single hyphens, e.g. 'stanford-cs224n'",
    "url": "a link must be a full address starting with http:// or https://, with no spaces",
    "text": "it contains control characters; write plain text",
    "shortText": "it must be a single line of plain text",
    "date": 'write the date as YYYY-MM-DD, e.g. "2026-11-29"',
    "month": 'write the year or the year and month as YYYY or YYYY-MM, e.g. "2025" or "2025-02"',
    "requirement": "write a record id ('stanford-cs224n'), a chapter as id#number ('slp3#7') or a topic id",
}


def _definition_name(schema: Mapping, sub: Mapping) -> str | None:
    for name, definition in schema.get("definitions", {}).items():
        if definition is sub or definition == sub:
            return name
    return None


def _field_help(schema: Mapping, parent: Mapping, key: str) -> str:
    """The schema's own description of a field, to say what to fill in."""
    spec = parent.get("properties", {}).get(key, {})
    description = spec.get("description")
    if not description and "$ref" in spec:
        description = schema["definitions"][spec["$ref"].rsplit("/", 1)[-1]].get("description")
    return f" ({description})" if description else ""


def schema_problems(doc: Document, schema: dict, shown: str) -> list[Problem]:
    """Every way the data breaks its JSON Schema, in words a contributor understands."""
    validator = jsonschema.Draft7Validator(schema)
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        path = tuple(error.absolute_path)
        value = error.instance
        kind = error.validator
        if kind == "additionalProperties" and isinstance(value, dict):
            allowed = list(error.schema.get("properties", {}))
            for key in value:
                if key not in allowed:
                    problems.append(
                        Problem(
                            shown,
                            doc.line_of((*path, key), key=True),
                            field_name((*path, key), doc.data),
                            f"unknown field {key!r}{suggest(key, allowed)} (allowed fields: {', '.join(allowed)})",
                        )
                    )
            continue
        if kind == "required" and isinstance(value, dict):
            for key in error.validator_value:
                if key not in value:
                    problems.append(
                        Problem(
                            shown,
                            doc.line_of(path),
                            field_name((*path, key), doc.data),
                            f"the required field {key!r} is missing{_field_help(schema, error.schema, key)}",
                        )
                    )
            continue
        line = doc.line_of(path)
        if kind == "type":
            expected = _TYPE_WORDS.get(error.validator_value, str(error.validator_value))
            message = f"expected {expected}, found {describe(value)}"
            if error.validator_value == "string" and isinstance(value, (int, bool)):
                message += '; put it in quotes to keep it as text, e.g. "2024"'
            if value is None:
                message += "; fill it in or remove the field"
            elif path and error.validator_value == "object" and error.schema.get("description"):
                # A field that became a mapping (a fact with its sources): say what goes in it.
                message += f" ({error.schema['description']})"
        elif kind == "enum":
            options = [str(o) for o in error.validator_value]
            message = (
                f"{describe(value)} is not an allowed value{suggest(str(value), options)}"
                f" (allowed: {', '.join(options)})"
            )
        elif kind == "pattern":
            name = _definition_name(schema, error.schema) or str(error.validator_value)
            message = f"{describe(value)} is not valid: {_PATTERN_WORDS.get(name, 'wrong format')}"
        elif kind == "minLength":
            message = "must not be empty"
        elif kind == "maxLength":
            message = f"is too long ({len(value)} characters; at most {error.validator_value})"
        elif kind == "minItems":
            message = "must list at least one item"
        elif kind == "uniqueItems":
            message = "lists the same item more than once"
        elif kind == "minimum":
            message = f"must be {error.validator_value} or more, found {value}"
        elif kind == "maximum":
            message = f"must be {error.validator_value} or less, found {value}"
        else:  # pragma: no cover - every keyword the schema uses is handled above
            message = error.message
        problems.append(Problem(shown, line, field_name(path, doc.data), message))
    return problems
