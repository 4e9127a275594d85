#!/usr/bin/env python3
"""Privacy defaults (docs/privacy.md): the access log holds route, status, size and duration,
never the client address or the query text; /metrics holds aggregates only; --log-queries adds
query strings, still without addresses.

The client connects from 127.0.0.2 to a server on 127.0.0.1, so the client's address differs
from every address the server prints about itself.

    test_privacy.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import http.client
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import praxis_processes as pp  # noqa: E402

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]

CLIENT_ADDRESS = "127.0.0.2"
SECRET_WORD = "xylosecretquery"
USER_AGENT = "PrivacyProbeAgent/1.0"


def request_from_client(port, target):
    """GET `target` from CLIENT_ADDRESS with an identifying User-Agent; returns the status
    (and fails when a public page sets a cookie)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10,
                                            source_address=(CLIENT_ADDRESS, 0))
    try:
        connection.request("GET", target, headers={"User-Agent": USER_AGENT,
                                                   "X-Forwarded-For": "203.0.113.9"})
        response = connection.getresponse()
        response.read()
        if response.getheader("Set-Cookie") is not None:
            raise AssertionError(f"{target} sets a cookie")
        return response.status
    finally:
        connection.close()


class Privacy(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-privacy-")
        cls.ids = pp.copy_entries(os.path.join(SOURCE, "content"),
                                  os.path.join(cls.tmp, "content"), 5)
        cls.index = os.path.join(cls.tmp, "var", "index")
        pp.run_index(INDEX_BIN, "--content", os.path.join(cls.tmp, "content"),
                     "--index", cls.index, "--schemas", os.path.join(SOURCE, "schemas"), "--quiet")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def run_requests(self, extra_args, name):
        server = pp.Server(SERVER_BIN, ["--index", self.index,
                                        "--schemas", os.path.join(SOURCE, "schemas"),
                                        "--web", os.path.join(SOURCE, "web"), *extra_args],
                           self.tmp, name=name)
        try:
            targets = [f"/api/v1/search?q={SECRET_WORD}&country=de",
                       f"/?q={SECRET_WORD}+heroin",
                       f"/practices/{self.ids[0]}", "/about", "/contribute",
                       f"/api/v1/export?format=json&q={SECRET_WORD}",
                       f"/api/v1/practices/{self.ids[0]}",
                       "/healthz"]
            for target in targets:
                self.assertLess(request_from_client(server.port, target), 500, target)
            status, metrics = server.get("/metrics")
            self.assertEqual(status, 200)
        finally:
            self.assertEqual(server.stop(), 0)
        return server.stdout(), server.stderr(), metrics

    def assert_no_client_identity(self, *texts):
        for text in texts:
            self.assertNotIn(CLIENT_ADDRESS, text)
            self.assertNotIn("203.0.113.9", text)
            self.assertNotIn(USER_AGENT, text)

    def test_by_default_the_log_has_routes_and_statuses_but_no_address_or_query(self):
        log, errors, metrics = self.run_requests([], "default")
        lines = log.splitlines()
        self.assertEqual(len(lines), 9, log)  # eight requests and /metrics, one line each
        # Requests on separate connections may be logged in any order.
        self.assertRegex(log, r"(?m)^GET /api/v1/search 200 \d+ [0-9.]+ms$")
        self.assertIn(f"GET /api/v1/practices/{self.ids[0]} 200", log)
        self.assertNotIn("?", log)
        self.assertNotIn(SECRET_WORD, log + errors + metrics)
        self.assert_no_client_identity(log, errors, metrics)
        self.assertNotIn("log-queries is on", errors)

    def test_metrics_are_aggregates_with_fixed_route_labels(self):
        _, _, metrics = self.run_requests([], "metrics")
        self.assertIn('praxis_http_requests_total{route="api_search",status="200"} 1', metrics)
        routes = {line.split('route="')[1].split('"')[0]
                  for line in metrics.splitlines() if 'route="' in line}
        self.assertLessEqual(routes, {"api_search", "page_search", "api_export", "api_practice",
                                      "page_practice", "page_about", "page_contribute",
                                      "healthz", "metrics"}, metrics)
        self.assertNotIn(self.ids[0], metrics)

    def test_log_queries_records_query_strings_without_addresses(self):
        log, errors, metrics = self.run_requests(["--log-queries"], "queries")
        self.assertIn(f"GET /api/v1/search?q={SECRET_WORD}&country=de 200", log)
        self.assertIn(f"GET /?q={SECRET_WORD}+heroin 200", log)
        self.assertIn("log-queries is on", errors)
        self.assertNotIn(SECRET_WORD, metrics)
        self.assert_no_client_identity(log, errors, metrics)


if __name__ == "__main__":
    unittest.main(verbosity=2)
