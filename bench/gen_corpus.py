#!/usr/bin/env python3
"""Writes N valid synthetic Praxis entries for benchmarks.

    bench/gen_corpus.py N OUTDIR [--seed S]

Bodies are real English prose: paragraphs of the README and text files that the installed
Debian packages ship under /usr/share/doc, plus /usr/share/common-licenses, gathered at run
time and shuffled with the seed. Front-matter values come from schemas/vocabulary.yaml. The
same seed on the same set of installed packages gives the same files.
"""
import argparse
import glob
import gzip
import json
import math
import os
import random
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOC_GLOBS = ["/usr/share/doc/*/README*", "/usr/share/doc/*/*.txt", "/usr/share/doc/*/*.txt.gz",
             "/usr/share/common-licenses/*"]
LANGUAGES = ["en"] * 17 + ["de", "fr", "ru", "es"]  # mostly English; the prose stays English
SECTIONS = ["Context", "What was done", "Role of the police and partners",
            "Evidence and results", "Lessons and transferability"]


def read_text(path):
    opener = gzip.open if path.endswith(".gz") else open
    try:
        with opener(path, "rb") as f:
            return f.read().decode("utf-8", "ignore")
    except OSError:
        return ""


def prose_paragraphs():
    """Paragraphs that read as prose: enough words, mostly letters, no tables or code."""
    paths = set()
    for pattern in DOC_GLOBS:
        for path in glob.glob(pattern):
            name = os.path.basename(path).lower()
            if "changelog" in name or name.endswith((".html", ".htm")) or not os.path.isfile(path):
                continue
            paths.add(os.path.realpath(path))
    seen, out = set(), []
    for path in sorted(paths):
        for block in re.split(r"\n\s*\n", read_text(path)):
            text = " ".join(block.split())
            words = text.split()
            if not 15 <= len(words) <= 400 or text in seen or not text.isprintable():
                continue
            letters = sum(c.isalpha() or c == " " for c in text)
            if letters < 0.85 * len(text) or re.match(r"[#>*+=|-]|\d+[.)]", text):
                continue
            seen.add(text)
            out.append((text, len(words)))
    return out


def vocabulary():
    with open(os.path.join(ROOT, "schemas", "vocabulary.yaml"), encoding="utf-8") as f:
        v = yaml.safe_load(f)
    lists = {k: list(v[k]) for k in ("themes", "target_groups", "settings", "actors",
                                     "age_bands", "prevention_levels", "evidence")}
    lists["countries"] = sorted(c for r in v["regions"].values() for c in r["countries"])
    # Texts are English or {en: ..., ru: ..., fr: ...}; the corpus uses the English.
    english = lambda t: t["en"] if isinstance(t, dict) else t
    lists["country_names"] = {c: english(n) for r in v["regions"].values()
                              for c, n in r["countries"].items()}
    lists["labels"] = {k: english(x["label"] if isinstance(x, dict) and "label" in x else x)
                       for k in ("themes",) for k, x in v[k].items()}
    return lists


def q(value):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def entry(i, rng, voc, paras):
    theme = rng.choice(voc["themes"])
    countries = rng.sample(voc["countries"], rng.choice([1, 1, 1, 2, 3]))
    words = int(min(2000, max(150, rng.lognormvariate(math.log(500), 0.6))))
    start = rng.randrange(len(paras))
    body, count, k = [], 0, 0
    while count < words:
        if k % 3 == 0 and k // 3 < len(SECTIONS):
            body.append("## " + SECTIONS[k // 3])
        text, n = paras[(start + k) % len(paras)]
        if count + n > words:  # end on the target length, at a word boundary
            n = words - count
            text = " ".join(text.split()[:n]) + "."
        body.append(text)
        count, k = count + n, k + 1
    summary = paras[(start + len(paras) // 2) % len(paras)][0]
    summary = summary[:summary.rfind(" ", 0, 600)] if len(summary) > 600 else summary
    ident = f"{theme}-{countries[0].lower()}-{i:06d}"
    title = f"{voc['labels'][theme]} in {voc['country_names'][countries[0]]} ({i})"
    year = rng.randint(1990, 2025)
    lines = [
        "---",
        f"id: {ident}",
        f"title: {q(title)}",
        f"summary: {q(summary)}",
        f"language: {rng.choice(LANGUAGES)}",
        f"countries: {q(countries)}",
        f"themes: {q(sorted({theme, *rng.sample(voc['themes'], rng.randint(0, 2))}))}",
        f"target_groups: {q(rng.sample(voc['target_groups'], rng.randint(1, 2)))}",
        f"settings: {q(rng.sample(voc['settings'], rng.randint(1, 2)))}",
        f"actors: {q(rng.sample(voc['actors'], rng.randint(1, 4)))}",
    ]
    for field in ("age_bands", "prevention_levels"):
        if rng.random() < 0.7:
            lines.append(f"{field}: {q(rng.sample(voc[field], rng.randint(1, 2)))}")
    lines.append(f"evidence: {rng.choice(voc['evidence'])}")
    lines.append(f"start_year: {year}")
    if rng.random() < 0.4:
        lines.append(f"end_year: {rng.randint(year, 2025)}")
    if rng.random() < 0.6:
        lines.append(f"organisation: {q('Organisation ' + str(rng.randint(1, 5000)))}")
    lines.append(f"youth_participation: {q(rng.random() < 0.3)}")
    lines.append(f"gender_responsive: {q(rng.random() < 0.2)}")
    lines.append("sources:")
    for s in range(rng.randint(1, 3)):
        lines.append(f"  - title: {q(f'Report {s + 1} on {title}')}")
        lines.append(f"    url: https://example.org/{ident}/report-{s + 1}")
        if rng.random() < 0.5:
            lines.append(f"    year: {rng.randint(year, 2025)}")
    lines.append(f"updated: {rng.randint(2020, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
    if rng.random() < 0.5:
        lines.append(f"tags: {q(sorted({w.lower() for w in summary.split() if w.isalpha()})[:3])}")
    lines.append("---")
    lines.append("")
    return ident, "\n".join(lines) + "\n\n".join(body) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    out = os.path.realpath(args.outdir)
    content = os.path.realpath(os.path.join(ROOT, "content"))
    if out == content or out.startswith(content + os.sep):
        sys.exit("gen_corpus.py: refusing to write into content/")
    os.makedirs(out, exist_ok=True)
    if any(name.endswith(".md") for name in os.listdir(out)):
        sys.exit(f"gen_corpus.py: {args.outdir} already holds entries; use an empty folder")

    rng = random.Random(args.seed)
    paras = prose_paragraphs()
    if len(paras) < 100:
        sys.exit("gen_corpus.py: too little prose under /usr/share/doc")
    rng.shuffle(paras)
    voc = vocabulary()
    for i in range(1, args.n + 1):
        ident, text = entry(i, rng, voc, paras)
        with open(os.path.join(out, ident + ".md"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
