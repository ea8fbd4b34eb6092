"""Starting and stopping: refusals to start in one line, bounded options, the banner, signals in
every state, workers that follow their master, and the manual clock across restarts."""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import RUNS
from tests.mockproc import BANNER, ROOT, TOKEN, MockProcess, run_cli
from tests.readme_blocks import DOCS, README

DEV = RUNS.format(stage="development")
# What SIGTERM and Ctrl-C must take at most, in every state (the 1 s graceful shutdown, then
# cancelled requests), with a margin for a loaded test machine; without the limit, some of
# these states held the mock for a minute or for ever.
STOP_WITHIN = 2.0
MARGIN = 1.5


# Refusals to start: one line, no traceback.


def assert_refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    # One line, besides argparse's usage (which starts `usage:` and continues indented).
    lines = [
        line
        for line in result.stderr.splitlines()
        if line.strip() and not line.startswith(("usage:", " "))
    ]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--port", "70000"], "--port"),
        (["--port", "-1"], "--port"),
        (["--max-body-bytes", "-1"], "--max-body-bytes"),
        (["--max-body-bytes", "0"], "--max-body-bytes"),
        (["--rate-limit", "-5"], "--rate-limit"),
        (["--rate-limit", "0"], "--rate-limit"),
        (["--pending-seconds", "nan"], "--pending-seconds"),
        (["--run-seconds", "inf"], "--run-seconds"),
        (["--abort-seconds", "-1"], "--abort-seconds"),
        (["--run-seconds", "1e300"], "--run-seconds"),
        (["--workers", "0"], "--workers"),
        (["--workers", "100000"], "--workers"),
        (["--max-json-depth", "0"], "--max-json-depth"),
        (["--max-json-depth", "100000"], "--max-json-depth"),
        (["--max-header-bytes", "10"], "--max-header-bytes"),
        (["--keep-alive-seconds", "0"], "--keep-alive-seconds"),
        (["--request-timeout", "nan"], "--request-timeout"),
        (["--max-argument-bytes", "-3"], "--max-argument-bytes"),
        (["--request-log-bytes", "x"], "--request-log-bytes"),
        (["--seed", "9" * 5000], "--seed"),
        (["--control-token", " "], "--control-token"),
        (["--workers", "2"], "--state"),
    ],
)
def test_bad_option_values_are_refused_naming_the_option(args: list[str], named: str) -> None:
    assert_refused(run_cli(*args), named)


def test_a_state_path_that_is_a_directory_is_refused(tmp_path: Path) -> None:
    assert_refused(run_cli("--state", str(tmp_path)), "refusing to start", "is a directory")


def test_a_state_file_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    assert_refused(run_cli("--state", str(tmp_path / "no" / "state.db")), "no folder")


def test_a_state_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    state.write_bytes(b"these are not the bytes of a database\n" * 100)
    assert_refused(run_cli("--state", str(state)), "refusing to start", str(state))


def test_a_state_file_locked_by_another_process_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    holder = sqlite3.connect(state, isolation_level=None)
    holder.execute("CREATE TABLE held (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert_refused(run_cli("--state", str(state)), "locked by another process")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_read_only_state_file_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.db"
    with MockProcess("--state", str(state)) as mock:
        mock.reset()
    state.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        result = _run_bound_by_permissions("--state", str(state))
    finally:
        tmp_path.chmod(0o755)
    assert_refused(result, "refusing to start", "cannot be written")


def _run_bound_by_permissions(*args: str) -> subprocess.CompletedProcess[str]:
    """run_cli in a process that file permissions apply to: root's are ignored, so as root
    the mock runs without the capabilities that override them."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv (util-linux): cannot drop the "
                        "capability that ignores file permissions")  # fmt: skip
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "mock_server", "--port", "0", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_saved_state_the_mock_cannot_read_is_refused(tmp_path: Path) -> None:
    """A clock an earlier version let through (`NaN`) made every request fail after each
    restart; a state file holding one is now refused, saying what to do."""
    state = tmp_path / "state.db"
    with MockProcess("--state", str(state), "--manual-clock") as mock:
        mock.advance(1)
    with sqlite3.connect(state) as connection:
        connection.execute("UPDATE documents SET body = '{\"now\": NaN}' WHERE name = 'clock'")
    assert_refused(run_cli("--state", str(state), "--manual-clock"), "refusing to start", "clock")


def test_fixture_links_out_of_the_folder_are_refused(tmp_path: Path) -> None:
    from mock_server.storage.fixtures import DEFAULT_FIXTURES

    data = tmp_path / "data"
    outside = tmp_path / "outside"
    stage = "projects/demo-project/pipelines/demo-pipeline/release-flows/staging"
    outside.mkdir()
    (outside / "runs.json").write_text("[]")
    _copy(DEFAULT_FIXTURES, data)
    (data / stage / "runs.json").unlink()
    (data / stage / "runs.json").symlink_to(outside / "runs.json")
    assert_refused(run_cli("--fixtures", str(data)), "refusing to start", "outside the fixture")
    # A link that stays inside the folder is followed.
    (data / stage / "runs.json").unlink()
    (data / "shared-runs.json").write_text("[]")
    (data / stage / "runs.json").symlink_to(data / "shared-runs.json")
    with MockProcess("--fixtures", str(data)) as mock, mock.http() as api:
        assert api.get(RUNS.format(stage="staging")).json()["data"]["runs"] == []


def test_a_stage_folder_linked_out_of_the_fixtures_is_refused(tmp_path: Path) -> None:
    from mock_server.storage.fixtures import DEFAULT_FIXTURES

    data = tmp_path / "data"
    _copy(DEFAULT_FIXTURES, data)
    flows = data / "projects/demo-project/pipelines/demo-pipeline/release-flows"
    (flows / "staging").rename(tmp_path / "staging")
    (flows / "staging").symlink_to(tmp_path / "staging")
    assert_refused(run_cli("--fixtures", str(data)), "outside the fixture")


def _copy(source: Path, target: Path) -> None:
    shutil.copytree(source, target)


def test_a_token_listed_twice_is_refused_naming_both(tmp_path: Path) -> None:
    tokens = tmp_path / "tokens.yaml"
    tokens.write_text(
        "tokens:\n"
        "  - token: ci\n    permissions: [pipelines:read]\n"
        "  - token: other\n    permissions: [jobs:read]\n"
        "  - token: ci\n    permissions: [pipelines:update]\n"
    )
    assert_refused(run_cli("--tokens", str(tokens)), "tokens[2].token", "tokens[0]")


# The banner, and the stdout pipe.


def test_the_banner_is_printed_once_the_socket_listens() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_server", "--port", "0", "--log-level", "warning"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        match = BANNER.search(process.stdout.readline())
        assert match is not None
        parts = urlsplit(match.group(1))
        assert parts.hostname is not None and parts.port is not None
        # At once, with no retry: connecting must not be refused.
        with socket.create_connection((parts.hostname, parts.port), timeout=10):
            pass
    finally:
        process.terminate()
        process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


def test_stdout_read_once_with_the_access_log_on_does_not_stall_the_mock() -> None:
    """A parent that reads the banner and never reads stdout again (as a pytest fixture may):
    the access log used to fill that pipe after some 600 requests and stop the mock."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mock_server", "--port", "0"],  # access log on, level info
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        match = BANNER.search(process.stdout.readline())
        assert match is not None
        with httpx.Client(base_url=match.group(1), timeout=10) as client:
            statuses = {
                client.get(BUILDS_ONE, headers={"Authorization": "Bearer t"}).status_code
                for _ in range(1500)
            }
        assert statuses == {200}
    finally:
        process.terminate()
        process.wait(timeout=10)
        assert process.stdout is not None
        process.stdout.close()


BUILDS_ONE = "/v1/projects/demo-project/jobs/demo-job/build?per_page=1"


def test_the_documentation_never_leaves_a_pipe_unread() -> None:
    """A recipe that read the banner from a pipe once, then never again, stalled the mock after
    some hundred requests: the README and docs/ start it through the plugin or the command
    instead."""
    documents = [README, *sorted(DOCS.glob("*.md"))]
    assert len(documents) > 1
    for document in documents:
        text = document.read_text()
        assert "stdout=subprocess.PIPE" not in text or "stdout.read)" in text, document.name


# Signals, in every state.


def _keep_alive(mock: MockProcess, stack: list[Any]) -> None:
    client = httpx.Client(base_url=mock.url, timeout=30)
    client.get("/_mock/health")  # the connection stays open in the pool
    stack.append(client)


def _slow_request(headers: dict[str, str]) -> Callable[[MockProcess, list[Any]], None]:
    def start(mock: MockProcess, stack: list[Any]) -> None:
        pool = concurrent.futures.ThreadPoolExecutor(1)
        url = f"{mock.url}{DEV}"

        def request() -> httpx.Response:
            with httpx.Client(timeout=30) as client:
                return client.get(url, headers={"Authorization": f"Bearer {TOKEN}", **headers})

        stack.append(pool.submit(request))
        stack.append(pool)
        time.sleep(0.3)  # the request is in the mock, waiting

    return start


def _fault_delay(mock: MockProcess, stack: list[Any]) -> None:
    rule = {"operationId": "listReleaseFlowRuns", "delayMs": 60000}
    mock.control.post("/_mock/faults", json=rule).raise_for_status()
    _slow_request({})(mock, stack)


def _hung_upload(mock: MockProcess, stack: list[Any]) -> None:
    parts = urlsplit(mock.url)
    assert parts.hostname is not None and parts.port is not None
    sock = socket.create_connection((parts.hostname, parts.port))
    sock.sendall(
        f"POST {DEV} HTTP/1.1\r\nHost: {parts.netloc}\r\nAuthorization: Bearer t\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{".encode()
    )
    stack.append(sock)
    time.sleep(0.2)


def _partial_head(mock: MockProcess, stack: list[Any]) -> None:
    parts = urlsplit(mock.url)
    assert parts.hostname is not None and parts.port is not None
    sock = socket.create_connection((parts.hostname, parts.port))
    sock.sendall(f"GET {DEV} HTTP/1.1\r\nHost: {parts.netloc}\r\n".encode())
    stack.append(sock)
    time.sleep(0.2)


STATES: dict[str, Callable[[MockProcess, list[Any]], None]] = {
    "idle": lambda mock, stack: None,
    "a keep-alive connection open": _keep_alive,
    "a Prefer delay of 60 s in flight": _slow_request({"Prefer": "delay=60000"}),
    "a fault delay of 60 s in flight": _fault_delay,
    "a body upload that hangs": _hung_upload,
    "a request head half sent": _partial_head,
}


@pytest.fixture
def cleanup() -> Iterator[list[Any]]:
    stack: list[Any] = []
    yield stack
    for item in reversed(stack):
        if isinstance(item, concurrent.futures.Future):
            item.exception(timeout=30)
        elif isinstance(item, concurrent.futures.ThreadPoolExecutor):
            item.shutdown(wait=True)
        else:
            item.close()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
@pytest.mark.parametrize("state", list(STATES))
def test_a_signal_stops_the_mock_within_two_seconds(
    state: str, sig: signal.Signals, cleanup: list[Any]
) -> None:
    mock = MockProcess("--manual-clock", "--request-timeout", "600")
    try:
        STATES[state](mock, cleanup)
        started = time.monotonic()
        mock.process.send_signal(sig)
        mock.process.wait(timeout=30)
        took = time.monotonic() - started
    finally:
        mock.stop()
    assert took < STOP_WITHIN + MARGIN, f"{state}: stopped after {took:.2f} s"
    for item in cleanup:
        if isinstance(item, concurrent.futures.Future):
            answer = item.exception(timeout=30) or item.result()
            # A request still running is answered, in the envelope, or cut off.
            if isinstance(answer, httpx.Response):
                assert answer.status_code == 503 and answer.json()["error"]["status"] == 503


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_a_signal_stops_every_worker(tmp_path: Path, sig: signal.Signals) -> None:
    mock = MockProcess("--state", str(tmp_path / "state.db"), "--workers", "2")
    try:
        workers = _children(mock.process.pid)
        assert len(workers) >= 2
        with mock.http() as api:
            assert api.get(DEV, params={"per_page": 1}).status_code == 200
        started = time.monotonic()
        mock.process.send_signal(sig)
        mock.process.wait(timeout=30)
        took = time.monotonic() - started
    finally:
        mock.stop()
    assert took < STOP_WITHIN + MARGIN, f"stopped after {took:.2f} s"
    assert _wait_gone(workers, 5) == []


def test_workers_end_when_their_master_is_killed(tmp_path: Path) -> None:
    mock = MockProcess("--state", str(tmp_path / "state.db"), "--workers", "2")
    workers = _children(mock.process.pid)
    try:
        assert len(workers) >= 2
        mock.kill()  # kill -9: the master cannot stop them
        assert _wait_gone(workers, 10) == [], "workers outlived their master"
        parts = urlsplit(mock.url)
        assert parts.hostname is not None and parts.port is not None
        with pytest.raises(OSError):
            socket.create_connection((parts.hostname, parts.port), timeout=2).close()
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        mock.stop()


def _children(parent: int) -> list[int]:
    """The processes whose parent is `parent` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if _alive(pid)]
        if not alive:
            return []
        time.sleep(0.1)
    return [pid for pid in pids if _alive(pid)]


# The manual clock across restarts and resets.


def test_the_manual_clock_resumes_where_it_was_after_a_restart(tmp_path: Path) -> None:
    state = str(tmp_path / "state.db")
    with MockProcess("--state", state, "--manual-clock") as mock:
        start = mock.now()
        saved = mock.advance(100)
    time.sleep(1.5)  # the mock is down: its clock must not move meanwhile
    with MockProcess("--state", state, "--manual-clock") as mock:
        assert mock.now() == saved
        mock.reset()
        assert mock.now() == start


def test_reset_takes_the_manual_clock_back_to_its_start(fresh: MockProcess) -> None:
    start = fresh.now()
    fresh.advance(3600)
    fresh.reset()
    assert fresh.now() == start


def test_the_parent_watcher_does_not_keep_a_process_alive() -> None:
    """follow_parent's watcher is a daemon: a process that uses it can still exit."""
    code = "from mock_server.processes import follow_parent; follow_parent(); print('ok')"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok"


ORPHAN = """
import multiprocessing, os, sys, time

def worker():
    time.sleep(1.0)  # still starting up (importing, building its app) when its master dies
    from mock_server.processes import follow_parent
    follow_parent()
    time.sleep(60)

if __name__ == "__main__":
    child = multiprocessing.get_context("spawn").Process(target=worker)
    child.start()
    print(child.pid, flush=True)
    os._exit(0)  # the master dies at once, as under kill -9
"""


def test_a_worker_whose_master_died_before_it_started_following_ends(tmp_path: Path) -> None:
    """A worker still starting when its master is killed has been re-parented by the time it
    calls follow_parent: it must compare with the master it was spawned by, not its parent now."""
    script = tmp_path / "orphan.py"
    script.write_text(ORPHAN)
    printed = tmp_path / "stdout"  # a file: the orphan keeps a copy of it open
    with printed.open("w") as stdout:
        subprocess.run([sys.executable, str(script)], cwd=ROOT, stdout=stdout, timeout=30)
    orphan = int(printed.read_text().split()[0])
    try:
        assert _wait_gone([orphan], 10) == [], "the worker outlived its master"
    finally:
        if _alive(orphan):
            os.kill(orphan, signal.SIGKILL)
