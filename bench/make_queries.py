#!/usr/bin/env python3
"""Writes the fixed query set of the search benchmark for a synthetic corpus.

    bench/make_queries.py CORPUS_DIR OUT_PREFIX [--seed S]

OUT_PREFIX.txt holds one API path per line (for wrk); OUT_PREFIX.json the same queries as
data (for the SQLite FTS5 peer). The mix: frequent and rare single words, two- and three-word
queries, phrases taken from the bodies, facet-only browsing, and text with filters.
"""
import collections
import json
import os
import random
import re
import sys
import urllib.parse

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORD = re.compile(r"[a-z]{4,}")


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    vocabulary = yaml.safe_load(open(os.path.join(ROOT, "schemas", "vocabulary.yaml")))
    files = sorted(os.listdir(corpus))
    df = collections.Counter()
    bodies = []
    for name in rng.sample(files, min(2000, len(files))):
        body = open(os.path.join(corpus, name), encoding="utf-8").read().split("---\n", 2)[2].lower()
        bodies.append(body)
        df.update(set(WORD.findall(body)))
    ranked = [w for w, _ in df.most_common()]
    frequent = ranked[20:220]                     # common, but not the very commonest
    rare = [w for w, n in df.items() if 3 <= n <= 20]
    countries = [c for r in vocabulary["regions"].values() for c in r["countries"]]
    facets = {"theme": list(vocabulary["themes"]), "country": [str(c) for c in countries],
              "actor": list(vocabulary["actors"]), "evidence": list(vocabulary["evidence"]),
              "setting": list(vocabulary["settings"]), "target_group": list(vocabulary["target_groups"])}

    def facet_filter(n):
        params = []
        for name in rng.sample(list(facets), n):
            params.append((name, rng.choice(facets[name])))
        return params

    queries = []
    for _ in range(60):
        queries.append({"q": rng.choice(frequent), "filters": []})
    for _ in range(40):
        queries.append({"q": rng.choice(rare), "filters": []})
    for _ in range(60):
        queries.append({"q": " ".join(rng.sample(frequent, rng.choice([2, 3]))), "filters": []})
    for _ in range(40):
        words = WORD.findall(rng.choice(bodies))
        i = rng.randrange(max(1, len(words) - 2))
        queries.append({"q": '"' + " ".join(words[i:i + 2]) + '"', "filters": [], "phrase": True})
    for _ in range(50):
        queries.append({"q": "", "filters": facet_filter(rng.choice([1, 2]))})
    for _ in range(50):
        year = rng.randrange(1995, 2020)
        queries.append({"q": rng.choice(frequent + rare), "filters": facet_filter(rng.choice([1, 2])),
                        "year_from": year, "year_to": year + 10})
    with open(out + ".json", "w") as f:
        json.dump(queries, f, indent=0)
    with open(out + ".txt", "w") as f:
        for q in queries:
            params = ([("q", q["q"])] if q["q"] else []) + q["filters"]
            if "year_from" in q:
                params += [("year_from", q["year_from"]), ("year_to", q["year_to"])]
            f.write("/api/v1/search?" + urllib.parse.urlencode(params) + "\n")
    print(f"{len(queries)} queries written to {out}.txt and {out}.json")


if __name__ == "__main__":
    main()
