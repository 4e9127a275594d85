#!/usr/bin/env python3
"""Faults around the index and the submission folder:

- praxis-server started over a missing, empty or damaged index stops with a clear message and
  exit status 1, never a crash (a signal) and never serving a broken index;
- praxis-index on a full file system fails with a clear message and leaves the old index intact
  and served; once there is room again the next run succeeds. As root the file system is a
  small tmpfs, mounted in a private mount namespace (the test re-runs itself under
  `unshare --mount`); otherwise a file size limit (RLIMIT_FSIZE, as `ulimit -f`) stands in for
  it, and the test says so;
- a server killed with SIGKILL while storing submissions never leaves a partial submission in
  pending/: every file there is a complete entry.

The read-only and full submission folder (503) is covered by tests/contribution.

    test_faults.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ops"))
import praxis_processes as pp  # noqa: E402

NAMESPACE_MARK = "PRAXIS_FAULTS_PRIVATE_MOUNTS"
if (os.geteuid() == 0 and not os.environ.get(NAMESPACE_MARK) and shutil.which("unshare")
        and subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0):
    # Mounts made by this test then vanish with it, whatever happens.
    os.environ[NAMESPACE_MARK] = "1"
    os.execvp("unshare", ["unshare", "--mount", "--propagation", "private",
                          sys.executable, *sys.argv])

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]
SCHEMAS = os.path.join(SOURCE, "schemas")


def index_command(content, index, *extra):
    return [INDEX_BIN, "--no-overlaps", "--schemas", SCHEMAS, "--content", content,
            "--index", index, *extra]


def generate(count, folder, seed):
    subprocess.run([sys.executable, os.path.join(SOURCE, "bench", "gen_corpus.py"), str(count),
                    folder, "--seed", str(seed)], check=True, capture_output=True, timeout=120)


def folder_bytes(path):
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            total += os.path.getsize(os.path.join(root, name))
    return total


class ServerStart(unittest.TestCase):
    """A damaged index at start-up: status 1 and a message, within a bounded time."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-start-")
        cls.good = os.path.join(cls.tmp, "good", "index")
        pp.index_copy(INDEX_BIN, SOURCE, cls.tmp, 20, cls.good)
        with open(cls.good) as f:
            cls.generation = os.path.join(os.path.dirname(cls.good), f.read().split()[1])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def damaged_copy(self, name, damage):
        """A copy of the good index (stub and generation) with `damage(generation, stub)` done."""
        folder = os.path.join(self.tmp, name)
        shutil.copytree(os.path.dirname(self.good), folder)
        stub = os.path.join(folder, "index")
        generation = os.path.join(folder, os.path.relpath(self.generation, os.path.dirname(self.good)))
        damage(generation, stub)
        return stub

    def expect_refused(self, index, message):
        server = subprocess.Popen([SERVER_BIN, "--index", index, "--schemas", SCHEMAS,
                                   "--port", "0", "--web", os.path.join(SOURCE, "web")],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                  preexec_fn=pp.die_with_parent)
        try:
            # A server that starts serving never exits by itself: stop it and say so.
            _, stderr = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, stderr = server.communicate()
            self.fail(f"{index}: the server serves a damaged index:\n{stderr}")
        self.assertEqual(server.returncode, 1, f"{index}: {stderr}")
        self.assertIn("praxis-server: error: ", stderr)
        self.assertIn(message, stderr)
        self.assertNotIn("serving", stderr)

    def test_missing_index(self):
        self.expect_refused(os.path.join(self.tmp, "nothing", "index"), "no index at")

    def test_empty_stub_file(self):
        def empty(generation, stub):
            open(stub, "w").close()
        self.expect_refused(self.damaged_copy("empty-stub", empty), "cannot open the index")

    def test_stub_naming_a_missing_generation(self):
        def gone(generation, stub):
            shutil.rmtree(generation)
        self.expect_refused(self.damaged_copy("gone", gone), "cannot open the index")

    def test_stub_of_garbage(self):
        def garbage(generation, stub):
            with open(stub, "wb") as f:
                f.write(bytes(range(256)) * 4)
        self.expect_refused(self.damaged_copy("garbage-stub", garbage), "cannot open the index")

    def test_empty_folder(self):
        folder = os.path.join(self.tmp, "empty-folder")
        os.makedirs(folder)
        self.expect_refused(folder, "cannot open the index")

    def test_generation_with_empty_files(self):
        def truncate_all(generation, stub):
            for name in os.listdir(generation):
                open(os.path.join(generation, name), "w").close()
        self.expect_refused(self.damaged_copy("empty-files", truncate_all), "cannot open the index")

    def test_generation_with_a_table_missing_or_truncated(self):
        for table in ("postlist.glass", "docdata.glass", "termlist.glass", "position.glass"):
            for how in ("missing", "truncated", "half"):
                if (table, how) == ("position.glass", "half"):
                    continue  # may escape the start-up probe: see the next test
                with self.subTest(table=table, how=how):
                    def damage(generation, stub, table=table, how=how):
                        path = os.path.join(generation, table)
                        if how == "missing":
                            os.remove(path)
                        else:
                            size = os.path.getsize(path)
                            with open(path, "r+b") as f:
                                f.truncate(0 if how == "truncated" else size // 2)
                    self.expect_refused(self.damaged_copy(f"{table}-{how}", damage),
                                        "cannot open the index")

    def test_damage_the_start_up_probe_misses_gives_errors_not_a_crash(self):
        # The probe reads a sample of documents; damage in parts it does not read (here the
        # second half of the positions) surfaces when a query reads it: a 500 for that query,
        # logged, and the server goes on serving.
        def damage(generation, stub):
            path = os.path.join(generation, "position.glass")
            with open(path, "r+b") as f:
                f.truncate(os.path.getsize(path) // 2)
        index = self.damaged_copy("position-half-served", damage)
        try:
            served = pp.Server(SERVER_BIN, ["--index", index, "--schemas", SCHEMAS, "--web",
                                            os.path.join(SOURCE, "web")], self.tmp,
                               name="damaged", end_with_test=True)
        except AssertionError as refused:
            self.assertIn("cannot open the index", str(refused))  # the probe caught it after all
            return
        try:
            statuses = set()
            for target in ["/api/v1/search?q=%22young+people%22", "/api/v1/search?q=police+school",
                           "/?q=%22drug+use%22", "/api/v1/search?q=%22the+police%22&per_page=100"]:
                status, _ = served.get(target, timeout=30)
                statuses.add(status)
            self.assertLessEqual(statuses, {200, 500})
            self.assertTrue(served.running())
            self.assertEqual(served.get("/healthz")[0], 200)
        finally:
            served.stop()

    def test_generation_with_tables_overwritten_by_garbage(self):
        rng = random.Random(5)
        for table in ("postlist.glass", "docdata.glass", "termlist.glass", "iamglass"):
            with self.subTest(table=table):
                def damage(generation, stub, table=table):
                    path = os.path.join(generation, table)
                    size = os.path.getsize(path)
                    with open(path, "r+b") as f:
                        f.write(bytes(rng.randrange(256) for _ in range(size)))
                self.expect_refused(self.damaged_copy(f"{table}-garbage", damage),
                                    "cannot open the index")


class DiskFull(unittest.TestCase):
    """praxis-index with no room left: a clean failure, the old index intact and served."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="praxis-full-")
        self.servers = []
        self.mounted = None

    def tearDown(self):
        for s in self.servers:
            s.stop()
        if self.mounted:
            subprocess.run(["umount", "-l", self.mounted], capture_output=True)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def small_file_system(self, size):
        """A tmpfs of `size` in this test's mount namespace, or None when mounting is not
        possible here."""
        if not os.environ.get(NAMESPACE_MARK):
            return None
        folder = os.path.join(self.tmp, "small")
        os.makedirs(folder)
        if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", folder],
                          capture_output=True).returncode != 0:
            return None
        self.mounted = folder
        return folder

    def test_indexing_into_a_full_file_system(self):
        small = os.path.join(self.tmp, "small-content")
        big = os.path.join(self.tmp, "big-content")
        pp.copy_entries(os.path.join(SOURCE, "content"), small, 30)
        generate(1000, big, seed=4)
        folder = self.small_file_system("8m")
        limit = None
        if folder is None:
            # No mount: each file the indexer writes may grow to 2 MB only. SIGXFSZ is ignored
            # so that a write fails with EFBIG, as a full disk fails with ENOSPC.
            print("no tmpfs (not root or no mount namespace): a 2 MB file size limit "
                  "(RLIMIT_FSIZE) stands in for a full disk", flush=True)
            folder = os.path.join(self.tmp, "limited")
            os.makedirs(folder)
            limit = 2 * 1024 * 1024
        index = os.path.join(folder, "var", "index")
        subprocess.run(index_command(small, index, "-q"), check=True, timeout=120)
        server = pp.Server(SERVER_BIN, ["--index", index, "--schemas", SCHEMAS, "--threads", "4"],
                           self.tmp, end_with_test=True)
        self.servers.append(server)
        status, body = server.get("/healthz")
        self.assertEqual(json.loads(body)["documents"], 30)
        with open(index) as f:
            stub_before = f.read()
        generations = os.path.join(folder, "var", "index.d")
        used_before = folder_bytes(generations)

        def limited():
            if limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        # Xapian 1.4 loses an internal object when a commit fails part-way; under a sanitizer
        # build, leak detection is off for these runs that fail on purpose (only for them, and
        # every other check stays on).
        env = dict(os.environ)
        if env.get("ASAN_OPTIONS"):
            env["ASAN_OPTIONS"] += ":detect_leaks=0"

        def run(*args):
            return subprocess.run(index_command(*args), capture_output=True, text=True,
                                  timeout=300, preexec_fn=limited, env=env)

        # A full build that does not fit.
        result = run(big, index, "--full")
        output = result.stdout + result.stderr
        print("praxis-index --full on a full disk said: " + output.strip()[:400], flush=True)
        self.assertEqual(result.returncode, 1, output)
        self.assertRegex(output, "No space left on device|File too large")
        self.assertIn("praxis-index: ", output)
        with open(index) as f:
            self.assertEqual(f.read(), stub_before)
        self.assertEqual(sorted(os.listdir(generations)),
                         sorted([stub_before.split("/")[-1].strip()]),
                         "the failed build left folders behind")
        self.assertLessEqual(folder_bytes(generations), used_before)
        status, body = server.get("/healthz")
        self.assertEqual((status, json.loads(body)["documents"]), (200, 30))
        status, _ = server.get("/api/v1/search?q=police")
        self.assertEqual(status, 200)

        # An incremental run whose commit does not fit: the file system is filled up first.
        names = sorted(os.listdir(big))[:100]
        for name in names:
            shutil.copy(os.path.join(big, name), small)
        filler = os.path.join(folder, "filler")
        if limit is None:
            try:
                with open(filler, "wb") as f:
                    while True:
                        f.write(b"\0" * 65536)
                        f.flush()
            except OSError:
                pass  # full
        result = run(small, index)
        output = result.stdout + result.stderr
        print("praxis-index (incremental) on a full disk said: " + output.strip()[:400], flush=True)
        if limit is None:
            self.assertEqual(result.returncode, 1, output)
            self.assertRegex(output, "No space left on device")
            status, body = server.get("/healthz")
            self.assertEqual((status, json.loads(body)["documents"]), (200, 30))
            # Still a sound database: a new server opens it and answers.
            second = pp.Server(SERVER_BIN, ["--index", index, "--schemas", SCHEMAS], self.tmp,
                               name="second-server", end_with_test=True)
            self.servers.append(second)
            status, body = second.get("/healthz")
            self.assertEqual((status, json.loads(body)["documents"]), (200, 30))
            os.remove(filler)
            result = run(small, index, "-q")
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertTrue(pp.wait_for(
            lambda: json.loads(server.get("/healthz")[1])["documents"] == 130, 10))
        self.assertTrue(server.running())


class SubmissionCrash(unittest.TestCase):
    """SIGKILL of the server while it stores submissions leaves no partial file in pending/."""

    def test_kill_9_while_storing_submissions(self):
        tmp = tempfile.mkdtemp(prefix="praxis-crash-")
        try:
            self.run_rounds(tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def run_rounds(self, tmp):
        content = os.path.join(tmp, "content")
        pp.copy_entries(os.path.join(SOURCE, "content"), content, 10)
        index = os.path.join(tmp, "var", "index")
        submissions = os.path.join(tmp, "submissions")
        subprocess.run(index_command(content, index, "-q"), check=True, timeout=120)
        rng = random.Random(11)
        body = "## Context\n\n" + "Officers and parents meet in cafés to talk. " * 2000
        stored = 0
        counter = [0]
        lock = threading.Lock()

        def submit(port, stop):
            while not stop.is_set():
                with lock:
                    counter[0] += 1
                    n = counter[0]
                form = urllib.parse.urlencode([
                    ("title", f"Parents and police meet, district number {n}"),
                    ("summary", "Community officers meet parents in cafés once a month."),
                    ("language", "en"), ("countries", "AT"), ("themes", "community-policing"),
                    ("target_groups", "parents-families"), ("settings", "community-neighbourhood"),
                    ("actors", "police"), ("evidence", "not-evaluated"), ("start_year", "2019"),
                    ("sources[1].title", "Programme page"),
                    ("sources[1].url", f"https://example.org/cafes-{n}"),
                    ("body", body), ("homepage", ""), ("action", "submit")]).encode()
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1/submissions", data=form,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
                try:
                    urllib.request.urlopen(request, timeout=10).read()
                except (OSError, urllib.error.HTTPError):
                    pass

        pending = os.path.join(submissions, "pending")

        def stored_entries():
            try:
                return sum(1 for n in os.listdir(pending) if n.endswith(".md"))
            except FileNotFoundError:
                return 0

        for round_ in range(8):
            before = stored_entries()
            server = pp.Server(SERVER_BIN, [
                "--index", index, "--schemas", SCHEMAS, "--content", content,
                "--submissions", submissions, "--submissions-per-hour", "100000",
                "--threads", "8"], tmp, name=f"server-{round_}", end_with_test=True)
            stop = threading.Event()
            clients = [threading.Thread(target=submit, args=(server.port, stop), daemon=True)
                       for _ in range(6)]
            for c in clients:
                c.start()
            # Kill while submissions are being written: once this round has stored one (a slow
            # build, e.g. under a sanitizer, may take a while), after a random delay.
            pp.wait_for(lambda: stored_entries() > before, 60)
            time.sleep(rng.uniform(0.0, 1.0))
            server.popen.send_signal(signal.SIGKILL)
            server.popen.wait(timeout=30)
            stop.set()
            for c in clients:
                c.join(timeout=30)
        names = os.listdir(pending)
        entries = [n for n in names if n.endswith(".md")]
        leftovers = [n for n in names if not n.endswith(".md")]
        print(f"{len(entries)} submissions stored, {len(leftovers)} temporary files left by "
              f"the kills (never listed)", flush=True)
        self.assertGreater(len(entries), 0)
        for name in leftovers:
            self.assertIn(".md.tmp-", name)
        # Every visible submission is a complete, valid entry...
        check = os.path.join(tmp, "check")
        os.makedirs(check)
        for name in entries:
            with open(os.path.join(pending, name), encoding="utf-8") as f:
                text = f.read()
            self.assertTrue(text.rstrip().endswith("talk."), f"{name} is cut short")
            shutil.copy(os.path.join(pending, name), check)
        result = subprocess.run([INDEX_BIN, "--check", "--no-overlaps", "--schemas", SCHEMAS,
                                 "--content", check], capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        # ...and the review desk lists exactly those.
        listed = subprocess.run([INDEX_BIN, "review", "list", "--format", "json", "--schemas",
                                 SCHEMAS, "--submissions", submissions, "--content", content,
                                 "--index", index], capture_output=True, text=True, timeout=120)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertEqual(len(json.loads(listed.stdout)["pending"]), len(entries))


if __name__ == "__main__":
    unittest.main(verbosity=2)
