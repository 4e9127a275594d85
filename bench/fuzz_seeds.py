#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz) from content/ and the test fixtures.

    bench/fuzz_seeds.py OUT_DIR

OUT_DIR/<target>/ gets one file per seed:
  front_matter_fuzz  every entry file as it is
  markdown_fuzz      the Markdown bodies of those files
  search_fuzz        query strings: words, phrases, Xapian operators, field prefixes, facet
                     filters, years, sorting and paging, taken from the entries' own values
  submission_fuzz    each entry as a submission: a byte choosing the media type (0 JSON, 1 form)
                     and the body, as the form and the JSON API send it
"""
import datetime
import glob
import hashlib
import json
import os
import random
import sys
import urllib.parse

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FACETS = {  # query parameter -> entry field
    "country": "countries", "theme": "themes", "target_group": "target_groups",
    "age_band": "age_bands", "prevention_level": "prevention_levels", "setting": "settings",
    "actor": "actors", "evidence": "evidence", "language": "language",
    "youth_participation": "youth_participation", "gender_responsive": "gender_responsive",
}
ROWS = {"sources", "evaluations", "registry_ratings"}


def entry_files():
    files = sorted(glob.glob(os.path.join(ROOT, "content", "*.md")))
    files += sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "**", "*.md"), recursive=True))
    files.append(os.path.join(ROOT, "schemas", "entry-template.md"))
    return [f for f in files if os.path.basename(f) != "README.md"]


def split(text):
    """(front matter dict or None, body)"""
    parts = text.split("\n---\n", 1)
    if not text.startswith("---\n") or len(parts) < 2:
        return None, text
    try:
        return yaml.safe_load(parts[0][4:]), parts[1]
    except yaml.YAMLError:
        return None, parts[1]


def plain(value):
    """YAML values as the JSON API takes them (dates as text)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def form_fields(fields, body):
    """The web form's fields: lists one value per line, rows as name[i].key from 1."""
    out = []
    for name, value in fields.items():
        if name in ROWS and isinstance(value, list):
            for i, row in enumerate(value):
                for key, v in (row or {}).items():
                    out.append((f"{name}[{i + 1}].{key}", str(v)))
        elif isinstance(value, list):
            out.append((name, "\n".join(str(v) for v in value)))
        elif isinstance(value, bool):
            out.append((name, "true" if value else "false"))
        else:
            out.append((name, str(value)))
    out.append(("body", body))
    out.append(("action", "preview"))
    return urllib.parse.urlencode(out)


def queries(entries, rng):
    out = ["", "q=", "q=police", "q=police+schools", "q=%22youth+work%22", "q=police+AND+NOT+school",
           "q=title%3Apolice", "q=organisation%3Aunodc", "q=tag%3Aschools", "q=theme%3Aharm-reduction",
           "q=prev*", "q=-cannabis+%2Bschool", "q=%D0%BF%D0%BE%D0%BB%D0%B8%D1%86%D0%B8%D1%8F",
           "q=year%3A2010..2015", "q=polise", "year_from=2010&year_to=2020", "sort=title&page=2",
           "sort=updated&per_page=100", "sort=oldest", "sort=newest&page=1000", "lang=ru&q=school",
           "q=(police+OR+schools)+NEAR+youth", "q=id%3Aplanet-youth"]
    for fields, body in entries:
        words = [w for w in body.split() if w.isalpha()]
        q = " ".join(rng.sample(words, min(len(words), rng.randint(1, 3)))) if words else ""
        params = [("q", q)]
        for param, field in FACETS.items():
            value = fields.get(field)
            if value is None or rng.random() < 0.7:
                continue
            for v in (value if isinstance(value, list) else [value])[:2]:
                params.append((param, str(v).lower() if isinstance(v, bool) else str(v)))
        if "start_year" in fields and rng.random() < 0.3:
            params.append(("year_from", str(fields["start_year"])))
        if rng.random() < 0.3:
            params.append(("sort", rng.choice(["relevance", "newest", "oldest", "title", "updated"])))
        out.append(urllib.parse.urlencode(params))
        out.append(urllib.parse.urlencode([("q", str(fields.get("title", "")))]))
    return out


def write(directory, seeds):
    os.makedirs(directory, exist_ok=True)
    for seed in seeds:
        data = seed.encode() if isinstance(seed, str) else seed
        with open(os.path.join(directory, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
    return len(seeds)


def main():
    out = sys.argv[1]
    rng = random.Random(1)
    texts = [open(f, encoding="utf-8").read() for f in entry_files()]
    entries = []
    for text in texts:
        fields, body = split(text)
        if isinstance(fields, dict):
            entries.append((plain(fields), body))
    counts = {
        "front_matter_fuzz": write(os.path.join(out, "front_matter_fuzz"), texts),
        "markdown_fuzz": write(os.path.join(out, "markdown_fuzz"), [split(t)[1] for t in texts]),
        "search_fuzz": write(os.path.join(out, "search_fuzz"), queries(entries, rng)),
        "submission_fuzz": write(os.path.join(out, "submission_fuzz"),
                                 [b"\x00" + json.dumps(dict(f, body=b), ensure_ascii=False).encode()
                                  for f, b in entries] +
                                 [b"\x01" + form_fields(f, b).encode() for f, b in entries]),
    }
    for target, n in counts.items():
        print(f"{target}: {n} seeds")


if __name__ == "__main__":
    main()
