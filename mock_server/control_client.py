"""A running mock as a test sees it: where it is, the token to use, clients wired to it, its
control plane (`/_mock/*`) as Python calls, and checks of the requests it received in the style
of WireMock's `verify` and respx's `route.called`.

    mock = NorthflankMock(embedded)                       # or NorthflankMock.connect(url)
    mock.fault("listReleaseFlowRuns", status=503, count=1)
    ...                                                   # the code under test
    mock.assert_called("runReleaseFlow", times=1)

The pytest plugin (pytest_plugin.py) hands these out as fixtures.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from .control_headers import control_headers
from .embedded import EmbeddedMock

if TYPE_CHECKING:
    from northflank_release_client import AsyncNorthflank, Northflank

DEFAULT_TOKEN = "test-token"
CONTROL_TIMEOUT = 30.0
SHOWN_REQUESTS = 25  # how many received requests an assertion message lists


class MockControlError(AssertionError):
    """A control request the mock refused; the message is the mock's own."""


class MissingClientError(RuntimeError):
    """The generated client is not installed."""


@dataclass(frozen=True)
class RecordedRequest:
    """One request the mock received, as `GET /_mock/requests` lists it."""

    id: str
    time: float
    method: str
    operation_id: str | None  # None: no operation of the spec takes this method and path
    path: str  # as sent (percent-encoded), without the query
    query: str
    headers: dict[str, str]  # lowercase names; the token hidden
    body: Any  # parsed JSON, else text, else None
    status: int | None  # None: not answered (yet)
    duration_ms: float | None
    body_truncated: bool = False  # the body was cut short to fit the log (--request-log-bytes)

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> RecordedRequest:
        return cls(
            id=record["id"],
            time=record["time"],
            method=record["method"],
            operation_id=record.get("operationId"),
            path=record["path"],
            query=record["query"],
            headers=record["headers"],
            body=record["body"],
            status=record.get("status"),
            duration_ms=record.get("durationMs"),
            body_truncated=record.get("bodyTruncated", False),
        )

    def __str__(self) -> str:
        query = f"?{self.query}" if self.query else ""
        status = "-" if self.status is None else str(self.status)
        operation = self.operation_id or "(no operation)"
        return f"{self.method} {self.path}{query} -> {status}  {operation}"


class NorthflankMock:
    """A mock to drive from a test: embedded in this process (`NorthflankMock(embedded)`), or
    running elsewhere (`NorthflankMock.connect(url)`: a container, another process)."""

    def __init__(
        self,
        embedded: EmbeddedMock | None = None,
        *,
        url: str | None = None,
        token: str = DEFAULT_TOKEN,
        control_token: str | None = None,
    ) -> None:
        if (embedded is None) == (url is None):
            raise ValueError("give an embedded mock or the URL of one running elsewhere")
        self.embedded = embedded
        self._url = str(url).rstrip("/") if url is not None else None
        self.token = token
        self.control_token = control_token
        self._closing = contextlib.ExitStack()
        # Control requests to an embedded mock skip the socket, even when it has a port.
        self.control = self._track(
            httpx.Client(
                base_url=self.url,
                transport=embedded.transport() if embedded is not None else None,
                headers=control_headers(control_token),
                timeout=CONTROL_TIMEOUT,
            )
        )

    @property
    def url(self) -> str:
        """The mock's base URL (for an in-process mock, one only its transports reach)."""
        return self.embedded.url if self.embedded is not None else str(self._url)

    @classmethod
    def connect(
        cls, url: str, *, token: str = DEFAULT_TOKEN, control_token: str | None = None
    ) -> NorthflankMock:
        return cls(url=url, token=token, control_token=control_token)

    def handle(self) -> NorthflankMock:
        """Another handle on the same mock, whose clients its own close() closes."""
        if self.embedded is not None:
            return NorthflankMock(self.embedded, token=self.token, control_token=self.control_token)
        return NorthflankMock.connect(self.url, token=self.token, control_token=self.control_token)

    # Clients wired to the mock, closed by close().

    def http(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        """An httpx client of the API, sending `token` (default: `self.token`) as a bearer token:
        over the port, or in-process when the mock has none."""
        headers = {"Authorization": f"Bearer {token or self.token}", **kwargs.pop("headers", {})}
        if self.embedded is not None and not self.embedded.listen:
            kwargs.setdefault("transport", self.embedded.transport())
        return self._track(httpx.Client(base_url=self.url, headers=headers, **kwargs))

    def client(self, token: str | None = None, **kwargs: Any) -> Northflank:
        """The generated client (`northflank_release_client.Northflank`) for this mock: over
        the port, or in-process when the mock has none. `kwargs` go to `Northflank`."""
        northflank = _client_package()
        if self.embedded is not None and not self.embedded.listen:
            kwargs.setdefault("transport", self.embedded.transport())
        client: Northflank = northflank.Northflank(
            base_url=self.url, api_token=token or self.token, **kwargs
        )
        self._closing.callback(client.close)
        return client

    def async_client(self, token: str | None = None, **kwargs: Any) -> AsyncNorthflank:
        """`northflank_release_client.AsyncNorthflank` for this mock (in-process when it has no
        port). Close it with `await client.aclose()` or `async with`."""
        northflank = _client_package()
        if self.embedded is not None and not self.embedded.listen:
            kwargs.setdefault("transport", self.embedded.async_transport())
        client: AsyncNorthflank = northflank.AsyncNorthflank(
            base_url=self.url, api_token=token or self.token, **kwargs
        )
        return client

    def transport(self) -> httpx.BaseTransport:
        """A sync httpx transport into the mock's app, with no socket."""
        return self._embedded("transport()").transport()

    def async_transport(self) -> httpx.AsyncBaseTransport:
        """An async httpx transport into the mock's app, for any event loop."""
        return self._embedded("async_transport()").async_transport()

    def _embedded(self, what: str) -> EmbeddedMock:
        if self.embedded is None:
            raise RuntimeError(f"{what} needs a mock in this process; this one runs at {self.url}")
        return self.embedded

    # The control plane.

    def health(self) -> dict[str, Any]:
        return self._call("GET", "/_mock/health")

    def reset(self) -> None:
        """Back to the fixtures (read again if their files changed)."""
        self._call("POST", "/_mock/reset")

    def now(self) -> float:
        """The mock's time, in epoch seconds."""
        now: float = self._call("GET", "/_mock/clock")["now"]
        return now

    def advance(self, seconds: float) -> float:
        """Move the manual clock (`--manual-clock`) forward; the new time."""
        now: float = self._call("POST", "/_mock/clock", {"advance": seconds})["now"]
        return now

    def outcomes(
        self,
        outcome: str,
        *,
        count: int | None = None,
        project_id: str | None = None,
        pipeline_id: str | None = None,
        stage: str | None = None,
    ) -> dict[str, Any]:
        """How the next `count` (default: every) created runs end: success, failure or hold;
        in one stage when project_id, pipeline_id and stage are given."""
        body = {
            "outcome": outcome,
            "count": count,
            "projectId": project_id,
            "pipelineId": pipeline_id,
            "stage": stage,
        }
        return self._call("POST", "/_mock/outcomes", _present(body))

    def clear_outcomes(self) -> None:
        self._call("DELETE", "/_mock/outcomes")

    def run_outcome(self, run_id: str, outcome: str) -> dict[str, Any]:
        """How one run ends; the run's details."""
        return self._call("POST", f"/_mock/runs/{run_id}/outcome", {"outcome": outcome})

    def fault(
        self,
        operation_id: str = "*",
        *,
        status: int | None = None,
        delay_ms: int | None = None,
        count: int | None = None,
        probability: float | None = None,
        retry_after: int | None = None,
    ) -> dict[str, Any]:
        """Answer `status` and/or wait `delay_ms` on calls of `operation_id` ("*": all), for
        the next `count` calls or with `probability`; the rule as the mock stored it."""
        body = {
            "operationId": operation_id,
            "status": status,
            "delayMs": delay_ms,
            "count": count,
            "probability": probability,
            "retryAfter": retry_after,
        }
        return self._call("POST", "/_mock/faults", _present(body))

    def faults(self) -> list[dict[str, Any]]:
        rules: list[dict[str, Any]] = self._call("GET", "/_mock/faults")["rules"]
        return rules

    def clear_faults(self) -> None:
        self._call("DELETE", "/_mock/faults")

    # What the mock received.

    def requests(
        self,
        operation_id: str | None = None,
        *,
        method: str | None = None,
        path: str | None = None,
        status: int | str | None = None,
        since: float | str | None = None,
    ) -> list[RecordedRequest]:
        """The requests received since the last reset, oldest first, filtered: `path` may hold
        `*` wildcards, `status` may be a class ("4xx"), `since` a time on the mock's clock."""
        params = _present(
            {
                "operationId": operation_id,
                "method": method,
                "path": path,
                "status": status,
                "since": since,
            }
        )
        body = self._call("GET", "/_mock/requests", params=params)
        return [RecordedRequest.from_json(record) for record in body["requests"]]

    def count(self, operation_id: str | None = None, **filters: Any) -> int:
        """How many received requests match (the filters of requests())."""
        return len(self.requests(operation_id, **filters))

    def clear_requests(self) -> None:
        self._call("DELETE", "/_mock/requests")

    def assert_called(
        self, operation_id: str | None = None, *, times: int | None = None, **filters: Any
    ) -> list[RecordedRequest]:
        """Fail unless requests matching `operation_id` and `filters` (see requests()) arrived
        exactly `times` times (default: at least once). The message lists what did arrive.
        Returns the matching requests."""
        __tracebackhide__ = True  # pytest shows the test's line, not this one
        matching = self.requests(operation_id, **filters)
        if (times is None and matching) or len(matching) == times:
            return matching
        wanted = _describe(operation_id, filters)
        expected = "at least once" if times is None else _times(times)
        received = self.requests()
        actual = f"was called {_times(len(matching))}" if matching else "was never called"
        lines = [f"expected {wanted} to be called {expected}, but it {actual}."]
        lines.append(f"The mock received {len(received)} request(s) since its last reset:")
        shown = received[-SHOWN_REQUESTS:]
        if len(received) > len(shown):
            lines.append(f"  ... {len(received) - len(shown)} earlier ones not shown")
        matched = {request.id for request in matching}
        lines += [f"  {'*' if request.id in matched else ' '} {request}" for request in shown]
        if matching:
            lines.append("(* marks those that match)")
        raise AssertionError("\n".join(lines))

    def assert_not_called(
        self, operation_id: str | None = None, **filters: Any
    ) -> list[RecordedRequest]:
        __tracebackhide__ = True
        return self.assert_called(operation_id, times=0, **filters)

    def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        response = self.control.request(method, path, json=body, params=params)
        if response.status_code >= 400:
            try:
                error = response.json()["error"]
                message = str(error["message"])
                # Name each field a refusal is about: `advance: must be a number...`.
                problems = (error.get("details") or {}).get("errors") or []
                if problems:
                    message = "; ".join(
                        f"{problem.get('path') or problem.get('location')}: {problem['message']}"
                        for problem in problems
                    )
            except (ValueError, KeyError, TypeError, AttributeError):
                message = response.text[:2000]
            raise MockControlError(f"{method} {path} answered {response.status_code}: {message}")
        answer: dict[str, Any] = response.json()
        return answer

    def _track(self, client: httpx.Client) -> httpx.Client:
        self._closing.callback(client.close)
        return client

    def close(self) -> None:
        """Close every client this object made (the mock itself keeps running)."""
        self._closing.close()

    def __enter__(self) -> NorthflankMock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        where = "in-process" if self.embedded is not None and not self.embedded.listen else self.url
        return f"NorthflankMock({where})"


def _present(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def _describe(operation_id: str | None, filters: dict[str, Any]) -> str:
    parts = [operation_id or "any operation"]
    parts += [f"{name}={value!r}" for name, value in filters.items() if value is not None]
    return " ".join(parts)


def _times(count: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(count, f"{count} times")


def _client_package() -> Any:
    try:
        import northflank_release_client
    except ImportError as exc:
        raise MissingClientError(
            "the generated client is not installed: pip install it from the repository of "
            "this mock, generated/northflank-release-client (NorthflankMock.http() and "
            "transport() need only httpx)"
        ) from exc
    return northflank_release_client
