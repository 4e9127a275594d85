#!/usr/bin/env python3
"""docs/operations.md against the real thing: its nginx and Prometheus examples are the
packaged example files, the alert rules and queries use metrics a running server exports, the
nginx site proxies to the packaged default port and logs no client address or query, the
configuration keys it lists are the ones the server accepts, and the units it names exist.
When nginx is installed, `nginx -t` checks the site file too.

    test_operations_doc.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import praxis_processes as pp  # noqa: E402

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]

EXAMPLES = {"nginx": "packaging/nginx/praxis.conf",
            "scrape": "packaging/prometheus/praxis-scrape.yml",
            "alerts": "packaging/prometheus/praxis-alerts.yml"}


def read(relative):
    with open(os.path.join(SOURCE, relative), encoding="utf-8") as f:
        return f.read()


class OperationsDoc(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.doc = read("docs/operations.md")
        cls.blocks = re.findall(r"(?ms)^```[a-z]*\n(.*?)^```$", cls.doc)
        cls.tmp = tempfile.mkdtemp(prefix="praxis-opsdoc-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_examples_in_the_doc_are_the_packaged_files(self):
        for name, path in EXAMPLES.items():
            with self.subTest(example=name):
                self.assertIn(read(path), self.blocks)
        self.assertEqual(len(self.blocks), len(EXAMPLES))

    def test_alert_rules_and_queries_use_metrics_the_server_exports(self):
        scrape = yaml.safe_load(read(EXAMPLES["scrape"]))
        self.assertEqual(scrape["scrape_configs"][0]["metrics_path"], "/metrics")
        rules = yaml.safe_load(read(EXAMPLES["alerts"]))["groups"][0]["rules"]
        self.assertGreaterEqual(len(rules), 2)
        for rule in rules:
            for field in ["alert", "expr", "for"]:
                self.assertIn(field, rule)
            self.assertIn("severity", rule["labels"])
            self.assertIn("summary", rule["annotations"])
            self.assertIn('job="praxis"', rule["expr"])
        monitoring = self.doc.split("\n## Monitoring\n")[1].split("\n## ")[0]
        used = set(re.findall(r"\bpraxis_[a-z_]+", read(EXAMPLES["alerts"]) + monitoring))
        self.assertIn("praxis_http_request_duration_seconds_bucket", used)

        pp.copy_entries(os.path.join(SOURCE, "content"), os.path.join(self.tmp, "content"), 3)
        index = os.path.join(self.tmp, "var", "index")
        pp.run_index(INDEX_BIN, "--content", os.path.join(self.tmp, "content"), "--index", index,
                     "--schemas", os.path.join(SOURCE, "schemas"), "--quiet")
        server = pp.Server(SERVER_BIN, ["--index", index, "--schemas",
                                        os.path.join(SOURCE, "schemas"),
                                        "--web", os.path.join(SOURCE, "web")], self.tmp)
        try:
            self.assertEqual(server.get("/api/v1/search?q=police")[0], 200)
            exported = pp.wait_for(lambda: (lambda m: "api_search" in m and m)(
                server.get("/metrics")[1]), 10)
        finally:
            server.stop()
        names = set(re.findall(r"(?m)^(praxis_[a-z_]+)", exported))
        # Names in the doc's metric table are families; histograms export _bucket, _sum, _count.
        families = names | {re.sub(r"_(bucket|sum|count)$", "", n) for n in names}
        self.assertLessEqual(used, families, exported)

    def test_the_nginx_site_proxies_to_the_default_port_without_client_addresses(self):
        site = read(EXAMPLES["nginx"])
        config = yaml.safe_load(read("packaging/praxis.yaml"))
        upstream = re.search(r"upstream praxis \{\s*server ([0-9.]+):([0-9]+);", site)
        self.assertEqual(upstream.group(1), config["server"]["host"])
        self.assertEqual(int(upstream.group(2)), config["server"]["port"])
        log_format = re.search(r"(?m)^log_format praxis_private (.*);$", site).group(1)
        for variable in [r"\$remote_addr", r"\$binary_remote_addr", r"\$http_x_forwarded_for",
                         r"\$request_uri", r"\$args", r"\$query_string", r"\$request\b(?!_)",
                         r"\$http_user_agent", r"\$http_referer"]:
            self.assertNotRegex(log_format, variable)
        self.assertNotRegex(site, r"(?i)proxy_set_header\s+X-(Forwarded-For|Real-IP)")
        self.assertRegex(site, r"error_log \S+ crit;")
        for access_log in re.findall(r"(?m)^\s*access_log (.*);$", site):
            self.assertTrue(access_log == "off" or access_log.endswith(" praxis_private"),
                            access_log)
        if shutil.which("nginx") is None:
            return  # the checks above stand; nginx -t needs nginx installed
        self.nginx_syntax_check(site)

    def nginx_syntax_check(self, site):
        cert, key = (os.path.join(self.tmp, n) for n in ("cert.pem", "key.pem"))
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=praxis.example.org", "-keyout", key, "-out", cert],
                       check=True, capture_output=True)
        site = re.sub(r"/etc/letsencrypt/live/praxis.example.org/fullchain.pem", cert, site)
        site = re.sub(r"/etc/letsencrypt/live/praxis.example.org/privkey.pem", key, site)
        site = site.replace("/var/log/nginx/", self.tmp + "/")
        main = os.path.join(self.tmp, "nginx.conf")
        with open(main, "w", encoding="utf-8") as f:
            f.write(f"pid {self.tmp}/nginx.pid;\nerror_log {self.tmp}/error.log;\n"
                    f"events {{}}\nhttp {{\n{site}\n}}\n")
        result = subprocess.run(["nginx", "-t", "-p", self.tmp, "-c", main],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_the_configuration_keys_it_lists_are_accepted(self):
        table = re.findall(r"(?m)^\| `([a-z_.]+)` \| `--", self.doc)
        self.assertGreaterEqual(len(table), 8)
        top, sections = [], {}
        for key in table:
            section, _, name = key.rpartition(".")
            (sections.setdefault(section, []) if section else top).append(name)
        values = {"port": "8080", "threads": "2", "log_queries": "false", "host": "127.0.0.1",
                  "submissions_per_hour": "10"}
        text = "".join(f"{k}: {values.get(k, 'some/path')}\n" for k in top)
        for section, names in sections.items():
            text += f"{section}:\n" + "".join(f"  {k}: {values.get(k, 'x')}\n" for k in names)
        path = os.path.join(self.tmp, "all-keys.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        result = subprocess.run([SERVER_BIN, "--config", path, "--print-config"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, text + result.stderr)

    def test_the_units_it_names_are_packaged(self):
        for unit in set(re.findall(r"praxis-[a-z-]+@?\.(?:service|path|timer)", self.doc)):
            with self.subTest(unit=unit):
                self.assertTrue(os.path.isfile(os.path.join(SOURCE, "packaging", unit)), unit)


if __name__ == "__main__":
    unittest.main(verbosity=2)
