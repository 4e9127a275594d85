#!/usr/bin/env python3
"""praxis-index killed with SIGKILL at 20 random moments of a full build, while praxis-server
serves the index it is replacing: after every kill the server still answers, with the previous
index's document count (or the new one's, if the kill came after the new stub was published,
which is the build's commit point); no request fails; the lock of the dead run does not block
the next one; the next runs complete, give the same search results and facet counts as an
uninterrupted build, and clean up the dead runs' scratch folders and half-written generations.

    test_kill_index.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR

The synthetic corpus comes from bench/gen_corpus.py, sized so that a full build takes a few
seconds. PRAXIS_KILL_SEED=N repeats a run's kill moments (the seed is printed).
"""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ops"))
import praxis_processes as pp  # noqa: E402

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]

CORPUS_SIZE = 400    # big enough for two shards and a merge; kill moments scale with the build time
HELD_BACK = 100      # entries the previous index lacks, so the two indexes differ in size
KILLS = 20
QUERIES = ["/api/v1/search?per_page=1", "/api/v1/search?q=police&per_page=20",
           "/api/v1/search?q=school+prevention&theme=school-prevention",
           "/api/v1/search?q=%22young+people%22&per_page=20"]


def stub_target(index):
    with open(index, encoding="utf-8") as f:
        return f.read().strip()


def index_command(content, index, *extra):
    return [INDEX_BIN, "-q", "--no-overlaps", "--schemas", os.path.join(SOURCE, "schemas"),
            "--content", content, "--index", index, *extra]


def build(content, index, *extra):
    subprocess.run(index_command(content, index, *extra), check=True, timeout=300,
                   preexec_fn=pp.die_with_parent)


class Load(threading.Thread):
    """Searches and health checks against the server without pause; every failure is kept."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server = server
        self.stop = threading.Event()
        self.requests = 0
        self.failures = []

    def run(self):
        n = 0
        while not self.stop.is_set():
            target = QUERIES[n % len(QUERIES)] if n % 5 else "/healthz"
            n += 1
            try:
                status, _ = self.server.get(target, timeout=30)
            except OSError as e:
                status = repr(e)
            self.requests += 1
            if status != 200:
                self.failures.append((target, status))


class KillDuringFullBuild(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="praxis-kill-")
        self.content = os.path.join(self.tmp, "content")
        subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "gen_corpus.py"),
                        str(CORPUS_SIZE), self.content, "--seed", "3"],
                       check=True, capture_output=True, timeout=120)
        self.servers = []

    def tearDown(self):
        for s in self.servers:
            s.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def documents(self, server):
        status, body = server.get("/healthz")
        return json.loads(body)["documents"] if status == 200 else None

    def answers(self, server):
        """Totals of the fixed queries and the facet counts of the whole index."""
        out = {}
        for q in QUERIES:
            status, body = server.get(q)
            self.assertEqual(status, 200, q)
            j = json.loads(body)
            out[q] = {"total": j["total"], "facets": j["facets"]}
        return out

    def test_kill_9_at_random_moments_of_a_full_build(self):
        seed = int(os.environ.get("PRAXIS_KILL_SEED", random.randrange(1 << 30)))
        print(f"kill moments from PRAXIS_KILL_SEED={seed}", flush=True)
        rng = random.Random(seed)
        held = os.path.join(self.tmp, "held")
        os.makedirs(held)
        for name in sorted(os.listdir(self.content))[:HELD_BACK]:
            os.rename(os.path.join(self.content, name), os.path.join(held, name))
        index = os.path.join(self.tmp, "var", "index")
        build(self.content, index)
        previous = CORPUS_SIZE - HELD_BACK
        server = pp.Server(SERVER_BIN, ["--index", index, "--schemas",
                                        os.path.join(SOURCE, "schemas"), "--threads", "4"],
                           self.tmp, end_with_test=True)
        self.servers.append(server)
        self.assertEqual(self.documents(server), previous)
        for name in os.listdir(held):
            os.rename(os.path.join(held, name), os.path.join(self.content, name))

        # An uninterrupted build of the whole corpus: the reference, and the length of a build.
        # Its new generation folder appears when the shards are merged: the last, short phase
        # before the stub is published, which random moments would seldom hit.
        reference = os.path.join(self.tmp, "ref", "index")
        reference_generations = reference + ".d"
        started = time.monotonic()
        run = subprocess.Popen(index_command(self.content, reference, "--full"),
                               preexec_fn=pp.die_with_parent)
        merge_started = None
        while run.poll() is None:
            if merge_started is None and os.path.isdir(reference_generations) and any(
                    f.startswith("gen-") for f in os.listdir(reference_generations)):
                merge_started = time.monotonic() - started
            time.sleep(0.01)
        self.assertEqual(run.returncode, 0)
        build_seconds = time.monotonic() - started
        merge_started = merge_started or 0.8 * build_seconds
        print(f"an uninterrupted full build of {CORPUS_SIZE} entries: {build_seconds:.1f} s, "
              f"merging from {merge_started:.1f} s", flush=True)
        # Half the kills at a random moment of the build; half at a random moment after its
        # new generation folder appears (the merge and the publication), whenever that is.
        merge_seconds = build_seconds - merge_started
        moments = [(False, rng.uniform(0.02, 0.95) * build_seconds) for _ in range(KILLS // 2)]
        moments += [(True, rng.uniform(0, 1.1 * merge_seconds)) for _ in range(KILLS // 2)]
        rng.shuffle(moments)

        load = Load(server)
        load.start()
        generations = os.path.join(self.tmp, "var", "index.d")
        phases = {"scratch": 0, "new generation": 0, "published": 0, "finished": 0}
        for kill, (after_merge_starts, moment) in enumerate(moments):
            before = stub_target(index)
            existing = set(os.listdir(generations))
            run = subprocess.Popen(index_command(self.content, index, "--full"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   preexec_fn=pp.die_with_parent)
            if after_merge_starts:
                pp.wait_for(lambda: run.poll() is not None or any(
                    f.startswith("gen-") for f in set(os.listdir(generations)) - existing),
                    300, step=0.005)
            time.sleep(moment)
            appeared = set(os.listdir(generations)) - existing
            if run.poll() is None:
                run.kill()
            _, stderr = run.communicate(timeout=60)
            after = stub_target(index)
            if run.returncode == 0:
                phases["finished"] += 1
            elif after != before:
                phases["published"] += 1
            elif any(f.startswith("gen-") for f in appeared):
                phases["new generation"] += 1
            else:
                phases["scratch"] += 1
            self.assertIn(run.returncode, (0, -signal.SIGKILL), stderr.decode(errors="replace"))
            # The stub is the commit point: it names the old generation or the new, complete one.
            expected = previous if after == before else CORPUS_SIZE
            if after != before:
                previous = CORPUS_SIZE
            self.assertTrue(os.path.isdir(os.path.join(self.tmp, "var", after.split(" ", 1)[1])))
            seen = pp.wait_for(lambda: self.documents(server) == expected, 10)
            self.assertTrue(seen, f"kill {kill + 1}: the server does not serve {expected} "
                                  f"documents (it reports {self.documents(server)})")
        print(f"kills by phase of the build: {phases}", flush=True)

        # The next run after the last kill: an incremental one, over the leftovers.
        build(self.content, index)
        self.assertTrue(pp.wait_for(lambda: self.documents(server) == CORPUS_SIZE, 10))
        # A full one: it publishes a new generation and removes the dead runs' folders.
        build(self.content, index, "--full")
        self.assertTrue(pp.wait_for(lambda: self.documents(server) == CORPUS_SIZE, 10))
        load.stop.set()
        load.join(timeout=60)
        self.assertEqual(load.failures[:10], [])
        self.assertGreater(load.requests, KILLS)
        print(f"{load.requests} requests during the kills, none failed", flush=True)
        leftovers = sorted(os.listdir(generations))
        self.assertFalse([f for f in leftovers if f.startswith("tmp-")], leftovers)
        self.assertLessEqual(len(leftovers), 2, leftovers)  # the current and the previous one
        self.assertTrue(server.running())

        ref_server = pp.Server(SERVER_BIN, ["--index", reference, "--schemas",
                                            os.path.join(SOURCE, "schemas"), "--threads", "2"],
                               self.tmp, name="reference-server", end_with_test=True)
        self.servers.append(ref_server)
        self.assertEqual(self.answers(server), self.answers(ref_server))


if __name__ == "__main__":
    unittest.main(verbosity=2)
