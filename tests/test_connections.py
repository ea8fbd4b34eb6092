"""What clients do on the wire, over real sockets on 127.0.0.1: huge and slow request heads, idle
connections, bodies that never arrive. None of it may stall other clients, keep a connection
for ever, or change the mock's state without a 2xx."""

from __future__ import annotations

import concurrent.futures
import json
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import EXAMPLE_RUN, RUNS
from tests.mockproc import TOKEN, MockProcess

DEV = RUNS.format(stage="development")


@pytest.fixture(scope="module")
def mock() -> Iterator[MockProcess]:
    args = ("--manual-clock", "--keep-alive-seconds", "1", "--request-timeout", "2")
    with MockProcess(*args) as process:
        yield process


def connect(mock: MockProcess, timeout: float = 10.0) -> socket.socket:
    parts = urlsplit(mock.url)
    assert parts.hostname is not None and parts.port is not None
    sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
    sock.settimeout(timeout)
    return sock


def head(mock: MockProcess, method: str, path: str, *extra: str) -> bytes:
    host = urlsplit(mock.url).netloc
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", f"Authorization: Bearer {TOKEN}", *extra]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def read_all(sock: socket.socket) -> bytes:
    """Everything until the server closes (or the socket's timeout)."""
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except TimeoutError:
            raise AssertionError(f"the server did not close; got {data[:200]!r}") from None
        except ConnectionResetError:
            return data
        if not chunk:
            return data
        data += chunk


def status_and_body(raw: bytes) -> tuple[int, dict[str, object]]:
    head_part, _, body = raw.partition(b"\r\n\r\n")
    status = int(head_part.split(b" ", 2)[1])
    return status, json.loads(body)


def run_count(mock: MockProcess) -> int:
    count: int = mock.control.get("/_mock/health").json()["runs"]
    return count


def test_a_huge_header_streamed_slowly_is_a_431_and_stalls_no_one(mock: MockProcess) -> None:
    """httptools gathers a header by concatenation: streaming megabytes of one header used to
    cost seconds of CPU for everyone. The head is cut off at --max-header-bytes."""
    sock = connect(mock)
    sock.sendall(head(mock, "GET", DEV).removesuffix(b"\r\n") + b"X-Huge: ")

    def stream() -> bytes:
        try:
            for _ in range(4000):  # up to 4 MB, 1 kB at a time
                sock.sendall(b"h" * 1024)
        except OSError:
            pass  # the server has answered and closed: what it said is in the socket
        return read_all(sock)

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        streaming = pool.submit(stream)
        with mock.http() as api:  # other clients are answered meanwhile
            answers = [api.get(DEV, params={"per_page": 1}).status_code for _ in range(20)]
        answer = streaming.result(timeout=60)
    sock.close()
    assert answers == [200] * 20
    status, body = status_and_body(answer)
    assert status == 431 and body["error"]["status"] == 431  # type: ignore[index]


def test_headers_up_to_the_limit_are_served(mock: MockProcess) -> None:
    with mock.http() as api:
        response = api.get(DEV, params={"per_page": 1}, headers={"X-Padding": "p" * 30_000})
    assert response.status_code == 200


def test_a_connection_that_sends_nothing_is_closed(mock: MockProcess) -> None:
    sock = connect(mock, timeout=10)
    started = time.monotonic()
    assert read_all(sock) == b""
    assert time.monotonic() - started < 8  # --keep-alive-seconds 1: closed, not kept
    sock.close()


def test_a_head_sent_a_byte_at_a_time_ends_in_a_408(mock: MockProcess) -> None:
    sock = connect(mock, timeout=10)
    answer = b""
    try:
        for byte in head(mock, "GET", DEV):  # never finishes within --request-timeout 2
            sock.sendall(bytes([byte]))
            time.sleep(0.05)
    except OSError:
        pass
    answer = read_all(sock)
    sock.close()
    status, body = status_and_body(answer)
    assert status == 408 and body["error"]["status"] == 408  # type: ignore[index]


def test_a_body_that_never_arrives_is_a_408_and_creates_nothing(mock: MockProcess) -> None:
    before = run_count(mock)
    sock = connect(mock)
    sock.sendall(
        head(mock, "POST", DEV, "Content-Type: application/json", "Content-Length: 100") + b"{"
    )
    status, body = status_and_body(read_all(sock))
    sock.close()
    assert status == 408 and body["error"]["status"] == 408  # type: ignore[index]
    assert run_count(mock) == before


@pytest.mark.parametrize("sent", [0.0, 0.5], ids=["no body sent", "half the body sent"])
@pytest.mark.parametrize(
    ("label", "method", "path", "control"),
    [
        ("run a release flow", "POST", DEV, False),
        ("abort a run", "POST", f"{DEV}/RUN/abort", False),
        ("add a fault rule", "POST", "/_mock/faults", True),
        ("choose outcomes", "POST", "/_mock/outcomes", True),
        ("reset", "POST", "/_mock/reset", True),
    ],
)
def test_a_client_gone_before_its_body_ends_changes_nothing(
    mock: MockProcess, label: str, method: str, path: str, control: bool, sent: float
) -> None:
    mock.reset()
    with mock.http() as api:
        created = api.post(DEV, json={}).json()["data"]["id"]
    path = path.replace("RUN", created)
    before = _snapshot(mock, created)
    body = b'{"status": 500, "outcome": "failure"}' if control else b'{"name": "Abandoned"}'
    sock = connect(mock)
    sock.sendall(
        head(mock, method, path, "Content-Type: application/json", f"Content-Length: {len(body)}")
        + body[: int(len(body) * sent)]
    )
    time.sleep(0.2)
    sock.close()  # gone before the end of the body it declared
    time.sleep(0.3)
    assert _snapshot(mock, created) == before, label


def _snapshot(mock: MockProcess, run_id: str) -> dict[str, object]:
    with mock.http() as api:
        run = api.get(f"{DEV}/{run_id}").json()["data"]
    return {
        "runs": run_count(mock),
        "status": run["status"],
        "faults": mock.control.get("/_mock/faults").json(),
        "outcomes": mock.control.get("/_mock/outcomes").json(),
        "clock": mock.control.get("/_mock/clock").json(),
    }


def test_a_body_sent_in_pieces_is_read_whole(mock: MockProcess) -> None:
    body = json.dumps({"name": "In pieces", "arguments": {"A": "x" * 5000}}).encode()
    sock = connect(mock)
    sock.sendall(
        head(mock, "POST", DEV, "Content-Type: application/json", f"Content-Length: {len(body)}")
    )
    for start in range(0, len(body), 1000):
        sock.sendall(body[start : start + 1000])
        time.sleep(0.02)
    raw = b""
    while b"\r\n\r\n" not in raw or len(raw.partition(b"\r\n\r\n")[2]) < 20:
        raw += sock.recv(65536)
    sock.close()
    assert raw.startswith(b"HTTP/1.1 200")


def test_abort_takes_an_empty_body_or_an_empty_object(mock: MockProcess) -> None:
    with mock.http() as api:
        for body, content_type in ((b"", None), (b"", "application/json"), (b"{}", "application/json"), (b"null", "application/json")):  # fmt: skip
            mock.reset()
            run = api.post(DEV, json={}).json()["data"]["id"]
            headers = {"Content-Type": content_type} if content_type else {}
            response = api.post(f"{DEV}/{run}/abort", content=body, headers=headers)
            assert response.status_code == 200, (body, response.text)
        refused = api.post(f"{DEV}/{EXAMPLE_RUN}/abort", json={"reason": "x"})
    assert refused.status_code == 400
    assert "takes no request body" in refused.json()["error"]["message"]


def test_many_connections_opened_and_left_do_not_stop_the_mock(mock: MockProcess) -> None:
    idle = [connect(mock) for _ in range(50)]
    try:
        with httpx.Client(base_url=mock.url, timeout=10) as client:
            assert client.get("/_mock/health").status_code == 200
    finally:
        for sock in idle:
            sock.close()


@pytest.fixture(scope="module")
def small_heads() -> Iterator[MockProcess]:
    with MockProcess("--manual-clock", "--max-header-bytes", "2048") as process:
        yield process


def _padded_head(mock: MockProcess, size: int, *extra: str) -> bytes:
    """A GET head of exactly `size` bytes."""
    bare = head(mock, "GET", DEV + "?per_page=1", *extra, "X-Pad: ")
    assert len(bare) < size
    return bare[:-4] + b"p" * (size - len(bare)) + b"\r\n\r\n"


@pytest.mark.parametrize("split", [1, 2, 3, 4, 100], ids=lambda n: f"split {n} before the end")
def test_a_head_at_the_limit_is_served_however_it_is_split(
    small_heads: MockProcess, split: int
) -> None:
    request = _padded_head(small_heads, 2048)
    sock = connect(small_heads)
    sock.sendall(request[:-split])
    time.sleep(0.05)
    sock.sendall(request[-split:])
    answer = sock.recv(65536)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]


def test_a_head_one_byte_over_the_limit_is_a_431(small_heads: MockProcess) -> None:
    sock = connect(small_heads)
    sock.sendall(_padded_head(small_heads, 2049))
    status, body = status_and_body(read_all(sock))
    sock.close()
    assert status == 431 and body["error"]["status"] == 431  # type: ignore[index]


def test_a_small_head_read_together_with_a_large_body_is_not_a_431(
    small_heads: MockProcess,
) -> None:
    body = json.dumps({"name": "Big body", "arguments": {"A": "x" * 20_000}}).encode()
    request = head(
        small_heads, "POST", DEV, "Content-Type: application/json", f"Content-Length: {len(body)}"
    )
    sock = connect(small_heads)
    sock.sendall(request + body)  # one write: the server reads head and body together
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(65536)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 200"), answer[:200]
