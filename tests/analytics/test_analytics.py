#!/usr/bin/env python3
"""End-to-end tests of the analysts' endpoints with the real binaries.

Builds an index of entries with awkward text (commas, quotes, line breaks, Cyrillic), starts
praxis-server, and checks that CSV exports parse with Python's csv module and round-trip every
field, that JSON and JSON lines parse, that cross-tabs equal counts computed here from the
files, and that the Atom feed is well-formed and holds the right entries.

    test_analytics.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import collections
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

INDEX_BIN, SERVER_BIN, SOURCE = sys.argv[1:4]
del sys.argv[1:4]

COUNTRIES = ["DE", "FR", "KG", "NO", "RU", "US"]
THEMES = ["community-policing", "harm-reduction", "diversion", "nightlife"]


def make_entries(n):
    entries = []
    for i in range(n):
        cyr = i % 5 == 4
        title = (f'Профилактика, «кавычки» и "quotes" № {i}' if cyr
                 else f'Practice {i}: "quoted", with commas, semicolons; and more')
        summary = (f"Line one of entry {i}, with a comma.\nLine two with \"quotes\" and a tab-free "
                   f"text long enough to pass.")
        entries.append({
            "id": f"entry-{i:03d}",
            "title": title,
            "summary": summary,
            "language": "ru" if cyr else "en",
            "countries": sorted({COUNTRIES[i % 6], COUNTRIES[(i * 5) % 6]}),
            "themes": sorted({THEMES[i % 4], THEMES[(i // 3) % 4]}),
            "target_groups": ["all-youth"],
            "settings": ["school"],
            "actors": ["police"] if i % 2 else ["schools", "ngos"],
            "evidence": ["likely", "mixed", "not-evaluated"][i % 3],
            "start_year": 2000 + (i * 3) % 20,
            "youth_participation": i % 4 == 0,
            "gender_responsive": False,
            "sources": [{"title": "Source, with comma", "url": f"https://example.org/{i}?a=1&b=2"}],
            "updated": f"2025-{(i % 12) + 1:02d}-{(i % 27) + 1:02d}",
            "tags": ["tag, with comma", "другой"],
        })
    return entries


def render(entry):
    front = json.dumps(entry, ensure_ascii=False, indent=1)  # JSON is YAML
    return f"---\n{front}\n---\n\n## Context\n\nBody of {entry['id']} about police and schools.\n"


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


class Analytics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-analytics-")
        cls.entries = make_entries(40)
        content = os.path.join(cls.tmp, "content")
        os.makedirs(content)
        for e in cls.entries:
            with open(os.path.join(content, e["id"] + ".md"), "w", encoding="utf-8") as f:
                f.write(render(e))
        schemas = os.path.join(SOURCE, "schemas")
        index = os.path.join(cls.tmp, "var", "index")
        subprocess.run([INDEX_BIN, "-q", "--schemas", schemas, "--content", content, "--index", index],
                       check=True)
        cls.server = subprocess.Popen(
            [SERVER_BIN, "--index", index, "--schemas", schemas, "--web", os.path.join(SOURCE, "web"),
             "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        line = ""
        deadline = time.time() + 20
        while time.time() < deadline:
            line = cls.server.stderr.readline()
            match = re.search(r"on http://([0-9.]+:[0-9]+)/", line)
            if match:
                cls.base = "http://" + match.group(1)
                break
        else:
            raise RuntimeError("server did not start: " + line)

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def url(self, path, **params):
        pairs = []
        for k, v in params.items():
            for item in (v if isinstance(v, list) else [v]):
                pairs.append((k, item))
        return self.base + path + ("?" + urllib.parse.urlencode(pairs) if pairs else "")

    def expected(self, pred):
        return [e for e in self.entries if pred(e)]

    def test_csv_export_round_trips_every_field(self):
        status, headers, body = get(self.url("/api/v1/export", format="csv"))
        self.assertEqual(status, 200)
        self.assertIn("attachment; filename=", headers["Content-Disposition"])
        self.assertTrue(headers["Content-Type"].startswith("text/csv"))
        text = body.decode("utf-8")
        self.assertIn("\r\n", text)
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        self.assertEqual(len(rows), len(self.entries))
        by_id = {r["id"]: r for r in rows}
        for e in self.entries:
            r = by_id[e["id"]]
            self.assertEqual(r["title"], e["title"])
            self.assertEqual(r["summary"], e["summary"])
            self.assertEqual(r["countries"].split("; "), e["countries"])
            self.assertEqual(r["themes"].split("; "), e["themes"])
            self.assertEqual(r["tags"].split("; "), e["tags"])
            self.assertEqual(r["start_year"], str(e["start_year"]))
            self.assertEqual(r["sources"], e["sources"][0]["url"])
            self.assertEqual(r["youth_participation"], "true" if e["youth_participation"] else "false")
            self.assertEqual(r["updated"], e["updated"])

    def test_csv_labels_and_filters(self):
        _, _, body = get(self.url("/api/v1/export", format="csv", labels="true", country="NO"))
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))
        expected = self.expected(lambda e: "NO" in e["countries"])
        self.assertEqual(sorted(r["id"] for r in rows), sorted(e["id"] for e in expected))
        for r in rows:
            self.assertIn("Norway", r["countries"])
            self.assertNotIn("harm-reduction", r["themes"])

    def test_json_and_json_lines(self):
        _, headers, body = get(self.url("/api/v1/export", format="json", theme="diversion"))
        items = json.loads(body)
        expected = self.expected(lambda e: "diversion" in e["themes"])
        self.assertEqual(sorted(i["id"] for i in items), sorted(e["id"] for e in expected))
        _, _, body = get(self.url("/api/v1/export", format="jsonl", q="police"))
        lines = [json.loads(line) for line in body.decode("utf-8").splitlines()]
        self.assertEqual(len(lines), len(self.entries))  # every body mentions police
        original = {e["id"]: e for e in self.entries}
        for item in lines:
            self.assertEqual(item["title"], original[item["id"]]["title"])
            self.assertEqual(item["summary"], original[item["id"]]["summary"])

    def test_bad_export_parameters(self):
        for params in ({"format": "xml"}, {"labels": "maybe"}, {"nope": "1"}):
            with self.assertRaises(urllib.error.HTTPError) as ctx:
                get(self.url("/api/v1/export", **params))
            self.assertEqual(ctx.exception.code, 400)
            self.assertIn("error", json.loads(ctx.exception.read()))

    def test_cross_tab_equals_counts_from_the_files(self):
        _, _, body = get(self.url("/api/v1/stats", rows="country", cols="theme", actor="police"))
        tab = json.loads(body)
        subset = self.expected(lambda e: "police" in e["actors"])
        self.assertEqual(tab["total"], len(subset))
        rows = [v["value"] for v in tab["rows"]["values"]]
        cols = [v["value"] for v in tab["columns"]["values"]]
        for i, country in enumerate(rows):
            self.assertEqual(tab["rows"]["values"][i]["total"],
                             sum(country in e["countries"] for e in subset))
            for j, theme in enumerate(cols):
                self.assertEqual(tab["cells"][i][j],
                                 sum(country in e["countries"] and theme in e["themes"] for e in subset),
                                 (country, theme))
        for j, theme in enumerate(cols):
            self.assertEqual(tab["columns"]["values"][j]["total"], sum(theme in e["themes"] for e in subset))
        self.assertEqual(set(rows), {c for e in subset for c in e["countries"]})

    def test_year_series_and_csv(self):
        _, _, body = get(self.url("/api/v1/stats", rows="year"))
        tab = json.loads(body)
        counts = collections.Counter(e["start_year"] for e in self.entries)
        years = [int(v["value"]) for v in tab["rows"]["values"]]
        self.assertEqual(years, list(range(min(counts), max(counts) + 1)))
        for v in tab["rows"]["values"]:
            self.assertEqual(v["total"], counts.get(int(v["value"]), 0))
        _, headers, body = get(self.url("/api/v1/stats", rows="evidence", cols="language", format="csv"))
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        self.assertEqual(rows[0][:2], ["evidence", "label"])
        self.assertEqual(rows[-1][0], "total")
        self.assertEqual(int(rows[-1][-1]), len(self.entries))

    def test_atom_feed_of_a_search(self):
        status, headers, body = get(self.url("/feed.atom", country="KG"))
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("application/atom+xml"))
        ns = {"a": "http://www.w3.org/2005/Atom"}
        root = ET.fromstring(body)  # well-formed XML, or this raises
        self.assertEqual(root.tag, "{http://www.w3.org/2005/Atom}feed")
        entries = root.findall("a:entry", ns)
        expected = sorted(self.expected(lambda e: "KG" in e["countries"]),
                          key=lambda e: (e["updated"], e["title"]), reverse=True)
        self.assertEqual(len(entries), len(expected))
        updated = [e.find("a:updated", ns).text for e in entries]
        self.assertEqual(updated, sorted(updated, reverse=True))
        self.assertEqual({e.find("a:id", ns).text for e in entries},
                         {"urn:praxis:practice:" + e["id"] for e in expected})
        titles = {e.find("a:title", ns).text for e in entries}
        self.assertEqual(titles, {e["title"] for e in expected})  # quotes and Cyrillic survive
        self.assertEqual(root.find("a:link[@rel='self']", ns).get("href"), "/feed.atom?country=KG")

    def test_bad_stats_parameters(self):
        for params in ({}, {"rows": "colour"}, {"rows": "country", "cols": "country"}, {"rows": "year", "format": "xls"}):
            with self.assertRaises(urllib.error.HTTPError) as ctx:
                get(self.url("/api/v1/stats", **params))
            self.assertEqual(ctx.exception.code, 400)


if __name__ == "__main__":
    unittest.main(verbosity=2)
