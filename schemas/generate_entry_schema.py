#!/usr/bin/env python3
"""Generates schemas/entry.schema.json (JSON Schema 2020-12) from schemas/vocabulary.yaml.

The validator in indexer/ reads the vocabulary at run time; this schema is for editors (YAML
language servers, form builders). A test runs this script with --check, so the committed schema
cannot drift from the vocabulary.

    python3 schemas/generate_entry_schema.py          # rewrite entry.schema.json
    python3 schemas/generate_entry_schema.py --check  # exit 1 if it is out of date
"""
import json
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def english(text):
    """A vocabulary text is English, or a map of language code to text with English required."""
    return text["en"] if isinstance(text, dict) else text


def label_of(value):
    """The English label of a value: `Label`, `{en: Label, ...}` or `{label: ..., ...}`."""
    if isinstance(value, dict) and "label" in value:
        return english(value["label"])
    return english(value)


def ids(vocabulary, name):
    return list(vocabulary[name].keys())


def described(vocabulary, name):
    """An enum whose values carry their labels, for editors that show them."""
    values = []
    for key, value in vocabulary[name].items():
        values.append({"const": key, "title": label_of(value)})
    return {"oneOf": values}


def schema(vocabulary):
    countries = []
    for region in vocabulary["regions"].values():
        for code, name in region["countries"].items():
            countries.append({"const": str(code), "title": english(name)})
    slug = "^[a-z0-9]+(-[a-z0-9]+)*$"
    year = {"type": "integer", "minimum": 1900, "maximum": 2100}
    date = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
    url = {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+", "maxLength": 2048}
    text = lambda lo, hi: {"type": "string", "minLength": lo, "maxLength": hi}

    def vocab_list(name, required):
        return {"type": "array", "items": described(vocabulary, name), "uniqueItems": True,
                "minItems": 1 if required else 0}

    properties = {
        "id": {"type": "string", "pattern": slug, "maxLength": 80,
               "description": "Lowercase words joined by hyphens; equal to the file name without .md"},
        "title": text(5, 200),
        "title_local": text(1, 200),
        "summary": {**text(20, 1000), "description": "One self-contained paragraph of plain text"},
        "language": {"description": "ISO 639-1 code of the entry's text", **described(vocabulary, "languages")},
        "countries": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"oneOf": countries},
                      "description": "OSCE participating States or Partners for Co-operation; the region is derived"},
        "themes": vocab_list("themes", True),
        "target_groups": vocab_list("target_groups", True),
        "settings": vocab_list("settings", True),
        "actors": vocab_list("actors", True),
        "age_bands": vocab_list("age_bands", False),
        "prevention_levels": vocab_list("prevention_levels", False),
        "evidence": described(vocabulary, "evidence"),
        "registry_ratings": {"type": "array", "items": {
            "type": "object", "additionalProperties": False,
            "required": ["registry", "rating", "url", "checked"],
            "properties": {"registry": text(2, 200), "rating": {**text(1, 200), "description": "The registry's own words"},
                           "url": url, "checked": date}}},
        "evaluations": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["design", "finding"],
            "properties": {"design": {"enum": ["rct", "quasi-experimental", "pre-post", "qualitative", "process", "other"]},
                           "year": year, "finding": text(5, 2000), "url": url}}},
        "start_year": year,
        "end_year": {**year, "description": "At or after start_year, not in the future"},
        "organisation": text(2, 300),
        "website": url,
        "youth_participation": {"type": "boolean"},
        "gender_responsive": {"type": "boolean"},
        "sources": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["title", "url"],
            "properties": {"title": text(2, 300), "url": url, "year": year}}},
        "updated": date,
        "tags": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "contributors": {"type": "array", "items": {"type": "string", "minLength": 1}},
    }
    required = ["id", "title", "summary", "language", "countries", "themes", "target_groups",
                "settings", "actors", "evidence", "start_year", "youth_participation",
                "gender_responsive", "sources", "updated"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Praxis entry front matter",
        "description": "Generated from schemas/vocabulary.yaml by schemas/generate_entry_schema.py; do not edit.",
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": properties,
    }


def main():
    with open(os.path.join(HERE, "vocabulary.yaml"), encoding="utf-8") as f:
        vocabulary = yaml.safe_load(f)
    text = json.dumps(schema(vocabulary), indent=2, ensure_ascii=False) + "\n"
    target = os.path.join(HERE, "entry.schema.json")
    if "--check" in sys.argv[1:]:
        current = open(target, encoding="utf-8").read() if os.path.exists(target) else ""
        if current != text:
            print("schemas/entry.schema.json is out of date: run python3 schemas/generate_entry_schema.py")
            return 1
        print("schemas/entry.schema.json matches the vocabulary")
        return 0
    with open(target, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
