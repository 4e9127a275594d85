#!/usr/bin/env python3
"""Script injection: an entry whose every text field carries HTML and script payloads (raw
<script>, javascript: links, on...= attributes, inline SVG with script, attribute break-outs),
queries carrying the same, and a submission carrying them to the review desk. Every page that
shows them (home, search, practice, statistics, feed, about, contribution and review pages,
error pages) and the JSON API are parsed, and no payload may come out as markup: no inline
script, no event-handler attribute, no javascript: or data: URL in a link, no markup in the
feed's HTML content. The payload text itself must show up, escaped, so the test sees that the
field was rendered at all.

    test_xss.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import html
import html.parser
import http.client
import json
import os
import shutil
import sys
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ops"))
import praxis_processes as pp  # noqa: E402

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]

TOKEN = "xss-review-token-0123456789abcdef"
ENTRY_ID = "xss-probe-practice"
# Each payload names its field, so a failure says where it came from.
PAYLOADS = {
    "title": "Probe <script>alert('title')</script><img src=x onerror=alert('title2')>",
    "summary": "Summary \"><svg onload=alert('summary')><script>alert('summary2')</script>",
    "organisation": "Org </title><script>alert('org')</script><a href=\"javascript:alert('org2')\">x</a>",
    "tag": "<img src=x onerror=alert('tag')>",
    "source": "<svg><script>alert('source')</script></svg>",
}
BODY = """## Context <script>alert('heading')</script>

<script>alert('body')</script>

<img src="x" onerror="alert('bodyimg')">

<svg xmlns="http://www.w3.org/2000/svg" onload="alert('bodysvg')"><script>alert('bodysvg2')</script></svg>

A [plain link](javascript:alert('bodylink')) and [another](JaVaScRiPt:alert('bodylink2')), an
![image](javascript:alert('bodyimage')), a [data link](data:text/html;base64,PHNjcmlwdD4=),
<a href="javascript:alert('bodyanchor')" onclick="alert('bodyclick')">an anchor</a> and
<iframe src="javascript:alert('bodyframe')"></iframe> <style>body{display:none}</style>.

Text with a "quote", an 'apostrophe' & an ampersand; `<script>alert('code')</script>` as code.
"""
QUERY_PAYLOADS = ["<script>alert('q1')</script>", "\"><svg onload=alert('q2')>",
                  "' onmouseover='alert(3)", "javascript:alert('q4')"]


def yaml_string(s):
    return json.dumps(s)  # JSON strings are YAML strings


def probe_entry():
    return f"""---
id: {ENTRY_ID}
title: {yaml_string(PAYLOADS["title"])}
summary: {yaml_string(PAYLOADS["summary"])}
language: en
countries: [AT]
themes: [community-policing]
target_groups: [parents-families]
settings: [community-neighbourhood]
actors: [police]
evidence: not-evaluated
start_year: 2019
organisation: {yaml_string(PAYLOADS["organisation"])}
youth_participation: false
gender_responsive: false
sources:
  - title: {yaml_string(PAYLOADS["source"])}
    url: "https://example.org/?a=\\"><script>alert('url')</script>&b='onmouseover='alert(1)"
  - title: Second source
    url: "https://example.org/x\\"onmouseover=\\"alert('url2')"
updated: 2026-11-28
tags: [{yaml_string(PAYLOADS["tag"])}, "javascript:alert('tag2')"]
---
{BODY}"""


class Markup(html.parser.HTMLParser):
    """Collects what would run in a browser: inline scripts, event handlers, script URLs."""
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                      "background", "srcset"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        self.check(tag, attrs)
        if tag == "script":
            self.in_script = True

    def handle_startendtag(self, tag, attrs):
        self.check(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def check(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self.problems.append("an inline <script>")
        if tag in ("iframe", "object", "embed", "base"):
            self.problems.append(f"a <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in self.URL_ATTRIBUTES and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}>")

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append("script content: " + data.strip()[:40])


def markup_problems(text):
    parser = Markup()
    parser.feed(text)
    parser.close()
    return parser.problems


class Xss(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-xss-")
        cls.content = os.path.join(cls.tmp, "content")
        pp.copy_entries(os.path.join(SOURCE, "content"), cls.content, 10)
        with open(os.path.join(cls.content, ENTRY_ID + ".md"), "w", encoding="utf-8") as f:
            f.write(probe_entry())
        cls.index = os.path.join(cls.tmp, "var", "index")
        cls.submissions = os.path.join(cls.tmp, "submissions")
        pp.run_index(INDEX_BIN, "--content", cls.content, "--index", cls.index, "--schemas",
                     os.path.join(SOURCE, "schemas"), "--quiet", "--no-overlaps")
        token = os.path.join(cls.tmp, "token")
        with open(token, "w") as f:
            f.write(TOKEN + "\n")
        os.chmod(token, 0o600)
        cls.server = pp.Server(SERVER_BIN, [
            "--index", cls.index, "--web", os.path.join(SOURCE, "web"),
            "--schemas", os.path.join(SOURCE, "schemas"), "--content", cls.content,
            "--submissions", cls.submissions, "--review-token-file", token,
            "--submissions-per-hour", "1000"], cls.tmp, end_with_test=True)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def request(self, method, target, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        try:
            connection.request(method, target, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode("utf-8")
        finally:
            connection.close()

    def assert_page_safe(self, target, text, expect=None):
        problems = markup_problems(text)
        self.assertEqual(problems, [], f"{target}: payload came out as markup")
        self.assertNotIn("<script>alert", text, target)
        if expect:
            self.assertIn(expect, html.unescape(text), f"{target}: the payload was not shown at all")

    def page(self, target, expect=None, status=200):
        code, headers, text = self.request("GET", target)
        self.assertEqual(code, status, target)
        if headers.get("Content-Type", "").startswith("text/html"):
            self.assertIn("script-src 'self'", headers.get("Content-Security-Policy", ""), target)
        self.assert_page_safe(target, text, expect)
        return text

    def test_the_practice_page(self):
        text = html.unescape(self.page(f"/practices/{ENTRY_ID}", expect=PAYLOADS["title"]))
        for field in ("summary", "organisation", "tag", "source"):
            self.assertIn(PAYLOADS[field], text, field)

    def test_search_results_home_and_listing_pages(self):
        for target in ["/", "/?q=probe", "/?q=summary+probe&country=AT", "/?q=probe&page=1",
                       "/fragments/search?q=probe", "/?sort=updated", "/?q=alert",
                       "/?q=" + urllib.parse.quote(PAYLOADS["tag"])]:
            with self.subTest(target):
                self.page(target)
        self.page("/?q=probe", expect=PAYLOADS["title"])

    def test_queries_carrying_payloads(self):
        for q in QUERY_PAYLOADS:
            quoted = urllib.parse.quote(q)
            for target in [f"/?q={quoted}", f"/fragments/search?q={quoted}", f"/?q=probe+{quoted}",
                           f"/stats?q={quoted}", f"/about?q={quoted}", f"/?q={quoted}&sort={quoted}",
                           f"/?q={quoted}&country={quoted}", f"/?q={quoted}&lang={quoted}"]:
                with self.subTest(target):
                    code, _, text = self.request("GET", target)
                    self.assertLess(code, 500, target)
                    self.assert_page_safe(target, text)

    def test_statistics_and_about(self):
        self.page("/stats")
        self.page("/stats?q=probe")
        self.page("/about")

    def test_the_feed(self):
        for target in ["/feed.atom?q=probe", "/feed.atom?q=" + urllib.parse.quote(QUERY_PAYLOADS[0]),
                       "/feed.atom?q=" + urllib.parse.quote(QUERY_PAYLOADS[1])]:
            with self.subTest(target):
                code, _, text = self.request("GET", target)
                self.assertEqual(code, 200, target)
                root = ET.fromstring(text)  # well-formed: nothing broke out of the XML
                for element in root.iter():
                    value = element.text or ""
                    # Text constructs default to type="text", shown as text by feed readers;
                    # type="html" is rendered as HTML, so it is checked as HTML.
                    if element.get("type") == "html":
                        self.assert_page_safe(target + " " + element.tag, value)
                    self.assertNotEqual(element.get("type"), "xhtml", element.tag)
                    self.assertFalse(element.tag.endswith(("script", "svg", "img", "a")), element.tag)
                    for name, attribute in element.attrib.items():
                        self.assertFalse("".join(attribute.split()).lower().startswith("javascript:"),
                                         f"{target}: {element.tag} {name}={attribute}")
                if "probe" in target:
                    titles = [e.text for e in root.iter() if e.tag.endswith("title")]
                    self.assertIn(PAYLOADS["title"], titles)

    def test_the_json_api(self):
        for target in ["/api/v1/search?q=probe", f"/api/v1/practices/{ENTRY_ID}",
                       "/api/v1/search?q=" + urllib.parse.quote(QUERY_PAYLOADS[0])]:
            with self.subTest(target):
                code, headers, text = self.request("GET", target)
                self.assertEqual(code, 200, target)
                self.assertTrue(headers["Content-Type"].startswith("application/json"), target)
                self.assertEqual(headers.get("X-Content-Type-Options"), "nosniff")
                data = json.loads(text)
                # Fields that are HTML by contract are checked as HTML.
                if "body_html" in data:
                    self.assert_page_safe(target + " body_html", data["body_html"], expect="alert(")
                for result in data.get("results", []):
                    self.assert_page_safe(target + " snippet", result.get("snippet", ""))
        code, _, text = self.request("GET", "/api/v1/practices/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        self.assertEqual(code, 404)

    def test_error_pages_echoing_the_path(self):
        for target in ["/practices/%3Cscript%3Ealert('id')%3C%2Fscript%3E",
                       "/no-such-page%22%3E%3Csvg%20onload=alert(1)%3E",
                       "/practices/x%22onmouseover=%22alert(1)"]:
            with self.subTest(target):
                code, _, text = self.request("GET", target)
                self.assertGreaterEqual(code, 400)
                self.assertLess(code, 500)
                self.assert_page_safe(target, text)

    def form(self, **fields):
        values = {"title": "Probe submission " + PAYLOADS["title"],
                  "summary": "Officers and parents meet; " + PAYLOADS["summary"],
                  "language": "en", "countries": "AT", "themes": "community-policing",
                  "target_groups": "parents-families", "settings": "community-neighbourhood",
                  "actors": "police", "evidence": "not-evaluated", "start_year": "2019",
                  "organisation": PAYLOADS["organisation"],
                  "sources[1].title": PAYLOADS["source"],
                  "sources[1].url": "https://example.org/?a=\"><script>alert('formurl')</script>",
                  "tags": PAYLOADS["tag"], "body": BODY, "homepage": "", "action": "submit"}
        values.update(fields)
        return urllib.parse.urlencode(list(values.items()))

    def post_form(self, target, body, cookie=None):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if cookie:
            headers["Cookie"] = cookie
        return self.request("POST", target, body=body, headers=headers)

    def test_contribution_pages(self):
        self.page("/contribute")
        # A preview re-renders every field and the body as HTML; an invalid form re-renders them
        # with the problems beside them.
        for fields in [{"action": "preview"}, {"action": "preview", "start_year": "<script>"},
                       {"action": "add_source"}, {"action": "submit", "countries": "<svg onload=x>"}]:
            with self.subTest(fields):
                code, _, text = self.post_form("/contribute", self.form(**fields))
                self.assertLess(code, 500)
                self.assert_page_safe(f"/contribute {fields}", text, expect="alert(")
        code, headers, text = self.post_form("/api/v1/submissions?dry_run=1", self.form())
        self.assertTrue(headers["Content-Type"].startswith("application/json"))

    def test_the_review_desk_shows_a_submission_safely(self):
        code, _, text = self.post_form("/contribute", self.form(title="Review probe " + PAYLOADS["title"]))
        self.assertIn(code, (200, 201), text[:500])
        pending = os.listdir(os.path.join(self.submissions, "pending"))
        self.assertTrue(pending)
        code, headers, _ = self.post_form("/review", urllib.parse.urlencode(
            {"action": "sign_in", "token": TOKEN}))
        cookie = headers.get("Set-Cookie", "").split(";")[0]
        self.assertTrue(cookie.startswith("praxis_review="), headers)
        for target in ["/review"] + ["/review/" + name[:-3] for name in pending if name.endswith(".md")]:
            with self.subTest(target):
                code, _, text = self.request("GET", target, headers={"Cookie": cookie})
                self.assertEqual(code, 200, target)
                self.assert_page_safe(target, text)
                if target != "/review":
                    self.assertIn("alert(", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
