#!/usr/bin/env python3
"""Replication with Xapian's own tools, all on 127.0.0.1: praxis-index writes the master index,
xapian-replicate-server serves the folder holding its stub, xapian-replicate keeps a replica
folder up to date, and a praxis-server on the replica answers the master's changes without a
restart: an added entry (a changeset applied in place), an edited one, and a full rebuild
(a new generation, which the replica receives as a full copy).

    test_replication.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import json
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import praxis_processes as pp  # noqa: E402

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]

FOLLOW_SECONDS = 30  # an update reaches the replica in about a second; allow for a slow machine
NEW_ID = "replication-probe-entry"
NEW_WORD = "quokkareplicaprobe"


class Replication(unittest.TestCase):
    """The steps build on each other, so they run in the order of their names."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-replication-")
        cls.schemas = os.path.join(SOURCE, "schemas")
        cls.content = os.path.join(cls.tmp, "master", "content")
        cls.ids = pp.copy_entries(os.path.join(SOURCE, "content"), cls.content, 6)
        cls.master_index = os.path.join(cls.tmp, "master", "index", "current")
        cls.replica = os.path.join(cls.tmp, "replica")
        # With changesets kept, incremental updates travel as changesets, not full copies.
        cls.env = dict(os.environ, XAPIAN_MAX_CHANGESETS="10")
        cls.processes = []
        try:
            cls.reindex()
            cls.start_replication()
            cls.replica_server = cls.start(pp.Server, SERVER_BIN, ["--index", cls.replica,
                                           "--schemas", cls.schemas], cls.tmp, name="replica")
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        for process in reversed(cls.processes):
            process.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def start(cls, kind, *args, **kwargs):
        process = kind(*args, **kwargs)
        cls.processes.append(process)
        return process

    @classmethod
    def reindex(cls, *extra):
        pp.run_index(INDEX_BIN, "--content", cls.content, "--index", cls.master_index,
                     "--schemas", cls.schemas, "--quiet", *extra, env=cls.env)

    @classmethod
    def start_replication(cls):
        master_folder = os.path.dirname(cls.master_index)
        for attempt in range(5):  # a free port can be taken before the server binds it
            port = pp.free_port()
            server = pp.Process(f"replicate-server-{attempt}",
                                ["xapian-replicate-server", "--interface=127.0.0.1",
                                 f"--port={port}", master_folder], cls.tmp)
            if pp.wait_for_port(port, 10) and server.running():
                cls.processes.append(server)
                break
            server.stop()
        else:
            raise AssertionError("xapian-replicate-server did not start on any port")
        # Master name "current": the stub file, which always names the live generation.
        cls.replicate = cls.start(pp.Process, "replicate",
                                  ["xapian-replicate", "--host=127.0.0.1", f"--port={port}",
                                   "--master=current", "--interval=1", "--reader-time=0",
                                   "--timeout=10", "--verbose", cls.replica], cls.tmp)
        stub = os.path.join(cls.replica, "XAPIANDB")
        if not pp.wait_for(lambda: os.path.exists(stub), FOLLOW_SECONDS):
            raise AssertionError("no first copy of the index reached the replica:\n"
                                 + cls.replicate.stderr() + cls.replicate.stdout())

    def replica_json(self, path):
        status, body = self.replica_server.get(path)
        return status, (json.loads(body) if body.startswith("{") else body)

    def wait_for_replica(self, condition, what):
        ok = pp.wait_for(condition, FOLLOW_SECONDS, step=0.2)
        self.assertTrue(ok, f"the replica's server did not show {what} within {FOLLOW_SECONDS}s;"
                            f" xapian-replicate said:\n{self.replicate.stdout()}"
                            f"{self.replicate.stderr()}")

    def documents(self):
        return self.replica_json("/healthz")[1]["documents"]

    def assert_same_server_process(self):
        self.assertTrue(self.replica_server.running())
        self.assertEqual(len(pp.SERVING.findall(self.replica_server.stderr())), 1)

    def test_1_the_replica_serves_the_first_copy(self):
        status, health = self.replica_json("/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(health["documents"], len(self.ids))
        self.assertEqual(self.replica_json(f"/api/v1/practices/{self.ids[0]}")[0], 200)
        self.assertEqual(self.replica_json(f"/api/v1/practices/{NEW_ID}")[0], 404)

    def test_2_an_added_entry_arrives_as_a_changeset(self):
        with open(os.path.join(self.content, self.ids[0] + ".md"), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"(?m)^id: .*$", f"id: {NEW_ID}", text, count=1)
        text = re.sub(r"(?m)^title: .*$", f"title: Probe {NEW_WORD} practice", text, count=1)
        with open(os.path.join(self.content, NEW_ID + ".md"), "w", encoding="utf-8") as f:
            f.write(text)
        self.reindex()
        self.wait_for_replica(lambda: self.replica_json(f"/api/v1/practices/{NEW_ID}")[0] == 200
                              and self.documents() == len(self.ids) + 1, "the added entry")
        _, found = self.replica_json(f"/api/v1/search?q={NEW_WORD}")
        self.assertEqual([r["id"] for r in found["results"]], [NEW_ID])
        self.assertRegex(self.replicate.stdout() + self.replicate.stderr(),
                         r"[1-9][0-9]* changesets?")
        self.assert_same_server_process()

    def test_3_an_edited_entry_is_followed(self):
        path = os.path.join(self.content, NEW_ID + ".md")
        with open(path, encoding="utf-8") as f:
            text = f.read().replace(f"Probe {NEW_WORD} practice", f"Edited {NEW_WORD} practice")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        self.reindex()
        self.wait_for_replica(
            lambda: self.replica_json(f"/api/v1/practices/{NEW_ID}")[1].get("title", "")
            .startswith("Edited"), "the edited title")
        self.assert_same_server_process()

    def test_4_a_full_rebuild_reaches_the_replica_as_a_new_copy(self):
        removed = self.ids[1]
        os.remove(os.path.join(self.content, removed + ".md"))
        before = self.replica_json("/healthz")[1]["revision"]
        self.reindex("--full")
        with open(self.master_index, encoding="utf-8") as f:
            self.assertIn("gen-000002", f.read())
        # A request may reach the new copy a moment before the facet snapshot is rebuilt for it.
        self.wait_for_replica(lambda: self.replica_json(f"/api/v1/practices/{removed}")[0] == 404
                              and self.documents() == len(self.ids), "the removal")
        self.assertNotEqual(self.replica_json("/healthz")[1]["revision"], before)
        self.assertEqual(self.replica_json(f"/api/v1/practices/{NEW_ID}")[0], 200)
        self.assert_same_server_process()


if __name__ == "__main__":
    unittest.main(verbosity=2)
