#!/usr/bin/env python3
"""The benchmark's peer: the same corpus and queries answered in process by SQLite FTS5.

    bench/fts5_peer.py CORPUS_DIR QUERIES.json DB_PATH [--threads N] [--seconds S]

Porter stemming, bm25 with title/summary/body weights 4/2/1, 20 results with snippets, and
the same facet counts as praxis-server (disjunctive: each facet's counts ignore its own
selection) by GROUP BY over the match set. Prints queries per second.
"""
import argparse
import json
import os
import sqlite3
import threading
import time

import yaml

FACETS = {"country": "countries", "theme": "themes", "target_group": "target_groups",
          "setting": "settings", "actor": "actors", "evidence": "evidence",
          "age_band": "age_bands", "prevention_level": "prevention_levels", "language": "language"}


def build(corpus, path):
    if os.path.exists(path):
        return
    db = sqlite3.connect(path)
    db.executescript("""
      CREATE VIRTUAL TABLE fts USING fts5(title, summary, body, tokenize='porter unicode61');
      CREATE TABLE doc(id INTEGER PRIMARY KEY, start_year INTEGER);
      CREATE TABLE facet(doc INTEGER, name TEXT, value TEXT);
    """)
    for i, name in enumerate(sorted(os.listdir(corpus)), 1):
        text = open(os.path.join(corpus, name), encoding="utf-8").read()
        _, front, body = text.split("---\n", 2)
        e = yaml.load(front, Loader=yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader)
        db.execute("INSERT INTO fts(rowid, title, summary, body) VALUES (?,?,?,?)", (i, e["title"], e["summary"], body))
        db.execute("INSERT INTO doc VALUES (?,?)", (i, e["start_year"]))
        for param, field in FACETS.items():
            values = e.get(field, [])
            for v in values if isinstance(values, list) else [values]:
                db.execute("INSERT INTO facet VALUES (?,?,?)", (i, param, str(v)))
    db.executescript("CREATE INDEX facet_nv ON facet(name, value, doc); CREATE INDEX facet_doc ON facet(doc);")
    db.commit()
    db.close()


def run_query(db, q):
    """One search: 20 ranked results with snippets, the exact total, disjunctive facet counts."""
    db.execute("DROP TABLE IF EXISTS temp.m")
    db.execute("DROP TABLE IF EXISTS temp.f")
    db.execute("CREATE TEMP TABLE m(id INTEGER PRIMARY KEY)")
    if q["q"]:
        db.execute("INSERT INTO m SELECT rowid FROM fts WHERE fts MATCH ?", (q["q"],))
    else:
        db.execute("INSERT INTO m SELECT id FROM doc")
    selected = {}
    for name, value in q["filters"]:
        selected.setdefault(name, []).append(value)
    years = ""
    if "year_from" in q:
        years = f" AND id IN (SELECT id FROM doc WHERE start_year BETWEEN {int(q['year_from'])} AND {int(q['year_to'])})"

    def restriction(skip):
        sql, args = years, []
        for name, values in selected.items():
            if name != skip:
                sql += f" AND id IN (SELECT doc FROM facet WHERE name=? AND value IN ({','.join('?' * len(values))}))"
                args += [name] + values
        return sql, args

    where, args = restriction(None)
    filtered = bool(where)
    if filtered:
        db.execute("CREATE TEMP TABLE f(id INTEGER PRIMARY KEY)")
        db.execute(f"INSERT INTO f SELECT id FROM m WHERE 1{where}", args)
    matches = "f" if filtered else "m"
    if q["q"]:
        join = f"JOIN {matches} ON {matches}.id = fts.rowid " if filtered else ""
        rows = db.execute(
            f"SELECT fts.rowid, title, snippet(fts, 2, '<mark>', '</mark>', '…', 24) FROM fts {join}"
            f"WHERE fts MATCH ? ORDER BY bm25(fts, 4.0, 2.0, 1.0) LIMIT 20", (q["q"],)).fetchall()
    else:
        rows = db.execute(f"SELECT doc.id FROM doc JOIN {matches} USING (id) ORDER BY start_year DESC LIMIT 20").fetchall()
    total = db.execute(f"SELECT count(*) FROM {matches}").fetchone()[0]
    counts = db.execute(f"SELECT name, value, count(*) FROM facet JOIN {matches} ON facet.doc = {matches}.id "
                        f"GROUP BY name, value").fetchall()
    for name in selected:  # a selected facet counts without its own selection
        w, a = restriction(name)
        counts += db.execute(f"SELECT value, count(*) FROM facet WHERE name=? AND doc IN (SELECT id FROM m WHERE 1{w}) "
                             f"GROUP BY value", [name] + a).fetchall()
    return total, rows, counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus")
    parser.add_argument("queries")
    parser.add_argument("db")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seconds", type=float, default=20)
    a = parser.parse_args()
    build(a.corpus, a.db)
    queries = json.load(open(a.queries))
    done = [0] * a.threads
    stop = time.time() + a.seconds

    def worker(t):
        db = sqlite3.connect(a.db, check_same_thread=False)
        i = t
        while time.time() < stop:
            run_query(db, queries[i % len(queries)])
            i += 1
            done[t] += 1

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(a.threads)]
    start = time.time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.time() - start
    print(json.dumps({"threads": a.threads, "queries": sum(done), "seconds": round(elapsed, 2),
                      "qps": round(sum(done) / elapsed, 1)}))


if __name__ == "__main__":
    main()
