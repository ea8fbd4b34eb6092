"""The mock's fast paths answer exactly as the slow ways they replace.

Each speed-up keeps a reference to compare with: connexion's own stack (tests/test_differential.py
runs a generated corpus through both), the Python JSON-schema validator, a plain walk over a
list, and details() as a dict. Here: the shape of the chains the connexion adapter builds, the
bounds of its caches, and the fast paths beneath it.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from connexion.json_schema import resolve_refs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from mock_server import app as app_module
from mock_server.app import Settings, create_app
from mock_server.domain.clock import ManualClock
from mock_server.domain.pagination import paginate
from mock_server.errors import ApiError
from mock_server.http import connexion_adapter, validation
from mock_server.http.connexion_adapter import PreparedValidation
from mock_server.http.pipeline import MockServer
from mock_server.http.validation import ParameterValidator, compiled_check, schema_validator
from mock_server.spec import load_spec
from mock_server.storage.fixtures import load_dataset
from mock_server.storage.store import Store
from tests.conftest import RUNS

DEV = RUNS.format(stage="development")
AUTH = {"Authorization": "Bearer t"}


def _chain_kinds(chain: Any) -> list[str]:
    kinds = []
    layer = chain
    while layer is not None:
        kinds.append(type(layer).__name__)
        layer = getattr(layer, "next_app", None)
    return kinds


@pytest.mark.parametrize("strict", [False, True])
def test_each_operation_is_one_chain_of_connexions_checks_in_connexions_order(
    strict: bool,
) -> None:
    app = create_app(Settings(seed=3, manual_clock=True, strict_responses=strict))
    engine = app.engine
    assert isinstance(engine, connexion_adapter.ConnexionEngine)
    expected = ["SecurityOperation", "PreparedValidation"]
    expected += ["ResponseValidationOperation"] if strict else []
    expected += ["HandlerCall"]
    assert set(engine.chains) == app.routes.operation_ids
    for operation_id, chain in engine.chains.items():
        assert _chain_kinds(chain) == expected, operation_id


def _prepared(app: MockServer) -> list[PreparedValidation]:
    found = []
    for chain in app.engine.chains.values():  # type: ignore[attr-defined]
        layer = chain
        while layer is not None:
            if isinstance(layer, PreparedValidation):
                found.append(layer)
            layer = getattr(layer, "next_app", None)
    return found


def test_only_ui_paths_reach_swagger_ui_and_only_api_paths_the_engine() -> None:
    app = create_app(Settings(seed=3, manual_clock=True))
    reached: list[str] = []

    async def ui(scope: Scope, receive: Receive, send: Send) -> None:
        reached.append("ui " + scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def engine(scope: Scope, receive: Receive, send: Send, match: Any) -> None:
        reached.append("api " + scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    app.swagger_ui = ui
    app.engine = engine
    with TestClient(app) as client:
        for path in (DEV, "/ui/", "/ui", "/ui/swagger-ui.css", "/v1/ui", "/uix"):
            assert client.get(path, headers=AUTH).status_code == 204
    assert reached == [
        f"api {DEV}", "ui /ui/", "ui /ui", "ui /ui/swagger-ui.css", "api /v1/ui", "api /uix",
    ]  # fmt: skip


def test_the_body_is_replayed_once_and_then_receive_is_the_real_one() -> None:
    from mock_server.http.pipeline import _replay

    real: list[Message] = [{"type": "http.disconnect"}]

    async def receive() -> Message:
        return real.pop()

    async def read() -> list[Message]:
        replay = _replay(b"{}", receive)
        return [await replay(), await replay()]

    first, second = asyncio.run(read())
    assert first == {"type": "http.request", "body": b"{}", "more_body": False}
    assert second == {"type": "http.disconnect"} and real == []


def test_the_content_type_caches_stay_bounded() -> None:
    app = create_app(Settings(seed=3, manual_clock=True))
    with TestClient(app) as client:
        for index in range(150):
            content_type = f"application/json; charset=utf-8; v={index}"
            response = client.post(DEV, headers={**AUTH, "Content-Type": content_type})
            assert response.status_code == 200, response.text
        refused = client.post(DEV, headers={**AUTH, "Content-Type": "text/csv"}, content="a,b")
        assert refused.status_code == 415
    operations = _prepared(app)
    assert operations
    limit = connexion_adapter.MAX_CACHED_CONTENT_TYPES
    for operation in operations:
        assert len(operation.content_types) <= limit
        assert len(operation.bodies) <= limit
        assert len(operation.accepted) <= limit
    assert max(len(operation.content_types) for operation in operations) == limit


def test_a_cached_query_verdict_is_the_verdict_and_stays_bounded() -> None:
    app = create_app(Settings(seed=3, manual_clock=True))
    with TestClient(app) as client:
        first = client.get(f"{DEV}?per_page=2", headers=AUTH).json()
        second = client.get(f"{DEV}?per_page=2", headers=AUTH).json()
        assert first == second and len(first["data"]["runs"]) == 2
        for _ in range(2):
            refused = client.get(f"{DEV}?per_page=x&pp=1", headers=AUTH).json()["error"]
            assert [e["path"] for e in refused["details"]["errors"]] == ["per_page", "pp"]
        for index in range(validation.MAX_CACHED_QUERIES + 20):
            assert client.get(f"{DEV}?per_page={index % 90 + 1}&page={index}", headers=AUTH)
        long_query = "per_page=1&" + "&".join(f"x{i}=1" for i in range(200))
        assert len(long_query) > validation.MAX_CACHED_QUERY_BYTES
        refused = client.get(f"{DEV}?{long_query}", headers=AUTH).json()["error"]
        assert len(refused["details"]["errors"]) == 200
    validators = [operation.parameters for operation in _prepared(app)]
    sizes = [validator.check_query.cache_info().currsize for validator in validators]
    assert max(sizes) == validation.MAX_CACHED_QUERIES  # full, and no larger


_QUERY_TEXT = st.text(alphabet=st.sampled_from("per_pagcusointd=&%2B+01x-.;"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(raw=_QUERY_TEXT)
def test_a_query_checked_from_the_cache_equals_one_checked_afresh(raw: str) -> None:
    parameters = [
        p for p in _list_runs_parameters() if p["in"] == "query"
    ]  # the list operation's query parameters, refs inlined
    validator = ParameterValidator(parameters, strict_validation=True)
    encoded = raw.encode()
    fresh = validator.check_query_afresh(encoded)
    assert validator.check_query(encoded) == fresh
    assert validator.check_query(encoded) == fresh  # from the cache now
    assert validator.check_query.cache_info().hits == 1


@functools.cache
def _resolved_spec() -> dict[str, Any]:
    """The spec with refs inlined, as connexion hands its parts to the validators."""
    resolved: dict[str, Any] = resolve_refs(json.loads(json.dumps(load_spec())))
    return resolved


def _list_runs_parameters() -> list[dict[str, Any]]:
    for path_item in _resolved_spec()["paths"].values():
        for key, operation in path_item.items():
            if key == "get" and operation["operationId"] == "listReleaseFlowRuns":
                return [*path_item.get("parameters", []), *operation.get("parameters", [])]
    raise AssertionError("listReleaseFlowRuns not found")


def _request_schemas() -> Iterator[tuple[str, dict[str, Any]]]:
    """The request schemas as connexion hands them to the validators (refs inlined)."""
    for path_item in _resolved_spec()["paths"].values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                yield f"{operation['operationId']} {parameter['name']}", parameter["schema"]
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                yield f"{operation['operationId']} body", content["application/json"]["schema"]


REQUEST_SCHEMAS = dict(_request_schemas())
# Text close to what the schemas' patterns and limits care about, and Unicode spaces.
_TEXT = st.text(
    alphabet=st.sampled_from("aZ09 -_.,?\t\n\u00a0\u2003é✓\"'()[];`%^&*:!/\\"), max_size=45
)
_SCALARS = st.none() | st.booleans() | st.integers(-3, 300) | st.floats(allow_nan=False) | _TEXT
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3)
)
_BODY_KEYS = st.sampled_from(
    ["name", "description", "arguments", "overrides", "releaseNodeOverrides", "other"]
)
_BODIES = st.dictionaries(_BODY_KEYS, _VALUES | _TEXT, max_size=5)


@pytest.mark.parametrize("name", sorted(REQUEST_SCHEMAS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=_VALUES | _BODIES)
def test_the_compiled_check_agrees_with_the_python_validator(name: str, value: Any) -> None:
    schema = REQUEST_SCHEMAS[name]
    fast = compiled_check(schema)
    assert fast is not None, "every request schema has a compiled check"
    assert fast(value) == schema_validator(schema).is_valid(value), (name, value)


def _reference_page(items: list[int], per_page: int, skip: int, after: int | None) -> list[int]:
    newest_first = [i for i in reversed(items) if after is None or i < after]
    return newest_first[skip : skip + per_page]


@settings(max_examples=300, deadline=None)
@given(size=st.integers(0, 40), per_page=st.integers(1, 12), page=st.none() | st.integers(1, 8))
def test_a_sliced_page_matches_a_walk_over_the_list(
    size: int, per_page: int, page: int | None
) -> None:
    items = list(range(1, size + 1))
    first = paginate(items, int, "t", per_page=per_page, page=page, cursor=None)
    skip = (page - 1) * per_page if page else 0
    assert first.items == _reference_page(items, per_page, skip, None)
    assert (first.next_cursor is not None) == (size > skip + per_page)
    if first.next_cursor is not None:
        after = first.items[-1]
        second = paginate(items, int, "t", per_page=per_page, page=None, cursor=first.next_cursor)
        assert second.items == _reference_page(items, per_page, 0, after)


@pytest.fixture
def store() -> Store:
    return Store(load_dataset(), ManualClock(), seed=5)


def test_run_details_from_encoded_pieces_equal_the_details(store: Store) -> None:
    clock = store.clock
    assert isinstance(clock, ManualClock)
    checked = 0
    for flow in store.flows.values():
        for record in flow.runs[:3] + flow.runs[-3:]:
            assert json.loads(store.details_json(flow, record)) == store.details(flow, record)
        created = []
        for body in ({}, {"name": "Run two", "arguments": {"X": "1"}}, {"description": "d"}):
            with contextlib.suppress(ApiError):  # a policy that refuses a second active run
                created.append(store.create_run(flow, body))
        for step in range(12):  # pending, running, concluded, aborted along the way
            for record in created:
                encoded = json.loads(store.details_json(flow, record))
                assert encoded == store.details(flow, record), (flow.key, step)
                checked += 1
            if step == 2 and created and not created[-1].concluded(clock.now()):
                store.abort_run(flow, created[-1])
            clock.advance(3)
    assert checked > 50


def test_run_ids_come_from_a_generator_reseeded_in_a_forked_child() -> None:
    import os
    import warnings

    unseeded = Store(load_dataset(), ManualClock())
    read, write = os.pipe()
    with warnings.catch_warnings():  # Python 3.12+ warns when other threads are alive
        warnings.simplefilter("ignore", DeprecationWarning)
        child = os.fork()
    if child == 0:  # pragma: no cover - the child process
        # Whatever happens, the child never returns into pytest: a second copy of this worker
        # would talk to pytest-xdist's controller on the same pipes.
        try:
            os.write(write, unseeded.ids.next().encode())
        finally:
            os._exit(0)
    os.close(write)
    _reap_within(child, 30)
    with os.fdopen(read) as pipe:
        in_child = pipe.read()
    in_parent = unseeded.ids.next()
    assert len(in_child) == len(in_parent) == 36 and in_parent[14] == "4"
    assert in_child != in_parent


def _reap_within(child: int, seconds: float) -> None:
    """Wait for a forked child; kill it (and fail) if it has not ended in time."""
    import os
    import signal
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.01)
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    raise AssertionError(f"the forked child did not end within {seconds} s")


def test_a_worker_settles_its_heap_once_its_app_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    monkeypatch.setenv(app_module.SETTINGS_VARIABLE, Settings(seed=3).to_json())
    # A worker ends with its master (processes.follow_parent); this test process must not.
    followed: list[bool] = []
    monkeypatch.setattr(app_module, "follow_parent", lambda: followed.append(True))
    before = gc.get_freeze_count()
    try:
        worker_app = app_module.app_from_environment()
        assert followed == [True]
        assert gc.get_freeze_count() > before  # out of the collector's sight
        with TestClient(worker_app) as client:
            assert client.get(DEV, headers=AUTH).status_code == 200
    finally:
        gc.unfreeze()


_HEADER_VALUES = st.binary(max_size=12) | st.sampled_from(
    [b"Bearer t", b"bearer  t  u", b"Basic", b" Bearer", b"Bearer\tx", b"", b"\xe9 x"]
)


@settings(max_examples=300, deadline=None)
@given(
    headers=st.lists(
        st.tuples(
            st.sampled_from([b"authorization", b"Authorization", b"accept", b"x-authorization"]),
            _HEADER_VALUES,
        ),
        max_size=4,
    )
)
def test_the_authorization_header_is_read_as_connexion_reads_it(
    headers: list[tuple[bytes, bytes]],
) -> None:
    from connexion.exceptions import OAuthProblem
    from connexion.lifecycle import ConnexionRequest
    from connexion.security import BearerSecurityHandler

    from mock_server.http.connexion_adapter import authorization_header

    scope = {"type": "http", "headers": headers}

    def outcome(read: Any) -> Any:
        try:
            return read()
        except OAuthProblem as problem:
            return ("refused", problem.detail)

    ours = outcome(lambda: authorization_header(scope))
    theirs = outcome(lambda: BearerSecurityHandler.get_auth_header_value(ConnexionRequest(scope)))
    assert ours == theirs
