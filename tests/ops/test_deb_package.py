#!/usr/bin/env python3
"""The Debian package: cpack builds it from the build folder, its control data names the
runtime libraries and the conffile, its files unpack (dpkg-deb -x) into a throw-away root, the
indexer and the server run from that root alone (its web/, schemas/ and entries), and the
packaged systemd units pass `systemd-analyze verify`.

    test_deb_package.py BUILD_DIR SOURCE_DIR
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import praxis_processes as pp  # noqa: E402

BUILD, SOURCE = map(os.path.abspath, sys.argv[1:3])
del sys.argv[1:3]

UNITS = ["praxis-server.service", "praxis-reindex.service", "praxis-reindex.path",
         "praxis-reindex.timer", "praxis-replicate-server.service", "praxis-replica@.service"]


class DebianPackage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-deb-")
        out = os.path.join(cls.tmp, "out")
        result = subprocess.run(["cpack", "-G", "DEB", "-B", out,
                                 "--config", os.path.join(BUILD, "CPackConfig.cmake")],
                                cwd=BUILD, capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            raise AssertionError(f"cpack failed:\n{result.stdout}{result.stderr}")
        debs = glob.glob(os.path.join(out, "praxis_*.deb"))
        assert len(debs) == 1, debs
        cls.deb = debs[0]
        cls.root = os.path.join(cls.tmp, "root")
        subprocess.run(["dpkg-deb", "-x", cls.deb, cls.root], check=True, timeout=60)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def in_root(self, *parts):
        return os.path.join(self.root, *parts)

    def control_field(self, field):
        return subprocess.run(["dpkg-deb", "-f", self.deb, field], capture_output=True,
                              text=True, check=True).stdout.strip()

    def test_control_data_names_runtime_libraries_and_the_conffile(self):
        depends = self.control_field("Depends")
        for library in ["libxapian30", "libyaml-cpp0.7", "libcmark", "libcpp-httplib",
                        "libxxhash0", "libstdc++6"]:
            self.assertIn(library, depends)
        self.assertEqual(self.control_field("Package"), "praxis")
        self.assertIn("xapian-tools", self.control_field("Recommends"))
        control = os.path.join(self.tmp, "control")
        subprocess.run(["dpkg-deb", "-e", self.deb, control], check=True)
        with open(os.path.join(control, "conffiles"), encoding="utf-8") as f:
            self.assertEqual(f.read().split(), ["/etc/praxis/praxis.yaml"])
        for script in ["postinst", "prerm", "postrm"]:
            self.assertTrue(os.access(os.path.join(control, script), os.X_OK), script)
            subprocess.run(["sh", "-n", os.path.join(control, script)], check=True)

    def test_the_package_holds_binaries_data_units_and_configuration(self):
        for path in ["usr/bin/praxis-server", "usr/bin/praxis-index", "etc/praxis/praxis.yaml",
                     "usr/share/praxis/schemas/vocabulary.yaml",
                     "usr/share/praxis/schemas/synonyms.yaml",
                     "usr/share/praxis/web/templates/layout.mustache",
                     "usr/share/praxis/web/i18n/en.yaml",
                     "usr/share/praxis/web/static/style.css",
                     "usr/share/doc/praxis/operations.md", "usr/share/doc/praxis/privacy.md"]:
            self.assertTrue(os.path.isfile(self.in_root(path)), path)
        for unit in UNITS:
            self.assertTrue(os.path.isfile(self.in_root("usr/lib/systemd/system", unit)), unit)
        shipped = os.listdir(self.in_root("usr/share/praxis/content"))
        self.assertEqual(sorted(shipped),
                         sorted(n for n in os.listdir(os.path.join(SOURCE, "content"))
                                if n.endswith(".md")))
        # Stripped: no debugging sections in the installed binaries.
        sections = subprocess.run(["objdump", "-h", self.in_root("usr/bin/praxis-server")],
                                  capture_output=True, text=True).stdout
        self.assertNotIn(".debug_info", sections)

    def test_index_and_serve_from_the_unpacked_root(self):
        share = self.in_root("usr/share/praxis")
        index = os.path.join(self.tmp, "var", "index")
        # The packaged configuration, with the machine paths overridden by options.
        pp.run_index(self.in_root("usr/bin/praxis-index"),
                     "--config", self.in_root("etc/praxis/praxis.yaml"),
                     "--content", os.path.join(share, "content"),
                     "--schemas", os.path.join(share, "schemas"), "--index", index,
                     "--submissions", os.path.join(self.tmp, "submissions"), "--quiet")
        server = pp.Server(self.in_root("usr/bin/praxis-server"),
                           ["--config", self.in_root("etc/praxis/praxis.yaml"), "--index", index,
                            "--web", os.path.join(share, "web"),
                            "--schemas", os.path.join(share, "schemas"), "--port", "0"],
                           self.tmp, cwd=self.tmp)
        try:
            status, body = server.get("/healthz")
            self.assertEqual(status, 200)
            entries = len(os.listdir(os.path.join(share, "content")))
            self.assertEqual(json.loads(body)["documents"], entries)
            status, body = server.get("/api/v1/search?q=police")
            self.assertEqual(status, 200)
            self.assertGreater(json.loads(body)["total"], 0)
            status, page = server.get("/")
            self.assertEqual(status, 200)
            self.assertIn("<html", page)
            status, _ = server.get("/static/style.css")
            self.assertEqual(status, 200)
        finally:
            self.assertEqual(server.stop(), 0)

    def test_the_units_verify_and_are_sandboxed(self):
        units = os.path.join(self.tmp, "units")
        os.makedirs(units, exist_ok=True)
        texts = {}
        for unit in UNITS:
            with open(self.in_root("usr/lib/systemd/system", unit), encoding="utf-8") as f:
                texts[unit] = f.read()
            # ExecStart must name a program that exists: point ours at the unpacked root.
            name = unit.replace("@.", "@replica-test.")
            with open(os.path.join(units, name), "w", encoding="utf-8") as f:
                f.write(texts[unit].replace("/usr/bin/praxis-", self.in_root("usr/bin/praxis-")))
        server = texts["praxis-server.service"]
        for directive in ["DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes",
                          "CapabilityBoundingSet=\n", "ExecStart=/usr/bin/praxis-server --config "
                          "/etc/praxis/praxis.yaml"]:
            self.assertIn(directive, server)
        self.assertRegex(server, r"ReadOnlyPaths=.*/var/lib/praxis/index")
        self.assertRegex(server, r"ReadWritePaths=.*/var/lib/praxis/submissions")
        self.assertIn("PathChanged=/var/lib/praxis/content", texts["praxis-reindex.path"])
        if shutil.which("systemd-analyze") is None:
            self.skipTest("systemd-analyze is not installed")
        names = sorted(os.listdir(units))
        result = subprocess.run(["systemd-analyze", "verify", *("./" + n for n in names)], cwd=units,
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertFalse(re.search(r"(?i)unknown|invalid|failed", result.stderr), result.stderr)
        # systemd's own rating of the sandbox: 0 is best, 10 worst; "OK" ends at 4.9.
        for unit in ["praxis-server.service", "praxis-reindex.service"]:
            rated = subprocess.run(["systemd-analyze", "security", "--offline=yes", "./" + unit],
                                   cwd=units, capture_output=True, text=True, timeout=60)
            level = re.search(r"Overall exposure level for \S+: ([0-9.]+)", rated.stdout)
            self.assertIsNotNone(level, rated.stdout + rated.stderr)
            self.assertLessEqual(float(level.group(1)), 2.0, unit)


if __name__ == "__main__":
    unittest.main(verbosity=2)
