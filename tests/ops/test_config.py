#!/usr/bin/env python3
"""The configuration file: praxis-server and praxis-index read praxis.yaml, options override it, relative paths
are taken from the file's folder, --print-config shows the effective settings (and reads back
the same), and mistakes name the file and line.

    test_config.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import praxis_processes as pp  # noqa: E402

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]


def server(*args, cwd=None):
    return subprocess.run([SERVER_BIN, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=30)


def effective(output):
    """--print-config output without its header comment."""
    return "".join(line + "\n" for line in output.splitlines() if not line.startswith("#"))


class ConfigFile(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-config-")
        cls.site = os.path.join(cls.tmp, "site")
        pp.copy_entries(os.path.join(SOURCE, "content"), os.path.join(cls.site, "content"), 5)
        pp.run_index(INDEX_BIN, "--content", os.path.join(cls.site, "content"),
                     "--index", os.path.join(cls.site, "var", "index"),
                     "--schemas", os.path.join(SOURCE, "schemas"), "--quiet")
        cls.elsewhere = os.path.join(cls.tmp, "elsewhere")
        os.makedirs(cls.elsewhere)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.site, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_the_server_runs_from_a_file_with_paths_relative_to_it(self):
        config = self.write("praxis.yaml", (
            "index: var/index\n"
            f"schemas: {os.path.join(SOURCE, 'schemas')}\n"
            "server:\n"
            "  host: 127.0.0.1\n"
            "  port: 0\n"
            f"  web: {os.path.join(SOURCE, 'web')}\n"
            "  threads: 3\n"))
        # Started from another folder: var/index must still be found beside praxis.yaml.
        s = pp.Server(SERVER_BIN, ["--config", config, "--port", "0"], self.tmp, cwd=self.elsewhere)
        try:
            status, body = s.get("/healthz")
            self.assertEqual(status, 200)
            self.assertIn('"documents":5', body.replace(" ", ""))
        finally:
            self.assertEqual(s.stop(), 0)

    def test_options_override_the_file_and_print_config_shows_the_result(self):
        config = self.write("override.yaml", (
            "index: var/index\n"
            "server:\n"
            "  port: 9001\n"
            "  threads: 7\n"
            "  log_queries: true\n"
            "  review_token_file: secret/token\n"
            "  submissions_per_hour: 5\n"))
        r = server("--config", config, "--port", "9002", "--no-log-queries", "--print-config",
                   "--submissions-per-hour", "7", cwd=self.elsewhere)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("  port: 9002\n", r.stdout)          # option beats file
        self.assertIn("  threads: 7\n", r.stdout)          # file beats default
        self.assertIn("  log_queries: false\n", r.stdout)  # --no-log-queries beats the file
        self.assertIn(f"index: {os.path.join(self.site, 'var', 'index')}\n", r.stdout)
        self.assertIn(f"schemas: {os.path.join(self.elsewhere, 'schemas')}\n", r.stdout)
        self.assertIn("  host: 127.0.0.1\n", r.stdout)     # default
        self.assertIn("  submissions_per_hour: 7\n", r.stdout)
        self.assertIn(f"  review_token_file: {os.path.join(self.site, 'secret', 'token')}\n",
                      r.stdout)

    def test_print_config_reads_back_to_the_same_configuration(self):
        config = self.write("first.yaml", "index: var/index\nserver:\n  port: 8123\n  host: '::1'\n")
        first = server("--config", config, "--print-config", cwd=self.elsewhere)
        self.assertEqual(first.returncode, 0, first.stderr)
        printed = os.path.join(self.elsewhere, "printed.yaml")
        with open(printed, "w", encoding="utf-8") as f:
            f.write(first.stdout)
        second = server("--config", printed, "--print-config", cwd=self.tmp)
        self.assertEqual(second.returncode, 0, second.stderr)
        self.assertEqual(effective(first.stdout), effective(second.stdout))
        self.assertIn("  host: ::1\n", first.stdout)

    def test_mistakes_name_the_file_and_line_and_exit_2(self):
        cases = {
            "index: var/index\nserver:\n  port: 80\n  prot: 81\n":
                ("bad.yaml:4:", "unknown key 'server.prot'"),
            "index: var/index\nlog_queries: true\n":
                ("bad.yaml:2:", "unknown key 'log_queries'"),
            "index: var/index\nserver:\n  port: eighty\n":
                ("bad.yaml:3:", "'server.port' must be a whole number from 0 to 65535"),
            "index: var/index\nserver:\n  port: 70000\n":
                ("bad.yaml:3:", "from 0 to 65535"),
            "index: var/index\nserver:\n  log_queries: maybe\n":
                ("bad.yaml:3:", "must be true or false"),
            "index: a\nindex: b\n": ("bad.yaml:2:", "'index' is given twice"),
            "server: 8080\n": ("bad.yaml:1:", "'server' must be a map"),
            "index: [unclosed\n": ("bad.yaml:", ""),
            "- a list\n": ("bad.yaml", "must be a YAML map"),
        }
        for text, (location, message) in cases.items():
            with self.subTest(text=text):
                r = server("--config", self.write("bad.yaml", text))
                self.assertEqual(r.returncode, 2, r.stderr)
                self.assertIn(location, r.stderr)
                self.assertIn(message, r.stderr)

    def test_an_index_is_required_from_the_file_or_an_option(self):
        r = server("--config", self.write("noindex.yaml", "server:\n  port: 0\n"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("--index", r.stderr)
        r = server("--config", os.path.join(self.site, "missing.yaml"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot read the configuration file", r.stderr)

    def test_praxis_index_reads_the_same_file(self):
        config = self.write("indexer.yaml", (
            "index: var/from-config\n"
            "content: content\n"
            f"schemas: {os.path.join(SOURCE, 'schemas')}\n"
            "indexer:\n"
            "  threads: 2\n"))
        r = subprocess.run([INDEX_BIN, "--config", config, "--threads", "1", "--print-config"],
                           capture_output=True, text=True, cwd=self.elsewhere)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(f"content: {os.path.join(self.site, 'content')}\n", r.stdout)
        self.assertIn("  threads: 1\n", r.stdout)
        pp.run_index(INDEX_BIN, "--config", config, "--quiet")
        self.assertTrue(os.path.isfile(os.path.join(self.site, "var", "from-config")))
        r = subprocess.run([INDEX_BIN, "--config", self.write("bad-indexer.yaml",
                                                              "indexer:\n  threds: 2\n")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("bad-indexer.yaml:2: unknown key 'indexer.threds'", r.stderr)

    def test_the_packaged_default_configuration_is_valid(self):
        config = os.path.join(SOURCE, "packaging", "praxis.yaml")
        r = server("--config", config, "--print-config")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("index: /var/lib/praxis/index/current\n", r.stdout)
        self.assertIn("  web: /usr/share/praxis/web\n", r.stdout)
        self.assertIn("  log_queries: false\n", r.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
