"""Helpers of the operations tests: index a folder, run praxis-server and other daemons as
child processes with their output in files, and stop them. Every wait is bounded in time."""
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

SERVING = re.compile(r"on http://[0-9.]+:([0-9]+)/")


def die_with_parent():
    """For preexec_fn: the child gets SIGTERM when the process that started it ends, even by
    SIGKILL (a test stopped by ctest's timeout), so no server outlives its test. Linux only;
    the parent here is the thread that called Popen."""
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def copy_entries(source_content, target, count):
    """Copies the first `count` entry files (in name order) of `source_content` to `target`."""
    os.makedirs(target, exist_ok=True)
    names = sorted(n for n in os.listdir(source_content) if n.endswith(".md"))[:count]
    for name in names:
        shutil.copy(os.path.join(source_content, name), target)
    return [n[:-3] for n in names]


def run_index(index_bin, *args, env=None, timeout=120):
    """Runs praxis-index; raises with its output when it fails."""
    result = subprocess.run([index_bin, *args], capture_output=True, text=True, env=env,
                            timeout=timeout)
    if result.returncode != 0:
        raise AssertionError(f"praxis-index {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout}{result.stderr}")
    return result


def index_copy(index_bin, source, folder, count, index):
    """Copies the first `count` entries of SOURCE/content to FOLDER/content and indexes them
    into `index` (quietly, without the overlap check); returns the content folder."""
    content = os.path.join(folder, "content")
    copy_entries(os.path.join(source, "content"), content, count)
    run_index(index_bin, "--content", content, "--index", index, "--schemas",
              os.path.join(source, "schemas"), "--quiet", "--no-overlaps")
    return content


def free_port():
    """A port on 127.0.0.1 that nothing listens on right now (bind to 0, read, close)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, seconds, step=0.05):
    """Calls predicate until it returns something truthy or `seconds` pass; returns the last
    result."""
    deadline = time.monotonic() + seconds
    while True:
        result = predicate()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(step)


def wait_for_port(port, seconds):
    """True once something accepts connections on 127.0.0.1:port."""
    def accepting():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False
    return wait_for(accepting, seconds)


class Process:
    """A child process whose stdout and stderr go to files in `log_dir`."""

    def __init__(self, name, argv, log_dir, env=None, cwd=None, end_with_test=False):
        self.name = name
        self.stdout_path = os.path.join(log_dir, name + ".out")
        self.stderr_path = os.path.join(log_dir, name + ".err")
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            # A session of its own: Xapian's TCP servers answer SIGTERM by signalling their
            # whole process group, which would otherwise include this test and ctest.
            self.popen = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                          env=env, cwd=cwd, start_new_session=True,
                                          preexec_fn=die_with_parent if end_with_test else None)

    def stdout(self):
        with open(self.stdout_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stderr(self):
        with open(self.stderr_path, encoding="utf-8", errors="replace") as f:
            return f.read()

    def running(self):
        return self.popen.poll() is None

    def stop(self, timeout=10):
        """SIGTERM, then SIGKILL after `timeout` seconds; returns the exit status."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(timeout=timeout)
        return self.popen.returncode


class Server(Process):
    """praxis-server on 127.0.0.1 and a port it picks itself (--port 0 unless args name one)."""

    def __init__(self, server_bin, args, log_dir, name="praxis-server", env=None, cwd=None,
                 start_seconds=30, end_with_test=False):
        argv = [server_bin, *args]
        if "--port" not in args and "--config" not in args:
            argv += ["--port", "0"]
        super().__init__(name, argv, log_dir, env=env, cwd=cwd, end_with_test=end_with_test)
        match = wait_for(lambda: SERVING.search(self.stderr()) or not self.running(),
                         start_seconds)
        if not isinstance(match, re.Match):
            self.stop()
            raise AssertionError(f"{name} did not start:\n{self.stderr()}")
        self.port = int(match.group(1))

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path, headers=None, timeout=10):
        """(status, body) of a GET; HTTP errors are answers too."""
        request = urllib.request.Request(self.url(path), headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8")
