#!/usr/bin/env python3
"""Coverage, link and schema checks of content/, and the coverage report for editors.

    python3 tests/content/content_report.py check    # the content test (exit 1 on a failure)
    python3 tests/content/content_report.py report   # writes docs/content-coverage.md

Entries are read the way praxis-index reads them (YAML 1.2 booleans, dates kept as text), so
`NO` stays Norway. The front matter of every entry is also validated against
schemas/entry.schema.json, which keeps that schema honest.
"""
import collections
import datetime
import os
import re
import sys
import urllib.parse

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Coverage the knowledge base must keep (the content issue's floor).
MIN_STATES = 25
MIN_PER_THEME = 3
MIN_POLICE = 10
MIN_LOCAL_LANGUAGE_ENTRIES = 8
MIN_LANGUAGES = 4
MIN_NEGATIVE = 3
MIN_ENTRIES = 60

# Hosts that serve HTTPS: an http:// link to them is a mistake.
HTTPS_HOST_SUFFIXES = (
    "europa.eu", "osce.org", "coe.int", "unodc.org", "who.int", "un.org", ".gov", ".gov.uk",
    ".gc.ca", "nih.gov", "ojp.gov", "blueprintsprograms.org", "college.police.uk", "issup.net",
    "springer.com", "biomedcentral.com", "wiley.com", "sciencedirect.com", "jamanetwork.com",
    "bmj.com", "thelancet.com", "cochranelibrary.com", "campbellcollaboration.org",
)


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans (true/false only) and dates left as strings."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers
          if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_entries():
    entries = []
    content = os.path.join(ROOT, "content")
    for dirpath, _, files in os.walk(content):
        for name in sorted(files):
            if not name.endswith(".md") or name == "README.md" or name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            text = open(path, encoding="utf-8-sig").read().replace("\r\n", "\n")
            _, front, body = text.split("---\n", 2)
            data = yaml.load(front, Loader=Yaml12Loader)
            data["_path"] = os.path.relpath(path, ROOT)
            data["_body"] = body
            entries.append(data)
    return entries


def load_vocabulary():
    with open(os.path.join(ROOT, "schemas", "vocabulary.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def english(text):
    """Vocabulary texts are English, or maps of language code to text with English required."""
    return text["en"] if isinstance(text, dict) else text


def country_table(vocabulary):
    table = {}
    for region_id, region in vocabulary["regions"].items():
        for code, name in region["countries"].items():
            table[str(code)] = (english(name), region_id, bool(region.get("partner")))
    return table


def label(vocabulary, listname, key):
    value = vocabulary[listname].get(key, key)
    return english(value["label"] if isinstance(value, dict) and "label" in value else value)


def stats(entries, vocabulary):
    countries = country_table(vocabulary)
    s = {
        "entries": len(entries),
        "by_country": collections.Counter(),
        "by_region": collections.Counter(),
        "by_theme": collections.Counter(),
        "by_evidence": collections.Counter(),
        "by_language": collections.Counter(),
        "police": 0,
        "local_language": [],
    }
    english_speaking = {"GB", "IE", "US", "CA", "MT"}
    for e in entries:
        regions = set()
        for code in e["countries"]:
            s["by_country"][code] += 1
            regions.add(countries[code][1])
        for r in regions:
            s["by_region"][r] += 1
        for t in e["themes"]:
            s["by_theme"][t] += 1
        s["by_evidence"][e["evidence"]] += 1
        s["by_language"][e["language"]] += 1
        if "police" in e["actors"]:
            s["police"] += 1
        if e["language"] != "en" and not set(e["countries"]) <= english_speaking:
            s["local_language"].append(e["_path"])
    s["states"] = sorted(c for c in s["by_country"] if not countries[c][2])
    return s


def url_problems(entries):
    problems = []
    for e in entries:
        urls = [s["url"] for s in e.get("sources", [])]
        urls += [r["url"] for r in e.get("registry_ratings", [])]
        urls += [v["url"] for v in e.get("evaluations", []) if "url" in v]
        if "website" in e:
            urls.append(e["website"])
        if not any(u.lower().startswith(("http://", "https://")) for u in urls):
            problems.append(f"{e['_path']}: no http(s) source")
        for url in urls:
            parsed = urllib.parse.urlsplit(url)
            if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in url:
                problems.append(f"{e['_path']}: malformed URL {url!r}")
            elif parsed.scheme == "http" and parsed.hostname.endswith(HTTPS_HOST_SUFFIXES):
                problems.append(f"{e['_path']}: use https for {url}")
    return problems


def duplicate_problems(entries):
    """The same programme twice: equal normalised titles or the same programme website."""
    problems = []
    seen_titles, seen_sites = {}, {}
    for e in entries:
        title = re.sub(r"[\W_]+", " ", e["title"].lower()).strip()
        if title in seen_titles:
            problems.append(f"{e['_path']}: same title as {seen_titles[title]}")
        seen_titles[title] = e["_path"]
        site = e.get("website", "").lower().rstrip("/").replace("https://", "").replace("http://", "")
        if site:
            if site in seen_sites:
                problems.append(f"{e['_path']}: same website as {seen_sites[site]}")
            seen_sites[site] = e["_path"]
    return problems


def schema_problems(entries):
    try:
        import jsonschema
    except ImportError:
        return ["python3-jsonschema is not installed"]
    import json
    with open(os.path.join(ROOT, "schemas", "entry.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for e in entries:
        front = {k: v for k, v in e.items() if not k.startswith("_")}
        for error in validator.iter_errors(front):
            where = "/".join(str(p) for p in error.path)
            problems.append(f"{e['_path']}: schema: {where}: {error.message[:160]}")
    return problems


def check():
    entries = load_entries()
    vocabulary = load_vocabulary()
    s = stats(entries, vocabulary)
    failures = []
    if s["entries"] < MIN_ENTRIES:
        failures.append(f"{s['entries']} entries; at least {MIN_ENTRIES} wanted")
    if len(s["states"]) < MIN_STATES:
        failures.append(f"{len(s['states'])} participating States covered; at least {MIN_STATES} wanted")
    for theme in vocabulary["themes"]:
        if s["by_theme"][theme] < MIN_PER_THEME:
            failures.append(f"theme {theme}: {s['by_theme'][theme]} entries; at least {MIN_PER_THEME} wanted")
    if s["police"] < MIN_POLICE:
        failures.append(f"{s['police']} entries with police as an actor; at least {MIN_POLICE} wanted")
    if len(s["local_language"]) < MIN_LOCAL_LANGUAGE_ENTRIES:
        failures.append(f"{len(s['local_language'])} entries in a local language; at least {MIN_LOCAL_LANGUAGE_ENTRIES} wanted")
    if len(s["by_language"]) < MIN_LANGUAGES:
        failures.append(f"{len(s['by_language'])} languages; at least {MIN_LANGUAGES} wanted")
    negative = sum(s["by_evidence"][k] for k in ("mixed", "no-effect", "harmful"))
    if negative < MIN_NEGATIVE:
        failures.append(f"{negative} entries rated mixed, no-effect or harmful; at least {MIN_NEGATIVE} wanted")
    failures += url_problems(entries)
    failures += duplicate_problems(entries)
    failures += schema_problems(entries)
    for f in failures:
        print("FAIL:", f)
    print(f"{s['entries']} entries, {len(s['states'])} States, {len(s['by_language'])} languages, "
          f"{s['police']} with police, {negative} mixed/no-effect/harmful")
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


def report():
    entries = load_entries()
    vocabulary = load_vocabulary()
    s = stats(entries, vocabulary)
    countries = country_table(vocabulary)
    out = ["# Content coverage", "",
           f"Generated by `python3 tests/content/content_report.py report` from `content/` "
           f"({s['entries']} entries). Regenerate after adding entries; gaps show where contributions are most needed.", ""]

    def table(title, head, rows):
        out.extend([f"## {title}", "", f"| {head} | entries |", "|---|---:|"])
        out.extend(f"| {name} | {count} |" for name, count in rows)
        out.append("")

    table("By region", "region",
          [(label(vocabulary, "regions", r), s["by_region"][r]) for r in vocabulary["regions"]])
    missing = []
    rows = []
    for region_id, region in vocabulary["regions"].items():
        for code in region["countries"]:
            code = str(code)
            if s["by_country"][code]:
                rows.append((f"{countries[code][0]} ({code})", s["by_country"][code]))
            elif not region.get("partner"):
                missing.append(f"{countries[code][0]} ({code})")
    table("By country", "country", rows)
    out.extend(["Participating States with no entry yet: " + (", ".join(missing) or "none") + ".", ""])
    table("By theme", "theme", [(label(vocabulary, "themes", t), s["by_theme"][t]) for t in vocabulary["themes"]])
    table("By evidence level", "evidence",
          [(label(vocabulary, "evidence", k), s["by_evidence"][k]) for k in vocabulary["evidence"]])
    table("By language", "language",
          [(f"{label(vocabulary, 'languages', k)} ({k})", n) for k, n in s["by_language"].most_common()])
    out.extend([f"Entries with police among the actors: {s['police']}.", ""])
    target = os.path.join(ROOT, "docs", "content-coverage.md")
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print(f"wrote {os.path.relpath(target, ROOT)}")
    return 0


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit(check() if mode == "check" else report() if mode == "report" else 2)
