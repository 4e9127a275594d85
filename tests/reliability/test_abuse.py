#!/usr/bin/env python3
"""Abusive clients against the real praxis-server: idle and byte-by-byte ("slowloris")
connections must not starve normal requests; oversized heads, huge query strings, thousands of
parameters, path traversal into the static folder (plain, percent-encoded, double-encoded, with
backslashes, overlong UTF-8), invalid UTF-8 and NUL bytes all get a 4xx, and the server is
still up and answering afterwards.

Requests are written on raw sockets so that no client library normalises them first.

    test_abuse.py PRAXIS_INDEX PRAXIS_SERVER SOURCE_DIR
"""
import json
import os
import select
import shutil
import socket
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ops"))
import praxis_processes as pp  # noqa: E402

INDEX_BIN, SERVER_BIN, SOURCE = map(os.path.abspath, sys.argv[1:4])
del sys.argv[1:4]

WORKERS = 8        # the server's request threads: far fewer than the slow clients
SLOW_CLIENTS = 64  # more than the workers: each would hold one for good without the gate
NORMAL = "/api/v1/search?q=police&per_page=5"


def raw_request(port, data, timeout=20):
    """Sends `data` and reads until the server closes or `timeout`; returns (status, bytes)
    where status is None when no status line came back."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        try:
            s.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading everything
        chunks = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            chunks.append(chunk)
            head = b"".join(chunks)
            # One response is enough: stop once its body (Content-Length) is complete.
            end = head.find(b"\r\n\r\n")
            if end >= 0:
                length = 0
                for line in head[:end].split(b"\r\n")[1:]:
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                if len(head) >= end + 4 + length:
                    break
    response = b"".join(chunks)
    parts = response.split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and response.startswith(b"HTTP/1.") else None
    return status, response


def get(target):
    return ("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").encode()


class Abuse(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="praxis-abuse-")
        cls.index = os.path.join(cls.tmp, "var", "index")
        pp.index_copy(INDEX_BIN, SOURCE, cls.tmp, 30, cls.index)
        # A web folder with a secret beside static/, to see that traversal cannot reach it.
        cls.web = os.path.join(cls.tmp, "web")
        shutil.copytree(os.path.join(SOURCE, "web"), cls.web)
        with open(os.path.join(cls.web, "secret.txt"), "w") as f:
            f.write("SECRET-OUTSIDE-STATIC\n")
        cls.server = pp.Server(SERVER_BIN, ["--index", cls.index, "--web", cls.web, "--schemas",
                                            os.path.join(SOURCE, "schemas"),
                                            "--threads", str(WORKERS)], cls.tmp, end_with_test=True)

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def tearDown(self):
        self.assertTrue(self.server.running(), "the server died:\n" + self.server.stderr()[-3000:])
        status, _ = self.server.get("/healthz", timeout=30)
        self.assertEqual(status, 200)

    def normal_requests_answered(self, count=10):
        """`count` ordinary searches on new connections, one after another; each must be answered
        (the timeout is generous: the point is an answer at all, not its speed)."""
        for _ in range(count):
            status, body = self.server.get(NORMAL, timeout=15)
            self.assertEqual(status, 200)
            self.assertIn("results", json.loads(body))

    def test_many_idle_connections_do_not_starve_normal_requests(self):
        idle = [socket.create_connection(("127.0.0.1", self.server.port)) for _ in range(400)]
        try:
            self.normal_requests_answered()
            # Idle connections are closed by the server in time, not kept for ever.
            open_sockets = list(idle)
            deadline = time.monotonic() + 60
            while open_sockets and time.monotonic() < deadline:
                readable, _, _ = select.select(open_sockets, [], [], 1)
                for s in readable:
                    if s.recv(4096) == b"":
                        open_sockets.remove(s)
            self.assertEqual(len(open_sockets), 0, "idle connections still open after 60 s")
        finally:
            for s in idle:
                s.close()

    def test_byte_by_byte_clients_do_not_starve_normal_requests(self):
        head = get(NORMAL).replace(b"\r\n\r\n", b"\r\nX-Slow: " + b"a" * 10000 + b"\r\n\r\n")
        slow = [socket.create_connection(("127.0.0.1", self.server.port))
                for _ in range(SLOW_CLIENTS)]
        sent = [0] * len(slow)
        closed = set()
        stop = threading.Event()

        def trickle():
            while not stop.is_set():
                for i, s in enumerate(slow):
                    if i in closed:
                        continue
                    try:
                        s.send(head[sent[i]:sent[i] + 1])
                        sent[i] += 1
                    except OSError:
                        closed.add(i)
                time.sleep(0.2)

        thread = threading.Thread(target=trickle, daemon=True)
        thread.start()
        try:
            time.sleep(1)  # every slow client has started its head
            self.normal_requests_answered()
            # A head that takes too long is cut off: every slow client is closed in the end.
            self.assertTrue(pp.wait_for(lambda: len(closed) == len(slow), 60, step=0.5),
                            f"{len(slow) - len(closed)} slow clients still connected after 60 s")
        finally:
            stop.set()
            thread.join(timeout=10)
            for s in slow:
                s.close()

    def test_oversized_requests_get_a_4xx(self):
        port = self.server.port
        cases = {
            "a 100 KB header": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100000 + b"\r\n\r\n",
            "a 9 KB header line": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9000 + b"\r\n\r\n",
            "5,000 headers": b"GET / HTTP/1.1\r\n" + b"".join(
                b"X-H%d: v\r\n" % i for i in range(5000)) + b"\r\n",
            "a 20 KB request line": get("/api/v1/search?q=" + "a" * 20000),
            "a 7 KB query": get("/api/v1/search?q=" + "a" * 7000),
            "a 7 KB query on the search page": get("/?q=" + "a" * 7000),
            # cpp-httplib drops repeated identical pairs, so the values differ.
            "1,500 unknown parameters": get("/api/v1/search?" + "&".join(
                f"a{i}=1" for i in range(1500))),
            "600 theme values": get("/api/v1/search?" + "&".join(f"theme=x{i}" for i in range(600))),
            "600 search page values": get("/?" + "&".join(f"theme=x{i}" for i in range(600))),
            "600 export values": get("/api/v1/export?" + "&".join(f"country=A{i}" for i in range(600))),
            "600 statistics values": get("/stats?" + "&".join(f"theme=x{i}" for i in range(600))),
            "a form of 14,000 fields": (
                b"POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: "
                b"application/x-www-form-urlencoded\r\nContent-Length: 139999\r\n\r\n" +
                b"&".join([b"title=aaaa"] * 14000)[:139999]),
            "a 2 MB body": (b"POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: "
                            b"application/x-www-form-urlencoded\r\nContent-Length: 2000000\r\n\r\n"
                            + b"a" * 1000),
        }
        for what, data in cases.items():
            with self.subTest(what):
                status, response = raw_request(port, data)
                self.assertIsNotNone(status, f"{what}: no answer ({response[:200]!r})")
                self.assertGreaterEqual(status, 400, what)
                self.assertLess(status, 500, what)

    def test_path_traversal_into_static_files_gets_a_4xx(self):
        targets = [
            "/static/../../etc/passwd", "/static/../secret.txt", "/../../etc/passwd",
            "/static/%2e%2e/%2e%2e/etc/passwd", "/static/%2E%2E/secret.txt",
            "/static/..%2f..%2fetc%2fpasswd", "/static/%2e%2e%2fsecret.txt",
            "/static/%252e%252e/%252e%252e/etc/passwd", "/static/%252e%252e%252fsecret.txt",
            "/static/..\\..\\etc\\passwd", "/static/..%5c..%5cetc%5cpasswd", "/static/..%5csecret.txt",
            "/static/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/static/%c0%af../secret.txt",
            "/static/....//....//etc/passwd", "/static/./../secret.txt", "/static//etc/passwd",
            "/static/%00../secret.txt", "/static/css/../../secret.txt",
            "/static/%2e%2e;/secret.txt", "/static/%u002e%u002e/secret.txt",
        ]
        for target in targets:
            with self.subTest(target):
                status, response = raw_request(self.server.port, get(target))
                self.assertIsNotNone(status, target)
                self.assertGreaterEqual(status, 400, target)
                self.assertLess(status, 500, target)
                self.assertNotIn(b"root:", response)
                self.assertNotIn(b"SECRET-OUTSIDE-STATIC", response)

    def test_invalid_utf8_and_nul_bytes_get_a_4xx(self):
        requests = {
            "raw 0xFF in the path": b"GET /practices/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
            "raw NUL in the path": b"GET /practices/a\x00b HTTP/1.1\r\nHost: x\r\n\r\n",
            "encoded 0xFF in the path": get("/practices/%FF%FE"),
            "encoded NUL in the path": get("/practices/a%00b"),
            "encoded NUL in a static path": get("/static/site.css%00.png"),
            "invalid UTF-8 in the API query": get("/api/v1/search?q=%C3%28"),
            "NUL in the API query": get("/api/v1/search?q=a%00b"),
            "invalid UTF-8 on the search page": get("/?q=%FF"),
            "NUL on the search page": get("/?q=a%00b"),
            "overlong UTF-8 in a facet": get("/?country=%C0%AE"),
            "invalid UTF-8 in the feed query": get("/feed.atom?q=%FF"),
            "invalid UTF-8 in the statistics query": get("/stats?q=%FF"),
            "invalid UTF-8 in an export": get("/api/v1/export?q=%FF"),
            "a parameter name of invalid UTF-8": get("/api/v1/search?%FF=1"),
            "invalid UTF-8 in a form": (
                b"POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: "
                b"application/x-www-form-urlencoded\r\nContent-Length: 16\r\n\r\ntitle=%FF%FEabcd"),
            "NUL in a form": (
                b"POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: "
                b"application/x-www-form-urlencoded\r\nContent-Length: 14\r\n\r\ntitle=ab%00cde"),
        }
        for what, data in requests.items():
            with self.subTest(what):
                status, response = raw_request(self.server.port, data)
                self.assertIsNotNone(status, f"{what}: no answer ({response[:200]!r})")
                self.assertGreaterEqual(status, 400, what)
                self.assertLess(status, 500, what)

    def test_malformed_request_lines_get_a_4xx(self):
        requests = [
            b"GET /\r\n\r\n",                                   # HTTP/0.9
            b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
            b"GET  HTTP/1.1\r\nHost: x\r\n\r\n",
            b"TRACE / HTTP/1.1\r\nHost: x\r\n\r\n",
            b"CONNECT localhost:22 HTTP/1.1\r\nHost: x\r\n\r\n",
            b"\x00\x01\x02\x03 / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
            b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            b"POST /api/v1/submissions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ]
        for data in requests:
            with self.subTest(data[:40]):
                status, response = raw_request(self.server.port, data)
                # A line that is not HTTP at all may also just be closed on; never a 5xx.
                if status is not None:
                    self.assertGreaterEqual(status, 400, data[:40])
                    self.assertLess(status, 500, data[:40])


if __name__ == "__main__":
    unittest.main(verbosity=2)
